/* shape_trace.c: the outline of a mask's largest painted region, simplified into a few control points of a curve. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "smp/shape.h"

#define LEVEL 0.5f /* the iso-line traced: a cell at least this covered is painted */

enum {
    DEFAULT_MAX_POINTS = 48,
    /* The default tolerance: what the cells resolve, and for a large region a
     * 150th of its size (about 1 mm on a head), which leaves it a few dozen
     * points whatever the photo's resolution. */
    DEFAULT_TOLERANCE_CELLS = 2,
    DEFAULT_TOLERANCE_PER_SIZE = 150,
    /* A curve segment is measured along chords of about 2 cells, at most 16
     * of them: 1/16 of even a 300 px segment bends by well under a pixel. */
    PIECE_CELLS = 2,
    MAX_PIECES = 16,
    SPAN_SAMPLES = 8,
};

/* A maximal run of painted cells x0..x1 in row y, a node of a union-find
 * whose roots are each region's first run in raster order. */
typedef struct run {
    int x0, x1, y;
    size_t parent;
    size_t cells; /* the region's painted cells, at its root */
} run;

typedef struct tracer {
    const smp_mask *mask;
    run *runs;
    size_t *row_start; /* row y's runs are row_start[y] .. row_start[y + 1] - 1 */
    size_t region;     /* the root of the region traced */
} tracer;

/* Coverage clamped to [0, 1]; NaN counts as no paint. */
static float level(float v) { return v >= 1.0f ? 1.0f : v > 0.0f ? v : 0.0f; }

static size_t find(run *runs, size_t r) {
    while (runs[r].parent != r) r = runs[r].parent = runs[runs[r].parent].parent;
    return r;
}

static void unite(run *runs, size_t a, size_t b) {
    a = find(runs, a), b = find(runs, b);
    if (a < b) runs[b].parent = a; /* the earlier run stays the root */
    else runs[a].parent = b;
}

/* Grows *items (of `size` bytes each) to hold at least need of them. */
static int reserve(void **items, size_t *capacity, size_t need, size_t size) {
    if (need <= *capacity) return 1;
    size_t grown = *capacity < 64 ? 64 : *capacity * 2, bytes;
    if (grown < need) grown = need;
    if (!smp_mul_size(grown, size, &bytes)) return 0;
    void *more = realloc(*items, bytes);
    if (!more) return 0;
    *items = more, *capacity = grown;
    return 1;
}

/* Finds the painted runs, joins those touching across rows (diagonals too, as
 * the saddle rule in exit_edge does) and picks the region with the most cells,
 * the first in raster order on a tie. */
static smp_status find_regions(tracer *t) {
    const smp_mask *m = t->mask;
    size_t count = 0, capacity = 0;
    t->row_start = malloc(((size_t)m->height + 1) * sizeof *t->row_start);
    if (!t->row_start) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "mask trace: out of memory for %d rows", m->height);
    for (int y = 0; y < m->height; y++) {
        const float *row = m->coverage + (size_t)y * (size_t)m->width;
        t->row_start[y] = count;
        for (int x = 0; x < m->width; x++) {
            if (level(row[x]) < LEVEL) continue;
            if (!reserve((void **)&t->runs, &capacity, count + 1, sizeof *t->runs))
                return smp_fail(SMP_ERR_OUT_OF_MEMORY, "mask trace: out of memory for %zu painted runs", count + 1);
            run *r = &t->runs[count];
            *r = (run){x, x, y, count, 0};
            while (r->x1 + 1 < m->width && level(row[r->x1 + 1]) >= LEVEL) r->x1++;
            x = r->x1;
            count++;
        }
        if (y == 0) continue;
        size_t q = t->row_start[y - 1], above_end = t->row_start[y];
        for (size_t r = t->row_start[y]; r < count; r++) {
            while (q < above_end && t->runs[q].x1 + 1 < t->runs[r].x0) q++;
            for (size_t k = q; k < above_end && t->runs[k].x0 <= t->runs[r].x1 + 1; k++) unite(t->runs, k, r);
        }
    }
    t->row_start[m->height] = count;
    if (count == 0) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask trace: the mask has no painted area");
    for (size_t r = 0; r < count; r++) t->runs[find(t->runs, r)].cells += (size_t)(t->runs[r].x1 - t->runs[r].x0 + 1);
    t->region = 0;
    for (size_t r = 1; r < count; r++)
        if (t->runs[r].parent == r && t->runs[r].cells > t->runs[t->region].cells) t->region = r;
    return SMP_OK;
}

/* The traced level at the centre of cell (x, y): coverage in the region,
 * nothing outside the mask or in another region, so that the outline closes
 * along the mask's border and never strays into a neighbouring region. */
