/* render_internal.h: what the renderer's source files share. */
#ifndef SMP_RENDER_INTERNAL_H
#define SMP_RENDER_INTERNAL_H

#include "internal.h"
#include "smp/render.h"
#include "vec4.h"

/* A dot's look at an age, relative to its healed self. Seen through skin, a
 * dot is a dark core (the pigment deposit) and a soft halo around it: light
 * that enters the skin nearby scatters through the pigment before it leaves,
 * so the ink darkens about a millimetre around each dot, faintly. */
typedef struct smp_age_state {
    float size;        /* core diameter factor */
    float mass;        /* the core's darkness times its area, relative to the healed core's */
    float softness_mm; /* width of the core's soft edge */
    float halo;        /* the halo's ink over the core's */
    float halo_sigma_mm; /* the halo's spread (Gaussian sigma) */
    float ink[3];      /* linear-light transmission of a solid dot, per channel */
} smp_age_state;

smp_status smp_look_check(const smp_look *look);

enum {
    HALO_LUT = 2048,   /* steps of the halo's exp(-ink) table */
    COVER_STEPS = 1024 /* steps of the cores' coverage table, the nearest taken */
};

/* sRGB's curve, over its power segment, is code = 269.025 l^(1/2.4) -
 * 14.025 for linear light l. So a pixel darkened in linear light by a
 * transmission t is (code + 14.025) t^(1/2.4) - 14.025: one multiply-add a
 * channel, no table, given the transmission as g = t^(1/2.4), which is what
 * the halo's and the cores' tables hold. Where t is 1 the code comes back
 * exactly. It is exact (to rounding) for every result above code 10; in the
 * curve's linear toe, near black, it is at most 3 codes darker. */
#define SRGB_OFFSET 14.025f
#define SRGB_ROOT (1.0f / 2.4f)

/* What a composite row darkens its pixels by: the halo's and the cores'
 * tables of g per channel (see SRGB_OFFSET), and the output's red byte. */
typedef struct smp_row_tables {
    const f4 *halo;   /* HALO_LUT + 1 steps of exp(-ink * absorb)^(1/2.4) */
    float halo_scale; /* its steps per unit of ink */
    const f4 *cover;  /* COVER_STEPS + 1 steps of (1 - cover * absorb)^(1/2.4) */
    int red;          /* 0, or 2 for B, G, R, A */
} smp_row_tables;

/* The row loops a renderer runs: "avx512", "avx2" (see render_rows.h) or
 * "portable". The widest the CPU has, at most those the environment
 * variable SMP_CPU names when the renderer is made ("avx2" or "portable";
 * anything else, or unset, allows all), so the suite can run each path the
 * CPU has; "portable" when built without SMP_CPU_CLONES. */
const char *smp_renderer_row_loops(const smp_renderer *r);

/* The look of a dot of `session` when `last_session` is the last one shown. */
smp_age_state smp_age_of(const smp_look *look, int session, int last_session);

#endif
