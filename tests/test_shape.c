/* test_shape.c: drawn outlines: the curve through the points, its fill, anti-aliasing, tracing a mask back into points, bad input. */
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

/* Cells at or over half coverage in both masks, over those in either (1 when neither has any). */
static double iou(const smp_mask *a, const smp_mask *b) {
    long both = 0, either = 0;
    for (int i = 0; i < a->width * a->height; i++) {
        int in_a = a->coverage[i] >= 0.5f, in_b = b->coverage[i] >= 0.5f;
        both += in_a && in_b, either += in_a || in_b;
    }
    return either ? (double)both / (double)either : 1.0;
}

/* The traced points filled into a fresh mask of m's size. */
static smp_mask *refill(const smp_mask *m, const smp_point *p, int n) {
    smp_mask *r = NULL;
    assert_int_equal(smp_mask_create(m->photo_width, m->photo_height, m->cell, 0.0f, &r), SMP_OK);
    assert_int_equal(smp_mask_fill_curve(r, p, n, 1.0f), SMP_OK);
    return r;
}

/* Traces m with the defaults, checks what holds for every trace (a clockwise
 * outline within the photo, topmost point first) and returns the IoU of its
 * refill with m; *points (free with smp_free) and *n get the points. */
static double trace_round_trip(const smp_mask *m, smp_point **points, int *n, double *area_ratio) {
    *points = NULL;
    assert_int_equal(smp_mask_trace(m, 0.0, 0, points, n), SMP_OK);
    const smp_point *p = *points;
    assert_true(*n >= 3 && *n <= 48);
    double twice_area = 0.0;
    for (int i = 0; i < *n; i++) {
        smp_point a = p[i], b = p[(i + 1) % *n];
        twice_area += a.x * b.y - b.x * a.y;
        assert_true(a.x >= 0.0 && a.x <= m->photo_width && a.y >= 0.0 && a.y <= m->photo_height);
        assert_true(a.y > p[0].y || (a.y == p[0].y && a.x >= p[0].x));
    }
    assert_true(twice_area > 0.0); /* clockwise on the photo (y down) */
    smp_mask *r = refill(m, p, *n);
    double overlap = iou(m, r);
    if (area_ratio) *area_ratio = covered_area(r) / covered_area(m);
    smp_mask_destroy(r);
    return overlap;
}

static void a_traced_disc_round_trips(void **state) {
    (void)state;
    for (int cell = 1; cell <= 3; cell += 2) {
        smp_mask *m = NULL;
        assert_int_equal(smp_mask_create(W, H, cell, 0.0f, &m), SMP_OK);
        smp_point circle[64], *p;
        circle_points(circle, 64, 200.3, 150.7, 100.0);
        assert_int_equal(smp_mask_fill_curve(m, circle, 64, 1.0f), SMP_OK);
        int n;
        double area_ratio, overlap = trace_round_trip(m, &p, &n, &area_ratio);
        double worst = 0.0;
        for (int i = 0; i < n; i++) worst = fmax(worst, fabs(hypot(p[i].x - 200.3, p[i].y - 150.7) - 100.0));
        print_message("disc, %d-px cells: %d points, %.3f px off the circle at worst, area x %.4f, IoU %.4f\n", cell,
                      n, worst, area_ratio, overlap);
        assert_true(n >= 6);
        assert_true(worst <= 0.25 * cell); /* on the anti-aliased edge, not on a cell boundary */
        assert_near(area_ratio, 1.0, 0.02);
        assert_true(overlap >= 0.97);
        smp_free(p);
        smp_mask_destroy(m);
    }
}

/* A horseshoe open at the bottom: the curve's 8 points. */
static const smp_point horseshoe[8] = {{80, 50},   {320, 50},  {350, 180}, {280, 260},
                                       {240, 140}, {160, 140}, {120, 260}, {50, 180}};

static void a_traced_horseshoe_round_trips(void **state) {
    (void)state;
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &m), SMP_OK);
    assert_int_equal(smp_mask_fill_curve(m, horseshoe, 8, 1.0f), SMP_OK);
    assert_near(m->coverage[230 * W + 200], 0.0, 0); /* the gap between the legs */
    smp_point *p;
    int n;
    double area_ratio, overlap = trace_round_trip(m, &p, &n, &area_ratio);
    print_message("horseshoe: %d points, area x %.4f, IoU %.4f\n", n, area_ratio, overlap);
    assert_near(area_ratio, 1.0, 0.02);
    assert_true(overlap >= 0.95);
    smp_free(p);
    smp_mask_destroy(m);
}

