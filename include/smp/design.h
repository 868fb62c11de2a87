/* smp/design.h: a practitioner's design on one photo, and the pigment dots it places. */
#ifndef SMP_DESIGN_H
#define SMP_DESIGN_H

#include <stddef.h>
#include <stdint.h>

#include "smp/mask.h"
#include "smp/status.h"
#include "smp/style.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One pigment dot. Millimetres from the top-left corner of the upright photo. */
typedef struct smp_dot {
    float x_mm, y_mm;
    float diameter_mm; /* healed */
    float shade;       /* pigment strength 0-1 */
    float rank;        /* the candidate's rank in [0, 1): lower ranks appear first as density rises */
    float scar;        /* 0-1: how much scar tissue is under the dot */
    uint32_t id;       /* the candidate's identity: the same dot keeps it across edits */
    uint8_t session;   /* 1-4: the treatment session that places it */
    uint8_t zone;      /* SMP_ZONE_TREATMENT or SMP_ZONE_BLEND */
    uint8_t reserved[2]; /* zero: no padding, so equal dot lists are equal bytes */
} smp_dot;

enum { SMP_ZONE_TREATMENT = 0, SMP_ZONE_BLEND = 1 };

/* A growable array of dots the caller owns; start it zeroed and free it with
 * smp_dot_list_free. libsmp reuses its memory from call to call. */
typedef struct smp_dot_list {
    smp_dot *dots;
    size_t count, capacity;
} smp_dot_list;

void smp_dot_list_free(smp_dot_list *list); /* frees dots and zeroes the list; NULL is a no-op */

/* Writes the dots as CSV: the header line x_mm,y_mm,diameter_mm,shade,session,rank
 * and one dot a line (4 decimals for millimetres and shade, 6 for rank).
 * Written atomically: on failure (SMP_ERR_WRITE naming path) any old file is
 * untouched and no temporary is left. Thread-safe. */
smp_status smp_dots_save_csv(const smp_dot_list *list, const char *path);

/* A rectangle in millimetres of the upright photo, origin top-left. */
typedef struct smp_rect_mm {
    double x, y, width, height;
} smp_rect_mm;

/* What a design is made of. Masks are copied: the caller keeps ownership.
 * All masks must be made for photo_width x photo_height with the same cell. */
typedef struct smp_design_desc {
    int photo_width, photo_height; /* pixels of the upright photo */
    double px_per_mm;              /* the calibration */
    const smp_mask *treatment;     /* required: where the dots go, grey scales density */
    const smp_mask *blend;         /* optional: existing hair to blend dots into */
    const smp_mask *scar;          /* optional: scar tissue (dots spread more there) */
} smp_design_desc;

typedef struct smp_design smp_design;

/* The largest photo a design may cover, in mm2 (1 m2; a head is under 0.1):
 * past it the scale is surely wrong, and the candidates would not fit in memory. */
#define SMP_DESIGN_MAX_AREA_MM2 1.0e6

/* Makes a design with the default style (smp_design_set_style changes it).
 * Computes the treatment area's distance field and the candidate dots for
 * the style's seed. On success *out owns the design (free with
 * smp_design_destroy). Errors: SMP_ERR_INVALID_ARGUMENT (no treatment mask,
 * a scale outside the calibration limits, a photo that would cover more than
 * SMP_DESIGN_MAX_AREA_MM2 at that scale), SMP_ERR_MISMATCH (masks made for
 * another photo size or cell), SMP_ERR_OUT_OF_MEMORY. Uses all OpenMP
 * threads; the result never depends on how many. Thread-safe. */
smp_status smp_design_create(const smp_design_desc *desc, smp_design **out);

void smp_design_destroy(smp_design *design); /* NULL is a no-op */

/* Gives the design the masks of desc (its photo size and scale may change
 * too) and keeps its style: the design smp_design_create and then
 * smp_design_set_style with this style would make, dot for dot, made
 * quicker after an edit. A mask the same cell for cell as the design's keeps
 * its distance field, and the candidate dots stay while the photo size, the
 * scale and the seed do. Masks are copied: the caller keeps ownership.
 * Errors as smp_design_create; on failure the design is unchanged. Uses all
 * OpenMP threads. Not thread-safe against other calls on the same design. */
