/* test_mask_paint.c: brush and eraser strokes in masks (area, order, clipping, bad input) and masks saved as grey PNGs. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_support.h"

#define SMP_TEST_PI 3.14159265358979323846

enum { W = 400, H = 300 };

/* A fresh mask with every cell at value; fails the test when it cannot be made. */
static smp_mask *new_mask(int photo_width, int photo_height, int cell, float value) {
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(photo_width, photo_height, cell, value, &m), SMP_OK);
    return m;
}

static double covered_area(const smp_mask *m) {
    double sum = 0.0;
    for (int i = 0; i < m->width * m->height; i++) sum += m->coverage[i];
    return sum * m->cell * m->cell;
}

static float *copy_coverage(const smp_mask *m) {
    size_t bytes = (size_t)m->width * (size_t)m->height * sizeof(float);
    float *copy = malloc(bytes);
    assert_non_null(copy);
    memcpy(copy, m->coverage, bytes);
    return copy;
}

static void a_dab_paints_the_area_of_its_disc(void **state) {
    (void)state;
    const double radii[] = {3.0, 4.7, 12.25, 40.0, 99.5};
    const double centres[][2] = {{200.0, 150.0}, {200.5, 150.5}, {137.31, 91.77}};
    int tried = 0;
    for (int cell = 1; cell <= 3; cell += 2)
        for (int r = 0; r < 5; r++)
            for (int c = 0; c < 3; c++) {
                double radius = radii[r] * cell;
                if (centres[c][0] - radius < 0 || centres[c][1] - radius < 0 || centres[c][0] + radius > W ||
                    centres[c][1] + radius > H)
                    continue; /* the disc must fit the mask */
                smp_mask *m = new_mask(W, H, cell, 0.0f);
                assert_int_equal(smp_mask_paint(m, centres[c][0], centres[c][1], centres[c][0], centres[c][1],
                                                radius, 1.0f),
                                 SMP_OK);
                double area = SMP_TEST_PI * radius * radius;
                assert_near(covered_area(m) / area, 1.0, 0.02);
                int cx = (int)(centres[c][0] / cell), cy = (int)(centres[c][1] / cell);
                assert_near(m->coverage[cy * m->width + cx], 1.0, 0); /* the middle fully painted */
                assert_near(m->coverage[0], 0.0, 0);                  /* the corner untouched */
                smp_mask_destroy(m);
                tried++;
            }
    assert_int_equal(tried, 25);
}

static void a_brush_thinner_than_a_cell_keeps_its_area(void **state) {
    (void)state;
    smp_mask *m = new_mask(W, H, 4, 0.0f);
    assert_int_equal(smp_mask_paint(m, 101.3, 50.2, 101.3, 50.2, 1.5, 1.0f), SMP_OK);
    assert_near(covered_area(m) / (SMP_TEST_PI * 1.5 * 1.5), 1.0, 0.15); /* as documented for tiny dabs */
    assert_true(m->coverage[12 * m->width + 25] > 0.1f);
    assert_int_equal(smp_mask_paint(m, 20.0, 200.0, 380.0, 230.0, 1.0, 1.0f), SMP_OK);
    double length = hypot(360.0, 30.0);
    assert_near(covered_area(m) / (SMP_TEST_PI * 1.5 * 1.5 + 2.0 * length + SMP_TEST_PI), 1.0, 0.02);
    for (int i = 0; i < m->width * m->height; i++) assert_true(m->coverage[i] < 0.75f); /* thin paint is faint */
    smp_mask_destroy(m);
}

