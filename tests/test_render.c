/* test_render.c: pigment rendering: exact ink at any scale, untouched skin, ageing, determinism, sheets. */
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"
#include "test_support.h"

/* FNV-1a of a 240x180 render with seed 12345 (see the test); changes only when the look model or its
 * precision does. */
#define SMP_TEST_GOLDEN_RENDER 0x7aa91aba72e96e57ull

enum { W = 240, H = 180 };
#define PX_PER_MM 4.0 /* 60 x 45 mm */

/* Skin-coloured with a gentle gradient and per-pixel texture, so copies are
 * told apart from re-encodings. */
static smp_image *make_skin(int w, int h) {
    smp_image *im = smp_image_create(w, h);
    uint32_t r = 99;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            r = r * 1664525u + 1013904223u;
            uint8_t *p = pixel_at(im, x, y);
            p[0] = (uint8_t)(200u + (unsigned)(x % 20) + (r >> 29)), p[1] = (uint8_t)(160 + y % 15);
            p[2] = (uint8_t)(140u + (r >> 30));
            p[3] = 255;
        }
    return im;
}

static smp_design *half_design(int w, int h, double ppm, const smp_style *style) {
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(w, h, 1, 0.0f, &m), SMP_OK);
    for (int y = 0; y < m->height; y++)
        for (int x = 0; x < m->width / 2; x++) m->coverage[(size_t)y * (size_t)m->width + (size_t)x] = 1.0f;
    smp_design *d = NULL;
    assert_int_equal(smp_design_create(&(smp_design_desc){w, h, ppm, m, NULL, NULL}, &d), SMP_OK);
    if (style) assert_int_equal(smp_design_set_style(d, style), SMP_OK);
    smp_mask_destroy(m);
    return d;
}

static smp_image *render(smp_renderer *r, const smp_design *d, const smp_look *look, int w, int h) {
    smp_image *out = smp_image_create(w, h);
    if (smp_render(r, d, look, NULL, out, NULL, NULL) != SMP_OK) fail_msg("%s", smp_last_error());
    return out;
}

static uint64_t fnv1a(const smp_image *im) {
    uint64_t h = 1469598103934665603ull;
    for (int y = 0; y < im->height; y++)
        for (size_t i = 0; i < (size_t)im->width * 4; i++) h = (h ^ im->pixels[(size_t)y * im->stride + i]) * 1099511628211ull;
    return h;
}

/* Total darkening of the red channel in linear light, in photo pixels^2. */
static double ink_of(const smp_image *after, const smp_image *before, double pixel_area) {
    double sum = 0.0;
    for (int y = 0; y < after->height; y++)
        for (int x = 0; x < after->width; x++)
            sum += smp_srgb_to_linear(pixel_at(before, x, y)[0]) - smp_srgb_to_linear(pixel_at(after, x, y)[0]);
    return sum * pixel_area;
}

/* One 0.2 mm dot on a 5 px/mm white photo is about a pixel: it must take the
 * same ink wherever it sits in the pixel, and the same as at 40x zoom. */
static void sub_pixel_dots_keep_their_ink(void **state) {
    (void)state;
    smp_image *white = smp_image_create(40, 40);
    memset(white->pixels, 255, 40 * 40 * 4);
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(white, &r), SMP_OK);
    smp_dot dot = {.diameter_mm = 0.2f, .shade = 0.7f, .session = 1};
    smp_dot_list list = {&dot, 1, 1};
    smp_image *out = smp_image_create(40, 40);
    double inks[3];
    const float offsets[3][2] = {{4.0f, 4.0f}, {4.03f, 3.97f}, {4.11f, 4.07f}}; /* mm: centred, off by 0.15 and 0.55 px */
    for (int i = 0; i < 3; i++) {
        dot.x_mm = offsets[i][0], dot.y_mm = offsets[i][1];
        assert_int_equal(smp_render_dots(r, &list, 5.0, NULL, NULL, out, NULL, NULL), SMP_OK);
        inks[i] = ink_of(out, white, 1.0);
    }
    smp_image *zoomed = smp_image_create(400, 400); /* 20 x 20 photo pixels at 20x: the dot and its halo */
    dot.x_mm = 4.0f, dot.y_mm = 4.0f;
    smp_view view = {10, 10, 20, 20, 400, 400, 0};
    assert_int_equal(smp_render_dots(r, &list, 5.0, NULL, &view, zoomed, NULL, NULL), SMP_OK);
    double sum = 0.0; /* white everywhere before: darkening is 1 - linear */
    for (int y = 0; y < 400; y++)
        for (int x = 0; x < 400; x++) sum += 1.0 - smp_srgb_to_linear(pixel_at(zoomed, x, y)[0]);
    double zoomed_ink = sum / (20.0 * 20.0);
    print_message("ink of a 1 px dot: %.5f %.5f %.5f px2; at 20x zoom %.5f px2\n", inks[0], inks[1], inks[2], zoomed_ink);
    assert_true(inks[0] > 0.05);
    assert_near(inks[1], inks[0], 0.01 * inks[0]);
    assert_near(inks[2], inks[0], 0.01 * inks[0]);
    assert_near(zoomed_ink, inks[0], 0.01 * inks[0]);
    smp_image_destroy(zoomed);
    smp_image_destroy(out);
    smp_renderer_destroy(r);
    smp_image_destroy(white);
}

