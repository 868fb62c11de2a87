/* design.c: a design's life: masks copied in, the distance field, the style, the candidates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "design_internal.h"
#include "smp/calibration.h"

/* Every mask of desc made for its photo, with the treatment mask's cell. */
static smp_status check_masks(const smp_design_desc *d) {
    const smp_mask *masks[3] = {d->treatment, d->blend, d->scar};
    const char *names[3] = {"treatment", "blend", "scar"};
    for (int i = 0; i < 3; i++) {
        const smp_mask *m = masks[i];
        if (!m) continue;
        if (m->photo_width != d->photo_width || m->photo_height != d->photo_height || m->cell != d->treatment->cell)
            return smp_fail(SMP_ERR_MISMATCH, "%s mask: made for a %dx%d photo with %d-pixel cells, not %dx%d with %d",
                            names[i], m->photo_width, m->photo_height, m->cell, d->photo_width, d->photo_height,
                            d->treatment->cell);
    }
    return SMP_OK;
}

static size_t mask_bytes(const smp_mask *m) { return (size_t)m->width * (size_t)m->height * sizeof *m->coverage; }

static smp_status copy_mask(const smp_mask *m, smp_mask **out) {
    *out = NULL;
    if (!m) return SMP_OK;
    smp_status status = smp_mask_create(m->photo_width, m->photo_height, m->cell, 0.0f, out);
    if (status == SMP_OK) memcpy((*out)->coverage, m->coverage, mask_bytes(m));
    return status;
}

/* Whether a and b (either may be NULL) hold the same cells. */
static int same_cells(const smp_mask *a, const smp_mask *b) {
    if (!a || !b) return a == b;
    return a->photo_width == b->photo_width && a->photo_height == b->photo_height && a->cell == b->cell &&
           memcmp(a->coverage, b->coverage, mask_bytes(a)) == 0;
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

/* SMP_OK when s (for n candidates) has every array d's masks call for;
 * else s is freed and the error set. */
static smp_status check_sites(smp_sites *s, const smp_design *d, size_t n) {
    if (s->cover && s->distance && s->blend_distance && (!d->blend || s->blend) && (!d->scar || s->scar))
        return SMP_OK;
    smp_sites_free(s);
    return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for %zu candidates' masks", n);
}

smp_status smp_sites_sample(smp_design *d) {
    const smp_candidates *c = &d->candidates;
    size_t n = c->count ? c->count : 1;
    smp_sites s = {malloc(n * sizeof(float)), malloc(n * sizeof(float)), malloc(n * sizeof(float)),
                   d->blend ? malloc(n * sizeof(float)) : NULL, d->scar ? malloc(n * sizeof(float)) : NULL};
    smp_status status = check_sites(&s, d, n);
    if (status != SMP_OK) return status;
    const smp_mask *t = d->treatment;
    double cells_per_mm = d->px_per_mm / t->cell;
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < c->count; i++) {
        smp_grid_point p = smp_grid_locate(t->width, t->height, c->x[i] * cells_per_mm - 0.5,
                                           c->y[i] * cells_per_mm - 0.5);
        s.cover[i] = smp_grid_read(t->coverage, p);
        s.distance[i] = smp_grid_read(d->distance, p);
        s.blend_distance[i] = d->blend ? smp_grid_read(d->blend_distance, p) : -SMP_MASK_FAR;
        if (s.blend) s.blend[i] = smp_grid_read(d->blend->coverage, p);
        if (s.scar) s.scar[i] = smp_grid_read(d->scar->coverage, p);
    }
    smp_sites_free(&d->sites);
    d->sites = s;
    return SMP_OK;
}

