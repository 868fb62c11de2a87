/* test_studio.c [SCREENSHOT.png [AFTER.png MIRRORED.png]]: the studio's view
 * arithmetic; with a screenshot the studio saved at 1280x800 (sample client,
 * fitted, wipe at the middle), that its halves are the engine's before and
 * after renders of that view; with two more, that the second is the first
 * mirrored. */
#include <stdlib.h>
#include <string.h>

#include "../src/studio/panel.h"
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

/* The style panel's rows, top to bottom, as the panel promises them. */
enum {
    ROW_DENSITY, ROW_DOT_SIZE, ROW_SIZE_VARIATION, ROW_SHADE, ROW_SHADE_VARIATION, ROW_HAIRLINE, ROW_FEATHER,
    ROW_IRREGULARITY, ROW_OFFSET, ROW_SESSIONS, ROW_AGE, ROW_INK, ROW_BLEND_DENSITY, ROW_BLEND_SHADE, ROW_SEED,
    ROW_MATCH_STUBBLE, ROW_COUNT
};

/* The sliders: the style field each sets, its range (style.h) and step. */
static const struct {
    int row;
    size_t offset;
    double min, max, step;
} panel_sliders[] = {
    {ROW_DENSITY, offsetof(smp_style, density), 10.0, 300.0, 1.0},
    {ROW_DOT_SIZE, offsetof(smp_style, dot_size), 0.05, 0.40, 0.01},
    {ROW_SIZE_VARIATION, offsetof(smp_style, size_variation), 0.0, 0.5, 0.01},
    {ROW_SHADE, offsetof(smp_style, shade), 0.05, 1.0, 0.01},
    {ROW_SHADE_VARIATION, offsetof(smp_style, shade_variation), 0.0, 0.5, 0.01},
    {ROW_FEATHER, offsetof(smp_style, feather_mm), 0.1, 20.0, 0.1},
    {ROW_IRREGULARITY, offsetof(smp_style, irregularity), 0.0, 1.0, 0.01},
    {ROW_OFFSET, offsetof(smp_style, hairline_offset_mm), -30.0, 30.0, 0.5},
    {ROW_BLEND_DENSITY, offsetof(smp_style, blend_density), 0.05, 1.0, 0.01},
    {ROW_BLEND_SHADE, offsetof(smp_style, blend_shade), 0.05, 1.0, 0.01},
};
#define PANEL_SLIDERS (sizeof panel_sliders / sizeof panel_sliders[0])

static double style_field(const smp_style *style, size_t offset) {
    return *(const double *)((const char *)style + offset);
}

static smp_style default_style(void) {
    smp_style style;
    assert_int_equal(smp_style_resolve(NULL, &style), SMP_OK);
    return style;
}

/* The style resolved after the panel set it; the test fails when it does not resolve. */
static smp_style resolved(const smp_style *style) {
    smp_style out;
    assert_int_equal(smp_style_resolve(style, &out), SMP_OK);
    return out;
}

static void panel_sliders_reach_their_ends(void **state) {
    (void)state;
    assert_int_equal(studio_panel_rows(), ROW_COUNT);
    for (double scale = 1.0; scale <= 2.0; scale += 0.5) {
        double width = studio_panel_width(scale);
        for (size_t i = 0; i < PANEL_SLIDERS; i++) {
            double min = panel_sliders[i].min, max = panel_sliders[i].max;
            /* beyond the track's ends, at its ends (the panel's edges) and at its middle */
            const double xs[] = {-50.0, 0.0, width / 2.0, width, width + 50.0};
            const double want[] = {min, min, (min + max) / 2.0, max, max};
            for (int k = 0; k < 5; k++) {
                smp_style style = default_style();
                smp_look look = {0};
                double before = style_field(&style, panel_sliders[i].offset);
                int code = studio_panel_set(panel_sliders[i].row, scale, xs[k], 1, &style, &look);
                double v = style_field(&style, panel_sliders[i].offset);
                assert_int_equal(code, v == before ? STUDIO_PANEL_UNCHANGED : STUDIO_PANEL_CHANGED);
                if (min == 0.0 && k < 2) assert_true(v == SMP_OFF); /* 0 would mean the default */
                v = style_field((smp_style[]){resolved(&style)}, panel_sliders[i].offset);
                if (k == 2)
                    assert_near(v, want[k], panel_sliders[i].step / 2.0 + 1e-9);
                else if (v != want[k])
                    fail_msg("row %d at x %g: %.17g, not %g", panel_sliders[i].row, xs[k], v, want[k]);
                /* the same point again changes nothing */
                assert_int_equal(studio_panel_set(panel_sliders[i].row, scale, xs[k], 0, &style, &look),
                                 STUDIO_PANEL_UNCHANGED);
            }
        }
    }
}