static float sample(const tracer *t, int x, int y) {
    const smp_mask *m = t->mask;
    if (x < 0 || y < 0 || x >= m->width || y >= m->height) return 0.0f;
    float v = level(m->coverage[(size_t)y * (size_t)m->width + (size_t)x]);
    if (v < LEVEL) return v;
    size_t lo = t->row_start[y], hi = t->row_start[y + 1] - 1; /* the painted run holding x */
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (t->runs[mid].x0 <= x) lo = mid;
        else hi = mid - 1;
    }
    return find(t->runs, lo) == t->region ? v : 0.0f;
}

/* Marching squares: a square has cell centres at its corners, numbered
 * clockwise from the top left, and edge e runs from corner e to corner e + 1. */
static const int corner_dx[4] = {0, 1, 1, 0}, corner_dy[4] = {0, 0, 1, 1};
static const int step_dx[4] = {0, 1, 0, -1}, step_dy[4] = {-1, 0, 1, 0}; /* to the square across edge e */

/* The edge by which the outline leaves a square it entered by edge `entry`.
 * In a saddle (two painted corners facing diagonally) the painted corners are
 * joined, matching the diagonal connection find_regions makes. */
static int exit_edge(const float v[4], int entry) {
    int in[4];
    for (int k = 0; k < 4; k++) in[k] = v[k] >= LEVEL;
    if (in[0] == in[2] && in[1] == in[3] && in[0] != in[1]) /* around the unpainted corner of the entry edge */
        return in[entry] ? (entry + 1) % 4 : (entry + 3) % 4;
    for (int k = 0; k < 4; k++)
        if (k != entry && in[k] != in[(k + 1) % 4]) return k;
    return entry; /* not reached: a square entered has a second crossed edge */
}

/* Where the level crosses edge e of the square whose top-left corner is cell
 * (x, y), linear between the two cell centres, in photo pixels. */
static smp_point crossing(const smp_mask *m, const float v[4], int x, int y, int e) {
    int a = e, b = (e + 1) % 4;
    if (v[a] < LEVEL) a = b, b = e;
    double u = (v[a] - LEVEL) / (double)(v[a] - v[b]);
    double xa = x + corner_dx[a] + 0.5, ya = y + corner_dy[a] + 0.5;
    double xb = x + corner_dx[b] + 0.5, yb = y + corner_dy[b] + 0.5;
    smp_point p = {(xa + (xb - xa) * u) * m->cell, (ya + (yb - ya) * u) * m->cell};
    p.x = fmin(fmax(p.x, 0.0), (double)m->photo_width); /* the last cells may reach past the photo */
    p.y = fmin(fmax(p.y, 0.0), (double)m->photo_height);
    return p;
}

/* Whether b lies on the straight way from a on to c, exactly. The straight
 * runs of an outline (along the border, on a hard-edged mask's rows, columns
 * and diagonals) are the bulk of a long one, and simplifying would drop b
 * for free anyway; dropping it here keeps that cost off the heap. */
static int straight_on(smp_point a, smp_point b, smp_point c) {
    double ux = b.x - a.x, uy = b.y - a.y, wx = c.x - b.x, wy = c.y - b.y;
    return ux * wy - uy * wx == 0.0 && ux * wx + uy * wy > 0.0;
}

static void corners(const tracer *t, int x, int y, float v[4]) {
    for (int k = 0; k < 4; k++) v[k] = sample(t, x + corner_dx[k], y + corner_dy[k]);
}

/* The region's outer boundary. It starts on the edge above the region's first
 * cell, which no other part of the region lies above, so the loop followed is
 * the outer one and not a hole's. */
static smp_status trace_outline(const tracer *t, smp_point **out, size_t *out_count) {
    const run *first = &t->runs[t->region];
    int x0 = first->x0, y0 = first->y - 1;
    int x = x0, y = y0, entry = 3; /* the square right of that edge, entered by its left edge */
    float v[4];
    corners(t, x, y, v);
    smp_point *points = NULL;
    size_t n = 0, capacity = 0;
    for (;;) {
        if (!reserve((void **)&points, &capacity, n + 1, sizeof *points)) {
            free(points);
            return smp_fail(SMP_ERR_OUT_OF_MEMORY, "mask trace: out of memory for an outline of %zu points", n + 1);
        }
        smp_point p = crossing(t->mask, v, x, y, entry);
        if (n >= 2 && straight_on(points[n - 2], points[n - 1], p)) points[n - 1] = p;
        else points[n++] = p;
        int e = exit_edge(v, entry);
        if (x == x0 - 1 && y == y0 && e == 1) break; /* back at the first edge */
        x += step_dx[e], y += step_dy[e], entry = (e + 2) % 4;
        corners(t, x, y, v);
    }
    *out = points, *out_count = n;
    return SMP_OK;
}

