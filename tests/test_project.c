/* test_project.c: consultation files: round trips, resolved styles, every kind of bad file. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static char *folder;

static const char *in_folder(const char *name) {
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    return path;
}

static void write_text(const char *name, const char *text) {
    FILE *f = fopen(in_folder(name), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static smp_project *example(void) {
    smp_project *p = calloc(1, sizeof *p);
    p->photo = strdup("photo.jpg");
    p->client = strdup("C-2026-0142");
    p->notes = strdup("Prefers a conservative hairline; \"quotes\" and ünïcödé survive.");
    p->calibration = (smp_calibration_settings){.has_pupils = 1, .pupils = {100, 200, 400, 210}, .ipd_mm = 61};
    p->treatment.outline_count = 4;
    p->treatment.outline = malloc(4 * sizeof(smp_point));
    const smp_point pts[4] = {{10.25, 20}, {300, 25}, {310, 200}, {15, 190.5}};
    memcpy(p->treatment.outline, pts, sizeof pts);
    p->blend.mask = strdup("blend.png");
    p->variant_count = 2;
    snprintf(p->variants[0].name, sizeof p->variants[0].name, "soft");
    p->variants[0].style = (smp_style){.density = 140, .seed = 18446744073709551615ull, .irregularity = SMP_OFF};
    snprintf(p->variants[1].name, sizeof p->variants[1].name, "sharp");
    p->variants[1].style = (smp_style){.hairline = SMP_HAIRLINE_SHARP, .sessions = 2, .session_share = {0.7, 0.3}};
    return p;
}

static void round_trip_keeps_everything(void **state) {
    (void)state;
    smp_project *p = example(), *back = NULL;
    assert_int_equal(smp_project_save(p, in_folder("c.json")), SMP_OK);
    assert_int_equal(smp_project_load(in_folder("c.json"), &back), SMP_OK);
    assert_string_equal(back->photo, "photo.jpg");
    assert_string_equal(back->client, p->client);
    assert_string_equal(back->notes, p->notes);
    assert_true(back->calibration.has_pupils);
    assert_near(back->calibration.pupils[3], 210, 0);
    assert_near(back->calibration.ipd_mm, 61, 0);
    assert_int_equal(back->treatment.outline_count, 4);
    assert_near(back->treatment.outline[0].x, 10.25, 0);
    assert_null(back->treatment.mask);
    assert_string_equal(back->blend.mask, "blend.png");
    assert_null(back->scar.outline);
    assert_int_equal(back->variant_count, 2);
    assert_string_equal(back->variants[1].name, "sharp");
    /* Styles come back resolved, so they reproduce the same dots whatever the defaults become. */
    smp_style a, b;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(smp_style_resolve(&p->variants[i].style, &a), SMP_OK);
        assert_int_equal(smp_style_resolve(&back->variants[i].style, &b), SMP_OK);
        assert_memory_equal(&a, &b, sizeof a);
    }
    assert_true(back->variants[0].style.seed == 18446744073709551615ull);
    assert_near(back->variants[0].style.irregularity, SMP_OFF, 0); /* none stays none */
    smp_project_destroy(back);
    smp_project_destroy(p);
    smp_project_destroy(NULL);
}

static void assert_refused(const char *text, smp_status expected, const char *needle) {
    write_text("bad.json", text);
    smp_project *p = NULL;
    smp_status status = smp_project_load(in_folder("bad.json"), &p);
    if (status != expected) fail_msg("%s: %s", text, smp_last_error());
    assert_null(p);
    if (!strstr(smp_last_error(), needle)) fail_msg("'%s' does not say '%s'", smp_last_error(), needle);
    assert_non_null(strstr(smp_last_error(), "bad.json"));
}

#define HEAD "{\"format\": \"smp-consultation\", \"version\": 1, \"photo\": \"p.jpg\", "
#define AREA "\"treatment\": {\"mask\": \"m.png\"}, "
#define ONE_VARIANT "\"variants\": [{\"name\": \"a\", \"style\": {}}]}"

