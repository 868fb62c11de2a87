/* script_parse.c: reading a plain-text script of input (the format is in the README).
 * One step a line; '#' starts a comment. Every line is checked before anything plays. */
#define _POSIX_C_SOURCE 200809L /* strdup, strndup, fmemopen */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script_steps.h"

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

int studio_script_count(const studio_script *script) { return script->count; }

