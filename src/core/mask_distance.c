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

/* The first pass, down columns [x0, x0 + count) of the mask: each cell's
 * squared distance, in cells, to the nearest cell of the other kind (inside
 * against outside) in its column, or infinity, into g; negated for an
 * inside cell (never 0: the other kind is at least a cell away). These are
 * the very floats the envelope of parabolas gives there, from two sweeps
 * along whole rows, four columns a vector: down, counting from the nearest
 * cell of each kind above, then up, from the nearest below. Read straight
 * down a column, every value is a cache line of its own. runs holds 2 count
 * floats. */
static void column_distances(const smp_mask *mask, float *g, int x0, int count, float *runs) {
    size_t w = (size_t)mask->width;
    int lanes = count & ~3; /* columns four at a time, then one by one */
    float *to_in = runs, *to_out = runs + count; /* from the nearest inside and outside cell, cells */
    for (int c = 0; c < 2 * count; c++) runs[c] = INFINITY;
    for (int y = 0; y < mask->height; y++) {
        const float *cover = mask->coverage + (size_t)y * w + (size_t)x0;
        float *row = g + (size_t)y * w + (size_t)x0;
        for (int c = 0; c < lanes; c += 4) {
            i4 in = load4(cover + c) >= splat4(SMP_MASK_MIN_COVERAGE);
            f4 in_run = keep4(load4(to_in + c) + splat4(1.0f), ~in);
            f4 out_run = keep4(load4(to_out + c) + splat4(1.0f), in);
            store4(to_in + c, in_run), store4(to_out + c, out_run);
            store4(row + c, (f4)choose4(in, (i4)-out_run, (i4)in_run));
        }
        for (int c = lanes; c < count; c++) {
            int in = cover[c] >= SMP_MASK_MIN_COVERAGE;
            to_in[c] = in ? 0.0f : to_in[c] + 1.0f, to_out[c] = in ? to_out[c] + 1.0f : 0.0f;
            row[c] = in ? -to_out[c] : to_in[c];
        }
    }
    for (int c = 0; c < 2 * count; c++) runs[c] = INFINITY;
    for (int y = mask->height - 1; y >= 0; y--) {
        float *row = g + (size_t)y * w + (size_t)x0;
        for (int c = 0; c < lanes; c += 4) {
            f4 above = load4(row + c);
            i4 in = above < splat4(0.0f);
            f4 in_run = keep4(load4(to_in + c) + splat4(1.0f), ~in);
            f4 out_run = keep4(load4(to_out + c) + splat4(1.0f), in);
            store4(to_in + c, in_run), store4(to_out + c, out_run);
            f4 nearest = min4((f4)choose4(in, (i4)-above, (i4)above), (f4)choose4(in, (i4)out_run, (i4)in_run));
            store4(row + c, (f4)choose4(in, (i4)-(nearest * nearest), (i4)(nearest * nearest)));
        }
        for (int c = lanes; c < count; c++) {
            int in = row[c] < 0.0f;
            to_in[c] = in ? 0.0f : to_in[c] + 1.0f, to_out[c] = in ? to_out[c] + 1.0f : 0.0f;
            float above = in ? -row[c] : row[c], below = in ? to_out[c] : to_in[c];
            float nearest = above < below ? above : below;
            row[c] = in ? -(nearest * nearest) : nearest * nearest;
        }
    }
}

/* Per thread: the envelopes' scratch (see transform_line), and a row's
 * squared distances to the nearest inside and outside cell. */
typedef struct row_scratch {
    int *v;
    double *z;
    float *d, *to_in, *to_out;
} row_scratch;

/* Row y of g from the columns' pass to the signed distance to the edge, in
 * millimetres (see smp_mask_distance): an inside cell measures to the
 * nearest outside cell and an outside one to the nearest inside cell, the
 * edge half a cell before that cell's centre. A row of one kind needs only
 * one of the two transforms. */
static void signed_row(float *g, int w, float mm_per_cell, const row_scratch *s) {
    int any_in = 0, any_out = 0;
    for (int q = 0; q < w; q++) {
        int in = g[q] < 0.0f;
        s->to_in[q] = in ? 0.0f : g[q], s->to_out[q] = in ? -g[q] : 0.0f;
        any_in |= in, any_out |= !in;
    }
    if (any_out) transform_line(s->to_in, w, s->v, s->z, s->d);
    if (any_in) transform_line(s->to_out, w, s->v, s->z, s->d);
    for (int q = 0; q < w; q++) {
        float d = g[q] < 0.0f ? sqrtf(s->to_out[q]) - 0.5f : -(sqrtf(s->to_in[q]) - 0.5f);
        d *= mm_per_cell; /* never NaN: the transforms give squares or infinity */
        g[q] = d > SMP_MASK_FAR ? SMP_MASK_FAR : d < -SMP_MASK_FAR ? -SMP_MASK_FAR : d;
    }
}

/* The signed distance field of the mask into g (width*height floats). */
static int signed_distance(const smp_mask *mask, float mm_per_cell, float *g) {
    int w = mask->width, h = mask->height, longest = w > h ? w : h, bands = (w + COLUMN_BAND - 1) / COLUMN_BAND;
    int failed = 0;
#pragma omp parallel reduction(| : failed)
    {
        row_scratch s = {malloc((size_t)longest * sizeof *s.v), malloc(((size_t)longest + 1) * sizeof *s.z),
                         malloc((size_t)longest * sizeof *s.d), malloc((size_t)w * sizeof *s.to_in),
                         malloc((size_t)w * sizeof *s.to_out)};
        float *runs = malloc(2 * COLUMN_BAND * sizeof *runs);
        failed = !s.v || !s.z || !s.d || !s.to_in || !s.to_out || !runs;
        /* Every thread must reach both loops, scratch or not. */
#pragma omp for schedule(static)
        for (int b = 0; b < bands; b++) {
            int x0 = b * COLUMN_BAND, count = w - x0 < COLUMN_BAND ? w - x0 : COLUMN_BAND;
            if (!failed) column_distances(mask, g, x0, count, runs);
        }
#pragma omp for schedule(dynamic, 16) /* rows of one kind cost half */
        for (int y = 0; y < h; y++)
            if (!failed) signed_row(g + (size_t)y * (size_t)w, w, mm_per_cell, &s);
        free(s.v), free(s.z), free(s.d), free(s.to_in), free(s.to_out), free(runs);
    }
    return !failed;
}

smp_status smp_mask_distance(const smp_mask *mask, double px_per_mm, float **out) {
    if (!mask || !out || !(px_per_mm > 0))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_mask_distance: NULL mask or a scale that is not positive");
    float *field = malloc((size_t)mask->width * (size_t)mask->height * sizeof *field);
    if (!field || !signed_distance(mask, (float)(mask->cell / px_per_mm), field)) {
        free(field);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a %dx%d distance field", mask->width, mask->height);
    }
    *out = field;
    return SMP_OK;
}
