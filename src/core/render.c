/* render.c: the dots composited onto any view of the photo, in tiles, in linear light. */
#include <math.h>
#include <omp.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "design_internal.h"
#include "render_internal.h"
#include "render_rows.h"
#include "vec4.h"

enum {
    TILE_W_LOG2 = 6, /* tiles 64 x 32, wider than tall: longer runs of memory a row, and fewer dots and */
    TILE_H_LOG2 = 5, /* halo cells shared between tiles than 32 x 32 (3-5% quicker, the same bytes) */
    TILE_W = 1 << TILE_W_LOG2,
    TILE_H = 1 << TILE_H_LOG2,
    TILE_MAX = TILE_W > TILE_H ? TILE_W : TILE_H,
    PROGRESS_TILES = 128, /* a progress report every this many tiles (a quarter megapixel) */
    MAX_LEVELS = 16,
    CHUNKS = 16,      /* dots are binned in this many chunks, whatever the thread count */
    HALO_BANDS_PER_THREAD = 2, /* the halo is splatted and blurred in bands of rows */
    MAX_TAPS = 64,    /* the halo blur's widest reach, cells */
    AHEAD = 4,        /* a tile's own rows it fetches first (see fetch_row) */
    DOTS_AHEAD = 16   /* dots a tile's cores fetch ahead (see draw_cores) */
};

/* floor to int, inline: without SSE4.1 floorf is a call, and this runs per dot. */
static inline int ifloor(float v) {
    int i = (int)v;
    return i - (v < (float)i);
}

/* A dot ready to draw, in output pixels. Its coverage of a pixel whose centre
 * is d away is clamp((edge - d) / ramp, 0, 1) * weight; a small dot's (edge at
 * most SMALL_EDGE: a core of at most about a pixel) is tent(dx) * tent(dy) *
 * weight instead, tent(d) = 1 - |d| / edge, as a dot that small shows no
 * shape, only where its ink falls. The weight is scaled so the coverage sums
 * to the dot's exact area times its opacity: pixel centres farther than edge
 * (along either axis, for a small dot) get nothing. 32 bytes, two a cache line. */
#define SMALL_EDGE 1.5f
typedef struct painted_dot {
    float x, y;
    float edge, slope; /* 1 / ramp, or a small dot's tents' 1 / edge (worked out once, not per tile) */
    float weight; /* 0: not shown */
    float halo;   /* the halo's ink: darkening times area, output pixels squared */
    uint16_t span[4]; /* the first and last pixel column and row the core reaches, clipped to the view
                         (below 65536 pixels a side); empty when span[0] > span[2] */
} painted_dot;
_Static_assert(sizeof(painted_dot) == 32 && offsetof(painted_dot, weight) == 16 && offsetof(painted_dot, span) == 24,
               "painted_dot: two a cache line, stored as two rows of four floats");

/* The tiles a painted dot's core reaches, first and last across and down. */
typedef struct tile_span {
    uint16_t x0, y0, x1, y1;
} tile_span;

/* The dots' halos as one field of ink per area on a coarse grid over the
 * output (cells of `cell` pixels, starting `margin` cells before it), blurred
 * by the skin's scatter. Zero wherever no halo reaches. */
typedef struct halo_field {
    float *ink, *scratch;
    size_t capacity;
    float *rings; /* per thread, the rows its blur along them has done (see blur_band) */
    size_t rings_capacity;
    int width, height, margin;
    int active; /* 0 when no dot shows */
    float cell;
    float shift_x, shift_y; /* output pixels from the grid's cell lines to the view's corner: the grid
                               sits on the photo, so panning does not move the halo */
    float lut_scale;              /* table steps per unit of ink */
    f4 lut[HALO_LUT + 1];         /* exp(-ink * absorb)^(1/2.4) in the first three lanes, one a channel */
} halo_field;

struct smp_renderer {
    const smp_image *photo;
    int levels;                     /* pyramid levels made so far, the photo counting as the first */
    smp_image *pyramid[MAX_LEVELS]; /* [0] unused (the photo), each next one half the size */
    smp_dot_list visible; /* smp_render's dots in view, in runs, kept so frames reuse the memory */
    smp_dot_runs runs;    /* the runs of the dots being drawn */
    uint8_t *base;        /* the photo resampled for the last scaled view, tile by tile (see tile_pixels), */
    size_t base_capacity; /* bytes, */
    double base_key[7];   /* keyed by its level, sampling and size, */
    int base_ready;       /* whole once a render of that view finished: a style change skips the resampling */
    painted_dot *dots;
    size_t dots_capacity;
    tile_span *tiles_of;        /* per painted dot: the tiles its core reaches, which the binning */
    size_t tiles_of_capacity;   /* reads instead of the dots (whose lines it would wait for) */
    float *run_rows;          /* per run of dots: the least and greatest y (output pixels) of its dots */
    size_t run_rows_capacity; /* with a halo, so a band of the halo's grid passes over the others */
    halo_field halo;
    float absorb[3]; /* 1 - ink transmission, per channel: one ink per render */
    float cover_absorb[3]; /* the absorb the cover table was made for, */
    int cover_ready;       /* once it has been made */
    f4 cover_lut[COVER_STEPS + 1]; /* (1 - cover * absorb)^(1/2.4), per channel, for cover k / COVER_STEPS */
    int red;         /* the output's red byte: 0, or 2 for B, G, R, A */
    row_loops loops;       /* the row loops for the CPU's vector instructions (see render_rows.h) */
    uint32_t *bin_start, *bin_items, *chunk_start;
    size_t bins_capacity, items_capacity, chunk_capacity;
};

/* Half the size, each pixel the mean of four in linear light. */
static smp_image *halve(const smp_image *src) {
    smp_image *dst = smp_image_create((src->width + 1) / 2, (src->height + 1) / 2);
    if (!dst) return NULL;
    const float *lin = smp_srgb_to_linear_table();
    const uint8_t *enc = smp_linear_to_srgb_table();
#pragma omp parallel for schedule(static)
    for (int y = 0; y < dst->height; y++)
        for (int x = 0; x < dst->width; x++) {
            int x0 = 2 * x, y0 = 2 * y, x1 = x0 + 1 < src->width ? x0 + 1 : x0, y1 = y0 + 1 < src->height ? y0 + 1 : y0;
            const uint8_t *p[4] = {src->pixels + (size_t)y0 * src->stride + (size_t)x0 * 4,
                                   src->pixels + (size_t)y0 * src->stride + (size_t)x1 * 4,
                                   src->pixels + (size_t)y1 * src->stride + (size_t)x0 * 4,
                                   src->pixels + (size_t)y1 * src->stride + (size_t)x1 * 4};
            uint8_t *out = dst->pixels + (size_t)y * dst->stride + (size_t)x * 4;
            for (int c = 0; c < 3; c++) {
                float mean = 0.25f * (lin[p[0][c]] + lin[p[1][c]] + lin[p[2][c]] + lin[p[3][c]]);
                out[c] = enc[(int)(mean * (SMP_LINEAR_LUT_SIZE - 1) + 0.5f)];
            }
            out[3] = (uint8_t)((p[0][3] + p[1][3] + p[2][3] + p[3][3] + 2) / 4);
        }
    return dst;
}

static const smp_image *level(const smp_renderer *r, int i) { return i == 0 ? r->photo : r->pyramid[i]; }

/* Makes the pyramid's levels down to `wanted`; 0 when out of memory. */
static int make_levels(smp_renderer *r, int wanted) {
    while (r->levels <= wanted && r->levels < MAX_LEVELS) {
        const smp_image *above = level(r, r->levels - 1);
        if (above->width == 1 && above->height == 1) break;
        if (!(r->pyramid[r->levels] = halve(above))) return 0;
        r->levels++;
    }
    return 1;
}

void smp_renderer_destroy(smp_renderer *r) {
    if (!r) return;
    for (int i = 1; i < r->levels; i++) smp_image_destroy(r->pyramid[i]);
    smp_dot_list_free(&r->visible);
    smp_dot_runs_free(&r->runs);
    free(r->base);
    free(r->dots);
    free(r->tiles_of);
    free(r->run_rows);
    free(r->halo.ink), free(r->halo.scratch), free(r->halo.rings);
    free(r->bin_start), free(r->bin_items), free(r->chunk_start);
    free(r);
}

smp_status smp_renderer_create(const smp_image *photo, smp_renderer **out) {
    if (!photo || !out || !photo->pixels) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_renderer_create: no photo");
    smp_renderer *r = calloc(1, sizeof *r);
    if (!r) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a renderer");
    r->photo = photo;
    r->levels = 1;
    r->loops = row_loops_for_cpu();
    *out = r;
    return SMP_OK;
}

const char *smp_renderer_row_loops(const smp_renderer *r) { return row_loops_names[r->loops]; }

/* The view, checked, with zero meaning the whole photo at its size. */
static smp_status resolve_view(const smp_renderer *r, const smp_view *view, const smp_image *out, smp_view *v) {
    smp_view whole = {0, 0, r->photo->width, r->photo->height, r->photo->width, r->photo->height, view && view->bgra};
    *v = !view || (view->width == 0 && view->height == 0 && view->out_width == 0) ? whole : *view;
    if (!(v->width > 0 && v->height > 0 && isfinite(v->x) && isfinite(v->y) && isfinite(v->width) &&
          isfinite(v->height)) || v->out_width < 1 || v->out_height < 1)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "render: an empty or invalid view");
    if (v->out_width > SMP_IMAGE_MAX_SIDE || v->out_height > SMP_IMAGE_MAX_SIDE)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "render: a view is at most %d pixels a side", SMP_IMAGE_MAX_SIDE);
    if (!out || out->width != v->out_width || out->height != v->out_height || !out->pixels)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "render: the output must be %dx%d", v->out_width, v->out_height);
    return SMP_OK;
}

