/* render_internal.h: what the renderer's source files share. */
#ifndef SMP_RENDER_INTERNAL_H
#define SMP_RENDER_INTERNAL_H

#include "internal.h"
#include "smp/render.h"

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

/* The look of a dot of `session` when `last_session` is the last one shown. */
smp_age_state smp_age_of(const smp_look *look, int session, int last_session);

#endif