static void a_stroke_paints_the_area_of_its_capsule(void **state) {
    (void)state;
    const double strokes[][5] = {
        {50.0, 150.0, 350.0, 150.0, 10.0}, /* horizontal */
        {200.2, 30.0, 200.2, 270.0, 6.5},  /* vertical */
        {40.5, 40.5, 330.0, 250.0, 15.0},  /* diagonal */
        {60.0, 260.0, 340.0, 80.3, 3.0},   /* shallow, thin */
        {100.0, 100.0, 103.0, 101.0, 20.0} /* shorter than it is wide */
    };
    for (int cell = 1; cell <= 2; cell++)
        for (int s = 0; s < 5; s++) {
            const double *k = strokes[s];
            smp_mask *m = new_mask(W, H, cell, 0.0f);
            assert_int_equal(smp_mask_paint(m, k[0], k[1], k[2], k[3], k[4], 1.0f), SMP_OK);
            double length = hypot(k[2] - k[0], k[3] - k[1]);
            assert_near(covered_area(m) / (2.0 * k[4] * length + SMP_TEST_PI * k[4] * k[4]), 1.0, 0.02);
            int mx = (int)((k[0] + k[2]) / 2 / cell), my = (int)((k[1] + k[3]) / 2 / cell);
            assert_near(m->coverage[my * m->width + mx], 1.0, 0);
            smp_mask_destroy(m);
        }
}

static void the_eraser_takes_back_what_the_brush_painted(void **state) {
    (void)state;
    smp_mask *m = new_mask(W, H, 1, 0.0f);
    assert_int_equal(smp_mask_paint(m, 80.3, 90.1, 310.7, 200.4, 12.0, 1.0f), SMP_OK);
    assert_int_equal(smp_mask_paint(m, 150.0, 20.0, 150.0, 20.0, 30.0, 1.0f), SMP_OK);
    assert_true(covered_area(m) > 5000.0);
    /* The same strokes erased with a brush wider by more than the anti-aliased rim. */
    assert_int_equal(smp_mask_paint(m, 80.3, 90.1, 310.7, 200.4, 14.0, 0.0f), SMP_OK);
    assert_int_equal(smp_mask_paint(m, 150.0, 20.0, 150.0, 20.0, 32.0, -3.0f), SMP_OK); /* clamped to 0 */
    for (int i = 0; i < W * H; i++) assert_near(m->coverage[i], 0.0, 0);
    smp_mask_destroy(m);
}

static void half_paint_gives_half_coverage(void **state) {
    (void)state;
    smp_mask *m = new_mask(W, H, 2, 0.0f);
    assert_int_equal(smp_mask_paint(m, 200.0, 150.0, 200.0, 150.0, 50.0, 0.5f), SMP_OK);
    int inside = 0;
    for (int y = 0; y < m->height; y++)
        for (int x = 0; x < m->width; x++) {
            double d = hypot((x + 0.5) * 2 - 200.0, (y + 0.5) * 2 - 150.0);
            float c = m->coverage[y * m->width + x];
            if (d < 48.0) {
                inside++;
                assert_near(c, 0.5, 0);
            }
            if (d > 52.0) assert_near(c, 0.0, 0);
            assert_true(c >= 0.0f && c <= 0.5f);
        }
    assert_true(inside > 1700);
    assert_near(covered_area(m) / (0.5 * SMP_TEST_PI * 50.0 * 50.0), 1.0, 0.02);
    /* Half paint over half paint goes half of the rest of the way; paint above 1 is clamped. */
    assert_int_equal(smp_mask_paint(m, 200.0, 150.0, 200.0, 150.0, 50.0, 0.5f), SMP_OK);
    assert_near(m->coverage[75 * m->width + 100], 0.5, 0);
    assert_int_equal(smp_mask_paint(m, 200.0, 150.0, 200.0, 150.0, 10.0, 7.0f), SMP_OK);
    assert_near(m->coverage[75 * m->width + 100], 1.0, 0);
    smp_mask_destroy(m);
}

