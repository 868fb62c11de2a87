/* soak.c: smp-studio --soak EVENTS: random but valid input (keys, pointer moves and drags, the wheel,
 * typed text, style and age changes) played as scripts of 500 steps, each step followed by a frame,
 * after which the document is opened again from its files and the memory in use read: the same state
 * each time, so what grows is kept by mistake. Warm-up is a fixed tour of the views and tools, then
 * the first quarter of the events. The seed is printed first, so a failure can be replayed
 * with --seed. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "studio.h"

#define SOAK_CHUNK 500 /* steps a script; the memory is read after each */

/* splitmix64: small, and the same sequence on every machine for a seed. */
static uint64_t next_random(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static int pick(uint64_t *state, int n) { return (int)(next_random(state) % (uint64_t)n); }

static double between(uint64_t *state, double lo, double hi) {
    return lo + (hi - lo) * (double)(next_random(state) >> 11) / 9007199254740992.0;
}

/* Every key the studio answers but Esc, which quits when nothing is open to close; Ctrl+E (an export
 * at full resolution on the worker thread) comes rarely, by weight. */
static const char *const keys[] = {
    "space", "w", "s", "m", "f", "1", "v", "l", "[", "]", "-", "=", "h", "a", "p", "c", "F1", "o", "b", "e", ",", ".",
    "x", "Tab", "Delete", "Backspace", "Return", "i", "k", "u", "Up", "Down", "Left", "Right", "ctrl+z", "ctrl+y",
    "ctrl+s", "ctrl+o"};
#define KEYS (int)(sizeof keys / sizeof keys[0])

static void write_step(char *line, size_t size, uint64_t *r, int width, int height) {
    static const char *const fields[][3] = {{"density", "10", "300"},      {"dot_size", "0.05", "0.4"},
                                           {"shade", "0.05", "1"},        {"feather_mm", "0.1", "20"},
                                           {"irregularity", "0", "1"},    {"hairline_offset_mm", "-30", "30"}};
    static const char *const ages[] = {"fresh", "healed", "6m", "1y", "2y", "5y", "8y"};
    static const char typing[] = "0123456789. abcxyz/";
    int kind = pick(r, 100);
    if (kind < 40) {
        snprintf(line, size, "key %s\n", keys[pick(r, KEYS)]);
    } else if (kind < 42) {
        snprintf(line, size, "%s l\n", pick(r, 2) ? "press" : "release");
    } else if (kind < 60) {
        snprintf(line, size, "move %d %d\n", pick(r, width), pick(r, height));
    } else if (kind < 75) {
        snprintf(line, size, "drag %d %d %d %d\n", pick(r, width), pick(r, height), pick(r, width), pick(r, height));
    } else if (kind < 80) {
        snprintf(line, size, "wheel %d\n", pick(r, 7) - 3);
    } else if (kind < 85) {
        char text[9];
        int n = 1 + pick(r, 8);
        for (int i = 0; i < n; i++) text[i] = typing[pick(r, (int)sizeof typing - 1)];
        text[n] = '\0';
        snprintf(line, size, "type %s\n", text);
    } else if (kind < 95) {
        int f = pick(r, 6);
        snprintf(line, size, "set %s %.4f\n", fields[f][0], between(r, atof(fields[f][1]), atof(fields[f][2])));
    } else if (kind < 97) {
        snprintf(line, size, "set hairline %s\n", pick(r, 2) ? "soft" : "sharp");
    } else if (kind < 99) {
        snprintf(line, size, "set age %s\n", ages[pick(r, 7)]);
    } else {
        snprintf(line, size, pick(r, 20) ? "wait %d\n" : "key ctrl+e\n", 1 + pick(r, 3));
    }
}

/* Every view and tool once, before anything is measured: the first use of each makes what it keeps
 * (the second design of a comparison, pyramid levels, the loupe's textures, panels' labels). */
static const char warm_up[] = "key v\nkey s\nkey w\nkey space\nkey space\nkey v\nkey m\nkey m\n"
                              "press l\nmove 400 300\nrelease l\nwheel 3\nwheel 3\nwheel -3\nkey 1\nkey f\n"
                              "key c\nkey p\nkey F1\nkey F1\nkey o\nkey b\ndrag 300 300 340 320\nkey e\n"
                              "drag 300 300 340 320\nkey ctrl+z\nkey ctrl+z\nkey ctrl+y\nkey a\nkey a\nkey Tab\nkey Tab\n"
                              "key Tab\nkey x\nkey x\nkey k\nkey Return\nkey u\nkey Return\nkey f\n";

/* Resident memory in MB, from /proc; 0 where there is none. Freed memory the allocator still holds
 * (each thread's arena keeps what an export or a render freed) is handed back first, so what is
 * read is what the studio uses. */
static double resident_mb(void) {
    malloc_trim(0);
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f && fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    if (f) fclose(f);
    return (double)resident * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

static int play_text(studio *s, const char *text, double *ms) {
    studio_script *script = NULL;
    int code = studio_script_parse(text, "the soak's events", &script);
    if (code == STUDIO_EXIT_OK) code = studio_script_run(script, s, ms);
    studio_script_destroy(script);
    return code;
}

/* Plays one script of count random steps; their times go to ms. */
static int play_chunk(studio *s, uint64_t *r, int count, double *ms) {
    static char text[SOAK_CHUNK * 64];
    size_t used = 0;
    for (int i = 0; i < count; i++) {
        write_step(text + used, sizeof text - used, r, s->view.window_width, s->view.window_height);
        while (text[used]) used++;
    }
    return play_text(s, text, ms);
}

/* Back to the document the soak began with, from its files (edits saved meanwhile go to a new
 * consultation, PHOTO-NAME-2.json and on, for a photo), and its first frame: the memory is compared
 * in the same state. */
static int reopen(studio *s, const studio_source *source) {
    studio_document doc;
    int code = studio_document_open_source(&doc, source);
    if (code != STUDIO_EXIT_OK) return code;
    studio_document_drop_autosave(&s->doc);
    code = studio_switch_document(s, &doc, 0);
    return code == STUDIO_EXIT_OK ? studio_draw_frame(s) : code;
}

int studio_soak(studio *s, int events, uint64_t seed, const studio_source *source) {
    printf("soak_seed: %llu\n", (unsigned long long)seed);
    fflush(stdout);
    double *ms = calloc((size_t)events, sizeof *ms);
    if (!ms) return studio_error(STUDIO_EXIT_INTERNAL, "out of memory");
    uint64_t r = seed;
    int code = studio_draw_frame(s), warm_events = events / 4;
    if (code == STUDIO_EXIT_OK) code = play_text(s, warm_up, NULL);
    double warm_mb = 0, max_mb = 0;
    int done = 0;
    while (done < events && code == STUDIO_EXIT_OK && !s->quit) {
        int count = events - done < SOAK_CHUNK ? events - done : SOAK_CHUNK;
        code = play_chunk(s, &r, count, ms + done);
        done += count;
        if (code == STUDIO_EXIT_OK) code = reopen(s, source);
        double mb = resident_mb(); /* after warm-up: the most it reaches from then on */
        if (done <= warm_events || warm_mb == 0) warm_mb = max_mb = mb;
        if (mb > max_mb) max_mb = mb;
        fprintf(stderr, "soak: %d events, %.1f MB, %.3f px/mm\n", done, mb, s->doc.px_per_mm);
    }
    studio_export_finish(s->export, 1);
    s->export = NULL;
    if (code == STUDIO_EXIT_OK && done < events)
        code = studio_error(STUDIO_EXIT_INTERNAL, "the soak's events closed the studio after %d of %d", done, events);
    if (code == STUDIO_EXIT_OK) {
        printf("soak_events: %d\nsoak_rss_mb_after_warmup: %.1f\nsoak_rss_mb_max: %.1f\nsoak_rss_mb_end: %.1f\n", events,
               warm_mb, max_mb, resident_mb());
        studio_print_times("soak_step", ms, events);
        printf("soak_step_ms_max: %.2f\n", ms[events - 1]);
    }
    free(ms);
    return code;
}
