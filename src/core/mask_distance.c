/* mask_distance.c: exact signed Euclidean distance to a mask's edge (Felzenszwalb-Huttenlocher), in millimetres. */
#include <math.h>
#include <stdlib.h>

#include "internal.h"
#include "smp/mask.h"

/* One-dimensional squared distance transform of f (n samples, stride apart)
 * in place: the lower envelope of the parabolas (q - i)^2 + f[i], its
 * breakpoints in double (q * q outgrows a float's exact range).
 * v, z and d are scratch of n, n + 1 and n entries. */
static void transform_line(float *f, size_t stride, int n, int *v, double *z, float *d) {
    int k = 0;
    v[0] = 0;
    z[0] = -INFINITY;
    z[1] = INFINITY;
    for (int q = 1; q < n; q++) {
        float fq = f[(size_t)q * stride];
        if (fq == INFINITY) continue;
        while (k >= 0) {
            int p = v[k];
            float fp = f[(size_t)p * stride];
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
    if (f[(size_t)v[0] * stride] == INFINITY) return; /* no finite sample on this line */
    for (int q = 0, j = 0; q < n; q++) {
        while (z[j + 1] < q) j++;
        float diff = (float)(q - v[j]);
        d[q] = diff * diff + f[(size_t)v[j] * stride];
    }
    for (int q = 0; q < n; q++) f[(size_t)q * stride] = d[q];
}

/* Squared distance, in cells, from every cell to the nearest cell whose
 * inside-ness equals `target`. f must hold width*height floats. */
static int squared_distance_to(const smp_mask *mask, int target, float *f) {
    int w = mask->width, h = mask->height, longest = w > h ? w : h;
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
        f[i] = (mask->coverage[i] >= SMP_MASK_MIN_COVERAGE) == target ? 0.0f : INFINITY;
    int failed = 0;
#pragma omp parallel reduction(| : failed)
    {
        int *v = malloc((size_t)longest * sizeof *v);
        double *z = malloc(((size_t)longest + 1) * sizeof *z);
        float *d = malloc((size_t)longest * sizeof *d);
        failed = !v || !z || !d;
        /* Every thread must reach both loops, scratch or not. */
#pragma omp for schedule(static)
        for (int x = 0; x < w; x++)
            if (!failed) transform_line(f + x, (size_t)w, h, v, z, d);
#pragma omp for schedule(static)
        for (int y = 0; y < h; y++)
            if (!failed) transform_line(f + (size_t)y * (size_t)w, 1, w, v, z, d);
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
        outside[i] = fmaxf(fminf(d * mm_per_cell, SMP_MASK_FAR), -SMP_MASK_FAR);
    }
    free(inside);
    *out = outside;
    return SMP_OK;
}