static void strokes_past_the_photo_are_clipped(void **state) {
    (void)state;
    smp_mask *m = new_mask(401, 301, 3, 0.0f); /* partial last cells */
    assert_int_equal(smp_mask_paint(m, -5000.0, 150.0, 9000.0, 150.0, 10.0, 1.0f), SMP_OK);
    assert_near(covered_area(m) / (20.0 * m->width * 3), 1.0, 0.02);
    assert_int_equal(smp_mask_paint(m, -1e7, -1e7, 1e7, 1e7, 5.0, 1.0f), SMP_OK); /* corner to corner */
    assert_int_equal(smp_mask_paint(m, 0.0, 0.0, 0.0, 0.0, 100000.0, 0.0f), SMP_OK);
    for (int i = 0; i < m->width * m->height; i++) assert_near(m->coverage[i], 0.0, 0);
    assert_int_equal(smp_mask_paint(m, -50.0, -50.0, -50.0, 900.0, 20.0, 1.0f), SMP_OK); /* wholly outside */
    assert_int_equal(smp_mask_paint(m, 1e7, 1e7, 1e7, 1e7, 100000.0, 1.0f), SMP_OK);
    for (int i = 0; i < m->width * m->height; i++) assert_near(m->coverage[i], 0.0, 0);
    assert_int_equal(smp_mask_paint(m, 410.0, 310.0, 410.0, 310.0, 20.0, 1.0f), SMP_OK); /* a corner */
    assert_near(m->coverage[m->width * m->height - 1], 1.0, 0);
    smp_mask_destroy(m);
}

static void same_strokes_for_any_thread_count(void **state) {
    (void)state;
    int threads = omp_get_max_threads();
    smp_mask *masks[2];
    for (int i = 0; i < 2; i++) {
        masks[i] = new_mask(W, H, 1, 0.0f);
        omp_set_num_threads(i ? 3 : 1);
        assert_int_equal(smp_mask_paint(masks[i], 10.0, 20.0, 390.0, 280.0, 120.0, 0.8f), SMP_OK); /* big */
        assert_int_equal(smp_mask_paint(masks[i], 300.0, 40.0, 120.0, 260.0, 7.0, 0.1f), SMP_OK);  /* small */
    }
    omp_set_num_threads(threads);
    assert_memory_equal(masks[0]->coverage, masks[1]->coverage, (size_t)W * H * sizeof(float));
    smp_mask_destroy(masks[0]);
    smp_mask_destroy(masks[1]);
}

static void bad_strokes_are_refused_and_leave_the_mask(void **state) {
    (void)state;
    smp_mask *m = new_mask(W, H, 1, 0.25f);
    assert_int_equal(smp_mask_paint(m, 100, 100, 120, 110, 8, 1.0f), SMP_OK);
    float *before = copy_coverage(m);
    const struct {
        double x0, y0, x1, y1, radius;
        float value;
        const char *message;
    } bad[] = {
        {NAN, 10, 20, 20, 5, 1.0f, "not a finite position"},
        {10, 10, 20, INFINITY, 5, 1.0f, "not a finite position"},
        {10, -2e7, 20, 20, 5, 1.0f, "within +-1e+07 px"},
        {10, 10, 20, 20, -3, 1.0f, "radius -3 px"},
        {10, 10, 20, 20, 0, 1.0f, "radius 0 px"},
        {10, 10, 20, 20, NAN, 1.0f, "radius nan px"},
        {10, 10, 20, 20, INFINITY, 1.0f, "radius inf px"},
        {10, 10, 20, 20, 100000.5, 1.0f, "at most 100000"},
        {10, 10, 20, 20, 5, NAN, "paint value nan"},
        {10, 10, 20, 20, 5, INFINITY, "paint value inf"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(smp_mask_paint(m, bad[i].x0, bad[i].y0, bad[i].x1, bad[i].y1, bad[i].radius, bad[i].value),
                         SMP_ERR_INVALID_ARGUMENT);
        if (!strstr(smp_last_error(), bad[i].message))
            fail_msg("case %zu: \"%s\" does not say \"%s\"", i, smp_last_error(), bad[i].message);
        assert_memory_equal(m->coverage, before, (size_t)W * H * sizeof(float));
    }
    assert_int_equal(smp_mask_paint(NULL, 10, 10, 20, 20, 5, 1.0f), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "mask paint"));
    free(before);
    smp_mask_destroy(m);
}

