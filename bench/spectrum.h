/* spectrum.h: spectral measures of point sets for the placement benchmark (Heck, Schloemer, Deussen 2013). */
#ifndef SMP_BENCH_SPECTRUM_H
#define SMP_BENCH_SPECTRUM_H

#include <stddef.h>

/* The periodogram of square windows, averaged over the windows added. */
typedef struct spectrum {
    int rings;      /* integer frequency radii 1 .. rings - 1, in cycles per window side */
    int windows;    /* periodograms added */
    double points;  /* points over all windows */
    double side;    /* window side */
    double *grid;   /* (2 rings + 1)^2 frequencies: the sum of the periodograms */
} spectrum;

spectrum *spectrum_create(int rings, double side);
void spectrum_destroy(spectrum *s);

/* Adds the periodogram |sum exp(-2 pi i f.x)|^2 / n of n points (x, y pairs,
 * relative to the window's corner). */
void spectrum_add(spectrum *s, const float *xy, size_t n);

/* Ring r's frequency over the hexagonal frequency 1/d_max, its radially
 * averaged power (1 = white noise) and its anisotropy in dB: the variance
 * of the averaged periodogram across the ring over its mean squared, which
 * for isotropic points is about -10 log10(windows). */
double spectrum_frequency(const spectrum *s, int ring);
double spectrum_power(const spectrum *s, int ring);
double spectrum_anisotropy_db(const spectrum *s, int ring);

#endif
