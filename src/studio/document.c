/* document.c: opening what the studio shows (the sample client or a consultation file). */
#define _DEFAULT_SOURCE /* strdup, realpath */
#include <errno.h>
#include <stddef.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

/* A malloc'd copy of count items; NULL for none (and when out of memory). */
static void *duplicate(const void *from, int count, size_t size) {
    void *to = count > 0 ? malloc((size_t)count * size) : NULL;
    if (to) memcpy(to, from, (size_t)count * size);
    return to;
}

int studio_shape_copy(const studio_shape *from, studio_shape *to) {
    studio_shape copy = {duplicate(from->outline, from->outline_count, sizeof(smp_point)), from->outline_count,
                         duplicate(from->strokes, from->stroke_count, sizeof(smp_stroke)), from->stroke_count};
    if ((copy.outline_count > 0 && !copy.outline) || (copy.stroke_count > 0 && !copy.strokes)) {
        studio_shape_free(&copy);
        return 0;
    }
    *to = copy;
    return 1;
}

/* Field by field: smp_stroke has padding memcmp would read. */
static int same_stroke(const smp_stroke *a, const smp_stroke *b) {
    return a->x0 == b->x0 && a->y0 == b->y0 && a->x1 == b->x1 && a->y1 == b->y1 && a->radius == b->radius &&
           a->value == b->value;
}

int studio_shape_equal(const studio_shape *a, const studio_shape *b) {
    if (a->outline_count != b->outline_count || a->stroke_count != b->stroke_count) return 0;
    for (int i = 0; i < a->outline_count; i++)
        if (a->outline[i].x != b->outline[i].x || a->outline[i].y != b->outline[i].y) return 0;
    for (int i = 0; i < a->stroke_count; i++)
        if (!same_stroke(&a->strokes[i], &b->strokes[i])) return 0;
    return 1;
}

void studio_shape_free(studio_shape *shape) {
    free(shape->outline);
    free(shape->strokes);
    *shape = (studio_shape){0};
}

/* Forgets the mask the layer made last. */
static void forget_drawn(studio_layer *layer) {
    smp_mask_destroy(layer->drawn);
    studio_shape_free(&layer->drawn_shape);
    layer->drawn = NULL;
}

/* The layer's paint replaced by `paint` (NULL: none), which it takes. */
static void set_paint(studio_layer *layer, smp_mask *paint) {
    smp_mask_destroy(layer->paint);
    layer->paint = paint;
    forget_drawn(layer);
}

static void free_layer(studio_layer *layer) {
    set_paint(layer, NULL);
    studio_shape_free(&layer->shape);
}

/* Draws the layer into its kept mask, made anew unless one of the cells
 * wanted is there to draw over: its paint, its outline filled over it, then
 * its strokes (so the eraser takes from both), as a consultation file's
 * layer. On failure the layer keeps no mask. */
static smp_status redraw(const studio_document *doc, studio_layer *layer, int cell) {
    const studio_shape *shape = &layer->shape;
    int outline = shape->outline_count >= 3; /* fewer: an outline still being drawn */
    int over = layer->drawn && layer->drawn->cell == cell;
    if (!over) forget_drawn(layer);
    studio_shape_free(&layer->drawn_shape);
    smp_status status = over ? SMP_OK : smp_mask_create(doc->info.width, doc->info.height, cell, 0.0f, &layer->drawn);
    size_t bytes = status == SMP_OK ? (size_t)layer->drawn->width * (size_t)layer->drawn->height * sizeof(float) : 0;
    if (status == SMP_OK && layer->paint) memcpy(layer->drawn->coverage, layer->paint->coverage, bytes);
    else if (status == SMP_OK && over) memset(layer->drawn->coverage, 0, bytes);
    smp_project_layer drawn = {outline ? shape->outline : NULL, outline ? shape->outline_count : 0, NULL,
                               shape->strokes, shape->stroke_count};
    if (status == SMP_OK) status = smp_project_layer_draw(&drawn, layer->drawn);
    if (status == SMP_OK && !studio_shape_copy(shape, &layer->drawn_shape)) status = SMP_ERR_OUT_OF_MEMORY;
    if (status != SMP_OK) forget_drawn(layer);
    return status;
}

/* The mask a layer makes, which it keeps: an edit changes one layer, and
 * the others' masks are then taken as they are, and the edited one drawn
 * over its old cells, with no new memory to fault in page by page. NULL
 * when there is nothing. */