/* Ink darkens in linear light: a dot takes the same share of the light
 * from fair skin as from dark skin (an sRGB-space product would not). */
static void a_dot_takes_the_same_share_of_light_on_any_skin(void **state) {
    (void)state;
    const uint8_t skins[3] = {235, 120, 45};
    double shares[3];
    smp_dot dot = {.x_mm = 4.0f, .y_mm = 4.0f, .diameter_mm = 0.6f, .shade = 0.8f, .session = 1};
    smp_dot_list list = {&dot, 1, 1};
    for (int i = 0; i < 3; i++) {
        smp_image *skin = smp_image_create(40, 40), *out = smp_image_create(40, 40);
        memset(skin->pixels, skins[i], 40 * 40 * 4);
        smp_renderer *r = NULL;
        assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
        assert_int_equal(smp_render_dots(r, &list, 5.0, NULL, NULL, out, NULL, NULL), SMP_OK);
        shares[i] = ink_of(out, skin, 1.0) / smp_srgb_to_linear(skins[i]);
        smp_renderer_destroy(r);
        smp_image_destroy(out), smp_image_destroy(skin);
    }
    print_message("light a 0.6 mm dot takes: %.4f %.4f %.4f px2 of skin at %d %d %d\n", shares[0], shares[1],
                  shares[2], skins[0], skins[1], skins[2]);
    assert_true(shares[0] > 0.3);
    assert_near(shares[1], shares[0], 0.02 * shares[0]);
    assert_near(shares[2], shares[0], 0.02 * shares[0]);
}

static void skin_away_from_the_dots_is_untouched(void **state) {
    (void)state;
    smp_image *skin = make_skin(W, H);
    smp_design *d = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 3});
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
    smp_image *after = render(r, d, NULL, W, H);
    int touched_left = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int same = memcmp(pixel_at(after, x, y), pixel_at(skin, x, y), 4) == 0;
            if (x >= W / 2 + 2 * PX_PER_MM) assert_true(same); /* 2 mm past the edge: the halo's reach */
            if (x < W / 2 - 8 * PX_PER_MM) touched_left += !same;
        }
    assert_true(touched_left > W * H / 8); /* inside, the skin is pigmented */
    smp_image_destroy(after);
    after = render(r, NULL, NULL, W, H); /* no design: the photo itself */
    assert_true(images_equal(after, skin));
    smp_image_destroy(after);
    smp_renderer_destroy(r);
    smp_design_destroy(d);
    smp_image_destroy(skin);
}

/* The row loops the renderer runs: the widest the CPU has, at most those
 * SMP_CPU names. The suite runs this file once a path, so the golden hashes
 * check each (see CMakeLists.txt). */
static void smp_cpu_caps_the_row_loops(void **state) {
    (void)state;
    const char *cap = getenv("SMP_CPU"), *expected = "portable";
#if defined(SMP_CPU_CLONES)
    int avx2 = __builtin_cpu_supports("avx2") && !(cap && strcmp(cap, "portable") == 0);
    int avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                 __builtin_cpu_supports("avx512vl") && !(cap && strcmp(cap, "avx2") == 0);
    expected = avx512 ? "avx512" : avx2 ? "avx2" : "portable";
#endif
    smp_image *photo = make_skin(8, 8);
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(photo, &r), SMP_OK);
    print_message("row loops: %s (SMP_CPU %s)\n", smp_renderer_row_loops(r), cap ? cap : "unset");
    assert_string_equal(smp_renderer_row_loops(r), expected);
    smp_renderer_destroy(r);
    smp_image_destroy(photo);
}

