/* image_header.c: the size and layout a file's header claims, read before any decoder runs. */
#include <math.h>
#include <string.h>

#include "internal.h"

static int is_frame_header(uint8_t marker) {
    /* SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

smp_status smp_jpeg_scan_layout(const uint8_t *data, size_t size, smp_jpeg_layout *out) {
    if (size < 4) return SMP_ERR_TRUNCATED;
    if (data[0] != 0xFF || data[1] != 0xD8) return SMP_ERR_FORMAT;
    smp_jpeg_layout layout = {.adobe_transform = -1};
    size_t at = 2;
    for (;;) {
        if (at + 4 > size) return SMP_ERR_TRUNCATED;
        if (data[at] != 0xFF) return SMP_ERR_FORMAT;
        while (at < size && data[at] == 0xFF) at++; /* fill bytes */
        if (at + 3 > size) return SMP_ERR_TRUNCATED;
        uint8_t marker = data[at++];
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue; /* no length */
        size_t length = (size_t)data[at] << 8 | data[at + 1];
        if (length < 2) return SMP_ERR_FORMAT;
        if (at + length > size) return SMP_ERR_TRUNCATED;
        const uint8_t *segment = data + at + 2;
        size_t segment_size = length - 2;
        if (is_frame_header(marker) && segment_size >= 6) {
            layout.height = segment[1] << 8 | segment[2];
            layout.width = segment[3] << 8 | segment[4];
            layout.components = segment[5];
        }
        if (marker == 0xEE && segment_size >= 12 && memcmp(segment, "Adobe", 5) == 0)
            layout.adobe_transform = segment[11];
        if (marker == 0xDA) break; /* start of scan: the header is over */
        at += length;
    }
    if (layout.components == 0) return SMP_ERR_FORMAT; /* a scan before any frame header */
    *out = layout;
    return SMP_OK;
}

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint32_t le32(const uint8_t *p) { return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]; }

smp_status smp_header_size(smp_file_format format, const uint8_t *data, size_t size, double *width,
                           double *height) {
    smp_jpeg_layout jpeg;
    smp_status status;
    switch (format) {
    case SMP_FORMAT_JPEG:
        if ((status = smp_jpeg_scan_layout(data, size, &jpeg)) != SMP_OK) return status;
        *width = jpeg.width, *height = jpeg.height;
        return SMP_OK;
    case SMP_FORMAT_PNG: /* signature, then IHDR: length, type, width, height */
        if (size < 24) return SMP_ERR_TRUNCATED;
        if (memcmp(data + 12, "IHDR", 4) != 0) return SMP_ERR_FORMAT;
        *width = be32(data + 16), *height = be32(data + 20);
        return SMP_OK;
    case SMP_FORMAT_BMP: /* 14-byte file header, then the info header's width and (signed) height */
        if (size < 26) return SMP_ERR_TRUNCATED;
        *width = (int32_t)le32(data + 18), *height = fabs((double)(int32_t)le32(data + 22));
        return SMP_OK;
    case SMP_FORMAT_TGA:
        if (size < 18) return SMP_ERR_TRUNCATED;
        *width = data[12] | data[13] << 8, *height = data[14] | data[15] << 8;
        return SMP_OK;
    default: return SMP_ERR_FORMAT;
    }
}
