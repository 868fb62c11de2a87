/* image_save.c: encoding PNG and JPEG files, written atomically. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <stb_image_write.h>

#include "internal.h"
#include "smp/image.h"

typedef enum { KIND_UNKNOWN, KIND_PNG, KIND_JPEG } file_kind;

static file_kind kind_of(const char *path) {
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return KIND_UNKNOWN;
    if (strcasecmp(dot, ".png") == 0) return KIND_PNG;
    if (strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0) return KIND_JPEG;
    return KIND_UNKNOWN;
}

static int is_opaque(const smp_image *image) {
    for (int y = 0; y < image->height; y++) {
        const uint8_t *row = image->pixels + (size_t)y * image->stride;
        for (int x = 0; x < image->width; x++)
            if (row[x * 4 + 3] != 255) return 0;
    }
    return 1;
}

/* The pixels as tightly packed RGB, for encoders that take no stride or no alpha. */
static uint8_t *pack_rgb(const smp_image *image) {
    uint8_t *rgb = malloc((size_t)image->width * (size_t)image->height * 3);
    if (!rgb) return NULL;
    uint8_t *out = rgb;
    for (int y = 0; y < image->height; y++) {
        const uint8_t *row = image->pixels + (size_t)y * image->stride;
        for (int x = 0; x < image->width; x++, out += 3) memcpy(out, row + x * 4, 3);
    }
    return rgb;
}

static smp_status check_image(const smp_image *image) {
    if (!image || !image->pixels || image->width < 1 || image->height < 1 ||
        image->width > SMP_IMAGE_MAX_SIDE || image->height > SMP_IMAGE_MAX_SIDE ||
        image->stride < (size_t)image->width * 4 || image->stride > INT32_MAX)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "not a valid image (NULL, empty or a bad stride)");
    return SMP_OK;
}

static void to_sink(void *context, void *data, int size) { smp_sink_write(context, data, (size_t)size); }

typedef struct encoding {
    const smp_image *image;
    file_kind kind;
    int quality;
} encoding;

static smp_status encode(smp_sink *sink, const void *context) {
    const encoding *e = context;
    const smp_image *image = e->image;
    int ok;
    if (e->kind == KIND_PNG && !is_opaque(image)) {
        ok = stbi_write_png_to_func(to_sink, sink, image->width, image->height, 4, image->pixels, (int)image->stride);
    } else {
        uint8_t *rgb = pack_rgb(image);
        if (!rgb) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory while encoding");
        ok = e->kind == KIND_PNG ? stbi_write_png_to_func(to_sink, sink, image->width, image->height, 3, rgb,
                                                          image->width * 3)
                                 : stbi_write_jpg_to_func(to_sink, sink, image->width, image->height, 3, rgb, e->quality);
        free(rgb);
    }
    return ok ? SMP_OK : smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory while encoding");
}

smp_status smp_image_save(const smp_image *image, const char *path, const smp_save_settings *settings) {
    if (!path || !*path) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_image_save: no file name");
    smp_status status = check_image(image);
    if (status != SMP_OK) return smp_fail(status, "%s: cannot save: not a valid image", path);
    file_kind kind = kind_of(path);
    if (kind == KIND_UNKNOWN)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: unknown image type; name it .png, .jpg or .jpeg", path);
    int quality = settings && settings->jpeg_quality ? settings->jpeg_quality : SMP_DEFAULT_JPEG_QUALITY;
    if (quality < 1 || quality > 100)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: JPEG quality %d is outside 1-100", path, quality);
    encoding e = {image, kind, quality};
    status = smp_write_atomically(path, encode, &e);
    if (status == SMP_ERR_OUT_OF_MEMORY) return smp_fail(status, "%s: out of memory while encoding", path);
    return status;
}

typedef struct grey_encoding {
    const uint8_t *grey;
    int width, height;
} grey_encoding;

static smp_status encode_grey(smp_sink *sink, const void *context) {
    const grey_encoding *e = context;
    int ok = stbi_write_png_to_func(to_sink, sink, e->width, e->height, 1, e->grey, e->width);
    return ok ? SMP_OK : smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory while encoding");
}

smp_status smp_save_grey_png(const char *path, const uint8_t *grey, int width, int height) {
    if (!path || !*path) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "no file name to save to");
    if (kind_of(path) != KIND_PNG)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: a grey image is saved as PNG; name it .png", path);
    grey_encoding e = {grey, width, height};
    smp_status status = smp_write_atomically(path, encode_grey, &e);
    if (status == SMP_ERR_OUT_OF_MEMORY) return smp_fail(status, "%s: out of memory while encoding", path);
    return status;
}
