/* test_support.h: helpers the cmocka suites share: fixture paths, files, synthetic images. */
#ifndef SMP_TEST_SUPPORT_H
#define SMP_TEST_SUPPORT_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "smp/smp.h"

/* tests/data/NAME (fixtures made by tests/data/make_fixtures.sh). */
const char *fixture_path(const char *name);

/* ../shared/testdata/real/NAME, or NULL when the folder is absent. */
const char *real_photo_path(const char *name);

/* Skips the calling test with a message when ../shared/testdata is absent. */
#define REQUIRE_REAL_PHOTOS()                                                                      \
    do {                                                                                           \
        if (!real_photo_path("")) {                                                                \
            print_message("skipped: %s is absent\n", SMP_TESTDATA_DIR);                            \
            skip();                                                                                \
        }                                                                                          \
    } while (0)

/* The whole file, malloc'ed; fails the test when it cannot be read. */
uint8_t *read_whole_file(const char *path, size_t *size);

/* A fresh empty folder under /tmp, removed with remove_folder. */
char *make_temp_folder(void);
void remove_folder(char *path);

/* Every pixel of an image distinct and asymmetric: R = x, G = y, B = x ^ y * 7, A = 255. */
smp_image *make_pattern(int width, int height);

/* 1 when both images have the same size and the same RGBA bytes. */
int images_equal(const smp_image *a, const smp_image *b);

/* cmocka 1.1.5 compares only floats; this compares doubles. */
#define assert_near(a, b, eps)                                                                     \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(fabs(a_ - b_) <= (eps))) fail_msg("%.17g is not within %g of %.17g", a_, (double)(eps), b_); \
    } while (0)

/* Pointer to pixel (x, y). */
static inline uint8_t *pixel_at(const smp_image *image, int x, int y) {
    return image->pixels + (size_t)y * image->stride + (size_t)x * 4;
}

#endif