/* Frees what d holds and keep does not share with it. */
static void free_parts(smp_design *d, const smp_design *keep) {
    smp_sites_free(&d->sites);
    if (d->bin_treatment != keep->bin_treatment) free(d->bin_treatment);
    if (d->bin_blend != keep->bin_blend) free(d->bin_blend);
    if (d->treatment != keep->treatment) smp_mask_destroy(d->treatment);
    if (d->blend != keep->blend) smp_mask_destroy(d->blend);
    if (d->scar != keep->scar) smp_mask_destroy(d->scar);
    if (d->distance != keep->distance) free(d->distance);
    if (d->blend_distance != keep->blend_distance) free(d->blend_distance);
    if (d->candidates.bin_start != keep->candidates.bin_start) smp_candidates_free(&d->candidates);
}

void smp_design_destroy(smp_design *design) {
    if (!design) return;
    free_parts(design, &(smp_design){0});
    free(design);
}

/* desc's photo size and scale, checked, into d. */
static smp_status set_frame(smp_design *d, const smp_design_desc *desc) {
    if (!(desc->px_per_mm >= SMP_PX_PER_MM_MIN && desc->px_per_mm <= SMP_PX_PER_MM_MAX))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "design: the scale %g px/mm is outside %g-%g px/mm", desc->px_per_mm,
                        SMP_PX_PER_MM_MIN, SMP_PX_PER_MM_MAX);
    double width_mm = desc->photo_width / desc->px_per_mm, height_mm = desc->photo_height / desc->px_per_mm;
    if (width_mm * height_mm > SMP_DESIGN_MAX_AREA_MM2)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT,
                        "design: at %g px/mm the photo would span %.0f x %.0f mm, more than the %.0f m2 a design "
                        "may cover; check the calibration",
                        desc->px_per_mm, width_mm, height_mm, SMP_DESIGN_MAX_AREA_MM2 / 1e6);
    d->photo_width = desc->photo_width;
    d->photo_height = desc->photo_height;
    d->px_per_mm = desc->px_per_mm;
    d->width_mm = width_mm;
    d->height_mm = height_mm;
    return SMP_OK;
}

/* A copy of n floats, or NULL (also when out of memory) where from is NULL. */
static float *copy_floats(const float *from, size_t n) {
    float *to = from ? malloc(n * sizeof *to) : NULL;
    if (to) memcpy(to, from, n * sizeof *to);
    return to;
}

static size_t mask_cells(const smp_mask *m) { return (size_t)m->width * (size_t)m->height; }

/* A mask's distance field: a copy of like_field (the field of the same
 * cells, made for another design), or worked out where that is NULL. */
static smp_status distance_for(const smp_design *d, const smp_mask *m, const float *like_field, float **out) {
    if (!like_field) return smp_mask_distance(m, d->px_per_mm, out);
    *out = copy_floats(like_field, mask_cells(m));
    return *out ? SMP_OK : smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a distance field");
}

/* A mask's bin maxima: kept, a copy of like's, or worked out. */
static float *maxima_for(const smp_design *d, const smp_mask *m, int kept, float *kept_maxima,
                         const float *like_maxima) {
    if (kept) return kept_maxima;
    if (like_maxima) return copy_floats(like_maxima, (size_t)d->candidates.bins_x * (size_t)d->candidates.bins_y);
    return bin_maxima(d, m);
}

/* What each candidate says of the masks: a copy of like's sites where like
 * has the same candidates (its masks are d's), else sampled. */
static smp_status sites_for(smp_design *d, const smp_design *like) {
    if (!like || like->candidates.seed != d->style.seed) return smp_sites_sample(d);
    size_t n = d->candidates.count ? d->candidates.count : 1;
    const smp_sites *from = &like->sites;
    smp_sites s = {copy_floats(from->cover, n), copy_floats(from->distance, n), copy_floats(from->blend_distance, n),
                   copy_floats(from->blend, n), copy_floats(from->scar, n)};
    smp_status status = check_sites(&s, d, n);
    if (status == SMP_OK) d->sites = s;
    return status;
}

