/* design.c: a design's life: masks copied in, the distance field, the style, the candidates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "design_internal.h"
#include "smp/calibration.h"

static smp_status copy_mask(const smp_mask *m, const smp_design_desc *d, const char *what, smp_mask **out) {
    if (!m) {
        *out = NULL;
        return SMP_OK;
    }
    if (m->photo_width != d->photo_width || m->photo_height != d->photo_height || m->cell != d->treatment->cell)
        return smp_fail(SMP_ERR_MISMATCH, "%s mask: made for a %dx%d photo with %d-pixel cells, not %dx%d with %d",
                        what, m->photo_width, m->photo_height, m->cell, d->photo_width, d->photo_height,
                        d->treatment->cell);
    smp_mask *copy;
    smp_status status = smp_mask_create(m->photo_width, m->photo_height, m->cell, 0.0f, &copy);
    if (status != SMP_OK) return status;
    memcpy(copy->coverage, m->coverage, (size_t)m->width * (size_t)m->height * sizeof *m->coverage);
    *out = copy;
    return SMP_OK;
}

/* The largest coverage a bilinear sample can take anywhere in each candidate
 * bin: the maximum over the cells whose centres surround the bin. */
static float *bin_maxima(const smp_design *d, const smp_mask *m) {
    const smp_candidates *c = &d->candidates;
    float *out = calloc((size_t)c->bins_x * (size_t)c->bins_y, sizeof *out);
    if (!out || !m) return out;
    double cells_per_mm = d->px_per_mm / m->cell;
#pragma omp parallel for schedule(static)
    for (int b = 0; b < c->bins_x * c->bins_y; b++) {
        double x0 = (b % c->bins_x) * SMP_BIN_MM, y0 = (b / c->bins_x) * SMP_BIN_MM;
        int cx0 = (int)floor(x0 * cells_per_mm - 0.5), cy0 = (int)floor(y0 * cells_per_mm - 0.5);
        int cx1 = (int)ceil((x0 + SMP_BIN_MM) * cells_per_mm - 0.5), cy1 = (int)ceil((y0 + SMP_BIN_MM) * cells_per_mm - 0.5);
        float most = 0.0f;
        for (int y = cy0 < 0 ? 0 : cy0; y <= cy1 && y < m->height; y++)
            for (int x = cx0 < 0 ? 0 : cx0; x <= cx1 && x < m->width; x++) {
                float v = m->coverage[(size_t)y * (size_t)m->width + (size_t)x];
                most = v > most ? v : most; /* not fmaxf: a call, each cell, for NaN's sake */
            }
        out[b] = most;
    }
    return out;
}

void smp_sites_free(smp_sites *sites) {
    free(sites->cover), free(sites->distance), free(sites->blend_distance), free(sites->blend), free(sites->scar);
    *sites = (smp_sites){0};
}

smp_status smp_sites_sample(smp_design *d) {
    const smp_candidates *c = &d->candidates;
    size_t n = c->count ? c->count : 1;
    smp_sites s = {malloc(n * sizeof(float)), malloc(n * sizeof(float)), malloc(n * sizeof(float)),
                   d->blend ? malloc(n * sizeof(float)) : NULL, d->scar ? malloc(n * sizeof(float)) : NULL};
    if (!s.cover || !s.distance || !s.blend_distance || (d->blend && !s.blend) || (d->scar && !s.scar)) {
        smp_sites_free(&s);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for %zu candidates' masks", n);
    }
    const smp_mask *t = d->treatment;
    double cells_per_mm = d->px_per_mm / t->cell;
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < c->count; i++) {
        double cx = c->x[i] * cells_per_mm - 0.5, cy = c->y[i] * cells_per_mm - 0.5;
        s.cover[i] = smp_grid_sample(t->coverage, t->width, t->height, cx, cy);
        s.distance[i] = smp_grid_sample(d->distance, t->width, t->height, cx, cy);
        s.blend_distance[i] = d->blend ? smp_grid_sample(d->blend_distance, t->width, t->height, cx, cy) : -SMP_MASK_FAR;
        if (s.blend) s.blend[i] = smp_grid_sample(d->blend->coverage, t->width, t->height, cx, cy);
        if (s.scar) s.scar[i] = smp_grid_sample(d->scar->coverage, t->width, t->height, cx, cy);
    }
    smp_sites_free(&d->sites);
    d->sites = s;
    return SMP_OK;
}

