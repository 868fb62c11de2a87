/* dots.c: selecting the design's dots from its candidates: rank below the local target density. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "design_internal.h"
#include "vec4.h"

/* Everything the per-candidate test needs, worked out once per query. */
typedef struct field {
    const smp_design *d;
    float density;       /* treatment density as a fraction of SMP_DENSITY_MAX */
    float blend_density; /* likewise in the blend zone */
    float inverse_feather;
    int soft;
    float cumulative_share[SMP_MAX_SESSIONS];
    float session_shade[SMP_MAX_SESSIONS];
} field;

static field field_for(const smp_design *d) {
    const smp_style *s = &d->style;
    field f = {d, (float)(s->density / SMP_DENSITY_MAX), (float)(s->density * s->blend_density / SMP_DENSITY_MAX),
               (float)(1.0 / s->feather_mm), s->hairline == SMP_HAIRLINE_SOFT, {0}, {0}};
    float sum = 0.0f;
    for (int i = 0; i < SMP_MAX_SESSIONS; i++) {
        sum += (float)s->session_share[i];
        f.cumulative_share[i] = i + 1 >= s->sessions ? 2.0f : sum; /* the last session takes the rest */
        f.session_shade[i] = (float)s->session_shade[i];
    }
    return f;
}

_Static_assert(sizeof(smp_dot) == 32, "smp_dot has no padding: dot lists compare bytewise");

static f4 smoothstep4(f4 u) { return u * u * (splat4(3.0f) - splat4(2.0f) * u); }

/* The hexagonal spacing, mm, at a fraction t of the candidates' density. */
static f4 spacing_at4(f4 t) {
    return sqrt4(splat4(2.0f) / (splat4(1.7320508f) * t * splat4((float)(SMP_DENSITY_MAX / 100.0))));
}

/* (0.6 spacing_at4(t))^2 * t, less 1% for rounding: a dot whose diameter^2 * t
 * is below it is narrower than 0.6 spacing_at4(t). */
#define SMALL_DOT (0.99f * 0.36f * 2.0f / (1.7320508f * (float)(SMP_DENSITY_MAX / 100.0)))

_Static_assert(offsetof(smp_dot, y_mm) == 4 && offsetof(smp_dot, diameter_mm) == 8 && offsetof(smp_dot, shade) == 12 &&
                   offsetof(smp_dot, rank) == 16 && offsetof(smp_dot, scar) == 20 && offsetof(smp_dot, id) == 24 &&
                   offsetof(smp_dot, session) == 28 && offsetof(smp_dot, zone) == 29,
               "select_four writes a dot as two rows of four floats");

/* Four lanes' session (1-4) and zone as a dot's last four bytes (the two
 * reserved ones zero), as a float's bits. */
static inline f4 dot_tag4(i4 session, i4 zone) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    i4 bits = session << 24 | zone << 16;
#else
    i4 bits = session | zone << 8;