smp_status smp_design_set_masks(smp_design *design, const smp_design_desc *desc);

/* Gives the design the masks, photo size and scale of `source`, and keeps
 * its style: the design smp_design_set_masks with the masks source was
 * given would make, dot for dot, made quicker where two designs show the
 * same client (two styles side by side): what the design does not keep of
 * its own is copied from source, not worked out again (the masks' distance
 * fields, and what the masks say under each candidate while the two share
 * a seed). The design shares nothing with source afterwards. Errors:
 * SMP_ERR_INVALID_ARGUMENT (NULL), SMP_ERR_OUT_OF_MEMORY; on failure the
 * design is unchanged. Not thread-safe against other calls on either design. */
smp_status smp_design_set_masks_like(smp_design *design, const smp_design *source);

/* Sets the style (see smp_style_resolve for the ranges; the design keeps the
 * resolved copy). Cheap: dots are re-selected from the same candidates, so
 * no dot moves; a new seed rebuilds the candidates. On failure the design
 * keeps its style. Not thread-safe against other calls on the same design. */
smp_status smp_design_set_style(smp_design *design, const smp_style *style);

/* The resolved style in use. */
const smp_style *smp_design_style(const smp_design *design);

/* The scale the design was made at, photo pixels a millimetre. */
double smp_design_px_per_mm(const smp_design *design);

/* The photo size in millimetres. */
smp_rect_mm smp_design_bounds(const smp_design *design);

/* Replaces the dots in *list with the design's dots whose centres lie in
 * rect (NULL: the whole photo), in a fixed order (by 4 mm bins, row by row).
 * Fast enough for every frame: it only thresholds the stored candidates.
 * On failure the list is unchanged. Safe to call from several threads on
 * the same design at once. */
smp_status smp_design_dots(const smp_design *design, const smp_rect_mm *rect, smp_dot_list *list);

/* The number of candidates the design thresholds for a rect (NULL: all). */
size_t smp_design_candidate_count(const smp_design *design, const smp_rect_mm *rect);

/* How evenly dots are spaced (DESIGN.md's placement quality): for the dots
 * whose centres lie in `inside`, nearest-neighbour distances (to any dot of
 * the list) over the hexagonal spacing d_max = sqrt(2 / (sqrt(3) n)), n the
 * dots per mm2 in `inside`. */
typedef struct smp_spacing {
    size_t count;          /* dots measured */
    double density_cm2;    /* dots per cm2 in the rectangle */
    double min_relative;   /* smallest nearest-neighbour distance over d_max */
    double mean_relative;  /* mean of the same */
    double min_gap_mm;     /* smallest distance between two dots' edges (negative: they touch) */
} smp_spacing;

/* Measures the spacing; SMP_ERR_INVALID_ARGUMENT for fewer than 2 dots in
 * `inside` or an empty rectangle. Thread-safe. */
smp_status smp_dots_spacing(const smp_dot_list *list, const smp_rect_mm *inside, smp_spacing *out);

/* What the treatment takes. */
typedef struct smp_plan {
    double treated_area_cm2;  /* where treatment dots go (after offset and irregularity) */
    double blend_area_cm2;    /* blend zone outside the treated area */
    double hairline_length_mm;/* the treated area's edge, less where it borders the blend zone or the photo edge */
    int sessions;
    size_t dots_per_session[SMP_MAX_SESSIONS];
    size_t dots_total;
    double minutes_at_60[SMP_MAX_SESSIONS];  /* per session, at 60 dots a minute */
    double minutes_at_100[SMP_MAX_SESSIONS]; /* per session, at 100 dots a minute */
} smp_plan;

/* Works out the plan for the design's current style. Thread-safe on a const design. */
smp_status smp_design_plan(const smp_design *design, smp_plan *out);

#ifdef __cplusplus
}
#endif
#endif
