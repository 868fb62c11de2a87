/* render_rows.h: the renderer's row loops written for AVX2 and AVX-512, for render.c alone: included there, so
 * the tile's clones (SMP_HOT_WIDE) take them in whole, rather than calling them a row at a time, which cost a
 * twentieth of a 24 MP frame. Each lane does the portable loops' operations (render.c: halo_rows_for, halo4,
 * cover4, darken4) in their order, so every path gives the same bytes. The debug suite checks the golden hashes on
 * each path the CPU has (SMP_CPU caps the choice), and the sanitizer suite, built without SMP_CPU_CLONES, the
 * portable loops. */
#ifndef SMP_RENDER_ROWS_H
#define SMP_RENDER_ROWS_H

#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

/* The row loops a renderer runs, widest last. */
typedef enum row_loops { ROWS_PORTABLE, ROWS_AVX2, ROWS_AVX512 } row_loops;

static const char *const row_loops_names[] = {"portable", "avx2", "avx512"};

#if defined(SMP_CPU_CLONES)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))
#define AVX512 __attribute__((target("avx2,avx512f,avx512bw,avx512vl")))

/* A grid row interpolated across a tile's first columns, eight to an
 * instruction, where gcc's vector loop reads each cell alone: cells are at
 * least a pixel, so eight columns fall within nine cells from the first's,
 * and two permutes of eight cells each take out every column's two. The
 * eighth cell past a tile's first may lie past the end of its grid row, in
 * the next (a tile never reads the grid's last row, which is margin below
 * the view); only cells the columns use are taken. */
AVX2 static int halo_row_avx2(const float *cells, const int *cell, const float *next, int w, float *out) {
    int x = 0;
    for (; x + 8 <= w; x += 8) {
        int first = cell[x];
        __m256i at = _mm256_sub_epi32(_mm256_loadu_si256((const __m256i *)(cell + x)), _mm256_set1_epi32(first));
        __m256 l = _mm256_permutevar8x32_ps(_mm256_loadu_ps(cells + first), at);
        __m256 m = _mm256_permutevar8x32_ps(_mm256_loadu_ps(cells + first + 1), at);
        _mm256_storeu_ps(out + x, _mm256_add_ps(l, _mm256_mul_ps(_mm256_sub_ps(m, l), _mm256_loadu_ps(next + x))));
    }
    return x;
}

/* Four pixels' halo table steps: the nearest to their ink, between grid rows
 * top and bottom at fy (as halo4). */
AVX2 static inline __m128i halo_steps4(const smp_row_tables *t, const float *top, const float *bottom, __m128 fy) {
    __m128 above = _mm_loadu_ps(top), ink = _mm_add_ps(above, _mm_mul_ps(_mm_sub_ps(_mm_loadu_ps(bottom), above), fy));
    __m128 steps = _mm_min_ps(_mm_mul_ps(ink, _mm_set1_ps(t->halo_scale)), _mm_set1_ps(HALO_LUT));
    return _mm_cvttps_epi32(_mm_add_ps(steps, _mm_set1_ps(0.5f)));
}

/* Four pixels' cover table steps: the nearest to their coverage (as cover4). */
AVX2 static inline __m128i cover_steps4(const float *cover) {
    __m128 steps = _mm_mul_ps(_mm_min_ps(_mm_loadu_ps(cover), _mm_set1_ps(1.0f)), _mm_set1_ps(COVER_STEPS));
    return _mm_cvttps_epi32(_mm_add_ps(steps, _mm_set1_ps(0.5f)));
}

/* Steps k as byte offsets into a table of f4, unsigned (an int offset took a
 * sign extension more, per pixel). They go through memory: one store and
 * four loads, where moving them out of the register takes a pextrd (two
 * micro-ops) for three of them; volatile, or gcc moves them out anyway (a
 * 24 MP frame 4% quicker). */
AVX2 static inline void row_offsets4(__m128i k, uint32_t offsets[4]) {
    uint32_t stored[4] __attribute__((aligned(16)));
    _mm_store_si128((__m128i *)stored, _mm_slli_epi32(k, 4)); /* sizeof(f4) */
    const volatile uint32_t *at = stored;
    for (int l = 0; l < 4; l++) offsets[l] = at[l];
}

static inline const float *table_row(const f4 *table, uint32_t offset) {
    return (const float *)((const char *)table + offset);
}