static int grow(void **buffer, size_t *capacity, size_t wanted, size_t item) {
    if (wanted <= *capacity) return 1;
    size_t n = wanted + wanted / 2;
    void *grown = realloc(*buffer, n * item);
    if (!grown) return 0;
    *buffer = grown;
    *capacity = n;
    return 1;
}

/* floor and ceil to int, four lanes at a time: a lane whose truncation
 * landed on the wrong side steps by one (a true comparison is -1). */
static inline i4 ifloor4(f4 v) {
    i4 i = __builtin_convertvector(v, i4);
    return i + (v < __builtin_convertvector(i, f4));
}
static inline i4 iceil4(f4 v) {
    i4 i = __builtin_convertvector(v, i4);
    return i - (v > __builtin_convertvector(i, f4));
}

/* The pixels whose centres lie within reach of c, along one axis, four
 * centres at once. */
static inline i4 first_pixel4(f4 c, f4 reach) { return iceil4(c - reach - splat4(0.5f)); }
static inline i4 last_pixel4(f4 c, f4 reach) { return ifloor4(c + reach - splat4(0.5f)); }

/* Tiles of `side` pixels across `pixels`. */
static inline int tiles_across(int pixels, int side) { return (pixels + side - 1) / side; }

/* The pixel columns and rows whose centres lie within reach of (x, y):
 * the first column and row, then the last column and row. */
static inline i4 pixel_span(float x, float y, float reach) {
    f4 centre = {x, y, x, y};
    i4 first = first_pixel4(centre, splat4(reach)), last = last_pixel4(centre, splat4(reach));
    return __builtin_shufflevector(first, last, 0, 1, 6, 7);
}

static void set_empty_span(painted_dot *p) { p->span[0] = p->span[1] = 1, p->span[2] = p->span[3] = 0; }

/* Notes the pixels a dot's core reaches, clipped to the view. */
static inline void set_span(painted_dot *p, i4 span, int out_width, int out_height) {
    int x0 = span[0] < 0 ? 0 : span[0], y0 = span[1] < 0 ? 0 : span[1];
    int x1 = span[2] < out_width ? span[2] : out_width - 1, y1 = span[3] < out_height ? span[3] : out_height - 1;
    if (p->weight <= 0.0f || x0 > x1 || y0 > y1) {
        set_empty_span(p);
        return;
    }
    p->span[0] = (uint16_t)x0, p->span[1] = (uint16_t)y0, p->span[2] = (uint16_t)x1, p->span[3] = (uint16_t)y1;
}

/* The dot profile at four pixel centres d2 (squared distances) from a dot's
 * centre: clamp((edge - d) * inverse_ramp, 0, 1), as a max and a min (the
 * one difference, +0 for -0, changes no sum or product). */
static inline f4 profile4(f4 edge, f4 inverse_ramp, f4 d2) {
    return min4(max4((edge - sqrt4(d2)) * inverse_ramp, splat4(0.0f)), splat4(1.0f));
}

/* One dot's profile at four pixel centres of a row. */
static inline f4 coverage4(const painted_dot *p, f4 dx, float dy) {
    return profile4(splat4(p->edge), splat4(p->slope), dx * dx + splat4(dy * dy));
}

/* Pixel columns x .. x + 3 as floats, and which of them are at most `last`. */
static inline f4 columns4(int x, int last, i4 *in) {
    i4 columns = (i4){0, 1, 2, 3} + x;
    *in = columns <= last;
    return __builtin_convertvector(columns, f4);
}

/* A small dot's profile along one axis at the pixel centres first .. first
 * + 3, its centre at c: 1 - |d| / edge (inverse holding 1 / edge), never
 * below 0, and exactly 0 past `last`. A small dot reaches at most four
 * pixel centres an axis, as 2 SMALL_EDGE is 3. */
static inline f4 tent4(float c, int first, int last, float inverse) {
    i4 in;
    f4 d = columns4(first, last, &in) + splat4(0.5f) - splat4(c);
    return keep4(max4(splat4(1.0f) - max4(d, -d) * splat4(inverse), splat4(0.0f)), in);
}

/* The tents' sums along one axis of four small dots, one a lane, centres
 * c, over the pixel centres first .. last each reaches: the same terms as
 * tent4 draws. */
static inline f4 tent_sums4(f4 c, i4 first, i4 last, f4 inverse) {
    f4 t[4];
    for (int k = 0; k < 4; k++) {
        i4 column = first + k;
        f4 d = __builtin_convertvector(column, f4) + splat4(0.5f) - c;
        t[k] = keep4(max4(splat4(1.0f) - max4(d, -d) * inverse, splat4(0.0f)), column <= last);
    }
    return (t[0] + t[1]) + (t[2] + t[3]);
}

/* The profile's sums over the pixel centres of up to four dots, one a lane.
 * Each lane adds its dot's pixels row by row, left to right, one by one, as
 * the dot alone would be summed; a pixel past its last row or column adds
 * exactly 0. */
static void coverage_sums(const painted_dot *dots, const uint32_t *which, int count, float sums[4]) {
    f4 x, y, edge, inverse_ramp;
    for (int l = 0; l < 4; l++) {
        const painted_dot *p = &dots[which[l < count ? l : 0]];
        x[l] = p->x, y[l] = p->y, edge[l] = p->edge, inverse_ramp[l] = p->slope;
    }
    i4 xa = first_pixel4(x, edge), xb = last_pixel4(x, edge), ya = first_pixel4(y, edge), yb = last_pixel4(y, edge);
    int rows = 0, columns = 0;
    for (int l = 0; l < 4; l++) {
        rows = yb[l] - ya[l] + 1 > rows ? yb[l] - ya[l] + 1 : rows;
        columns = xb[l] - xa[l] + 1 > columns ? xb[l] - xa[l] + 1 : columns;
    }
    f4 sum = splat4(0.0f);
    for (int r = 0; r < rows; r++) {
        i4 row = ya + r, row_in = row <= yb;
        f4 dy = __builtin_convertvector(row, f4) + splat4(0.5f) - y;
        for (int c = 0; c < columns; c++) {
            i4 column = xa + c;
            f4 dx = __builtin_convertvector(column, f4) + splat4(0.5f) - x;
            sum += keep4(profile4(edge, inverse_ramp, dx * dx + dy * dy), row_in & (column <= xb));
        }
    }
    for (int l = 0; l < count; l++) sums[l] = sum[l];
}

/* The last session a look shows, with all of them at 0. */
static int sessions_shown(const smp_look *look) { return look->sessions ? look->sessions : SMP_MAX_SESSIONS; }

/* The last session the look shows that any of a list's dots belongs to. */
static int last_shown_session(const smp_dot *dots, const smp_dot_runs *runs, int last) {
    int shown = 0;
#pragma omp parallel for schedule(static) reduction(max : shown)
    for (size_t k = 0; k < runs->count; k++)
        for (const smp_dot *d = dots + runs->start[k]; d < dots + runs->start[k] + runs->kept[k]; d++)
            if (d->session <= last && d->session > shown) shown = d->session;
    return shown;
}

/* A session's look in output pixels, worked out once a render. */
typedef struct session_paint {
    float radius;   /* the core's radius per mm of healed diameter */
    float softness; /* the width of its soft edge */
    float opacity;  /* its opacity per unit of shade: darkness over area */
    float halo;     /* the halo's ink per unit of the core's area and opacity */
} session_paint;

/* What shaping the dots for a view needs. */
typedef struct paint_context {
    session_paint sessions[SMP_MAX_SESSIONS];
    int last;                   /* the last session shown */
    float across, down;         /* output pixels per mm, */
    float left, top;            /* and the output position of the photo's corner */
    float scar_softness;        /* output pixels of soft edge per unit of scar */
    float halo_reach;           /* output pixels */
    int out_width, out_height;
} paint_context;

enum { PAINT_BLOCK = 256 }; /* dots a thread shapes at a time */

/* A dot's weight from its area (what the weight holds until then), its
 * profile's sum and its opacity. */
static inline void finish_weight(painted_dot *p, float sum, float opacity) {
    p->weight = sum > 0 ? p->weight / sum * opacity : 0.0f;
}

/* Four dots' fields, one a lane. */
typedef struct dot_lanes {
    f4 x_mm, y_mm, diameter, shade, scar;
    f4 radius, softness, opacity, halo; /* their sessions' session_paint */
    i4 shown; /* -1 where the look shows the dot's session */
} dot_lanes;

_Static_assert(offsetof(smp_dot, y_mm) == 4 && offsetof(smp_dot, diameter_mm) == 8 && offsetof(smp_dot, shade) == 12 &&
                   offsetof(smp_dot, scar) == 20 && sizeof(session_paint) == 16,
               "dot_lanes_for reads a dot's first two groups of four floats, and a session's four, as rows");

/* Up to m dots from d on, one a lane (lanes past m copy the first): each
 * dot's fields and its session's read as rows of four floats, then turned
 * into lanes. */
static dot_lanes dot_lanes_for(const paint_context *k, const smp_dot *d, int m) {
    f4 dot[4], more[4], session[4];
    int32_t shown[4];
    for (int l = 0; l < 4; l++) {
        const smp_dot *e = &d[l < m ? l : 0];
        shown[l] = -(e->session >= 1 && e->session <= k->last);
        dot[l] = load4(&e->x_mm), more[l] = load4(&e->rank);
        session[l] = load4(&k->sessions[shown[l] ? e->session - 1 : 0].radius);
    }
    transpose4(dot), transpose4(more), transpose4(session);
    /* Lanes set from four ints, not copied from memory: a 16-byte read of four
     * 4-byte writes waits for them to reach the cache (a third of the shaping's time). */
    return (dot_lanes){dot[0],     dot[1],     dot[2],     dot[3],    more[1],
                       session[0], session[1], session[2], session[3], (i4){shown[0], shown[1], shown[2], shown[3]}};
}

