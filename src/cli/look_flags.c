/* look_flags.c: age, sessions shown, ink and stubble matching, and rendering with a progress bar. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int parse_ink(const char *text, smp_look *look) {
    static const char *const names[] = {"neutral", "cool", "warm"};
    for (int i = 0; i < 3; i++)
        if (!strcmp(text, names[i])) return look->ink = (smp_ink)i, CLI_EXIT_OK;
    unsigned r, g, b;
    char end;
    if (strlen(text) == 7 && sscanf(text, "#%2x%2x%2x%c", &r, &g, &b, &end) == 3) {
        look->ink = SMP_INK_CUSTOM;
        look->ink_rgb[0] = (float)r / 255.0f, look->ink_rgb[1] = (float)g / 255.0f, look->ink_rgb[2] = (float)b / 255.0f;
        return CLI_EXIT_OK;
    }
    return cli_error(CLI_EXIT_USAGE, "--ink: '%s' is not neutral, cool, warm or a colour like #2a2d33", text);
}

int cli_look_flag(cli_look_options *o, const cli_flag *flag, const char *value) {
    const char *f = flag->name;
    if (!strcmp(f, "--ink-drift")) return o->look.ink_drift = 1, CLI_EXIT_OK;
    if (!strcmp(f, "--match-stubble")) return o->match_stubble = 1, CLI_EXIT_OK;
    if (!strcmp(f, "--ink")) return parse_ink(value, &o->look);
    if (!strcmp(f, "--years")) {
        o->look.fresh = 0;
        return cli_number(f, value, 0, SMP_YEARS_MAX, "years", &o->look.years);
    }
    if (!strcmp(f, "--after-session")) {
        double v;
        int code = cli_number(f, value, 1, SMP_MAX_SESSIONS, "", &v);
        if (code == CLI_EXIT_OK && v != (int)v) code = cli_error(CLI_EXIT_USAGE, "--after-session: '%s' is not a whole number", value);
        o->look.sessions = (int)v;
        return code;
    }
    if (!strcmp(f, "--age")) {
        if (smp_age_from_name(value, &o->look)) return CLI_EXIT_OK;
        return cli_error(CLI_EXIT_USAGE, "--age: '%s' is not fresh, healed, 6m, 1y, 2y, 5y or 8y", value);
    }
    return -1;
}

static int draw_progress(void *user, double done) {
    const char *what = user;
    int filled = (int)(done * 30 + 0.5);
    fprintf(stderr, "\r%s [%.*s%.*s] %3.0f%%", what, filled, "##############################", 30 - filled,
            "..............................", done * 100);
    if (done >= 1.0) fputc('\n', stderr);
    return 0;
}

int cli_renderer_open(cli_design *d, const cli_look_options *look, cli_design_options *options, smp_renderer **out) {
    smp_status status = smp_renderer_create(d->photo, out);
    if (status != SMP_OK) return cli_status_error(status);
    if (!look->match_stubble) return CLI_EXIT_OK;
    smp_stubble_match match;
    status = smp_match_stubble(*out, d->design, &look->look, &options->style, &match);
    if (status != SMP_OK) return cli_status_error(status);
    cli_timing(&options->timer, "match");
    double off = match.treated_ratio / match.stubble_ratio - 1.0;
    fprintf(stderr, "smp: match-stubble: stubble reads %.2f of the bare scalp; the treated scalp now %.2f "
                    "(density %.0f/cm2, shade %.2f)%s\n",
            match.stubble_ratio, match.treated_ratio, match.density, match.shade,
            off > 0.15 || off < -0.15 ? "; outside 15%: the stubble is darker than the pigment can go" : "");
    return CLI_EXIT_OK;
}

int cli_render_photo(smp_renderer *renderer, const cli_design *d, const smp_look *look, int quiet, smp_image **out) {
    smp_image *after = smp_image_create(d->info.width, d->info.height);
    if (!after) return cli_status_error(SMP_ERR_OUT_OF_MEMORY);
    int bar = !quiet && isatty(STDERR_FILENO);
    smp_status status = smp_render(renderer, d->design, look, NULL, after, bar ? draw_progress : NULL, "render");
    if (status != SMP_OK) {
        smp_image_destroy(after);
        return cli_status_error(status);
    }
    *out = after;
    return CLI_EXIT_OK;
}

int cli_save_image(const smp_image *image, const char *path, int jpeg_quality) {
    smp_status status = smp_image_save(image, path, &(smp_save_settings){.jpeg_quality = jpeg_quality});
    if (status != SMP_OK) return cli_status_error(status);
    printf("%s\n", path);
    return CLI_EXIT_OK;
}

void cli_look_label(const smp_look *look, char *out, size_t size) {
    char session[32] = "";
    if (look->sessions) snprintf(session, sizeof session, " session %d", look->sessions);
    if (look->fresh) snprintf(out, size, "After%s, fresh", session);
    else if (look->years == 0) snprintf(out, size, "After%s, healed", session);
    else if (look->years < 1) snprintf(out, size, "After%s, %.0f months", session, look->years * 12);
    else snprintf(out, size, "After%s, %g year%s", session, look->years, look->years == 1 ? "" : "s");
    if (look->ink_drift) snprintf(out + strlen(out), size - strlen(out), ", drifted ink");
}

int cli_export_flag(cli_export_options *o, const cli_flag *flag, const char *value) {
    if (!strcmp(flag->name, "--caption")) return o->caption = value, CLI_EXIT_OK;
    if (!strcmp(flag->name, "--quiet")) return o->quiet = 1, CLI_EXIT_OK;
    if (!strcmp(flag->name, "--quality")) {
        double q;
        int code = cli_number(flag->name, value, 1, 100, "", &q);
        o->quality = (int)q;
        return code;
    }
    return -1;
}

int cli_save_sheet(const smp_sheet_cell *cells, int count, int columns, const cli_export_options *o,
                   const char *path) {
    smp_font *font = NULL;
    smp_status status = smp_font_load(NULL, &font);
    smp_image *sheet = NULL;
    if (status == SMP_OK)
        status = smp_sheet_compose(cells, count, font, &(smp_sheet_settings){.columns = columns, .caption = o->caption},
                                   &sheet);
    smp_font_destroy(font);
    if (status != SMP_OK) return cli_status_error(status);
    int code = cli_save_image(sheet, path, o->quality);
    smp_image_destroy(sheet);
    return code;
}
