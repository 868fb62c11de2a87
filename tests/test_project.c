/* test_project.c: consultation files: round trips (strokes bit-exact), resolved styles, every kind of bad file. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
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

/* 1 when the file holds text. */
static int file_says(const char *name, const char *text) {
    size_t size = 0;
    char *data = (char *)read_whole_file(in_folder(name), &size);
    char *copy = malloc(size + 1);
    assert_non_null(copy);
    memcpy(copy, data, size);
    copy[size] = '\0';
    int found = strstr(copy, text) != NULL;
    free(copy);
    free(data);
    return found;
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
    assert_true(file_says("c.json", "\"version\":\t1,")); /* no strokes: every build reads it */
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
    assert_null(back->treatment.strokes);
    assert_int_equal(back->treatment.stroke_count, 0);
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
    assert_refused(HEAD "\"treatment\": {}, " ONE_VARIANT, SMP_ERR_FORMAT, "no outline, no mask and no strokes");
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
    assert_refused(HEAD AREA "\"variants\": [{\"name\": \"a\", \"style\": {\"sessions\": 1e300}}]}", SMP_ERR_FORMAT,
                   "variants[0].style.sessions: not a whole number"); /* found by fuzz_project */
    assert_refused(HEAD AREA "\"variants\": [{\"name\": \"a\", \"style\": {\"sessions\": 9}}]}", SMP_ERR_FORMAT,
                   "sessions: 9 is outside");
    assert_refused(HEAD AREA "\"variants\": [{\"name\": \"a\", \"style\": {\"dot_size\": 0}}]}", SMP_ERR_FORMAT,
                   "variants[0].style.dot_size: 0 is outside its range");
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
    smp_project_layer layer = {square, 4, "m.png", NULL, 0};
    smp_mask *m = NULL;
    assert_int_equal(smp_project_layer_mask(&layer, in_folder("c.json"), 80, 60, 1, &m), SMP_OK);
    assert_near(m->coverage[7 * 80 + 7], 1.0, 1e-6);   /* inside the outline */
    assert_near(m->coverage[30 * 80 + 70], 1.0, 1e-6); /* painted in the file (scaled 2x) */
    assert_near(m->coverage[40 * 80 + 30], 0.0, 1e-6);
    smp_mask_destroy(m);
    smp_project_layer empty = {0};
    assert_int_equal(smp_project_layer_mask(&empty, in_folder("c.json"), 80, 60, 1, &m), SMP_OK);
    assert_null(m);
    smp_project_layer missing = {NULL, 0, "nope.png", NULL, 0};
    assert_int_equal(smp_project_layer_mask(&missing, in_folder("c.json"), 80, 60, 1, &m), SMP_ERR_READ);
    smp_image_destroy(painted);
}

/* Doubles spread over many magnitudes, every bit of the mantissa used (xorshift, fixed seed). */
static double awkward(uint64_t *state, double scale) {
    *state ^= *state << 13, *state ^= *state >> 7, *state ^= *state << 17;
    return ((double)(*state >> 11) / 9007199254740992.0) * scale;
}

/* Fails unless every field of the strokes has the same bits (-0 is not 0); the padding is not compared. */
static void assert_same_strokes(const smp_stroke *a, const smp_stroke *b, int count) {
    for (int i = 0; i < count; i++) {
        const double x[5] = {a[i].x0, a[i].y0, a[i].x1, a[i].y1, a[i].radius};
        const double y[5] = {b[i].x0, b[i].y0, b[i].x1, b[i].y1, b[i].radius};
        if (memcmp(x, y, sizeof x) || memcmp(&a[i].value, &b[i].value, sizeof a[i].value))
            fail_msg("stroke %d: [%.17g, %.17g, %.17g, %.17g, %.17g, %.9g] came back as "
                     "[%.17g, %.17g, %.17g, %.17g, %.17g, %.9g]",
                     i, x[0], x[1], x[2], x[3], x[4], (double)a[i].value, y[0], y[1], y[2], y[3], y[4],
                     (double)b[i].value);
    }
}

