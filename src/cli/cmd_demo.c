/* cmd_demo.c: smp demo, the bundled sample client's mockups, as a clinic would hand them over. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const cli_flag demo_flags[] = {
    {"-o", "DIR", "folder to write into (made if missing; default ./out)"},
    {"--quiet", NULL, "no progress bars"},
    CLI_TIMINGS_FLAG_ROW,
    {NULL, NULL, NULL},
};

const cli_command cmd_demo_spec = {
    "demo", "[-o DIR]",
    "Write the bundled sample client's mockups into DIR: after, before/after, soft vs sharp, sessions, ageing, plan.",
    demo_flags, 0, 0};

typedef struct demo_options {
    const char *dir;
    cli_design_options design;
    cli_export_options export;
} demo_options;

static int on_demo_flag(void *context, const cli_flag *flag, const char *value) {
    demo_options *o = context;
    if (!strcmp(flag->name, "--timings")) o->design.timer.enabled = 1;
    else if (!strcmp(flag->name, "--quiet")) o->export.quiet = 1;
    else o->dir = value;
    return CLI_EXIT_OK;
}

/* mkdir -p: every missing folder along path. */
static int make_folders(const char *path) {
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf) return cli_error(CLI_EXIT_USAGE, "-o: '%s' is not a usable folder name", path);
    memcpy(buf, path, len + 1);
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0') continue;
        char end = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return cli_error(CLI_EXIT_OUTPUT, "%s: cannot make the folder (%s)", buf, strerror(errno));
        *p = end;
        if (end == '\0') break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return cli_error(CLI_EXIT_OUTPUT, "%s: not a folder", path);
    return CLI_EXIT_OK;
}

/* The sample client as a design, as cli_design_open makes one from files. */
static int open_sample(cli_design *d) {
    *d = (cli_design){0};
    smp_status status = smp_sample_client_open(&d->photo, &d->info, &d->design);
    if (status != SMP_OK) return cli_error(CLI_EXIT_INTERNAL, "the embedded sample client is damaged: %s", smp_last_error());
    d->scale = (smp_calibration){smp_design_px_per_mm(d->design), SMP_SCALE_EXPLICIT};
    return CLI_EXIT_OK;
}

static void path_in(char *out, size_t size, const char *dir, const char *name) { snprintf(out, size, "%s/%s", dir, name); }

/* Renders the photo under each look (with the style's hairline when given)
 * and saves them as one labelled strip, the before first when asked. */
typedef struct strip_entry {
    const char *label;
    smp_look look;
    int sharp; /* 1: sharp hairline, else the matched style */
} strip_entry;

static int save_strip(cli_design *d, smp_renderer *r, const smp_style *style, const strip_entry *entries, int count,
                      int with_before, const demo_options *o, const char *name) {
    enum { MAX = 6 };
    smp_image *images[MAX] = {0};
    smp_sheet_cell cells[MAX];
    int n = 0, code = CLI_EXIT_OK;
    if (with_before) cells[n++] = (smp_sheet_cell){d->photo, "Before"};
    for (int i = 0; i < count && code == CLI_EXIT_OK; i++) {
        smp_style s = *style;
        if (entries[i].sharp) s.hairline = SMP_HAIRLINE_SHARP, s.feather_mm = 0, s.irregularity = 0;
        smp_status status = smp_design_set_style(d->design, &s);
        if (status != SMP_OK) return cli_status_error(status);
        code = cli_render_photo(r, d, &entries[i].look, o->export.quiet, &images[i]);
        if (code == CLI_EXIT_OK) cells[n++] = (smp_sheet_cell){images[i], entries[i].label};
    }
    char path[4200];
    path_in(path, sizeof path, o->dir, name);
    if (code == CLI_EXIT_OK) {
        smp_font *font = NULL;
        smp_image *sheet = NULL;
        smp_status status = smp_font_load(NULL, &font);
        if (status == SMP_OK)
            status = smp_sheet_compose(cells, n, font, &(smp_sheet_settings){.cell_width = 1200, .caption = o->export.caption},
                                       &sheet);
        smp_font_destroy(font);
        code = status == SMP_OK ? cli_save_image(sheet, path, 0) : cli_status_error(status);
        smp_image_destroy(sheet);
    }
    for (int i = 0; i < MAX; i++) smp_image_destroy(images[i]);
    smp_design_set_style(d->design, style);
    return code;
}

