/* test_real_photos.c: the real photos in ../shared/testdata/real load, upright (skips when absent). */
#include <math.h>
#include <string.h>

#include "test_support.h"

static smp_image *load_real(const char *name, smp_image_info *info) {
    smp_image *image = NULL;
    smp_status status = smp_image_load(real_photo_path(name), NULL, &image, info);
    if (status != SMP_OK) fail_msg("%s", smp_last_error());
    return image;
}

static void every_real_photo_loads(void **state) {
    (void)state;
    REQUIRE_REAL_PHOTOS();
    static const char *const names[] = {
        "ccbysa_bernie_sanders_balding.jpg", "frl_021_03.jpg", "frl_021_03_mask.png", "frl_037_03.jpg",
        "frl_037_03_mask.png", "frl_037_phone_orient6.jpg", "frl_037_phone_orient6_mask.png", "frl_042_03.jpg",
        "frl_061_03.jpg", "frl_105_03.jpg", "frl_105_03_mask.png", "frl_125_03.jpg", "frl_172_03.jpg",
        "pd_curie_exif_orientation6.jpg", "rf_back_shaved_stubble.jpg", "rf_leftside_shaved.jpg",
        "rf_topdown_shaved_stubble.jpg", "rf_topdown_thinning_grey.jpg", "rf_topfront_receded_hairline.jpg"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        smp_image_info info;
        smp_image *image = load_real(names[i], &info);
        assert_int_equal(image->width, info.width);
        assert_int_equal(image->height, info.height);
        smp_image_destroy(image);
    }
}

/* Mean luminance of a grid of cells over the rectangle (x0, y0, w, h). */
static void cell_means(const smp_image *image, double x0, double y0, double w, double h, int n, double *out) {
    for (int cy = 0; cy < n; cy++)
        for (int cx = 0; cx < n; cx++) {
            double sum = 0;
            int count = 0;
            for (int y = (int)(y0 + h * cy / n); y < (int)(y0 + h * (cy + 1) / n); y += 2)
                for (int x = (int)(x0 + w * cx / n); x < (int)(x0 + w * (cx + 1) / n); x += 2) {
                    const uint8_t *p = pixel_at(image, x, y);
                    sum += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
                    count++;
                }
            out[cy * n + cx] = sum / count;
        }
}

static double correlation(const double *a, const double *b, int n) {
    double ma = 0, mb = 0, ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < n; i++) ma += a[i] / n, mb += b[i] / n;
    for (int i = 0; i < n; i++) {
        ab += (a[i] - ma) * (b[i] - mb);
        aa += (a[i] - ma) * (a[i] - ma);
        bb += (b[i] - mb) * (b[i] - mb);
    }
    return ab / sqrt(aa * bb);
}

/* The phone photo is the studio photo's central strip, upscaled and stored
 * turned; loaded upright, its coarse picture must match the studio photo's. */
static void phone_photo_comes_out_upright(void **state) {
    (void)state;
    REQUIRE_REAL_PHOTOS();
    smp_image_info info;
    smp_image *phone = load_real("frl_037_phone_orient6.jpg", &info);
    assert_int_equal(info.orientation, 6);
    assert_int_equal(info.stored_width, 4032);
    assert_int_equal(phone->width, 3024);
    assert_int_equal(phone->height, 4032);
    smp_image *studio = load_real("frl_037_03.jpg", &info);
    enum { N = 12 };
    double a[N * N], b[N * N];
    cell_means(phone, 0, 0, 3024, 4032, N, a);
    cell_means(studio, (1350 - 1012.5) / 2, 0, 1012.5, 1350, N, b);
    double upright = correlation(a, b, N * N);
    smp_image *turned = NULL;
    assert_int_equal(smp_image_orient(phone, 3, &turned), SMP_OK);
    cell_means(turned, 0, 0, 3024, 4032, N, a);
    double upside_down = correlation(a, b, N * N);
    print_message("correlation upright %.3f, upside down %.3f\n", upright, upside_down);
    assert_true(upright > 0.98);
    assert_true(upside_down < 0.8);
    smp_image_destroy(turned);
    smp_image_destroy(phone);
    smp_image_destroy(studio);
}

static void grey_photo_with_orientation_6(void **state) {
    (void)state;
    REQUIRE_REAL_PHOTOS();
    smp_image_info info;
    smp_image *curie = load_real("pd_curie_exif_orientation6.jpg", &info);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.orientation, 6);
    assert_int_equal(curie->width, 840);
    assert_int_equal(curie->height, 700);
    smp_image_destroy(curie);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_real_photo_loads),
        cmocka_unit_test(phone_photo_comes_out_upright),
        cmocka_unit_test(grey_photo_with_orientation_6),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