/* Scar tissue takes pigment unevenly: some dots there darker, some lighter.
 * 1 for a dot with no scar. */
static f4 unevenness(const smp_dot *d, int m, f4 scar) {
    f4 uneven = splat4(1.0f);
    i4 scarred = scar > splat4(0.0f);
    if (!(scarred[0] | scarred[1] | scarred[2] | scarred[3])) return uneven;
    for (int l = 0; l < m; l++)
        if (scar[l] > 0.0f) uneven[l] = 1.0f + 0.6f * scar[l] * (smp_unit(smp_mix64(d[l].id * 0x9E3779B97F4A7C15ull)) - 0.5f);
    return uneven;
}

/* Two 16-bit values a lane, a first and a second, as two uint16_t in memory. */
static inline f4 pack_pairs4(i4 first, i4 second) {
    i4 mask = {0xffff, 0xffff, 0xffff, 0xffff};
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    i4 bits = (first << 16) | (second & mask);
#else
    i4 bits = (first & mask) | (second << 16);
#endif
    f4 v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* Four dots' tile spans, the first and last column and row of tiles each
 * one's core reaches, from their clipped pixel spans, one a lane, into
 * tiles[0 .. m - 1]; empty (x0 > x1) where `keep` is 0. Worked out in lanes:
 * read back from the painted dots, the spans wait for their stores. */
static void store_tiles4(tile_span *tiles, int m, i4 keep, i4 x0, i4 y0, i4 x1, i4 y1) {
    i4 one = {1, 1, 1, 1}; /* spans are clipped to the view: shifts divide them */
    f4 first = pack_pairs4(choose4(keep, x0 >> TILE_W_LOG2, one), keep & (y0 >> TILE_H_LOG2));
    f4 last = pack_pairs4(keep & (x1 >> TILE_W_LOG2), keep & (y1 >> TILE_H_LOG2));
    f4 spans[2] = {__builtin_shufflevector(first, last, 0, 4, 1, 5), __builtin_shufflevector(first, last, 2, 6, 3, 7)};
    _Static_assert(sizeof spans == 4 * sizeof *tiles, "a tile span is two pairs of 16 bits");
    if (m == 4) {
        memcpy(tiles, spans, sizeof spans);
        return;
    }
    for (int l = 0; l < m; l++) memcpy(tiles + l, (const char *)spans + (size_t)l * sizeof *tiles, sizeof *tiles);
}

/* A painted dot's tile span (see store_tiles4), from its stored pixel span. */
static tile_span tiles_of_span(const painted_dot *p) {
    const uint16_t *s = p->span;
    i4 none = {0, 0, 0, 0};
    tile_span t;
    store_tiles4(&t, 1, none - (s[0] <= s[2]), none + s[0], none + s[1], none + s[2], none + s[3]);
    return t;
}

/* Four painted dots from their lanes into p[0 .. m - 1], and their tiles:
 * their spans (the first and last pixel column and row the core reaches)
 * clipped to the view, and empty where `keep` is 0, the weight is not
 * positive or nothing is left. */
static void store_four(painted_dot *p, tile_span *tiles, int m, f4 head[4], f4 weight, f4 halo, i4 keep, i4 x0, i4 y0,
                       i4 x1, i4 y1, const paint_context *k) {
    i4 zero = {0, 0, 0, 0}, one = zero + 1;
    x0 = choose4(x0 < zero, zero, x0), y0 = choose4(y0 < zero, zero, y0);
    x1 = choose4(x1 < k->out_width, x1, zero + (k->out_width - 1));
    y1 = choose4(y1 < k->out_height, y1, zero + (k->out_height - 1));
    keep &= (weight > splat4(0.0f)) & (x0 <= x1) & (y0 <= y1);
    f4 tail[4] = {weight, halo, pack_pairs4(choose4(keep, x0, one), choose4(keep, y0, one)),
                  pack_pairs4(keep & x1, keep & y1)}; /* empty: 1, 1, 0, 0 */
    transpose4(head), transpose4(tail);
    for (int l = 0; l < m; l++) store4(&p[l].x, head[l]), store4(&p[l].weight, tail[l]);
    store_tiles4(tiles, m, keep, x0, y0, x1, y1);
}

/* Works out the look and footprint of up to four dots from d on, one a lane,
 * as painted dots p[0 .. m - 1] (weight 0: it does not show), and their tiles
 * (see store_tiles4). Each lane takes the steps one dot alone would, in order. Returns a mask of the lanes whose
 * profile's sum is left to work out (see coverage_sums): their weight then
 * holds the dot's area, opacity[] its opacity, and their span is left empty. */
static int shape_four(const paint_context *k, const smp_dot *d, int m, painted_dot *p, tile_span *tiles, float *opacity) {
    dot_lanes v = dot_lanes_for(k, d, m);
    f4 radius = v.diameter * v.radius;
    f4 ramp = max4(v.softness + v.scar * splat4(k->scar_softness), splat4(1.0f));
    f4 shown = min4(max4(v.shade * v.opacity * unevenness(d, m, v.scar), splat4(0.0f)), splat4(1.0f));
    f4 x = v.x_mm * splat4(k->across) + splat4(k->left), y = v.y_mm * splat4(k->down) + splat4(k->top);
    f4 edge = max4(radius, splat4(0.5f)) + splat4(0.5f) * ramp;
    f4 reach = max4(edge, splat4(k->halo_reach));
    i4 in_view = v.shown & ~((x + reach < splat4(0.0f)) | (y + reach < splat4(0.0f)) |
                             (x - reach > splat4((float)k->out_width)) | (y - reach > splat4((float)k->out_height)));
    f4 halo = keep4(v.halo * radius * radius * shown, in_view);
    f4 area = keep4(splat4((float)SMP_PI) * radius * radius, in_view);
    i4 xa = first_pixel4(x, edge), xb = last_pixel4(x, edge), ya = first_pixel4(y, edge), yb = last_pixel4(y, edge);
    /* The weight makes the profile's sum over pixel centres the dot's area,
     * so the dot darkens exactly that. A small dot's profile is the product
     * of its tents, so its sum is theirs (and it has no ramp); past a few
     * pixels across, the continuous integral is as good as the sum. */
    i4 small = edge <= splat4(SMALL_EDGE);
    f4 slope = splat4(1.0f) / (f4)choose4(small, (i4)edge, (i4)ramp), inner = edge - splat4(0.5f) * ramp;
    i4 summed = in_view & ~small & (inner < splat4(2.0f));
    f4 sum = splat4((float)SMP_PI) * (inner * inner + ramp * ramp / splat4(12.0f));
    if (small[0] | small[1] | small[2] | small[3]) {
        f4 tents = tent_sums4(x, xa, xb, slope) * tent_sums4(y, ya, yb, slope);
        sum = (f4)choose4(small, (i4)tents, (i4)sum);
    }
    f4 weight = (f4)choose4(summed, (i4)area, (i4)keep4(area / sum * shown, sum > splat4(0.0f))); /* as finish_weight */
    store_four(p, tiles, m, (f4[4]){x, y, edge, slope}, weight, halo, in_view & ~summed, xa, ya, xb, yb, k);
    store4(opacity, shown);
    int waiting = 0;
    for (int l = 0; l < m; l++) waiting |= (summed[l] & 1) << l;
    return waiting;
}

/* Shapes n dots (at most PAINT_BLOCK) as painted dots first, first + 1, ...:
 * their looks, then the profile sums of those that wait for them, four at a
 * time, and their spans. */
SMP_HOT_WIDE static void paint_block(smp_renderer *r, const paint_context *k, const smp_dot *dots, size_t first,
                                     size_t n) {
    uint32_t waiting[PAINT_BLOCK];
    float opacity[PAINT_BLOCK];
    int count = 0;
    for (size_t i = 0; i < n; i += 4) {
        int m = n - i < 4 ? (int)(n - i) : 4;
        float o[4];
        int summed = shape_four(k, dots + i, m, r->dots + first + i, r->tiles_of + first + i, o);
        for (int l = 0; summed && l < m; l++)
            if (summed >> l & 1) opacity[count] = o[l], waiting[count++] = (uint32_t)(first + i + (size_t)l);
    }
    for (int j = 0; j < count; j += 4) {
        float sums[4];
        int group = count - j < 4 ? count - j : 4;
        coverage_sums(r->dots, waiting + j, group, sums);
        for (int l = 0; l < group; l++) {
            painted_dot *p = &r->dots[waiting[j + l]];
            finish_weight(p, sums[l], opacity[j + l]);
            set_span(p, pixel_span(p->x, p->y, p->edge), k->out_width, k->out_height);
            r->tiles_of[waiting[j + l]] = tiles_of_span(p);
        }
    }
}

/* The least and greatest y of n painted dots with a halo, into rows[0] and
 * rows[1]; rows[0] > rows[1] when none has one. */
static void note_halo_rows(const painted_dot *dots, size_t n, float *rows) {
    float least = INFINITY, most = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (dots[i].halo > 0.0f) {
            least = dots[i].y < least ? dots[i].y : least;
            most = dots[i].y > most ? dots[i].y : most;
        }
    rows[0] = least, rows[1] = most;
}

/* Works out the look and footprint for the view (weight 0: not shown) of
 * each dot of the runs, painted dots in the order the runs close up in.
 * Returns the halo's spread in output pixels. */
static float paint_dots(smp_renderer *r, const smp_dot *dots, const smp_dot_runs *runs, double px_per_mm,
                        const smp_look *look, int shown_last, const smp_view *v) {
    double sx = v->out_width / v->width, sy = v->out_height / v->height, scale = sqrt(sx * sy) * px_per_mm;
    paint_context k = {.last = sessions_shown(look), .across = (float)(px_per_mm * sx), .down = (float)(px_per_mm * sy),
                       .left = (float)(-v->x * sx), .top = (float)(-v->y * sy), .scar_softness = (float)(0.03 * scale),
                       .out_width = v->out_width, .out_height = v->out_height};
    smp_age_state newest = smp_age_of(look, shown_last > 0 ? shown_last : 1, shown_last);
    for (int s = 0; s < SMP_MAX_SESSIONS; s++) {
        smp_age_state a = smp_age_of(look, s + 1, shown_last);
        k.sessions[s] = (session_paint){(float)(0.5 * a.size * scale), (float)(a.softness_mm * scale),
                                        a.mass / (a.size * a.size), (float)(a.halo * SMP_PI)};
    }
    for (int c = 0; c < 3; c++) r->absorb[c] = 1.0f - newest.ink[c];
    float sigma = (float)(newest.halo_sigma_mm * scale);
    k.halo_reach = 3.0f * sigma + 2.0f;
    smp_split split; /* the runs as the selection shared them out: each thread shapes the dots it selected */
    smp_split_init(&split, (uint32_t)runs->count, 8);
#pragma omp parallel
    for (uint32_t run0, run1; smp_split_take(&split, &run0, &run1);)
        for (size_t run = run0; run < run1; run++) {
            for (size_t i = 0; i < runs->kept[run]; i += PAINT_BLOCK)
                paint_block(r, &k, dots + runs->start[run] + i, runs->first[run] + i,
                            runs->kept[run] - i < PAINT_BLOCK ? runs->kept[run] - i : PAINT_BLOCK);
            note_halo_rows(r->dots + runs->first[run], runs->kept[run], r->run_rows + 2 * run);
        }
    return sigma;
}

/* One chunk of dots, tile by tile: counts them into count[tile] (items NULL)
 * or writes their indices at count[tile], advancing it. */
SMP_HOT static void visit_chunk(const smp_renderer *r, int chunk, size_t n, int tiles_x, uint32_t *count,
                                uint32_t *items) {
    for (size_t i = n * (size_t)chunk / CHUNKS, end = n * (size_t)(chunk + 1) / CHUNKS; i < end; i++) {
        tile_span s = r->tiles_of[i];
        if (s.x0 == s.x1 && s.y0 == s.y1) { /* nearly always: cores are a few pixels, tiles 64 x 32 */
            uint32_t t = (uint32_t)s.y0 * (uint32_t)tiles_x + s.x0;
            if (items) items[count[t]++] = (uint32_t)i;
            else count[t]++;
            continue;
        }
        for (int ty = s.y0; ty <= s.y1; ty++)
            for (int tx = s.x0; tx <= s.x1; tx++) {
                uint32_t *c = count + (size_t)ty * (size_t)tiles_x + (size_t)tx;
                if (items) items[*c] = (uint32_t)i;
                (*c)++;
            }
    }
}

/* Every chunk visited (see visit_chunk) in parallel, chunk c with its own
 * row of `tiles` counts from count + c tiles. */
static void visit_chunks(const smp_renderer *r, size_t n, int tiles_x, size_t tiles, uint32_t *count,
                         uint32_t *items) {
    smp_split split;
    smp_split_init(&split, CHUNKS, 1);
#pragma omp parallel
    for (uint32_t c0, c1; smp_split_take(&split, &c0, &c1);)
        for (int chunk = (int)c0; chunk < (int)c1; chunk++)
            visit_chunk(r, chunk, n, tiles_x, count + (size_t)chunk * tiles, items);
}

/* Lists, per tile, the dots whose core reaches into it, in dot order: dots
 * are cut into CHUNKS runs, counted and filled run by run in parallel. */
static int bin_dots(smp_renderer *r, size_t n, int tiles_x, int tiles_y) {
    size_t tiles = (size_t)tiles_x * (size_t)tiles_y;
    if (!grow((void **)&r->bin_start, &r->bins_capacity, tiles + 1, sizeof *r->bin_start) ||
        !grow((void **)&r->chunk_start, &r->chunk_capacity, tiles * CHUNKS, sizeof *r->chunk_start))
        return 0;
    uint32_t *count = r->chunk_start; /* per chunk and tile: counts first, then fill positions */
    memset(count, 0, tiles * CHUNKS * sizeof *count);
    visit_chunks(r, n, tiles_x, tiles, count, NULL);
    uint32_t total = 0;
    for (size_t t = 0; t < tiles; t++) {
        r->bin_start[t] = total;
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            uint32_t c = count[(size_t)chunk * tiles + t];
            count[(size_t)chunk * tiles + t] = total;
            total += c;
        }
    }
    r->bin_start[tiles] = total;
    if (!grow((void **)&r->bin_items, &r->items_capacity, total ? total : 1, sizeof *r->bin_items)) return 0;
    visit_chunks(r, n, tiles_x, tiles, count, r->bin_items);
    return 1;
}