static void strokes_paint_in_order_and_stop_at_a_bad_one(void **state) {
    (void)state;
    const smp_stroke strokes[] = {
        {40, 50, 300, 60, 20, 1.0f},   /* brush */
        {150, 0, 160, 290, 9, 0.0f},   /* eraser across it */
        {155, 55, 155, 55, 4, 0.5f},   /* a dab in the erased gap */
        {10, 200, 390, 210, 0.3, 1.0f}, /* thinner than a cell */
    };
    smp_mask *one_by_one = new_mask(W, H, 2, 0.0f), *m = new_mask(W, H, 2, 0.0f);
    for (int i = 0; i < 4; i++) {
        const smp_stroke *s = &strokes[i];
        assert_int_equal(smp_mask_paint(one_by_one, s->x0, s->y0, s->x1, s->y1, s->radius, s->value), SMP_OK);
    }
    assert_int_equal(smp_mask_paint_strokes(m, strokes, 4), SMP_OK);
    assert_memory_equal(m->coverage, one_by_one->coverage, (size_t)m->width * (size_t)m->height * sizeof(float));
    assert_true(m->coverage[27 * m->width + 50] == 1.0f);   /* (100, 55): painted */
    assert_true(m->coverage[27 * m->width + 77] == 0.5f);   /* (155, 55): erased, then half paint */
    assert_true(m->coverage[10 * m->width + 77] == 0.0f);   /* (155, 20): erased */

    assert_int_equal(smp_mask_paint_strokes(m, NULL, 0), SMP_OK); /* nothing to paint */
    assert_memory_equal(m->coverage, one_by_one->coverage, (size_t)m->width * (size_t)m->height * sizeof(float));

    /* The second is refused: the first stays painted, the third is not. */
    const smp_stroke bad[] = {{0, 0, 100, 0, 10, 1.0f}, {0, 0, 10, 10, -2, 1.0f}, {0, 100, 100, 100, 10, 1.0f}};
    smp_mask *fresh = new_mask(W, H, 2, 0.0f);
    assert_int_equal(smp_mask_paint_strokes(fresh, bad, 3), SMP_ERR_INVALID_ARGUMENT);
    assert_string_equal(smp_last_error(),
                        "mask paint: stroke 1 of 3: radius -2 px; a brush needs more than 0 and at most 100000");
    assert_true(fresh->coverage[0 * fresh->width + 25] == 1.0f);  /* (50, 0) */
    assert_true(fresh->coverage[50 * fresh->width + 25] == 0.0f); /* (50, 100) */

    assert_int_equal(smp_mask_paint_strokes(NULL, strokes, 1), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_paint_strokes(m, NULL, 1), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_paint_strokes(m, strokes, -1), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "mask paint"));
    smp_mask_destroy(fresh);
    smp_mask_destroy(m);
    smp_mask_destroy(one_by_one);
}

/* A file of strokes as wide as the photo would take hours to paint: refused before any is painted. */
static void strokes_that_would_take_hours_are_refused(void **state) {
    (void)state;
    smp_mask *m = new_mask(5000, 5000, 1, 0.0f);
    enum { COUNT = 1000 };
    smp_stroke *huge = calloc(COUNT, sizeof *huge);
    assert_non_null(huge);
    for (int i = 0; i < COUNT; i++) huge[i] = (smp_stroke){0, 0, 5000, 5000, SMP_STROKE_MAX_RADIUS, 1.0f};
    assert_int_equal(smp_mask_paint_strokes(m, huge, COUNT), SMP_ERR_TOO_LARGE);
    assert_string_equal(smp_last_error(), "mask paint: 1000 strokes would paint 2.5e+10 cells, over the 1e+09 allowed");
    assert_true(m->coverage[0] == 0.0f && m->coverage[2500 * 5000 + 2500] == 0.0f);
    assert_int_equal(smp_mask_paint_strokes(m, huge, 10), SMP_OK); /* ten paint the whole mask in a moment */
    assert_true(m->coverage[2500 * 5000 + 2500] == 1.0f);
    free(huge);
    smp_mask_destroy(m);
}

