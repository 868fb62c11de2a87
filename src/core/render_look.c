/* render_look.c: how a dot looks at an age: size, softness, opacity and ink colour, from the domain facts. */
#include <math.h>
#include <string.h>

#include "render_internal.h"

const smp_age_name smp_age_names[7] = {
    {"fresh", 1, 0.0}, {"healed", 0, 0.0}, {"6m", 0, 0.5}, {"1y", 0, 1.0},
    {"2y", 0, 2.0},    {"5y", 0, 5.0},     {"8y", 0, 8.0},
};

int smp_age_from_name(const char *name, smp_look *look) {
    for (size_t i = 0; i < sizeof smp_age_names / sizeof smp_age_names[0]; i++)
        if (name && strcmp(name, smp_age_names[i].name) == 0) {
            look->fresh = smp_age_names[i].fresh;
            look->years = smp_age_names[i].years;
            return 1;
        }
    return 0;
}

/* sRGB colours a solid dot shows on white. */
static const float ink_presets[3][3] = {
    {0.16f, 0.17f, 0.20f}, /* neutral: carbon black under skin, slightly cool */
    {0.12f, 0.15f, 0.22f}, /* cool */
    {0.22f, 0.18f, 0.15f}, /* warm */
};
/* Where wrong pigment drifts over the years: blue-green, and lighter. */
static const float drifted_ink[3] = {0.40f, 0.58f, 0.60f};

smp_status smp_look_check(const smp_look *look) {
    if (!isfinite(look->years) || look->years < 0 || look->years > SMP_YEARS_MAX)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "years: %g is outside 0-%g", look->years, SMP_YEARS_MAX);
    if (look->sessions < 0 || look->sessions > SMP_MAX_SESSIONS)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "sessions: %d is outside 1-%d", look->sessions, SMP_MAX_SESSIONS);
    if (look->ink < SMP_INK_NEUTRAL || look->ink > SMP_INK_CUSTOM)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "ink: %d is not an ink", (int)look->ink);
    for (int c = 0; c < 3 && look->ink == SMP_INK_CUSTOM; c++)
        if (!(look->ink_rgb[c] >= 0.0f && look->ink_rgb[c] <= 1.0f))
            return smp_fail(SMP_ERR_INVALID_ARGUMENT, "ink: colour component %g is outside 0-1", look->ink_rgb[c]);
    return SMP_OK;
}

/* The style's shade is the healed look. Fresh, the first session's dots are
 * about twice as dark (they fade most on healing, up to about half); later
 * sessions fade less, landing on pigment that has settled. */
static float healed_fade(int session) { return session <= 1 ? 0.55f : session == 2 ? 0.8f : 0.9f; }

smp_age_state smp_age_of(const smp_look *look, int session, int last_session) {
    int fresh = look->fresh && session == last_session; /* earlier sessions have healed by then */
    double y = fresh ? 0.0 : look->years;
    smp_age_state a;
    if (fresh) { /* scabs on the surface: larger and darker, with little scatter yet */
        a.size = 1.4f, a.mass = 1.3f * 1.4f * 1.4f / healed_fade(session), a.softness_mm = 0.015f;
        a.halo = 5.0f, a.halo_sigma_mm = 0.22f;
    } else {
        /* Dots soften over 3-6 months and spread slightly over 6-12, then fade
         * slowly (touch-ups after 2-5 years). The ink's mass (darkness times
         * area) only ever falls, so each age is lighter than the one before. */
        double spread = 1.0 + 0.06 * (1.0 - exp(-y / 0.75)) + 0.01 * y;
        a.size = (float)spread;
        a.mass = (float)exp(-y / 10.0);
        a.softness_mm = (float)(0.012 + 0.02 * (1.0 - exp(-y / 0.4)) + 0.003 * y);
        a.halo = 7.0f;
        a.halo_sigma_mm = (float)(0.30 + 0.04 * (1.0 - exp(-y / 0.75)) + 0.005 * y);
    }
    if (look->ink_drift && !fresh) { /* migration: blurred, spread, lighter */
        double t = fmin(y / 8.0, 1.0);
        a.size *= (float)(1.0 + 0.6 * t);
        a.mass *= (float)(1.0 - 0.3 * t);
        a.softness_mm += (float)(0.08 * t);
        a.halo_sigma_mm += (float)(0.25 * t);
    }
    float colour[3];
    const float *base = look->ink == SMP_INK_CUSTOM ? look->ink_rgb : ink_presets[look->ink];
    for (int c = 0; c < 3; c++) {
        colour[c] = base[c];
        if (look->ink_drift && !fresh) colour[c] += (drifted_ink[c] - base[c]) * (float)fmin(y / 8.0, 1.0);
        a.ink[c] = smp_srgb_to_linear((uint8_t)(colour[c] * 255.0f + 0.5f));
    }
    return a;
}