/* d's masks, fields and candidates for desc and d's style, each taken from
 * `from` (a design, or all zeros) where desc leaves it as it was: a mask the
 * same cell for cell keeps its distance field and bin maxima, and the
 * candidates stay with the photo's size, the scale and the seed. What is
 * new is copied from `like` where it is not NULL: a design made with desc's
 * masks, photo size and scale (its style may differ). */
static smp_status make_parts(smp_design *d, const smp_design_desc *desc, const smp_design *from,
                             const smp_design *like) {
    smp_status status = check_masks(desc);
    if (status != SMP_OK) return status;
    const smp_design none = {0}, *l = like ? like : &none;
    int frame = d->photo_width == from->photo_width && d->photo_height == from->photo_height &&
                d->px_per_mm == from->px_per_mm;
    int keep_treatment = frame && same_cells(desc->treatment, from->treatment);
    int keep_blend = frame && same_cells(desc->blend, from->blend);
    if (keep_treatment) d->treatment = from->treatment, d->distance = from->distance;
    else status = copy_mask(desc->treatment, &d->treatment);
    if (!keep_treatment && status == SMP_OK)
        status = distance_for(d, d->treatment, l->distance, &d->distance);
    if (keep_blend) d->blend = from->blend, d->blend_distance = from->blend_distance;
    else if (status == SMP_OK) status = copy_mask(desc->blend, &d->blend);
    if (!keep_blend && status == SMP_OK && d->blend)
        status = distance_for(d, d->blend, l->blend_distance, &d->blend_distance);
    if (same_cells(desc->scar, from->scar)) d->scar = from->scar;
    else if (status == SMP_OK) status = copy_mask(desc->scar, &d->scar);
    if (frame && from->candidates.bin_start && from->candidates.seed == d->style.seed) d->candidates = from->candidates;
    else if (status == SMP_OK) status = smp_candidates_build(d->width_mm, d->height_mm, d->style.seed, &d->candidates);
    if (status == SMP_OK) status = sites_for(d, like);
    if (status != SMP_OK) return status;
    d->bin_treatment = maxima_for(d, d->treatment, keep_treatment, from->bin_treatment, l->bin_treatment);
    d->bin_blend = maxima_for(d, d->blend, keep_blend, from->bin_blend, l->bin_blend);
    if (!d->bin_treatment || !d->bin_blend) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a design");
    return SMP_OK;
}

smp_status smp_design_create(const smp_design_desc *desc, smp_design **out) {
    if (!desc || !out || !desc->treatment)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_design_create: a design needs a treatment mask");
    smp_design *d = calloc(1, sizeof *d);
    if (!d) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a design");
    smp_status status = set_frame(d, desc);
    if (status == SMP_OK) status = smp_style_resolve(NULL, &d->style);
    if (status == SMP_OK) status = make_parts(d, desc, &(smp_design){0}, NULL);
    if (status != SMP_OK) {
        smp_design_destroy(d);
        return status;
    }
    *out = d;
    return SMP_OK;
}

/* desc's masks into the design, copying from like (or NULL) what it can (see make_parts). */
static smp_status set_masks(smp_design *design, const smp_design_desc *desc, const smp_design *like) {
    smp_design next = {.style = design->style};
    smp_status status = set_frame(&next, desc);
    if (status == SMP_OK) status = make_parts(&next, desc, design, like);
    if (status != SMP_OK) {
        free_parts(&next, design);
        return status;
    }
    free_parts(design, &next);
    *design = next;
    return SMP_OK;
}

smp_status smp_design_set_masks(smp_design *design, const smp_design_desc *desc) {
    if (!design || !desc || !desc->treatment)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_design_set_masks: NULL design or no treatment mask");
    return set_masks(design, desc, NULL);
}

smp_status smp_design_set_masks_like(smp_design *design, const smp_design *source) {
    if (!design || !source)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_design_set_masks_like: NULL design or source");
    if (design == source) return SMP_OK;
    smp_design_desc desc = {source->photo_width, source->photo_height, source->px_per_mm,
                            source->treatment, source->blend, source->scar};
    return set_masks(design, &desc, source);
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