/* Ink only ever darkens, to black at most: every channel of every pixel,
 * black and white ones among them, comes out no lighter than it went in, and
 * alpha the same, fresh dots on the darkest ink (a channel that rounded below
 * 0 and wrapped, or saturated the wrong way, would come out lighter). */
static void ink_never_lightens_a_channel(void **state) {
    (void)state;
    smp_image *photo = smp_image_create(W, H);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t *p = pixel_at(photo, x, y);
            p[0] = (uint8_t)(x * 7 + y), p[1] = (uint8_t)(x < 8 ? 0 : 255), p[2] = (uint8_t)(x * y), p[3] = (uint8_t)y;
        }
    smp_design *d = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 3, .density = 300, .shade = 1.0});
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(photo, &r), SMP_OK);
    smp_image *out = render(r, d, &(smp_look){.fresh = 1, .ink = SMP_INK_CUSTOM, .ink_rgb = {0, 0, 0}}, W, H);
    int darkened = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            const uint8_t *in = pixel_at(photo, x, y), *o = pixel_at(out, x, y);
            for (int c = 0; c < 3; c++) assert_true(o[c] <= in[c]);
            assert_int_equal(o[3], in[3]);
            darkened += o[0] < in[0];
        }
    assert_true(darkened > W * H / 8);
    smp_image_destroy(out);
    smp_renderer_destroy(r);
    smp_design_destroy(d);
    smp_image_destroy(photo);
}

static void same_bytes_for_any_thread_count_and_a_golden_hash(void **state) {
    (void)state;
    int threads = omp_get_max_threads();
    smp_image *skin = make_skin(W, H);
    smp_design *d = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 12345, .density = 150});
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
    omp_set_num_threads(1);
    smp_image *one = render(r, d, NULL, W, H);
    omp_set_num_threads(3);
    smp_image *three = render(r, d, NULL, W, H);
    omp_set_num_threads(threads);
    assert_true(images_equal(one, three));
    uint64_t hash = fnv1a(one);
    print_message("golden hash %016llx\n", (unsigned long long)hash);
    assert_int_equal(hash, SMP_TEST_GOLDEN_RENDER);
    smp_image_destroy(one);
    smp_image_destroy(three);
    smp_renderer_destroy(r);
    smp_design_destroy(d);
    smp_image_destroy(skin);
}

static double mean_luminance(const smp_image *im, int x0, int x1) {
    double sum = 0.0;
    for (int y = 0; y < im->height; y++)
        for (int x = x0; x < x1; x++) {
            const uint8_t *p = pixel_at(im, x, y);
            sum += 0.2126 * smp_srgb_to_linear(p[0]) + 0.7152 * smp_srgb_to_linear(p[1]) + 0.0722 * smp_srgb_to_linear(p[2]);
        }
    return sum / ((double)(x1 - x0) * im->height);
}

static void ageing_only_ever_lightens(void **state) {
    (void)state;
    smp_image *skin = make_skin(W, H);
    smp_design *d = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 5});
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
    double before = mean_luminance(skin, 10, W / 2 - 30), previous = 0.0;
    for (size_t i = 0; i < sizeof smp_age_names / sizeof smp_age_names[0]; i++) {
        smp_look look = {0};
        assert_true(smp_age_from_name(smp_age_names[i].name, &look));
        smp_image *after = render(r, d, &look, W, H);
        double l = mean_luminance(after, 10, W / 2 - 30);
        print_message("%-6s treated/bare %.3f\n", smp_age_names[i].name, l / before);
        assert_true(l < before);
        assert_true(l >= previous);
        previous = l;
        smp_image_destroy(after);
    }
    smp_look unknown = {0};
    assert_false(smp_age_from_name("forever", &unknown));
    smp_renderer_destroy(r);
    smp_design_destroy(d);
    smp_image_destroy(skin);
}

