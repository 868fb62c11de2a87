/* image_load.c: decoding photo and mask files into upright RGBA images. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <stb_image.h>

#include "internal.h"
#include "smp/image.h"

/* Feeds stb_image from memory and notes when the decoder wants bytes past the
 * end: stb pads short data with zeros instead of failing, so this is how a
 * truncated file is told apart from a complete one. */
typedef struct reader {
    const uint8_t *data;
    size_t size, at;
    int overran;
} reader;

static int reader_read(void *user, char *out, int wanted) {
    reader *r = user;
    size_t left = r->size - r->at;
    size_t n = wanted > 0 ? (size_t)wanted : 0;
    if (n > left) n = left;
    if (n == 0 && wanted > 0) r->overran = 1;
    memcpy(out, r->data + r->at, n);
    r->at += n;
    return (int)n;
}

static void reader_skip(void *user, int n) {
    reader *r = user;
    if (n < 0) {
        size_t back = (size_t)-(long)n;
        r->at = back > r->at ? 0 : r->at - back;
    } else if ((size_t)n > r->size - r->at) {
        r->at = r->size;
        r->overran = 1;
    } else {
        r->at += (size_t)n;
    }
}

static int reader_eof(void *user) {
    reader *r = user;
    return r->at >= r->size;
}

static const stbi_io_callbacks reader_callbacks = {reader_read, reader_skip, reader_eof};

static int has_extension(const char *name, const char *ext) {
    size_t n = strlen(name), e = strlen(ext);
    return n > e && strcasecmp(name + n - e, ext) == 0;
}

static int starts_with(const uint8_t *data, size_t size, const char *magic, size_t n) {
    return size >= n && memcmp(data, magic, n) == 0;
}

/* Formats told by their first bytes; TGA has no signature and is only tried
 * for a .tga name, so that random bytes are never read as an image. */
static smp_file_format sniff_format(const uint8_t *d, size_t n, const char *name) {
    if (starts_with(d, n, "\xFF\xD8\xFF", 3)) return SMP_FORMAT_JPEG;
    if (starts_with(d, n, "\x89PNG\r\n\x1A\n", 8)) return SMP_FORMAT_PNG;
    if (starts_with(d, n, "BM", 2)) return SMP_FORMAT_BMP;
    if (has_extension(name, ".tga")) return SMP_FORMAT_TGA;
    return SMP_FORMAT_UNKNOWN;
}

/* Names formats people commonly try, so the message can say what to do. */
static const char *known_unsupported(const uint8_t *d, size_t n) {
    if (starts_with(d, n, "GIF8", 4)) return "GIF";
    if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0) return "WebP";
    if (n >= 12 && memcmp(d + 4, "ftyp", 4) == 0) return "HEIC/AVIF";
    if (starts_with(d, n, "II*\0", 4) || starts_with(d, n, "MM\0*", 4)) return "TIFF";
    if (starts_with(d, n, "8BPS", 4)) return "Photoshop";
    if (starts_with(d, n, "%PDF", 4)) return "PDF";
    return NULL;
}

typedef struct load_limits {
    double max_pixels;
    size_t max_file_bytes;
    int keep_orientation;
} load_limits;

static smp_status resolve_limits(const smp_load_settings *s, const char *name, load_limits *out) {
    smp_load_settings zero = {0};
    if (!s) s = &zero;
    if (!(s->max_megapixels >= 0.0) || !isfinite(s->max_megapixels))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: the megapixel limit %g is not a positive number",
                        name, s->max_megapixels);
    out->max_pixels = (s->max_megapixels > 0.0 ? s->max_megapixels : SMP_DEFAULT_MAX_MEGAPIXELS) * 1e6;
    out->max_file_bytes = s->max_file_bytes ? s->max_file_bytes : SMP_DEFAULT_MAX_FILE_BYTES;
    out->keep_orientation = s->keep_stored_orientation;
    return SMP_OK;
}

/* Everything the header says, checked against the limits before decoding. */
static smp_status read_header(const uint8_t *data, size_t size, const char *name,
                              const load_limits *limits, smp_image_info *info) {
    smp_file_format format = sniff_format(data, size, name);
    if (format == SMP_FORMAT_UNKNOWN) {
        const char *other = known_unsupported(data, size);
        if (other)
            return smp_fail(SMP_ERR_FORMAT, "%s: %s images are not supported; save it as JPEG or PNG",
                            name, other);
        return smp_fail(SMP_ERR_FORMAT, "%s: not a JPEG, PNG, BMP or TGA image", name);
    }
    if (size > INT32_MAX)
        return smp_fail(SMP_ERR_TOO_LARGE, "%s: %zu bytes is more than an image file may hold", name, size);
    const char *what = smp_file_format_name(format);
    double cw, ch;
    smp_status status = smp_header_size(format, data, size, &cw, &ch);
    if (status == SMP_ERR_TRUNCATED)
        return smp_fail(status, "%s: truncated %s (the data ends after %zu bytes, inside the header)", name, what,
                        size);
    if (status != SMP_OK) return smp_fail(status, "%s: corrupt %s header", name, what);
    if (cw > SMP_IMAGE_MAX_SIDE || ch > SMP_IMAGE_MAX_SIDE || cw * ch > limits->max_pixels)
        return smp_fail(SMP_ERR_TOO_LARGE,
                        "%s: %.0fx%.0f pixels (%.1f megapixels) is over the limit of %.1f megapixels "
                        "and %d pixels a side",
                        name, cw, ch, cw * ch / 1e6, limits->max_pixels / 1e6, SMP_IMAGE_MAX_SIDE);
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(data, (int)size, &w, &h, &comp) || w != (int)cw || h != (int)ch)
        return smp_fail(SMP_ERR_FORMAT, "%s: corrupt %s header (%s)", name, what,
                        w ? "the sizes disagree" : stbi_failure_reason());
    smp_image_info found = {.stored_width = w, .stored_height = h, .width = w, .height = h,
                            .orientation = 1, .channels = comp, .format = format, .file_bytes = size,
                            .bits_per_channel = stbi_is_16_bit_from_memory(data, (int)size) ? 16 : 8};
    if (format == SMP_FORMAT_JPEG) {
        smp_jpeg_layout layout;
        smp_jpeg_scan_layout(data, size, &layout); /* succeeded in smp_header_size */
        if (layout.components == 4) {
            if (layout.adobe_transform != 0 && layout.adobe_transform != 2)
                return smp_fail(SMP_ERR_FORMAT,
                                "%s: 4-channel JPEG without an Adobe CMYK/YCCK marker: its colours cannot "
                                "be read reliably; save it as RGB",
                                name);
            found.channels = 4;
            found.cmyk = 1;
        }
        int orientation = smp_exif_orientation(data, size);
        found.orientation_tagged = orientation != 0;
        found.orientation = orientation ? orientation : 1;
    }
    if (found.orientation >= 5 && !limits->keep_orientation) {
        found.width = h;
        found.height = w;
    }
    *info = found;
    return SMP_OK;
}