static void panel_steps_move_by_the_step_and_stop_at_the_ends(void **state) {
    (void)state;
    for (size_t i = 0; i < PANEL_SLIDERS; i++) {
        int row = panel_sliders[i].row;
        size_t at = panel_sliders[i].offset;
        double step = panel_sliders[i].step;
        smp_style style = default_style();
        smp_look look = {0};
        double start = style_field(&style, at);
        assert_int_equal(studio_panel_step(row, 1, &style, &look), STUDIO_PANEL_CHANGED);
        style = resolved(&style);
        assert_near(style_field(&style, at), start + step, 1e-9);
        assert_int_equal(studio_panel_step(row, -1, &style, &look), STUDIO_PANEL_CHANGED);
        assert_int_equal(studio_panel_step(row, -1, &style, &look), STUDIO_PANEL_CHANGED);
        style = resolved(&style);
        assert_near(style_field(&style, at), start - step, 1e-9);
        for (int direction = -1; direction <= 1; direction += 2) {
            double end = direction < 0 ? panel_sliders[i].min : panel_sliders[i].max;
            studio_panel_set(row, 1.0, direction < 0 ? 0.0 : 1e4, 1, &style, &look);
            style = resolved(&style);
            assert_int_equal(studio_panel_step(row, direction, &style, &look), STUDIO_PANEL_UNCHANGED);
            assert_true(style_field(&style, at) == end);
            assert_int_equal(studio_panel_step(row, -direction, &style, &look), STUDIO_PANEL_CHANGED);
            assert_near(style_field((smp_style[]){resolved(&style)}, at), end - direction * step, 1e-9);
            style = resolved(&style);
        }
    }
    /* a strength stepped down to 0 is off, not its default */
    smp_style style = default_style();
    smp_look look = {0};
    style.irregularity = 0.01;
    assert_int_equal(studio_panel_step(ROW_IRREGULARITY, -1, &style, &look), STUDIO_PANEL_CHANGED);
    assert_true(style.irregularity == SMP_OFF);
    assert_true(resolved(&style).irregularity == 0.0);
    /* the seed steps by one and stops at 0; the button is pressed by either key */
    style.seed = 0;
    assert_int_equal(studio_panel_step(ROW_SEED, -1, &style, &look), STUDIO_PANEL_UNCHANGED);
    assert_int_equal(studio_panel_step(ROW_SEED, 1, &style, &look), STUDIO_PANEL_CHANGED);
    assert_int_equal(studio_panel_set(ROW_SEED, 1.0, 10.0, 1, &style, &look), STUDIO_PANEL_CHANGED);
    assert_int_equal(studio_panel_set(ROW_SEED, 1.0, 10.0, 0, &style, &look), STUDIO_PANEL_UNCHANGED); /* a drag */
    assert_true(style.seed == 2);
    assert_int_equal(studio_panel_step(ROW_MATCH_STUBBLE, 1, &style, &look), STUDIO_PANEL_MATCH_STUBBLE);
    assert_int_equal(studio_panel_set(ROW_MATCH_STUBBLE, 1.0, 100.0, 1, &style, &look), STUDIO_PANEL_MATCH_STUBBLE);
    assert_int_equal(studio_panel_set(ROW_MATCH_STUBBLE, 1.0, 100.0, 0, &style, &look), STUDIO_PANEL_UNCHANGED);
    assert_int_equal(studio_panel_step(ROW_COUNT, 1, &style, &look), STUDIO_PANEL_UNCHANGED);
    assert_int_equal(studio_panel_set(-1, 1.0, 10.0, 1, &style, &look), STUDIO_PANEL_UNCHANGED);
}

