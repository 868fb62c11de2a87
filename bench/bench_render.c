/* bench_render.c: rendering 1M dots on a 24-megapixel photo against Cairo, viewport frames, and an export's memory.
 * Run: build/release/bench/bench_render [path/to/smp] (see bench/run.sh). Prints Markdown tables. */
#define _POSIX_C_SOURCE 200809L
#include <cairo.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smp/smp.h"

enum { PHOTO_W = 6000, PHOTO_H = 4000 };

/* Skin-coloured noise: something for the renderer to read and Cairo to draw on. */
static smp_image *make_photo(void) {
    smp_image *im = smp_image_create(PHOTO_W, PHOTO_H);
    uint32_t r = 7;
    for (size_t i = 0; i < (size_t)PHOTO_W * PHOTO_H; i++) {
        r = r * 1664525u + 1013904223u;
        uint8_t *p = im->pixels + 4 * i;
        p[0] = (uint8_t)(205 + (r >> 28)), p[1] = (uint8_t)(165 + (r >> 29)), p[2] = (uint8_t)(145 + (r >> 30)), p[3] = 255;
    }
    return im;
}

/* A uniformly painted design on the photo whose dots number about `dots`. */
static smp_design *make_design(double dots, double *px_per_mm) {
    double area_mm2 = dots / (SMP_DENSITY_MAX / 100.0);
    *px_per_mm = sqrt((double)PHOTO_W * PHOTO_H / area_mm2);
    smp_mask *full = NULL;
    smp_design *d = NULL;
    if (smp_mask_create(PHOTO_W, PHOTO_H, smp_mask_cell_for_scale(*px_per_mm), 1.0f, &full) != SMP_OK ||
        smp_design_create(&(smp_design_desc){PHOTO_W, PHOTO_H, *px_per_mm, full, NULL, NULL}, &d) != SMP_OK ||
        smp_design_set_style(d, &(smp_style){.density = SMP_DENSITY_MAX}) != SMP_OK) {
        fprintf(stderr, "bench_render: %s\n", smp_last_error());
        exit(1);
    }
    smp_mask_destroy(full);
    return d;
}

static double cairo_draw(const smp_dot_list *dots, double px_per_mm) {
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, PHOTO_W, PHOTO_H);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 0.85, 0.7, 0.62);
    cairo_paint(cr);
    double t0 = omp_get_wtime();
    for (size_t i = 0; i < dots->count; i++) {
        const smp_dot *d = &dots->dots[i];
        cairo_set_source_rgba(cr, 0.16, 0.17, 0.2, d->shade);
        cairo_arc(cr, d->x_mm * px_per_mm, d->y_mm * px_per_mm, 0.5 * d->diameter_mm * px_per_mm, 0, 2 * 3.14159265358979323846);
        cairo_fill(cr);
    }
    cairo_surface_flush(surface);
    double t = omp_get_wtime() - t0;
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return t;
}

static double best_of(int runs, smp_renderer *r, const smp_dot_list *dots, double px_per_mm, const smp_view *view,
                      smp_image *out) {
    double best = INFINITY;
    for (int i = 0; i < runs; i++) {
        double t0 = omp_get_wtime();
        if (smp_render_dots(r, dots, px_per_mm, NULL, view, out, NULL, NULL) != SMP_OK) {
            fprintf(stderr, "bench_render: %s\n", smp_last_error());
            exit(1);
        }
        best = fmin(best, omp_get_wtime() - t0);
    }
    return best;
}

static void full_photo_table(smp_renderer *r, smp_design *d, double px_per_mm) {
    smp_dot_list dots = {0};
    smp_design_dots(d, NULL, &dots);
    smp_image *out = smp_image_create(PHOTO_W, PHOTO_H);
    double cairo = cairo_draw(&dots, px_per_mm);
    omp_set_num_threads(1);
    double one = best_of(5, r, &dots, px_per_mm, NULL, out);
    omp_set_num_threads(2);
    double two = best_of(5, r, &dots, px_per_mm, NULL, out);
    printf("| %zu dots, 24 MP | %.2f s | %.0f ms | %.0f ms | %.0fx | %.2fx |\n", dots.count, cairo, one * 1e3, two * 1e3,
           cairo / two, one / two);
    smp_image_destroy(out);
    smp_dot_list_free(&dots);
}

/* A screen-sized view of the photo holding about `visible` dots: the frame
 * after a slider move re-selects the dots and renders them. Its two steps
 * are timed apart (smp_design_dots, smp_render_dots), and the frame as the
 * studio makes it, in one smp_render (which draws the selection's runs as
 * they lie, without closing them up into a list). */
