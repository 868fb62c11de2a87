/* dots_spacing.c: placement quality from a dot list: relative radius and gaps, on a uniform grid. */
#include <math.h>
#include <stdlib.h>

#include "internal.h"
#include "smp/design.h"

typedef struct dot_grid {
    double x0, y0, cell;
    int w, h;
    int *head, *next;
} dot_grid;

static int build_grid(const smp_dot_list *list, double cell, dot_grid *g) {
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t i = 0; i < list->count; i++) {
        x0 = fmin(x0, list->dots[i].x_mm), y0 = fmin(y0, list->dots[i].y_mm);
        x1 = fmax(x1, list->dots[i].x_mm), y1 = fmax(y1, list->dots[i].y_mm);
    }
    double cells = (x1 - x0) / cell * (y1 - y0) / cell;
    if (cells > 1e8) cell *= sqrt(cells / 1e8); /* a few far-apart dots need no fine grid */
    *g = (dot_grid){x0, y0, cell, (int)((x1 - x0) / cell) + 1, (int)((y1 - y0) / cell) + 1, NULL, NULL};
    g->head = malloc((size_t)g->w * (size_t)g->h * sizeof *g->head);
    g->next = malloc(list->count * sizeof *g->next);
    if (!g->head || !g->next) return 0;
    for (size_t i = 0; i < (size_t)g->w * (size_t)g->h; i++) g->head[i] = -1;
    for (size_t i = 0; i < list->count; i++) {
        int cx = (int)((list->dots[i].x_mm - x0) / cell), cy = (int)((list->dots[i].y_mm - y0) / cell);
        g->next[i] = g->head[cy * g->w + cx];
        g->head[cy * g->w + cx] = (int)i;
    }
    return 1;
}

/* Nearest other dot to dot i, searching rings of cells until nothing closer can remain. */
static void nearest(const smp_dot_list *list, const dot_grid *g, size_t i, double *distance, double *gap) {
    const smp_dot *a = &list->dots[i];
    int cx = (int)((a->x_mm - g->x0) / g->cell), cy = (int)((a->y_mm - g->y0) / g->cell);
    double best = INFINITY, best_gap = INFINITY;
    for (int ring = 0; ring <= g->w + g->h; ring++) {
        for (int y = cy - ring; y <= cy + ring; y++)
            for (int x = cx - ring; x <= cx + ring; x++) {
                if ((abs(x - cx) != ring && abs(y - cy) != ring) || x < 0 || y < 0 || x >= g->w || y >= g->h) continue;
                for (int k = g->head[y * g->w + x]; k >= 0; k = g->next[k]) {
                    if ((size_t)k == i) continue;
                    const smp_dot *b = &list->dots[k];
                    double d = hypot(b->x_mm - a->x_mm, b->y_mm - a->y_mm);
                    best = fmin(best, d);
                    best_gap = fmin(best_gap, d - 0.5 * (a->diameter_mm + b->diameter_mm));
                }
            }
        if (best <= ring * g->cell) break; /* every unseen dot is at least ring cells away */
    }
    *distance = best;
    *gap = best_gap;
}

static int inside_rect(const smp_dot *d, const smp_rect_mm *r) {
    return d->x_mm >= r->x && d->x_mm < r->x + r->width && d->y_mm >= r->y && d->y_mm < r->y + r->height;
}

smp_status smp_dots_spacing(const smp_dot_list *list, const smp_rect_mm *inside, smp_spacing *out) {
    if (!list || !inside || !out || !(inside->width > 0 && inside->height > 0))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_dots_spacing: NULL argument or an empty rectangle");
    size_t count = 0;
    for (size_t i = 0; i < list->count; i++) count += (size_t)inside_rect(&list->dots[i], inside);
    if (count < 2) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "spacing: %zu dots in the rectangle, 2 needed", count);
    double per_mm2 = (double)count / (inside->width * inside->height);
    double d_max = sqrt(2.0 / (sqrt(3.0) * per_mm2));
    dot_grid g;
    if (!build_grid(list, d_max, &g)) {
        free(g.head);
        free(g.next);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory measuring %zu dots", list->count);
    }
    double min = INFINITY, sum = 0.0, min_gap = INFINITY;
#pragma omp parallel for schedule(dynamic, 1024) reduction(min : min, min_gap) reduction(+ : sum)
    for (size_t i = 0; i < list->count; i++) {
        if (!inside_rect(&list->dots[i], inside)) continue;
        double d, gap;
        nearest(list, &g, i, &d, &gap);
        min = fmin(min, d / d_max);
        sum += d / d_max;
        min_gap = fmin(min_gap, gap);
    }
    free(g.head);
    free(g.next);
    *out = (smp_spacing){count, per_mm2 * 100.0, min, sum / (double)count, min_gap};
    return SMP_OK;
}
