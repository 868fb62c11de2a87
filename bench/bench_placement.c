/* bench_placement.c: placement throughput against Bridson, the re-threshold rate and spacing quality.
 * Run: build/release/bench/bench_placement (see bench/run.sh). Prints a Markdown table. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#include "bridson.h"
#include "smp/smp.h"
#include "spectrum.h"

#define PX_PER_MM 2.0

/* A uniformly painted design whose candidates number about `dots` (at the
 * maximum density every candidate is a dot). */
static smp_design *uniform_design(double dots) {
    double side_mm = sqrt(dots / (SMP_DENSITY_MAX / 100.0));
    int side_px = (int)(side_mm * PX_PER_MM);
    smp_mask *full = NULL;
    smp_design *d = NULL;
    if (smp_mask_create(side_px, side_px, 1, 1.0f, &full) != SMP_OK ||
        smp_design_create(&(smp_design_desc){side_px, side_px, PX_PER_MM, full, NULL, NULL}, &d) != SMP_OK) {
        fprintf(stderr, "bench_placement: %s\n", smp_last_error());
        exit(1);
    }
    smp_mask_destroy(full);
    return d;
}

/* Seconds to place all dots from scratch: new candidates (a new seed) and the selection. */
static double time_placement(smp_design *d, int threads, uint64_t seed, size_t *count) {
    omp_set_num_threads(threads);
    smp_dot_list list = {0};
    double best = INFINITY;
    for (int run = 0; run < 5; run++) {
        double t0 = omp_get_wtime();
        smp_design_set_style(d, &(smp_style){.density = SMP_DENSITY_MAX, .seed = seed + (uint64_t)run});
        smp_design_dots(d, NULL, &list);
        best = fmin(best, omp_get_wtime() - t0);
    }
    *count = list.count;
    smp_dot_list_free(&list);
    return best;
}

static double time_bridson(double dots, size_t *count) {
    double side = sqrt(dots / (SMP_DENSITY_MAX / 100.0));
    /* Bridson fills to a relative radius of about 0.72: pick the radius that gives `dots`. */
    double radius = 0.72 * sqrt(2.0 / (sqrt(3.0) * dots / (side * side)));
    float *xy = malloc((size_t)(dots * 2.5) * 2 * sizeof *xy);
    double t0 = omp_get_wtime();
    *count = bridson_sample(side, side, radius, 1, xy, (size_t)(dots * 2.5));
    double t = omp_get_wtime() - t0;
    free(xy);
    return t;
}

/* Candidates a second the selection gets through after a density change. */
static double rethreshold_rate(smp_design *d, int threads) {
    omp_set_num_threads(threads);
    smp_dot_list list = {0};
    size_t candidates = smp_design_candidate_count(d, NULL);
    double total = 0.0;
    int runs = 0;
    for (double density = 60; density <= 180; density += 10, runs++) {
        smp_design_set_style(d, &(smp_style){.density = density});
        double t0 = omp_get_wtime();
        smp_design_dots(d, NULL, &list);
        total += omp_get_wtime() - t0;
    }
    smp_dot_list_free(&list);
    return (double)candidates * runs / total;
}

enum { WINDOWS = 16, WINDOW_POINTS = 700 };

/* Spectral summary of points (x, y pairs) over WINDOWS square windows cut
 * from [0, extent)^2, one Markdown row. */
static void spectral_row(const char *name, const float *xy, size_t n, double extent) {
    double density = (double)n / (extent * extent);
    double side = sqrt(WINDOW_POINTS / density), d_max = sqrt(2.0 / (sqrt(3.0) * density));
    int rings = (int)ceil(2.6 * side / d_max);
    spectrum *s = spectrum_create(rings, side);
    float *window = malloc(n * 2 * sizeof *window);
    int per_row = (int)(extent / side);
    for (int w = 0; w < WINDOWS && w < per_row * per_row; w++) {
        double x0 = (w % per_row) * side, y0 = (w / per_row) * side;
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (xy[2 * i] >= x0 && xy[2 * i] < x0 + side && xy[2 * i + 1] >= y0 && xy[2 * i + 1] < y0 + side) {
                window[2 * m] = (float)(xy[2 * i] - x0), window[2 * m + 1] = (float)(xy[2 * i + 1] - y0);
                m++;
            }
        spectrum_add(s, window, m);
    }
    double low = 0.0, peak = 0.0, peak_f = 0.0, high = 0.0, a_lo = INFINITY, a_hi = -INFINITY;
    int low_n = 0;
    for (int r = 1; r < rings; r++) {
        double f = spectrum_frequency(s, r), p = spectrum_power(s, r), a = spectrum_anisotropy_db(s, r);
        if (f < 0.5) low += p, low_n++;
        if (p > peak) peak = p, peak_f = f;
        if (f > 1.5) high = fmax(high, p);
        if (f >= 0.5) a_lo = fmin(a_lo, a), a_hi = fmax(a_hi, a);
    }
    printf("| %s | %.3f | %.2f at %.2f | %.2f | %.1f to %.1f dB |\n", name, low / low_n, peak, peak_f, high, a_lo,
           a_hi);
    free(window);
    spectrum_destroy(s);
}

