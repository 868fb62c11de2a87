/* test_placement.c: dot placement: determinism, stability, density, spacing, hairline profiles, plan. */
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "spectrum.h"
#include "test_support.h"

enum { W = 1200, H = 900 };
#define PX_PER_MM 6.0 /* so the photo is 200 x 150 mm */
#define SMP_PI_TEST 3.14159265358979323846

/* A mask painted left of x_px (and nothing right of it), at the given level. */
static smp_mask *left_mask(double x_px, float level) {
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &m), SMP_OK);
    for (int y = 0; y < m->height; y++)
        for (int x = 0; x < m->width && x < x_px; x++) m->coverage[(size_t)y * (size_t)m->width + (size_t)x] = level;
    return m;
}

static smp_design *design_with(const smp_mask *treatment, const smp_mask *blend, const smp_style *style) {
    smp_design *d = NULL;
    smp_design_desc desc = {W, H, PX_PER_MM, treatment, blend, NULL};
    if (smp_design_create(&desc, &d) != SMP_OK) fail_msg("%s", smp_last_error());
    if (style && smp_design_set_style(d, style) != SMP_OK) fail_msg("%s", smp_last_error());
    return d;
}

static smp_dot_list dots_of(const smp_design *d, const smp_rect_mm *rect) {
    smp_dot_list list = {0};
    assert_int_equal(smp_design_dots(d, rect, &list), SMP_OK);
    return list;
}

static smp_dot_list uniform_dots(double density, uint64_t seed) {
    smp_mask *full = left_mask(W, 1.0f);
    smp_style style = {.density = density, .seed = seed};
    smp_design *d = design_with(full, NULL, &style);
    smp_dot_list list = dots_of(d, NULL);
    smp_design_destroy(d);
    smp_mask_destroy(full);
    return list;
}

static void same_dots_for_any_thread_count(void **state) {
    (void)state;
    int threads = omp_get_max_threads();
    smp_mask *half = left_mask(W * 0.6, 1.0f);
    smp_style style = {.density = 140, .seed = 42};
    omp_set_num_threads(1);
    smp_design *d1 = design_with(half, NULL, &style);
    smp_dot_list one = dots_of(d1, NULL);
    omp_set_num_threads(3);
    smp_design *d3 = design_with(half, NULL, &style);
    smp_dot_list three = dots_of(d3, NULL);
    omp_set_num_threads(threads);
    assert_true(one.count > 10000);
    assert_int_equal(one.count, three.count);
    assert_memory_equal(one.dots, three.dots, one.count * sizeof *one.dots);
    smp_dot_list_free(&one);
    smp_dot_list_free(&three);
    smp_design_destroy(d1);
    smp_design_destroy(d3);
    smp_mask_destroy(half);
}

static int same_dot(const smp_dot *a, const smp_dot *b) {
    return a->id == b->id && a->x_mm == b->x_mm && a->y_mm == b->y_mm;
}

/* Dots are keyed by id; every dot of `sub` must be a dot of `all`. */
static int is_subset(const smp_dot_list *sub, const smp_dot_list *all) {
    size_t j = 0;
    for (size_t i = 0; i < sub->count; i++) {
        while (j < all->count && !same_dot(&all->dots[j], &sub->dots[i])) j++; /* both in bin, then rank order */
        if (j == all->count) return 0;
    }
    return 1;
}

static void lower_density_is_a_subset(void **state) {
    (void)state;
    smp_dot_list d90 = uniform_dots(90, 5), d100 = uniform_dots(100, 5);
    assert_true(is_subset(&d90, &d100));
    assert_near((double)d90.count / (double)d100.count, 0.9, 0.01);
    smp_dot_list_free(&d90);
    smp_dot_list_free(&d100);
}

/* The edge is the vertical line x = 100 mm; dots farther inside than the
 * feather plus the offset must be the same dots, unchanged. */
