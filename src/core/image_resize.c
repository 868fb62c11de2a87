/* image_resize.c: scaling images in linear light with Debian's stb_image_resize. */
#include <stb_image_resize.h>

#include "internal.h"
#include "smp/image.h"

smp_status smp_image_resize(const smp_image *image, int width, int height, smp_image **out) {
    if (!image || !out || !image->pixels) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_image_resize: no image");
    smp_image *scaled = smp_image_create(width, height);
    if (!scaled) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory scaling to %dx%d", width, height);
    if (!stbir_resize_uint8_srgb(image->pixels, image->width, image->height, (int)image->stride, scaled->pixels,
                                 width, height, (int)scaled->stride, 4, 3, 0)) {
        smp_image_destroy(scaled);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory scaling to %dx%d", width, height);
    }
    *out = scaled;
    return SMP_OK;
}