static void strokes_come_back_bit_for_bit(void **state) {
    (void)state;
    smp_project *p = example(), *back = NULL;
    enum { N = 500 };
    p->treatment.strokes = malloc(N * sizeof(smp_stroke));
    p->treatment.stroke_count = N;
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < N; i++) {
        double scale = i % 3 == 0 ? 4000.0 : i % 3 == 1 ? 1.0 : 1e7;
        p->treatment.strokes[i] = (smp_stroke){awkward(&seed, scale), -awkward(&seed, scale), awkward(&seed, scale),
                                               awkward(&seed, scale), 1e-3 + awkward(&seed, 99999.0),
                                               (float)awkward(&seed, 1.0)};
    }
    /* What cJSON alone would round to 15 digits, the extremes, -0 and a float value with no short decimal. */
    p->treatment.strokes[0] = (smp_stroke){0.10000000000000002, 123.45600000000002, -0.0, 1e7, 1e-300, 0.3f};
    p->treatment.strokes[1] = (smp_stroke){-1e7, 5e-324, 1.0 / 3.0, 2.0 / 3.0, 100000.0, 0.0f};
    p->treatment.strokes[2] = (smp_stroke){1, 2, 3, 4, 5, 1.0f};
    p->treatment.strokes[3] = (smp_stroke){1, 2, 3, 4, 5, 0.1f + 1e-8f};
    p->treatment.outline[1] = (smp_point){0.10000000000000002, 1.0 / 3.0}; /* outlines are exact too */
    p->scar.strokes = malloc(sizeof(smp_stroke));
    p->scar.stroke_count = 1;
    p->scar.strokes[0] = (smp_stroke){60, 70, 60, 70, 8, 0.0f};
    assert_int_equal(smp_project_save(p, in_folder("s.json")), SMP_OK);
    assert_true(file_says("s.json", "\"version\":\t2,")); /* older builds refuse it rather than drop the strokes */
    assert_true(file_says("s.json", "\"strokes\":\t[[0.10000000000000002, 123.45600000000002, -0, 10000000, "
                                    "1e-300, 0.3], "));
    assert_true(file_says("s.json", "[1, 2, 3, 4, 5, 1]"));
    assert_int_equal(smp_project_load(in_folder("s.json"), &back), SMP_OK);
    assert_int_equal(back->treatment.stroke_count, N);
    assert_same_strokes(back->treatment.strokes, p->treatment.strokes, N);
    assert_memory_equal(back->treatment.outline, p->treatment.outline, 4 * sizeof(smp_point));
    assert_int_equal(back->scar.stroke_count, 1);
    assert_same_strokes(back->scar.strokes, p->scar.strokes, 1);
    assert_null(back->blend.strokes);
    assert_string_equal(back->blend.mask, "blend.png");
    /* Saved again, the file is the same byte for byte. */
    assert_int_equal(smp_project_save(back, in_folder("s2.json")), SMP_OK);
    size_t a_size = 0, b_size = 0;
    uint8_t *a = read_whole_file(in_folder("s.json"), &a_size), *b = read_whole_file(in_folder("s2.json"), &b_size);
    assert_int_equal(a_size, b_size);
    assert_memory_equal(a, b, a_size);
    free(a), free(b);
    smp_project_destroy(back);
    smp_project_destroy(p);
}

