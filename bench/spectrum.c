/* spectrum.c: radially averaged power spectrum and anisotropy of point sets. */
#include "spectrum.h"

#include <math.h>
#include <stdlib.h>

#define PI 3.14159265358979323846

spectrum *spectrum_create(int rings, double side) {
    spectrum *s = calloc(1, sizeof *s);
    size_t width = 2 * (size_t)rings + 1;
    if (s) s->grid = calloc(width * width, sizeof *s->grid);
    if (!s || !s->grid) {
        spectrum_destroy(s);
        return NULL;
    }
    s->rings = rings, s->side = side;
    return s;
}

void spectrum_destroy(spectrum *s) {
    if (!s) return;
    free(s->grid), free(s);
}

void spectrum_add(spectrum *s, const float *xy, size_t n) {
    int half = s->rings, width = 2 * half + 1;
#pragma omp parallel for schedule(dynamic, 1)
    for (int v = -half; v <= half; v++)
        for (int u = -half; u <= half; u++) {
            if (u * u + v * v >= half * half) continue;
            double re = 0.0, im = 0.0;
            for (size_t i = 0; i < n; i++) {
                double phase = -2.0 * PI * ((double)u * xy[2 * i] + (double)v * xy[2 * i + 1]) / s->side;
                re += cos(phase), im += sin(phase);
            }
            s->grid[(v + half) * width + (u + half)] += (re * re + im * im) / (double)n;
        }
    s->windows++;
    s->points += (double)n;
}

double spectrum_frequency(const spectrum *s, int ring) {
    double density = s->points / s->windows / (s->side * s->side);
    return ring / s->side * sqrt(2.0 / (sqrt(3.0) * density));
}

/* Mean and variance of the averaged periodogram over the frequencies of a ring. */
static void ring_stats(const spectrum *s, int ring, double *mean, double *variance) {
    int half = s->rings, width = 2 * half + 1, n = 0;
    double sum = 0.0, sum2 = 0.0;
    for (int v = -half; v <= half; v++)
        for (int u = -half; u <= half; u++) {
            if ((int)floor(sqrt((double)(u * u + v * v))) != ring) continue;
            double p = s->grid[(v + half) * width + (u + half)] / s->windows;
            sum += p, sum2 += p * p, n++;
        }
    *mean = sum / n;
    *variance = sum2 / n - *mean * *mean;
}

double spectrum_power(const spectrum *s, int ring) {
    double mean, variance;
    ring_stats(s, ring, &mean, &variance);
    return mean;
}

double spectrum_anisotropy_db(const spectrum *s, int ring) {
    double mean, variance;
    ring_stats(s, ring, &mean, &variance);
    return 10.0 * log10(fmax(variance, 1e-12) / (mean * mean));
}