static char *join(const char *folder, const char *name) {
    char *path = malloc(strlen(folder) + strlen(name) + 2);
    assert_non_null(path);
    sprintf(path, "%s/%s", folder, name);
    return path;
}

static void a_saved_mask_loads_back(void **state) {
    (void)state;
    char *folder = make_temp_folder();
    char *path = join(folder, "mask.png");
    /* Photo sizes that are and are not multiples of the cell, and one far from the cell grid's aspect. */
    const int sizes[][3] = {{400, 300, 1}, {400, 300, 4}, {401, 301, 3}, {4000, 3000, 7}, {10, 7, 64}};
    for (int s = 0; s < 5; s++) {
        smp_mask *m = new_mask(sizes[s][0], sizes[s][1], sizes[s][2], 0.0f), *back = NULL;
        for (int i = 0; i < m->width * m->height; i++) m->coverage[i] = (float)((i * 7919) % 1000) / 999.0f;
        assert_int_equal(smp_mask_paint(m, 30.0, 20.0, 300.0, 200.0, 25.0, 1.0f), SMP_OK);
        assert_int_equal(smp_mask_save(m, path), SMP_OK);
        smp_image *image = NULL;
        smp_image_info info;
        assert_int_equal(smp_image_load(path, NULL, &image, &info), SMP_OK);
        assert_int_equal(info.channels, 1); /* grey */
        assert_int_equal(info.bits_per_channel, 8);
        assert_int_equal(image->width, m->width);
        assert_int_equal(image->height, m->height);
        smp_image_destroy(image);
        assert_int_equal(smp_mask_load(path, m->photo_width, m->photo_height, m->cell, &back), SMP_OK);
        assert_int_equal(back->width, m->width);
        assert_int_equal(back->height, m->height);
        for (int i = 0; i < m->width * m->height; i++) assert_near(back->coverage[i], m->coverage[i], 0.5 / 255 + 1e-6);
        smp_mask_destroy(back);
        smp_mask_destroy(m);
    }
    assert_int_equal(unlink(path), 0);
    free(path);
    remove_folder(folder);
}

static void a_mask_that_cannot_be_saved_leaves_no_file(void **state) {
    (void)state;
    smp_mask *m = new_mask(W, H, 2, 0.5f);
    const char *path = "/nonexistent/dir/m.png";
    assert_int_equal(smp_mask_save(m, path), SMP_ERR_WRITE);
    assert_non_null(strstr(smp_last_error(), path));
    assert_int_equal(access(path, F_OK), -1);
    char *folder = make_temp_folder();
    char *jpeg = join(folder, "m.jpg");
    assert_int_equal(smp_mask_save(m, jpeg), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), ".png"));
    assert_int_equal(access(jpeg, F_OK), -1);
    assert_int_equal(smp_mask_save(NULL, jpeg), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_save(m, NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_mask_save(m, ""), SMP_ERR_INVALID_ARGUMENT);
    free(jpeg);
    remove_folder(folder);
    smp_mask_destroy(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_dab_paints_the_area_of_its_disc),
        cmocka_unit_test(a_brush_thinner_than_a_cell_keeps_its_area),
        cmocka_unit_test(a_stroke_paints_the_area_of_its_capsule),
        cmocka_unit_test(the_eraser_takes_back_what_the_brush_painted),
        cmocka_unit_test(half_paint_gives_half_coverage),
        cmocka_unit_test(strokes_past_the_photo_are_clipped),
        cmocka_unit_test(same_strokes_for_any_thread_count),
        cmocka_unit_test(bad_strokes_are_refused_and_leave_the_mask),
        cmocka_unit_test(strokes_paint_in_order_and_stop_at_a_bad_one),
        cmocka_unit_test(strokes_that_would_take_hours_are_refused),
        cmocka_unit_test(a_saved_mask_loads_back),
        cmocka_unit_test(a_mask_that_cannot_be_saved_leaves_no_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