static void offset_only_moves_dots_near_the_edge(void **state) {
    (void)state;
    smp_mask *half = left_mask(600, 1.0f);
    smp_style base = {.seed = 9, .irregularity = SMP_OFF, .feather_mm = 6};
    smp_design *d = design_with(half, NULL, &base);
    smp_dot_list before = dots_of(d, NULL);
    smp_style moved = base;
    moved.hairline_offset_mm = 2.0;
    assert_int_equal(smp_design_set_style(d, &moved), SMP_OK);
    smp_dot_list after = dots_of(d, NULL);
    smp_rect_mm far = {0, 0, 100.0 - 6.0 - 2.0 - 0.5, 150};
    smp_dot_list far_before = dots_of(d, &far), far_after = {0};
    assert_int_equal(smp_design_set_style(d, &base), SMP_OK);
    far_after = dots_of(d, &far);
    assert_int_equal(far_before.count, far_after.count);
    assert_memory_equal(far_before.dots, far_after.dots, far_before.count * sizeof *far_before.dots);
    assert_true(after.count < before.count); /* moving the edge back removes dots near it */
    for (size_t i = 0; i < after.count; i++) assert_true(after.dots[i].x_mm < 100.0 - 2.0);
    smp_dot_list_free(&before), smp_dot_list_free(&after);
    smp_dot_list_free(&far_before), smp_dot_list_free(&far_after);
    smp_design_destroy(d);
    smp_mask_destroy(half);
}

static size_t count_in(const smp_dot_list *list, double x0, double y0, double w, double h) {
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const smp_dot *p = &list->dots[i];
        n += p->x_mm >= x0 && p->x_mm < x0 + w && p->y_mm >= y0 && p->y_mm < y0 + h;
    }
    return n;
}

/* Regions of 1350 expected dots hold within 3% of the target. */
static void local_counts_follow_the_target(void **state) {
    (void)state;
    smp_dot_list list = uniform_dots(150, 77);
    for (double y = 0; y + 30 <= 150; y += 30)
        for (double x = 0; x + 30 <= 200; x += 30) {
            double n = (double)count_in(&list, x, y, 30, 30);
            if (fabs(n / 1350.0 - 1.0) > 0.03) fail_msg("%.0f dots in the 30 mm square at (%g, %g)", n, x, y);
        }
    smp_dot_list_free(&list);
}

static void spacing_meets_the_quality_targets(void **state) {
    (void)state;
    static const double levels[] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    smp_rect_mm interior = {10, 10, 180, 130};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        smp_dot_list list = uniform_dots(SMP_DENSITY_MAX * levels[i], 11 + i);
        smp_spacing s;
        assert_int_equal(smp_dots_spacing(&list, &interior, &s), SMP_OK);
        print_message("level %3.0f%%: %6zu dots, %.1f/cm2, relative radius min %.3f mean %.3f\n", levels[i] * 100,
                      s.count, s.density_cm2, s.min_relative, s.mean_relative);
        assert_true(s.min_relative >= (levels[i] == 1.0 ? 0.74 : 0.60));
        assert_true(s.mean_relative >= 0.75);
        if (levels[i] == 1.0) assert_true(s.min_relative <= 0.85); /* not crystalline */
        assert_true(s.min_gap_mm > 0.0); /* no two dots touch */
        smp_dot_list_free(&list);
    }
}

static void big_dots_never_touch(void **state) {
    (void)state;
    smp_mask *half = left_mask(700, 1.0f);
    smp_style style = {.density = 300, .dot_size = 0.4, .size_variation = 0.5, .seed = 3};
    smp_design *d = design_with(half, NULL, &style);
    smp_dot_list list = dots_of(d, NULL);
    smp_spacing s;
    assert_int_equal(smp_dots_spacing(&list, &(smp_rect_mm){0, 0, 200, 150}, &s), SMP_OK);
    assert_true(s.min_gap_mm > 0.0);
    smp_dot_list_free(&list);
    smp_design_destroy(d);
    smp_mask_destroy(half);
}

