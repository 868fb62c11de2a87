/* test_studio.c [SCREENSHOT.png [AFTER.png MIRRORED.png]]: the studio's view
 * arithmetic; with a screenshot the studio saved at 1280x800 (sample client,
 * fitted, wipe at the middle), that its halves are the engine's before and
 * after renders of that view; with two more, that the second is the first
 * mirrored. */
#include <stdlib.h>
#include <string.h>

#include "../src/studio/studio.h"
#include "test_support.h"

static const char *screenshot_path, *unmirrored_path, *mirrored_path;

static studio_view fitted(int width, int height, const smp_image_info *photo) {
    studio_view view = {.window_width = width, .window_height = height, .wipe = 0.5};
    studio_view_fit(&view, photo);
    return view;
}

static void fit_shows_the_whole_photo_centred(void **state) {
    (void)state;
    smp_image_info photo = {.width = 2400, .height = 1800};
    studio_view view = fitted(1280, 800, &photo);
    studio_visible v = studio_view_visible(&view, &photo);
    assert_int_equal(v.height, 800);
    assert_in_range(v.width, 1065, 1067);
    assert_in_range(v.x, 106, 108);
    assert_true(v.photo.x >= 0.0 && v.photo.x + v.photo.width <= 2400.0 + 1e-9);
    assert_true(v.photo.y >= 0.0 && v.photo.y + v.photo.height <= 1800.0 + 1e-9);
}

static void zoom_keeps_the_point_under_the_cursor(void **state) {
    (void)state;
    smp_image_info photo = {.width = 2400, .height = 1800};
    studio_view view = fitted(1280, 800, &photo);
    double cx = 300.0, cy = 200.0;
    double px = (cx - 640.0) / view.zoom + view.centre_x, py = (cy - 400.0) / view.zoom + view.centre_y;
    for (int i = 0; i < 5; i++) studio_view_zoom_at(&view, 1.25, cx, cy);
    assert_true(fabs((cx - 640.0) / view.zoom + view.centre_x - px) < 1e-9);
    assert_true(fabs((cy - 400.0) / view.zoom + view.centre_y - py) < 1e-9);
    studio_visible v = studio_view_visible(&view, &photo);
    assert_int_equal(v.width, 1280);
    assert_int_equal(v.height, 800);
}

static void panned_away_nothing_is_visible(void **state) {
    (void)state;
    smp_image_info photo = {.width = 2400, .height = 1800};
    studio_view view = fitted(1280, 800, &photo);
    studio_view_pan(&view, 5000.0, 0.0);
    assert_int_equal(studio_view_visible(&view, &photo).width, 0);
}

static void side_by_side_panes_and_mirror(void **state) {
    (void)state;
    smp_image_info photo = {.width = 2400, .height = 1800};
    studio_view view = {.window_width = 1280, .window_height = 800, .show = STUDIO_SHOW_SIDE_BY_SIDE};
    studio_view_fit(&view, &photo);
    assert_int_equal(studio_view_pane_width(&view), 640);
    studio_visible v = studio_view_visible(&view, &photo);
    assert_int_equal(v.width, 640);
    assert_int_equal(v.height, 480);
    assert_true(studio_view_pane_x(&view, 700.0) == 60.0); /* the right pane shows the same photo point */
    view.mirror = 1;
    assert_true(studio_view_pane_x(&view, 700.0) == 580.0);
    double centre = view.centre_x;
    studio_view_pan(&view, 10.0, 0.0); /* dragging right moves a mirrored photo right too */
    assert_true(view.centre_x > centre);
}

/* Largest difference of any channel over window columns [x0, x1) and rows [y0, y1). */
static int max_difference(const smp_image *shot, const smp_image *render, const studio_visible *v, int x0, int x1,
                          int y0, int y1) {
    int worst = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            for (int c = 0; c < 3; c++) {
                int a = shot->pixels[(size_t)y * shot->stride + 4 * (size_t)x + (size_t)c];
                int b = render->pixels[(size_t)(y - v->y) * render->stride + 4 * (size_t)(x - v->x) + (size_t)c];
                worst = abs(a - b) > worst ? abs(a - b) : worst;
            }
    return worst;
}