/* Rounds 16-bit samples to 8 bits (stb would truncate). Frees samples16. */
static uint8_t *narrow_16_to_8(uint16_t *samples16, size_t count) {
    uint8_t *out = malloc(count);
    if (out)
        for (size_t i = 0; i < count; i++) out[i] = (uint8_t)((samples16[i] * 255u + 32767u) / 65535u);
    stbi_image_free(samples16);
    return out;
}

static smp_status decode_pixels(const uint8_t *data, size_t size, const char *name,
                                const smp_image_info *info, uint8_t **out_pixels) {
    reader r = {.data = data, .size = size};
    int w = 0, h = 0, comp = 0;
    size_t count = (size_t)info->stored_width * (size_t)info->stored_height * 4;
    uint8_t *pixels;
    if (info->bits_per_channel == 16) {
        uint16_t *wide = stbi_load_16_from_callbacks(&reader_callbacks, &r, &w, &h, &comp, 4);
        pixels = wide ? narrow_16_to_8(wide, count) : NULL;
        if (wide && !pixels) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory", name);
    } else {
        pixels = stbi_load_from_callbacks(&reader_callbacks, &r, &w, &h, &comp, 4);
    }
    const char *what = smp_file_format_name(info->format);
    if (r.overran) {
        free(pixels);
        return smp_fail(SMP_ERR_TRUNCATED, "%s: truncated %s (the data ends after %zu bytes, before the image does)",
                        name, what, size);
    }
    if (!pixels) {
        const char *reason = stbi_failure_reason();
        if (reason && strcmp(reason, "outofmem") == 0)
            return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory decoding %dx%d pixels", name,
                            info->stored_width, info->stored_height);
        return smp_fail(SMP_ERR_FORMAT, "%s: corrupt %s (%s)", name, what, reason ? reason : "unknown");
    }
    if (w != info->stored_width || h != info->stored_height) {
        free(pixels);
        return smp_fail(SMP_ERR_FORMAT, "%s: corrupt %s (the header and the data disagree on the size)", name, what);
    }
    *out_pixels = pixels;
    return SMP_OK;
}

smp_status smp_image_load_memory(const void *data, size_t size, const char *name,
                                 const smp_load_settings *settings,
                                 smp_image **out_image, smp_image_info *out_info) {
    if (!name) name = "memory";
    if (!out_image || (!data && size))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: smp_image_load: NULL argument", name);
    load_limits limits = {0};
    smp_status status = resolve_limits(settings, name, &limits);
    if (status != SMP_OK) return status;
    if (size == 0) return smp_fail(SMP_ERR_FORMAT, "%s: the file is empty (0 bytes), not an image", name);
    if (size > limits.max_file_bytes)
        return smp_fail(SMP_ERR_TOO_LARGE, "%s: %zu bytes is over the limit of %zu bytes", name, size,
                        limits.max_file_bytes);
    smp_image_info info;
    status = read_header(data, size, name, &limits, &info);
    if (status != SMP_OK) return status;
    uint8_t *pixels = NULL;
    status = decode_pixels(data, size, name, &info, &pixels);
    if (status != SMP_OK) return status;
    smp_image *image = malloc(sizeof *image);
    if (!image) {
        free(pixels);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory", name);
    }
    *image = (smp_image){.width = info.stored_width, .height = info.stored_height,
                         .stride = (size_t)info.stored_width * 4, .pixels = pixels};
    if (info.orientation != 1 && !limits.keep_orientation) {
        smp_image *upright = NULL;
        status = smp_image_orient(image, info.orientation, &upright);
        smp_image_destroy(image);
        if (status != SMP_OK) return status;
        image = upright;
    }
    *out_image = image;
    if (out_info) *out_info = info;
    return SMP_OK;
}

smp_status smp_image_load(const char *path, const smp_load_settings *settings,
                          smp_image **out_image, smp_image_info *out_info) {
    if (!path || !out_image) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_image_load: NULL argument");
    load_limits limits = {0};
    smp_status status = resolve_limits(settings, path, &limits);
    if (status != SMP_OK) return status;
    uint8_t *data = NULL;
    size_t size = 0;
    status = smp_read_file(path, limits.max_file_bytes, &data, &size);
    if (status != SMP_OK) return status;
    status = smp_image_load_memory(data, size, path, settings, out_image, out_info);
    free(data);
    return status;
}