static void a_region_on_the_border_closes_along_it(void **state) {
    (void)state;
    smp_mask *m = NULL;
    smp_point circle[32], *p;
    for (int right = 0; right <= 1; right++) { /* the last column of 3-px cells reaches a pixel past the photo */
        assert_int_equal(smp_mask_create(W + 1, H, 3, 0.0f, &m), SMP_OK);
        circle_points(circle, 32, right ? W + 1 - 30.0 : 30.0, 150.0, 90.0); /* a third of it past the edge */
        assert_int_equal(smp_mask_fill_curve(m, circle, 32, 1.0f), SMP_OK);
        int n, on_border = 0;
        double overlap = trace_round_trip(m, &p, &n, NULL);
        for (int i = 0; i < n; i++) on_border += right ? p[i].x > W + 1 - 1.5 : p[i].x < 1.5;
        print_message("disc on the %s edge: %d points, %d on it, IoU %.4f\n", right ? "right" : "left", n, on_border,
                      overlap);
        assert_true(on_border >= 2); /* where the arc meets the edge */
        assert_true(overlap >= 0.97);
        smp_free(p);
        smp_mask_destroy(m);
    }

    assert_int_equal(smp_mask_create(W + 1, H, 3, 1.0f, &m), SMP_OK); /* all painted: the photo's rectangle */
    int n;
    double overlap = trace_round_trip(m, &p, &n, NULL);
    print_message("all painted: %d points, IoU %.4f\n", n, overlap);
    assert_int_equal(n, 4);
    for (int i = 0; i < n; i++) /* in the corners, which marching squares cuts by half a cell */
        assert_true(fmin(p[i].x, W + 1 - p[i].x) <= 1.5 && fmin(p[i].y, H - p[i].y) <= 1.5);
    assert_true(overlap >= 0.99);
    smp_free(p);
    smp_mask_destroy(m);

    assert_int_equal(smp_mask_create(W + 1, H, 3, 0.0f, &m), SMP_OK); /* a bar in the last column of cells */
    for (int y = 40; y < 60; y++) m->coverage[y * m->width + m->width - 1] = 1.0f;
    assert_int_equal(smp_mask_trace(m, 0.01, 0, &p, &n), SMP_OK);
    double right = 0.0;
    for (int i = 0; i < n; i++) right = fmax(right, p[i].x);
    assert_near(right, W + 1, 0); /* the cell reaches to 402, the photo to 401 */
    smp_free(p);
    smp_mask_destroy(m);
}

static void the_largest_region_is_traced(void **state) {
    (void)state;
    for (int big_first = 0; big_first <= 1; big_first++) {
        smp_mask *m = NULL;
        assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &m), SMP_OK);
        smp_point small[16], big[16], *p;
        circle_points(small, 16, big_first ? 330 : 60, big_first ? 240 : 60, 40.0);
        circle_points(big, 16, big_first ? 120 : 250, big_first ? 110 : 170, 70.0);
        assert_int_equal(smp_mask_fill_curve(m, small, 16, 1.0f), SMP_OK);
        assert_int_equal(smp_mask_fill_curve(m, big, 16, 1.0f), SMP_OK);
        int n;
        assert_int_equal(smp_mask_trace(m, 0.0, 0, &p, &n), SMP_OK);
        for (int i = 0; i < n; i++)
            assert_near(hypot(p[i].x - (big_first ? 120 : 250), p[i].y - (big_first ? 110 : 170)), 70.0, 1.0);
        smp_free(p);
        smp_mask_destroy(m);
    }

    /* Equal regions: the first from the top. */
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &m), SMP_OK);
    for (int y = 0; y < 40; y++)
        for (int x = 0; x < 40; x++) m->coverage[(y + 150) * W + x + 20] = m->coverage[(y + 100) * W + x + 300] = 1.0f;
    smp_point *p;
    int n;
    assert_int_equal(smp_mask_trace(m, 0.0, 0, &p, &n), SMP_OK);
    for (int i = 0; i < n; i++) assert_true(p[i].x >= 299.5 && p[i].y <= 140.5);
    smp_free(p);
    smp_mask_destroy(m);

    /* Hard-edged squares of 2500 cells meeting at a corner are one region, larger than a disc of 3850. */
    for (int rising = 0; rising <= 1; rising++) {
        assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &m), SMP_OK);
        for (int y = 100; y < 200; y++)
            for (int x = 100; x < 200; x++) m->coverage[y * W + x] = ((x < 150) == (y < 150)) != rising ? 1.0f : 0.0f;
        smp_point disc[16];
        circle_points(disc, 16, 310, 150, 35.0);
        assert_int_equal(smp_mask_fill_curve(m, disc, 16, 1.0f), SMP_OK);
        assert_int_equal(smp_mask_trace(m, 0.0, 0, &p, &n), SMP_OK);
        smp_mask *r = refill(m, p, n);
        int low = rising ? 175 : 125, high = rising ? 125 : 175; /* the squares' centres, left then right */
        assert_true(r->coverage[low * W + 125] > 0.99f && r->coverage[high * W + 175] > 0.99f);
        assert_near(r->coverage[150 * W + 310], 0.0, 0);
        smp_mask_destroy(r);
        smp_free(p);
        smp_mask_destroy(m);
    }
}

