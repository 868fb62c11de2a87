/* smp/style.h: the look of a design: density, dot size, shade, hairline, sessions. */
#ifndef SMP_STYLE_H
#define SMP_STYLE_H

#include <stdint.h>

#include "smp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum smp_hairline {
    SMP_HAIRLINE_SOFT = 0, /* feathered: sparse, small, light dots building up over ~6 mm */
    SMP_HAIRLINE_SHARP     /* a crisp edge, like a fresh line-up */
} smp_hairline;

#define SMP_MAX_SESSIONS 4

/* Every field: zero means its default (filled in by smp_style_resolve).
 * Strengths that may be switched off take SMP_OFF for "none". */
typedef struct smp_style {
    double density;        /* dots per cm2 after all sessions: 10-300, default 120 */
    double dot_size;       /* healed dot diameter in mm: 0.05-0.40, default 0.18 */
    double size_variation; /* relative spread of dot diameters: 0-0.5, default 0.15 */
    double shade;          /* pigment strength: 0.05-1, default 0.8 */
    double shade_variation;/* spread of shade across the layered greys: 0-0.5, default 0.15 */
    smp_hairline hairline; /* default soft */
    double feather_mm;     /* width of the hairline transition: 0.1-20 mm; default 6 (soft), 0.4 (sharp) */
    double irregularity;   /* edge noise, 0-1 (1: about 2.5 mm large-scale, 0.8 mm small-scale);
                              default 0.5 (soft), 0.15 (sharp) */
    double hairline_offset_mm; /* moves the edge back (+, higher, more conservative) or forward (-): -30 to 30 */
    int sessions;          /* treatment sessions 1-4, default 3 */
    double session_share[SMP_MAX_SESSIONS]; /* share of the dots each session places; default by count */
    double session_shade[SMP_MAX_SESSIONS]; /* shade factor of each session's dots, 0.05-1; default rising */
    double blend_density;  /* density in the blend zone over the treatment density: 0.05-1, default 0.6 */
    double blend_shade;    /* shade in the blend zone over the treatment shade: 0.05-1, default 0.8 */
    uint64_t seed;         /* any value; 0 is a seed like any other */
} smp_style;

/* "None" for size_variation, shade_variation, irregularity. */
#define SMP_OFF (-1.0)

#define SMP_DENSITY_MIN 10.0
#define SMP_DENSITY_MAX 300.0 /* the candidate set's density: nothing is denser */
#define SMP_DOT_SIZE_MIN 0.05
#define SMP_DOT_SIZE_MAX 0.40
#define SMP_FEATHER_MIN 0.1
#define SMP_FEATHER_MAX 20.0
#define SMP_OFFSET_MAX 30.0

/* Copies style into *out with every zero replaced by its default and every
 * SMP_OFF by 0, after checking each value's range. style may be NULL (all
 * defaults). SMP_ERR_INVALID_ARGUMENT names the field as the command line
 * spells it ("density: 500 is outside 10-300 dots/cm2") and leaves *out
 * untouched. Shares are normalised to sum to 1 over the sessions used.
 * Thread-safe. */
smp_status smp_style_resolve(const smp_style *style, smp_style *out);

#ifdef __cplusplus
}
#endif
#endif