static smp_status layer_mask(const studio_document *doc, studio_layer *layer, const smp_mask **out) {
    *out = NULL;
    const studio_shape *shape = &layer->shape;
    int treatment = layer == &doc->layers[STUDIO_LAYER_TREATMENT];
    if (!layer->paint && shape->outline_count < 3 && !shape->stroke_count && !treatment) {
        forget_drawn(layer);
        return SMP_OK;
    }
    int cell = smp_mask_cell_for_scale(doc->px_per_mm);
    int same = layer->drawn && layer->drawn->cell == cell && studio_shape_equal(shape, &layer->drawn_shape);
    smp_status status = same ? SMP_OK : redraw(doc, layer, cell);
    if (status == SMP_OK) *out = layer->drawn;
    return status;
}

/* The layers' masks (NULL where a layer has nothing), as a design takes them. */
static smp_status layer_masks(studio_document *doc, smp_design_desc *desc) {
    const smp_mask *masks[STUDIO_LAYERS] = {NULL};
    smp_status status = SMP_OK;
    for (int i = 0; i < STUDIO_LAYERS && status == SMP_OK; i++) status = layer_mask(doc, &doc->layers[i], &masks[i]);
    *desc = (smp_design_desc){doc->info.width, doc->info.height, doc->px_per_mm, masks[0], masks[1], masks[2]};
    return status;
}

/* A design of the layers with a style. */
static smp_status make_design(studio_document *doc, const smp_style *style, smp_design **out) {
    smp_design_desc desc;
    smp_design *design = NULL;
    smp_status status = layer_masks(doc, &desc);
    if (status == SMP_OK) status = smp_design_create(&desc, &design);
    if (status == SMP_OK && style) status = smp_design_set_style(design, style);
    if (status == SMP_OK) *out = design;
    else smp_design_destroy(design);
    return status;
}

/* Makes the design and the renderer once the photo and layers are in; closes doc on failure. */
static int document_finish(studio_document *doc, smp_status status, const smp_style *style) {
    if (status == SMP_OK) status = make_design(doc, style, &doc->design);
    if (status == SMP_OK) status = smp_renderer_create(doc->photo, &doc->renderer);
    if (status == SMP_OK) return STUDIO_EXIT_OK;
    int code = studio_status_error(status);
    studio_document_close(doc);
    return code;
}

int studio_document_open_source(studio_document *doc, const studio_source *source) {
    return source->project ? studio_document_open_project(doc, source->project, source->variant)
           : source->photo ? studio_document_open_photo(doc, source->photo, source->mask)
                           : studio_document_open_sample(doc);
}

int studio_document_open_sample(studio_document *doc) {
    *doc = (studio_document){0};
    snprintf(doc->title, sizeof doc->title, "Sample client (generated)");
    smp_sample_client client;
    smp_status status = smp_sample_client_get(&client);
    if (status == SMP_OK) status = smp_sample_client_open(&doc->photo, &doc->info, NULL);
    doc->px_per_mm = client.px_per_mm;
    int cell = smp_mask_cell_for_scale(client.px_per_mm);
    const smp_embedded_file *files[2] = {&client.mask, &client.blend_mask};
    for (int i = 0; i < 2 && status == SMP_OK; i++)
        status = smp_mask_load_memory(files[i]->data, files[i]->size, files[i]->name, doc->info.width,
                                      doc->info.height, cell, &doc->layers[i].paint);
    return document_finish(doc, status, NULL);
}

/* The consultation's layers: their mask files read, their outlines and strokes copied. */
static smp_status read_layers(studio_document *doc) {
    const smp_project_layer *from[STUDIO_LAYERS] = {&doc->project->treatment, &doc->project->blend,
                                                     &doc->project->scar};
    int cell = smp_mask_cell_for_scale(doc->px_per_mm);
    smp_status status = SMP_OK;
    for (int i = 0; i < STUDIO_LAYERS && status == SMP_OK; i++) {
        studio_layer *layer = &doc->layers[i];
        smp_project_layer paint_only = {.mask = from[i]->mask};
        status = smp_project_layer_mask(&paint_only, doc->project_path, doc->info.width, doc->info.height, cell,
                                        &layer->paint);
        studio_shape drawn = {from[i]->outline, from[i]->outline_count, from[i]->strokes, from[i]->stroke_count};
        if (status == SMP_OK && !studio_shape_copy(&drawn, &layer->shape)) return SMP_ERR_OUT_OF_MEMORY;
    }
    return status;
}

