/* script.c: replaying a plain-text script of input, for tests and demos without a person.
 * One step a line; '#' starts a comment. Every step is followed by a drawn frame. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdarg.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

#define SCRIPT_MAX_STEPS 10000
#define SCRIPT_MAX_WAIT 600 /* frames: 10 s at 60 Hz */
#define DRAG_STEPS 8
#define SCRIPT_MAX_COORDINATE 100000

typedef enum step_kind {
    STEP_KEY,
    STEP_MOVE,
    STEP_DRAG,
    STEP_WHEEL,
    STEP_WAIT,
    STEP_STYLE,
    STEP_AGE,
    STEP_SCREENSHOT,
    STEP_TYPE
} step_kind;

typedef struct script_step {
    step_kind kind;
    int line;
    SDL_Keycode key;
    Uint16 mod;       /* KMOD_LCTRL for "ctrl+..." */
    double v[4];      /* coordinates (window points), clicks, frames, or the style value */
    size_t field;     /* STEP_STYLE: offset of the double in smp_style, or SIZE_MAX for the hairline */
    smp_look look;    /* STEP_AGE */
    char *path;       /* STEP_SCREENSHOT: the file; STEP_TYPE: the text typed */
} script_step;

struct studio_script {
    int count;
    script_step steps[];
};

/* The style values a script may set, by their names in consultation files. */
static const struct {
    const char *name;
    size_t offset;
} style_fields[] = {
    {"density", offsetof(smp_style, density)},           {"dot_size", offsetof(smp_style, dot_size)},
    {"shade", offsetof(smp_style, shade)},               {"feather_mm", offsetof(smp_style, feather_mm)},
    {"irregularity", offsetof(smp_style, irregularity)}, {"hairline_offset_mm", offsetof(smp_style, hairline_offset_mm)},
};
#define STYLE_FIELDS (int)(sizeof style_fields / sizeof style_fields[0])

/* "script.txt:4: ..." with exit code 3: a script is input. */
static int line_error(const char *file, int line, const char *format, ...) __attribute__((format(printf, 3, 4)));
static int line_error(const char *file, int line, const char *format, ...) {
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return studio_error(3, "%s:%d: %s", file, line, message);
}

/* Reads n numbers from the rest of the line; 1 when there are exactly n. */
static int numbers(const char *rest, int n, double *v) {
    int used = 0, got = 0;
    for (; got < n; got++) {
        int step = 0;
        if (sscanf(rest + used, "%lf%n", &v[got], &step) != 1) return 0;
        used += step;
    }
    char tail[2];
    return sscanf(rest + used, "%1s", tail) != 1;
}

static int parse_style(script_step *step, const char *name, const char *value, const char *file) {
    step->kind = STEP_STYLE;
    smp_style style = {0}, resolved;
    if (!strcmp(name, "hairline")) {
        if (strcmp(value, "soft") && strcmp(value, "sharp"))
            return line_error(file, step->line, "hairline: '%s' is not soft or sharp", value);
        step->field = SIZE_MAX;
        step->v[0] = strcmp(value, "soft") ? SMP_HAIRLINE_SHARP : SMP_HAIRLINE_SOFT;
        return STUDIO_EXIT_OK;
    }
    int i = 0;
    while (i < STYLE_FIELDS && strcmp(style_fields[i].name, name)) i++;
    if (i == STYLE_FIELDS) return line_error(file, step->line, "set: '%s' is not a style value", name);
    if (!numbers(value, 1, step->v)) return line_error(file, step->line, "set: '%s' is not a number", value);
    step->field = style_fields[i].offset;
    memcpy((char *)&style + step->field, &step->v[0], sizeof step->v[0]);
    if (smp_style_resolve(&style, &resolved) != SMP_OK) return line_error(file, step->line, "%s", smp_last_error());
    return STUDIO_EXIT_OK;
}

