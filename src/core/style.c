/* style.c: filling in a style's defaults and checking its ranges, in one place. */
#include <math.h>

#include "internal.h"
#include "smp/style.h"

/* Session 1 places a sparse, light first layer; later sessions fill the gaps, darker. */
static const double default_share[SMP_MAX_SESSIONS][SMP_MAX_SESSIONS] = {
    {1.0}, {0.55, 0.45}, {0.40, 0.35, 0.25}, {0.32, 0.28, 0.22, 0.18}};
static const double default_shade[SMP_MAX_SESSIONS][SMP_MAX_SESSIONS] = {
    {1.0}, {0.75, 1.0}, {0.70, 0.85, 1.0}, {0.65, 0.80, 0.90, 1.0}};

/* value, or its default when zero, or 0 for SMP_OFF where allowed; checked against [lo, hi]. */
static smp_status pick(double value, double fallback, int may_be_off, double lo, double hi, const char *name,
                       const char *unit, double *out) {
    if (may_be_off && value == SMP_OFF) {
        *out = 0.0;
        return SMP_OK;
    }
    double v = value == 0.0 ? fallback : value;
    if (!isfinite(v) || v < lo || v > hi)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: %g is outside %g-%g%s", name, value, lo, hi, unit);
    *out = v;
    return SMP_OK;
}

static smp_status resolve_sessions(const smp_style *in, smp_style *r) {
    int n = in->sessions ? in->sessions : 3;
    if (n < 1 || n > SMP_MAX_SESSIONS)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "sessions: %d is outside 1-%d", in->sessions, SMP_MAX_SESSIONS);
    r->sessions = n;
    double total = 0.0;
    for (int s = 0; s < SMP_MAX_SESSIONS; s++) {
        double share = 0.0, shade = 0.0;
        if (s < n) {
            smp_status status = pick(in->session_share[s], default_share[n - 1][s], 0, 0.01, 1.0, "session-share", "", &share);
            if (status == SMP_OK)
                status = pick(in->session_shade[s], default_shade[n - 1][s], 0, 0.05, 1.0, "session-shade", "", &shade);
            if (status != SMP_OK) return status;
        }
        r->session_share[s] = share;
        r->session_shade[s] = shade;
        total += share;
    }
    for (int s = 0; s < n; s++) r->session_share[s] /= total;
    return SMP_OK;
}

smp_status smp_style_resolve(const smp_style *style, smp_style *out) {
    smp_style zero = {0};
    const smp_style *in = style ? style : &zero;
    if (!out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_style_resolve: NULL result");
    if (in->hairline != SMP_HAIRLINE_SOFT && in->hairline != SMP_HAIRLINE_SHARP)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "hairline: %d is neither soft nor sharp", (int)in->hairline);
    int soft = in->hairline == SMP_HAIRLINE_SOFT;
    smp_style r = {.hairline = in->hairline, .seed = in->seed};
    smp_status status = SMP_OK;
    if (status == SMP_OK)
        status = pick(in->density, 120, 0, SMP_DENSITY_MIN, SMP_DENSITY_MAX, "density", " dots/cm2", &r.density);
    if (status == SMP_OK)
        status = pick(in->dot_size, 0.18, 0, SMP_DOT_SIZE_MIN, SMP_DOT_SIZE_MAX, "dot-size", " mm", &r.dot_size);
    if (status == SMP_OK)
        status = pick(in->size_variation, 0.15, 1, 0.0, 0.5, "size-variation", "", &r.size_variation);
    if (status == SMP_OK) status = pick(in->shade, 0.8, 0, 0.05, 1.0, "shade", "", &r.shade);
    if (status == SMP_OK)
        status = pick(in->shade_variation, 0.15, 1, 0.0, 0.5, "shade-variation", "", &r.shade_variation);
    if (status == SMP_OK)
        status = pick(in->feather_mm, soft ? 6.0 : 0.4, 0, SMP_FEATHER_MIN, SMP_FEATHER_MAX, "feather", " mm",
                      &r.feather_mm);
    if (status == SMP_OK)
        status = pick(in->irregularity, soft ? 0.5 : 0.15, 1, 0.0, 1.0, "irregularity", "", &r.irregularity);
    if (status == SMP_OK && (!isfinite(in->hairline_offset_mm) || fabs(in->hairline_offset_mm) > SMP_OFFSET_MAX))
        status = smp_fail(SMP_ERR_INVALID_ARGUMENT, "hairline-offset: %g is outside -%g-%g mm", in->hairline_offset_mm,
                          SMP_OFFSET_MAX, SMP_OFFSET_MAX);
    r.hairline_offset_mm = in->hairline_offset_mm;
    if (status == SMP_OK)
        status = pick(in->blend_density, 0.6, 0, 0.05, 1.0, "blend-density", "", &r.blend_density);
    if (status == SMP_OK) status = pick(in->blend_shade, 0.8, 0, 0.05, 1.0, "blend-shade", "", &r.blend_shade);
    if (status == SMP_OK) status = resolve_sessions(in, &r);
    if (status != SMP_OK) return status;
    *out = r;
    return SMP_OK;
}