/* Density in 1 mm bands inside a straight edge at x = 100 mm, over the target. */
static void band_profile(const smp_style *style, double *bands, int count) {
    smp_mask *half = left_mask(600, 1.0f);
    smp_design *d = design_with(half, NULL, style);
    smp_dot_list list = dots_of(d, NULL);
    for (int b = 0; b < count; b++)
        bands[b] = (double)count_in(&list, 100.0 - b - 1, 0, 1, 150) / (150.0 * style->density / 100.0);
    smp_dot_list_free(&list);
    smp_design_destroy(d);
    smp_mask_destroy(half);
}

static void soft_and_sharp_hairlines(void **state) {
    (void)state;
    double soft[10], sharp[10];
    smp_style s = {.density = 200, .irregularity = SMP_OFF, .seed = 8};
    band_profile(&s, soft, 10);
    s.hairline = SMP_HAIRLINE_SHARP;
    band_profile(&s, sharp, 10);
    for (int b = 0; b < 10; b++) print_message("band %d-%d mm: soft %.2f sharp %.2f\n", b, b + 1, soft[b], sharp[b]);
    assert_true(soft[0] < 0.10);                    /* sparse in the first millimetre */
    for (int b = 1; b < 6; b++) assert_true(soft[b] > soft[b - 1]); /* building up ... */
    assert_near(soft[7], 1.0, 0.12);                 /* ... to full density past the 6 mm feather */
    assert_near(sharp[0], 0.85, 0.12);               /* a crisp edge: nearly full at once */
    for (int b = 1; b < 10; b++) assert_near(sharp[b], 1.0, 0.12);
}

static void grey_scales_density_and_blend_zone_has_its_own(void **state) {
    (void)state;
    smp_mask *grey = left_mask(W, 0.5f);
    smp_mask *none = left_mask(0, 0.0f), *blend = left_mask(W, 1.0f);
    smp_style style = {.density = 200, .blend_density = 0.3, .seed = 1};
    smp_design *d = design_with(grey, NULL, &style);
    smp_rect_mm inner = {20, 20, 160, 110};
    smp_dot_list list = dots_of(d, &inner);
    assert_near((double)list.count / (160 * 110 * 2.0 * 0.5), 1.0, 0.03);
    smp_design_destroy(d);
    d = design_with(none, blend, &style);
    assert_int_equal(smp_design_dots(d, &inner, &list), SMP_OK);
    assert_near((double)list.count / (160 * 110 * 2.0 * 0.3), 1.0, 0.03);
    for (size_t i = 0; i < list.count; i++) assert_int_equal(list.dots[i].zone, SMP_ZONE_BLEND);
    smp_dot_list_free(&list);
    smp_design_destroy(d);
    smp_mask_destroy(grey), smp_mask_destroy(none), smp_mask_destroy(blend);
}

static void empty_and_full_masks(void **state) {
    (void)state;
    smp_mask *none = left_mask(0, 0.0f);
    smp_design *d = design_with(none, NULL, NULL);
    smp_dot_list list = dots_of(d, NULL);
    assert_int_equal(list.count, 0);
    smp_plan plan;
    assert_int_equal(smp_design_plan(d, &plan), SMP_OK);
    assert_int_equal(plan.dots_total, 0);
    assert_near(plan.treated_area_cm2, 0.0, 0.0);
    smp_design_destroy(d);
    smp_dot_list_free(&list);
    list = uniform_dots(120, 0);
    assert_near((double)list.count / (200 * 150 * 1.2), 1.0, 0.01);
    smp_dot_list_free(&list);
    smp_mask_destroy(none);
}