void smp_design_destroy(smp_design *design) {
    if (!design) return;
    smp_sites_free(&design->sites);
    free(design->bin_treatment);
    free(design->bin_blend);
    smp_mask_destroy(design->treatment);
    smp_mask_destroy(design->blend);
    smp_mask_destroy(design->scar);
    free(design->distance);
    free(design->blend_distance);
    smp_candidates_free(&design->candidates);
    free(design);
}

smp_status smp_design_create(const smp_design_desc *desc, smp_design **out) {
    if (!desc || !out || !desc->treatment)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_design_create: a design needs a treatment mask");
    if (!(desc->px_per_mm >= SMP_PX_PER_MM_MIN && desc->px_per_mm <= SMP_PX_PER_MM_MAX))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "design: the scale %g px/mm is outside %g-%g px/mm", desc->px_per_mm,
                        SMP_PX_PER_MM_MIN, SMP_PX_PER_MM_MAX);
    double width_mm = desc->photo_width / desc->px_per_mm, height_mm = desc->photo_height / desc->px_per_mm;
    if (width_mm * height_mm > SMP_DESIGN_MAX_AREA_MM2)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT,
                        "design: at %g px/mm the photo would span %.0f x %.0f mm, more than the %.0f m2 a design "
                        "may cover; check the calibration",
                        desc->px_per_mm, width_mm, height_mm, SMP_DESIGN_MAX_AREA_MM2 / 1e6);
    smp_design *d = calloc(1, sizeof *d);
    if (!d) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a design");
    d->photo_width = desc->photo_width;
    d->photo_height = desc->photo_height;
    d->px_per_mm = desc->px_per_mm;
    d->width_mm = width_mm;
    d->height_mm = height_mm;
    smp_status status = copy_mask(desc->treatment, desc, "treatment", &d->treatment);
    if (status == SMP_OK) status = copy_mask(desc->blend, desc, "blend", &d->blend);
    if (status == SMP_OK) status = copy_mask(desc->scar, desc, "scar", &d->scar);
    if (status == SMP_OK) status = smp_mask_distance(d->treatment, d->px_per_mm, &d->distance);
    if (status == SMP_OK && d->blend) status = smp_mask_distance(d->blend, d->px_per_mm, &d->blend_distance);
    if (status == SMP_OK) status = smp_style_resolve(NULL, &d->style);
    if (status == SMP_OK) status = smp_candidates_build(d->width_mm, d->height_mm, d->style.seed, &d->candidates);
    if (status == SMP_OK) status = smp_sites_sample(d);
    if (status == SMP_OK) {
        d->bin_treatment = bin_maxima(d, d->treatment);
        d->bin_blend = bin_maxima(d, d->blend);
        if (!d->bin_treatment || !d->bin_blend) status = smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a design");
    }
    if (status != SMP_OK) {
        smp_design_destroy(d);
        return status;
    }
    *out = d;
    return SMP_OK;
}

smp_status smp_design_set_style(smp_design *design, const smp_style *style) {
    if (!design) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_design_set_style: NULL design");
    smp_style resolved;
    smp_status status = smp_style_resolve(style, &resolved);
    if (status != SMP_OK) return status;
    if (resolved.seed != design->candidates.seed) {
        smp_candidates fresh;
        status = smp_candidates_build(design->width_mm, design->height_mm, resolved.seed, &fresh);
        if (status != SMP_OK) return status;
        smp_candidates old = design->candidates;
        design->candidates = fresh;
        status = smp_sites_sample(design);
        if (status != SMP_OK) {
            design->candidates = old;
            smp_candidates_free(&fresh);
            return status;
        }
        smp_candidates_free(&old);
    }
    design->style = resolved;
    return SMP_OK;
}

const smp_style *smp_design_style(const smp_design *design) { return &design->style; }

double smp_design_px_per_mm(const smp_design *design) { return design->px_per_mm; }

smp_rect_mm smp_design_bounds(const smp_design *design) {
    return (smp_rect_mm){0.0, 0.0, design->width_mm, design->height_mm};
}
