/* image.c: creating and destroying RGBA images. */
#include <stdlib.h>

#include "internal.h"
#include "smp/image.h"
#include "smp/version.h"

smp_image *smp_image_create(int width, int height) {
    if (width < 1 || height < 1 || width > SMP_IMAGE_MAX_SIDE || height > SMP_IMAGE_MAX_SIDE) {
        smp_fail(SMP_ERR_INVALID_ARGUMENT, "image size %dx%d is outside 1x1 to %dx%d", width,
                 height, SMP_IMAGE_MAX_SIDE, SMP_IMAGE_MAX_SIDE);
        return NULL;
    }
    size_t stride, bytes;
    if (!smp_mul_size((size_t)width, 4, &stride) || !smp_mul_size(stride, (size_t)height, &bytes)) {
        smp_fail(SMP_ERR_TOO_LARGE, "image size %dx%d overflows memory sizes", width, height);
        return NULL;
    }
    smp_image *image = malloc(sizeof *image);
    uint8_t *pixels = calloc(bytes, 1);
    if (!image || !pixels) {
        free(image);
        free(pixels);
        smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a %dx%d image (%zu bytes)", width,
                 height, bytes);
        return NULL;
    }
    *image = (smp_image){.width = width, .height = height, .stride = stride, .pixels = pixels};
    return image;
}

void smp_image_destroy(smp_image *image) {
    if (!image) return;
    free(image->pixels);
    free(image);
}


void smp_free(void *memory) { free(memory); }

const char *smp_file_format_name(smp_file_format format) {
    switch (format) {
    case SMP_FORMAT_JPEG: return "JPEG";
    case SMP_FORMAT_PNG: return "PNG";
    case SMP_FORMAT_BMP: return "BMP";
    case SMP_FORMAT_TGA: return "TGA";
    default: return "unknown";
    }
}

const char *smp_version(void) { return SMP_VERSION_STRING; }
