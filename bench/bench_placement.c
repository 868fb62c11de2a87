/* bench_placement.c: placement throughput against Bridson, the re-threshold rate and spacing quality.
 * Run: build/release/bench/bench_placement (see bench/run.sh). Prints a Markdown table. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#include "bridson.h"
#include "smp/smp.h"

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
    return 0;
}