static int save_plan(const cli_design *d, const char *dir) {
    smp_plan p;
    smp_status status = smp_design_plan(d->design, &p);
    if (status != SMP_OK) return cli_status_error(status);
    char path[4200], tmp[4300];
    path_in(path, sizeof path, dir, "plan.txt");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) return cli_error(CLI_EXIT_OUTPUT, "%s: cannot write (%s)", tmp, strerror(errno));
    fprintf(f, "Sample client: treatment plan\ntreated area: %.1f cm2\nblend zone: %.1f cm2\nhairline: %.0f mm\n",
            p.treated_area_cm2, p.blend_area_cm2, p.hairline_length_mm);
    for (int s = 0; s < p.sessions; s++)
        fprintf(f, "session %d: %zu dots, %.0f-%.0f min\n", s + 1, p.dots_per_session[s], p.minutes_at_100[s],
                p.minutes_at_60[s]);
    fprintf(f, "total: %zu dots\n", p.dots_total);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        remove(tmp);
        return cli_error(CLI_EXIT_OUTPUT, "%s: cannot write (%s)", path, strerror(errno));
    }
    printf("%s\n", path);
    return CLI_EXIT_OK;
}

static int write_mockups(cli_design *d, smp_renderer *r, const smp_style *style, demo_options *o) {
    char path[4200];
    smp_look healed = {0};
    smp_image *after = NULL;
    int code = cli_render_photo(r, d, &healed, o->export.quiet, &after);
    path_in(path, sizeof path, o->dir, "after.png");
    if (code == CLI_EXIT_OK) code = cli_save_image(after, path, 0);
    if (code == CLI_EXIT_OK) {
        smp_sheet_cell cells[2] = {{d->photo, "Before"}, {after, "After, healed"}};
        path_in(path, sizeof path, o->dir, "before_after.png");
        code = cli_save_sheet(cells, 2, 2, &o->export, path);
    }
    smp_image_destroy(after);
    static const strip_entry hairlines[] = {{"Soft hairline", {0}, 0}, {"Sharp hairline", {0}, 1}};
    static const strip_entry sessions[] = {{"After session 1", {.sessions = 1}, 0},
                                           {"After session 2", {.sessions = 2}, 0},
                                           {"After session 3", {.sessions = 3}, 0}};
    static const strip_entry ages[] = {{"Fresh", {.fresh = 1}, 0}, {"Healed", {0}, 0}, {"1 year", {.years = 1}, 0},
                                       {"5 years", {.years = 5}, 0}};
    if (code == CLI_EXIT_OK) code = save_strip(d, r, style, hairlines, 2, 1, o, "soft_vs_sharp.png");
    if (code == CLI_EXIT_OK) code = save_strip(d, r, style, sessions, 3, 0, o, "sessions.png");
    if (code == CLI_EXIT_OK) code = save_strip(d, r, style, ages, 4, 0, o, "ageing.png");
    if (code == CLI_EXIT_OK) code = save_plan(d, o->dir);
    return code;
}

int cmd_demo(int argc, char **argv) {
    demo_options o = {.dir = "out"};
    const char *unused[CLI_MAX_POSITIONAL];
    int count = 0;
    int code = cli_parse(&cmd_demo_spec, argc, argv, on_demo_flag, &o, unused, &count);
    if (code != CLI_EXIT_OK) return code < 0 ? CLI_EXIT_OK : code;
    if ((code = make_folders(o.dir)) != CLI_EXIT_OK) return code;
    cli_timer_start(&o.design.timer);
    cli_design d;
    smp_renderer *r = NULL;
    code = open_sample(&d);
    cli_timing(&o.design.timer, "load");
    /* The sample's design matched to its stubble, as a practitioner would start. */
    if (code == CLI_EXIT_OK) code = cli_renderer_open(&d, &(cli_look_options){.match_stubble = 1}, &o.design, &r);
    char caption[160];
    snprintf(caption, sizeof caption, "Sample client (generated), %.0f dots/cm2, %.2f mm dots, shade %.2f, soft hairline",
             smp_design_style(d.design)->density, smp_design_style(d.design)->dot_size,
             smp_design_style(d.design)->shade);
    o.export.caption = caption;
    smp_style style = *smp_design_style(d.design);
    if (code == CLI_EXIT_OK) code = write_mockups(&d, r, &style, &o);
    cli_timing(&o.design.timer, "render");
    smp_renderer_destroy(r);
    cli_design_close(&d);
    return code;
}