#endif
    f4 v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* Which element lane l of a group from i takes: past `count` (the array's
 * end or the bin's) lanes repeat the last one, never reading beyond. */
static inline size_t lane_at(size_t i, int count, int l) { return i + (size_t)(l < count ? l : count - 1); }

/* Elements i .. i + 3 of an array, one a lane (see lane_at). Lanes are set
 * from registers: a 16-byte read of smaller writes to the stack waits for
 * them to reach the cache. */
static inline f4 lanes4(const float *a, size_t i, int count) {
    if (count == 4) return load4(a + i);
    return (f4){a[lane_at(i, count, 0)], a[lane_at(i, count, 1)], a[lane_at(i, count, 2)], a[lane_at(i, count, 3)]};
}

/* As lanes4, for the candidates' ids, each as a float's bits. */
static inline f4 id_lanes4(const uint32_t *id, size_t i, int count) {
    i4 bits;
    if (count == 4) {
        memcpy(&bits, id + i, sizeof bits);
    } else {
        bits = (i4){(int32_t)id[lane_at(i, count, 0)], (int32_t)id[lane_at(i, count, 1)],
                    (int32_t)id[lane_at(i, count, 2)], (int32_t)id[lane_at(i, count, 3)]};
    }
    f4 v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* Which of candidates i .. i + count - 1 lie in the rectangle r (to x1, y1,
 * exclusive), compared in double as the rectangle is; all of them when r is
 * NULL (a bin wholly inside it). */
static inline i4 lanes_in(const smp_candidates *c, size_t i, int count, const smp_rect_mm *r, double x1, double y1) {
    if (!r) return (i4){0, 1, 2, 3} < count;
    int32_t in[4] = {0, 0, 0, 0};
    for (int l = 0; l < count; l++) {
        double x = c->x[i + (size_t)l], y = c->y[i + (size_t)l];
        in[l] = -(x >= r->x && x < x1 && y >= r->y && y < y1);
    }
    return (i4){in[0], in[1], in[2], in[3]};
}

/* Candidates i .. i + count - 1 (count at most 4), one a lane, each made a
 * dot if `wanted` and its rank is below the target there; the kept ones
 * written from out on, in order. Returns how many it kept. */
static int select_four(const field *f, const smp_candidates *c, size_t i, int count, i4 wanted, smp_dot *out) {
    const smp_style *s = &f->d->style;
    const smp_sites *site = &f->d->sites;
    f4 one = splat4(1.0f), zero = splat4(0.0f), rank = lanes4(c->rank, i, count), cover = lanes4(site->cover, i, count);
    /* smp_treated_depth, lane by lane */
    f4 near_hair = min4(max4(one + lanes4(site->blend_distance, i, count) / splat4((float)s->feather_mm), zero), one);
    f4 hairline = one - near_hair;
    f4 depth = lanes4(site->distance, i, count) - splat4((float)s->hairline_offset_mm) * hairline +
               splat4((float)s->irregularity) * lanes4(c->noise, i, count);
    i4 treated = (cover > zero) & (depth > zero);
    f4 u = (f4)choose4(treated, (i4)min4(depth * splat4(f->inverse_feather) + (one - hairline), one), (i4)one);
    f4 t_treat = keep4(splat4(f->density) * cover * (f->soft ? smoothstep4(u) : u), treated);
    f4 t_blend = site->blend ? splat4(f->blend_density) * lanes4(site->blend, i, count) : zero;
    f4 t = max4(t_treat, t_blend);
    i4 keep = wanted & (rank < t), blend = t_blend > t_treat, session = {0, 0, 0, 0};
    if (!(keep[0] | keep[1] | keep[2] | keep[3])) return 0;
    /* The sessions whose share the rank has passed (the shares only grow and the last is 2). */
    for (int k = 0; k < SMP_MAX_SESSIONS; k++) session -= rank >= t * splat4(f->cumulative_share[k]);
    /* Each lane's session's shade, chosen in lanes rather than read from
     * memory lane by lane. A lane not kept may count past the last session
     * (where t is 0, the rank passes every share): it takes the last's. */
    f4 size_factor = one, shade_factor = splat4(f->session_shade[SMP_MAX_SESSIONS - 1]);
    for (int k = SMP_MAX_SESSIONS - 2; k >= 0; k--)
        shade_factor = (f4)choose4(session == k, (i4)splat4(f->session_shade[k]), (i4)shade_factor);
    f4 blended = shade_factor * splat4((float)s->blend_shade);
    if (f->soft) { /* smaller, lighter dots where the soft hairline begins */
        size_factor = (f4)choose4(blend, (i4)one, (i4)(splat4(0.6f) + splat4(0.4f) * u));
        shade_factor *= splat4(0.55f) + splat4(0.45f) * u;
    }
    shade_factor = (f4)choose4(blend, (i4)blended, (i4)shade_factor);
    f4 scar = site->scar ? lanes4(site->scar, i, count) : zero;
    f4 diameter = splat4((float)s->dot_size) * size_factor *
                  (one + splat4((float)s->size_variation) * lanes4(c->size_jitter, i, count)) *
                  (one + splat4(0.5f) * scar);
    f4 shade = splat4((float)s->shade) * shade_factor *
               (one + splat4((float)s->shade_variation) * lanes4(c->shade_jitter, i, count));
    /* Every prefix of the candidates keeps 0.64 of the hexagonal spacing: dots
     * smaller than 0.6 of it never touch. Its square root is worked out only
     * where a dot is near that size: well below it, diameter^2 * t is too. */
    i4 near_widest = keep & (diameter * diameter * t >= splat4(SMALL_DOT));
    if (near_widest[0] | near_widest[1] | near_widest[2] | near_widest[3])
        diameter = (f4)choose4(near_widest, (i4)min4(diameter, splat4(0.6f) * spacing_at4(t)), (i4)diameter);
    f4 head[4] = {lanes4(c->x, i, count), lanes4(c->y, i, count), diameter, min4(max4(shade, zero), one)};
    f4 tail[4] = {rank, scar, id_lanes4(c->id, i, count), dot_tag4(session + 1, blend & SMP_ZONE_BLEND)};
    transpose4(head), transpose4(tail);
    int n = 0;
    for (int l = 0; l < 4; l++)
        if (keep[l]) store4(&out[n].x_mm, head[l]), store4(&out[n].rank, tail[l]), n++;
    return n;
}

void smp_dot_list_free(smp_dot_list *list) {
    if (!list) return;
    free(list->dots);
    memset(list, 0, sizeof *list);
}

static int reserve(smp_dot_list *list, size_t n) {
    if (n <= list->capacity) return 1;
    smp_dot *grown = realloc(list->dots, n * sizeof *grown);
    if (!grown) return 0;
    list->dots = grown;
    list->capacity = n;
    return 1;
}

static smp_rect_mm clip_rect(const smp_design *d, const smp_rect_mm *rect) {
    return rect ? *rect : smp_design_bounds(d);
}

size_t smp_design_candidate_count(const smp_design *design, const smp_rect_mm *rect) {
    const smp_candidates *c = &design->candidates;
    smp_rect_mm r = clip_rect(design, rect);
    int bx0, by0, bx1, by1;
    if (!smp_candidates_bin_range(c, &r, &bx0, &by0, &bx1, &by1)) return 0;
    size_t n = 0;
    for (int by = by0; by <= by1; by++)
        n += c->bin_start[by * c->bins_x + bx1 + 1] - c->bin_start[by * c->bins_x + bx0];
    return n;
}

void smp_dot_runs_free(smp_dot_runs *runs) {
    if (!runs) return;
    free(runs->start);
    free(runs->kept);
    free(runs->first);
    memset(runs, 0, sizeof *runs);
}

static int reserve_runs(smp_dot_runs *runs, size_t n) {
    if (n <= runs->capacity) return 1;
    size_t *start = realloc(runs->start, n * sizeof *start);
    if (start) runs->start = start;
    size_t *kept = start ? realloc(runs->kept, n * sizeof *kept) : NULL;
    if (kept) runs->kept = kept;
    size_t *first = kept ? realloc(runs->first, n * sizeof *first) : NULL;
    if (first) runs->first = first;
    if (!first) return 0;
    runs->capacity = n;
    return 1;
}

int smp_dot_runs_even(smp_dot_runs *runs, size_t n, size_t run) {
    size_t count = (n + run - 1) / run;
    if (!reserve_runs(runs, count ? count : 1)) return 0;
    runs->count = count;
    for (size_t k = 0; k < count; k++)
        runs->start[k] = runs->first[k] = k * run, runs->kept[k] = n - k * run < run ? n - k * run : run;
    return 1;
}

/* The candidates of the bins the rectangle overlaps: where each bin's start
 * in a list of them all, and their total. Returns 0 when out of memory. */
static int bin_starts(const smp_candidates *c, int bx0, int by0, int cols, int rows, smp_dot_runs *runs,
                      size_t *total) {
    int bins = cols * rows;
    if (!reserve_runs(runs, (size_t)bins)) return 0;
    runs->count = (size_t)bins;
    size_t n = 0;
    for (int k = 0; k < bins; k++) {
        int b = (by0 + k / cols) * c->bins_x + bx0 + k % cols;
        runs->start[k] = n;
        n += c->bin_start[b + 1] - c->bin_start[b];
    }
    *total = n;
    return 1;
}

/* The dots of bin (bx, by) that lie in the rectangle r, written from out
 * on; returns how many. */
SMP_HOT static size_t select_bin(const field *f, const smp_rect_mm *r, int bx, int by, smp_dot *out) {
    const smp_design *design = f->d;
    const smp_candidates *c = &design->candidates;
    int b = by * c->bins_x + bx;
    double x1 = r->x + r->width, y1 = r->y + r->height;
    size_t n = 0;
    /* A bin wholly inside the rectangle needs no test per candidate (a
     * candidate's float x can round up to its bin's right edge, hence < x1). */
    int inside = r->x <= bx * SMP_BIN_MM && (bx + 1) * SMP_BIN_MM < x1 && r->y <= by * SMP_BIN_MM &&
                 (by + 1) * SMP_BIN_MM < y1;
    /* Candidates are in rank order: none past the bin's highest target can
     * be a dot (so a group's lanes past it are never kept either). */
    float treat = f->density * design->bin_treatment[b], blend = f->blend_density * design->bin_blend[b];
    float most = treat > blend ? treat : blend; /* not fmaxf, which gcc leaves a call */
    for (uint32_t i = c->bin_start[b], end = c->bin_start[b + 1]; i < end && c->rank[i] < most; i += 4) {
        int count = end - i < 4 ? (int)(end - i) : 4;
        n += (size_t)select_four(f, c, i, count, lanes_in(c, i, count, inside ? NULL : r, x1, y1), out + n);
    }
    return n;
}

smp_status smp_design_select(const smp_design *design, const smp_rect_mm *rect, smp_dot_list *list,
                             smp_dot_runs *runs) {
    const smp_candidates *c = &design->candidates;
    smp_rect_mm r = clip_rect(design, rect);
    int bx0, by0, bx1, by1;
    runs->count = 0;
    if (!smp_candidates_bin_range(c, &r, &bx0, &by0, &bx1, &by1)) {
        list->count = 0;
        return SMP_OK;
    }
    int cols = bx1 - bx0 + 1, rows = by1 - by0 + 1, bins = cols * rows;
    size_t total = 0;
    if (!bin_starts(c, bx0, by0, cols, rows, runs, &total) || !reserve(list, total ? total : 1)) {
        runs->count = 0;
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for the dots of %d bins", bins);
    }
    field f = field_for(design);
    smp_split split;
    smp_split_init(&split, (uint32_t)bins, 8);
#pragma omp parallel
    for (uint32_t k0, k1; smp_split_take(&split, &k0, &k1);)
        for (uint32_t k = k0; k < k1; k++)
            runs->kept[k] = select_bin(&f, &r, bx0 + (int)k % cols, by0 + (int)k / cols, list->dots + runs->start[k]);
    size_t count = 0;
    for (int k = 0; k < bins; k++) runs->first[k] = count, count += runs->kept[k];
    list->count = count;
    return SMP_OK;
}

smp_status smp_design_dots(const smp_design *design, const smp_rect_mm *rect, smp_dot_list *list) {
    if (!design || !list) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_design_dots: NULL argument");
    smp_dot_runs runs = {0};
    smp_status status = smp_design_select(design, rect, list, &runs);
    /* The runs close up in order: each moves down, never over one not yet moved. */
    for (size_t k = 0; status == SMP_OK && k < runs.count; k++)
        if (runs.first[k] != runs.start[k] && runs.kept[k])
            memmove(list->dots + runs.first[k], list->dots + runs.start[k], runs.kept[k] * sizeof *list->dots);
    smp_dot_runs_free(&runs);
    return status;
}