/* Shows variant v of a consultation (doc takes the project and a copy of its path). */
static int open_consultation(studio_document *doc, smp_project *project, const char *path, int v) {
    const char *client = project->client ? project->client : path;
    snprintf(doc->title, sizeof doc->title, "%s, %s", client, project->variants[v].name);
    doc->project = project;
    doc->variant = v;
    char photo[4096];
    smp_calibration scale = {0};
    smp_status status = (doc->project_path = strdup(path)) ? SMP_OK : SMP_ERR_OUT_OF_MEMORY;
    if (status == SMP_OK) status = smp_project_path(path, project->photo, photo, sizeof photo);
    if (status == SMP_OK) status = smp_image_load(photo, NULL, &doc->photo, &doc->info);
    if (status == SMP_OK) status = smp_calibrate(&project->calibration, doc->info.width, doc->info.height, &scale);
    doc->px_per_mm = scale.px_per_mm;
    if (status == SMP_OK) status = read_layers(doc);
    return document_finish(doc, status, &project->variants[v].style);
}

int studio_document_open_project(studio_document *doc, const char *path, const char *variant) {
    *doc = (studio_document){0};
    smp_project *project = NULL;
    smp_status status = smp_project_load(path, &project);
    if (status != SMP_OK) return studio_status_error(status);
    int v = smp_project_find_variant(project, variant);
    if (v < 0) {
        smp_project_destroy(project);
        return studio_error(STUDIO_EXIT_USAGE, "--project-variant: %s has no variant '%s'", path, variant);
    }
    return open_consultation(doc, project, path, v);
}

/* Where a new consultation on a photo is saved: beside it as PHOTO-NAME.json,
 * or PHOTO-NAME-2.json ... when that is taken, so an earlier consultation on
 * the same photo is never overwritten. */
static int new_consultation_path(const char *photo, char *out, size_t size) {
    int stem = studio_path_stem(photo);
    for (int i = 1; i <= 99; i++) {
        int n = i == 1 ? snprintf(out, size, "%.*s.json", stem, photo) : snprintf(out, size, "%.*s-%d.json", stem, photo, i);
        if (n < 0 || (size_t)n >= size) return studio_error(STUDIO_EXIT_USAGE, "%s: the path is too long", photo);
        struct stat st;
        if (stat(out, &st) != 0) return STUDIO_EXIT_OK;
    }
    return studio_error(STUDIO_EXIT_USAGE, "%s: consultations up to -99.json are there already; open one", photo);
}

int studio_document_open_photo(studio_document *doc, const char *photo, const char *mask) {
    *doc = (studio_document){0};
    char path[4096];
    int code = new_consultation_path(photo, path, sizeof path);
    if (code != STUDIO_EXIT_OK) return code;
    smp_project *project = calloc(1, sizeof *project);
    char *mask_path = mask ? realpath(mask, NULL) : NULL;
    if (mask && !mask_path) {
        free(project);
        return studio_error(smp_status_exit_code(SMP_ERR_READ), "--mask: cannot read %s: %s", mask, strerror(errno));
    }
    if (!project || !(project->photo = strdup(studio_path_name(photo)))) {
        free(mask_path);
        smp_project_destroy(project);
        return studio_status_error(SMP_ERR_OUT_OF_MEMORY);
    }
    project->treatment.mask = mask_path;
    project->variant_count = 1;
    snprintf(project->variants[0].name, sizeof project->variants[0].name, "default");
    smp_style_resolve(&(smp_style){0}, &project->variants[0].style);
    return open_consultation(doc, project, path, 0);
}

smp_style studio_document_other_style(const studio_document *doc) {
    smp_style style = *smp_design_style(doc->design);
    style.hairline = style.hairline == SMP_HAIRLINE_SOFT ? SMP_HAIRLINE_SHARP : SMP_HAIRLINE_SOFT;
    style.feather_mm = 0.0; /* the other hairline's own default */
    return style;
}

const char *studio_hairline_name(const smp_style *style) {
    return style->hairline == SMP_HAIRLINE_SHARP ? "Sharp hairline" : "Soft hairline";
}

const char *studio_path_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int studio_path_stem(const char *path) {
    const char *name = studio_path_name(path), *dot = strrchr(name, '.');
    return (int)(dot && dot > name ? dot - path : (ptrdiff_t)strlen(path));
}

