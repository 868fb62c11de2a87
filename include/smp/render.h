/* smp/render.h: pigment in skin: the design's dots rendered onto the photo, fresh, healed or years on. */
#ifndef SMP_RENDER_H
#define SMP_RENDER_H

#include "smp/design.h"
#include "smp/image.h"
#include "smp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The pigment's colour. Carbon black seen through skin reads slightly cool. */
typedef enum smp_ink {
    SMP_INK_NEUTRAL = 0, /* diluted carbon black: the default */
    SMP_INK_COOL,        /* a blue-black, as too dark a pigment shows on fair skin */
    SMP_INK_WARM,        /* a brown-black */
    SMP_INK_CUSTOM       /* look.ink_rgb */
} smp_ink;

/* How the work looks, and when. Zero in every field means: all sessions,
 * healed (about a month after the last session), neutral ink. */
typedef struct smp_look {
    int fresh;          /* 1: days after the last session: larger, darker scabs */
    double years;       /* time since the last session, 0-20; 0 means healed (a month) */
    int sessions;       /* show the work after this many sessions (1-4); 0: all */
    smp_ink ink;
    float ink_rgb[3];   /* SMP_INK_CUSTOM: sRGB 0-1, the colour a solid dot shows on white */
    int ink_drift;      /* 1: the failure look of wrong pigment migrating blue-green and blurring */
} smp_look;

#define SMP_YEARS_MAX 20.0

/* "fresh", "healed", "6m", "1y", "2y", "5y", "8y": the ages the exports name. */
typedef struct smp_age_name {
    const char *name;
    int fresh;
    double years;
} smp_age_name;
extern const smp_age_name smp_age_names[7];

/* Finds an age by name; 0 when there is none by that name. */
int smp_age_from_name(const char *name, smp_look *look);

/* A renderer reads the photo, keeps a pyramid of halved copies of it (made
 * the first time a scaled view needs them) so a view of any part at any
 * scale is quick, and reuses its scratch memory from render to render. */
typedef struct smp_renderer smp_renderer;

/* Makes a renderer for the photo, which it borrows: the photo must stay
 * unchanged and alive until smp_renderer_destroy. On success *out owns the
 * renderer. Errors: SMP_ERR_INVALID_ARGUMENT, SMP_ERR_OUT_OF_MEMORY. */
smp_status smp_renderer_create(const smp_image *photo, smp_renderer **out);
void smp_renderer_destroy(smp_renderer *renderer); /* NULL is a no-op */

/* What part of the photo to render, and how big: the rectangle (in photo
 * pixels, fractional allowed) is scaled to fill out_width x out_height. A
 * view whose rectangle and out_width are zero (or NULL) means the whole photo
 * at its own size. */
typedef struct smp_view {
    double x, y, width, height;
    int out_width, out_height;
    int bgra; /* 1: the output's pixels in the order B, G, R, A (the one GPUs
                 take fastest), not the R, G, B, A of an smp_image */
} smp_view;

/* Called now and then with the fraction done (0-1); return nonzero to cancel
 * (the render then fails with SMP_ERR_INVALID_ARGUMENT, "cancelled"). */
typedef int (*smp_progress_fn)(void *user, double done);

/* Renders the view of the photo with the design's dots (design may be NULL:
 * the photo alone) into *out, which must be view->out_width x
 * out_height (whole-photo views: the photo's size). Pixels no dot touches
 * are the photo's own: at 1:1, bit-identical to it. Compositing is in
 * linear light; each dot darkens the skin multiplicatively through the ink
 * colour, with its exact area at any scale. The result is the same bytes
 * for any number of threads. progress may be NULL.
 * Errors: SMP_ERR_INVALID_ARGUMENT (sizes, look out of range, cancelled),
 * SMP_ERR_MISMATCH (the design was made for another photo size),
 * SMP_ERR_OUT_OF_MEMORY. Not thread-safe on the same renderer (it reuses
 * its scratch memory); uses all OpenMP threads. */
smp_status smp_render(smp_renderer *renderer, const smp_design *design, const smp_look *look,
                      const smp_view *view, smp_image *out, smp_progress_fn progress, void *user);

/* As smp_render, from a dot list the caller made (dots in millimetres of the
 * photo, px_per_mm its scale): the studio keeps the list while only the view
 * changes. */
smp_status smp_render_dots(smp_renderer *renderer, const smp_dot_list *dots, double px_per_mm,
                           const smp_look *look, const smp_view *view, smp_image *out,
                           smp_progress_fn progress, void *user);

/* What matching the stubble found (see smp_match_stubble). */
typedef struct smp_stubble_match {
    double stubble_ratio;  /* mean luminance of the stubble over the bare scalp's */
    double treated_ratio;  /* the rendered treated area's over the bare scalp's, after matching */
    double density;        /* the style's density and shade that achieve it */
    double shade;
} smp_stubble_match;

/* Measures how much darker the existing stubble (the design's blend zone) is
 * than the bare scalp (the treatment area) on the photo, and finds the
 * density and shade that make the treated area read as dark at arm's length,
 * by rendering the design and measuring it. *style is updated with them.
 * Both are measured in narrow bands along their shared border, so they are
 * lit alike. SMP_ERR_INVALID_ARGUMENT when the design has no blend zone or
 * either band is too small to measure (under 0.5 cm2). */
smp_status smp_match_stubble(smp_renderer *renderer, smp_design *design, const smp_look *look, smp_style *style,
                             smp_stubble_match *out);

#ifdef __cplusplus
}
#endif
#endif
