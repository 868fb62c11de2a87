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
 * (within SMP_MASK_ASPECT_TOLERANCE); its size may differ. An image of
 * exactly the cell grid (ceil(photo_width / cell) x ceil(photo_height / cell),
 * as smp_mask_save writes) is taken one pixel a cell, whatever its aspect.
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

/* Paints one stroke of a round brush into the mask: the capsule of every
 * point within radius_px of the segment (x0_px, y0_px)-(x1_px, y1_px), in
 * photo pixels (a dab when both ends are the same). Each cell moves towards
 * `value` (clamped to [0, 1]: 1 paints, 0 erases) by the part `a` of it the
 * capsule covers, c += (value - c) * a, so strokes build up and erase the way
 * a practitioner's brush does. The edge is anti-aliased over one cell, its
 * radius set so that the paint put down (the sum of a over the cells, times
 * the cell area) is the capsule's area 2 r L + pi r^2; cells well inside get
 * exactly `value`. A brush too thin for a one-cell edge (radius about half a
 * cell or less) is drawn that wide with proportionally fainter paint, keeping
 * the area of a stroke; a single dab that small is off by up to ~15%,
 * depending on where it falls in its cell.
 * Only the cells near the capsule are visited (the cost follows the stroke's
 * area, not the mask's); parts outside the mask are clipped.
 * Errors: SMP_ERR_INVALID_ARGUMENT, the mask untouched and the message naming
 * the culprit, for a NULL mask, a coordinate that is not finite or beyond
 * +-1e7 px, a radius that is not finite, <= 0 or over 100000 px, or a value
 * that is not finite. Runs on all OpenMP threads for large strokes; the
 * result does not depend on how many. Not safe on the same mask from two
 * threads at once. */
smp_status smp_mask_paint(smp_mask *mask, double x0_px, double y0_px, double x1_px, double y1_px, double radius_px,
                          float value);

/* The bounds smp_mask_paint accepts: |coordinate| <= SMP_STROKE_MAX_COORDINATE
 * and 0 < radius <= SMP_STROKE_MAX_RADIUS, photo pixels. */
#define SMP_STROKE_MAX_COORDINATE 1e7
#define SMP_STROKE_MAX_RADIUS 100000.0

/* One brush or eraser stroke: the capsule within radius of the segment, painted towards value (smp_mask_paint). */
typedef struct smp_stroke {
    double x0, y0, x1, y1; /* photo pixels */
    double radius;         /* photo pixels */
    float value;           /* 1: brush, 0: eraser, or any coverage between */
} smp_stroke;

/* The most mask cells smp_mask_paint_strokes paints in one call, counted over
 * each stroke's bounding box: a few seconds of work. A studio session paints
 * far less; a hand-made file of huge strokes would take hours. */
#define SMP_MASK_PAINT_MAX_CELLS 1e9

/* Paints count strokes into the mask in order, each as smp_mask_paint does,
 * so later strokes paint over (or erase) earlier ones. count 0 paints
 * nothing. Stops at the first stroke smp_mask_paint refuses and returns its
 * error, the message naming the stroke ("mask paint: stroke 3 of 10: radius
 * -2 px; ..."); the strokes before it stay painted. Errors:
 * SMP_ERR_INVALID_ARGUMENT (a NULL mask, count < 0, NULL strokes with count >
 * 0, a stroke smp_mask_paint refuses), SMP_ERR_TOO_LARGE (the strokes' boxes
 * hold more than SMP_MASK_PAINT_MAX_CELLS cells; nothing is painted). The result does not depend on the
 * number of OpenMP threads. Not safe on the same mask from two threads at
 * once. */
smp_status smp_mask_paint_strokes(smp_mask *mask, const smp_stroke *strokes, int count);

/* Writes the mask as an 8-bit grey PNG of width x height pixels, one a cell,
 * the grey code round(coverage * 255). smp_mask_load(path, photo_width,
 * photo_height, cell, ...) gives the coverage back within 0.5 / 255. The file
 * is written atomically as by smp_image_save: a failure leaves any old file
 * untouched and no temporary behind. Errors: SMP_ERR_INVALID_ARGUMENT (NULL or
 * malformed mask, no path, a path not ending in .png), SMP_ERR_WRITE naming
 * the path, SMP_ERR_OUT_OF_MEMORY. Thread-safe while nothing paints the mask. */
smp_status smp_mask_save(const smp_mask *mask, const char *path);

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