static void panel_hairline_switch_resets_feather(void **state) {
    (void)state;
    smp_style style = default_style();
    smp_look look = {0};
    style.feather_mm = 12.0;
    style.irregularity = 0.3;
    double width = studio_panel_width(1.0);
    assert_int_equal(studio_panel_set(ROW_HAIRLINE, 1.0, width * 0.75, 1, &style, &look), STUDIO_PANEL_CHANGED);
    assert_int_equal(style.hairline, SMP_HAIRLINE_SHARP);
    assert_true(style.feather_mm == 0.0 && style.irregularity == 0.0); /* the sharp hairline's defaults */
    style = resolved(&style);
    assert_near(style.feather_mm, 0.4, 1e-12);
    assert_near(style.irregularity, 0.15, 1e-12);
    style.feather_mm = 3.0;
    assert_int_equal(studio_panel_set(ROW_HAIRLINE, 1.0, width * 0.75, 0, &style, &look), STUDIO_PANEL_UNCHANGED);
    assert_true(style.feather_mm == 3.0);
    assert_int_equal(studio_panel_step(ROW_HAIRLINE, 1, &style, &look), STUDIO_PANEL_UNCHANGED);
    assert_int_equal(studio_panel_step(ROW_HAIRLINE, -1, &style, &look), STUDIO_PANEL_CHANGED);
    style = resolved(&style);
    assert_int_equal(style.hairline, SMP_HAIRLINE_SOFT);
    assert_near(style.feather_mm, 6.0, 1e-12);
    /* sessions: 1-4, each with its own default shares */
    for (int n = 1; n <= 4; n++) {
        assert_int_equal(studio_panel_set(ROW_SESSIONS, 1.0, width * (n - 0.5) / 4.0, 1, &style, &look),
                         STUDIO_PANEL_CHANGED); /* from 3, then from the one before */
        style = resolved(&style);
        assert_int_equal(style.sessions, n);
        assert_true(style.session_share[n - 1] > 0.0);
    }
}

static void panel_choices_are_the_named_ages_and_inks(void **state) {
    (void)state;
    int ages = (int)(sizeof smp_age_names / sizeof smp_age_names[0]);
    double width = studio_panel_width(2.0);
    smp_style style = default_style();
    smp_look look = {0};
    for (int i = 0; i < ages; i++) {
        int code = studio_panel_set(ROW_AGE, 2.0, width * (i + 0.5) / ages, 1, &style, &look);
        assert_int_equal(code, STUDIO_PANEL_CHANGED); /* from healed (the zero look), then from the one before */
        assert_int_equal(look.fresh, smp_age_names[i].fresh);
        assert_true(look.years == smp_age_names[i].years);
    }
    assert_int_equal(studio_panel_step(ROW_AGE, 1, &style, &look), STUDIO_PANEL_UNCHANGED); /* 8y: the last */
    for (int i = ages - 2; i >= 0; i--) {
        assert_int_equal(studio_panel_step(ROW_AGE, -1, &style, &look), STUDIO_PANEL_CHANGED);
        assert_true(look.fresh == smp_age_names[i].fresh && look.years == smp_age_names[i].years);
    }
    look.ink = SMP_INK_CUSTOM;
    assert_int_equal(studio_panel_set(ROW_INK, 2.0, width, 1, &style, &look), STUDIO_PANEL_CHANGED);
    assert_int_equal(look.ink, SMP_INK_WARM);
    assert_int_equal(studio_panel_set(ROW_INK, 2.0, 0.0, 1, &style, &look), STUDIO_PANEL_CHANGED);
    assert_int_equal(look.ink, SMP_INK_NEUTRAL);
    assert_int_equal(studio_panel_step(ROW_INK, 1, &style, &look), STUDIO_PANEL_CHANGED);
    assert_int_equal(look.ink, SMP_INK_COOL);
}

static void panel_row_at_finds_each_row(void **state) {
    (void)state;
    for (double scale = 1.0; scale <= 2.0; scale += 1.0) {
        int width = studio_panel_width(scale), height = studio_panel_height(scale);
        int first[ROW_COUNT], last[ROW_COUNT], previous = -1;
        for (int r = 0; r < ROW_COUNT; r++) first[r] = last[r] = -1;
        for (int y = 0; y < height; y++) {
            int row = studio_panel_row_at(scale, width / 2.0, y + 0.5);
            assert_in_range(row + 1, 0, ROW_COUNT);
            if (row < 0) continue;
            assert_true(row == previous || last[row] < 0); /* one band a row */
            assert_true(row >= previous);                  /* top to bottom */
            if (first[row] < 0) first[row] = y;
            last[row] = y;
            previous = row;
        }
        for (int r = 0; r < ROW_COUNT; r++) {
            assert_true(first[r] >= 0);
            assert_true(last[r] - first[r] + 1 >= 30 * scale); /* big enough to hit */
            double centre = (first[r] + last[r] + 1) / 2.0;
            assert_int_equal(studio_panel_row_at(scale, width / 2.0, centre), r);
            assert_int_equal(studio_panel_row_at(scale, 1.0, centre), r);
            assert_int_equal(studio_panel_row_at(scale, -1.0, centre), -1);
            assert_int_equal(studio_panel_row_at(scale, width, centre), -1);
        }
        assert_int_equal(studio_panel_row_at(scale, width / 2.0, -1.0), -1);
        assert_int_equal(studio_panel_row_at(scale, width / 2.0, 1.0), -1); /* the margin above the rows */
        assert_int_equal(studio_panel_row_at(scale, width / 2.0, height), -1);
    }
}

