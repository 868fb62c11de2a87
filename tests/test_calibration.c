/* test_calibration.c: the scale from px-per-mm, pupils, a ruler and the default. */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "test_support.h"

static smp_calibration calibrate_ok(const smp_calibration_settings *s, int w, int h) {
    smp_calibration c = {0};
    smp_status status = smp_calibrate(s, w, h, &c);
    if (status != SMP_OK) fail_msg("%s", smp_last_error());
    return c;
}

static void explicit_scale_wins(void **state) {
    (void)state;
    smp_calibration_settings s = {.px_per_mm = 12.5, .has_pupils = 1, .pupils = {0, 0, 630, 0},
                                  .has_ruler = 1, .ruler = {0, 0, 100, 0}, .ruler_mm = 10};
    smp_calibration c = calibrate_ok(&s, 1000, 1000);
    assert_int_equal(c.source, SMP_SCALE_EXPLICIT);
    assert_near(c.px_per_mm, 12.5, 0);
    s.px_per_mm = 0;
    c = calibrate_ok(&s, 1000, 1000);
    assert_int_equal(c.source, SMP_SCALE_PUPILS);
    assert_near(c.px_per_mm, 10.0, 1e-12);
    s.has_pupils = 0;
    c = calibrate_ok(&s, 1000, 1000);
    assert_int_equal(c.source, SMP_SCALE_RULER);
    assert_near(c.px_per_mm, 10.0, 1e-12);
}

static void pupils_use_the_ipd(void **state) {
    (void)state;
    smp_calibration_settings s = {.has_pupils = 1, .pupils = {100, 200, 400, 600}}; /* 500 px apart */
    assert_near(calibrate_ok(&s, 1000, 1000).px_per_mm, 500.0 / 63.0, 1e-12);
    s.ipd_mm = 50;
    assert_near(calibrate_ok(&s, 1000, 1000).px_per_mm, 10.0, 1e-12);
}

static void default_assumes_the_frame(void **state) {
    (void)state;
    smp_calibration c = calibrate_ok(NULL, 1350, 900);
    assert_int_equal(c.source, SMP_SCALE_DEFAULT);
    assert_near(c.px_per_mm, 900 / SMP_DEFAULT_FRAME_MM, 1e-12);
    assert_string_equal(smp_scale_source_name(c.source), "default");
}

static void assert_refused(const smp_calibration_settings *s, const char *needle) {
    smp_calibration c = {.px_per_mm = -7};
    assert_int_equal(smp_calibrate(s, 1000, 800, &c), SMP_ERR_INVALID_ARGUMENT);
    assert_near(c.px_per_mm, -7, 0); /* untouched */
    if (!strstr(smp_last_error(), needle)) fail_msg("'%s' does not mention '%s'", smp_last_error(), needle);
}

static void bad_measurements_refused(void **state) {
    (void)state;
    assert_refused(&(smp_calibration_settings){.px_per_mm = 0.1}, "px-per-mm");
    assert_refused(&(smp_calibration_settings){.px_per_mm = NAN}, "px-per-mm");
    assert_refused(&(smp_calibration_settings){.px_per_mm = 1e6}, "px-per-mm");
    assert_refused(&(smp_calibration_settings){.has_pupils = 1, .pupils = {10, 10, 12, 10}}, "pupils");
    assert_refused(&(smp_calibration_settings){.has_pupils = 1, .pupils = {10, 10, 1200, 10}}, "outside");
    assert_refused(&(smp_calibration_settings){.has_pupils = 1, .pupils = {-1, 10, 300, 10}}, "outside");
    assert_refused(&(smp_calibration_settings){.has_pupils = 1, .pupils = {10, 10, 300, 10}, .ipd_mm = 20}, "ipd-mm");
    assert_refused(&(smp_calibration_settings){.has_ruler = 1, .ruler = {0, 0, 500, 0}, .ruler_mm = 0}, "ruler");
    assert_refused(&(smp_calibration_settings){.has_ruler = 1, .ruler = {0, 0, 500, 0}, .ruler_mm = 0.01}, "ruler");
    /* 10 px over 2000 mm is 0.005 px/mm, below the lowest scale. */
    assert_refused(&(smp_calibration_settings){.has_ruler = 1, .ruler = {0, 0, 10, 0}, .ruler_mm = 2000}, "ruler");
}

static void *fail_on_other_thread(void *saw_error) {
    smp_calibration c;
    smp_calibrate(&(smp_calibration_settings){.px_per_mm = -1}, 10, 10, &c);
    *(int *)saw_error = strstr(smp_last_error(), "px-per-mm") != NULL;
    return NULL;
}

static void errors_are_per_thread(void **state) {
    (void)state;
    smp_clear_error();
    pthread_t thread;
    int other_saw_error = 0;
    assert_int_equal(pthread_create(&thread, NULL, fail_on_other_thread, &other_saw_error), 0);
    pthread_join(thread, NULL);
    assert_true(other_saw_error);
    assert_string_equal(smp_last_error(), "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(explicit_scale_wins),
        cmocka_unit_test(pupils_use_the_ipd),
        cmocka_unit_test(default_assumes_the_frame),
        cmocka_unit_test(bad_measurements_refused),
        cmocka_unit_test(errors_are_per_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