static void sessions_are_rank_bands(void **state) {
    (void)state;
    smp_dot_list list = uniform_dots(150, 4);
    size_t per[SMP_MAX_SESSIONS] = {0};
    float shade[SMP_MAX_SESSIONS] = {0};
    for (size_t i = 0; i < list.count; i++) {
        const smp_dot *p = &list.dots[i];
        per[p->session - 1]++;
        shade[p->session - 1] += p->shade;
        float band = p->rank / (150.0f / (float)SMP_DENSITY_MAX);
        assert_true(band < (p->session == 1 ? 0.41f : p->session == 2 ? 0.76f : 1.0f));
    }
    assert_int_equal(per[3], 0);
    assert_near((double)per[0] / (double)list.count, 0.40, 0.01);
    assert_near((double)per[1] / (double)list.count, 0.35, 0.01);
    assert_true(shade[0] / (float)per[0] < shade[2] / (float)per[2]); /* session 1 lighter */
    smp_dot_list_free(&list);
}

static void rect_query_matches_the_full_list(void **state) {
    (void)state;
    smp_mask *half = left_mask(800, 1.0f);
    smp_design *d = design_with(half, NULL, NULL);
    smp_dot_list all = dots_of(d, NULL);
    smp_rect_mm rect = {37.3, 21.9, 51.2, 33.3};
    smp_dot_list part = dots_of(d, &rect);
    assert_int_equal(part.count, count_in(&all, rect.x, rect.y, rect.width, rect.height));
    assert_true(is_subset(&part, &all));
    smp_dot_list outside = dots_of(d, &(smp_rect_mm){500, 500, 10, 10});
    assert_int_equal(outside.count, 0);
    smp_dot_list_free(&all), smp_dot_list_free(&part), smp_dot_list_free(&outside);
    smp_design_destroy(d);
    smp_mask_destroy(half);
}

static void seeds_change_the_layout(void **state) {
    (void)state;
    smp_dot_list a = uniform_dots(120, 1), b = uniform_dots(120, 2), c = uniform_dots(120, 1);
    assert_int_equal(a.count, c.count);
    assert_memory_equal(a.dots, c.dots, a.count * sizeof *a.dots);
    size_t same = 0;
    for (size_t i = 0; i < a.count && i < b.count; i++) same += a.dots[i].x_mm == b.dots[i].x_mm;
    assert_true(same < a.count / 100);
    smp_dot_list_free(&a), smp_dot_list_free(&b), smp_dot_list_free(&c);
}

/* Blue noise: little low-frequency power, no spikes above the main peak,
 * and no direction preferred (Heck et al. 2013), over 8 windows of ~400 dots. */
static void spectrum_is_blue_and_isotropic(void **state) {
    (void)state;
    smp_dot_list list = uniform_dots(150, 21);
    double side = sqrt(400.0 / 1.5), d_max = sqrt(2.0 / (sqrt(3.0) * 1.5));
    int rings = (int)ceil(2.6 * side / d_max);
    spectrum *s = spectrum_create(rings, side);
    float *xy = malloc(list.count * 2 * sizeof *xy);
    for (int w = 0; w < 8; w++) {
        double x0 = 10 + (w % 4) * side, y0 = 10 + (w / 4) * side;
        size_t m = 0;
        for (size_t i = 0; i < list.count; i++) {
            const smp_dot *p = &list.dots[i];
            if (p->x_mm < x0 || p->x_mm >= x0 + side || p->y_mm < y0 || p->y_mm >= y0 + side) continue;
            xy[2 * m] = (float)(p->x_mm - x0), xy[2 * m + 1] = (float)(p->y_mm - y0);
            m++;
        }
        spectrum_add(s, xy, m);
    }
    for (int r = 1; r < rings; r++) {
        double f = spectrum_frequency(s, r), p = spectrum_power(s, r), a = spectrum_anisotropy_db(s, r);
        if (f < 0.5) assert_true(p < 0.35);
        if (f > 1.5) assert_true(p < 1.6);
        if (f >= 0.5) assert_true(a < -10.0 * log10(8.0) + 4.0);
    }
    free(xy);
    spectrum_destroy(s);
    smp_dot_list_free(&list);
}