static void saving_refuses_strokes_that_would_not_load(void **state) {
    (void)state;
    smp_project *p = example();
    smp_stroke stroke = {10, 10, 20, 20, 5, 1.0f};
    p->blend.strokes = &stroke;
    p->blend.stroke_count = 1;
    const struct {
        smp_stroke stroke;
        const char *message;
    } bad[] = {
        {{NAN, 10, 20, 20, 5, 1.0f}, "blend.strokes[0]: x0 nan is outside +-10000000 px"},
        {{10, 10, 20, 2e7, 5, 1.0f}, "blend.strokes[0]: y1 20000000 is outside"},
        {{10, 10, 20, 20, -2, 1.0f}, "blend.strokes[0]: radius -2 is outside 0-100000 px"},
        {{10, 10, 20, 20, INFINITY, 1.0f}, "blend.strokes[0]: radius inf"},
        {{10, 10, 20, 20, 5, 2.0f}, "blend.strokes[0]: value 2 is outside 0-1"},
        {{10, 10, 20, 20, 5, NAN}, "blend.strokes[0]: value nan"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        stroke = bad[i].stroke;
        assert_int_equal(smp_project_save(p, in_folder("c3.json")), SMP_ERR_INVALID_ARGUMENT);
        if (!strstr(smp_last_error(), bad[i].message))
            fail_msg("case %zu: '%s' does not say '%s'", i, smp_last_error(), bad[i].message);
    }
    stroke = (smp_stroke){10, 10, 20, 20, 5, 1.0f};
    p->blend.stroke_count = SMP_PROJECT_MAX_STROKES + 1;
    assert_int_equal(smp_project_save(p, in_folder("c3.json")), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "blend.strokes: 1000001 strokes; a layer has 0 to 1000000"));
    p->blend.stroke_count = 1;
    p->blend.strokes = NULL;
    assert_int_equal(smp_project_save(p, in_folder("c3.json")), SMP_ERR_INVALID_ARGUMENT);
    p->blend.stroke_count = 0;
    p->treatment.outline_count = 2;
    assert_int_equal(smp_project_save(p, in_folder("c3.json")), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "treatment.outline: 2 points"));
    p->treatment.outline_count = 4;
    p->treatment.outline[2].y = NAN;
    assert_int_equal(smp_project_save(p, in_folder("c3.json")), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "treatment.outline[2]"));
    FILE *f = fopen(in_folder("c3.json"), "r");
    assert_null(f); /* nothing written */
    smp_project_destroy(p);

    /* Strokes too many for a file that would load back (SMP_PROJECT_MAX_BYTES): refused, nothing written. */
    p = example();
    enum { MANY = 200000 }; /* about 110 bytes each, 17 digits a number */
    p->scar.strokes = malloc(MANY * sizeof(smp_stroke));
    p->scar.stroke_count = MANY;
    uint64_t seed = 12345;
    for (int i = 0; i < MANY; i++)
        p->scar.strokes[i] = (smp_stroke){awkward(&seed, 1e6), awkward(&seed, 1e6), awkward(&seed, 1e6),
                                          awkward(&seed, 1e6), 1 + awkward(&seed, 1e3), 0.7f};
    assert_int_equal(smp_project_save(p, in_folder("c4.json")), SMP_ERR_TOO_LARGE);
    assert_non_null(strstr(smp_last_error(), "scar: the strokes alone come to over 16777216 bytes"));
    assert_null(fopen(in_folder("c4.json"), "r"));
    smp_project_destroy(p);
}

#define HEAD2 "{\"format\": \"smp-consultation\", \"version\": 2, \"photo\": \"p.jpg\", "
#define WITH_STROKES(s) HEAD AREA "\"blend\": {\"mask\": \"b.png\", \"strokes\": " s "}, " ONE_VARIANT

static void bad_strokes_name_the_field(void **state) {
    (void)state;
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 1e999, 1]]"), SMP_ERR_FORMAT,
                   "bad.json: blend.strokes[0]: holds something that is not a number");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 5, 1], [1, 2, null, 4, 5, 1]]"), SMP_ERR_FORMAT,
                   "blend.strokes[1]: holds something that is not a number");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 5, 1], [1, 2, 3, 4, 5, 0], [1, 2, 3, 4, -2, 1]]"), SMP_ERR_FORMAT,
                   "bad.json: blend.strokes[2]: radius -2 is outside 0-100000 px");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 0, 1]]"), SMP_ERR_FORMAT, "blend.strokes[0]: radius 0 is outside");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 100000.5, 1]]"), SMP_ERR_FORMAT,
                   "blend.strokes[0]: radius 100000.5 is outside");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 5, 2]]"), SMP_ERR_FORMAT, "blend.strokes[0]: value 2 is outside 0-1");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 5, -0.5]]"), SMP_ERR_FORMAT, "blend.strokes[0]: value -0.5 is outside 0-1");
    assert_refused(WITH_STROKES("[[1, 2, 3, -10000001, 5, 1]]"), SMP_ERR_FORMAT,
                   "blend.strokes[0]: y1 -10000001 is outside +-10000000 px");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 5]]"), SMP_ERR_FORMAT, "blend.strokes[0]: not an array of 6 numbers");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, 5, 1, 7]]"), SMP_ERR_FORMAT, "blend.strokes[0]: not an array of 6 numbers");
    assert_refused(WITH_STROKES("[[1, 2, 3, 4, \"5\", 1]]"), SMP_ERR_FORMAT, "blend.strokes[0]: holds something");
    assert_refused(WITH_STROKES("[5]"), SMP_ERR_FORMAT, "blend.strokes[0]: not an array of 6 numbers");
    assert_refused(WITH_STROKES("{\"x0\": 1}"), SMP_ERR_FORMAT, "blend.strokes: not an array of up to 1000000");
    assert_refused(WITH_STROKES("5"), SMP_ERR_FORMAT, "blend.strokes: not an array");
    assert_refused(HEAD2 "\"treatment\": {\"strokes\": [[1, 2, 3, 4, 5, NaN]]}, " ONE_VARIANT, SMP_ERR_FORMAT,
                   "not JSON"); /* JSON has no NaN */
    assert_refused(HEAD2 "\"treatment\": {\"strokes\": []}, " ONE_VARIANT, SMP_ERR_FORMAT,
                   "treatment: no outline, no mask and no strokes");
}