static void viewport_row(smp_renderer *r, smp_design *d, double px_per_mm, int w, int h, double visible) {
    double side_mm = sqrt(visible / (SMP_DENSITY_MAX / 100.0) * w / h);
    smp_view view = {100, 100, side_mm * px_per_mm, side_mm * px_per_mm * h / w, w, h, 0};
    smp_rect_mm rect = {view.x / px_per_mm - 1, view.y / px_per_mm - 1, view.width / px_per_mm + 2,
                        view.height / px_per_mm + 2};
    smp_image *out = smp_image_create(w, h);
    smp_dot_list dots = {0};
    double select = INFINITY, render = INFINITY;
    for (int i = 0; i < 10; i++) {
        smp_design_set_style(d, &(smp_style){.density = SMP_DENSITY_MAX * (i % 2 ? 0.99 : 1.0)});
        double t0 = omp_get_wtime();
        smp_design_dots(d, &rect, &dots);
        double t1 = omp_get_wtime();
        smp_render_dots(r, &dots, px_per_mm, NULL, &view, out, NULL, NULL);
        double t2 = omp_get_wtime();
        select = fmin(select, t1 - t0), render = fmin(render, t2 - t1);
    }
    double frame = INFINITY;
    for (int i = 0; i < 10; i++) {
        smp_design_set_style(d, &(smp_style){.density = SMP_DENSITY_MAX * (i % 2 ? 0.99 : 1.0)});
        double t0 = omp_get_wtime();
        smp_render(r, d, NULL, &view, out, NULL, NULL);
        frame = fmin(frame, omp_get_wtime() - t0);
    }
    printf("| %dx%d, %zu dots | %.1f ms | %.1f ms | %.1f ms |\n", w, h, dots.count, select * 1e3, render * 1e3,
           frame * 1e3);
    smp_dot_list_free(&dots);
    smp_image_destroy(out);
}

/* Peak resident memory of `smp render` exporting a 24 MP photo, per pixel. */
static void export_memory(const char *smp, smp_image *photo) {
    char dir[] = "/tmp/smp-bench-XXXXXX";
    if (!mkdtemp(dir)) return;
    char photo_path[128], mask_path[128], out_path[128];
    snprintf(photo_path, sizeof photo_path, "%s/photo.jpg", dir);
    snprintf(mask_path, sizeof mask_path, "%s/mask.png", dir);
    snprintf(out_path, sizeof out_path, "%s/after.png", dir);
    smp_image *mask = smp_image_create(PHOTO_W / 4, PHOTO_H / 4);
    for (size_t i = 0; i < (size_t)mask->width * (size_t)mask->height; i++)
        memset(mask->pixels + 4 * i, (i % (size_t)mask->width) < (size_t)mask->width * 2 / 3 ? 255 : 0, 4);
    if (smp_image_save(photo, photo_path, NULL) != SMP_OK || smp_image_save(mask, mask_path, NULL) != SMP_OK) return;
    smp_image_destroy(mask);
    pid_t child = fork();
    if (child == 0) {
        execl(smp, smp, "render", photo_path, "--mask", mask_path, "--px-per-mm", "20", "--quiet", "-o", out_path,
              (char *)NULL);
        _exit(127);
    }
    int status = 0;
    double t0 = omp_get_wtime();
    waitpid(child, &status, 0);
    double t = omp_get_wtime() - t0;
    struct rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    double bytes = (double)usage.ru_maxrss * 1024.0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        printf("\n`smp render` of a 24 MP JPEG to PNG (20 px/mm, two thirds treated): %.1f s, peak resident memory "
               "%.0f MB, %.1f bytes a pixel.\n",
               t, bytes / 1e6, bytes / (PHOTO_W * (double)PHOTO_H));
    else
        printf("\n`smp render` failed (status %d); memory not measured.\n", status);
    remove(photo_path), remove(mask_path), remove(out_path), rmdir(dir);
}

int main(int argc, char **argv) {
    smp_image *photo = make_photo();
    smp_renderer *r = NULL;
    if (smp_renderer_create(photo, &r) != SMP_OK) return 1;
    double px_per_mm;
    smp_design *d = make_design(1e6, &px_per_mm);
    printf("| render | Cairo (cairo_arc + cairo_fill) | libsmp, 1 thread | libsmp, 2 threads | vs Cairo | 2 vs 1 |\n");
    printf("|---|---|---|---|---|---|\n");
    full_photo_table(r, d, px_per_mm);
    printf("\n| viewport frame after a slider move | select dots (smp_design_dots) | render (smp_render_dots) | frame (smp_render, as the studio) |\n|---|---|---|---|\n");
    viewport_row(r, d, px_per_mm, 1920, 1080, 2e5);
    viewport_row(r, d, px_per_mm, 3840, 2160, 2e5);
    smp_design_destroy(d);
    smp_renderer_destroy(r);
    if (argc > 1) export_memory(argv[1], photo);
    smp_image_destroy(photo);
    return 0;
}