/* Brute force against the distance field of a random mask of w x h cells.
 * Where `banded`, rows go in eights: three wholly inside, one random, three
 * wholly outside, one random; the nearest cell of the other kind to a band's
 * middle row is often off its column. */
static void check_distance_field(int w, int h, int banded) {
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(w, h, 1, 0.0f, &m), SMP_OK);
    uint32_t r = 12345;
    for (int i = 0; i < w * h; i++) {
        r = r * 1664525u + 1013904223u;
        int row = i / w % 8, random = (r >> 24) < (banded ? 128u : 40u);
        m->coverage[i] = !banded || row == 3 || row == 7 ? (float)random : row < 3 ? 1.0f : 0.0f;
    }
    float *field = NULL;
    assert_int_equal(smp_mask_distance(m, 2.0, &field), SMP_OK);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int in = m->coverage[y * w + x] > 0.5f;
            double best = 1e9;
            for (int v = 0; v < h; v++)
                for (int u = 0; u < w; u++)
                    if ((m->coverage[v * w + u] > 0.5f) != in) best = fmin(best, hypot(u - x, v - y));
            double expected = (in ? best - 0.5 : -(best - 0.5)) / 2.0;
            assert_near(field[y * w + x], expected, 1e-4);
        }
    smp_free(field);
    smp_mask_destroy(m);
}

/* Exact, as brute force: on a small mask, on one wider than a band of the
 * columns' pass (256 columns) and not a whole number of them, and on one
 * with rows of a single kind (which skip one of their transforms). */
static void distance_field_is_exact(void **state) {
    (void)state;
    check_distance_field(61, 47, 0);
    check_distance_field(300, 7, 0);
    check_distance_field(37, 23, 1);
}

static void masks_must_fit_the_photo(void **state) {
    (void)state;
    smp_image *square = smp_image_create(500, 500);
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_from_image(square, 0, 1200, 900, 1, "square.png", &m), SMP_ERR_MISMATCH);
    assert_null(m);
    assert_non_null(strstr(smp_last_error(), "500x500"));
    assert_non_null(strstr(smp_last_error(), "1200x900"));
    smp_image *small = smp_image_create(400, 300);
    for (size_t i = 0; i < 400 * 300; i++) memset(small->pixels + 4 * i, i % 400 < 200 ? 255 : 0, 4);
    assert_int_equal(smp_mask_from_image(small, 0, 1200, 900, 2, "small.png", &m), SMP_OK);
    assert_int_equal(m->width, 600);
    assert_near(m->coverage[10 * 600 + 250], 1.0, 1e-6);
    assert_near(m->coverage[10 * 600 + 350], 0.0, 1e-6);
    smp_mask_destroy(m);
    smp_image_destroy(square);
    smp_image_destroy(small);
}

/* The dots of a design made afresh from desc with a style, against d's. */
static void same_as_afresh(const smp_design *d, const smp_design_desc *desc, const smp_style *style) {
    smp_design *fresh = NULL;
    assert_int_equal(smp_design_create(desc, &fresh), SMP_OK);
    assert_int_equal(smp_design_set_style(fresh, style), SMP_OK);
    smp_dot_list want = dots_of(fresh, NULL), got = dots_of(d, NULL);
    assert_true(want.count > 1000);
    assert_int_equal(got.count, want.count);
    assert_memory_equal(got.dots, want.dots, want.count * sizeof *want.dots);
    smp_dot_list_free(&want), smp_dot_list_free(&got);
    smp_design_destroy(fresh);
}