static void bad_files_name_the_field(void **state) {
    (void)state;
    assert_refused("not json at all", SMP_ERR_FORMAT, "not JSON");
    assert_refused("[1, 2]", SMP_ERR_FORMAT, "not a JSON object");
    assert_refused("{\"format\": \"other\"}", SMP_ERR_FORMAT, "format");
    assert_refused("{\"format\": \"smp-consultation\", \"version\": 9}", SMP_ERR_FORMAT, "newer than this program");
    assert_refused("{\"format\": \"smp-consultation\", \"version\": 1}", SMP_ERR_FORMAT, "photo: missing");
    assert_refused(HEAD ONE_VARIANT, SMP_ERR_FORMAT, "treatment: missing");
    assert_refused(HEAD "\"treatment\": {}, " ONE_VARIANT, SMP_ERR_FORMAT, "neither an outline nor a mask");
    assert_refused(HEAD "\"treatment\": {\"outline\": [[1, 2], [3, 4]]}, " ONE_VARIANT, SMP_ERR_FORMAT,
                   "treatment.outline");
    assert_refused(HEAD "\"treatment\": {\"outline\": [[1, 2], [3, 4], [5, \"x\"]]}, " ONE_VARIANT, SMP_ERR_FORMAT,
                   "outline[2]");
    assert_refused(HEAD AREA "\"variants\": []}", SMP_ERR_FORMAT, "variants");
    assert_refused(HEAD AREA "\"variants\": [{\"name\": \"a\", \"style\": {\"density\": 500}}]}", SMP_ERR_FORMAT,
                   "variants[0].style: density: 500 is outside");
    assert_refused(HEAD AREA "\"variants\": [{\"name\": \"a\", \"style\": {\"density\": \"lots\"}}]}", SMP_ERR_FORMAT,
                   "density: not a number");
    assert_refused(HEAD AREA "\"variants\": [{\"name\": \"a\", \"style\": {\"hairline\": \"round\"}}]}", SMP_ERR_FORMAT,
                   "hairline");
    assert_refused(HEAD AREA "\"variants\": [{\"name\": \"a\", \"style\": {\"seed\": 12}}]}", SMP_ERR_FORMAT, "seed");
    assert_refused(HEAD AREA "\"variants\": [{\"name\": \"a\", \"style\": {}}, {\"name\": \"a\", \"style\": {}}]}",
                   SMP_ERR_FORMAT, "variants[1].name: used twice");
    assert_refused(HEAD AREA "\"calibration\": {\"pupils\": [1, 2]}, " ONE_VARIANT, SMP_ERR_FORMAT, "calibration.pupils");
    smp_project *p = NULL;
    assert_int_equal(smp_project_load(in_folder("missing.json"), &p), SMP_ERR_READ);
    assert_int_equal(smp_project_load(folder, &p), SMP_ERR_READ);
    write_text("ok.json", HEAD AREA ONE_VARIANT);
    assert_int_equal(smp_project_load(in_folder("ok.json"), &p), SMP_OK);
    smp_project_destroy(p);
}

static void saving_refuses_what_would_not_load(void **state) {
    (void)state;
    smp_project *p = example();
    p->variants[1].style.density = 1000;
    assert_int_equal(smp_project_save(p, in_folder("c2.json")), SMP_ERR_INVALID_ARGUMENT);
    p->variants[1].style.density = 0;
    p->variant_count = 0;
    assert_int_equal(smp_project_save(p, in_folder("c2.json")), SMP_ERR_INVALID_ARGUMENT);
    FILE *f = fopen(in_folder("c2.json"), "r");
    assert_null(f); /* nothing written */
    smp_project_destroy(p);
}

static void paths_and_layers(void **state) {
    (void)state;
    char out[64];
    assert_int_equal(smp_project_path("/clinic/c.json", "photo.jpg", out, sizeof out), SMP_OK);
    assert_string_equal(out, "/clinic/photo.jpg");
    assert_int_equal(smp_project_path("c.json", "photo.jpg", out, sizeof out), SMP_OK);
    assert_string_equal(out, "photo.jpg");
    assert_int_equal(smp_project_path("/clinic/c.json", "/abs/p.jpg", out, sizeof out), SMP_OK);
    assert_string_equal(out, "/abs/p.jpg");
    assert_int_equal(smp_project_path("/a/c.json", "a-name-that-is-much-too-long-for-this-buffer-of-only-sixty-four-bytes.jpg", out,
                                      sizeof out),
                     SMP_ERR_INVALID_ARGUMENT);
    /* A layer from a painted mask file and an outline together: the more paint wins. */
    smp_image *painted = smp_image_create(40, 30);
    for (int y = 0; y < 30; y++)
        for (int x = 30; x < 40; x++) memset(painted->pixels + (size_t)y * painted->stride + (size_t)x * 4, 255, 4);
    for (int i = 0; i < 40 * 30; i++) painted->pixels[i * 4 + 3] = 255;
    assert_int_equal(smp_image_save(painted, in_folder("m.png"), NULL), SMP_OK);
    smp_point square[4] = {{2, 2}, {12, 2}, {12, 12}, {2, 12}};
    smp_project_layer layer = {square, 4, "m.png"};
    smp_mask *m = NULL;
    assert_int_equal(smp_project_layer_mask(&layer, in_folder("c.json"), 80, 60, 1, &m), SMP_OK);
    assert_near(m->coverage[7 * 80 + 7], 1.0, 1e-6);   /* inside the outline */
    assert_near(m->coverage[30 * 80 + 70], 1.0, 1e-6); /* painted in the file (scaled 2x) */
    assert_near(m->coverage[40 * 80 + 30], 0.0, 1e-6);
    smp_mask_destroy(m);
    smp_project_layer empty = {0};
    assert_int_equal(smp_project_layer_mask(&empty, in_folder("c.json"), 80, 60, 1, &m), SMP_OK);
    assert_null(m);
    smp_project_layer missing = {NULL, 0, "nope.png"};
    assert_int_equal(smp_project_layer_mask(&missing, in_folder("c.json"), 80, 60, 1, &m), SMP_ERR_READ);
    smp_image_destroy(painted);
}

static int make_folder(void **state) {
    (void)state;
    folder = make_temp_folder();
    return 0;
}

static int remove_it(void **state) {
    (void)state;
    remove_folder(folder);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_everything),
        cmocka_unit_test(bad_files_name_the_field),
        cmocka_unit_test(saving_refuses_what_would_not_load),
        cmocka_unit_test(paths_and_layers),
    };
    return cmocka_run_group_tests(tests, make_folder, remove_it);
}