static void sessions_build_up_and_drift_turns_blue_green(void **state) {
    (void)state;
    smp_image *skin = make_skin(W, H);
    smp_design *d = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 5});
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
    double previous = 1.0;
    for (int s = 1; s <= 3; s++) {
        smp_image *after = render(r, d, &(smp_look){.sessions = s}, W, H);
        double l = mean_luminance(after, 10, W / 2 - 30);
        assert_true(l < previous);
        previous = l;
        smp_image_destroy(after);
    }
    smp_image *good = render(r, d, &(smp_look){.years = 8}, W, H);
    smp_image *drifted = render(r, d, &(smp_look){.years = 8, .ink_drift = 1}, W, H);
    double red_good = 0, red_drift = 0, green_blue_good = 0, green_blue_drift = 0;
    for (int y = 0; y < H; y++)
        for (int x = 10; x < W / 2 - 30; x++) {
            red_good += pixel_at(good, x, y)[0], red_drift += pixel_at(drifted, x, y)[0];
            green_blue_good += pixel_at(good, x, y)[1] + pixel_at(good, x, y)[2];
            green_blue_drift += pixel_at(drifted, x, y)[1] + pixel_at(drifted, x, y)[2];
        }
    assert_true(red_drift / green_blue_drift < red_good / green_blue_good); /* less red: towards blue-green */
    smp_image_destroy(good);
    smp_image_destroy(drifted);
    smp_renderer_destroy(r);
    smp_design_destroy(d);
    smp_image_destroy(skin);
}

/* `part` is the region of `whole` at (x0, y0), within a code per channel. */
static void assert_part_of(const smp_image *part, const smp_image *whole, int x0, int y0) {
    for (int y = 0; y < part->height; y++)
        for (int x = 0; x < part->width; x++)
            for (int c = 0; c < 3; c++) assert_true(abs(pixel_at(part, x, y)[c] - pixel_at(whole, x0 + x, y0 + y)[c]) <= 1);
}

/* A view at 1:1 of part of the photo is that part of the whole render. */
static void views_agree_with_the_whole(void **state) {
    (void)state;
    smp_image *skin = make_skin(W, H);
    smp_design *d = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 2});
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
    smp_image *whole = render(r, d, NULL, W, H);
    smp_image *part = smp_image_create(64, 48);
    assert_int_equal(smp_render(r, d, NULL, &(smp_view){40, 30, 64, 48, 64, 48, 0}, part, NULL, NULL), SMP_OK);
    assert_part_of(part, whole, 40, 30);
    smp_image *fit = smp_image_create(60, 45); /* a quarter size view keeps the mean */
    assert_int_equal(smp_render(r, d, NULL, &(smp_view){0, 0, W, H, 60, 45, 0}, fit, NULL, NULL), SMP_OK);
    assert_near(mean_luminance(fit, 2, 28), mean_luminance(whole, 8, 112), 0.01);
    /* A 4K view (the studio's full screen) keeps the mean too, and again
     * from the photo it keeps resampled, with the same bytes. */
    smp_image *big = smp_image_create(3840, 2160), *again = smp_image_create(3840, 2160);
    const smp_view zoomed = {0, 0, W, H, 3840, 2160, 0};
    assert_int_equal(smp_render(r, d, NULL, &zoomed, big, NULL, NULL), SMP_OK);
    assert_int_equal(smp_render(r, d, NULL, &zoomed, again, NULL, NULL), SMP_OK);
    assert_memory_equal(big->pixels, again->pixels, (size_t)big->height * big->stride);
    assert_near(mean_luminance(big, 8 * 16, 112 * 16), mean_luminance(whole, 8, 112), 0.01);
    smp_image_destroy(again);
    smp_image_destroy(big);
    smp_image *outside = smp_image_create(10, 10);
    assert_int_equal(smp_render(r, d, NULL, &(smp_view){-50, -50, 10, 10, 10, 10, 0}, outside, NULL, NULL), SMP_OK);
    assert_int_equal(pixel_at(outside, 5, 5)[3], 0); /* past the photo: transparent */
    smp_image_destroy(outside);
    smp_image_destroy(fit);
    smp_image_destroy(part);
    smp_image_destroy(whole);
    smp_renderer_destroy(r);
    smp_design_destroy(d);
    smp_image_destroy(skin);
}

/* Whether the design's dots within `reach` mm of a view's rectangle (at 1:1)
 * include some that land in it and none of session `missing`. */
