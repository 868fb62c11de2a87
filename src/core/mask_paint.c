/* mask_paint.c: round brush and eraser strokes painted into masks, anti-aliased over a cell. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "smp/mask.h"

/* Strokes covering more cells than this are painted on all OpenMP threads. */
#define PARALLEL_CELLS 65536.0

/* The first and last of n cells whose centres ((i + 0.5) * cell) lie in [lo, hi], in photo pixels;
 * first > last when none does. */
static void cell_range(double lo, double hi, int cell, int n, int *first, int *last) {
    double a = fmax(ceil(lo / cell - 0.5), 0.0), b = fmin(floor(hi / cell - 0.5), n - 1.0);
    *first = a > b ? 1 : (int)a;
    *last = a > b ? 0 : (int)b;
}

smp_status smp_mask_paint(smp_mask *mask, double x0_px, double y0_px, double x1_px, double y1_px, double radius_px,
                          float value) {
    if (!mask || !mask->coverage || mask->width < 1 || mask->height < 1 || mask->cell < 1)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask paint: no mask, or not a valid one");
    double ends[4] = {x0_px, y0_px, x1_px, y1_px};
    for (int i = 0; i < 4; i++)
        if (!(fabs(ends[i]) <= SMP_STROKE_MAX_COORDINATE))
            return smp_fail(SMP_ERR_INVALID_ARGUMENT,
                            "mask paint: the stroke from (%g, %g) to (%g, %g) px is not a finite position within "
                            "+-%g px",
                            x0_px, y0_px, x1_px, y1_px, SMP_STROKE_MAX_COORDINATE);
    if (!(radius_px > 0.0 && radius_px <= SMP_STROKE_MAX_RADIUS))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask paint: radius %g px; a brush needs more than 0 and at most %g",
                        radius_px, SMP_STROKE_MAX_RADIUS);
    if (!isfinite(value))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask paint: paint value %g is not a number", (double)value);
    float v = value > 1.0f ? 1.0f : value > 0.0f ? value : 0.0f;

    double cell = mask->cell, dx = x1_px - x0_px, dy = y1_px - y0_px;
    double length = hypot(dx, dy), length2 = dx * dx + dy * dy;
    /* Paint falls from 1 to 0 over one cell across the distance `radius` from the segment. That ramp paints
     * 2 radius L + pi (radius^2 + cell^2 / 12): its round ends bulge. The radius is set so the painted area is
     * the capsule's, 2 r L + pi r^2; a brush too thin for that is drawn half a cell wide with thinner paint. */
    double area = 2.0 * radius_px * length + SMP_PI * radius_px * radius_px;
    double bulge = area - SMP_PI * cell * cell / 12.0;
    double radius = bulge > 0.0 ? bulge / (length + sqrt(length2 + SMP_PI * bulge)) : 0.0, thinning = 1.0;
    if (radius < 0.5 * cell) {
        radius = 0.5 * cell;
        thinning = area / (cell * length + SMP_PI * cell * cell / 3.0);
    }
    double reach = radius + 0.5 * cell; /* how far from the segment a cell centre still gets some paint */
    int row0, row1;
    cell_range(fmin(y0_px, y1_px) - reach, fmax(y0_px, y1_px) + reach, mask->cell, mask->height, &row0, &row1);
    double cells = (2.0 * reach * length + SMP_PI * reach * reach) / (cell * cell);
#pragma omp parallel for schedule(static) if (cells > PARALLEL_CELLS)
    for (int y = row0; y <= row1; y++) {
        double yc = (y + 0.5) * cell;
        /* The part of the segment within reach of this row's centre line, widened by reach, bounds the cells. */
        double t0 = 0.0, t1 = 1.0;
        if (dy != 0.0) {
            double ta = (yc - reach - y0_px) / dy, tb = (yc + reach - y0_px) / dy;
            t0 = fmax(fmin(ta, tb), 0.0), t1 = fmin(fmax(ta, tb), 1.0);
        }
        if (t0 > t1) continue;
        double xa = x0_px + t0 * dx, xb = x0_px + t1 * dx;
        int col0, col1;
        cell_range(fmin(xa, xb) - reach, fmax(xa, xb) + reach, mask->cell, mask->width, &col0, &col1);
        float *row = mask->coverage + (size_t)y * (size_t)mask->width;
        for (int x = col0; x <= col1; x++) {
            double xc = (x + 0.5) * cell;
            double t = length2 > 0.0 ? ((xc - x0_px) * dx + (yc - y0_px) * dy) / length2 : 0.0;
            t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
            /* sqrt and comparisons, not hypot, fmin and fmax: libm calls, which took half the time
             * (coordinates are bounded, so the squares cannot overflow) */
            double ex = xc - x0_px - t * dx, ey = yc - y0_px - t * dy;
            double a = (radius - sqrt(ex * ex + ey * ey)) / cell + 0.5;
            a = (a < 0.0 ? 0.0 : a > 1.0 ? 1.0 : a) * thinning;
            if (a <= 0.0) continue;
            row[x] = a >= 1.0 ? v : row[x] + (v - row[x]) * (float)a;
        }
    }
    return SMP_OK;
}

/* The cells of the mask in the stroke's bounding box: what painting it costs. 0 for a stroke
 * smp_mask_paint refuses. */
static double stroke_cells(const smp_mask *m, const smp_stroke *s) {
    double reach = s->radius + m->cell, w = (double)m->width * m->cell, h = (double)m->height * m->cell;
    if (!(s->radius > 0.0 && isfinite(reach + s->x0 + s->x1 + s->y0 + s->y1))) return 0.0;
    double x0 = fmax(fmin(s->x0, s->x1) - reach, 0.0), x1 = fmin(fmax(s->x0, s->x1) + reach, w);
    double y0 = fmax(fmin(s->y0, s->y1) - reach, 0.0), y1 = fmin(fmax(s->y0, s->y1) + reach, h);
    return x1 < x0 || y1 < y0 ? 0.0 : ((x1 - x0) / m->cell + 1.0) * ((y1 - y0) / m->cell + 1.0);
}

smp_status smp_mask_paint_strokes(smp_mask *mask, const smp_stroke *strokes, int count) {
    if (!mask || count < 0 || (count > 0 && !strokes))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask paint: no mask, or %d strokes%s", count,
                        strokes ? "" : " and no array of them");
    double cells = 0.0;
    for (int i = 0; i < count; i++) cells += stroke_cells(mask, &strokes[i]);
    if (cells > SMP_MASK_PAINT_MAX_CELLS)
        return smp_fail(SMP_ERR_TOO_LARGE, "mask paint: %d strokes would paint %.3g cells, over the %.3g allowed", count,
                        cells, SMP_MASK_PAINT_MAX_CELLS);
    for (int i = 0; i < count; i++) {
        const smp_stroke *s = &strokes[i];
        smp_status status = smp_mask_paint(mask, s->x0, s->y0, s->x1, s->y1, s->radius, s->value);
        if (status != SMP_OK) {
            static const char prefix[] = "mask paint: ";
            char why[256]; /* copied: smp_fail overwrites the message it would be read from */
            const char *message = smp_last_error();
            if (!strncmp(message, prefix, strlen(prefix))) message += strlen(prefix);
            snprintf(why, sizeof why, "%s", message);
            return smp_fail(status, "mask paint: stroke %d of %d: %s", i, count, why);
        }
    }
    return SMP_OK;
}
