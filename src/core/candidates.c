/* candidates.c: candidate dots over a photo, laid out by the blue-noise tile turned and shifted by the seed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stb_perlin.h>

#include "design_internal.h"

/* Tile units per millimetre: the tile has unit density, the candidates SMP_DENSITY_MAX dots/cm2. */
#define UNITS_PER_MM (sqrt(SMP_DENSITY_MAX / 100.0))

/* Lattice copies of the tile get distinct ids within +-LATTICE_REACH tiles of the origin. */
enum { LATTICE_REACH = 8 };

/* Where the seed puts the tile: tile point q lands at p = offset + R(angle) q / UNITS_PER_MM. */
typedef struct tiling {
    double c, s;   /* cos and sin of the angle */
    double ox, oy; /* offset, mm */
} tiling;

static tiling tiling_for(uint64_t seed, double side) {
    double angle = 2.0 * SMP_PI * smp_unit(smp_hash3(seed, 0x7417, 1));
    double span = side / UNITS_PER_MM;
    return (tiling){cos(angle), sin(angle), span * smp_unit(smp_hash3(seed, 0x7417, 2)),
                    span * smp_unit(smp_hash3(seed, 0x7417, 3))};
}

static long floor_div(long a, long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

typedef struct bin_out {
    float *x, *y, *rank, *noise, *size_jitter, *shade_jitter;
    uint32_t *id;
} bin_out;

/* A roughly normal number (mean 0, sd 1, within +-3) from a hash's bits. */
static float normalish(uint64_t h) {
    float a = (float)(h & 0xFFFFF), b = (float)((h >> 20) & 0xFFFFF), c = (float)((h >> 40) & 0xFFFFF);
    return ((a + b + c) / 1048576.0f - 1.5f) * 2.0f;
}

/* Visits the tile points that land in the bin's rectangle; stores them when
 * out is not NULL. Returns how many there are. */
static size_t enumerate_bin(const smp_noise_tile *t, const tiling *tl, uint64_t seed, double x0, double y0,
                            double x1, double y1, const bin_out *out) {
    double qx[4], qy[4];
    const double px[4] = {x0, x1, x0, x1}, py[4] = {y0, y0, y1, y1};
    for (int k = 0; k < 4; k++) { /* q = R(-angle) (p - offset) * units */
        double dx = px[k] - tl->ox, dy = py[k] - tl->oy;
        qx[k] = (tl->c * dx + tl->s * dy) * UNITS_PER_MM;
        qy[k] = (-tl->s * dx + tl->c * dy) * UNITS_PER_MM;
    }
    double cell = t->side / t->grid;
    long i0 = (long)floor(fmin(fmin(qx[0], qx[1]), fmin(qx[2], qx[3])) / cell);
    long i1 = (long)floor(fmax(fmax(qx[0], qx[1]), fmax(qx[2], qx[3])) / cell);
    long j0 = (long)floor(fmin(fmin(qy[0], qy[1]), fmin(qy[2], qy[3])) / cell);
    long j1 = (long)floor(fmax(fmax(qy[0], qy[1]), fmax(qy[2], qy[3])) / cell);
    size_t n = 0;
    for (long j = j0; j <= j1; j++) {
        long ky = floor_div(j, t->grid);
        for (long i = i0; i <= i1; i++) {
            long kx = floor_div(i, t->grid);
            uint32_t c = (uint32_t)((j - ky * t->grid) * t->grid + (i - kx * t->grid));
            for (uint32_t a = t->cell_start[c]; a < t->cell_start[c + 1]; a++) {
                double ux = (t->x[a] + (double)kx * t->side) / UNITS_PER_MM;
                double uy = (t->y[a] + (double)ky * t->side) / UNITS_PER_MM;
                double x = tl->ox + tl->c * ux - tl->s * uy, y = tl->oy + tl->s * ux + tl->c * uy;
                if (x < x0 || x >= x1 || y < y0 || y >= y1) continue;
                if (out) {
                    long copy = (ky + LATTICE_REACH) * (2 * LATTICE_REACH) + (kx + LATTICE_REACH);
                    out->x[n] = (float)x;
                    out->y[n] = (float)y;
                    out->rank[n] = (float)t->index[a] / (float)t->count;
                    out->id[n] = t->index[a] + (uint32_t)t->count * (uint32_t)copy;
                    out->noise[n] = smp_edge_noise(seed, x, y);
                    uint64_t h = smp_hash3(seed, out->id[n], 0xD07);
                    out->size_jitter[n] = normalish(h), out->shade_jitter[n] = normalish(smp_mix64(h));
                }
                n++;
            }
        }
    }
    return n;
}

/* Insertion sort of a bin's candidates by rank: a bin gathers a few runs
 * that are each in rank order already, and holds about a hundred. */
static void sort_by_rank(const bin_out *o, size_t n) {
    for (size_t i = 1; i < n; i++) {
        float x = o->x[i], y = o->y[i], rank = o->rank[i], noise = o->noise[i];
        float size = o->size_jitter[i], shade = o->shade_jitter[i];
        uint32_t id = o->id[i];
        size_t j = i;
        for (; j > 0 && o->rank[j - 1] > rank; j--) {
            o->x[j] = o->x[j - 1], o->y[j] = o->y[j - 1], o->rank[j] = o->rank[j - 1];
            o->noise[j] = o->noise[j - 1], o->id[j] = o->id[j - 1];
            o->size_jitter[j] = o->size_jitter[j - 1], o->shade_jitter[j] = o->shade_jitter[j - 1];
        }
        o->x[j] = x, o->y[j] = y, o->rank[j] = rank, o->noise[j] = noise, o->id[j] = id;
        o->size_jitter[j] = size, o->shade_jitter[j] = shade;
    }
}

float smp_edge_noise(uint64_t seed, double x_mm, double y_mm) {
    /* Wavelengths about 25 mm and 3 mm; the seed picks a slice of the 3D noise. */
    float z = (float)(smp_unit(smp_hash3(seed, 0xED6E, 0)) * 256.0);
    int variant = (int)(smp_hash3(seed, 0xED6E, 1) & 255);
    float large = stb_perlin_noise3_seed((float)(x_mm / 25.0), (float)(y_mm / 25.0), z, 0, 0, 0, variant);
    float small = stb_perlin_noise3_seed((float)(x_mm / 3.0), (float)(y_mm / 3.0), z + 17.0f, 0, 0, 0, variant);
    return 2.5f * large + 0.8f * small;
}

void smp_candidates_free(smp_candidates *c) {
    if (!c) return;
    free(c->bin_start);
    free(c->x);
    free(c->y);
    free(c->rank);
    free(c->noise);
    free(c->size_jitter);
    free(c->shade_jitter);
    free(c->id);
    memset(c, 0, sizeof *c);
}

smp_status smp_candidates_build(double width_mm, double height_mm, uint64_t seed, smp_candidates *out) {
    const smp_noise_tile *t = smp_noise_tile_get();
    if (!t) return SMP_ERR_OUT_OF_MEMORY;
    tiling tl = tiling_for(seed, t->side);
    int bx = (int)ceil(width_mm / SMP_BIN_MM), by = (int)ceil(height_mm / SMP_BIN_MM);
    int bins = bx * by;
    smp_candidates c = {.seed = seed, .bins_x = bx, .bins_y = by};
    c.bin_start = calloc((size_t)bins + 1, sizeof *c.bin_start);
    if (!c.bin_start) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for %d candidate bins", bins);
#pragma omp parallel for schedule(dynamic, 16)
    for (int b = 0; b < bins; b++) {
        double x0 = (b % bx) * SMP_BIN_MM, y0 = (b / bx) * SMP_BIN_MM;
        c.bin_start[b + 1] = (uint32_t)enumerate_bin(t, &tl, seed, x0, y0, fmin(x0 + SMP_BIN_MM, width_mm),
                                                     fmin(y0 + SMP_BIN_MM, height_mm), NULL);
    }
    for (int b = 0; b < bins; b++) c.bin_start[b + 1] += c.bin_start[b];
    c.count = c.bin_start[bins];
    size_t slots = c.count ? c.count : 1;
    c.x = malloc(slots * sizeof *c.x), c.y = malloc(slots * sizeof *c.y), c.rank = malloc(slots * sizeof *c.rank);
    c.noise = malloc(slots * sizeof *c.noise), c.id = malloc(slots * sizeof *c.id);
    c.size_jitter = malloc(slots * sizeof *c.size_jitter), c.shade_jitter = malloc(slots * sizeof *c.shade_jitter);
    if (!c.x || !c.y || !c.rank || !c.noise || !c.id || !c.size_jitter || !c.shade_jitter) {
        smp_candidates_free(&c);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for %zu candidate dots", slots);
    }
#pragma omp parallel for schedule(dynamic, 16)
    for (int b = 0; b < bins; b++) {
        uint32_t at = c.bin_start[b];
        bin_out o = {c.x + at, c.y + at, c.rank + at, c.noise + at, c.size_jitter + at, c.shade_jitter + at, c.id + at};
        double x0 = (b % bx) * SMP_BIN_MM, y0 = (b / bx) * SMP_BIN_MM;
        size_t n = enumerate_bin(t, &tl, seed, x0, y0, fmin(x0 + SMP_BIN_MM, width_mm),
                                 fmin(y0 + SMP_BIN_MM, height_mm), &o);
        sort_by_rank(&o, n);
    }
    *out = c;
    return SMP_OK;
}

int smp_candidates_bin_range(const smp_candidates *c, const smp_rect_mm *rect, int *bx0, int *by0, int *bx1,
                             int *by1) {
    double x0 = rect->x, y0 = rect->y, x1 = rect->x + rect->width, y1 = rect->y + rect->height;
    if (!(x1 > x0 && y1 > y0)) return 0;
    int a = (int)floor(fmax(x0, 0.0) / SMP_BIN_MM), b = (int)floor(fmax(y0, 0.0) / SMP_BIN_MM);
    int e = (int)floor(fmin(x1, 1e9) / SMP_BIN_MM), f = (int)floor(fmin(y1, 1e9) / SMP_BIN_MM);
    if (e >= c->bins_x) e = c->bins_x - 1;
    if (f >= c->bins_y) f = c->bins_y - 1;
    if (a > e || b > f) return 0;
    *bx0 = a, *by0 = b, *bx1 = e, *by1 = f;
    return 1;
}
