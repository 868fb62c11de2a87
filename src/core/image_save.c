/* image_save.c: writing PNG and JPEG files atomically (temporary file, then rename). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

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

typedef struct sink {
    int fd;
    int failed;
    int error;
} sink;

static void sink_write(void *context, void *data, int size) {
    sink *s = context;
    const uint8_t *bytes = data;
    size_t left = (size_t)size;
    while (!s->failed && left > 0) {
        ssize_t n = write(s->fd, bytes, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            s->failed = 1;
            s->error = n < 0 ? errno : ENOSPC;
            return;
        }
        bytes += n;
        left -= (size_t)n;
    }
}

/* Runs the encoder into the sink; 0 when the encoder failed (out of memory). */
static int encode(const smp_image *image, file_kind kind, int quality, sink *s) {
    if (kind == KIND_PNG && !is_opaque(image))
        return stbi_write_png_to_func(sink_write, s, image->width, image->height, 4, image->pixels,
                                      (int)image->stride);
    uint8_t *rgb = pack_rgb(image);
    if (!rgb) return 0;
    int ok = kind == KIND_PNG
                 ? stbi_write_png_to_func(sink_write, s, image->width, image->height, 3, rgb, image->width * 3)
                 : stbi_write_jpg_to_func(sink_write, s, image->width, image->height, 3, rgb, quality);
    free(rgb);
    return ok;
}

/* A name in the destination's folder that no other writer, in this process
 * or another, is using at the same moment. */
static int open_temporary(const char *path, char *tmp, size_t tmp_size) {
    static atomic_uint counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned n = atomic_fetch_add(&counter, 1u);
        int len = snprintf(tmp, tmp_size, "%s.tmp-%ld-%u", path, (long)getpid(), n);
        if (len < 0 || (size_t)len >= tmp_size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

/* Makes the rename itself durable; a folder that cannot be synced is not an error. */
static void sync_folder(const char *path) {
    char folder[4096] = ".";
    const char *slash = strrchr(path, '/');
    if (slash == path) {
        strcpy(folder, "/");
    } else if (slash) {
        size_t len = (size_t)(slash - path);
        if (len >= sizeof folder) return;
        memcpy(folder, path, len);
        folder[len] = '\0';
    }
    int fd = open(folder, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

static smp_status write_atomically(const smp_image *image, const char *path, file_kind kind, int quality) {
    char tmp[4096];
    sink s = {.fd = open_temporary(path, tmp, sizeof tmp)};
    if (s.fd < 0) return smp_fail(SMP_ERR_WRITE, "%s: cannot create a file there (%s)", path, strerror(errno));
    int encoded = encode(image, kind, quality, &s);
    if (encoded && !s.failed && fsync(s.fd) != 0) {
        s.failed = 1;
        s.error = errno;
    }
    if (close(s.fd) != 0 && !s.failed) {
        s.failed = 1;
        s.error = errno;
    }
    if (encoded && !s.failed && rename(tmp, path) != 0) {
        s.failed = 1;
        s.error = errno;
    }
    if (!encoded || s.failed) {
        unlink(tmp);
        if (!encoded) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory while encoding", path);
        return smp_fail(SMP_ERR_WRITE, "%s: cannot write (%s); nothing was changed", path, strerror(s.error));
    }
    sync_folder(path);
    return SMP_OK;
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
    return write_atomically(image, path, kind, quality);
}
