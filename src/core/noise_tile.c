/* noise_tile.c: the progressive blue-noise tile (assets/blue_noise/tile.bin), decoded and binned once. */
#include <math.h>
#include <stdlib.h>
#include <threads.h>

#include "design_internal.h"

/* Written by the build from assets/blue_noise/tile.bin (see make_blue_noise_tile.c). */
extern const unsigned char smp_asset_tile_bin[];
extern const size_t smp_asset_tile_bin_size;

enum { TILE_GRID = 128 };

static smp_noise_tile tile;
static once_flag tile_once = ONCE_FLAG_INIT;
static int tile_ok;

static uint32_t le32(const unsigned char *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int cell_of(double v, double side) {
    int c = (int)(v / side * TILE_GRID);
    return c < 0 ? 0 : c >= TILE_GRID ? TILE_GRID - 1 : c;
}

/* Counting sort of the points into grid cells, keeping rank order within each cell. */
static void decode_tile(void) {
    const unsigned char *data = smp_asset_tile_bin;
    size_t size = smp_asset_tile_bin_size;
    if (size < 4) return;
    uint32_t n = le32(data);
    if (n < 1024 || (size - 4) / 4 < n) return;
    double side = sqrt((double)n);
    uint32_t *start = calloc((size_t)TILE_GRID * TILE_GRID + 1, sizeof *start);
    float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    uint32_t *index = malloc(n * sizeof *index), *cell = malloc(n * sizeof *cell);
    if (!start || !x || !y || !index || !cell) {
        free(start), free(x), free(y), free(index), free(cell);
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *p = data + 4 + 4 * (size_t)i;
        double px = (p[0] | p[1] << 8) / 65536.0 * side, py = (p[2] | p[3] << 8) / 65536.0 * side;
        cell[i] = (uint32_t)(cell_of(py, side) * TILE_GRID + cell_of(px, side));
        start[cell[i] + 1]++;
    }
    for (int c = 0; c < TILE_GRID * TILE_GRID; c++) start[c + 1] += start[c];
    uint32_t *fill = malloc((size_t)TILE_GRID * TILE_GRID * sizeof *fill);
    if (!fill) {
        free(start), free(x), free(y), free(index), free(cell);
        return;
    }
    for (int c = 0; c < TILE_GRID * TILE_GRID; c++) fill[c] = start[c];
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *p = data + 4 + 4 * (size_t)i;
        uint32_t at = fill[cell[i]]++;
        x[at] = (float)((p[0] | p[1] << 8) / 65536.0 * side);
        y[at] = (float)((p[2] | p[3] << 8) / 65536.0 * side);
        index[at] = i;
    }
    free(fill);
    free(cell);
    tile = (smp_noise_tile){(int)n, side, TILE_GRID, start, x, y, index};
    tile_ok = 1;
}

const smp_noise_tile *smp_noise_tile_get(void) {
    call_once(&tile_once, decode_tile);
    if (!tile_ok) {
        smp_fail(SMP_ERR_OUT_OF_MEMORY, "cannot decode the blue-noise tile (out of memory or a damaged build)");
        return NULL;
    }
    return &tile;
}
