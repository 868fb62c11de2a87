/* panel.h: the style panel, every style and look control of the engine in one
 * column: drawn on the CPU into an image (the caller uploads it), hit-tested
 * and mapped to values. Pixels are the panel's own (origin top-left); scale is
 * HiDPI pixels a point, and every size scales with it. */
#ifndef SMP_STUDIO_PANEL_H
#define SMP_STUDIO_PANEL_H

#include "smp/smp.h"

/* What an input did, as studio_panel_set and studio_panel_step return it. */
enum {
    STUDIO_PANEL_UNCHANGED = 0,
    STUDIO_PANEL_CHANGED,       /* the style or look was changed: resolve and show it */
    STUDIO_PANEL_MATCH_STUBBLE  /* the Match stubble button: the caller runs smp_match_stubble */
};

/* The number of rows; rows are 0 to studio_panel_rows() - 1, top to bottom. */
int studio_panel_rows(void);

/* The panel's size in pixels. */
int studio_panel_width(double scale);
int studio_panel_height(double scale);

/* Draws the panel for a resolved style (smp_style_resolve's output: a 0 in a
 * strength that may be off shows as "none") and a look, with row active (the
 * one the pointer or keyboard holds; -1: none) highlighted. Returns a new
 * studio_panel_width x studio_panel_height RGBA image with straight alpha
 * (the caller frees it with smp_image_destroy), or NULL when out of memory. */
smp_image *studio_panel_draw(const smp_font *font, double scale, const smp_style *style, const smp_look *look,
                             int active);

/* The row under a point in panel pixels, or -1 (outside the panel, or in its margins). */
int studio_panel_row_at(double scale, double x, double y);

/* A press (press 1) or a drag after it (press 0) at panel x on row: a slider
 * takes the value under x along its track (clamped to the ends, rounded to its
 * step; 0 on a strength that may be off is written as SMP_OFF), a choice row
 * takes the choice under x (a new hairline resets feather and irregularity to
 * 0, that hairline's defaults), the seed row goes to the next seed and the
 * button reports itself (these two on a press only). style must be resolved
 * (as after smp_style_resolve); resolve it again before using it. */
int studio_panel_set(int row, double scale, double x, int press, smp_style *style, smp_look *look);

/* The keyboard: one step left (direction -1) or right (+1) on row: a slider
 * by its step, stopping at its ends; a choice to the one beside it; the seed
 * to the one before or after; either direction presses the button. The same
 * returns as studio_panel_set. */
int studio_panel_step(int row, int direction, smp_style *style, smp_look *look);

#endif
