/* make_blue_noise_tile.c: generates the progressive blue-noise tile that libsmp's dot placement tiles the photo with.
 *
 * Usage: make_blue_noise_tile OUT.bin [POINTS]
 *
 * The tile is a torus of unit point density whose points are stored in rank
 * order: every prefix (the first t of them, 1.5% <= t <= 100%) is itself blue
 * noise at density t. Placement keeps a candidate where its rank is below the
 * local target density over the maximum, so this one ordering serves every
 * density, and edits add or remove dots without moving the others.
 *
 * How: progressive dart throwing lays the points down level by level with a
 * shrinking radius (each level fills the gaps of the ones before), then a
 * projection pass pushes apart every pair closer than its level allows, which
 * lifts the full set's relative radius to about 0.78 and every prefix's to
 * over 0.64. It takes about a minute for the default 2^18 planned points;
 * libsmp only reads the result (assets/blue_noise/tile.bin).
 *
 * File format: little-endian uint32 point count, then per point uint16 x,
 * uint16 y as fractions of the tile side (value / 65536), in rank order. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEVEL_RATIO 1.25   /* density step between levels */
#define LOWEST_LEVEL 0.015 /* the sparsest level, as a fraction of the full density */
#define DART_RADIUS 0.777  /* relative radius of dart throwing: saturated random packing */
#define FULL_RADIUS 0.78   /* relative radius the projection enforces on the full set */
#define LEVEL_RADIUS 0.70  /* and on every coarser level */
#define DARTS_PER_POINT 20
#define PROJECTION_PASSES 150

typedef struct point {
    double x, y;
} point;

static double side; /* the torus side; density is points / side^2 */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

/* xorshift64*: the generator runs once, sequentially; any good stream will do. */
static double uniform(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 2685821657736338717ull) >> 11) * (1.0 / 9007199254740992.0);
}

static double wrap(double d) {
    if (d > side / 2) return d - side;
    if (d < -side / 2) return d + side;
    return d;
}

static double torus_distance2(point a, point b) {
    double dx = wrap(a.x - b.x), dy = wrap(a.y - b.y);
    return dx * dx + dy * dy;
}

/* A uniform grid over the torus with a linked list of point indices per cell. */
typedef struct grid {
    int cells;   /* per side */
    double cell; /* cell side */
    int *head, *next;
} grid;

static void grid_build(grid *g, double min_cell, const point *p, int n, int capacity) {
    g->cells = (int)(side / min_cell);
    if (g->cells < 3) g->cells = 3;
    g->cell = side / g->cells;
    size_t count = (size_t)g->cells * (size_t)g->cells;
    g->head = realloc(g->head, count * sizeof *g->head);
    g->next = realloc(g->next, (size_t)capacity * sizeof *g->next);
    if (!g->head || !g->next) {
        fprintf(stderr, "make_blue_noise_tile: out of memory\n");
        exit(1);
    }
    memset(g->head, -1, count * sizeof *g->head);
    for (int i = 0; i < n; i++) {
        int c = ((int)(p[i].y / g->cell) % g->cells) * g->cells + (int)(p[i].x / g->cell) % g->cells;
        g->next[i] = g->head[c];
        g->head[c] = i;
    }
}

static void grid_add(grid *g, const point *p, int i) {
    int c = ((int)(p[i].y / g->cell) % g->cells) * g->cells + (int)(p[i].x / g->cell) % g->cells;
    g->next[i] = g->head[c];
    g->head[c] = i;
}

#define MAX_NEIGHBOURS 256

/* The indices in the 3x3 cells around q (cells are at least the radius of interest). */
static int neighbours(const grid *g, point q, int *out) {
    int n = 0, cx = (int)(q.x / g->cell), cy = (int)(q.y / g->cell);
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++) {
            int c = ((cy + dy + g->cells) % g->cells) * g->cells + (cx + dx + g->cells) % g->cells;
            for (int k = g->head[c]; k >= 0 && n < MAX_NEIGHBOURS; k = g->next[k]) out[n++] = k;
        }
    return n;
}

static int far_from_all(const grid *g, const point *p, point q, double r) {
    int near[MAX_NEIGHBOURS];
    int n = neighbours(g, q, near);
    for (int j = 0; j < n; j++)
        if (torus_distance2(p[near[j]], q) < r * r) return 0;
    return 1;
}

/* The hexagonal spacing at density t (points per unit area). */
static double hex_spacing(double t) { return sqrt(2.0 / (sqrt(3.0) * t)); }

static int level_count(void) { return (int)ceil(log(1.0 / LOWEST_LEVEL) / log(LEVEL_RATIO)) + 1; }

static double level_density(int level, int levels) { return pow(LEVEL_RATIO, -(double)(levels - 1 - level)); }

/* Progressive dart throwing: level by level, from the sparsest, darts from one
 * shrinking pool join where they keep the level's radius from every point so far. */
static int throw_darts(point *out, int planned) {
    side = sqrt((double)planned);
    int pool_size = DARTS_PER_POINT * planned;
    point *pool = malloc((size_t)pool_size * sizeof *pool);
    if (!pool) exit(1);
    for (int i = 0; i < pool_size; i++) pool[i] = (point){uniform() * side, uniform() * side};
    double finest = DART_RADIUS * hex_spacing(1.0);
    int n = 0, levels = level_count();
    grid g = {0};
    for (int level = 0; level < levels; level++) {
        double r = DART_RADIUS * hex_spacing(level_density(level, levels));
        grid_build(&g, r, out, n, planned * 2);
        int kept = 0;
        for (int i = 0; i < pool_size; i++) {
            if (n < planned * 2 && far_from_all(&g, out, pool[i], r)) {
                out[n] = pool[i];
                grid_add(&g, out, n++);
            } else if (far_from_all(&g, out, pool[i], finest)) {
                pool[kept++] = pool[i]; /* may still fit a finer level */
            }
        }
        pool_size = kept;
        fprintf(stderr, "level %2d: density %.3f, %d points\n", level, level_density(level, levels), n);
    }
    free(pool);
    free(g.head);
    free(g.next);
    return n;
}