/* Simplification drops points one at a time, always the one whose loss moves
 * the curve least: the farthest that the outline between its neighbours
 * (itself and up to SPAN_SAMPLES points dropped before, evenly picked) lies
 * from the curve segment that would replace it. That is measured on the
 * curve smp_curve_polygon draws, so straight runs lose their points and
 * tight bends keep theirs, and the sampled span keeps many small drops from
 * adding up to a large one. An indexed min-heap keeps the order; a drop
 * changes the curve around the four nearest points left. */
typedef struct simplifier {
    const smp_point *p;
    size_t n;
    size_t *prev, *next;
    double *cost;
    size_t *heap, *slot; /* heap[slot[i]] == i while point i is alive */
    size_t size;
    double tolerance, piece_px, photo_width, photo_height;
} simplifier;

/* The squared distance from q to the nearest of the chords between curve[0..pieces]. */
static double curve_distance2(smp_point q, const smp_point *curve, int pieces) {
    double best = INFINITY;
    for (int k = 0; k < pieces; k++) {
        smp_point a = curve[k];
        double dx = curve[k + 1].x - a.x, dy = curve[k + 1].y - a.y, d2 = dx * dx + dy * dy;
        double u = d2 > 0.0 ? fmin(fmax(((q.x - a.x) * dx + (q.y - a.y) * dy) / d2, 0.0), 1.0) : 0.0;
        double ex = q.x - a.x - u * dx, ey = q.y - a.y - u * dy;
        best = fmin(best, ex * ex + ey * ey);
    }
    return best;
}

static int on_edge(const simplifier *s, size_t i) {
    smp_point p = s->p[i % s->n];
    return p.x == 0.0 || p.y == 0.0 || p.x == s->photo_width || p.y == s->photo_height;
}

static double drop_cost(const simplifier *s, size_t i) {
    smp_point p = s->p[i];
    size_t a = s->prev[i], c = s->next[i];
    smp_point q[4] = {s->p[s->prev[a]], s->p[a], s->p[c], s->p[s->next[c]]}, curve[MAX_PIECES + 1];
    double dx = q[2].x - q[1].x, dy = q[2].y - q[1].y;
    int pieces = (int)fmin(ceil(sqrt(dx * dx + dy * dy) / s->piece_px), MAX_PIECES);
    if (pieces < 1) pieces = 1;
    smp_curve_segment(q, pieces, curve);
    curve[pieces] = q[2];
    double worst = curve_distance2(p, curve, pieces);
    size_t span = (c + s->n - a) % s->n, samples = span - 1 < SPAN_SAMPLES ? span - 1 : SPAN_SAMPLES;
    for (size_t k = 1; k <= samples; k++)
        worst = fmax(worst, curve_distance2(s->p[(a + k * span / (samples + 1)) % s->n], curve, pieces));
    /* Where the outline meets the photo's edge, dropping costs the tolerance
     * more: only max_points drops it, so a region the edge cuts off keeps its
     * straight side. */
    int meets_edge = on_edge(s, i) && (!on_edge(s, i + s->n - 1) || !on_edge(s, i + 1));
    return sqrt(worst) + (meets_edge ? s->tolerance : 0.0);
}

static int before(const simplifier *s, size_t a, size_t b) {
    return s->cost[a] < s->cost[b] || (s->cost[a] == s->cost[b] && a < b);
}

static void heap_put(simplifier *s, size_t at, size_t i) {
    s->heap[at] = i;
    s->slot[i] = at;
}

static void sift(simplifier *s, size_t at) {
    size_t i = s->heap[at];
    while (at > 0 && before(s, i, s->heap[(at - 1) / 2])) {
        heap_put(s, at, s->heap[(at - 1) / 2]);
        at = (at - 1) / 2;
    }
    for (;;) {
        size_t child = 2 * at + 1;
        if (child >= s->size) break;
        if (child + 1 < s->size && before(s, s->heap[child + 1], s->heap[child])) child++;
        if (!before(s, s->heap[child], i)) break;
        heap_put(s, at, s->heap[child]);
        at = child;
    }
    heap_put(s, at, i);
}

static void recost(simplifier *s, size_t i) {
    s->cost[i] = drop_cost(s, i);
    sift(s, s->slot[i]);
}

/* Drops points while more than max_points remain or the cheapest drop moves
 * the curve by at most tolerance; never below 3. Returns the points left. */
