/* smp/image.h: RGBA images, loading (with EXIF orientation), saving and sRGB <-> linear. */
#ifndef SMP_IMAGE_H
#define SMP_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "smp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An 8-bit sRGB image with straight (not premultiplied) alpha.
 * Layout: origin top-left, rows top to bottom, 4 bytes a pixel in the order
 * R, G, B, A; row y starts at pixels + y * stride. stride >= 4 * width. */
typedef struct smp_image {
    int width;      /* pixels, >= 1 */
    int height;     /* pixels, >= 1 */
    size_t stride;  /* bytes from one row to the next */
    uint8_t *pixels;
} smp_image;

/* Allocates a width x height image with every byte 0 (transparent black) and
 * stride 4 * width. Returns NULL on failure (SMP_ERR_INVALID_ARGUMENT for a
 * size below 1 or above SMP_IMAGE_MAX_SIDE, SMP_ERR_TOO_LARGE when the bytes
 * overflow size_t, SMP_ERR_OUT_OF_MEMORY), with the reason in smp_last_error().
 * The caller owns the image and frees it with smp_image_destroy(). Thread-safe. */
smp_image *smp_image_create(int width, int height);

/* Frees an image from any libsmp function. NULL is a no-op. */
void smp_image_destroy(smp_image *image);

/* Longest side any libsmp image may have, in pixels. */
#define SMP_IMAGE_MAX_SIDE 65535

typedef enum smp_file_format {
    SMP_FORMAT_UNKNOWN = 0,
    SMP_FORMAT_JPEG,
    SMP_FORMAT_PNG,
    SMP_FORMAT_BMP,
    SMP_FORMAT_TGA
} smp_file_format;

/* "JPEG", "PNG", "BMP", "TGA" or "unknown". Static string. */
const char *smp_file_format_name(smp_file_format format);

/* What a loaded file was, before it became the RGBA image. */
typedef struct smp_image_info {
    int width, height;               /* after the orientation was applied */
    int stored_width, stored_height; /* as the pixels are stored in the file */
    int orientation;                 /* EXIF orientation 1-8; 1 when the file has no tag */
    int orientation_tagged;          /* 1 when the file carries an orientation tag */
    int channels;                    /* in the file: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA or CMYK */
    int bits_per_channel;            /* 8 or 16 */
    int cmyk;                        /* 1 for an Adobe CMYK or YCCK JPEG, converted to RGB */
    smp_file_format format;
    size_t file_bytes;
} smp_image_info;

/* Limits and options for loading. Zero in any field means its default. */
typedef struct smp_load_settings {
    double max_megapixels;       /* refuse images with more pixels; default 150 */
    size_t max_file_bytes;       /* refuse larger files before reading; default 1 GiB */
    int keep_stored_orientation; /* 1: ignore the EXIF orientation; default 0 (upright) */
} smp_load_settings;

#define SMP_DEFAULT_MAX_MEGAPIXELS 150.0
#define SMP_DEFAULT_MAX_FILE_BYTES ((size_t)1 << 30)

/* Loads a JPEG, PNG, BMP or TGA file (grey, grey+alpha, RGB, RGBA, CMYK JPEG;
 * 8 or 16 bits a channel) into an 8-bit RGBA image, turned upright by its EXIF
 * orientation. The header is read first: a file whose pixel count exceeds the
 * limit is refused before any pixel memory is allocated. Truncated files are
 * refused (SMP_ERR_TRUNCATED), never padded.
 * settings may be NULL (all defaults); out_info may be NULL.
 * On success *out_image owns a new image (free with smp_image_destroy) and
 * *out_info is filled. On failure neither is touched and smp_last_error() names
 * the file and the reason: SMP_ERR_READ (cannot open or read), SMP_ERR_FORMAT
 * (not an image or corrupt, with the decoder's reason), SMP_ERR_TRUNCATED,
 * SMP_ERR_TOO_LARGE (over a limit), SMP_ERR_OUT_OF_MEMORY,
 * SMP_ERR_INVALID_ARGUMENT (NULL path or out_image, negative limits).
 * Thread-safe. */