static void spectral_table(void) {
    printf("\nSpectra over %d windows of about %d points (frequency f in units of 1/d_max; white noise has power 1 "
           "and, averaged over %d windows, anisotropy about %.1f dB):\n\n",
           WINDOWS, WINDOW_POINTS, WINDOWS, -10.0 * log10(WINDOWS));
    printf("| points | mean power, f < 0.5 | peak power | highest power, f > 1.5 | anisotropy, f >= 0.5 |\n");
    printf("|---|---|---|---|---|\n");
    smp_design *d = uniform_design(2e5);
    smp_rect_mm b = smp_design_bounds(d);
    double extent = fmin(b.width, b.height);
    for (int level = 100; level >= 40; level -= 60) {
        smp_design_set_style(d, &(smp_style){.density = SMP_DENSITY_MAX * level / 100.0, .irregularity = SMP_OFF});
        smp_dot_list list = {0};
        smp_design_dots(d, &(smp_rect_mm){0, 0, extent, extent}, &list);
        float *xy = malloc(list.count * 2 * sizeof *xy);
        for (size_t i = 0; i < list.count; i++) xy[2 * i] = list.dots[i].x_mm, xy[2 * i + 1] = list.dots[i].y_mm;
        char name[64];
        snprintf(name, sizeof name, "libsmp, %d%% level", level);
        spectral_row(name, xy, list.count, extent);
        free(xy);
        smp_dot_list_free(&list);
    }
    smp_design_destroy(d);
    size_t cap = 400000;
    float *xy = malloc(cap * 2 * sizeof *xy);
    double radius = 0.72 * sqrt(2.0 / (sqrt(3.0) * SMP_DENSITY_MAX / 100.0));
    size_t n = bridson_sample(extent, extent, radius, 3, xy, cap);
    spectral_row("Bridson", xy, n, extent);
    uint64_t state = 88172645463325252ull;
    for (size_t i = 0; i < n * 2; i++) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        xy[i] = (float)((double)(state >> 11) / 9007199254740992.0 * extent);
    }
    spectral_row("white noise", xy, n, extent);
    free(xy);
}

/* Best of five of f(masks), seconds. */
static double best_of_five(double (*f)(smp_mask *const masks[2], double px_per_mm), smp_mask *const masks[2],
                           double px_per_mm) {
    double best = INFINITY;
    for (int run = 0; run < 5; run++) best = fmin(best, f(masks, px_per_mm));
    return best;
}

static double time_design(smp_mask *const masks[2], double px_per_mm) {
    smp_design *d = NULL;
    double t0 = omp_get_wtime();
    smp_status status = smp_design_create(
        &(smp_design_desc){masks[0]->photo_width, masks[0]->photo_height, px_per_mm, masks[0], masks[1], NULL}, &d);
    double t = omp_get_wtime() - t0;
    if (status != SMP_OK) fprintf(stderr, "bench_placement: %s\n", smp_last_error()), exit(1);
    smp_design_destroy(d);
    return t;
}

static double time_distance(smp_mask *const masks[2], double px_per_mm) {
    float *field = NULL;
    double t0 = omp_get_wtime();
    smp_status status = smp_mask_distance(masks[0], px_per_mm, &field);
    double t = omp_get_wtime() - t0;
    if (status != SMP_OK) fprintf(stderr, "bench_placement: %s\n", smp_last_error()), exit(1);
    smp_free(field);
    return t;
}

/* Flips the coverage of a 200 x 100 cell patch of the mask, a brush stroke's worth. */
static void flip_patch(smp_mask *m) {
    for (int y = m->height / 3; y < m->height / 3 + 100; y++)
        for (int x = m->width / 2 - 100; x < m->width / 2 + 100; x++) {
            float *c = &m->coverage[(size_t)y * (size_t)m->width + (size_t)x];
            *c = 1.0f - *c;
        }
}

static double time_edit(smp_mask *const masks[2], double px_per_mm) {
    smp_design *d = NULL;
    smp_design_desc desc = {masks[0]->photo_width, masks[0]->photo_height, px_per_mm, masks[0], masks[1], NULL};
    smp_status status = smp_design_create(&desc, &d);
    flip_patch(masks[0]);
    double t0 = omp_get_wtime();
    if (status == SMP_OK) status = smp_design_set_masks(d, &desc);
    double t = omp_get_wtime() - t0;
    flip_patch(masks[0]);
    if (status != SMP_OK) fprintf(stderr, "bench_placement: %s\n", smp_last_error()), exit(1);
    smp_design_destroy(d);
    return t;
}