/* A normalised Gaussian, truncated at three sigma: the field keeps every
 * dot's ink exactly and is exactly zero past the halo's reach. */
static int gaussian(float sigma, float *weights) {
    int radius = (int)ceilf(3.0f * sigma);
    if (radius > MAX_TAPS) radius = MAX_TAPS;
    float sum = 0.0f;
    for (int i = -radius; i <= radius; i++) sum += weights[i + radius] = expf(-0.5f * (float)(i * i) / (sigma * sigma));
    for (int i = 0; i <= 2 * radius; i++) weights[i] /= sum;
    return radius;
}

/* The blur of one cell of a row, its taps clipped to the row. */
static inline float blur_at(const float *in, int i, int width, const float *w, int radius) {
    float sum = 0.0f;
    int k0 = i - radius < 0 ? -i : -radius, k1 = i + radius >= width ? width - 1 - i : radius;
    for (int k = k0; k <= k1; k++) sum += in[i + k] * w[k + radius];
    return sum;
}

/* The halo's cells are sigma wide whenever sigma is over a pixel, so its
 * blur nearly always reaches this many cells a side: the blurs have loops of
 * that known length too, which the compiler unrolls. */
enum { USUAL_TAPS = 3 };

/* Four cells' sums of taps k0 .. k1, `step` floats apart, from `in`, their
 * sums kept in a register. */
static inline f4 taps4(const float *in, ptrdiff_t step, int k0, int k1, const f4 *w4) {
    f4 sum = splat4(0.0f);
    for (int k = k0; k <= k1; k++) sum += load4(in + k * step) * w4[k];
    return sum;
}

/* One row blurred along it, from `in` into `out`. Where every tap lies
 * inside the row, four cells at a time: the same sums, term for term, as
 * blur_at. w4 holds the weights splatted. */
static void blur_row(const float *in, float *out, int width, const float *w, const f4 *w4, int radius) {
    int lo = radius < width ? radius : width, hi = width - radius > lo ? width - radius : lo;
    int i = 0;
    for (; i < lo; i++) out[i] = blur_at(in, i, width, w, radius);
    if (radius == USUAL_TAPS)
        for (; i + 4 <= hi; i += 4) store4(out + i, taps4(in + i, 1, -USUAL_TAPS, USUAL_TAPS, w4 + USUAL_TAPS));
    for (; i + 4 <= hi; i += 4) store4(out + i, taps4(in + i, 1, -radius, radius, w4 + radius));
    for (; i < width; i++) out[i] = blur_at(in, i, width, w, radius);
}

/* Four cells' sums down taps k0 .. k1 of the rows at[k], from column i. */
static inline f4 taps_down4(const float *const *at, int i, int k0, int k1, const f4 *w4) {
    f4 sum = splat4(0.0f);
    for (int k = k0; k <= k1; k++) sum += load4(at[k] + i) * w4[k];
    return sum;
}

/* One row blurred down the columns from the rows at[k0 .. k1] into `out`,
 * four columns at a time (the same sums, term for term, as going down one
 * column). */
static void blur_down(const float *const *at, int k0, int k1, float *out, int width, const float *w, const f4 *w4) {
    int i = 0;
    if (k0 == -USUAL_TAPS && k1 == USUAL_TAPS)
        for (; i + 4 <= width; i += 4) store4(out + i, taps_down4(at, i, -USUAL_TAPS, USUAL_TAPS, w4));
    for (; i + 4 <= width; i += 4) store4(out + i, taps_down4(at, i, k0, k1, w4));
    for (; i < width; i++) {
        float sum = 0.0f;
        for (int k = k0; k <= k1; k++) sum += at[k][i] * w[k];
        out[i] = sum;
    }
}

/* The largest of n values: four lanes apart, as the compiler leaves a
 * float max scalar. */
static float row_most(const float *v, int n) {
    f4 most4 = splat4(0.0f);
    int i = 0;
    for (; i + 4 <= n; i += 4) most4 = max4(most4, load4(v + i));
    float most = 0.0f;
    for (; i < n; i++) most = v[i] > most ? v[i] : most;
    for (int l = 0; l < 4; l++) most = most4[l] > most ? most4[l] : most;
    return most;
}

/* Rows [row0, row1) of the grid `from`, height rows of width cells, blurred
 * along the rows and then down the columns into `to`: the same sums as
 * blurring the whole grid one way and then the other. The rows blurred
 * along take turns in `ring`, 2 radius + 1 of them, so the blur down reads
 * them from cache, and no pass over the grid stores them. Returns the
 * largest value it wrote, found while each row is still in cache. */
