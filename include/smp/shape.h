/* smp/shape.h: drawn outlines (closed smooth curves through control points) filled into masks. */
#ifndef SMP_SHAPE_H
#define SMP_SHAPE_H

#include "smp/mask.h"
#include "smp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A point in pixels of the upright photo, origin top-left. */
typedef struct smp_point {
    double x, y;
} smp_point;

#define SMP_CURVE_MAX_POINTS 4096

/* The closed centripetal Catmull-Rom curve through the control points, as a
 * polygon: each segment cut into pieces of at most `step` pixels (0: 1 px).
 * Centripetal parameterisation keeps the curve from looping or cusping
 * between points a practitioner places close together. On success *out owns
 * *out_count points (free with smp_free). SMP_ERR_INVALID_ARGUMENT for fewer
 * than 3 or more than SMP_CURVE_MAX_POINTS points or a point that is not
 * finite. Thread-safe. */
smp_status smp_curve_polygon(const smp_point *points, int count, double step, smp_point **out, int *out_count);

/* Fills the closed curve through the control points into the mask, with
 * anti-aliased edges (4 sub-rows a cell, exact horizontal coverage) and the
 * nonzero winding rule: each cell's coverage becomes the larger of what it
 * was and `value` times the part of it inside the curve. Parts outside the
 * mask are clipped. Errors as smp_curve_polygon, SMP_ERR_INVALID_ARGUMENT for
 * a value outside 0-1 (the mask untouched); SMP_ERR_OUT_OF_MEMORY (the mask
 * may then be partly filled). Uses all OpenMP threads; the result does not
 * depend on how many. */
smp_status smp_mask_fill_curve(smp_mask *mask, const smp_point *points, int count, float value);

#ifdef __cplusplus
}
#endif
#endif