/* Pushes apart, in place, every pair in each level's prefix that is closer than
 * that level's radius; the full set gets the larger FULL_RADIUS. */
static void project(point *p, int n) {
    int levels = level_count();
    grid g = {0};
    for (int pass = 0; pass < PROJECTION_PASSES; pass++) {
        for (int level = levels - 1; level >= 0; level--) {
            double t = level_density(level, levels);
            int count = (int)(t * n);
            double r = (level == levels - 1 ? FULL_RADIUS : LEVEL_RADIUS) * hex_spacing(t);
            grid_build(&g, r, p, count, n);
            for (int i = 0; i < count; i++) {
                int near[MAX_NEIGHBOURS];
                int found = neighbours(&g, p[i], near);
                for (int j = 0; j < found; j++) {
                    int k = near[j];
                    double dx = wrap(p[i].x - p[k].x), dy = wrap(p[i].y - p[k].y);
                    double d = sqrt(dx * dx + dy * dy);
                    if (k <= i || d >= r || d == 0) continue;
                    double c = 0.51 * (r - d) / d; /* a hair past half, so the pair ends just apart */
                    p[i].x = fmod(p[i].x + dx * c + side, side);
                    p[i].y = fmod(p[i].y + dy * c + side, side);
                    p[k].x = fmod(p[k].x - dx * c + side, side);
                    p[k].y = fmod(p[k].y - dy * c + side, side);
                }
            }
        }
    }
    free(g.head);
    free(g.next);
}

/* Minimum and mean nearest-neighbour distance of the first count points, over the hexagonal spacing. */
static void relative_radius(const point *p, int count, double *min_out, double *mean_out) {
    double spacing = hex_spacing(count / (side * side));
    grid g = {0};
    grid_build(&g, spacing, p, count, count);
    double min = INFINITY, sum = 0;
    for (int i = 0; i < count; i++) {
        double best = INFINITY;
        int near[MAX_NEIGHBOURS];
        int found = neighbours(&g, p[i], near);
        for (int j = 0; j < found; j++)
            if (near[j] != i && torus_distance2(p[i], p[near[j]]) < best) best = torus_distance2(p[i], p[near[j]]);
        double rho = sqrt(best) / spacing;
        if (rho < min) min = rho;
        sum += rho;
    }
    free(g.head);
    free(g.next);
    *min_out = min;
    *mean_out = sum / count;
}

static void put_u32(uint8_t *out, uint32_t v) {
    for (int i = 0; i < 4; i++) out[i] = (uint8_t)(v >> (8 * i));
}

static int write_tile(const char *path, const point *p, int n) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) return 0;
    uint8_t header[4];
    put_u32(header, (uint32_t)n);
    int ok = fwrite(header, 1, 4, f) == 4;
    for (int i = 0; i < n && ok; i++) {
        uint32_t x = (uint32_t)(p[i].x / side * 65536.0) & 0xFFFF, y = (uint32_t)(p[i].y / side * 65536.0) & 0xFFFF;
        uint8_t rec[4] = {(uint8_t)x, (uint8_t)(x >> 8), (uint8_t)y, (uint8_t)(y >> 8)};
        ok = fwrite(rec, 1, 4, f) == 4;
    }
    ok = fclose(f) == 0 && ok;
    return ok && rename(tmp, path) == 0;
}

/* The stored points are quantised to 1/65536 of the side; report them as stored. */
static void quantise(point *p, int n) {
    for (int i = 0; i < n; i++) {
        p[i].x = (double)((uint32_t)(p[i].x / side * 65536.0) & 0xFFFF) * side / 65536.0;
        p[i].y = (double)((uint32_t)(p[i].y / side * 65536.0) & 0xFFFF) * side / 65536.0;
    }
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: make_blue_noise_tile OUT.bin [PLANNED_POINTS]\n");
        return 2;
    }
    int planned = argc == 3 ? atoi(argv[2]) : 1 << 18;
    if (planned < 1024 || planned > (1 << 22)) {
        fprintf(stderr, "make_blue_noise_tile: PLANNED_POINTS must be 1024-4194304\n");
        return 2;
    }
    point *p = malloc((size_t)planned * 2 * sizeof *p);
    if (!p) return 1;
    int n = throw_darts(p, planned);
    /* Rescale to unit density, which is what libsmp assumes of the tile. */
    double scale = sqrt((double)n / planned);
    for (int i = 0; i < n; i++) p[i].x *= scale, p[i].y *= scale;
    side *= scale;
    project(p, n);
    quantise(p, n);
    static const double report[] = {0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    for (size_t i = 0; i < sizeof report / sizeof report[0]; i++) {
        double min, mean;
        relative_radius(p, (int)(report[i] * n), &min, &mean);
        fprintf(stderr, "prefix %4.0f%%: relative radius min %.3f, mean %.3f\n", report[i] * 100, min, mean);
    }
    if (!write_tile(argv[1], p, n)) {
        fprintf(stderr, "make_blue_noise_tile: cannot write %s\n", argv[1]);
        return 1;
    }
    fprintf(stderr, "wrote %d points to %s\n", n, argv[1]);
    free(p);
    return 0;
}