/* Rows k[0] .. k[3] of a table, two to a vector. */
AVX2 static inline void table_rows4(const f4 *table, __m128i k, __m256 rows[2]) {
    uint32_t at[4];
    row_offsets4(k, at);
    rows[0] = _mm256_set_m128(_mm_load_ps(table_row(table, at[1])), _mm_load_ps(table_row(table, at[0])));
    rows[1] = _mm256_set_m128(_mm_load_ps(table_row(table, at[3])), _mm_load_ps(table_row(table, at[2])));
}

/* Four pixels at `from`, darkened by g (two to a vector), to `to`; `back`
 * puts the packed pixels in order and red at its byte. */
AVX2 static inline void darken4_avx2(const uint8_t *from, const __m256 g[2], uint8_t *to, __m128i back) {
    __m256 offset = _mm256_set1_ps(SRGB_OFFSET);
    __m128i bytes = _mm_loadu_si128((const __m128i *)from);
    __m256 a = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes));
    __m256 b = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_unpackhi_epi64(bytes, bytes)));
    __m256i ia = _mm256_cvtps_epi32(_mm256_sub_ps(_mm256_mul_ps(_mm256_add_ps(a, offset), g[0]), offset));
    __m256i ib = _mm256_cvtps_epi32(_mm256_sub_ps(_mm256_mul_ps(_mm256_add_ps(b, offset), g[1]), offset));
    __m256i words = _mm256_packs_epi32(ia, ib); /* pixels 0 and 2, then 1 and 3 */
    __m128i packed = _mm_packus_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
    _mm_storeu_si128((__m128i *)to, _mm_shuffle_epi8(packed, back));
}

/* The row loop, two pixels to an instruction, made for a tile with a halo,
 * cores or both. */
__attribute__((target("avx2"), always_inline)) static inline int composite_row_avx2_with(
    const smp_row_tables *t, const uint8_t *from, uint8_t *to, int w, const float *top, const float *bottom,
    float fy, const float *cover, int halo, int cores) {
    __m128 fy4 = _mm_set1_ps(fy);
    __m128i back = t->red ? _mm_setr_epi8(2, 1, 0, 3, 10, 9, 8, 11, 6, 5, 4, 7, 14, 13, 12, 15)
                          : _mm_setr_epi8(0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15);
    int x = 0;
    for (; x + 4 <= w; x += 4) {
        __m256 g[2] = {_mm256_set1_ps(1.0f), _mm256_set1_ps(1.0f)}, c[2];
        if (halo) table_rows4(t->halo, halo_steps4(t, top + x, bottom + x, fy4), g);
        if (cores) {
            table_rows4(t->cover, cover_steps4(cover + x), c);
            g[0] = _mm256_mul_ps(g[0], c[0]), g[1] = _mm256_mul_ps(g[1], c[1]);
        }
        darken4_avx2(from + 4 * x, g, to + 4 * x, back);
    }
    return x;
}

AVX2 static int composite_row_avx2(const smp_row_tables *t, const uint8_t *from, uint8_t *to, int w,
                                   const float *top, const float *bottom, float fy, const float *cover) {
    if (top && cover) return composite_row_avx2_with(t, from, to, w, top, bottom, fy, cover, 1, 1);
    if (top) return composite_row_avx2_with(t, from, to, w, top, bottom, fy, NULL, 1, 0);
    return composite_row_avx2_with(t, from, to, w, NULL, NULL, fy, cover, 0, 1);
}

/* Rows k[0] .. k[3] of a table as one vector. */
AVX512 static inline __m512 table_rows4_avx512(const f4 *table, __m128i k) {
    uint32_t at[4];
    row_offsets4(k, at);
    __m512 rows = _mm512_castps128_ps512(_mm_load_ps(table_row(table, at[0])));
    rows = _mm512_insertf32x4(rows, _mm_load_ps(table_row(table, at[1])), 1);
    rows = _mm512_insertf32x4(rows, _mm_load_ps(table_row(table, at[2])), 2);
    return _mm512_insertf32x4(rows, _mm_load_ps(table_row(table, at[3])), 3);
}

/* Four pixels at `from`, darkened by g, to `to`, each channel clamped to
 * 0-255 (as the AVX2 loop's saturating packs); `back` puts red at its byte. */
