/* mask_distance.c: exact signed Euclidean distance to a mask's edge (Felzenszwalb-Huttenlocher), in millimetres. */
#include <math.h>
#include <stdlib.h>

#include "internal.h"
#include "smp/mask.h"
#include "vec4.h"

/* One-dimensional squared distance transform of f (n samples) in place: the
 * lower envelope of the parabolas (q - i)^2 + f[i], its breakpoints in
 * double (q * q outgrows a float's exact range). v, z and d are scratch of
 * n, n + 1 and n entries. */
static void transform_line(float *f, int n, int *v, double *z, float *d) {
    int k = 0;
    v[0] = 0;
    z[0] = -INFINITY;
    z[1] = INFINITY;
    for (int q = 1; q < n; q++) {
        float fq = f[q];
        if (fq == INFINITY) continue;
        while (k >= 0) {
            int p = v[k];
            float fp = f[p];
            double s = (((double)fq + (double)q * q) - ((double)fp + (double)p * p)) / (2.0 * (q - p));
            if (s > z[k]) {
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = INFINITY;
                break;
            }
            k--;
        }
        if (k < 0) {
            k = 0;
            v[0] = q;
            z[0] = -INFINITY;
            z[1] = INFINITY;
        }
    }
    if (f[v[0]] == INFINITY) return; /* no finite sample on this line */
    for (int q = 0, j = 0; q < n; q++) {
        while (z[j + 1] < q) j++;
        float diff = (float)(q - v[j]);
        d[q] = diff * diff + f[v[j]];
    }
    for (int q = 0; q < n; q++) f[q] = d[q];
}

enum { COLUMN_BAND = 256 }; /* columns a thread sweeps together: 1 KB of each row */

/* The first pass, down columns [x0, x0 + count): the squared distance, in
 * cells, to the nearest cell of the column whose inside-ness is `target`,
 * or infinity. These are the very floats the envelope of parabolas gives on
 * a floor of 0 and infinity (the nearest one's), from two sweeps along
 * whole rows instead, four columns a vector: read down a column, every
 * value is a cache line of its own. With the rows' pass shared out as it
 * goes, the field of the sample client's treatment mask (2400 x 1800) takes
 * 27-29 ms on two threads, not 47-67 (bench_placement), and of a 24 MP
 * mask 220-232, not 500-567. below holds count floats. */
static void column_distances(const smp_mask *mask, int target, float *f, int x0, int count, float *below) {
    size_t w = (size_t)mask->width;
    int lanes = count & ~3; /* columns four at a time, then one by one */
    i4 flip = {-!target, -!target, -!target, -!target};
    for (int c = 0; c < count; c++) below[c] = INFINITY; /* the row above the first, then the one below the last */
    for (int y = 0; y < mask->height; y++) { /* down to the nearest above, counted */
        const float *cover = mask->coverage + (size_t)y * w + (size_t)x0;
        float *row = f + (size_t)y * w + (size_t)x0;
        const float *above = y > 0 ? row - w : below;
        for (int c = 0; c < lanes; c += 4) {
            i4 hit = (load4(cover + c) >= splat4(SMP_MASK_MIN_COVERAGE)) ^ flip;
            store4(row + c, keep4(load4(above + c) + splat4(1.0f), ~hit));
        }
        for (int c = lanes; c < count; c++)
            row[c] = (cover[c] >= SMP_MASK_MIN_COVERAGE) == target ? 0.0f : above[c] + 1.0f;
    }
    for (int y = mask->height - 1; y >= 0; y--) { /* and up to the nearest below: the nearer, squared */
        float *row = f + (size_t)y * w + (size_t)x0;
        for (int c = 0; c < lanes; c += 4) {
            f4 here = load4(row + c), next = keep4(load4(below + c) + splat4(1.0f), here != splat4(0.0f));
            f4 nearest = min4(here, next);
            store4(below + c, next), store4(row + c, nearest * nearest);
        }
        for (int c = lanes; c < count; c++) {
            below[c] = row[c] == 0.0f ? 0.0f : below[c] + 1.0f;
            float nearest = row[c] < below[c] ? row[c] : below[c];
            row[c] = nearest * nearest;
        }
    }
}

/* Squared distance, in cells, from every cell to the nearest cell whose
 * inside-ness equals `target`. f must hold width*height floats. */
static int squared_distance_to(const smp_mask *mask, int target, float *f) {
    int w = mask->width, h = mask->height, longest = w > h ? w : h, bands = (w + COLUMN_BAND - 1) / COLUMN_BAND;
    int failed = 0;
#pragma omp parallel reduction(| : failed)
    {
        int *v = malloc((size_t)longest * sizeof *v);
        double *z = malloc(((size_t)longest + 1) * sizeof *z);
        float *d = malloc((size_t)longest * sizeof *d);
        failed = !v || !z || !d;
        /* Every thread must reach both loops, scratch or not. */
#pragma omp for schedule(static)
        for (int b = 0; b < bands; b++) {
            int x0 = b * COLUMN_BAND, count = w - x0 < COLUMN_BAND ? w - x0 : COLUMN_BAND;
            if (!failed) column_distances(mask, target, f, x0, count, d);
        }
#pragma omp for schedule(dynamic, 16) /* a row with no cell of the target costs next to nothing */
        for (int y = 0; y < h; y++)
            if (!failed) transform_line(f + (size_t)y * (size_t)w, w, v, z, d);
        free(v);
        free(z);
        free(d);
    }
    return !failed;
}

smp_status smp_mask_distance(const smp_mask *mask, double px_per_mm, float **out) {
    if (!mask || !out || !(px_per_mm > 0))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_mask_distance: NULL mask or a scale that is not positive");
    size_t count = (size_t)mask->width * (size_t)mask->height;
    float *inside = malloc(count * sizeof *inside), *outside = malloc(count * sizeof *outside);
    if (!inside || !outside || !squared_distance_to(mask, 1, inside) || !squared_distance_to(mask, 0, outside)) {
        free(inside);
        free(outside);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a %dx%d distance field", mask->width, mask->height);
    }
    /* Inside cells measure to the nearest outside cell and vice versa; the
     * edge lies half a cell before that cell's centre. */
    float mm_per_cell = (float)(mask->cell / px_per_mm);
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < count; i++) {
        float d = outside[i] == 0.0f ? -(sqrtf(inside[i]) - 0.5f) : sqrtf(outside[i]) - 0.5f;
        d *= mm_per_cell; /* never NaN: the transforms give squares or infinity */
        outside[i] = d > SMP_MASK_FAR ? SMP_MASK_FAR : d < -SMP_MASK_FAR ? -SMP_MASK_FAR : d;
    }
    free(inside);
    *out = outside;
    return SMP_OK;
}
