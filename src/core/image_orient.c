/* image_orient.c: turning an image stored with an EXIF orientation upright. */
#include <string.h>

#include "internal.h"
#include "smp/image.h"

void smp_orientation_source(int o, int sw, int sh, int x, int y, int *sx, int *sy) {
    switch (o) {
    case 2: *sx = sw - 1 - x; *sy = y; break;          /* mirrored left-right */
    case 3: *sx = sw - 1 - x; *sy = sh - 1 - y; break; /* rotated 180 */
    case 4: *sx = x; *sy = sh - 1 - y; break;          /* mirrored top-bottom */
    case 5: *sx = y; *sy = x; break;                   /* transposed */
    case 6: *sx = y; *sy = sh - 1 - x; break;          /* needs 90 clockwise */
    case 7: *sx = sw - 1 - y; *sy = sh - 1 - x; break; /* transversed */
    case 8: *sx = sw - 1 - y; *sy = x; break;          /* needs 90 counter-clockwise */
    default: *sx = x; *sy = y; break;
    }
}

const char *smp_orientation_name(int orientation) {
    static const char *const names[] = {
        "upright",
        "mirror left-right",
        "turn 180 degrees",
        "mirror top-bottom",
        "mirror left-right, then turn 90 degrees counter-clockwise",
        "turn 90 degrees clockwise",
        "mirror left-right, then turn 90 degrees clockwise",
        "turn 90 degrees counter-clockwise",
    };
    return orientation >= 1 && orientation <= 8 ? names[orientation - 1] : "not a valid orientation";
}

int smp_orientation_inverse(int orientation) {
    if (orientation < 1 || orientation > 8) return 0;
    if (orientation == 6) return 8;
    if (orientation == 8) return 6;
    return orientation;
}

smp_status smp_image_orient(const smp_image *image, int orientation, smp_image **out) {
    if (!image || !out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_image_orient: NULL argument");
    if (orientation < 1 || orientation > 8)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "EXIF orientation %d is outside 1-8", orientation);
    int swap = orientation >= 5;
    int w = swap ? image->height : image->width;
    int h = swap ? image->width : image->height;
    smp_image *result = smp_image_create(w, h);
    if (!result) return SMP_ERR_OUT_OF_MEMORY;
#pragma omp parallel for schedule(static)
    for (int y = 0; y < h; y++) {
        uint8_t *row = result->pixels + (size_t)y * result->stride;
        for (int x = 0; x < w; x++) {
            int sx, sy;
            smp_orientation_source(orientation, image->width, image->height, x, y, &sx, &sy);
            memcpy(row + (size_t)x * 4, image->pixels + (size_t)sy * image->stride + (size_t)sx * 4, 4);
        }
    }
    *out = result;
    return SMP_OK;
}
