/* vec4.h: four-lane float and int vectors (GCC and clang's vector extension) that libsmp's hot loops share. */
#ifndef SMP_VEC4_H
#define SMP_VEC4_H

#include <math.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Four floats that the compiler's vector extension does arithmetic on lane
 * by lane, with the same IEEE operations, so results match the scalar code's
 * bit for bit. Square root, max and min are SSE instructions where there is
 * SSE, else lane by lane. */
typedef float f4 __attribute__((vector_size(16)));
typedef int32_t i4 __attribute__((vector_size(16)));

static inline f4 load4(const float *p) {
    f4 v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void store4(float *p, f4 v) { memcpy(p, &v, sizeof v); }
static inline f4 splat4(float v) { return (f4){v, v, v, v}; }
/* a > b ? a : b and a < b ? a : b, lane by lane (as maxps and minps). */
#if defined(__SSE2__)
static inline f4 max4(f4 a, f4 b) { return (f4)_mm_max_ps((__m128)a, (__m128)b); }
static inline f4 min4(f4 a, f4 b) { return (f4)_mm_min_ps((__m128)a, (__m128)b); }
static inline f4 sqrt4(f4 v) { return (f4)_mm_sqrt_ps((__m128)v); }
#else
static inline f4 max4(f4 a, f4 b) {
    for (int i = 0; i < 4; i++) a[i] = a[i] > b[i] ? a[i] : b[i];
    return a;
}
static inline f4 min4(f4 a, f4 b) {
    for (int i = 0; i < 4; i++) a[i] = a[i] < b[i] ? a[i] : b[i];
    return a;
}
static inline f4 sqrt4(f4 v) {
    for (int i = 0; i < 4; i++) v[i] = sqrtf(v[i]);
    return v;
}
#endif
/* keep ? v : 0, lane by lane, keep holding -1 or 0 per lane. */
static inline f4 keep4(f4 v, i4 keep) {
    i4 bits;
    memcpy(&bits, &v, sizeof bits);
    bits &= keep;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* mask ? a : b, lane by lane, mask holding -1 or 0 per lane. */
static inline i4 choose4(i4 mask, i4 a, i4 b) { return (a & mask) | (b & ~mask); }

/* Four rows of four floats turned into four columns, as SSE's
 * _MM_TRANSPOSE4_PS: v[j][l] becomes v[l][j]. */
static inline void transpose4(f4 v[4]) {
    f4 t0 = __builtin_shufflevector(v[0], v[1], 0, 4, 1, 5), t1 = __builtin_shufflevector(v[2], v[3], 0, 4, 1, 5);
    f4 t2 = __builtin_shufflevector(v[0], v[1], 2, 6, 3, 7), t3 = __builtin_shufflevector(v[2], v[3], 2, 6, 3, 7);
    v[0] = __builtin_shufflevector(t0, t1, 0, 1, 4, 5), v[1] = __builtin_shufflevector(t0, t1, 2, 3, 6, 7);
    v[2] = __builtin_shufflevector(t2, t3, 0, 1, 4, 5), v[3] = __builtin_shufflevector(t2, t3, 2, 3, 6, 7);
}

#endif