/* What outline and brush edits wait for, on the sample client's 2400x1800
 * photo: a design made from its masks (their distance fields, the
 * candidates and what the masks say under each), and the same design given
 * an edited treatment mask, as the studio does, which keeps the candidates
 * and the blend zone's field. */
static void design_row(void) {
    smp_sample_client client;
    smp_mask *masks[2] = {NULL, NULL};
    int w = 2400, h = 1800; /* the sample photo's size, which the masks must match */
    if (smp_sample_client_get(&client) != SMP_OK ||
        smp_mask_load_memory(client.mask.data, client.mask.size, client.mask.name, w, h,
                             smp_mask_cell_for_scale(client.px_per_mm), &masks[0]) != SMP_OK ||
        smp_mask_load_memory(client.blend_mask.data, client.blend_mask.size, client.blend_mask.name, w, h,
                             smp_mask_cell_for_scale(client.px_per_mm), &masks[1]) != SMP_OK) {
        fprintf(stderr, "bench_placement: %s\n", smp_last_error());
        exit(1);
    }
    double design[2], edit[2], distance[2];
    for (int threads = 1; threads <= 2; threads++) {
        omp_set_num_threads(threads);
        design[threads - 1] = best_of_five(time_design, masks, client.px_per_mm);
        edit[threads - 1] = best_of_five(time_edit, masks, client.px_per_mm);
        distance[threads - 1] = best_of_five(time_distance, masks, client.px_per_mm);
    }
    printf("| design from the sample client's two masks (%dx%d cells) | %.0f ms | %.0f ms | %.2fx |\n", masks[0]->width,
           masks[0]->height, design[0] * 1e3, design[1] * 1e3, design[0] / design[1]);
    printf("| the design given an edited treatment mask (smp_design_set_masks) | %.0f ms | %.0f ms | %.2fx |\n",
           edit[0] * 1e3, edit[1] * 1e3, edit[0] / edit[1]);
    printf("| its treatment mask's distance field | %.0f ms | %.0f ms | %.2fx |\n\n", distance[0] * 1e3,
           distance[1] * 1e3, distance[0] / distance[1]);
    smp_mask_destroy(masks[0]);
    smp_mask_destroy(masks[1]);
}

int main(void) {
    printf("| dots | Bridson, 1 thread | libsmp, 1 thread | libsmp, 2 threads | 2 threads vs Bridson | 2 vs 1 thread |\n");
    printf("|---|---|---|---|---|---|\n");
    for (double dots = 1e5; dots <= 1e6; dots *= 10) {
        smp_design *d = uniform_design(dots);
        size_t nb, n1, n2;
        double tb = time_bridson(dots, &nb);
        double t1 = time_placement(d, 1, 100, &n1), t2 = time_placement(d, 2, 200, &n2);
        printf("| %.0fk | %.3f s (%.0fk pts/s) | %.3f s (%.2fM/s) | %.3f s (%.2fM/s) | %.1fx | %.2fx |\n", dots / 1e3, tb,
               (double)nb / tb / 1e3, t1, (double)n1 / t1 / 1e6, t2, (double)n2 / t2 / 1e6,
               ((double)n2 / t2) / ((double)nb / tb), t1 / t2);
        if (dots == 1e6) {
            printf("\nRe-thresholding after a density change (1M candidates, densities 60-180): "
                   "%.0fM candidates/s on 1 thread, %.0fM/s on 2.\n\n",
                   rethreshold_rate(d, 1) / 1e6, rethreshold_rate(d, 2) / 1e6);
        }
        smp_design_destroy(d);
    }
    printf("| after a mask edit | 1 thread | 2 threads | 2 vs 1 thread |\n|---|---|---|---|\n");
    design_row();
    smp_design *d = uniform_design(2e5);
    smp_rect_mm bounds = smp_design_bounds(d);
    smp_rect_mm inside = {5, 5, bounds.width - 10, bounds.height - 10};
    printf("| density level | dots/cm2 | min relative radius | mean relative radius |\n|---|---|---|---|\n");
    for (double level = 0.1; level <= 1.0001; level += 0.1) {
        smp_design_set_style(d, &(smp_style){.density = SMP_DENSITY_MAX * level, .irregularity = SMP_OFF});
        smp_dot_list list = {0};
        smp_spacing s;
        smp_design_dots(d, NULL, &list);
        smp_dots_spacing(&list, &inside, &s);
        printf("| %.0f%% | %.0f | %.3f | %.3f |\n", level * 100, s.density_cm2, s.min_relative, s.mean_relative);
        smp_dot_list_free(&list);
    }
    smp_design_destroy(d);
    spectral_table();
    return 0;
}
