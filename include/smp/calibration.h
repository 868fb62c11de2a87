/* smp/calibration.h: the photo's scale, in pixels per millimetre. */
#ifndef SMP_CALIBRATION_H
#define SMP_CALIBRATION_H

#include "smp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where a scale came from, in order of precedence. */
typedef enum smp_scale_source {
    SMP_SCALE_DEFAULT = 0, /* nothing given: assumed from the photo's size */
    SMP_SCALE_EXPLICIT,    /* px_per_mm given */
    SMP_SCALE_PUPILS,      /* two pupil centres, ipd_mm apart */
    SMP_SCALE_RULER        /* two points, ruler_mm apart */
} smp_scale_source;

/* "default", "px-per-mm", "pupils" or "ruler". Static string. */
const char *smp_scale_source_name(smp_scale_source source);

/* What the user measured. Zero means "not given" for px_per_mm and the point
 * pairs (set has_pupils / has_ruler), and "default" for ipd_mm.
 * Points are in pixels of the upright photo, origin top-left. */
typedef struct smp_calibration_settings {
    double px_per_mm;   /* > 0: use it as it is */
    int has_pupils;
    double pupils[4];   /* x1, y1, x2, y2 */
    double ipd_mm;      /* distance between the pupils; default 63 */
    int has_ruler;
    double ruler[4];    /* x1, y1, x2, y2 */
    double ruler_mm;    /* the known distance between the two ruler points */
} smp_calibration_settings;

typedef struct smp_calibration {
    double px_per_mm;
    smp_scale_source source;
} smp_calibration;

/* Accepted ranges; values outside them are refused, never clamped. */
#define SMP_PX_PER_MM_MIN 0.2
#define SMP_PX_PER_MM_MAX 2000.0
#define SMP_IPD_MM_MIN 40.0
#define SMP_IPD_MM_MAX 90.0
#define SMP_DEFAULT_IPD_MM 63.0
#define SMP_RULER_MM_MIN 1.0
#define SMP_RULER_MM_MAX 2000.0
#define SMP_CALIBRATION_MIN_PX 10.0 /* two points closer than this are too close to measure */
/* With nothing given, the photo's shorter side is assumed to span this many
 * millimetres: a head with a margin, as in a typical consultation photo. */
#define SMP_DEFAULT_FRAME_MM 300.0

/* Works out the scale of a width x height photo from settings, taking the
 * first given of px_per_mm, pupils, ruler, and otherwise the default frame.
 * settings may be NULL (default). Fails with SMP_ERR_INVALID_ARGUMENT, leaving
 * *out untouched, when a value is outside its range, a point lies outside the
 * photo, two points are closer than SMP_CALIBRATION_MIN_PX, or the result is
 * outside [SMP_PX_PER_MM_MIN, SMP_PX_PER_MM_MAX]; smp_last_error() names the
 * measurement ("pupils", "ruler", "px-per-mm", "ipd-mm"). Thread-safe. */
smp_status smp_calibrate(const smp_calibration_settings *settings, int width, int height,
                         smp_calibration *out);

#ifdef __cplusplus
}
#endif
#endif
