/* render_match.c: shade and density that make the treated scalp read as dark as the client's stubble. */
#include <math.h>
#include <stdlib.h>

#include "design_internal.h"
#include "render_internal.h"

/* Which photo pixels stand for bare scalp and for stubble: bands on either
 * side of their shared border (bare scalp 2-14 mm outside the stubble,
 * stubble up to 8 mm inside it), away from the hairline's feather, where the
 * treatment is thinned on purpose. */
enum { PIXEL_OTHER = 0, PIXEL_BARE, PIXEL_STUBBLE };

static uint8_t *classify_cells(const smp_design *d, const float *blend_distance) {
    const smp_mask *t = d->treatment, *b = d->blend;
    size_t count = (size_t)t->width * (size_t)t->height;
    uint8_t *kind = malloc(count);
    if (!kind) return NULL;
    for (size_t i = 0; i < count; i++) {
        int painted = t->coverage[i] >= 0.99f, unpainted = t->coverage[i] < SMP_MASK_MIN_COVERAGE;
        float db = blend_distance[i], hairline, depth = smp_treated_depth(&d->style, d->distance[i], db, 0.0f, &hairline);
        int full = depth * hairline >= (float)d->style.feather_mm || hairline == 0.0f;
        if (painted && full && b->coverage[i] < SMP_MASK_MIN_COVERAGE && db <= -2.0f && db >= -14.0f)
            kind[i] = PIXEL_BARE;
        else if (unpainted && b->coverage[i] >= 0.99f && db >= 0.0f && db <= 8.0f) kind[i] = PIXEL_STUBBLE;
        else kind[i] = PIXEL_OTHER;
    }
    return kind;
}

/* Sums over an image's pixels of one kind: luminance (linear), and for the
 * shading fit, the blend distance and its products. */
typedef struct band {
    double n, l, d, dd, dl;
} band;

static band measure_band(const smp_image *im, const smp_design *d, const uint8_t *kind, const float *blend_distance,
                         int which) {
    const float *lin = smp_srgb_to_linear_table();
    const smp_mask *t = d->treatment;
    double fx = (double)d->photo_width / im->width / t->cell, fy = (double)d->photo_height / im->height / t->cell;
    band sum = {0};
    for (int y = 0; y < im->height; y++) {
        int cy = (int)((y + 0.5) * fy);
        if (cy >= t->height) continue;
        for (int x = 0; x < im->width; x++) {
            int cx = (int)((x + 0.5) * fx);
            size_t cell = (size_t)cy * (size_t)t->width + (size_t)cx;
            if (cx >= t->width || kind[cell] != which) continue;
            const uint8_t *p = im->pixels + (size_t)y * im->stride + (size_t)x * 4;
            double l = 0.2126 * lin[p[0]] + 0.7152 * lin[p[1]] + 0.0722 * lin[p[2]], db = blend_distance[cell];
            sum.n += 1, sum.l += l, sum.d += db, sum.dd += db * db, sum.dl += db * l;
        }
    }
    return sum;
}

/* The stubble's luminance over what bare scalp would show in its place: the
 * bare scalp's luminance, fitted as a straight line of the distance to the
 * border, carried on into the stubble band, so the head's shading (the sides
 * turn away from the light) does not pass for hair. */
static double stubble_ratio(const band *bare, const band *stubble) {
    double mean_d = bare->d / bare->n, mean_l = bare->l / bare->n;
    double var = bare->dd / bare->n - mean_d * mean_d, cov = bare->dl / bare->n - mean_d * mean_l;
    double slope = var > 1e-9 ? cov / var : 0.0;
    double expected = mean_l + slope * (stubble->d / stubble->n - mean_d);
    if (expected > mean_l * 1.5) expected = mean_l * 1.5; /* a fit gone wild: do not trust more than this */
    if (expected < stubble->l / stubble->n) expected = stubble->l / stubble->n;
    return stubble->l / stubble->n / expected;
}

/* One strength k sets shade first and, once the shade is full, density. */
static void apply_strength(smp_style *s, double k, double base_density) {
    s->shade = fmin(fmax(0.8 * k, 0.05), 1.0);
    s->density = fmin(fmax(base_density * fmax(1.0, 0.8 * k), SMP_DENSITY_MIN), SMP_DENSITY_MAX);
}

smp_status smp_match_stubble(smp_renderer *r, smp_design *d, const smp_look *look, smp_style *style,
                             smp_stubble_match *out) {
    if (!r || !d || !style || !out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_match_stubble: NULL argument");
    if (!d->blend) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "match-stubble: needs a blend mask over the existing stubble");
    const float *blend_distance = d->blend_distance;
    smp_status status = SMP_OK;
    uint8_t *kind = classify_cells(d, blend_distance);
    /* Half size is enough: the renderer keeps every dot's ink at any scale. */
    smp_view half = {0, 0, d->photo_width, d->photo_height, (d->photo_width + 1) / 2, (d->photo_height + 1) / 2, 0};
    smp_image *photo = smp_image_create(half.out_width, half.out_height);
    smp_image *after = smp_image_create(half.out_width, half.out_height);
    if (!kind || !photo || !after) status = smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory matching the stubble");
    if (status == SMP_OK) status = smp_render(r, NULL, look, &half, photo, NULL, NULL);
    band bare = {0}, stubble = {0};
    if (status == SMP_OK) {
        bare = measure_band(photo, d, kind, blend_distance, PIXEL_BARE);
        stubble = measure_band(photo, d, kind, blend_distance, PIXEL_STUBBLE);
        double cm2_per_pixel = 4.0 / (d->px_per_mm * d->px_per_mm) / 100.0;
        if (bare.n * cm2_per_pixel < 0.5 || stubble.n * cm2_per_pixel < 0.5 || bare.l <= 0.0)
            status = smp_fail(SMP_ERR_INVALID_ARGUMENT,
                              "match-stubble: %.2f cm2 of bare scalp and %.2f cm2 of stubble along their border; "
                              "at least 0.5 cm2 of each is needed",
                              bare.n * cm2_per_pixel, stubble.n * cm2_per_pixel);
    }
    smp_style trial = d->style, original = d->style;
    double target = status == SMP_OK ? stubble_ratio(&bare, &stubble) : 1.0;
    double lo = 1.0 / 16.0, hi = 6.0, base_density = original.density, treated = 1.0;
    for (int step = 0; step < 14 && status == SMP_OK; step++) {
        double k = sqrt(lo * hi);
        apply_strength(&trial, k, base_density);
        status = smp_design_set_style(d, &trial);
        if (status == SMP_OK) status = smp_render(r, d, look, &half, after, NULL, NULL);
        treated = status == SMP_OK ? measure_band(after, d, kind, blend_distance, PIXEL_BARE).l / bare.l : 1.0;
        if (treated > target) lo = k; else hi = k;
    }
    if (status == SMP_OK) {
        *out = (smp_stubble_match){target, treated, trial.density, trial.shade};
        style->density = trial.density;
        style->shade = trial.shade;
    } else {
        smp_design_set_style(d, &original);
    }
    free(kind);
    smp_image_destroy(photo);
    smp_image_destroy(after);
    return status;
}