static void versions(void **state) {
    (void)state;
    assert_refused("{\"format\": \"smp-consultation\", \"version\": 3}", SMP_ERR_FORMAT,
                   "version: 3 is newer than this program reads (version 2); update SMP Studio");
    assert_refused("{\"format\": \"smp-consultation\", \"version\": 1.5}", SMP_ERR_FORMAT, "version: not a version number");
    assert_refused("{\"format\": \"smp-consultation\", \"version\": 0}", SMP_ERR_FORMAT, "version: not a version number");
    assert_refused("{\"format\": \"smp-consultation\", \"version\": \"2\"}", SMP_ERR_FORMAT,
                   "version: not a version number");
    smp_project *p = NULL;
    write_text("v1.json", HEAD AREA ONE_VARIANT); /* what every earlier build wrote */
    assert_int_equal(smp_project_load(in_folder("v1.json"), &p), SMP_OK);
    smp_project_destroy(p);
    write_text("v2.json", HEAD2 AREA ONE_VARIANT); /* version 2 with no strokes */
    assert_int_equal(smp_project_load(in_folder("v2.json"), &p), SMP_OK);
    assert_int_equal(p->treatment.stroke_count, 0);
    /* Saved without strokes it is version 1 again, with them version 2. */
    assert_int_equal(smp_project_save(p, in_folder("v2.json")), SMP_OK);
    assert_true(file_says("v2.json", "\"version\":\t1,"));
    smp_stroke stroke = {1, 2, 3, 4, 5, 1.0f};
    p->blend.strokes = malloc(sizeof stroke);
    memcpy(p->blend.strokes, &stroke, sizeof stroke);
    p->blend.stroke_count = 1;
    assert_int_equal(smp_project_save(p, in_folder("v2.json")), SMP_OK);
    assert_true(file_says("v2.json", "\"version\":\t2,"));
    assert_true(file_says("v2.json", "\"blend\":\t{\n\t\t\"strokes\":\t[[1, 2, 3, 4, 5, 1]]"));
    smp_project_destroy(p);
}

/* The mask a layer makes, painted by hand in the documented order. */
static smp_mask *by_hand(const smp_point *outline, int outline_count, const smp_stroke *strokes, int stroke_count) {
    smp_mask *m = NULL;
    assert_int_equal(smp_mask_create(80, 60, 1, 0.0f, &m), SMP_OK);
    if (outline) assert_int_equal(smp_mask_fill_curve(m, outline, outline_count, 1.0f), SMP_OK);
    assert_int_equal(smp_mask_paint_strokes(m, strokes, stroke_count), SMP_OK);
    return m;
}

