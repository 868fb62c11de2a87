/* bench.c: smp-studio --bench: frame times of a fixed sequence of slider moves, hairline
 * switches, wipes and zooms, from the input to the frame finished on the GPU. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

/* Where the sequence's parts end, in steps: first the style changes (a
 * slider moved), then wipes and zooms, then the brush is taken up, then the
 * edits (two brush strokes and their undos, each a design made again from
 * its masks), and last, with soft against sharp open (V), the same edits
 * again, each remaking both designs. */
typedef struct sequence_parts {
    int styles, views, edits_from, edits_to, compared_from;
} sequence_parts;

/* The steps (lines) in text[0 .. n). */
static int steps_in(const char *text, size_t n) {
    int steps = 0;
    for (size_t i = 0; i < n; i++) steps += text[i] == '\n';
    return steps;
}

/* The sequence as a script, so the benchmark plays what a person's input
 * would. The density moves over 100 dots/cm2 around the design's own (50
 * either side where the range allows) and back, so the other style changes
 * show as many dots as the design does. */
static sequence_parts write_sequence(char *text, size_t size, double density) {
    size_t n = 0;
    sequence_parts parts;
    int from = (int)fmax(fmin(density - 50.0, SMP_DENSITY_MAX - 100.0), SMP_DENSITY_MIN);
#define ADD_(...) n += (size_t)snprintf(text + n, size - n, __VA_ARGS__)
    for (int i = 0; i <= 20; i++) ADD_("set density %d\n", from + 5 * i);
    ADD_("set density %g\n", density);
    for (int i = 0; i <= 10; i++) ADD_("set dot_size %.2f\n", 0.14 + 0.01 * i);
    for (int i = 0; i < 4; i++) ADD_("set hairline %s\nset feather_mm %d\n", i % 2 ? "soft" : "sharp", i % 2 ? 6 : 1);
    parts.styles = steps_in(text, n);
    for (int i = 0; i < 10; i++) ADD_("drag %d 300 %d 300\n", i ? 200 + 100 * (i - 1) : 960, 200 + 100 * i);
    for (int i = 0; i < 6; i++) ADD_("wheel %d\n", i < 3 ? 1 : -1);
    for (int i = 0; i < 6; i++) ADD_("drag 300 300 %d %d\n", 340 + 10 * i, 320);
    ADD_("key f\n");
    parts.views = steps_in(text, n);
    ADD_("key b\n");
    parts.edits_from = steps_in(text, n);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < 2; i++) ADD_("drag %d 700 %d 740\n", 1000 + 60 * i, 1100 + 60 * i); /* onto the forehead */
        ADD_("key ctrl+z\nkey ctrl+z\n");
        if (pass == 0) {
            parts.edits_to = steps_in(text, n);
            ADD_("key v\n"); /* soft against sharp: each edit then makes both designs again */
            parts.compared_from = steps_in(text, n);
        }
    }
#undef ADD_
    return parts;
}

static int compare_ms(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void studio_print_times(const char *name, double *ms, int count) {
    qsort(ms, (size_t)count, sizeof *ms, compare_ms);
    printf("%s_ms_median: %.2f\n%s_ms_p95: %.2f\n", name, ms[count / 2], name, ms[(count * 95 + 99) / 100 - 1]);
}

int studio_bench(studio *s) {
    static char text[8192];
    sequence_parts parts = write_sequence(text, sizeof text, smp_design_style(s->doc.design)->density);
    studio_script *script = NULL;
    int code = studio_script_parse(text, "the benchmark sequence", &script);
    if (code != STUDIO_EXIT_OK) return code;
    int count = studio_script_count(script);
    double *ms = calloc((size_t)count, sizeof *ms);
    if (!ms) code = studio_error(STUDIO_EXIT_INTERNAL, "out of memory");
    if (code == STUDIO_EXIT_OK) code = studio_draw_frame(s); /* the first frame makes the photo's pyramid */
    /* and is presented, as it is before a person's first input: llvmpipe
     * compiles its shaders and draws then, not during the first step. */
    if (code == STUDIO_EXIT_OK) {
        glFinish();
        SDL_GL_SwapWindow(s->window);
    }
    if (code == STUDIO_EXIT_OK) code = studio_script_run(script, s, ms);
    if (code == STUDIO_EXIT_OK) {
        printf("size: %dx%d\nframes: %d\n", s->view.window_width, s->view.window_height, count);
        /* The style changes first: sorting all the times would mix them with the rest. */
        studio_print_times("style_change", ms, parts.styles);
        studio_print_times("edit", ms + parts.edits_from, parts.edits_to - parts.edits_from);
        studio_print_times("compared_edit", ms + parts.compared_from, count - parts.compared_from);
        studio_print_times("frame", ms, parts.views);
    }
    free(ms);
    studio_script_destroy(script);
    return code;
}
