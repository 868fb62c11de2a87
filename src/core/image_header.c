/* image_header.c: the size and layout a file's header claims, read before any decoder runs. */
#include <math.h>
#include <string.h>

#include "internal.h"

static int is_frame_header(uint8_t marker) {
    /* SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

/* stb_image (Debian's, of 2022-09) writes past its 257 code lengths when a Huffman table declares more
 * than 256 codes, so every DHT segment is checked before it decodes: each table is a class/id byte,
 * 16 counts and as many symbols as the counts add up to, at most 256. In a segment the file cuts
 * short (cut), the decoder reads zeros after the end: only the counts that are there add up. Sets the
 * bit (class * 4 + id) in *defined of each table. */
static int huffman_tables_fit(const uint8_t *segment, size_t size, int cut, unsigned *defined) {
    while (size > 0) {
        size_t counts = size < 17 ? size : 17, codes = 0;
        if (counts < 17 && !cut) return 0;
        if (segment[0] >> 4 > 1 || (segment[0] & 15) > 3) return 0; /* class DC or AC, ids 0-3 */
        *defined |= 1u << (segment[0] >> 4 << 2 | (segment[0] & 15));
        for (size_t i = 1; i < counts; i++) codes += segment[i];
        if (codes > 256) return 0;
        if (size < 17 + codes) return cut;
        segment += 17 + codes;
        size -= 17 + codes;
    }
    return 1;
}

/* stb_image decodes a scan with whatever is in a Huffman table no DHT segment defined, so a scan must
 * only use defined ones: a sequential scan its DC and AC tables; a progressive one its DC table in a
 * first DC pass (Ss 0, Ah 0) and its AC table in an AC pass (Ss > 0). */
static int scan_tables_defined(const uint8_t *segment, size_t size, int progressive, unsigned defined) {
    size_t count = size ? segment[0] : 0;
    if (count == 0 || size < 1 + 2 * count + 3) return 0;
    int first_dc = segment[1 + 2 * count] == 0 && segment[3 + 2 * count] >> 4 == 0;
    int ac = segment[1 + 2 * count] > 0;
    for (size_t i = 0; i < count; i++) {
        unsigned dc_table = segment[2 + 2 * i] >> 4, ac_table = segment[2 + 2 * i] & 15;
        int need_dc = !progressive || first_dc, need_ac = !progressive || ac;
        if (dc_table > 3 || ac_table > 3) return 0;
        if ((need_dc && !(defined >> dc_table & 1)) || (need_ac && !(defined >> (4 + ac_table) & 1))) return 0;
    }
    return 1;
}

/* Where the entropy-coded data that starts at `at` ends, as stb_image reads it: at the next 0xFF
 * (with any 0xFF fill after it) that is followed by neither a stuffed 0x00 nor a restart marker.
 * size when the data runs to the end. */
static size_t skip_scan_data(const uint8_t *data, size_t size, size_t at) {
    for (;;) {
        const uint8_t *ff = at < size ? memchr(data + at, 0xFF, size - at) : NULL;
        if (!ff) return size;
        size_t next = (size_t)(ff - data) + 1;
        while (next < size && data[next] == 0xFF) next++;
        if (next >= size) return size;
        if (data[next] != 0x00 && (data[next] < 0xD0 || data[next] > 0xD7)) return (size_t)(ff - data);
        at = next + 1;
    }
}

/* Reads the marker at data[*at] (after any fill bytes) and its segment's length, which counts its own
 * two bytes (0 for markers without a segment); *at moves to the length bytes. SMP_ERR_TRUNCATED when
 * the data ends first (*marker is 0 when it ends before the marker). */
static smp_status next_marker(const uint8_t *data, size_t size, size_t *at, uint8_t *marker, size_t *length) {
    size_t i = *at;
    *marker = 0;
    if (i + 4 > size) return SMP_ERR_TRUNCATED;
    if (data[i] != 0xFF) return SMP_ERR_FORMAT;
    while (i < size && data[i] == 0xFF) i++; /* fill bytes */
    if (i + 3 > size) return SMP_ERR_TRUNCATED;
    *marker = data[i++];
    int bare = *marker == 0x01 || *marker == 0xD9 || (*marker >= 0xD0 && *marker <= 0xD7); /* TEM, EOI, RSTn */
    *length = bare ? 0 : (size_t)data[i] << 8 | data[i + 1];
    if (!bare && *length < 2) return SMP_ERR_FORMAT;
    *at = i;
    return i + *length > size ? SMP_ERR_TRUNCATED : SMP_OK;
}

smp_status smp_jpeg_scan_layout(const uint8_t *data, size_t size, smp_jpeg_layout *out) {
    if (size < 4) return SMP_ERR_TRUNCATED;
    if (data[0] != 0xFF || data[1] != 0xD8) return SMP_ERR_FORMAT;
    smp_jpeg_layout layout = {.adobe_transform = -1};
    int scanned = 0; /* past the first scan, where the data ends is the decoder's to judge */
    int progressive = 0;
    unsigned defined = 0; /* Huffman tables: bit class * 4 + id */
    uint8_t marker = 0;
    for (size_t at = 2, length = 0; marker != 0xD9; at += length) {
        smp_status status = next_marker(data, size, &at, &marker, &length);
        if (status == SMP_ERR_TRUNCATED && scanned) {
            size_t left = at + 2 < size ? size - at - 2 : 0;
            if (marker == 0xC4 && !huffman_tables_fit(data + at + 2, left, 1, &defined)) return SMP_ERR_FORMAT;
            break;
        }
        if (status != SMP_OK) return status;
        const uint8_t *segment = data + at + 2;
        size_t segment_size = length ? length - 2 : 0;
        if (!scanned && is_frame_header(marker) && segment_size >= 6) {
            layout.height = segment[1] << 8 | segment[2];
            layout.width = segment[3] << 8 | segment[4];
            layout.components = segment[5];
            progressive = marker == 0xC2;
        }
        if (!scanned && marker == 0xEE && segment_size >= 12 && memcmp(segment, "Adobe", 5) == 0)
            layout.adobe_transform = segment[11];
        if (marker == 0xC4 && !huffman_tables_fit(segment, segment_size, 0, &defined)) return SMP_ERR_FORMAT;
        if (marker == 0xDA) { /* start of scan */
            if (layout.components == 0) return SMP_ERR_FORMAT; /* a scan before any frame header */
            if (!scan_tables_defined(segment, segment_size, progressive, defined)) return SMP_ERR_FORMAT;
            scanned = 1;
            at = skip_scan_data(data, size, at + length) - length;
        }
    }
    if (!scanned) return SMP_ERR_FORMAT;
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