SMP_HOT static float blur_band(const float *from, float *to, int width, int height, const float *w, int radius,
                               int row0, int row1, float *ring) {
    f4 w4[2 * MAX_TAPS + 1];
    for (int k = 0; k <= 2 * radius; k++) w4[k] = splat4(w[k]);
    int slots = 2 * radius + 1, next = row0 - radius < 0 ? 0 : row0 - radius; /* the next row to blur along */
    float most = 0.0f;
    for (int y = row0; y < row1; y++) {
        int k0 = y - radius < 0 ? -y : -radius, k1 = y + radius >= height ? height - 1 - y : radius;
        for (; next <= y + k1; next++)
            blur_row(from + (size_t)next * (size_t)width, ring + (size_t)(next % slots) * (size_t)width, width, w, w4,
                     radius);
        const float *at[2 * MAX_TAPS + 1];
        for (int k = k0; k <= k1; k++) at[k + radius] = ring + (size_t)((y + k) % slots) * (size_t)width;
        float *out = to + (size_t)y * (size_t)width;
        blur_down(at + radius, k0, k1, out, width, w + radius, w4 + radius);
        float row = row_most(out, width);
        most = row > most ? row : most;
    }
    return most;
}

static int size_halo_grid(halo_field *h, const smp_view *v, int radius) {
    double sx = v->out_width / v->width, sy = v->out_height / v->height;
    h->shift_x = (float)(v->x * sx - h->cell * floor(v->x * sx / h->cell));
    h->shift_y = (float)(v->y * sy - h->cell * floor(v->y * sy / h->cell));
    h->margin = radius + 2;
    h->width = (int)ceilf((float)v->out_width / h->cell) + 2 * h->margin + 2;
    h->height = (int)ceilf((float)v->out_height / h->cell) + 2 * h->margin + 2;
    size_t cells = (size_t)h->width * (size_t)h->height;
    if (cells <= h->capacity) return 1;
    free(h->ink), free(h->scratch);
    h->ink = malloc(cells * sizeof *h->ink), h->scratch = malloc(cells * sizeof *h->scratch);
    h->capacity = h->ink && h->scratch ? cells : 0;
    return h->capacity != 0;
}

/* The grid position of output coordinate v, shifted by `shift`. */
static inline f4 grid_at4(const halo_field *h, f4 v, float shift) {
    return (v + splat4(shift)) / splat4(h->cell) - splat4(0.5f) + splat4((float)h->margin);
}

/* Up to four dots' halo ink, from p on, each split bilinearly between the
 * four cells around it and added, dot by dot, to the grid rows [row0, row1).
 * Their cells and weights are worked out four at once, each lane with the
 * scalar steps' operations in their order (the sums are the same as one dot
 * at a time). Returns whether any lands on the grid. */
static int splat_four(const halo_field *h, const painted_dot *p, int m, float per_cell_area, int row0, int row1) {
    f4 x = splat4(0.0f), y = x, ink = x;
    for (int l = 0; l < m; l++) x[l] = p[l].x, y[l] = p[l].y, ink[l] = p[l].halo;
    f4 gx = grid_at4(h, x, h->shift_x), gy = grid_at4(h, y, h->shift_y);
    i4 x0 = ifloor4(gx), y0 = ifloor4(gy);
    f4 fx = gx - __builtin_convertvector(x0, f4), fy = gy - __builtin_convertvector(y0, f4);
    f4 per_cell = ink * splat4(per_cell_area);
    f4 left = per_cell * (splat4(1.0f) - fx), right = per_cell * fx, up = splat4(1.0f) - fy;
    size_t width = (size_t)h->width;
    int any = 0;
    for (int l = 0; l < m; l++) {
        if (ink[l] <= 0.0f || y0[l] + 1 < row0 || y0[l] >= row1) continue;
        if (x0[l] < 0 || y0[l] < 0 || x0[l] + 1 >= h->width || y0[l] + 1 >= h->height) continue;
        float *c = h->scratch + (size_t)y0[l] * width + (size_t)x0[l];
        if (y0[l] >= row0) c[0] += left[l] * up[l], c[1] += right[l] * up[l];
        if (y0[l] + 1 < row1) c[width] += left[l] * fy[l], c[width + 1] += right[l] * fy[l];
        any = 1;
    }
    return any;
}

/* The output y at the top of grid row `row` (the inverse of grid_at4). */
static inline float grid_row_top(const halo_field *h, int row, float shift) {
    return ((float)row + 0.5f - (float)h->margin) * h->cell - shift;
}

/* Each dot's halo ink, split bilinearly between the four cells around it,
 * added to the grid rows [row0, row1), which it first clears. Dots go in
 * order, so every cell sums the same terms in the same order however the
 * rows are banded. A run of dots whose rows all lie well clear of the band
 * is passed over whole (splat_four tests each dot's rows exactly). Returns
 * whether any dot lands on the grid. */
SMP_HOT static int splat_band(const smp_renderer *r, const smp_dot_runs *runs, int row0, int row1) {
    const halo_field *h = &r->halo;
    size_t width = (size_t)h->width;
    memset(h->scratch + (size_t)row0 * width, 0, (size_t)(row1 - row0) * width * sizeof *h->scratch);
    float per_cell_area = 1.0f / (h->cell * h->cell);
    float above = grid_row_top(h, row0 - 2, h->shift_y), below = grid_row_top(h, row1 + 1, h->shift_y);
    int any = 0;
    for (size_t run = 0; run < runs->count; run++) {
        const float *rows = r->run_rows + 2 * run;
        if (!(rows[0] <= rows[1]) || rows[1] < above || rows[0] > below) continue;
        const painted_dot *p = r->dots + runs->first[run], *end = p + runs->kept[run];
        for (; p < end; p += 4) any |= splat_four(h, p, end - p < 4 ? (int)(end - p) : 4, per_cell_area, row0, row1);
    }
    return any;
}

/* Splats each dot's halo ink onto the grid, blurs it by sigma and tabulates
 * exp(-ink * absorb) for the composite, which works it out tile by tile. */
static int build_halo(smp_renderer *r, size_t n, const smp_view *v, float sigma) {
    halo_field *h = &r->halo;
    h->active = 0;
    if (!n) return 1;
    h->cell = sigma > 1.0f ? sigma : 1.0f; /* sampled once a sigma: coarser, a dot's ink would vary with where it sits */
    float weights[2 * MAX_TAPS + 1];
    int radius = gaussian(sigma / h->cell, weights);
    if (!size_halo_grid(h, v, radius)) return 0;
    size_t ring = (size_t)(2 * radius + 1) * (size_t)h->width, rings; /* cells */
    if (!smp_mul_size(ring, (size_t)omp_get_max_threads(), &rings) ||
        !grow((void **)&h->rings, &h->rings_capacity, rings, sizeof *h->rings))
        return 0;
    int any = 0, bands = HALO_BANDS_PER_THREAD * omp_get_max_threads();
    bands = bands < h->height ? bands : h->height;
    float most = 0.0f;
    /* Bands of rows, more than threads: one core slowed by others' work
     * then holds up no more than a band. */
    smp_split splat, blur;
    smp_split_init(&splat, (uint32_t)bands, 1), smp_split_init(&blur, (uint32_t)bands, 1);
#pragma omp parallel reduction(max : most)
    {
        float *own = h->rings + (size_t)omp_get_thread_num() * ring;
        for (uint32_t b0, b1; smp_split_take(&splat, &b0, &b1);)
            for (int band = (int)b0; band < (int)b1; band++)
                if (splat_band(r, &r->runs, h->height * band / bands, h->height * (band + 1) / bands)) {
#pragma omp atomic write
                    any = 1;
                }
#pragma omp barrier
        /* the blur reaches into the bands either side */
        int splatted;
#pragma omp atomic read
        splatted = any;
        for (uint32_t b0, b1; splatted && smp_split_take(&blur, &b0, &b1);)
            for (int band = (int)b0; band < (int)b1; band++) {
                float band_most = blur_band(h->scratch, h->ink, h->width, h->height, weights, radius,
                                            h->height * band / bands, h->height * (band + 1) / bands, own);
                most = band_most > most ? band_most : most;
            }
    }
    if (!any) return 1;
    h->lut_scale = most > 0.0f ? HALO_LUT / most : 0.0f;
    for (int k = 0; k <= HALO_LUT; k++) {
        h->lut[k] = splat4(1.0f);
        for (int c = 0; c < 3 && most > 0.0f; c++)
            h->lut[k][c] = expf(-(float)k / h->lut_scale * r->absorb[c] * SRGB_ROOT);
    }
    h->active = most > 0.0f;
    return 1;
}

/* The most halo ink anywhere in an output rectangle: zero means no halo there. */
static float halo_most(const halo_field *h, int x0, int y0, int x1, int y1) {
    if (!h->active) return 0.0f;
    int gx0 = (int)(((float)x0 + h->shift_x) / h->cell) + h->margin - 1;
    int gx1 = (int)(((float)x1 + h->shift_x) / h->cell) + h->margin + 2;
    int gy0 = (int)(((float)y0 + h->shift_y) / h->cell) + h->margin - 1;
    int gy1 = (int)(((float)y1 + h->shift_y) / h->cell) + h->margin + 2;
    float most = 0.0f;
    for (int y = gy0 < 0 ? 0 : gy0; y <= gy1 && y < h->height; y++)
        for (int x = gx0 < 0 ? 0 : gx0; x <= gx1 && x < h->width; x++) {
            float v = h->ink[(size_t)y * (size_t)h->width + (size_t)x];
            most = v > most ? v : most;
        }
    return most;
}

/* Where output pixels come from in the photo (or a pyramid level). */
typedef struct sampler {
    const smp_image *level;
    double x0, y0, dx, dy; /* level coordinates of output pixel centre (0, 0), and per output pixel */
    const smp_image *photo; /* the pixels before any ink at 1:1, when base is NULL */
    uint8_t *base;          /* else the renderer's base (see tile_pixels) */
    int fill;               /* 1 when this render must resample the base first */
} sampler;

enum { TILE_BYTES = TILE_W * TILE_H * 4 };

/* Where pixel (x0, y0), a tile's first, lies in the pixels before any ink,
 * and its rows' stride. The base holds each tile's pixels together, tile
 * after tile in rows of tiles: a tile's rows are one run of memory, which
 * the composite reads in order. */
