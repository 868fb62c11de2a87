/* internal.h: helpers shared by libsmp's source files, never installed. */
#ifndef SMP_INTERNAL_H
#define SMP_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "smp/image.h"
#include "smp/shape.h"
#include "smp/status.h"

#if defined(__GNUC__)
#define SMP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SMP_PRINTF(fmt, args)
#endif

#define SMP_PI 3.14159265358979323846

/* Records a message for smp_last_error() on this thread and returns status,
 * so a failure reads: return smp_fail(SMP_ERR_FORMAT, "%s: ...", name); */
smp_status smp_fail(smp_status status, const char *format, ...) SMP_PRINTF(2, 3);

/* Marks a hot loop's function to be compiled twice where the build asks for
 * it (SMP_CPU_CLONES): for any x86-64, and for x86-64-v3 (AVX2, and
 * three-operand instructions, which save the copies two-operand SSE needs),
 * chosen once at load time by the CPU; each with everything it calls
 * flattened in, so the clone holds all of its work. Both do the same IEEE
 * operations in the same order (no fused multiply-add: -ffp-contract=off),
 * so they give the same bytes; the suite checks the golden hashes with the
 * clones (debug build) and without (sanitizer build). A 1080p frame took
 * about a twentieth less with them, its selection a sixth less. */
#if defined(SMP_CPU_CLONES)
#define SMP_HOT __attribute__((target_clones("arch=x86-64-v3", "default"), flatten))
#else
#define SMP_HOT
#endif

/* SMP_HOT with a clone for x86-64-v4 (AVX-512) as well: for the renderer's
 * tiles, whose clone takes the AVX-512 row loops in whole (render_rows.h),
 * and its shaping, which in the v4 clone's 32 vector registers spills less
 * (13% fewer of a 1080p frame's samples). The other hot loops gained nothing. */
#if defined(SMP_CPU_CLONES)
#define SMP_HOT_WIDE __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"), flatten))
#else
#define SMP_HOT_WIDE
#endif

/* a * b into *out; 0 (and *out untouched) when it overflows size_t. */
static inline int smp_mul_size(size_t a, size_t b, size_t *out) {
    if (a != 0 && b > SIZE_MAX / a) return 0;
    *out = a * b;
    return 1;
}

/* A parallel loop's items 0 .. n - 1 shared out so that each thread meets
 * the same part of a picture in every step of a frame: thread t owns the
 * t-th of equal stretches of the range and takes it from the front, chunk by
 * chunk; a thread done with its own takes chunks from the back of others'.
 * The steps of a render run over their work in the picture's order (bins,
 * runs, bands and tiles, top to bottom), so what a thread reads it mostly
 * wrote itself, from its own core's cache: scheduled first come, first
 * served, half of it came from the other core's. Made before the parallel
 * region (smp_split_init), shared by its threads, each of which calls
 * smp_split_take until it returns 0. Which thread does an item never
 * changes what the item makes. */
enum { SMP_SPLIT_PARTS = 64 }; /* threads past this many only take from others' parts */
typedef struct smp_split {
    struct {
        _Alignas(64) _Atomic uint64_t span; /* a line each: the owners' claims do not meet */
    } part[SMP_SPLIT_PARTS];
    int parts;
    uint32_t chunk;
} smp_split;
void smp_split_init(smp_split *s, uint32_t n, uint32_t chunk);
/* The next stretch [*begin, *end) for the calling thread; 0 when none is left. */
int smp_split_take(smp_split *s, uint32_t *begin, uint32_t *end);

/* The stored pixel that EXIF orientation o (1-8) displays at (x, y) of the
 * upright image, for a stored image of sw x sh pixels. */
void smp_orientation_source(int o, int sw, int sh, int x, int y, int *sx, int *sy);

/* Reads the EXIF orientation tag (1-8) from a JPEG's bytes with libexif.
 * Returns 0 when the data has no EXIF block or no valid orientation tag. */
int smp_exif_orientation(const uint8_t *data, size_t size);