int studio_document_open_other(studio_document *doc) {
    if (doc->other) return STUDIO_EXIT_OK;
    doc->other_hairline = !doc->project || doc->project->variant_count < 2;
    smp_style style = studio_document_other_style(doc);
    if (!doc->other_hairline) {
        int v = (doc->variant + 1) % doc->project->variant_count;
        style = doc->project->variants[v].style;
        snprintf(doc->other_name, sizeof doc->other_name, "%s", doc->project->variants[v].name);
        snprintf(doc->name, sizeof doc->name, "%s", doc->project->variants[doc->variant].name);
    } else {
        snprintf(doc->other_name, sizeof doc->other_name, "%s", studio_hairline_name(&style));
        snprintf(doc->name, sizeof doc->name, "%s", studio_hairline_name(smp_design_style(doc->design)));
    }
    smp_status status = make_design(doc, &style, &doc->other);
    return status == SMP_OK ? STUDIO_EXIT_OK : studio_status_error(status);
}

/* The designs given the layers as they are now, each keeping what an edit
 * left alone (see smp_design_set_masks); the other side copies the rest
 * from the first rather than working it out again. Should the other side's
 * fail, it keeps its old masks until the next edit that succeeds. */
int studio_document_rebuild(studio_document *doc) {
    smp_design_desc desc;
    smp_status status = layer_masks(doc, &desc);
    if (status == SMP_OK) status = smp_design_set_masks(doc->design, &desc);
    if (status == SMP_OK && doc->other) status = smp_design_set_masks_like(doc->other, doc->design);
    return status == SMP_OK ? STUDIO_EXIT_OK : studio_status_error(status);
}

/* Few enough handles to take one by one; the trace keeps those that matter most. */
#define STUDIO_TRACE_POINTS 20

int studio_document_trace(studio_document *doc, int which) {
    studio_layer *layer = &doc->layers[which];
    if (layer->shape.outline || !layer->paint) return STUDIO_EXIT_OK;
    smp_status status =
        smp_mask_trace(layer->paint, 0.0, STUDIO_TRACE_POINTS, &layer->shape.outline, &layer->shape.outline_count);
    if (status != SMP_OK) return studio_status_error(status);
    set_paint(layer, NULL);
    return studio_document_rebuild(doc);
}

/* Copies the document's layers into the consultation: outlines and strokes,
 * and no mask file where the paint became an outline. */
static smp_status write_layers(studio_document *doc) {
    smp_project_layer *to[STUDIO_LAYERS] = {&doc->project->treatment, &doc->project->blend, &doc->project->scar};
    for (int i = 0; i < STUDIO_LAYERS; i++) {
        const studio_layer *layer = &doc->layers[i];
        studio_shape copy;
        if (!studio_shape_copy(&layer->shape, &copy)) return SMP_ERR_OUT_OF_MEMORY;
        if (copy.outline_count < 3) free(copy.outline), copy.outline = NULL, copy.outline_count = 0; /* not drawn yet */
        free(to[i]->outline), free(to[i]->strokes);
        to[i]->outline = copy.outline, to[i]->outline_count = copy.outline_count;
        to[i]->strokes = copy.strokes, to[i]->stroke_count = copy.stroke_count;
        if (!layer->paint) free(to[i]->mask), to[i]->mask = NULL;
    }
    return SMP_OK;
}

/* Each layer's paint read again from its mask file for cells of a new scale;
 * on failure nothing changes. */
static smp_status reread_paint(studio_document *doc, double px_per_mm) {
    const smp_project_layer *from[STUDIO_LAYERS] = {&doc->project->treatment, &doc->project->blend,
                                                     &doc->project->scar};
    smp_mask *paint[STUDIO_LAYERS] = {NULL};
    smp_status status = SMP_OK;
    for (int i = 0; i < STUDIO_LAYERS && status == SMP_OK; i++) {
        smp_project_layer paint_only = {.mask = doc->layers[i].paint ? from[i]->mask : NULL};
        status = smp_project_layer_mask(&paint_only, doc->project_path, doc->info.width, doc->info.height,
                                        smp_mask_cell_for_scale(px_per_mm), &paint[i]);
    }
    for (int i = 0; i < STUDIO_LAYERS; i++) {
        if (status == SMP_OK) set_paint(&doc->layers[i], paint[i]);
        else smp_mask_destroy(paint[i]);
    }
    return status;
}

int studio_document_calibrate(studio_document *doc, const smp_calibration_settings *calibration) {
    if (!doc->project)
        return studio_error(STUDIO_EXIT_USAGE, "the sample client's scale is known (%.1f px/mm)", doc->px_per_mm);
    smp_calibration scale;
    smp_status status = smp_calibrate(calibration, doc->info.width, doc->info.height, &scale);
    if (status == SMP_OK) status = reread_paint(doc, scale.px_per_mm);
    if (status != SMP_OK) return studio_status_error(status);
    doc->project->calibration = *calibration;
    doc->px_per_mm = scale.px_per_mm;
    return studio_document_rebuild(doc);
}