static uint8_t *tile_pixels(const sampler *s, int tiles_x, int x0, int y0, size_t *stride) {
    if (!s->base) {
        *stride = s->photo->stride;
        return s->photo->pixels + (size_t)y0 * s->photo->stride + (size_t)x0 * 4;
    }
    *stride = TILE_W * 4;
    return s->base + ((size_t)(y0 / TILE_H) * (size_t)tiles_x + (size_t)(x0 / TILE_W)) * TILE_BYTES;
}

/* Points the sampler at the renderer's base for this view, which it fills
 * first unless the last render, of the same view, left it whole. */
static int base_for(smp_renderer *r, const smp_view *v, int level_index, sampler *s) {
    double key[7] = {level_index, s->x0, s->y0, s->dx, s->dy, v->out_width, v->out_height};
    size_t tiles = (size_t)tiles_across(v->out_width, TILE_W) * (size_t)tiles_across(v->out_height, TILE_H), bytes;
    if (!smp_mul_size(tiles, TILE_BYTES, &bytes) || !grow((void **)&r->base, &r->base_capacity, bytes, 1)) return 0;
    int same = r->base_ready && memcmp(key, r->base_key, sizeof key) == 0;
    memcpy(r->base_key, key, sizeof key);
    r->base_ready = 0;
    s->base = r->base;
    s->fill = !same;
    return 1;
}

static int sampler_for(smp_renderer *r, const smp_view *v, sampler *s) {
    const smp_image *photo = r->photo;
    double sx = v->out_width / v->width, sy = v->out_height / v->height;
    int identity = v->x == 0 && v->y == 0 && v->out_width == photo->width && v->out_height == photo->height &&
                   v->width == photo->width && v->height == photo->height;
    int wanted = 0;
    while (wanted + 1 < MAX_LEVELS && (double)(2 << wanted) <= 1.0 / fmin(sx, sy)) wanted++;
    if (wanted && !make_levels(r, wanted)) return 0;
    if (wanted >= r->levels) wanted = r->levels - 1;
    double f = 1.0 / (double)(1 << wanted);
    *s = (sampler){level(r, wanted), (v->x + 0.5 / sx) * f - 0.5, (v->y + 0.5 / sy) * f - 0.5, f / sx, f / sy, photo, NULL, 0};
    return identity || base_for(r, v, wanted, s);
}

/* Where a tile's output columns (or rows) fall in the level: the texel, the
 * next one (clamped at the edge), the next one's weight in 1/256, and
 * whether the output pixel lies over the photo at all. */
typedef struct sample_axis {
    int at[TILE_MAX], next[TILE_MAX];
    uint32_t weight[TILE_MAX];
    uint8_t inside[TILE_MAX];
} sample_axis;

static void sample_axis_for(double start, double step, int first, int count, int size, sample_axis *a) {
    for (int i = 0; i < count; i++) {
        double u = start + (first + i) * step;
        a->inside[i] = u >= -0.5 && u <= size - 0.5;
        u = u < 0.0 ? 0.0 : u > size - 1 ? size - 1 : u;
        a->at[i] = (int)u;
        a->next[i] = a->at[i] + 1 < size ? a->at[i] + 1 : a->at[i];
        a->weight[i] = (uint32_t)((u - a->at[i]) * 256.0);
    }
}

/* A tile's columns interpolated along one level row, 8.8 fixed point per
 * channel (at most 255 * 256, so 16 bits hold it). Two slots, tagged by level
 * row: consecutive output rows often share their level rows, and each is
 * interpolated once a tile instead of once an output row. */
typedef struct row_cache {
    int row[2];
    uint16_t px[2][TILE_W * 4];
    uint16_t left[TILE_W * 4], right[TILE_W * 4]; /* the columns' weights, per byte */
    int w;
} row_cache;

static void row_cache_for(const sample_axis *xs, int w, row_cache *cache) {
    cache->row[0] = cache->row[1] = -1;
    cache->w = w;
    for (int i = 0; i < w * 4; i++) {
        cache->right[i] = (uint16_t)xs->weight[i / 4];
        cache->left[i] = (uint16_t)(256 - cache->right[i]);
    }
}

/* The level row `row` across the tile's columns, made in the slot that does
 * not hold `keep`. The texels are gathered first so the arithmetic runs
 * over plain arrays, in 16-bit lanes the compiler vectorises. */
static const uint16_t *cached_row(row_cache *cache, const smp_image *im, const sample_axis *xs, int row, int keep) {
    for (int i = 0; i < 2; i++)
        if (cache->row[i] == row) return cache->px[i];
    int slot = cache->row[0] == keep;
    uint8_t at[TILE_W * 4], next[TILE_W * 4];
    const uint8_t *src = im->pixels + (size_t)row * im->stride;
    for (int x = 0; x < cache->w; x++) {
        memcpy(at + x * 4, src + xs->at[x] * 4, 4);
        memcpy(next + x * 4, src + xs->next[x] * 4, 4);
    }
    uint16_t *px = cache->px[slot];
    for (int i = 0; i < cache->w * 4; i++) px[i] = (uint16_t)(at[i] * cache->left[i] + next[i] * cache->right[i]);
    cache->row[slot] = row;
    return px;
}

/* The tile's photo pixels, before any ink: bilinear in 8-bit sRGB (16.16
 * fixed point); transparent past the photo's edge. */
static void fill_tile(const sampler *s, uint8_t *pixels, size_t stride, int x0, int y0, int w, int h) {
    const smp_image *im = s->level;
    sample_axis xs, ys;
    sample_axis_for(s->x0, s->dx, x0, w, im->width, &xs);
    sample_axis_for(s->y0, s->dy, y0, h, im->height, &ys);
    row_cache cache;
    row_cache_for(&xs, w, &cache);
    for (int y = 0; y < h; y++) {
        uint8_t *row = pixels + (size_t)y * stride;
        if (!ys.inside[y]) {
            memset(row, 0, (size_t)w * 4);
            continue;
        }
        const uint16_t *a = cached_row(&cache, im, &xs, ys.at[y], ys.next[y]);
        const uint16_t *b = cached_row(&cache, im, &xs, ys.next[y], ys.at[y]);
        uint16_t fb = (uint16_t)ys.weight[y], fa = (uint16_t)(256 - fb);
        /* (a * fa + b * fb + 32768) >> 16 with a and b split into their high
         * and low bytes, so every step fits the 16-bit lanes SSE2 multiplies
         * in: both halves' sums are at most 255 * 256, and high + (low >> 8)
         * at most 65280, as the whole is at most 65280 * 256. */
        for (int i = 0; i < w * 4; i++) {
            uint16_t high = (uint16_t)((a[i] >> 8) * fa + (b[i] >> 8) * fb);
            uint16_t low = (uint16_t)((a[i] & 255) * fa + (b[i] & 255) * fb);
            row[i] = (uint8_t)((uint16_t)(high + 128 + (low >> 8)) >> 8);
        }
        for (int x = 0; x < w; x++)
            if (!xs.inside[x]) memset(row + x * 4, 0, 4);
    }
}

/* Where a tile's pixel rows and columns fall on the halo grid: the cell and
 * the weight of the next one, worked out once per tile. */
typedef struct halo_axis {
    int cell[TILE_MAX];
    float next[TILE_MAX];
} halo_axis;

static void halo_axis_for(const halo_field *h, int start, int count, float shift, halo_axis *a) {
    for (int i = 0; i < count; i++) {
        float g = ((float)(start + i) + 0.5f + shift) / h->cell - 0.5f + (float)h->margin;
        a->cell[i] = (int)g;
        a->next[i] = g - (float)a->cell[i];
    }
}

/* The halo's ink along the grid rows a tile's pixel rows fall between,
 * already interpolated across the tile's pixel columns: a pixel row then
 * only blends two of them, four pixels at a time. Cells are at least a
 * pixel, so a tile spans at most two more of them a side than it has pixels. */
enum { HALO_SPAN_H = TILE_H + 2 };
typedef struct halo_rows {
    int y0; /* the first grid row */
    float px[HALO_SPAN_H][TILE_W];
} halo_rows;

/* Each grid row is also asked for where the tile to the right will read it
 * (the next this thread draws, mostly): the rows are a whole grid row apart,
 * a few cache lines each, which the hardware does not fetch ahead itself
 * (fetching them took a twentieth off a 1080p frame on one thread). */
static void halo_rows_for(const halo_field *h, const halo_axis *xs, int w, const halo_axis *ys, int rows,
                          row_loops loops, halo_rows *b) {
    b->y0 = ys->cell[0];
    int height = ys->cell[rows - 1] + 2 - b->y0;
    int next = xs->cell[w - 1] + 2, next_end = next + (next - xs->cell[0]); /* the next tile's cells, */
    next_end = next_end < h->width ? next_end : h->width;                   /* within the row */
    for (int y = 0; y < height; y++) {
        const float *cell = h->ink + (size_t)(b->y0 + y) * (size_t)h->width;
        for (int x = next; x < next_end; x += 16) __builtin_prefetch(cell + x);
        int x = halo_row(loops, cell, xs->cell, xs->next, w, b->px[y]);
        for (; x < w; x++) {
            float l = cell[xs->cell[x]], m = cell[xs->cell[x] + 1];
            b->px[y][x] = l + (m - l) * xs->next[x];
        }
    }
}

/* The halo's transmission at four pixels' ink, exp(-ink * absorb) per
 * channel as g (see SRGB_ROOT): the table's nearest step, within 1e-4 of
 * exact where the densest ink darkens by two thirds; exactly 1 where no ink is. */
static inline void halo4(const halo_field *h, f4 ink, f4 g[4]) {
    i4 k = __builtin_convertvector(min4(ink * splat4(h->lut_scale), splat4(HALO_LUT)) + splat4(0.5f), i4);
    for (int l = 0; l < 4; l++) g[l] = h->lut[k[l]];
}