static void new_masks_give_the_design_made_afresh(void **state) {
    (void)state;
    smp_mask *full = left_mask(W, 1.0f), *wide = left_mask(W * 0.6, 1.0f), *narrow = left_mask(W * 0.5, 1.0f);
    smp_mask *blend = left_mask(W * 0.8, 0.7f), *blend2 = left_mask(W * 0.7, 0.7f), *scar = left_mask(W * 0.3, 1.0f);
    smp_style style = {.density = 140, .blend_density = 0.4, .seed = 42}; /* not the default seed */
    smp_design *d = design_with(wide, blend, &style);
    smp_design_desc steps[] = {
        {W, H, PX_PER_MM, narrow, blend, NULL}, /* the treatment edited: its field made again */
        {W, H, PX_PER_MM, narrow, blend2, NULL}, /* the blend zone edited */
        {W, H, PX_PER_MM, narrow, blend2, scar}, {W, H, PX_PER_MM, narrow, NULL, scar},
        {W, H, PX_PER_MM * 0.9, full, NULL, scar}, /* a new scale: candidates over a larger frame */
        {W, H, PX_PER_MM * 0.9, wide, blend, NULL},
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        assert_int_equal(smp_design_set_masks(d, &steps[i]), SMP_OK);
        same_as_afresh(d, &steps[i], &style);
    }
    smp_mask *coarse = NULL;
    assert_int_equal(smp_mask_create(W, H, 2, 1.0f, &coarse), SMP_OK);
    smp_design_desc mismatched = {W, H, PX_PER_MM, narrow, coarse, NULL};
    assert_int_equal(smp_design_set_masks(d, &mismatched), SMP_ERR_MISMATCH);
    assert_non_null(strstr(smp_last_error(), "blend mask"));
    same_as_afresh(d, &steps[5], &style); /* unchanged */
    assert_int_equal(smp_design_set_masks(NULL, &steps[0]), SMP_ERR_INVALID_ARGUMENT);
    smp_design_destroy(d);
    smp_mask_destroy(wide), smp_mask_destroy(narrow), smp_mask_destroy(blend), smp_mask_destroy(blend2);
    smp_mask_destroy(scar), smp_mask_destroy(coarse), smp_mask_destroy(full);
}

/* A design given another's masks (smp_design_set_masks_like, as the
 * studio's second design after an edit) is the design made afresh with its
 * own style: with the same seed (the sites copied) and another (sampled). */
static void masks_like_another_design_give_the_design_made_afresh(void **state) {
    (void)state;
    smp_mask *wide = left_mask(W * 0.6, 1.0f), *narrow = left_mask(W * 0.5, 1.0f), *blend = left_mask(W * 0.8, 0.7f);
    smp_mask *blend2 = left_mask(W * 0.7, 0.7f), *scar = left_mask(W * 0.3, 1.0f);
    smp_style style = {.density = 140, .blend_density = 0.4, .seed = 42};
    smp_style others[] = {{.density = 120, .blend_density = 0.4, .seed = 42, .hairline = SMP_HAIRLINE_SHARP},
                          {.density = 160, .seed = 7}};
    smp_design *d = design_with(wide, blend, &style), *other[2];
    for (int k = 0; k < 2; k++) other[k] = design_with(wide, blend, &others[k]);
    smp_design_desc steps[] = {
        {W, H, PX_PER_MM, narrow, blend, NULL}, {W, H, PX_PER_MM, narrow, blend2, scar},
        {W, H, PX_PER_MM, wide, NULL, scar}, {W, H, PX_PER_MM * 0.9, wide, blend, NULL},
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        assert_int_equal(smp_design_set_masks(d, &steps[i]), SMP_OK);
        for (int k = 0; k < 2; k++) {
            assert_int_equal(smp_design_set_masks_like(other[k], d), SMP_OK);
            same_as_afresh(other[k], &steps[i], &others[k]);
        }
    }
    assert_int_equal(smp_design_set_masks_like(other[0], other[0]), SMP_OK);
    same_as_afresh(other[0], &steps[3], &others[0]);
    assert_int_equal(smp_design_set_masks_like(NULL, d), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_design_set_masks_like(d, NULL), SMP_ERR_INVALID_ARGUMENT);
    smp_design_destroy(d), smp_design_destroy(other[0]), smp_design_destroy(other[1]);
    smp_mask_destroy(wide), smp_mask_destroy(narrow), smp_mask_destroy(blend), smp_mask_destroy(blend2);
    smp_mask_destroy(scar);
}

