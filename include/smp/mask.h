/* smp/mask.h: coverage masks (treatment area, blend zone, scars) and their signed distance field. */
#ifndef SMP_MASK_H
#define SMP_MASK_H

#include "smp/image.h"
#include "smp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A coverage grid over the photo: one float in [0, 1] per cell, row-major,
 * origin top-left. A cell covers `cell` x `cell` photo pixels, so
 * width = ceil(photo_width / cell). Coverage scales the dot density. */
typedef struct smp_mask {
    int width, height;       /* cells */
    int photo_width, photo_height;
    int cell;                /* photo pixels a cell side, >= 1 */
    float *coverage;         /* width * height values */
} smp_mask;

/* Coverage below this is treated as no paint at all: it keeps JPEG noise and
 * the faint rim of a resampled edge from counting as part of the area. */
#define SMP_MASK_MIN_COVERAGE (8.0f / 255.0f)

/* The distance, mm, reported where there is no edge at all. */
#define SMP_MASK_FAR 1.0e6f

/* Relative difference of aspect ratio above which a mask does not fit a photo. */
#define SMP_MASK_ASPECT_TOLERANCE 0.01

/* The cell size, in photo pixels, that libsmp suggests for masks at a scale:
 * about 0.1 mm, and never below one pixel. */
int smp_mask_cell_for_scale(double px_per_mm);

/* Makes a mask for a photo_width x photo_height photo from an image painted
 * in any editor: its alpha where `use_alpha`, else its luminance (Rec. 709
 * weights on the sRGB codes), area-averaged or bilinearly resampled onto
 * cells of `cell` photo pixels. The image must have the photo's aspect ratio
 * (within SMP_MASK_ASPECT_TOLERANCE); its size may differ.
 * name is used in messages. On success *out owns a new mask (free with
 * smp_mask_destroy). Errors: SMP_ERR_MISMATCH (aspect ratio; the message names
 * both sizes), SMP_ERR_INVALID_ARGUMENT, SMP_ERR_OUT_OF_MEMORY. Thread-safe. */
smp_status smp_mask_from_image(const smp_image *image, int use_alpha, int photo_width, int photo_height, int cell,
                               const char *name, smp_mask **out);

/* Loads a mask file (any format smp_image_load reads) for a photo: alpha when
 * the file has an alpha channel that is not fully opaque, else luminance.
 * Errors as smp_image_load and smp_mask_from_image. */
smp_status smp_mask_load(const char *path, int photo_width, int photo_height, int cell, smp_mask **out);

/* As smp_mask_load, from bytes in memory; name is for messages. */
smp_status smp_mask_load_memory(const void *data, size_t size, const char *name, int photo_width,
                                int photo_height, int cell, smp_mask **out);

/* A mask of the given size with every cell set to `value` (clamped to [0, 1]). */
smp_status smp_mask_create(int photo_width, int photo_height, int cell, float value, smp_mask **out);

void smp_mask_destroy(smp_mask *mask); /* NULL is a no-op */

/* Coverage at a point in photo pixels, bilinear between cell centres,
 * clamped at the borders. */
float smp_mask_sample(const smp_mask *mask, double x_px, double y_px);

/* The signed Euclidean distance from each cell centre to the edge of the
 * mask's painted area (coverage >= SMP_MASK_MIN_COVERAGE), in millimetres:
 * positive inside, negative outside; exact on the cell grid
 * (Felzenszwalb-Huttenlocher), with the edge half-way between an inside and
 * an outside cell. A mask with no paint gives -SMP_MASK_FAR everywhere, a
 * fully painted one +SMP_MASK_FAR (finite, so the field can be interpolated). On success *out owns width*height floats (free with
 * smp_free). Runs on all OpenMP threads; the result does not depend on how
 * many. Thread-safe. */
smp_status smp_mask_distance(const smp_mask *mask, double px_per_mm, float **out);

#ifdef __cplusplus
}
#endif
#endif
