/* split.c: a parallel loop shared out in stretches: each thread its own first, then what is left of the others'. */
#include <omp.h>

#include "internal.h"

/* A part's next item in the low 32 bits and its end in the high ones, so
 * the owner's claim from the front and a thief's from the back are one
 * compare-and-swap each, and never overlap. */
static inline uint64_t span_of(uint32_t next, uint32_t end) { return (uint64_t)end << 32 | next; }

void smp_split_init(smp_split *s, uint32_t n, uint32_t chunk) {
    int threads = omp_get_max_threads();
    s->parts = threads < SMP_SPLIT_PARTS ? threads : SMP_SPLIT_PARTS;
    s->chunk = chunk ? chunk : 1;
    for (int t = 0; t < s->parts; t++) {
        uint32_t first = (uint32_t)((uint64_t)n * (uint64_t)t / (uint64_t)s->parts);
        uint32_t end = (uint32_t)((uint64_t)n * (uint64_t)(t + 1) / (uint64_t)s->parts);
        atomic_init(&s->part[t].span, span_of(first, end));
    }
}

/* Up to a chunk from the front of part p (its owner), or from its back. */
static int take_from(smp_split *s, int p, int front, uint32_t *begin, uint32_t *end) {
    uint64_t span = atomic_load_explicit(&s->part[p].span, memory_order_relaxed);
    for (;;) {
        uint32_t next = (uint32_t)span, last = (uint32_t)(span >> 32);
        if (next >= last) return 0;
        uint32_t n = last - next < s->chunk ? last - next : s->chunk;
        uint64_t left = front ? span_of(next + n, last) : span_of(next, last - n);
        if (atomic_compare_exchange_weak_explicit(&s->part[p].span, &span, left, memory_order_relaxed,
                                                  memory_order_relaxed)) {
            *begin = front ? next : last - n;
            *end = *begin + n;
            return 1;
        }
    }
}

int smp_split_take(smp_split *s, uint32_t *begin, uint32_t *end) {
    int own = omp_get_thread_num();
    if (own < s->parts && take_from(s, own, 1, begin, end)) return 1;
    for (int k = 1; k <= s->parts; k++)
        if (take_from(s, (own + k) % s->parts, 0, begin, end)) return 1;
    return 0;
}