/* One line into a step; *empty is set for blank and comment lines. */
static int parse_line(char *text, script_step *step, const char *file, int *empty) {
    char *hash = strchr(text, '#');
    if (hash) *hash = '\0';
    char command[32] = "", word[256] = "", word2[64] = "";
    int used = 0;
    *empty = sscanf(text, "%31s%n", command, &used) != 1;
    if (*empty) return STUDIO_EXIT_OK;
    const char *rest = text + used;
    if (!strcmp(command, "type")) { /* the rest of the line, after one space, as typed text */
        step->kind = STEP_TYPE;
        rest += *rest == ' ';
        step->path = strndup(rest, strcspn(rest, "\r\n"));
        return step->path ? STUDIO_EXIT_OK : studio_error(STUDIO_EXIT_INTERNAL, "out of memory reading %s", file);
    }
    static const char *const key_steps[3] = {"key", "press", "release"};
    for (int i = 0; i < 3; i++) {
        if (strcmp(command, key_steps[i])) continue;
        step->kind = STEP_KEY;
        step->v[0] = i;
        int got = sscanf(rest, "%63s", word2);
        int ctrl = got == 1 && !strncmp(word2, "ctrl+", 5);
        if (got != 1 || (step->key = SDL_GetKeyFromName(word2 + (ctrl ? 5 : 0))) == SDLK_UNKNOWN)
            return line_error(file, step->line, "%s: '%s' is not a key name (space, f, 1, ctrl+s, ...)", command, word2);
        step->mod = ctrl ? KMOD_LCTRL : KMOD_NONE;
        return STUDIO_EXIT_OK;
    }
    static const struct {
        const char *name;
        step_kind kind;
        int count;
        const char *form;
    } numeric[] = {{"move", STEP_MOVE, 2, "move X Y"},
                   {"drag", STEP_DRAG, 4, "drag X1 Y1 X2 Y2"},
                   {"wheel", STEP_WHEEL, 1, "wheel CLICKS"},
                   {"wait", STEP_WAIT, 1, "wait FRAMES"}};
    for (int i = 0; i < 4; i++) {
        if (strcmp(command, numeric[i].name)) continue;
        step->kind = numeric[i].kind;
        if (!numbers(rest, numeric[i].count, step->v))
            return line_error(file, step->line, "not '%s' (numbers)", numeric[i].form);
        for (int k = 0; k < numeric[i].count; k++) /* window points and clicks: casts to int must be safe */
            if (!(fabs(step->v[k]) <= SCRIPT_MAX_COORDINATE))
                return line_error(file, step->line, "%s: %g is not a number within +-%d", command, step->v[k],
                                  SCRIPT_MAX_COORDINATE);
        if (step->kind == STEP_WAIT && !(step->v[0] >= 1 && step->v[0] <= SCRIPT_MAX_WAIT))
            return line_error(file, step->line, "wait: %g frames is not 1-%d", step->v[0], SCRIPT_MAX_WAIT);
        return STUDIO_EXIT_OK;
    }
    if (!strcmp(command, "set")) {
        if (sscanf(rest, "%63s %255s", word2, word) != 2) return line_error(file, step->line, "not '%s'", "set NAME VALUE");
        if (!strcmp(word2, "age")) {
            step->kind = STEP_AGE;
            if (!smp_age_from_name(word, &step->look))
                return line_error(file, step->line, "age: '%s' is not fresh, healed, 6m, 1y, 2y, 5y or 8y", word);
            return STUDIO_EXIT_OK;
        }
        return parse_style(step, word2, word, file);
    }
    if (!strcmp(command, "screenshot")) {
        step->kind = STEP_SCREENSHOT;
        if (sscanf(rest, "%255s", word) != 1 || !(step->path = strdup(word)))
            return line_error(file, step->line, "not '%s'", "screenshot FILE.png");
        return STUDIO_EXIT_OK;
    }
    return line_error(file, step->line, "unknown step '%s' (key, press, release, move, drag, wheel, wait, set, type, screenshot)", command);
}

/* Reads every line of f as a step; name is the file's name in messages. */
static int load_stream(FILE *f, const char *name, studio_script **out) {
    studio_script *script = calloc(1, sizeof *script + SCRIPT_MAX_STEPS * sizeof(script_step));
    if (!script) return studio_error(STUDIO_EXIT_INTERNAL, "out of memory reading %s", name);
    char text[1024];
    int code = STUDIO_EXIT_OK;
    for (int line = 1; code == STUDIO_EXIT_OK && fgets(text, sizeof text, f); line++) {
        if (!strchr(text, '\n') && !feof(f)) code = line_error(name, line, "a line over 1000 characters");
        if (code == STUDIO_EXIT_OK && script->count == SCRIPT_MAX_STEPS)
            code = line_error(name, line, "more than %d steps", SCRIPT_MAX_STEPS);
        if (code != STUDIO_EXIT_OK) break;
        script_step *step = &script->steps[script->count];
        *step = (script_step){.line = line};
        int empty = 0;
        code = parse_line(text, step, name, &empty);
        if (code == STUDIO_EXIT_OK && !empty) script->count++;
    }
    if (code != STUDIO_EXIT_OK) {
        studio_script_destroy(script);
        return code;
    }
    *out = script;
    return STUDIO_EXIT_OK;
}

int studio_script_load(const char *path, studio_script **out) {
    FILE *f = fopen(path, "r");
    if (!f) return studio_error(3, "%s: cannot open the script", path);
    int code = load_stream(f, path, out);
    fclose(f);
    return code;
}

int studio_script_parse(const char *text, const char *name, studio_script **out) {
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    if (!f) return studio_error(STUDIO_EXIT_INTERNAL, "%s: cannot read the script", name);
    int code = load_stream(f, name, out);
    fclose(f);
    return code;
}

