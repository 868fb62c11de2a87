/* smp/project.h: the consultation file: the photo, the drawn design, the scale and the variants, as JSON. */
#ifndef SMP_PROJECT_H
#define SMP_PROJECT_H

#include "smp/calibration.h"
#include "smp/design.h"
#include "smp/image.h"
#include "smp/mask.h"
#include "smp/shape.h"
#include "smp/status.h"
#include "smp/style.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SMP_PROJECT_FORMAT "smp-consultation"
/* The newest version this build reads; it reads 1 and 2. A file is written
 * as version 2 only when some layer has strokes: older builds ignore fields
 * they do not know, so they would drop the strokes silently, and version 2
 * makes them refuse the file ("newer than this program reads") instead.
 * Files without strokes are written as version 1 and load in every build. */
#define SMP_PROJECT_VERSION 2
#define SMP_PROJECT_MAX_VARIANTS 8
#define SMP_PROJECT_NAME_MAX 64
#define SMP_PROJECT_TEXT_MAX 4096 /* client reference and notes, bytes */
#define SMP_PROJECT_MAX_BYTES (16u << 20)
#define SMP_PROJECT_MAX_STROKES 1000000 /* a layer's */

/* One layer of the design (treatment area, blend zone, scars): a mask
 * painted elsewhere, a drawn outline, brush and eraser strokes, or any of
 * them together. Its coverage is made in this order: the mask file (or
 * nothing painted), then the outline filled over it (the mask's paint and
 * the outline's, whichever is more), then the strokes painted in order
 * (smp_mask_paint_strokes), so an eraser stroke takes away the file's paint
 * and the outline's alike. */
typedef struct smp_project_layer {
    smp_point *outline;  /* closed curve through these points, photo pixels; NULL: none */
    int outline_count;
    char *mask;          /* a mask file, relative to the consultation file's folder; NULL: none */
    smp_stroke *strokes; /* brush and eraser strokes in the order painted; NULL: none */
    int stroke_count;    /* 0 to SMP_PROJECT_MAX_STROKES */
} smp_project_layer;

typedef struct smp_project_variant {
    char name[SMP_PROJECT_NAME_MAX]; /* "soft", "sharp", ... */
    smp_style style;                 /* resolved: every value written out, so defaults changing later
                                        cannot change the dots */
} smp_project_variant;

/* A consultation. Strings, outlines and strokes belong to it; smp_project_destroy frees them. */
typedef struct smp_project {
    char *photo;                     /* relative to the consultation file's folder */
    smp_calibration_settings calibration;
    smp_project_layer treatment, blend, scar;
    int variant_count;               /* 1 to SMP_PROJECT_MAX_VARIANTS */
    smp_project_variant variants[SMP_PROJECT_MAX_VARIANTS];
    char *client;                    /* the clinic's reference; may be NULL */
    char *notes;                     /* may be NULL */
} smp_project;

/* Reads a consultation file (version 1 or 2). Every value is checked: a
 * message names the file and the field ("c.json: variants[1].style.density:
 * 500 is outside 10-300 dots/cm2"). A layer object ("treatment", "blend",
 * "scar") may hold "mask" (a file name), "outline" ([[x, y], ...], 3 to
 * SMP_CURVE_MAX_POINTS) and "strokes" ([[x0, y0, x1, y1, radius, value],
 * ...], up to SMP_PROJECT_MAX_STROKES, in the order painted: coordinates
 * within +-SMP_STROKE_MAX_COORDINATE, radius above 0 and at most
 * SMP_STROKE_MAX_RADIUS, value 0-1; "c.json: treatment.strokes[3]: radius -2
 * is outside ..."); the treatment layer needs at least one of the three.
 * Fields this build does not know are ignored. On success *out owns a new
 * project. Errors:
 * SMP_ERR_READ, SMP_ERR_FORMAT (not JSON, not a consultation, a field of
 * the wrong type or out of range, a version newer than this program reads),
 * SMP_ERR_TOO_LARGE (over SMP_PROJECT_MAX_BYTES), SMP_ERR_OUT_OF_MEMORY.
 * Thread-safe. */
