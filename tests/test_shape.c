/* test_shape.c: drawn outlines: the curve through the points, its fill, anti-aliasing and bad input. */
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

#define SMP_TEST_PI 3.14159265358979323846

enum { W = 400, H = 300 };

static void circle_points(smp_point *p, int n, double cx, double cy, double r) {
    for (int i = 0; i < n; i++)
        p[i] = (smp_point){cx + r * cos(2 * SMP_TEST_PI * i / n), cy + r * sin(2 * SMP_TEST_PI * i / n)};
}

static double covered_area(const smp_mask *m) {
    double sum = 0.0;
    for (int i = 0; i < m->width * m->height; i++) sum += m->coverage[i];
    return sum * m->cell * m->cell;
}

static void the_curve_passes_through_its_points(void **state) {
    (void)state;
    smp_point p[5] = {{10, 10}, {200, 20}, {210, 180}, {40, 150}, {40, 149.5}}; /* the last two nearly repeat */
    smp_point *poly = NULL;
    int n = 0;
    assert_int_equal(smp_curve_polygon(p, 5, 2.0, &poly, &n), SMP_OK);
    for (int i = 0; i < 5; i++) {
        int found = 0;
        for (int j = 0; j < n; j++) found |= poly[j].x == p[i].x && poly[j].y == p[i].y;
        assert_true(found);
    }
    for (int j = 0; j < n; j++) { /* neither loops nor flies off between close points */
        assert_true(poly[j].x > -20 && poly[j].x < 240);
        assert_true(poly[j].y > -20 && poly[j].y < 210);
        double step = hypot(poly[(j + 1) % n].x - poly[j].x, poly[(j + 1) % n].y - poly[j].y);
        assert_true(step < 4.0);
    }
    smp_free(poly);
}

static void a_circle_fills_its_area(void **state) {
    (void)state;
    for (int cell = 1; cell <= 3; cell += 2) {
        smp_mask *m = NULL;
        assert_int_equal(smp_mask_create(W, H, cell, 0.0f, &m), SMP_OK);
        smp_point p[24];
        circle_points(p, 24, 200.3, 150.7, 100.0);
        assert_int_equal(smp_mask_fill_curve(m, p, 24, 1.0f), SMP_OK);
        assert_near(covered_area(m) / (SMP_TEST_PI * 100.0 * 100.0), 1.0, 0.005);
        int partial = 0;
        for (int i = 0; i < m->width * m->height; i++) partial += m->coverage[i] > 0.05f && m->coverage[i] < 0.95f;
        assert_true(partial > 100); /* an anti-aliased rim, not a staircase */
        assert_near(m->coverage[(150 / cell) * m->width + 200 / cell], 1.0, 0);
        assert_near(m->coverage[0], 0.0, 0);
        smp_mask_destroy(m);
    }
}

static void paint_values_combine_by_maximum(void **state) {
    (void)state;
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.7f, &m), SMP_OK);
    smp_point p[12];
    circle_points(p, 12, 100, 100, 50);
    assert_int_equal(smp_mask_fill_curve(m, p, 12, 0.4f), SMP_OK);
    assert_near(m->coverage[100 * W + 100], 0.7, 1e-6); /* lower paint does not lower the mask */
    assert_int_equal(smp_mask_fill_curve(m, p, 12, 0.9f), SMP_OK);
    assert_near(m->coverage[100 * W + 100], 0.9, 1e-6);
    assert_near(m->coverage[10 * W + 390], 0.7, 1e-6);
    smp_mask_destroy(m);
}

static void outlines_past_the_photo_are_clipped(void **state) {
    (void)state;
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &m), SMP_OK);
    smp_point p[4] = {{-500, -500}, {900, -500}, {900, 900}, {-500, 900}};
    assert_int_equal(smp_mask_fill_curve(m, p, 4, 1.0f), SMP_OK);
    for (int i = 0; i < W * H; i++) assert_near(m->coverage[i], 1.0, 1e-6);
    smp_mask_destroy(m);
}

static void same_mask_for_any_thread_count(void **state) {
    (void)state;
    int threads = omp_get_max_threads();
    smp_point p[7] = {{30, 40}, {300, 20}, {380, 120}, {250, 280}, {120, 200}, {60, 260}, {20, 150}};
    smp_mask *a = NULL, *b = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &a), SMP_OK);
    assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &b), SMP_OK);
    omp_set_num_threads(1);
    assert_int_equal(smp_mask_fill_curve(a, p, 7, 1.0f), SMP_OK);
    omp_set_num_threads(3);
    assert_int_equal(smp_mask_fill_curve(b, p, 7, 1.0f), SMP_OK);
    omp_set_num_threads(threads);
    assert_memory_equal(a->coverage, b->coverage, (size_t)W * H * sizeof(float));
    smp_mask_destroy(a);
    smp_mask_destroy(b);
}

static void bad_outlines_are_refused(void **state) {
    (void)state;
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.25f, &m), SMP_OK);
    smp_point two[2] = {{0, 0}, {10, 10}}, bad[3] = {{0, 0}, {NAN, 5}, {10, 10}}, ok[3] = {{0, 0}, {50, 5}, {10, 40}};
    assert_int_equal(smp_mask_fill_curve(m, two, 2, 1.0f), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "3 to"));
    assert_int_equal(smp_mask_fill_curve(m, bad, 3, 1.0f), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "point 2"));
    assert_int_equal(smp_mask_fill_curve(m, ok, 3, 1.5f), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_fill_curve(NULL, ok, 3, 1.0f), SMP_ERR_INVALID_ARGUMENT);
    for (int i = 0; i < W * H; i++) assert_near(m->coverage[i], 0.25, 0); /* untouched */
    smp_point *poly = NULL;
    int n = 0;
    assert_int_equal(smp_curve_polygon(ok, 3, -1.0, &poly, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_null(poly);
    smp_mask_destroy(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_curve_passes_through_its_points),
        cmocka_unit_test(a_circle_fills_its_area),
        cmocka_unit_test(paint_values_combine_by_maximum),
        cmocka_unit_test(outlines_past_the_photo_are_clipped),
        cmocka_unit_test(same_mask_for_any_thread_count),
        cmocka_unit_test(bad_outlines_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