void studio_script_destroy(studio_script *script) {
    if (!script) return;
    for (int i = 0; i < script->count; i++) free(script->steps[i].path);
    free(script);
}

static void send_button(studio *s, Uint8 state, double x, double y) {
    SDL_Event e = {.button = {.type = state == SDL_PRESSED ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP,
                              .button = SDL_BUTTON_LEFT, .state = state, .x = (Sint32)x, .y = (Sint32)y}};
    studio_handle_event(s, &e);
}

static void send_motion(studio *s, double x, double y) {
    SDL_Event e = {.motion = {.type = SDL_MOUSEMOTION, .x = (Sint32)x, .y = (Sint32)y,
                              .xrel = (Sint32)x - s->mouse_x, .yrel = (Sint32)y - s->mouse_y}};
    studio_handle_event(s, &e);
}

/* Typed text as SDL sends it: UTF-8 in events of at most 31 bytes, never splitting a character. */
static void send_text(studio *s, const char *text) {
    size_t length = strlen(text);
    for (size_t at = 0; at < length;) {
        size_t n = length - at < 31 ? length - at : 31;
        while (n > 1 && ((unsigned char)text[at + n] & 0xC0) == 0x80) n--;
        SDL_Event e = {.text = {.type = SDL_TEXTINPUT}};
        memcpy(e.text.text, text + at, n);
        studio_handle_event(s, &e);
        at += n;
    }
}

static int set_style(studio *s, const script_step *step) {
    smp_style style = *smp_design_style(s->doc.design);
    if (step->field == SIZE_MAX) {
        style.hairline = (smp_hairline)step->v[0];
        style.feather_mm = 0.0; /* the new hairline's own default */
    } else {
        memcpy((char *)&style + step->field, &step->v[0], sizeof step->v[0]);
    }
    return studio_set_style(s, &style);
}

static int play(const script_step *step, studio *s) {
    switch (step->kind) {
    case STEP_KEY: /* v[0]: 0 key (press and release), 1 press, 2 release */
        if (step->v[0] != 2)
            studio_handle_event(s, &(SDL_Event){.key = {.type = SDL_KEYDOWN, .keysym = {.sym = step->key, .mod = step->mod}}});
        if (step->v[0] != 1)
            studio_handle_event(s, &(SDL_Event){.key = {.type = SDL_KEYUP, .keysym = {.sym = step->key, .mod = step->mod}}});
        break;
    case STEP_MOVE: send_motion(s, step->v[0], step->v[1]); break;
    case STEP_DRAG:
        send_motion(s, step->v[0], step->v[1]);
        send_button(s, SDL_PRESSED, step->v[0], step->v[1]);
        for (int i = 1; i <= DRAG_STEPS; i++)
            send_motion(s, step->v[0] + (step->v[2] - step->v[0]) * i / DRAG_STEPS,
                        step->v[1] + (step->v[3] - step->v[1]) * i / DRAG_STEPS);
        send_button(s, SDL_RELEASED, step->v[2], step->v[3]);
        break;
    case STEP_WHEEL:
        studio_handle_event(s, &(SDL_Event){.wheel = {.type = SDL_MOUSEWHEEL, .preciseY = (float)step->v[0],
                                                      .y = (Sint32)step->v[0]}});
        break;
    case STEP_STYLE: return set_style(s, step);
    case STEP_AGE: {
        smp_look look = s->doc.look;
        look.fresh = step->look.fresh, look.years = step->look.years;
        return studio_set_look(s, &look);
    }
    case STEP_TYPE: send_text(s, step->path); break;
    case STEP_WAIT:
    case STEP_SCREENSHOT: break;
    }
    return STUDIO_EXIT_OK;
}

int studio_script_count(const studio_script *script) { return script->count; }

int studio_script_run(const studio_script *script, studio *s, double *step_ms) {
    int code = STUDIO_EXIT_OK;
    for (int i = 0; i < script->count && code == STUDIO_EXIT_OK && !s->quit; i++) {
        const script_step *step = &script->steps[i];
        Uint64 start = SDL_GetPerformanceCounter();
        code = play(step, s);
        int frames = step->kind == STEP_WAIT ? (int)step->v[0] : 1;
        for (int f = 0; f < frames && code == STUDIO_EXIT_OK; f++) {
            code = studio_draw_frame(s);
            if (step_ms) glFinish(); /* timed: the frame is done when the GPU is */
            if (step_ms && f == 0)
                step_ms[i] = (double)(SDL_GetPerformanceCounter() - start) * 1e3 / (double)SDL_GetPerformanceFrequency();
            if (code == STUDIO_EXIT_OK && step->kind == STEP_SCREENSHOT) code = studio_save_screenshot(s, step->path);
            SDL_GL_SwapWindow(s->window);
        }
    }
    return code;
}