smp_status smp_image_load(const char *path, const smp_load_settings *settings,
                          smp_image **out_image, smp_image_info *out_info);

/* As smp_image_load, from size bytes at data; name is used in messages only
 * (NULL: "memory"). data is only read, and not kept. */
smp_status smp_image_load_memory(const void *data, size_t size, const char *name,
                                 const smp_load_settings *settings,
                                 smp_image **out_image, smp_image_info *out_info);

/* Turns an image stored with EXIF orientation 1-8 upright: the new image's
 * pixel (x, y) is the pixel the orientation tag says is displayed there.
 * Orientations 5-8 swap width and height. On success *out owns a new image.
 * SMP_ERR_INVALID_ARGUMENT for an orientation outside 1-8. Thread-safe. */
smp_status smp_image_orient(const smp_image *image, int orientation, smp_image **out);

/* What EXIF orientation 1-8 asks of a viewer, for people: "upright",
 * "turn 90 degrees clockwise", ... "not a valid orientation" outside 1-8. Static string. */
const char *smp_orientation_name(int orientation);

/* Scales the image to width x height, filtering in linear light
 * (stb_image_resize). On success *out owns the new image. Thread-safe. */
smp_status smp_image_resize(const smp_image *image, int width, int height, smp_image **out);

/* The orientation tag whose transform undoes the transform of `orientation`
 * (6 and 8 swap, the others are their own inverse); 0 outside 1-8. */
int smp_orientation_inverse(int orientation);

/* Options for saving. Zero in any field means its default. */
typedef struct smp_save_settings {
    int jpeg_quality; /* 1-100; default 92 */
} smp_save_settings;

#define SMP_DEFAULT_JPEG_QUALITY 92

/* Writes the image as PNG or JPEG, chosen by the extension of path (.png,
 * .jpg, .jpeg, any case). PNG keeps alpha when any pixel is not opaque; JPEG
 * drops it. The data goes to a temporary file in the same folder, which is
 * flushed to disk and renamed over path only when complete: a failure or a
 * kill leaves the old file (if any) untouched. The temporary file
 * (PATH.tmp-PID-N) is removed on failure, and by smp_remove_temporary_files
 * when a front end's signal handler calls it; only SIGKILL leaves it behind.
 * settings may be NULL. Errors: SMP_ERR_INVALID_ARGUMENT (unknown extension,
 * quality out of range, NULL image or path), SMP_ERR_WRITE (the folder or the
 * file cannot be written, disk full), SMP_ERR_OUT_OF_MEMORY. Thread-safe. */
smp_status smp_image_save(const smp_image *image, const char *path,
                          const smp_save_settings *settings);

/* Removes the temporary files of the saves in progress in this process
 * (every file libsmp writes goes through one: images, masks, dot lists,
 * consultation files), so a process stopped by a signal leaves none behind.
 * Async-signal-safe: for a signal handler, which then ends the process (the
 * saves it interrupts would fail). */
void smp_remove_temporary_files(void);

/* Frees memory libsmp handed to the caller (distance fields, dot lists).
 * NULL is a no-op. */
void smp_free(void *memory);

/* sRGB <-> linear light, exact to the 8-bit code: for every v in 0-255,
 * smp_linear_to_srgb(smp_srgb_to_linear(v)) == v. Table look-ups, thread-safe. */
float smp_srgb_to_linear(uint8_t srgb);
uint8_t smp_linear_to_srgb(float linear); /* clamps to [0, 1] first */

/* The tables behind those two, for inner loops: 256 floats indexed by the sRGB
 * code, and SMP_LINEAR_LUT_SIZE codes indexed by
 * (int)(linear * (SMP_LINEAR_LUT_SIZE - 1) + 0.5) for linear in [0, 1].
 * The tables are static and never change. */
#define SMP_LINEAR_LUT_SIZE 65536
const float *smp_srgb_to_linear_table(void);
const uint8_t *smp_linear_to_srgb_table(void);

#ifdef __cplusplus
}
#endif
#endif