/* What the JPEG markers before the first scan say about size and colour. */
typedef struct smp_jpeg_layout {
    int width, height;   /* from the frame header */
    int components;      /* from the frame header */
    int adobe_transform; /* APP14 Adobe colour transform 0-2; -1 without an APP14 marker */
} smp_jpeg_layout;

/* Walks the markers of a JPEG: the layout comes from those before the first
 * scan; every Huffman table in the file is checked (see image_header.c).
 * Returns SMP_ERR_FORMAT when they are malformed, SMP_ERR_TRUNCATED when the
 * data ends before the first scan; sets no message. */
smp_status smp_jpeg_scan_layout(const uint8_t *data, size_t size, smp_jpeg_layout *out);

/* The width and height a file's header claims (BMP heights made positive),
 * without decoding. SMP_ERR_TRUNCATED when the data ends inside the header,
 * SMP_ERR_FORMAT when it is malformed; sets no message. */
smp_status smp_header_size(smp_file_format format, const uint8_t *data, size_t size, double *width, double *height);

/* Output to a file being written atomically; writes are buffered and the
 * first error is kept (later writes are dropped). */
typedef struct smp_sink smp_sink;
void smp_sink_write(smp_sink *sink, const void *data, size_t size);

/* Writes what produce() sends to the sink into a temporary file beside path,
 * flushes it to disk and renames it over path. A failure (produce's status,
 * or SMP_ERR_WRITE naming path) leaves any old file untouched and no
 * temporary behind. */
typedef smp_status (*smp_produce_fn)(smp_sink *sink, const void *context);
smp_status smp_write_atomically(const char *path, smp_produce_fn produce, const void *context);

/* Writes width x height 8-bit grey values (rows packed, top first) as a
 * one-channel PNG, atomically as smp_image_save. SMP_ERR_INVALID_ARGUMENT for
 * no path or one not ending in .png; SMP_ERR_WRITE naming path;
 * SMP_ERR_OUT_OF_MEMORY. */
smp_status smp_save_grey_png(const char *path, const uint8_t *grey, int width, int height);

/* Reads the whole regular file at path into *out (malloc'd, with a NUL after
 * the last byte so text can be parsed in place). A file over limit bytes is
 * SMP_ERR_TOO_LARGE before anything is allocated; errors name path. */
smp_status smp_read_file(const char *path, size_t limit, uint8_t **out, size_t *out_size);

/* Where a bilinear sample of a width x height float grid at cell coordinates
 * (cx, cy) reads, cell (i, j) centred at (i, j), clamped at the borders:
 * found once for any number of grids of that size (smp_grid_read). */
typedef struct smp_grid_point {
    size_t top, bottom; /* the cells left of the point, in its row and the next */
    size_t right;       /* from those to the cells right of it: 1, or 0 at the last column */
    float fx, fy;       /* the weights of the right and bottom cells */
} smp_grid_point;

static inline smp_grid_point smp_grid_locate(int width, int height, double cx, double cy) {
    cx = cx < 0 ? 0 : cx > width - 1 ? width - 1 : cx;
    cy = cy < 0 ? 0 : cy > height - 1 ? height - 1 : cy;
    int x0 = (int)cx, y0 = (int)cy, y1 = y0 + 1 < height ? y0 + 1 : y0;
    size_t w = (size_t)width;
    return (smp_grid_point){(size_t)y0 * w + (size_t)x0, (size_t)y1 * w + (size_t)x0, x0 + 1 < width,
                            (float)(cx - x0), (float)(cy - y0)};
}

static inline float smp_grid_read(const float *grid, smp_grid_point p) {
    const float *top = grid + p.top, *bottom = grid + p.bottom;
    float t = top[0] + (top[p.right] - top[0]) * p.fx;
    float b = bottom[0] + (bottom[p.right] - bottom[0]) * p.fx;
    return t + (b - t) * p.fy;
}

/* The segment p[1]-p[2] of the closed curve smp_curve_polygon draws (p[0]
 * and p[3] the control points either side) cut into `pieces` parts: the start
 * of each, at u = j / pieces of the way for j = 0 .. pieces - 1, into out. */
void smp_curve_segment(const smp_point p[4], int pieces, smp_point *out);

#endif
