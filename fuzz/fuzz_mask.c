/* fuzz_mask.c: the mask loader on any bytes, for any photo size and cell.
 * Input: photo width and height (2 bytes each, little-endian), the cell (1 byte), then the mask file. */
#include <math.h>
#include <stdint.h>

#include "fuzz.h"
#include "smp/smp.h"

enum { HEADER = 5, MAX_SIDE = 2048, MAX_CELL = 8 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < HEADER) return 0;
    int photo_width = 1 + (data[0] | data[1] << 8) % MAX_SIDE;
    int photo_height = 1 + (data[2] | data[3] << 8) % MAX_SIDE;
    int cell = 1 + data[4] % MAX_CELL;
    smp_mask *mask = NULL;
    smp_status status = smp_mask_load_memory(data + HEADER, size - HEADER, "fuzz-mask.png", photo_width, photo_height,
                                             cell, &mask);
    if (status != SMP_OK) {
        fuzz_check_failure(status, mask);
        return 0;
    }
    FUZZ_CHECK(mask->width == (photo_width + cell - 1) / cell && mask->height == (photo_height + cell - 1) / cell);
    for (size_t i = 0; i < (size_t)mask->width * (size_t)mask->height; i++)
        FUZZ_CHECK(mask->coverage[i] >= 0.0f && mask->coverage[i] <= 1.0f);
    float centre = smp_mask_sample(mask, photo_width / 2.0, photo_height / 2.0);
    FUZZ_CHECK(centre >= 0.0f && centre <= 1.0f);
    smp_mask_destroy(mask);
    return 0;
}
