/* calibration.c: the photo's scale from an explicit value, the pupils or a ruler. */
#include <math.h>

#include "internal.h"
#include "smp/calibration.h"

const char *smp_scale_source_name(smp_scale_source source) {
    switch (source) {
    case SMP_SCALE_EXPLICIT: return "px-per-mm";
    case SMP_SCALE_PUPILS: return "pupils";
    case SMP_SCALE_RULER: return "ruler";
    default: return "default";
    }
}

static int in_range(double v, double lo, double hi) { return isfinite(v) && v >= lo && v <= hi; }

/* The pixel distance between two points that must lie in the photo. */
static smp_status measure(const double p[4], const char *what, int width, int height, double *out) {
    for (int i = 0; i < 4; i += 2)
        if (!in_range(p[i], 0.0, width) || !in_range(p[i + 1], 0.0, height))
            return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: point (%g,%g) lies outside the %dx%d photo", what,
                            p[i], p[i + 1], width, height);
    double d = hypot(p[2] - p[0], p[3] - p[1]);
    if (d < SMP_CALIBRATION_MIN_PX)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: the two points are %.1f px apart; at least %g px are needed",
                        what, d, SMP_CALIBRATION_MIN_PX);
    *out = d;
    return SMP_OK;
}

static smp_status scale_from_points(const double p[4], double mm, const char *what, const char *mm_name,
                                    double mm_min, double mm_max, int width, int height, double *out) {
    if (!in_range(mm, mm_min, mm_max))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: %g mm is outside %g-%g mm", mm_name, mm, mm_min, mm_max);
    double px = 0.0;
    smp_status status = measure(p, what, width, height, &px);
    if (status != SMP_OK) return status;
    *out = px / mm;
    return SMP_OK;
}

smp_status smp_calibrate(const smp_calibration_settings *settings, int width, int height, smp_calibration *out) {
    if (!out || width < 1 || height < 1)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_calibrate: NULL result or a photo size below 1x1");
    smp_calibration_settings none = {0};
    const smp_calibration_settings *s = settings ? settings : &none;
    smp_calibration result = {0};
    smp_status status = SMP_OK;
    if (s->px_per_mm != 0.0) {
        result = (smp_calibration){s->px_per_mm, SMP_SCALE_EXPLICIT};
    } else if (s->has_pupils) {
        double ipd = s->ipd_mm != 0.0 ? s->ipd_mm : SMP_DEFAULT_IPD_MM;
        result.source = SMP_SCALE_PUPILS;
        status = scale_from_points(s->pupils, ipd, "pupils", "ipd-mm", SMP_IPD_MM_MIN, SMP_IPD_MM_MAX, width,
                                   height, &result.px_per_mm);
    } else if (s->has_ruler) {
        result.source = SMP_SCALE_RULER;
        status = scale_from_points(s->ruler, s->ruler_mm, "ruler", "ruler", SMP_RULER_MM_MIN, SMP_RULER_MM_MAX,
                                   width, height, &result.px_per_mm);
    } else {
        result = (smp_calibration){(width < height ? width : height) / SMP_DEFAULT_FRAME_MM, SMP_SCALE_DEFAULT};
    }
    if (status != SMP_OK) return status;
    if (result.source == SMP_SCALE_DEFAULT && !in_range(result.px_per_mm, SMP_PX_PER_MM_MIN, SMP_PX_PER_MM_MAX))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT,
                        "calibration: a %dx%d photo is too small to assume a scale; give px-per-mm, pupils or ruler",
                        width, height);
    if (!in_range(result.px_per_mm, SMP_PX_PER_MM_MIN, SMP_PX_PER_MM_MAX))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: the scale %g px/mm is outside %g-%g px/mm",
                        smp_scale_source_name(result.source), result.px_per_mm, SMP_PX_PER_MM_MIN,
                        SMP_PX_PER_MM_MAX);
    *out = result;
    return SMP_OK;
}