/* A tile's coverage by the dots' cores, per pixel: the share of its area
 * under pigment, times the pigment's opacity. Dots never touch, so where two
 * cores share a pixel they cover different parts of it: their coverage adds. */
typedef struct core_cover {
    float cover[TILE_H + 3][TILE_W + 4]; /* and room for a small dot's four rows and four columns */
} core_cover;

/* A small dot: its tents' product over the four rows and columns from its
 * first in the tile; those past its last add exactly 0 (loops of a dot's own
 * length mispredict their exits, where the dots are a few pixels across). */
static void draw_small(const painted_dot *p, int x0, int y0, int xa, int xb, int ya, int yb, core_cover *c) {
    int first = xa < 0 ? 0 : xa, top = ya < 0 ? 0 : ya;
    f4 across = tent4(p->x, x0 + first, x0 + xb, p->slope) * splat4(p->weight);
    f4 down = tent4(p->y, y0 + top, y0 + yb, p->slope);
    for (int y = 0; y < 4; y++) {
        float *row = c->cover[top + y] + first;
        store4(row, load4(row) + across * splat4(down[y]));
    }
}

/* A larger dot: its profile, four pixels of a row at a time; a pixel the
 * core misses, or past its last column, adds exactly 0. */
static void draw_round(const painted_dot *p, int x0, int y0, int w, int h, int xa, int xb, int ya, int yb,
                       core_cover *c) {
    xa = xa < 0 ? 0 : xa, xb = xb < w ? xb : w - 1;
    for (int y = ya < 0 ? 0 : ya; y <= yb && y < h; y++) {
        float dy = (float)(y0 + y) + 0.5f - p->y, *row = c->cover[y];
        for (int x = xa; x <= xb; x += 4) {
            i4 in;
            f4 dx = columns4(x0 + x, x0 + xb, &in) + splat4(0.5f) - splat4(p->x);
            f4 cover = min4(coverage4(p, dx, dy) * splat4(p->weight), splat4(1.0f));
            store4(row + x, load4(row + x) + keep4(cover, in));
        }
    }
}

/* Each of the tile's dots' cores, in dot order. The dots a tile lists lie
 * in several runs of the painted dots, runs far apart in an export's 32 MB
 * of them, so each is asked for DOTS_AHEAD dots early (about a fiftieth off
 * a 24 MP frame at 8 ahead, and 1% more at 16; no change at 1080p, where
 * they stay in cache). */
static void draw_cores(const smp_renderer *r, size_t t, int x0, int y0, int w, int h, core_cover *c) {
    memset(c, 0, sizeof *c);
    for (uint32_t k = r->bin_start[t]; k < r->bin_start[t + 1]; k++) {
        if (k + DOTS_AHEAD < r->bin_start[t + 1]) __builtin_prefetch(&r->dots[r->bin_items[k + DOTS_AHEAD]]);
        const painted_dot *p = &r->dots[r->bin_items[k]];
        int xa = p->span[0] - x0, ya = p->span[1] - y0, xb = p->span[2] - x0, yb = p->span[3] - y0;
        if (p->edge <= SMALL_EDGE) draw_small(p, x0, y0, xa, xb, ya, yb, c);
        else draw_round(p, x0, y0, w, h, xa, xb, ya, yb, c);
    }
}

/* The cores' coverage as transmission, g = (1 - cover * absorb)^(1/2.4)
 * per channel (see SRGB_ROOT), between the table's steps. Made when the
 * ink changes. */
static void cover_table(smp_renderer *r) {
    if (r->cover_ready && memcmp(r->cover_absorb, r->absorb, sizeof r->absorb) == 0) return;
    memcpy(r->cover_absorb, r->absorb, sizeof r->absorb);
    r->cover_ready = 1;
    for (int k = 0; k <= COVER_STEPS; k++)
        for (int c = 0; c < 4; c++)
            r->cover_lut[k][c] = powf(1.0f - (float)k / COVER_STEPS * (c < 3 ? r->absorb[c] : 0.0f), SRGB_ROOT);
}

/* Four pixels' g scaled by the cores' transmission at their coverage, the
 * table's nearest step: g is then within 7e-4 of exact (a fifth of a code
 * at most; interpolating between fewer steps took twice the instructions,
 * the most of any line of the composite). No test for uncovered pixels (the
 * first step is exactly 1): where dots are a few pixels apart, which groups
 * of four they cover is a coin toss, and mispredicting it cost more. */
static inline void cover4(const smp_renderer *r, const float *cover, f4 g[4]) {
    i4 k = __builtin_convertvector(min4(load4(cover), splat4(1.0f)) * splat4(COVER_STEPS) + splat4(0.5f), i4);
    for (int l = 0; l < 4; l++) g[l] *= r->cover_lut[k[l]];
}

/* A pixel's channels darkened by g: (code + 14.025) g - 14.025, rounded
 * to the nearest (even) integer, as cvtps2dq does. */
static inline i4 darken(i4 code, f4 g) {
    f4 v = (__builtin_convertvector(code, f4) + splat4(SRGB_OFFSET)) * g - splat4(SRGB_OFFSET);
#if defined(__SSE2__)
    return (i4)_mm_cvtps_epi32((__m128)v);
#else
    i4 rounded;
    for (int l = 0; l < 4; l++) rounded[l] = (int32_t)lrintf(v[l]);
    return rounded;
#endif
}

/* In B, G, R, A order when red is 2. */
static inline i4 order(i4 v, int red) { return red ? __builtin_shufflevector(v, v, 2, 1, 0, 3) : v; }

/* One pixel darkened by g, each channel clamped to 0-255. */
static inline void darken1(const uint8_t *from, f4 g, uint8_t *to, int red) {
    i4 v = order(darken((i4){from[0], from[1], from[2], from[3]}, g), red);
    for (int c = 0; c < 4; c++) to[c] = (uint8_t)(v[c] < 0 ? 0 : v[c] > 255 ? 255 : v[c]);
}

/* Four pixels darkened by g, from `from` into `to`, red at byte `red`:
 * each channel clamped to 0-255 (the packs saturate). */
static inline void darken4(const uint8_t *from, const f4 g[4], uint8_t *to, int red) {
#if defined(__SSE2__)
    __m128i zero = _mm_setzero_si128(), bytes = _mm_loadu_si128((const __m128i *)from);
    __m128i lo = _mm_unpacklo_epi8(bytes, zero), hi = _mm_unpackhi_epi8(bytes, zero);
    i4 p0 = order(darken((i4)_mm_unpacklo_epi16(lo, zero), g[0]), red);
    i4 p1 = order(darken((i4)_mm_unpackhi_epi16(lo, zero), g[1]), red);
    i4 p2 = order(darken((i4)_mm_unpacklo_epi16(hi, zero), g[2]), red);
    i4 p3 = order(darken((i4)_mm_unpackhi_epi16(hi, zero), g[3]), red);
    __m128i packed = _mm_packus_epi16(_mm_packs_epi32((__m128i)p0, (__m128i)p1), _mm_packs_epi32((__m128i)p2, (__m128i)p3));
    _mm_storeu_si128((__m128i *)to, packed);
#else
    for (int l = 0; l < 4; l++) darken1(from + 4 * l, g[l], to + 4 * l, red);
#endif
}

/* Asks for row y of a tile's source pixels and of the output they go to
 * (their first pixels at source and to), w pixels of it, when the source is
 * the photo itself. Its rows are then a few cache lines each, a whole row of
 * the picture apart: too short a run for the hardware to fetch ahead
 * itself, and each waits for memory. A tile asks for the rows of the tile to
 * its right, the next this thread draws (mostly), as it draws its own: a
 * tile's time ahead. Fetching four rows ahead within the tile instead left a
 * 24 MP export waiting for the photo for a seventh of its time. A tile of
 * the base (see tile_pixels) is one run of memory, and a view's output
 * mostly stays in cache: there, fetching ahead cost 3% of a 1080p frame.
 * Always inlined: gcc takes a function that only prefetches for one without
 * effects, and drops the calls. */
static inline __attribute__((always_inline)) void fetch_row(const uint8_t *source, size_t stride, uint8_t *to,
                                                             size_t to_stride, int y, int w, int h) {
    if (y >= h || stride == (size_t)TILE_W * 4) return;
    source += (size_t)y * stride, to += (size_t)y * to_stride;
    for (int x = 0; x < w * 4; x += 64) __builtin_prefetch(source + x, 0), __builtin_prefetch(to + x, 1);
}

/* Where the tile to the right of a tile at x0 lies, w pixels wide (0 past
 * the picture's edge), for fetch_row. */
typedef struct next_tile {
    const uint8_t *source;
    uint8_t *to;
    int w;
} next_tile;

static next_tile next_tile_for(const uint8_t *source, uint8_t *to, int x0, int width) {
    int w = width - x0 - TILE_W;
    if (w <= 0) return (next_tile){source, to, 0};
    return (next_tile){source + TILE_W * 4, to + TILE_W * 4, w < TILE_W ? w : TILE_W};
}

/* The tile's pixels of `source` darkened by the cores' and the halo's
 * transmission, in linear light, into `out`. Pixels no ink reaches keep their bytes. */