static size_t simplify(simplifier *s, size_t max_points, size_t *first) {
    size_t n = s->n;
    for (size_t i = 0; i < n; i++) s->prev[i] = (i + n - 1) % n, s->next[i] = (i + 1) % n;
    for (size_t i = 0; i < n; i++) s->cost[i] = drop_cost(s, i), s->heap[i] = i;
    s->size = n;
    for (size_t at = n; at-- > 0;) sift(s, at);
    size_t alive = n;
    while (alive > 3) {
        size_t i = s->heap[0];
        if (alive <= max_points && s->cost[i] > s->tolerance) break;
        heap_put(s, 0, s->heap[--s->size]);
        if (s->size > 0) sift(s, 0);
        size_t a = s->prev[i], c = s->next[i];
        s->next[a] = c, s->prev[c] = a;
        alive--;
        recost(s, a), recost(s, c), recost(s, s->prev[a]), recost(s, s->next[c]);
    }
    *first = s->heap[0];
    return alive;
}

/* Twice the signed area: positive for a clockwise outline in image coordinates (y down). */
static double signed_area2(const smp_point *p, int n) {
    double sum = 0.0;
    for (int i = 0; i < n; i++) sum += p[i].x * p[(i + 1) % n].y - p[(i + 1) % n].x * p[i].y;
    return sum;
}

/* The points left, clockwise from the topmost (leftmost on a tie). */
static smp_point *collect(const simplifier *s, size_t first, int count) {
    smp_point *out = malloc((size_t)count * sizeof *out);
    if (!out) return NULL;
    size_t top = first;
    for (size_t i = s->next[first]; i != first; i = s->next[i])
        if (s->p[i].y < s->p[top].y || (s->p[i].y == s->p[top].y && s->p[i].x < s->p[top].x)) top = i;
    size_t i = top;
    for (int k = 0; k < count; k++, i = s->next[i]) out[k] = s->p[i];
    if (signed_area2(out, count) < 0.0)
        for (int k = 1; k < count - k; k++) {
            smp_point swap = out[k];
            out[k] = out[count - k], out[count - k] = swap;
        }
    return out;
}

static smp_status simplify_outline(const smp_mask *mask, const smp_point *points, size_t n, double tolerance,
                                   int max_points, smp_point **out, int *out_count) {
    simplifier s = {.p = points,
                    .n = n,
                    .tolerance = tolerance,
                    .piece_px = PIECE_CELLS * mask->cell,
                    .photo_width = mask->photo_width,
                    .photo_height = mask->photo_height};
    size_t bytes, cost_bytes;
    smp_status status = SMP_OK;
    if (smp_mul_size(n, sizeof(size_t), &bytes) && smp_mul_size(n, sizeof(double), &cost_bytes)) {
        s.prev = malloc(bytes), s.next = malloc(bytes), s.heap = malloc(bytes), s.slot = malloc(bytes);
        s.cost = malloc(cost_bytes);
    }
    if (!s.prev || !s.next || !s.heap || !s.slot || !s.cost) {
        status = smp_fail(SMP_ERR_OUT_OF_MEMORY, "mask trace: out of memory simplifying %zu points", n);
    } else {
        size_t first;
        int count = (int)simplify(&s, (size_t)max_points, &first);
        *out = collect(&s, first, count);
        *out_count = count;
        if (!*out) status = smp_fail(SMP_ERR_OUT_OF_MEMORY, "mask trace: out of memory for %d points", count);
    }
    free(s.prev), free(s.next), free(s.heap), free(s.slot), free(s.cost);
    return status;
}

smp_status smp_mask_trace(const smp_mask *mask, double tolerance_px, int max_points, smp_point **out, int *out_count) {
    if (!mask || !mask->coverage || mask->width < 1 || mask->height < 1 || mask->cell < 1 || mask->photo_width < 1 ||
        mask->photo_height < 1 || !out || !out_count)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask trace: NULL or malformed mask, or NULL result");
    if (!(tolerance_px >= 0.0) || !isfinite(tolerance_px))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask trace: tolerance %g px is not a finite number >= 0",
                        tolerance_px);
    if (max_points != 0 && (max_points < 3 || max_points > SMP_CURVE_MAX_POINTS))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask trace: %d points at most; give 3 to %d, or 0 for %d",
                        max_points, SMP_CURVE_MAX_POINTS, DEFAULT_MAX_POINTS);
    if (max_points == 0) max_points = DEFAULT_MAX_POINTS;
    tracer t = {.mask = mask};
    smp_point *outline = NULL;
    size_t n = 0;
    smp_status status = find_regions(&t);
    if (status == SMP_OK && tolerance_px == 0.0)
        tolerance_px = fmax(DEFAULT_TOLERANCE_CELLS, sqrt((double)t.runs[t.region].cells) / DEFAULT_TOLERANCE_PER_SIZE) *
                       mask->cell;
    if (status == SMP_OK) status = trace_outline(&t, &outline, &n);
    free(t.runs);
    free(t.row_start);
    if (status == SMP_OK) status = simplify_outline(mask, outline, n, tolerance_px, max_points, out, out_count);
    free(outline);
    return status;
}