static void the_eraser_clears_the_outline_and_the_mask_file(void **state) {
    (void)state;
    /* m.png (paths_and_layers) paints x >= 60 of an 80 x 60 photo; the outline a square about 10-50. */
    smp_image *painted = smp_image_create(40, 30);
    for (int y = 0; y < 30; y++)
        for (int x = 0; x < 40; x++) {
            uint8_t v = x >= 30 ? 255 : 0;
            uint8_t *px = pixel_at(painted, x, y);
            px[0] = px[1] = px[2] = v, px[3] = 255;
        }
    assert_int_equal(smp_image_save(painted, in_folder("e.png"), NULL), SMP_OK);
    smp_image_destroy(painted);
    smp_point square[4] = {{10, 10}, {50, 10}, {50, 50}, {10, 50}};
    smp_stroke strokes[2] = {{-5, 30, 85, 30, 4, 0.0f}, /* an eraser right across, y 26-34 */
                             {30, 0, 30, 60, 3, 1.0f}};  /* a brush down across it (the second part) */
    smp_project_layer layer = {square, 4, "e.png", strokes, 1};
    smp_mask *m = NULL, *outline_only = NULL;
    assert_int_equal(smp_project_layer_mask(&layer, in_folder("c.json"), 80, 60, 1, &m), SMP_OK);
    smp_project_layer no_strokes = {square, 4, "e.png", NULL, 0};
    assert_int_equal(smp_project_layer_mask(&no_strokes, in_folder("c.json"), 80, 60, 1, &outline_only), SMP_OK);
    int inside = 0;
    for (int y = 0; y < 60; y++)
        for (int x = 0; x < 80; x++) {
            float before = outline_only->coverage[y * 80 + x], after = m->coverage[y * 80 + x];
            double distance = fabs(y + 0.5 - 30.0);
            if (distance <= 3.0) {
                if (after != 0.0f) fail_msg("(%d, %d): %g left along the eraser", x, y, (double)after);
            } else if (distance >= 5.0) {
                if (after != before)
                    fail_msg("(%d, %d): %g, not %g, away from the eraser", x, y, (double)after, (double)before);
            }
            inside += x >= 15 && x < 45 && y >= 15 && y < 45 && distance <= 3.0 && before == 1.0f;
        }
    assert_int_equal(inside, 30 * 6); /* the eraser crossed painted outline, not empty cells */
    assert_true(outline_only->coverage[30 * 80 + 70] == 1.0f); /* the file's paint... */
    assert_true(m->coverage[30 * 80 + 70] == 0.0f);            /* ...erased too */
    assert_true(m->coverage[20 * 80 + 30] == 1.0f && m->coverage[45 * 80 + 5] == 0.0f);
    smp_mask_destroy(m);
    smp_mask_destroy(outline_only);

    /* The order is the file's: outline, then each stroke; a brush after the eraser paints again. */
    layer = (smp_project_layer){square, 4, NULL, strokes, 2};
    assert_int_equal(smp_project_layer_mask(&layer, in_folder("c.json"), 80, 60, 1, &m), SMP_OK);
    smp_mask *expected = by_hand(square, 4, strokes, 2);
    assert_memory_equal(m->coverage, expected->coverage, 80 * 60 * sizeof(float));
    assert_true(m->coverage[30 * 80 + 30] == 1.0f); /* where they cross */
    assert_true(m->coverage[30 * 80 + 20] == 0.0f);
    smp_mask_destroy(expected);
    smp_mask_destroy(m);

    /* A bad stroke in a layer built in code: the error of smp_mask_paint_strokes. */
    strokes[1].radius = -1;
    assert_int_equal(smp_project_layer_mask(&layer, in_folder("c.json"), 80, 60, 1, &m), SMP_ERR_INVALID_ARGUMENT);
    assert_null(m);
    assert_non_null(strstr(smp_last_error(), "stroke 1 of 2"));
}

static void a_treatment_of_strokes_alone(void **state) {
    (void)state;
    write_text("strokes.json", HEAD2 "\"calibration\": {\"px_per_mm\": 4}, \"treatment\": {\"strokes\": "
                               "[[10, 10, 60, 40, 6, 1], [40, 20, 40, 20, 3, 0]]}, " ONE_VARIANT);
    smp_project *p = NULL;
    assert_int_equal(smp_project_load(in_folder("strokes.json"), &p), SMP_OK);
    assert_null(p->treatment.outline);
    assert_null(p->treatment.mask);
    assert_int_equal(p->treatment.stroke_count, 2);
    assert_true(p->treatment.strokes[1].value == 0.0f);
    smp_mask *m = NULL;
    assert_int_equal(smp_project_layer_mask(&p->treatment, in_folder("strokes.json"), 80, 60, 1, &m), SMP_OK);
    smp_mask *expected = by_hand(NULL, 0, p->treatment.strokes, 2);
    assert_memory_equal(m->coverage, expected->coverage, 80 * 60 * sizeof(float));
    assert_true(m->coverage[16 * 80 + 20] == 1.0f); /* on the brush */
    assert_true(m->coverage[20 * 80 + 40] == 0.0f); /* the eraser's dab */
    assert_true(m->coverage[50 * 80 + 70] == 0.0f); /* far from both */
    smp_mask_destroy(expected);
    smp_mask_destroy(m);
    smp_image_info info = {.width = 80, .height = 60};
    smp_design *design = NULL;
    assert_int_equal(smp_project_design(p, in_folder("strokes.json"), 0, &info, &design), SMP_OK);
    smp_design_destroy(design);
    assert_int_equal(smp_project_save(p, in_folder("strokes2.json")), SMP_OK); /* a treatment area for saving too */
    smp_project_destroy(p);
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
        cmocka_unit_test(strokes_come_back_bit_for_bit),
        cmocka_unit_test(saving_refuses_strokes_that_would_not_load),
        cmocka_unit_test(bad_strokes_name_the_field),
        cmocka_unit_test(versions),
        cmocka_unit_test(the_eraser_clears_the_outline_and_the_mask_file),
        cmocka_unit_test(a_treatment_of_strokes_alone),
    };
    return cmocka_run_group_tests(tests, make_folder, remove_it);
}
