/* bridson.c: the baseline: a plain single-threaded Bridson (2007) Poisson-disk sampler, k = 30. */
#include "bridson.h"

#include <math.h>
#include <stdlib.h>

static uint64_t next(uint64_t *s) {
    *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
    return *s;
}

static double uniform(uint64_t *s) { return (double)(next(s) >> 11) * (1.0 / 9007199254740992.0); }

size_t bridson_sample(double width, double height, double radius, uint64_t seed, float *out_xy, size_t capacity) {
    double cell = radius / sqrt(2.0);
    int gw = (int)ceil(width / cell), gh = (int)ceil(height / cell);
    int *grid = malloc((size_t)gw * (size_t)gh * sizeof *grid);
    size_t *active = malloc(capacity * sizeof *active);
    if (!grid || !active) {
        free(grid);
        free(active);
        return 0;
    }
    for (size_t i = 0; i < (size_t)gw * (size_t)gh; i++) grid[i] = -1;
    uint64_t s = seed | 1;
    size_t n = 0, live = 0;
    double x = uniform(&s) * width, y = uniform(&s) * height;
    out_xy[0] = (float)x, out_xy[1] = (float)y;
    grid[(int)(y / cell) * gw + (int)(x / cell)] = 0;
    active[live++] = n++;
    while (live > 0 && n < capacity) {
        size_t pick = (size_t)(uniform(&s) * (double)live);
        double px = out_xy[2 * active[pick]], py = out_xy[2 * active[pick] + 1];
        int found = 0;
        for (int k = 0; k < 30 && !found; k++) {
            double angle = uniform(&s) * 6.283185307179586, r = radius * (1.0 + uniform(&s));
            double qx = px + r * cos(angle), qy = py + r * sin(angle);
            if (qx < 0 || qy < 0 || qx >= width || qy >= height) continue;
            int cx = (int)(qx / cell), cy = (int)(qy / cell), ok = 1;
            for (int gy = cy - 2; gy <= cy + 2 && ok; gy++)
                for (int gx = cx - 2; gx <= cx + 2 && ok; gx++) {
                    if (gx < 0 || gy < 0 || gx >= gw || gy >= gh) continue;
                    int j = grid[gy * gw + gx];
                    if (j >= 0 && hypot(out_xy[2 * j] - qx, out_xy[2 * j + 1] - qy) < radius) ok = 0;
                }
            if (ok) {
                out_xy[2 * n] = (float)qx, out_xy[2 * n + 1] = (float)qy;
                grid[cy * gw + cx] = (int)n;
                active[live++] = n++;
                found = 1;
            }
        }
        if (!found) active[pick] = active[--live];
    }
    free(grid);
    free(active);
    return n;
}