/* Pixels that differ between two drawings; every one must be in the row (the hit-tested band). */
static long panel_differences(const smp_image *a, const smp_image *b, double scale, int row) {
    long count = 0;
    for (int y = 0; y < a->height; y++)
        for (int x = 0; x < a->width; x++)
            if (memcmp(pixel_at(a, x, y), pixel_at(b, x, y), 4) != 0) {
                if (studio_panel_row_at(scale, x + 0.5, y + 0.5) != row)
                    fail_msg("row %d: the change shows at (%d, %d), outside the row", row, x, y);
                count++;
            }
    return count;
}

/* 1 when the pixel is the bare plate. */
static int is_plate(const smp_image *image, int x, int y) {
    return memcmp(pixel_at(image, x, y), (const uint8_t[4]){24, 26, 30, 200}, 4) == 0;
}

/* The runs of at least `least` bare columns between the first and the last drawn column of rows [y0, y1). */
static int gaps(const smp_image *image, int y0, int y1, int least) {
    int drawn = 0, count = 0, run = 0;
    for (int x = 0; x < image->width; x++) {
        int bare = 1;
        for (int y = y0; y < y1 && bare; y++) bare = is_plate(image, x, y);
        if (!bare) {
            count += drawn && run >= least;
            drawn = 1;
            run = 0;
        } else {
            run++;
        }
    }
    return count;
}

static void panel_drawing_shows_each_row(void **state) {
    (void)state;
    smp_font *font = NULL;
    assert_int_equal(smp_font_load(NULL, &font), SMP_OK);
    for (double scale = 1.0; scale <= 2.0; scale += 1.0) {
        smp_style style = default_style();
        smp_look look = {0};
        smp_image *base = studio_panel_draw(font, scale, &style, &look, -1);
        assert_non_null(base);
        assert_int_equal(base->width, studio_panel_width(scale));
        assert_int_equal(base->height, studio_panel_height(scale));
        assert_true(is_plate(base, base->width / 2, 2)); /* the translucent plate */
        for (int row = 0; row < ROW_COUNT; row++) {
            /* a change of the row's value shows in the row and nowhere else */
            smp_style changed = style;
            smp_look changed_look = look;
            int code = studio_panel_step(row, 1, &changed, &changed_look);
            if (row != ROW_MATCH_STUBBLE) {
                assert_int_equal(code, STUDIO_PANEL_CHANGED);
                if (row == ROW_HAIRLINE) { /* the switch resets feather and irregularity too: rows of their own */
                    changed = style;
                    changed.hairline = SMP_HAIRLINE_SHARP;
                }
                smp_image *image = studio_panel_draw(font, scale, &changed, &changed_look, -1);
                assert_non_null(image);
                assert_true(panel_differences(base, image, scale, row) > 60 * scale * scale);
                smp_image_destroy(image);
            }
            /* so does holding it */
            smp_image *held = studio_panel_draw(font, scale, &style, &look, row);
            assert_non_null(held);
            assert_true(panel_differences(base, held, scale, row) > 1000 * scale * scale);
            smp_image_destroy(held);
        }
        smp_image_destroy(base);
        /* the name and the value never touch, even with the longest values */
        style.seed = UINT64_MAX;
        style.hairline_offset_mm = -29.5;
        look.ink = SMP_INK_CUSTOM;
        look.years = 12.5;
        smp_image *image = studio_panel_draw(font, scale, &style, &look, -1);
        assert_non_null(image);
        for (int row = 0; row < ROW_COUNT - 1; row++) { /* the button's label stands alone */
            int top = -1, bottom = -1;
            for (int y = 0; y < image->height; y++)
                if (studio_panel_row_at(scale, image->width / 2.0, y + 0.5) == row) {
                    top = top < 0 ? y : top;
                    bottom = y + 1;
                }
            /* on the line of text (the seed's: the row), wider apart than words: the name, the value (and
             * the seed's button) */
            int line = row == ROW_SEED ? bottom : top + (bottom - top) * 45 / 100;
            int apart = gaps(image, top, line, (int)(10 * scale));
            if (apart != (row == ROW_SEED ? 2 : 1)) fail_msg("row %d: %d gaps between name and value", row, apart);
        }
        smp_image_destroy(image);
    }
    smp_font_destroy(font);
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
        cmocka_unit_test(panel_sliders_reach_their_ends),
        cmocka_unit_test(panel_steps_move_by_the_step_and_stop_at_the_ends),
        cmocka_unit_test(panel_hairline_switch_resets_feather),
        cmocka_unit_test(panel_choices_are_the_named_ages_and_inks),
        cmocka_unit_test(panel_row_at_finds_each_row),
        cmocka_unit_test(panel_drawing_shows_each_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