static void styles_out_of_range_are_refused(void **state) {
    (void)state;
    static const struct {
        smp_style style;
        const char *name;
    } bad[] = {
        {{.density = 5}, "density"},           {{.density = 301}, "density"},
        {{.dot_size = 0.01}, "dot-size"},      {{.dot_size = 2}, "dot-size"},
        {{.size_variation = 0.9}, "size-variation"}, {{.shade = 1.5}, "shade"},
        {{.feather_mm = 50}, "feather"},       {{.irregularity = 3}, "irregularity"},
        {{.hairline_offset_mm = 10000}, "hairline-offset"}, {{.sessions = 5}, "sessions"},
        {{.hairline = (smp_hairline)7}, "hairline"}, {{.blend_density = 2}, "blend-density"},
        {{.density = NAN}, "density"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        smp_style out = {.density = -1};
        assert_int_equal(smp_style_resolve(&bad[i].style, &out), SMP_ERR_INVALID_ARGUMENT);
        assert_near(out.density, -1, 0); /* untouched */
        if (strncmp(smp_last_error(), bad[i].name, strlen(bad[i].name)) != 0)
            fail_msg("'%s' does not start with '%s'", smp_last_error(), bad[i].name);
    }
    smp_style r;
    assert_int_equal(smp_style_resolve(NULL, &r), SMP_OK);
    assert_near(r.density, 120, 0);
    assert_near(r.feather_mm, 6, 0);
    assert_int_equal(r.sessions, 3);
    assert_int_equal(smp_style_resolve(&(smp_style){.irregularity = SMP_OFF}, &r), SMP_OK);
    assert_near(r.irregularity, 0, 0);
}

/* A 100 x 150 mm treated half with its edge along the full height. */
static void plan_measures_area_and_hairline(void **state) {
    (void)state;
    smp_mask *half = left_mask(600, 1.0f);
    smp_style style = {.irregularity = SMP_OFF, .sessions = 2};
    smp_design *d = design_with(half, NULL, &style);
    smp_plan plan;
    assert_int_equal(smp_design_plan(d, &plan), SMP_OK);
    assert_near(plan.treated_area_cm2, 150.0, 0.5);
    assert_near(plan.hairline_length_mm, 150.0 * SMP_PI_TEST / 4.0, 1.0); /* straight edge: the 4/pi estimator */
    assert_int_equal(plan.sessions, 2);
    assert_int_equal(plan.dots_per_session[0] + plan.dots_per_session[1], plan.dots_total);
    assert_near(plan.minutes_at_60[0], (double)plan.dots_per_session[0] / 60.0, 1e-9);
    smp_design_destroy(d);
    smp_mask_destroy(half);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_dots_for_any_thread_count),
        cmocka_unit_test(lower_density_is_a_subset),
        cmocka_unit_test(offset_only_moves_dots_near_the_edge),
        cmocka_unit_test(local_counts_follow_the_target),
        cmocka_unit_test(spacing_meets_the_quality_targets),
        cmocka_unit_test(big_dots_never_touch),
        cmocka_unit_test(soft_and_sharp_hairlines),
        cmocka_unit_test(grey_scales_density_and_blend_zone_has_its_own),
        cmocka_unit_test(empty_and_full_masks),
        cmocka_unit_test(sessions_are_rank_bands),
        cmocka_unit_test(rect_query_matches_the_full_list),
        cmocka_unit_test(seeds_change_the_layout),
        cmocka_unit_test(spectrum_is_blue_and_isotropic),
        cmocka_unit_test(distance_field_is_exact),
        cmocka_unit_test(masks_must_fit_the_photo),
        cmocka_unit_test(new_masks_give_the_design_made_afresh),
        cmocka_unit_test(masks_like_another_design_give_the_design_made_afresh),
        cmocka_unit_test(styles_out_of_range_are_refused),
        cmocka_unit_test(plan_measures_area_and_hairline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
