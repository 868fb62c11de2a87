/* bridson.h: the baseline Poisson-disk sampler the placement benchmark compares against. */
#ifndef SMP_BENCH_BRIDSON_H
#define SMP_BENCH_BRIDSON_H

#include <stddef.h>
#include <stdint.h>

/* Fills out_xy with up to capacity points (x, y pairs) in [0, width) x [0, height),
 * no two closer than radius; returns how many. */
size_t bridson_sample(double width, double height, double radius, uint64_t seed, float *out_xy, size_t capacity);

#endif