static int view_lacks_session(const smp_design *d, int x, int y, int side, double reach, int missing) {
    smp_rect_mm near = {x / PX_PER_MM - reach, y / PX_PER_MM - reach, side / PX_PER_MM + 2 * reach,
                        side / PX_PER_MM + 2 * reach};
    smp_dot_list dots = {0};
    assert_int_equal(smp_design_dots(d, &near, &dots), SMP_OK);
    int inside = 0, lacks = 1;
    for (size_t i = 0; i < dots.count; i++) {
        const smp_dot *p = &dots.dots[i];
        lacks &= p->session != missing;
        inside |= p->x_mm * PX_PER_MM >= x + 1 && p->x_mm * PX_PER_MM < x + side - 1 && p->y_mm * PX_PER_MM >= y + 1 &&
                  p->y_mm * PX_PER_MM < y + side - 1;
    }
    smp_dot_list_free(&dots);
    return inside && lacks;
}

/* A view holding no dot of the last session still shows its dots as they
 * are after it: just after session 3, session 2's dots have healed. */
static void a_view_ages_its_dots_as_the_whole_does(void **state) {
    (void)state;
    smp_image *skin = make_skin(W, H);
    smp_design *d = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 8, .density = 15});
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
    const smp_look fresh = {.fresh = 1};
    smp_image *whole = render(r, d, &fresh, W, H);
    enum { SIDE = 8 };
    int found = 0;
    for (int y = 0; y + SIDE <= H && !found; y += 2)
        for (int x = 0; x + SIDE <= W / 2 && !found; x += 2) {
            /* 3 mm: past what the renderer gathers around a view */
            if (!view_lacks_session(d, x, y, SIDE, 3.0, 3)) continue;
            found = 1;
            smp_image *part = smp_image_create(SIDE, SIDE);
            const smp_view view = {x, y, SIDE, SIDE, SIDE, SIDE, 0};
            assert_int_equal(smp_render(r, d, &fresh, &view, part, NULL, NULL), SMP_OK);
            assert_part_of(part, whole, x, y);
            smp_image_destroy(part);
        }
    assert_true(found);
    smp_image_destroy(whole);
    smp_renderer_destroy(r);
    smp_design_destroy(d);
    smp_image_destroy(skin);
}

/* B, G, R, A output is R, G, B, A's bytes with red and blue swapped, in
 * tiles with ink and without, at 1:1 (read from the photo) and scaled. */
static void bgra_output_swaps_red_and_blue(void **state) {
    (void)state;
    smp_image *skin = make_skin(W, H);
    smp_design *d = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 2});
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
    const smp_view views[] = {{.bgra = 1}, {10, 20, W / 2.0, H / 2.0, W / 3, H / 3, 1}};
    for (int i = 0; i < 2; i++) {
        smp_view rgba_view = views[i];
        rgba_view.bgra = 0;
        int w = i ? views[i].out_width : W, h = i ? views[i].out_height : H;
        smp_image *rgba = smp_image_create(w, h), *bgra = smp_image_create(w, h);
        assert_int_equal(smp_render(r, d, NULL, &rgba_view, rgba, NULL, NULL), SMP_OK);
        assert_int_equal(smp_render(r, d, NULL, &views[i], bgra, NULL, NULL), SMP_OK);
        int inked = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                const uint8_t *a = pixel_at(rgba, x, y), *b = pixel_at(bgra, x, y);
                assert_true(a[0] == b[2] && a[1] == b[1] && a[2] == b[0] && a[3] == b[3]);
                inked += !i && memcmp(a, pixel_at(skin, x, y), 4) != 0;
            }
        assert_true(i || (inked > 0 && inked < w * h)); /* tiles with ink and without */
        smp_image_destroy(bgra), smp_image_destroy(rgba);
    }
    smp_renderer_destroy(r);
    smp_design_destroy(d);
    smp_image_destroy(skin);
}

static int cancel_at_once(void *user, double done) {
    (void)user, (void)done;
    return 1;
}

static smp_image *render_view(smp_renderer *r, const smp_design *d, const smp_view *v) {
    smp_image *out = smp_image_create(v->out_width, v->out_height);
    if (smp_render(r, d, NULL, v, out, NULL, NULL) != SMP_OK) fail_msg("%s", smp_last_error());
    return out;
}

/* A renderer keeps the photo resampled for its last scaled view, so a style
 * change skips the resampling: whatever it rendered before (another view,
 * a render cancelled halfway), it must give a fresh renderer's bytes. */
