/* shape.c: closed centripetal Catmull-Rom curves, flattened and filled into masks with anti-aliasing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "smp/shape.h"

enum { SUB_ROWS = 4 };

static smp_status check_points(const smp_point *points, int count) {
    if (!points || count < 3 || count > SMP_CURVE_MAX_POINTS)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "curve: %d control points; a closed curve needs 3 to %d", count,
                        SMP_CURVE_MAX_POINTS);
    for (int i = 0; i < count; i++)
        if (!isfinite(points[i].x) || !isfinite(points[i].y))
            return smp_fail(SMP_ERR_INVALID_ARGUMENT, "curve: control point %d is not a finite position", i + 1);
    return SMP_OK;
}

/* Knot spacing of the centripetal parameterisation: the square root of the
 * chord, never zero, so repeated points do not divide by zero. */
static double knot(smp_point a, smp_point b) { return fmax(sqrt(hypot(b.x - a.x, b.y - a.y)), 1e-4); }

static smp_point mix(smp_point a, smp_point b, double ta, double tb, double t) {
    double u = (t - ta) / (tb - ta);
    return (smp_point){a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u};
}

/* The point at parameter t of the segment p1-p2 (Barry and Goldman's pyramid). */
static smp_point segment_point(const smp_point p[4], const double k[4], double t) {
    smp_point a1 = mix(p[0], p[1], k[0], k[1], t), a2 = mix(p[1], p[2], k[1], k[2], t), a3 = mix(p[2], p[3], k[2], k[3], t);
    smp_point b1 = mix(a1, a2, k[0], k[2], t), b2 = mix(a2, a3, k[1], k[3], t);
    return mix(b1, b2, k[1], k[2], t);
}

void smp_curve_segment(const smp_point p[4], int pieces, smp_point *out) {
    double k[4] = {0.0};
    for (int j = 1; j < 4; j++) k[j] = k[j - 1] + knot(p[j - 1], p[j]);
    for (int j = 0; j < pieces; j++) out[j] = segment_point(p, k, k[1] + (k[2] - k[1]) * j / pieces);
}

smp_status smp_curve_polygon(const smp_point *points, int count, double step, smp_point **out, int *out_count) {
    smp_status status = check_points(points, count);
    if (status != SMP_OK) return status;
    if (!out || !out_count || !(step >= 0.0) || !isfinite(step))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "curve: NULL result or a step that is not a positive number");
    if (step == 0.0) step = 1.0;
    size_t total = 0;
    for (int i = 0; i < count; i++) {
        smp_point a = points[i], b = points[(i + 1) % count];
        total += (size_t)fmin(ceil(hypot(b.x - a.x, b.y - a.y) / step), 1e5) + 1;
    }
    smp_point *poly = malloc(total * sizeof *poly);
    if (!poly) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "curve: out of memory for %zu points", total);
    size_t n = 0;
    for (int i = 0; i < count; i++) {
        smp_point p[4] = {points[(i + count - 1) % count], points[i], points[(i + 1) % count], points[(i + 2) % count]};
        int pieces = (int)fmin(ceil(hypot(p[2].x - p[1].x, p[2].y - p[1].y) / step), 1e5);
        if (pieces < 1) pieces = 1;
        smp_curve_segment(p, pieces, poly + n);
        n += (size_t)pieces;
    }
    *out = poly;
    *out_count = (int)n;
    return SMP_OK;
}

typedef struct crossing {
    double x;
    int winding;
} crossing;

static int by_x(const void *a, const void *b) {
    double d = ((const crossing *)a)->x - ((const crossing *)b)->x;
    return (d > 0) - (d < 0);
}

/* Adds `weight` times the part of each cell in [x0, x1) to row (cells 0..width-1). */
static void add_span(float *row, int width, double x0, double x1, float weight) {
    if (x1 <= 0.0 || x0 >= width) return;
    x0 = fmax(x0, 0.0), x1 = fmin(x1, (double)width);
    int c0 = (int)x0, c1 = (int)x1;
    if (c0 == c1) {
        row[c0] += weight * (float)(x1 - x0);
        return;
    }
    row[c0] += weight * (float)(c0 + 1 - x0);
    for (int c = c0 + 1; c < c1; c++) row[c] += weight;
    if (c1 < width) row[c1] += weight * (float)(x1 - c1);
}

/* Coverage of one row of cells by the polygon (in cell units), sampled on SUB_ROWS lines. */
static void cover_row(const smp_point *poly, int n, int y, int width, crossing *scratch, float *row) {
    memset(row, 0, (size_t)width * sizeof *row);
    for (int s = 0; s < SUB_ROWS; s++) {
        double ys = y + (s + 0.5) / SUB_ROWS;
        int found = 0;
        for (int i = 0; i < n; i++) {
            smp_point a = poly[i], b = poly[(i + 1) % n];
            if ((a.y <= ys) == (b.y <= ys)) continue; /* the edge does not cross this line */
            scratch[found++] = (crossing){a.x + (ys - a.y) * (b.x - a.x) / (b.y - a.y), b.y > a.y ? 1 : -1};
        }
        qsort(scratch, (size_t)found, sizeof *scratch, by_x);
        int winding = 0;
        for (int i = 0; i + 1 < found; i++) {
            winding += scratch[i].winding;
            if (winding != 0) add_span(row, width, scratch[i].x, scratch[i + 1].x, 1.0f / SUB_ROWS);
        }
    }
}

smp_status smp_mask_fill_curve(smp_mask *mask, const smp_point *points, int count, float value) {
    if (!mask) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "curve: no mask to fill");
    if (!(value >= 0.0f && value <= 1.0f))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "curve: paint %g is outside 0-1", (double)value);
    smp_point *poly = NULL;
    int n = 0;
    smp_status status = smp_curve_polygon(points, count, mask->cell, &poly, &n);
    if (status != SMP_OK) return status;
    double ymin = INFINITY, ymax = -INFINITY;
    for (int i = 0; i < n; i++) {
        poly[i].x /= mask->cell, poly[i].y /= mask->cell; /* into cell units */
        ymin = fmin(ymin, poly[i].y), ymax = fmax(ymax, poly[i].y);
    }
    int y0 = ymin < 0 ? 0 : (int)ymin, y1 = ymax >= mask->height ? mask->height - 1 : (int)ymax;
    int failed = 0;
#pragma omp parallel reduction(| : failed)
    {
        crossing *scratch = malloc((size_t)n * sizeof *scratch);
        float *row = malloc((size_t)mask->width * sizeof *row);
        failed = !scratch || !row;
#pragma omp for schedule(dynamic, 8)
        for (int y = y0; y <= y1; y++) {
            if (failed) continue;
            cover_row(poly, n, y, mask->width, scratch, row);
            float *cells = mask->coverage + (size_t)y * (size_t)mask->width;
            for (int x = 0; x < mask->width; x++) {
                float v = value * fminf(row[x], 1.0f);
                if (v > cells[x]) cells[x] = v;
            }
        }
        free(scratch);
        free(row);
    }
    free(poly);
    return failed ? smp_fail(SMP_ERR_OUT_OF_MEMORY, "curve: out of memory filling a %dx%d mask", mask->width,
                             mask->height)
                  : SMP_OK;
}
