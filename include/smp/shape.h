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

/* The outline of the mask's largest painted region as the control points of a
 * closed curve (as smp_curve_polygon draws it), so that a painted or imported
 * area can be edited by dragging a few points. The region is the cells with
 * coverage >= 0.5, joined across edges and diagonals; the largest has the
 * most cells (the first from the top on a tie). Its outer boundary (holes
 * are ignored) is the 0.5 iso-line of the coverage, linear between cell
 * centres (marching squares), so it lies on an anti-aliased edge with
 * sub-cell accuracy; outside the mask and in other regions counts as
 * unpainted, so a region touching the border is closed along the photo's
 * edge. That outline is simplified by dropping, one at a time, the point
 * whose loss moves the curve least (the farthest the outline it spanned lies
 * from the new curve), while that is at most tolerance_px, and then on until
 * at most max_points remain (0: 48; else 3 to SMP_CURVE_MAX_POINTS).
 * Straight stretches thus lose their points and bends keep them; the points
 * where the outline meets the photo's edge count the tolerance extra, so only
 * max_points removes them. Tolerance 0 is the larger of 2 cells and a 150th
 * of the region's size (the square root of its area): about 1 mm on a head,
 * which leaves a treatment area some 30-40 points at any resolution.
 * The points are in photo pixels, within the photo, clockwise as seen on the
 * photo (positive shoelace area with y down), the topmost (then leftmost)
 * first. On success *out owns *out_count points (free with smp_free).
 * Errors: SMP_ERR_INVALID_ARGUMENT for a NULL or malformed mask, a NULL
 * result, a tolerance that is not finite or negative, max_points out of
 * range (the message names the value), or a mask with no cell at 0.5
 * ("mask trace: the mask has no painted area"); SMP_ERR_OUT_OF_MEMORY. Time
 * and memory grow with the cells (about 10 ms for 4 million), plus n log n
 * in the length n of the outline (exact straight runs count once).
 * Thread-safe. */
smp_status smp_mask_trace(const smp_mask *mask, double tolerance_px, int max_points, smp_point **out, int *out_count);

#ifdef __cplusplus
}
#endif
#endif