static void a_renderer_reused_gives_a_fresh_ones_bytes(void **state) {
    (void)state;
    smp_image *skin = make_skin(W, H);
    smp_design *sparse = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 3, .density = 60});
    smp_design *dense = half_design(W, H, PX_PER_MM, &(smp_style){.seed = 3, .density = 250});
    /* Over 256 tiles each, so the cancel comes halfway. */
    smp_view near = {30, 20, 150, 100, 660, 440, 0}, moved = {31, 20, 150, 100, 660, 440, 0}, zoomed = {60, 40, 40, 30, 640, 480, 0};
    const smp_view *views[] = {&near, &moved, &zoomed};
    smp_renderer *reused = NULL;
    assert_int_equal(smp_renderer_create(skin, &reused), SMP_OK);
    for (int i = 0; i < 3; i++) {
        smp_renderer *fresh = NULL;
        assert_int_equal(smp_renderer_create(skin, &fresh), SMP_OK);
        smp_image *expected = render_view(fresh, dense, views[i]);
        smp_image *scrap = smp_image_create(views[i]->out_width, views[i]->out_height);
        assert_int_equal(smp_render(reused, sparse, NULL, views[i], scrap, cancel_at_once, NULL), SMP_ERR_INVALID_ARGUMENT);
        smp_image *first = render_view(reused, sparse, views[i]), *again = render_view(reused, dense, views[i]);
        assert_true(images_equal(again, expected));
        assert_false(images_equal(first, expected));
        smp_image_destroy(again), smp_image_destroy(first), smp_image_destroy(scrap), smp_image_destroy(expected);
        smp_renderer_destroy(fresh);
    }
    smp_renderer_destroy(reused);
    smp_design_destroy(dense), smp_design_destroy(sparse);
    smp_image_destroy(skin);
}

static void bad_requests_are_refused(void **state) {
    (void)state;
    smp_image *skin = make_skin(W, H), *wrong = smp_image_create(10, 10), *out = smp_image_create(W, H);
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(skin, &r), SMP_OK);
    smp_design *d = half_design(W, H, PX_PER_MM, NULL), *other = half_design(W * 2, H * 2, PX_PER_MM, NULL);
    assert_int_equal(smp_render(r, d, NULL, NULL, wrong, NULL, NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_render(r, other, NULL, NULL, out, NULL, NULL), SMP_ERR_MISMATCH);
    assert_int_equal(smp_render(r, d, &(smp_look){.years = 50}, NULL, out, NULL, NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "years"));
    assert_int_equal(smp_render(r, d, &(smp_look){.sessions = 9}, NULL, out, NULL, NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_render(r, d, &(smp_look){.ink = SMP_INK_CUSTOM, .ink_rgb = {2, 0, 0}}, NULL, out, NULL, NULL),
                     SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_render(r, d, NULL, &(smp_view){0, 0, -5, 10, W, H, 0}, out, NULL, NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_render(r, d, NULL, &(smp_view){0, 0, W, H, 70000, H, 0}, out, NULL, NULL),
                     SMP_ERR_INVALID_ARGUMENT); /* wider than any image: a dot's pixel span is 16-bit */
    assert_non_null(strstr(smp_last_error(), "at most 65535 pixels a side"));
    assert_int_equal(smp_render(r, d, NULL, NULL, out, cancel_at_once, NULL), SMP_OK); /* too few tiles to report */
    smp_image *big = smp_image_create(2000, 2000);
    assert_int_equal(smp_render(r, d, NULL, &(smp_view){0, 0, W, H, 2000, 2000, 0}, big, cancel_at_once, NULL),
                     SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "cancelled"));
    smp_image_destroy(big);
    smp_design_destroy(d);
    smp_design_destroy(other);
    smp_renderer_destroy(r);
    smp_image_destroy(skin);
    smp_image_destroy(wrong);
    smp_image_destroy(out);
}

/* The sample client, matched to its stubble: within 15% of it (the bar). */
static void sample_client_matches_its_stubble(void **state) {
    (void)state;
    smp_sample_client c;
    assert_int_equal(smp_sample_client_get(&c), SMP_OK);
    smp_image *photo = NULL;
    smp_image_info info;
    assert_int_equal(smp_image_load_memory(c.photo.data, c.photo.size, "photo", NULL, &photo, &info), SMP_OK);
    int cell = smp_mask_cell_for_scale(c.px_per_mm);
    smp_mask *mask = NULL, *blend = NULL;
    assert_int_equal(smp_mask_load_memory(c.mask.data, c.mask.size, "mask", photo->width, photo->height, cell, &mask),
                     SMP_OK);
    assert_int_equal(
        smp_mask_load_memory(c.blend_mask.data, c.blend_mask.size, "blend", photo->width, photo->height, cell, &blend),
        SMP_OK);
    smp_design *d = NULL;
    assert_int_equal(smp_design_create(&(smp_design_desc){photo->width, photo->height, c.px_per_mm, mask, blend, NULL}, &d),
                     SMP_OK);
    smp_renderer *r = NULL;
    assert_int_equal(smp_renderer_create(photo, &r), SMP_OK);
    smp_style style = {0};
    smp_stubble_match m;
    assert_int_equal(smp_match_stubble(r, d, NULL, &style, &m), SMP_OK);
    print_message("stubble %.3f, treated %.3f (density %.0f, shade %.2f)\n", m.stubble_ratio, m.treated_ratio, m.density,
                  m.shade);
    assert_near(m.treated_ratio / m.stubble_ratio, 1.0, 0.15);
    assert_near(style.density, m.density, 0);
    smp_design *no_blend = NULL;
    assert_int_equal(smp_design_create(&(smp_design_desc){photo->width, photo->height, c.px_per_mm, mask, NULL, NULL},
                                       &no_blend),
                     SMP_OK);
    assert_int_equal(smp_match_stubble(r, no_blend, NULL, &style, &m), SMP_ERR_INVALID_ARGUMENT);
    smp_design_destroy(no_blend);
    smp_design_destroy(d);
    smp_renderer_destroy(r);
    smp_mask_destroy(mask);
    smp_mask_destroy(blend);
    smp_image_destroy(photo);
}

static int dark_pixels(const smp_image *im, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) n += pixel_at(im, x, y)[0] < 100;
    return n;
}

