/* smp/sheet.h: mockup sheets: images in a labelled grid with an optional caption. */
#ifndef SMP_SHEET_H
#define SMP_SHEET_H

#include "smp/image.h"
#include "smp/status.h"
#include "smp/text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct smp_sheet_cell {
    const smp_image *image;
    const char *label; /* drawn above the image; NULL: none */
} smp_sheet_cell;

/* Zero in any field means its default. */
typedef struct smp_sheet_settings {
    int columns;         /* cells a row; default all in one row */
    int cell_width;      /* pixels; default the first image's width (full resolution) */
    const char *caption; /* a line under the grid (clinic, date, parameters); NULL: none */
} smp_sheet_settings;

/* Composes the cells into one image on a light background: each image scaled
 * (gamma-correct) to the cell width, its label above it, the caption below.
 * On success *out owns the sheet. Errors: SMP_ERR_INVALID_ARGUMENT (no cells,
 * an empty image, a sheet over SMP_IMAGE_MAX_SIDE), SMP_ERR_OUT_OF_MEMORY.
 * Thread-safe. */
smp_status smp_sheet_compose(const smp_sheet_cell *cells, int count, const smp_font *font,
                             const smp_sheet_settings *settings, smp_image **out);

#ifdef __cplusplus
}
#endif
#endif
