/* export.c: Ctrl+E, the after image and the before/after sheet at full resolution, on a worker
 * thread so the preview stays live. The worker has its own renderer and its own copy of the dots,
 * so edits made meanwhile neither race with it nor change what it writes. */
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
    smp_dot_list dots;
    double px_per_mm;
    smp_look look;
};

static int on_progress(void *user, double done) {
    studio_export *e = user;
    SDL_AtomicSet(&e->permille, (int)(done * 900.0)); /* the last tenth is the encoders' */
    return SDL_AtomicGet(&e->cancel);
}

static smp_status save_in(const studio_export *e, const smp_image *image, const char *name) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", e->folder, name);
    return smp_image_save(image, path, NULL);
}

/* The before/after sheet, labelled as the exports of the smp command are. */
static smp_status save_sheet(const studio_export *e, const smp_image *after) {
    smp_font *font = NULL;
    smp_status status = smp_font_load(NULL, &font);
    smp_sheet_cell cells[2] = {{e->photo, "Before"}, {after, "After"}};
    smp_image *sheet = NULL;
    if (status == SMP_OK) status = smp_sheet_compose(cells, 2, font, &(smp_sheet_settings){0}, &sheet);
    if (status == SMP_OK) status = save_in(e, sheet, "before_after.png");
    smp_image_destroy(sheet);
    smp_font_destroy(font);
    return status;
}

static int run_export(void *user) {
    studio_export *e = user;
    smp_renderer *renderer = NULL;
    smp_image *after = smp_image_create(e->photo->width, e->photo->height);
    smp_status status = after ? smp_renderer_create(e->photo, &renderer) : SMP_ERR_OUT_OF_MEMORY;
    if (status == SMP_OK)
        status = smp_render_dots(renderer, &e->dots, e->px_per_mm, &e->look, NULL, after, on_progress, e);
    smp_renderer_destroy(renderer);
    if (status == SMP_OK) status = save_in(e, after, "after.png");
    SDL_AtomicSet(&e->permille, 950);
    if (status == SMP_OK) status = save_sheet(e, after);
    smp_image_destroy(after);
    e->code = status == SMP_OK ? STUDIO_EXIT_OK : studio_status_error(status);
    SDL_AtomicSet(&e->done, 1);
    return 0;
}

/* Where the exports go: beside the consultation file (NAME-export/), or ./smp-studio-export/. */
static int export_folder(const studio_document *doc, char *out, size_t size) {
    if (doc->project_path) {
        const char *dot = strrchr(doc->project_path, '.');
        int stem = dot && !strchr(dot, '/') ? (int)(dot - doc->project_path) : (int)strlen(doc->project_path);
        snprintf(out, size, "%.*s-export", stem, doc->project_path);
    } else {
        snprintf(out, size, "smp-studio-export");
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST)
        return studio_error(STUDIO_EXIT_WRITE, "%s: cannot make the export folder (%s)", out, strerror(errno));
    return STUDIO_EXIT_OK;
}

int studio_export_start(const studio_document *doc, studio_export **out) {
    studio_export *e = calloc(1, sizeof *e);
    if (!e) return studio_error(STUDIO_EXIT_INTERNAL, "out of memory for an export");
    int code = export_folder(doc, e->folder, sizeof e->folder);
    e->photo = doc->photo, e->px_per_mm = smp_design_px_per_mm(doc->design), e->look = doc->look;
    smp_status status = code == STUDIO_EXIT_OK ? smp_design_dots(doc->design, NULL, &e->dots) : SMP_OK;
    if (status != SMP_OK) code = studio_status_error(status);
    if (code == STUDIO_EXIT_OK && !(e->thread = SDL_CreateThread(run_export, "export", e)))
        code = studio_error(STUDIO_EXIT_INTERNAL, "cannot start the export: %s", SDL_GetError());
    if (code != STUDIO_EXIT_OK) {
        smp_dot_list_free(&e->dots);
        free(e);
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
    smp_dot_list_free(&e->dots);
    free(e);
    return code;
}