smp_status smp_project_load(const char *path, smp_project **out);

/* As smp_project_load, from size bytes at data (not kept); name is for
 * messages (NULL: "memory"). */
smp_status smp_project_load_memory(const void *data, size_t size, const char *name, smp_project **out);

/* Writes the project to path atomically (a failure leaves any old file as
 * it was), as version 2 when some layer has strokes, else as version 1
 * (see SMP_PROJECT_VERSION). Styles are written resolved; outline points and
 * strokes are written with the digits that read back to the very same
 * doubles and floats, so the loaded layers paint the same coverage.
 * SMP_ERR_INVALID_ARGUMENT for a project that would not load back (no photo,
 * no variant, no treatment mask, outline or strokes, a style out of range,
 * text over SMP_PROJECT_TEXT_MAX, an outline of fewer than 3 or more than
 * SMP_CURVE_MAX_POINTS points, a stroke out of range or more than
 * SMP_PROJECT_MAX_STROKES in a layer; the message names the field),
 * SMP_ERR_TOO_LARGE (the text would be over SMP_PROJECT_MAX_BYTES),
 * SMP_ERR_OUT_OF_MEMORY, SMP_ERR_WRITE. Thread-safe. */
smp_status smp_project_save(const smp_project *project, const char *path);

void smp_project_destroy(smp_project *project); /* NULL is a no-op */

/* A path the project names (photo or mask), resolved against the folder of
 * the consultation file at project_path: absolute paths stay as they are.
 * Writes at most size bytes to out; SMP_ERR_INVALID_ARGUMENT when it does
 * not fit. */
smp_status smp_project_path(const char *project_path, const char *relative, char *out, size_t size);

/* The mask of one layer for a photo_width x photo_height photo: its mask
 * file (loaded as smp_mask_load does; none: an empty mask), then its outline
 * filled over it (smp_mask_fill_curve, the more paint wins), then its
 * strokes painted in order (smp_mask_paint_strokes), an eraser stroke
 * clearing the file's paint and the outline's alike. A layer with no mask,
 * no outline and no strokes gives *out = NULL and SMP_OK. Errors as
 * smp_mask_load, smp_mask_fill_curve and smp_mask_paint_strokes. */
smp_status smp_project_layer_mask(const smp_project_layer *layer, const char *project_path, int photo_width,
                                  int photo_height, int cell, smp_mask **out);

/* What smp_project_layer_mask does after reading the mask file: the layer's
 * outline filled over mask (which holds the file's paint, or none), then its
 * strokes painted in order. For a layer whose paint is already in memory
 * (smp-studio's); the layer's mask file is not read. Errors as
 * smp_mask_fill_curve and smp_mask_paint_strokes. */
smp_status smp_project_layer_draw(const smp_project_layer *layer, smp_mask *mask);

/* The index of the variant named name (NULL: the first), or -1 when the
 * project has none by that name. */
int smp_project_find_variant(const smp_project *project, const char *name);

/* The design of the consultation's layers for its photo (of the size info
 * gives) at its calibration, with the style of variants[variant]. On success
 * *out owns a new design. Errors as smp_project_open's. */
smp_status smp_project_design(const smp_project *project, const char *project_path, int variant,
                              const smp_image_info *info, smp_design **out);

/* What the consultation at project_path describes, ready to show: its
 * photo (upright, *photo and *info) and the design of its layers at its
 * calibration with the style of variants[variant]. On success the caller
 * owns both; on failure neither is set. Errors as smp_image_load,
 * smp_calibrate, smp_project_layer_mask and smp_design_create. */
smp_status smp_project_open(const smp_project *project, const char *project_path, int variant, smp_image **photo,
                            smp_image_info *info, smp_design **design);

#ifdef __cplusplus
}
#endif
#endif
