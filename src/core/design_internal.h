/* design_internal.h: the design's parts that its source files share: candidates, fields, hashing. */
#ifndef SMP_DESIGN_INTERNAL_H
#define SMP_DESIGN_INTERNAL_H

#include "internal.h"
#include "smp/design.h"

/* Candidate dots are binned in squares of this side, so a rectangle query
 * touches only the bins it overlaps. */
#define SMP_BIN_MM 4.0

/* Candidates over the whole photo for one seed, at SMP_DENSITY_MAX, binned
 * and in rank order within each bin, in structure-of-arrays form for the
 * thresholding loop. */
typedef struct smp_candidates {
    uint64_t seed;
    int bins_x, bins_y;
    uint32_t *bin_start; /* bins_x * bins_y + 1 offsets into the arrays */
    float *x, *y;        /* millimetres */
    float *rank;         /* [0, 1) */
    float *noise;        /* edge noise at irregularity 1, millimetres */
    float *size_jitter, *shade_jitter; /* each dot's own variation, roughly normal (sd 1, within +-3) */
    uint32_t *id;
    size_t count;
} smp_candidates;

/* What the masks and fields say under each candidate (parallel to the
 * candidates' arrays): sampled once, so choosing dots after a style change
 * is arithmetic only. */
typedef struct smp_sites {
    float *cover;          /* treatment coverage */
    float *distance;       /* signed distance to the treatment edge, mm */
    float *blend_distance; /* to the blend zone's edge; -SMP_MASK_FAR without one */
    float *blend;          /* blend coverage; NULL without a blend zone */
    float *scar;           /* scar coverage; NULL without scars */
} smp_sites;

struct smp_design {
    int photo_width, photo_height;
    double px_per_mm;
    double width_mm, height_mm;
    smp_mask *treatment, *blend, *scar; /* blend and scar may be NULL */
    float *distance;                    /* signed distance to the treatment edge, mm, per mask cell */
    float *blend_distance;              /* signed distance to the blend zone's edge; NULL without one */
    float *bin_treatment, *bin_blend;   /* per candidate bin: the most coverage any point in it can sample */
    smp_style style;                    /* resolved */
    smp_candidates candidates;
    smp_sites sites;                    /* the masks under each candidate */
};

/* Samples the design's masks under each of its candidates. */
smp_status smp_sites_sample(smp_design *d);
void smp_sites_free(smp_sites *sites);

/* Builds the candidates of a width_mm x height_mm photo for a seed. */
smp_status smp_candidates_build(double width_mm, double height_mm, uint64_t seed, smp_candidates *out);
void smp_candidates_free(smp_candidates *c);

/* The first and last bin (inclusive) a rectangle overlaps, clipped to the photo;
 * 0 when it overlaps none. */
int smp_candidates_bin_range(const smp_candidates *c, const smp_rect_mm *rect, int *bx0, int *by0, int *bx1,
                             int *by1);

/* The blue-noise tile: points of unit density on a torus of side `side`, in
 * rank order, binned in grid x grid cells (points of cell c are
 * cell_start[c] .. cell_start[c + 1] - 1, each cell in rank order). */
typedef struct smp_noise_tile {
    int count;
    double side;
    int grid;
    const uint32_t *cell_start;
    const float *x, *y;
    const uint32_t *index; /* rank order index of each binned point */
} smp_noise_tile;

/* The tile, decoded once per process; NULL (with the error set) if it cannot be. */
const smp_noise_tile *smp_noise_tile_get(void);

/* Counter-based hashing: the same key always gives the same bits, whatever
 * the thread or the order of evaluation. */
static inline uint64_t smp_mix64(uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

static inline uint64_t smp_hash3(uint64_t a, uint64_t b, uint64_t c) {
    return smp_mix64(a + smp_mix64(b + smp_mix64(c + 0x9E3779B97F4A7C15ull)));
}

/* A uniform float in [0, 1) from 24 bits of h. */
static inline float smp_unit(uint64_t h) { return (float)(h >> 40) * (1.0f / 16777216.0f); }

/* How far inside the treated area a point is, mm, and how much of the soft
 * hairline applies there (0 where the area meets existing hair: no feather,
 * no offset; 1 along the hairline). distance and blend_distance are the
 * fields sampled at the point (blend_distance -SMP_MASK_FAR without a blend
 * zone), noise the candidate's edge noise. */
static inline float smp_treated_depth(const smp_style *s, float distance, float blend_distance, float noise,
                                      float *hairline) {
    float near_hair = 1.0f + blend_distance / (float)s->feather_mm; /* clamped to [0, 1]: fminf is a libm call */
    near_hair = near_hair > 0.0f ? near_hair : 0.0f;
    near_hair = near_hair < 1.0f ? near_hair : 1.0f;
    *hairline = 1.0f - near_hair;
    return distance - (float)s->hairline_offset_mm * *hairline + (float)s->irregularity * noise;
}

/* A dot list left in runs: run k holds kept[k] dots from list->dots +
 * start[k], which belong at first[k] once the runs close up. */
typedef struct smp_dot_runs {
    size_t count, capacity;
    size_t *start, *kept, *first;
} smp_dot_runs;

/* smp_design_dots's selection (design and list not NULL), its bins left
 * where their candidates would start, as runs: closing them up is a serial
 * pass a caller that reads the dots run by run does without. list->count
 * is the number of dots. On failure runs->count is 0 and list->count unchanged. */
smp_status smp_design_select(const smp_design *design, const smp_rect_mm *rect, smp_dot_list *list,
                             smp_dot_runs *runs);
void smp_dot_runs_free(smp_dot_runs *runs); /* the arrays; NULL is a no-op */

/* Runs of `run` dots (the last may be shorter) over a closed-up list of n.
 * Returns 0 when out of memory. */
int smp_dot_runs_even(smp_dot_runs *runs, size_t n, size_t run);

/* Edge noise at a point (mm) for a seed: large- and small-scale Perlin noise,
 * in millimetres at irregularity 1. */
float smp_edge_noise(uint64_t seed, double x_mm, double y_mm);

#endif