int studio_document_import(studio_document *doc, int which, const char *path) {
    if (!doc->project)
        return studio_error(STUDIO_EXIT_USAGE, "the sample client is built in; open its photo to import masks");
    char *absolute = realpath(path, NULL);
    if (!absolute) return studio_error(smp_status_exit_code(SMP_ERR_READ), "%s: %s", path, strerror(errno));
    smp_mask *paint = NULL;
    smp_status status = smp_mask_load(absolute, doc->info.width, doc->info.height,
                                      smp_mask_cell_for_scale(doc->px_per_mm), &paint);
    if (status != SMP_OK) {
        free(absolute);
        return studio_status_error(status);
    }
    smp_project_layer *to[STUDIO_LAYERS] = {&doc->project->treatment, &doc->project->blend, &doc->project->scar};
    free(to[which]->mask);
    to[which]->mask = absolute;
    set_paint(&doc->layers[which], paint);
    return studio_document_rebuild(doc);
}

/* The consultation as it is on screen, written to path. */
static int save_to(studio_document *doc, const char *path) {
    doc->project->variants[doc->variant].style = *smp_design_style(doc->design);
    smp_status status = write_layers(doc);
    if (status == SMP_OK) status = smp_project_save(doc->project, path);
    return status == SMP_OK ? STUDIO_EXIT_OK : studio_status_error(status);
}

int studio_document_save(studio_document *doc) {
    if (!doc->project)
        return studio_error(STUDIO_EXIT_USAGE, "the sample client is built in; open a consultation file to save");
    int code = save_to(doc, doc->project_path);
    if (code == STUDIO_EXIT_OK) studio_document_drop_autosave(doc);
    return code;
}

int studio_document_autosave_path(const studio_document *doc, char *out, size_t size) {
    if (!doc->project) return 0;
    int n = snprintf(out, size, "%.*s.autosave.json", studio_path_stem(doc->project_path), doc->project_path);
    return n > 0 && (size_t)n < size;
}

int studio_document_autosave(studio_document *doc) {
    char path[4096];
    const studio_layer *treatment = &doc->layers[STUDIO_LAYER_TREATMENT];
    /* Before a treatment area is there (its outline's first clicks) there is nothing to lose, and no valid file. */
    int drawn = treatment->paint || treatment->shape.outline_count >= 3 || treatment->shape.stroke_count;
    return drawn && studio_document_autosave_path(doc, path, sizeof path) ? save_to(doc, path) : STUDIO_EXIT_OK;
}

void studio_document_drop_autosave(const studio_document *doc) {
    char path[4096];
    if (studio_document_autosave_path(doc, path, sizeof path)) remove(path);
}

int studio_document_autosave_newer(const studio_document *doc) {
    char path[4096];
    struct stat kept, saved;
    if (!studio_document_autosave_path(doc, path, sizeof path) || stat(path, &kept) != 0) return 0;
    return stat(doc->project_path, &saved) != 0 || kept.st_mtim.tv_sec > saved.st_mtim.tv_sec ||
           (kept.st_mtim.tv_sec == saved.st_mtim.tv_sec && kept.st_mtim.tv_nsec > saved.st_mtim.tv_nsec);
}

int studio_document_restore(studio_document *doc) {
    char path[4096];
    studio_document restored;
    if (!studio_document_autosave_path(doc, path, sizeof path)) return STUDIO_EXIT_USAGE;
    int code = studio_document_open_project(&restored, path, doc->project->variants[doc->variant].name);
    char *original = code == STUDIO_EXIT_OK ? strdup(doc->project_path) : NULL;
    if (code == STUDIO_EXIT_OK && !original) {
        studio_document_close(&restored);
        code = studio_status_error(SMP_ERR_OUT_OF_MEMORY);
    }
    if (code != STUDIO_EXIT_OK) return code;
    /* The kept edits, saved (Ctrl+S) where they belong. */
    free(restored.project_path);
    restored.project_path = original;
    snprintf(restored.title, sizeof restored.title, "%s", doc->title);
    studio_document_close(doc);
    *doc = restored;
    return STUDIO_EXIT_OK;
}

void studio_document_close(studio_document *doc) {
    for (int i = 0; i < STUDIO_LAYERS; i++) free_layer(&doc->layers[i]);
    smp_renderer_destroy(doc->renderer);
    smp_design_destroy(doc->design);
    smp_design_destroy(doc->other);
    smp_image_destroy(doc->photo);
    smp_project_destroy(doc->project);
    free(doc->project_path);
    *doc = (studio_document){0};
}