static void composite_tile(const smp_renderer *r, const uint8_t *source, size_t stride, smp_image *out, int x0,
                           int y0, int w, int h, const core_cover *cores, int halo) {
    const halo_field *hf = &r->halo;
    halo_axis xs, ys;
    halo_rows rows;
    if (halo) {
        halo_axis_for(hf, x0, w, hf->shift_x, &xs), halo_axis_for(hf, y0, h, hf->shift_y, &ys);
        halo_rows_for(hf, &xs, w, &ys, h, r->loops, &rows);
    }
    uint8_t *to = out->pixels + (size_t)y0 * out->stride + (size_t)x0 * 4;
    next_tile next = next_tile_for(source, to, x0, out->width);
    smp_row_tables tables = {hf->lut, hf->lut_scale, r->cover_lut, r->red};
    for (int y = 0; y < h; y++) {
        const uint8_t *from = source + (size_t)y * stride;
        uint8_t *pixels = to + (size_t)y * out->stride;
        const float *top = halo ? rows.px[ys.cell[y] - rows.y0] : NULL, *bottom = halo ? top + TILE_W : NULL;
        f4 fy = splat4(halo ? ys.next[y] : 0.0f);
        const float *cover = cores ? cores->cover[y] : NULL;
        fetch_row(next.source, stride, next.to, out->stride, y, next.w, h);
        int x = composite_row(r->loops, &tables, from, pixels, w, top, bottom, fy[0], cover);
        for (; x + 4 <= w; x += 4) {
            f4 g[4] = {splat4(1.0f), splat4(1.0f), splat4(1.0f), splat4(1.0f)};
            if (halo) halo4(hf, load4(top + x) + (load4(bottom + x) - load4(top + x)) * fy, g);
            if (cover) cover4(r, cover + x, g);
            darken4(from + x * 4, g, pixels + x * 4, r->red);
        }
        for (; x < w; x++) { /* the view's last few columns */
            f4 g[4] = {splat4(1.0f)}; /* only the first lane's pixel is drawn */
            if (halo) halo4(hf, splat4(top[x] + (bottom[x] - top[x]) * fy[0]), g);
            if (cover) cover4(r, cover + x, g);
            darken1(from + x * 4, g[0], pixels + x * 4, r->red);
        }
    }
}

/* w pixels from R, G, B, A to the output's order, red at byte `red`. */
static void copy_pixels(uint8_t *to, const uint8_t *from, int w, int red) {
    if (!red) {
        memcpy(to, from, (size_t)w * 4);
        return;
    }
    for (int x = 0; x < w * 4; x += 4)
        to[x] = from[x + 2], to[x + 1] = from[x + 1], to[x + 2] = from[x], to[x + 3] = from[x + 3];
}

/* Composites one tile: the photo, then its transmission from the dots' cores and halos. */
SMP_HOT_WIDE static void render_tile(const smp_renderer *r, const sampler *s, int tx, int ty, int tiles_x,
                                     smp_image *out) {
    int x0 = tx * TILE_W, y0 = ty * TILE_H;
    int w = x0 + TILE_W > out->width ? out->width - x0 : TILE_W;
    int h = y0 + TILE_H > out->height ? out->height - y0 : TILE_H;
    size_t t = (size_t)ty * (size_t)tiles_x + (size_t)tx;
    int cores = r->bin_start[t] != r->bin_start[t + 1];
    /* Where the halo has no ink its transmission is exactly 1, so a tile with
     * cores (nearly always inside some halo) skips the search. */
    int halo = cores ? r->halo.active : halo_most(&r->halo, x0, y0, x0 + w, y0 + h) > 0.0f;
    size_t stride;
    uint8_t *source = tile_pixels(s, tiles_x, x0, y0, &stride);
    if (s->fill) fill_tile(s, source, stride, x0, y0, w, h);
    uint8_t *to = out->pixels + (size_t)y0 * out->stride + (size_t)x0 * 4;
    /* the first rows, in case the tile to the left was not this thread's */
    for (int y = 0; y < AHEAD; y++) fetch_row(source, stride, to, out->stride, y, w, h);
    if (!cores && !halo) { /* no ink: the photo's own pixels */
        next_tile next = next_tile_for(source, to, x0, out->width);
        for (int y = 0; y < h; y++) {
            fetch_row(next.source, stride, next.to, out->stride, y, next.w, h);
            copy_pixels(to + (size_t)y * out->stride, source + (size_t)y * stride, w, r->red);
        }
        return;
    }
    core_cover cover;
    if (cores) draw_cores(r, t, x0, y0, w, h, &cover);
    composite_tile(r, source, stride, out, x0, y0, w, h, cores ? &cover : NULL, halo);
}

static const smp_look default_look; /* zero: healed, all sessions, neutral ink */

/* The view resolved into *v, and the look (not NULL) checked. */
static smp_status check_request(const smp_renderer *r, const smp_look *look, const smp_view *view,
                                const smp_image *out, smp_view *v) {
    smp_status status = resolve_view(r, view, out, v);
    return status == SMP_OK ? smp_look_check(look) : status;
}

/* The dots to draw: n of them, which r->runs lists over `dots`, placed at
 * px_per_mm, and the newest session the look shows of the treatment they
 * belong to (the fresh session, and the one whose halo the ink takes). */
typedef struct drawn_dots {
    const smp_dot *dots;
    size_t n;
    double px_per_mm;
    int newest;
} drawn_dots;

/* Renders the dots into the checked view v, with the checked look. */
static smp_status render_runs(smp_renderer *r, drawn_dots dd, const smp_look *look, const smp_view *v,
                              smp_image *out, smp_progress_fn progress, void *user) {
    size_t n = dd.n;
    if (n > UINT32_MAX) return smp_fail(SMP_ERR_TOO_LARGE, "render: %zu dots is too many", n);
    int tiles_x = tiles_across(v->out_width, TILE_W), tiles_y = tiles_across(v->out_height, TILE_H);
    sampler s;
    float sigma = n ? 1.0f : 0.0f;
    if (!grow((void **)&r->dots, &r->dots_capacity, n ? n : 1, sizeof *r->dots) ||
        !grow((void **)&r->tiles_of, &r->tiles_of_capacity, n ? n : 1, sizeof *r->tiles_of) ||
        !grow((void **)&r->run_rows, &r->run_rows_capacity, 2 * r->runs.count + 2, sizeof *r->run_rows))
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for %zu dots", n);
    if (!sampler_for(r, v, &s))
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for the photo under a %dx%d view", v->out_width, v->out_height);
    if (n) sigma = paint_dots(r, dd.dots, &r->runs, dd.px_per_mm, look, dd.newest, v), cover_table(r);
    if (!bin_dots(r, n, tiles_x, tiles_y) || !build_halo(r, n, v, sigma))
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for the dots of a %dx%d view", v->out_width, v->out_height);
    r->red = v->bgra ? 2 : 0;
    atomic_int done = 0, cancelled = 0;
    int tiles = tiles_x * tiles_y, reported = 0;
    smp_split split;
    smp_split_init(&split, (uint32_t)tiles, 4);
#pragma omp parallel
    for (uint32_t t0, t1; !atomic_load(&cancelled) && smp_split_take(&split, &t0, &t1);)
        for (int t = (int)t0; t < (int)t1; t++) {
            render_tile(r, &s, t % tiles_x, t / tiles_x, tiles_x, out);
            if (!progress) continue; /* the count's cache line would pass between the cores every tile */
            int finished = atomic_fetch_add(&done, 1) + 1;
            if (finished % PROGRESS_TILES == 0) {
#pragma omp critical(smp_render_progress)
                if (finished > reported) { /* threads arrive in any order: report only forward */
                    reported = finished;
                    if (progress(user, (double)finished / tiles)) atomic_store(&cancelled, 1);
                }
            }
        }
    if (atomic_load(&cancelled)) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "render: cancelled");
    r->base_ready = s.base != NULL;
    if (progress) progress(user, 1.0);
    return SMP_OK;
}

smp_status smp_render_dots(smp_renderer *r, const smp_dot_list *dots, double px_per_mm, const smp_look *look,
                           const smp_view *view, smp_image *out, smp_progress_fn progress, void *user) {
    if (!r) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "render: no renderer");
    if (!look) look = &default_look;
    smp_view v;
    smp_status status = check_request(r, look, view, out, &v);
    if (status != SMP_OK) return status;
    size_t n = dots ? dots->count : 0;
    if (n && !(px_per_mm > 0)) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "render: the scale is not positive");
    if (!smp_dot_runs_even(&r->runs, n, PAINT_BLOCK))
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for %zu dots", n);
    const smp_dot *list = n ? dots->dots : NULL;
    drawn_dots dd = {list, n, px_per_mm, n ? last_shown_session(list, &r->runs, sessions_shown(look)) : 0};
    return render_runs(r, dd, look, &v, out, progress, user);
}

smp_status smp_render(smp_renderer *r, const smp_design *design, const smp_look *look, const smp_view *view,
                      smp_image *out, smp_progress_fn progress, void *user) {
    if (!design) return smp_render_dots(r, NULL, 1.0, look, view, out, progress, user);
    if (!r) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "render: no renderer");
    if (design->photo_width != r->photo->width || design->photo_height != r->photo->height)
        return smp_fail(SMP_ERR_MISMATCH, "render: the design is for a %dx%d photo, the renderer has %dx%d",
                        design->photo_width, design->photo_height, r->photo->width, r->photo->height);
    if (!look) look = &default_look;
    smp_view v;
    smp_status status = check_request(r, look, view, out, &v);
    if (status != SMP_OK) return status;
    /* The dots whose footprint may reach the view: its rectangle, widened by a generous halo. */
    double margin = 2.0;
    smp_rect_mm rect = {v.x / design->px_per_mm - margin, v.y / design->px_per_mm - margin,
                        v.width / design->px_per_mm + 2 * margin, v.height / design->px_per_mm + 2 * margin};
    /* Drawn from the selection's runs as they lie: no pass to close them up. */
    status = smp_design_select(design, &rect, &r->visible, &r->runs);
    if (status != SMP_OK) return status;
    /* The design's last session, not the view's: a small view with no dot
     * of it still shows the others as aged since then. */
    int shown = sessions_shown(look), newest = design->style.sessions < shown ? design->style.sessions : shown;
    drawn_dots dd = {r->visible.dots, r->visible.count, design->px_per_mm, newest};
    return render_runs(r, dd, look, &v, out, progress, user);
}
