/* plan.c: what a design takes: treated area, dots per session, hairline length, time. */
#include <math.h>
#include <stdlib.h>

#include "design_internal.h"

/* Largest edge noise smp_edge_noise can return, mm at irregularity 1. */
#define EDGE_NOISE_MAX 3.4f

/* 1 where the treatment places dots: painted, and inside the moved, noisy edge. */
static uint8_t *treated_cells(const smp_design *d) {
    const smp_mask *m = d->treatment;
    size_t count = (size_t)m->width * (size_t)m->height;
    uint8_t *treated = malloc(count);
    if (!treated) return NULL;
    const smp_style *s = &d->style;
    double mm_per_cell = m->cell / d->px_per_mm;
    float reach = (float)s->irregularity * EDGE_NOISE_MAX;
#pragma omp parallel for schedule(static)
    for (int y = 0; y < m->height; y++)
        for (int x = 0; x < m->width; x++) {
            size_t i = (size_t)y * (size_t)m->width + (size_t)x;
            float hairline, blend = d->blend_distance ? d->blend_distance[i] : -SMP_MASK_FAR;
            float depth = smp_treated_depth(s, d->distance[i], blend, 0.0f, &hairline);
            if (fabsf(depth) <= reach) /* only near the edge can the noise decide */
                depth = smp_treated_depth(s, d->distance[i], blend,
                                          smp_edge_noise(s->seed, (x + 0.5) * mm_per_cell, (y + 0.5) * mm_per_cell),
                                          &hairline);
            treated[i] = m->coverage[i] >= SMP_MASK_MIN_COVERAGE && depth > 0.0f;
        }
    return treated;
}

static int in_blend(const smp_design *d, size_t i) {
    return d->blend && d->blend->coverage[i] >= SMP_MASK_MIN_COVERAGE;
}

/* Cell counts: treated, blend-only, and cell sides along the hairline. */
static void measure_cells(const smp_design *d, const uint8_t *treated, long *area, long *blend, long *edges) {
    const smp_mask *m = d->treatment;
    long a = 0, b = 0, e = 0;
#pragma omp parallel for schedule(static) reduction(+ : a, b, e)
    for (int y = 0; y < m->height; y++)
        for (int x = 0; x < m->width; x++) {
            size_t i = (size_t)y * (size_t)m->width + (size_t)x;
            if (!treated[i]) {
                b += in_blend(d, i);
                continue;
            }
            a++;
            static const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
            for (int k = 0; k < 4; k++) {
                int nx = x + dx[k], ny = y + dy[k];
                if (nx < 0 || ny < 0 || nx >= m->width || ny >= m->height) continue; /* the photo's edge */
                size_t j = (size_t)ny * (size_t)m->width + (size_t)nx;
                e += !treated[j] && !in_blend(d, j);
            }
        }
    *area = a, *blend = b, *edges = e;
}

smp_status smp_design_plan(const smp_design *design, smp_plan *out) {
    if (!design || !out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_design_plan: NULL argument");
    uint8_t *treated = treated_cells(design);
    smp_dot_list dots = {0};
    smp_status status = treated ? smp_design_dots(design, NULL, &dots)
                                : smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for the plan");
    if (status != SMP_OK) {
        free(treated);
        return status;
    }
    long area, blend, edges;
    measure_cells(design, treated, &area, &blend, &edges);
    free(treated);
    double mm_per_cell = design->treatment->cell / design->px_per_mm;
    smp_plan plan = {
        .treated_area_cm2 = (double)area * mm_per_cell * mm_per_cell / 100.0,
        .blend_area_cm2 = (double)blend * mm_per_cell * mm_per_cell / 100.0,
        /* A curve crossing a grid has, on average, 4/pi times its length in cell sides. */
        .hairline_length_mm = (double)edges * mm_per_cell * SMP_PI / 4.0,
        .sessions = design->style.sessions,
        .dots_total = dots.count,
    };
    for (size_t i = 0; i < dots.count; i++) plan.dots_per_session[dots.dots[i].session - 1]++;
    for (int s = 0; s < plan.sessions; s++) {
        plan.minutes_at_60[s] = (double)plan.dots_per_session[s] / 60.0;
        plan.minutes_at_100[s] = (double)plan.dots_per_session[s] / 100.0;
    }
    smp_dot_list_free(&dots);
    *out = plan;
    return SMP_OK;
}
