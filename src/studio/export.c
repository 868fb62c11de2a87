/* export.c: Ctrl+E, the after image, the before/after sheet and the variants
 * sheet at full resolution, on a worker thread so the preview stays live. The
 * worker has its own renderer and its own copies of the dots, so edits made
 * meanwhile neither race with it nor change what it writes. */
#define _POSIX_C_SOURCE 200809L /* mkdir's mode, snprintf */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "studio.h"

struct studio_export {
    SDL_Thread *thread;
    SDL_atomic_t permille, cancel, done;
    int code;
    char folder[4096];
    const smp_image *photo; /* borrowed from the document, which outlives the export */
    int count;              /* dots[0] is the design on screen, the others its variants */
    smp_dot_list dots[1 + SMP_PROJECT_MAX_VARIANTS];
    char names[1 + SMP_PROJECT_MAX_VARIANTS][SMP_PROJECT_NAME_MAX];
    int rendering;          /* which of them the renderer is on */
    double px_per_mm;
    smp_look look;
};

static int on_progress(void *user, double done) {
    studio_export *e = user;
    /* Each render its share of nine tenths; the last tenth is the encoders'. */
    SDL_AtomicSet(&e->permille, (int)((e->rendering + done) / e->count * 900.0));
    return SDL_AtomicGet(&e->cancel);
}

static smp_status save_in(const studio_export *e, const smp_image *image, const char *name) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", e->folder, name);
    return smp_image_save(image, path, NULL);
}

/* A labelled sheet of images, as the smp command's. */
static smp_status save_sheet(const studio_export *e, const smp_sheet_cell *cells, int count, const char *name) {
    smp_font *font = NULL;
    smp_status status = smp_font_load(NULL, &font);
    smp_image *sheet = NULL;
    if (status == SMP_OK) status = smp_sheet_compose(cells, count, font, &(smp_sheet_settings){0}, &sheet);
    if (status == SMP_OK) status = save_in(e, sheet, name);
    smp_image_destroy(sheet);
    smp_font_destroy(font);
    return status;
}

/* Renders every dot list (the after first), then writes after.png and the sheets. */
static smp_status render_all(studio_export *e, smp_image **images) {
    smp_renderer *renderer = NULL;
    smp_status status = smp_renderer_create(e->photo, &renderer);
    for (e->rendering = 0; e->rendering < e->count && status == SMP_OK; e->rendering++) {
        images[e->rendering] = smp_image_create(e->photo->width, e->photo->height);
        status = images[e->rendering] ? smp_render_dots(renderer, &e->dots[e->rendering], e->px_per_mm, &e->look, NULL,
                                                        images[e->rendering], on_progress, e)
                                      : SMP_ERR_OUT_OF_MEMORY;
    }
    smp_renderer_destroy(renderer);
    if (status == SMP_OK) status = save_in(e, images[0], "after.png");
    SDL_AtomicSet(&e->permille, 930);
    smp_sheet_cell cells[2 + SMP_PROJECT_MAX_VARIANTS] = {{e->photo, "Before"}, {images[0], "After"}};
    if (status == SMP_OK) status = save_sheet(e, cells, 2, "before_after.png");
    SDL_AtomicSet(&e->permille, 960);
    for (int i = 1; i < e->count; i++) cells[i] = (smp_sheet_cell){images[i], e->names[i]};
    if (status == SMP_OK && e->count > 1) status = save_sheet(e, cells, e->count, "variants.png");
    return status;
}

static int run_export(void *user) {
    studio_export *e = user;
    smp_image *images[1 + SMP_PROJECT_MAX_VARIANTS] = {NULL};
    smp_status status = render_all(e, images);
    for (int i = 0; i < e->count; i++) smp_image_destroy(images[i]);
    e->code = status == SMP_OK ? STUDIO_EXIT_OK : studio_status_error(status);
    SDL_AtomicSet(&e->done, 1);
    return 0;
}

static void free_export(studio_export *e) {
    for (int i = 0; i < 1 + SMP_PROJECT_MAX_VARIANTS; i++) smp_dot_list_free(&e->dots[i]);
    free(e);
}

/* Where the exports go: beside the consultation file (NAME-export/), or ./smp-studio-export/. */
static int export_folder(const studio_document *doc, char *out, size_t size) {
    if (doc->project_path) {
        snprintf(out, size, "%.*s-export", studio_path_stem(doc->project_path), doc->project_path);
    } else {
        snprintf(out, size, "smp-studio-export");
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST)
        return studio_error(STUDIO_EXIT_WRITE, "%s: cannot make the export folder (%s)", out, strerror(errno));
    return STUDIO_EXIT_OK;
}

/* The dots of each variant (the consultation's, or soft and sharp), by
 * giving the design each style in turn and then its own back. */
static smp_status variant_dots(studio_export *e, studio_document *doc) {
    const smp_style shown = *smp_design_style(doc->design);
    smp_style styles[SMP_PROJECT_MAX_VARIANTS];
    int n = 0;
    if (doc->project && doc->project->variant_count > 1) {
        for (; n < doc->project->variant_count; n++) {
            styles[n] = n == doc->variant ? shown : doc->project->variants[n].style;
            snprintf(e->names[1 + n], sizeof e->names[0], "%s", doc->project->variants[n].name);
        }
    } else {
        styles[n++] = shown;
        styles[n++] = studio_document_other_style(doc);
        for (int i = 0; i < 2; i++) snprintf(e->names[1 + i], sizeof e->names[0], "%s", studio_hairline_name(&styles[i]));
    }
    smp_status status = SMP_OK;
    for (int i = 0; i < n && status == SMP_OK; i++) {
        status = smp_design_set_style(doc->design, &styles[i]);
        if (status == SMP_OK) status = smp_design_dots(doc->design, NULL, &e->dots[1 + i]);
    }
    smp_status restored = smp_design_set_style(doc->design, &shown);
    e->count = 1 + n;
    return status == SMP_OK ? restored : status;
}

int studio_export_start(studio_document *doc, studio_export **out) {
    studio_export *e = calloc(1, sizeof *e);
    if (!e) return studio_error(STUDIO_EXIT_INTERNAL, "out of memory for an export");
    int code = export_folder(doc, e->folder, sizeof e->folder);
    e->photo = doc->photo, e->px_per_mm = smp_design_px_per_mm(doc->design), e->look = doc->look, e->count = 1;
    smp_status status = code == STUDIO_EXIT_OK ? smp_design_dots(doc->design, NULL, &e->dots[0]) : SMP_OK;
    if (code == STUDIO_EXIT_OK && status == SMP_OK) status = variant_dots(e, doc);
    if (status != SMP_OK) code = studio_status_error(status);
    if (code == STUDIO_EXIT_OK && !(e->thread = SDL_CreateThread(run_export, "export", e)))
        code = studio_error(STUDIO_EXIT_INTERNAL, "cannot start the export: %s", SDL_GetError());
    if (code != STUDIO_EXIT_OK) {
        free_export(e);
        return code;
    }
    *out = e;
    return STUDIO_EXIT_OK;
}

int studio_export_permille(const studio_export *e) {
    return SDL_AtomicGet((SDL_atomic_t *)&e->done) ? -1 : SDL_AtomicGet((SDL_atomic_t *)&e->permille);
}

const char *studio_export_folder(const studio_export *e) { return e->folder; }

int studio_export_finish(studio_export *e, int cancel) {
    if (!e) return STUDIO_EXIT_OK;
    if (cancel) SDL_AtomicSet(&e->cancel, 1);
    SDL_WaitThread(e->thread, NULL);
    int code = e->code;
    free_export(e);
    return code;
}