AVX512 static inline void darken4_avx512(const uint8_t *from, __m512 g, uint8_t *to, __m128i back) {
    __m512 offset = _mm512_set1_ps(SRGB_OFFSET);
    __m512 code = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)from)));
    __m512i v = _mm512_cvtps_epi32(_mm512_sub_ps(_mm512_mul_ps(_mm512_add_ps(code, offset), g), offset));
    __m128i packed = _mm512_cvtusepi32_epi8(_mm512_max_epi32(v, _mm512_setzero_si512()));
    _mm_storeu_si128((__m128i *)to, _mm_shuffle_epi8(packed, back));
}

/* The row loop, four pixels to an instruction (a 24 MP frame about 4%
 * quicker than two; a 1080p view the same), made for a tile with a halo,
 * cores or both. */
__attribute__((target("avx2,avx512f,avx512bw,avx512vl"), always_inline)) static inline int composite_row_avx512_with(
    const smp_row_tables *t, const uint8_t *from, uint8_t *to, int w, const float *top, const float *bottom,
    float fy, const float *cover, int halo, int cores) {
    __m128 fy4 = _mm_set1_ps(fy);
    __m128i back = t->red ? _mm_setr_epi8(2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15)
                          : _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    int x = 0;
    for (; x + 4 <= w; x += 4) {
        __m512 g = _mm512_set1_ps(1.0f);
        if (halo) g = table_rows4_avx512(t->halo, halo_steps4(t, top + x, bottom + x, fy4));
        if (cores) g = _mm512_mul_ps(g, table_rows4_avx512(t->cover, cover_steps4(cover + x)));
        darken4_avx512(from + 4 * x, g, to + 4 * x, back);
    }
    return x;
}

AVX512 static int composite_row_avx512(const smp_row_tables *t, const uint8_t *from, uint8_t *to, int w,
                                       const float *top, const float *bottom, float fy, const float *cover) {
    if (top && cover) return composite_row_avx512_with(t, from, to, w, top, bottom, fy, cover, 1, 1);
    if (top) return composite_row_avx512_with(t, from, to, w, top, bottom, fy, NULL, 1, 0);
    return composite_row_avx512_with(t, from, to, w, NULL, NULL, fy, cover, 0, 1);
}

/* The widest loops the CPU has, at most those SMP_CPU names. */
static row_loops row_loops_for_cpu(void) {
    const char *cap = getenv("SMP_CPU");
    int avx2 = __builtin_cpu_supports("avx2") && !(cap && strcmp(cap, "portable") == 0);
    int avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                 __builtin_cpu_supports("avx512vl") && !(cap && strcmp(cap, "avx2") == 0);
    return avx512 ? ROWS_AVX512 : avx2 ? ROWS_AVX2 : ROWS_PORTABLE;
}

/* The composite's loop over a row's pixels on the loops' path, four at a
 * time: top is NULL without a halo, cover without cores (never both).
 * Returns the pixels done; the portable loop does the rest. */
static inline __attribute__((always_inline)) int composite_row(row_loops loops, const smp_row_tables *t,
                                                                const uint8_t *from, uint8_t *to, int w,
                                                                const float *top, const float *bottom, float fy,
                                                                const float *cover) {
    if (loops == ROWS_AVX512) return composite_row_avx512(t, from, to, w, top, bottom, fy, cover);
    if (loops == ROWS_AVX2) return composite_row_avx2(t, from, to, w, top, bottom, fy, cover);
    return 0;
}

/* A halo grid row across a tile's columns on the loops' path (see
 * halo_row_avx2). Returns the columns done. */
static inline __attribute__((always_inline)) int halo_row(row_loops loops, const float *cells, const int *cell,
                                                           const float *next, int w, float *out) {
    return loops == ROWS_PORTABLE ? 0 : halo_row_avx2(cells, cell, next, w, out);
}
#else
static row_loops row_loops_for_cpu(void) { return ROWS_PORTABLE; }

static inline int composite_row(row_loops loops, const smp_row_tables *t, const uint8_t *from, uint8_t *to, int w,
                                const float *top, const float *bottom, float fy, const float *cover) {
    (void)loops, (void)t, (void)from, (void)to, (void)w, (void)top, (void)bottom, (void)fy, (void)cover;
    return 0;
}

static inline int halo_row(row_loops loops, const float *cells, const int *cell, const float *next, int w,
                           float *out) {
    (void)loops, (void)cells, (void)cell, (void)next, (void)w, (void)out;
    return 0;
}
#endif

#endif