static void sheets_have_their_labels(void **state) {
    (void)state;
    smp_font *font = NULL;
    if (smp_font_load(NULL, &font) != SMP_OK) fail_msg("%s", smp_last_error());
    smp_image *a = make_skin(400, 300), *b = make_skin(800, 600);
    smp_sheet_cell cells[2] = {{a, "Before"}, {b, "After, healed"}};
    smp_image *sheet = NULL;
    assert_int_equal(smp_sheet_compose(cells, 2, font, &(smp_sheet_settings){.caption = "Clinic, 2026-11-20"}, &sheet),
                     SMP_OK);
    int margin = 400 / 40 + 8, label = 400 / 14 + 12;
    assert_int_equal(sheet->width, 2 * 400 + 3 * margin);
    assert_int_equal(sheet->height, 300 + label + 2 * margin + label);
    assert_true(dark_pixels(sheet, margin, margin, margin + 200, margin + label) > 50);               /* "Before" */
    assert_true(dark_pixels(sheet, 2 * margin + 400, margin, 2 * margin + 600, margin + label) > 50); /* "After" */
    assert_true(dark_pixels(sheet, margin, sheet->height - label - margin, margin + 200, sheet->height) > 20);
    assert_true(smp_text_width(font, 20, "Before") > 40);
    smp_image_destroy(sheet);
    assert_int_equal(smp_sheet_compose(cells, 0, font, NULL, &sheet), SMP_ERR_INVALID_ARGUMENT);
    smp_font *missing = NULL;
    assert_int_equal(smp_font_load("/nonexistent/font.ttf", &missing), SMP_ERR_READ);
    assert_non_null(strstr(smp_last_error(), "fonts-dejavu-core"));
    smp_font_destroy(font);
    smp_image_destroy(a);
    smp_image_destroy(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sub_pixel_dots_keep_their_ink),
        cmocka_unit_test(a_dot_takes_the_same_share_of_light_on_any_skin),
        cmocka_unit_test(skin_away_from_the_dots_is_untouched),
        cmocka_unit_test(smp_cpu_caps_the_row_loops),
        cmocka_unit_test(ink_never_lightens_a_channel),
        cmocka_unit_test(same_bytes_for_any_thread_count_and_a_golden_hash),
        cmocka_unit_test(ageing_only_ever_lightens),
        cmocka_unit_test(sessions_build_up_and_drift_turns_blue_green),
        cmocka_unit_test(views_agree_with_the_whole),
        cmocka_unit_test(a_view_ages_its_dots_as_the_whole_does),
        cmocka_unit_test(bgra_output_swaps_red_and_blue),
        cmocka_unit_test(a_renderer_reused_gives_a_fresh_ones_bytes),
        cmocka_unit_test(bad_requests_are_refused),
        cmocka_unit_test(sample_client_matches_its_stubble),
        cmocka_unit_test(sheets_have_their_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