static void fewer_points_when_asked(void **state) {
    (void)state;
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.0f, &m), SMP_OK);
    assert_int_equal(smp_mask_fill_curve(m, horseshoe, 8, 1.0f), SMP_OK);
    smp_point *p;
    int n, fine;
    assert_int_equal(smp_mask_trace(m, 0.05, 4096, &p, &fine), SMP_OK);
    smp_free(p);
    int limits[3] = {48, 6, 3};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(smp_mask_trace(m, 0.05, limits[k], &p, &n), SMP_OK);
        assert_int_equal(n, limits[k]);
        smp_free(p);
    }
    assert_int_equal(smp_mask_trace(m, 1000.0, 0, &p, &n), SMP_OK); /* the roughest outline there is */
    assert_int_equal(n, 3);
    smp_free(p);
    assert_true(fine > 48); /* a tight tolerance keeps many */
    smp_mask_destroy(m);
}

static void bad_traces_are_refused(void **state) {
    (void)state;
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(W, H, 1, 0.49f, &m), SMP_OK);
    smp_point *p = NULL;
    int n = 0;
    assert_int_equal(smp_mask_trace(m, 0.0, 0, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_string_equal(smp_last_error(), "mask trace: the mask has no painted area");
    m->coverage[W * 10 + 10] = NAN; /* not paint either */
    assert_int_equal(smp_mask_trace(m, 0.0, 0, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    m->coverage[W * 10 + 10] = 0.5f; /* one cell: the outline shrinks to a point */
    assert_int_equal(smp_mask_trace(m, 0.0, 0, &p, &n), SMP_OK);
    assert_int_equal(n, 3);
    for (int i = 0; i < n; i++) assert_true(p[i].x == 10.5 && p[i].y == 10.5);
    smp_free(p);
    p = NULL;
    assert_int_equal(smp_mask_trace(m, -1.0, 0, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "tolerance -1 px"));
    assert_int_equal(smp_mask_trace(m, NAN, 0, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_trace(m, INFINITY, 0, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_trace(m, 0.0, 2, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "2 points at most"));
    assert_int_equal(smp_mask_trace(m, 0.0, SMP_CURVE_MAX_POINTS + 1, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_trace(m, 0.0, -1, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_trace(NULL, 0.0, 0, &p, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_trace(m, 0.0, 0, NULL, &n), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_trace(m, 0.0, 0, &p, NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_null(p);
    smp_mask_destroy(m);
}

static void the_sample_clients_area_traces(void **state) {
    (void)state;
    smp_sample_client c;
    assert_int_equal(smp_sample_client_get(&c), SMP_OK);
    smp_image_info info;
    smp_image *photo = NULL;
    assert_int_equal(smp_image_load_memory(c.photo.data, c.photo.size, "photo", NULL, &photo, &info), SMP_OK);
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_load_memory(c.mask.data, c.mask.size, "mask", photo->width, photo->height,
                                          smp_mask_cell_for_scale(c.px_per_mm), &m),
                     SMP_OK);
    smp_point *p;
    int n;
    double overlap = trace_round_trip(m, &p, &n, NULL);
    print_message("sample client: %d points, IoU %.4f\n", n, overlap);
    assert_true(n >= 8 && n <= 48);
    assert_true(overlap >= 0.93);
    smp_free(p);
    smp_mask_destroy(m);
    smp_image_destroy(photo);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_curve_passes_through_its_points),
        cmocka_unit_test(a_circle_fills_its_area),
        cmocka_unit_test(paint_values_combine_by_maximum),
        cmocka_unit_test(outlines_past_the_photo_are_clipped),
        cmocka_unit_test(same_mask_for_any_thread_count),
        cmocka_unit_test(bad_outlines_are_refused),
        cmocka_unit_test(a_traced_disc_round_trips),
        cmocka_unit_test(a_traced_horseshoe_round_trips),
        cmocka_unit_test(a_region_on_the_border_closes_along_it),
        cmocka_unit_test(the_largest_region_is_traced),
        cmocka_unit_test(fewer_points_when_asked),
        cmocka_unit_test(bad_traces_are_refused),
        cmocka_unit_test(the_sample_clients_area_traces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