static void screenshot_halves_are_the_engine_renders(void **state) {
    (void)state;
    if (!screenshot_path) {
        print_message("skipped: no screenshot given (tests/studio.sh makes one under Xvfb)\n");
        skip();
    }
    smp_image *shot = NULL, *photo = NULL;
    smp_image_info info;
    smp_design *design = NULL;
    smp_renderer *renderer = NULL;
    assert_int_equal(smp_image_load(screenshot_path, NULL, &shot, NULL), SMP_OK);
    assert_int_equal(smp_sample_client_open(&photo, &info, &design), SMP_OK);
    assert_int_equal(smp_renderer_create(photo, &renderer), SMP_OK);
    studio_view view = fitted(shot->width, shot->height, &info);
    studio_visible v = studio_view_visible(&view, &info);
    smp_image *before = smp_image_create(v.width, v.height), *after = smp_image_create(v.width, v.height);
    assert_int_equal(smp_render(renderer, NULL, NULL, &v.photo, before, NULL, NULL), SMP_OK);
    assert_int_equal(smp_render(renderer, design, &(smp_look){0}, &v.photo, after, NULL, NULL), SMP_OK);
    int divider = shot->width / 2, below_labels = 60, above_status = v.y + v.height - 70;
    /* Exact through GL's RGBA8 textures and nearest sampling; 1 allows a driver's rounding. */
    assert_in_range(max_difference(shot, before, &v, v.x, divider - 2, below_labels, above_status), 0, 1);
    assert_in_range(max_difference(shot, after, &v, divider + 2, v.x + v.width, below_labels, above_status), 0, 1);
    /* The two halves differ where the dots are: the after is not the before. */
    assert_true(max_difference(shot, before, &v, divider + 2, v.x + v.width, below_labels, above_status) > 40);
    smp_image_destroy(before);
    smp_image_destroy(after);
    smp_renderer_destroy(renderer);
    smp_design_destroy(design);
    smp_image_destroy(photo);
    smp_image_destroy(shot);
}

static void mirror_flips_the_picture(void **state) {
    (void)state;
    if (!mirrored_path) {
        print_message("skipped: no screenshots given (tests/studio.sh makes them under Xvfb)\n");
        skip();
    }
    smp_image *a = NULL, *b = NULL;
    assert_int_equal(smp_image_load(unmirrored_path, NULL, &a, NULL), SMP_OK);
    assert_int_equal(smp_image_load(mirrored_path, NULL, &b, NULL), SMP_OK);
    assert_int_equal(a->width, b->width);
    long differing = 0;
    for (int y = 60; y < a->height - 70; y++) /* below the labels, above the status line */
        for (int x = 0; x < a->width; x++)
            differing += memcmp(a->pixels + (size_t)y * a->stride + 4 * (size_t)x,
                                b->pixels + (size_t)y * b->stride + 4 * (size_t)(a->width - 1 - x), 3) != 0;
    assert_int_equal(differing, 0);
    smp_image_destroy(a);
    smp_image_destroy(b);
}

int main(int argc, char **argv) {
    screenshot_path = argc > 1 ? argv[1] : NULL;
    unmirrored_path = argc > 3 ? argv[2] : NULL;
    mirrored_path = argc > 3 ? argv[3] : NULL;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fit_shows_the_whole_photo_centred),
        cmocka_unit_test(zoom_keeps_the_point_under_the_cursor),
        cmocka_unit_test(panned_away_nothing_is_visible),
        cmocka_unit_test(side_by_side_panes_and_mirror),
        cmocka_unit_test(screenshot_halves_are_the_engine_renders),
        cmocka_unit_test(mirror_flips_the_picture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
