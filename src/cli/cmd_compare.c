/* cmd_compare.c: smp compare, a labelled grid of the before and each variant of the design. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { MAX_VARIANTS = SMP_PROJECT_MAX_VARIANTS, MAX_VARIANT_ARGS = 32 };

static const cli_flag compare_flags[] = {
    {"-o", "FILE", "the sheet, .png or .jpg (required)"},
    {"--variant", "'LABEL: FLAGS'", "a variant: a label, a colon, then style and look flags (up to 8)"},
    {"--columns", "N", "cells a row, 1-9 (default: all in one row)"},
    {"--cell-width", "PX", "width of each image on the sheet, 64-8000 (default: the photo's, at most 1200)"},
    CLI_EXPORT_FLAG_ROWS,
    CLI_LOOK_FLAG_ROWS,
    CLI_DESIGN_FLAG_ROWS,
    {NULL, NULL, NULL},
};

const cli_command cmd_compare_spec = {
    "compare", "PHOTO --mask M [base flags] --variant 'soft: --hairline soft' --variant 'sharp: ...' -o sheet.png\n"
               "       smp compare --project FILE [look flags] -o sheet.png   (the consultation's own variants)",
    "Render variants of the design side by side with the before, labelled.", compare_flags, 0, 1};

typedef struct compare_options {
    cli_design_options design;
    cli_look_options look;
    cli_export_options export;
    const char *output;
    const char *variants[MAX_VARIANTS];
    int variant_count, columns, cell_width;
} compare_options;

static int on_compare_flag(void *context, const cli_flag *flag, const char *value) {
    compare_options *o = context;
    const char *f = flag->name;
    if (!strcmp(f, "-o")) return o->output = value, CLI_EXIT_OK;
    if (!strcmp(f, "--variant")) {
        if (o->variant_count == MAX_VARIANTS) return cli_error(CLI_EXIT_USAGE, "--variant: at most %d", MAX_VARIANTS);
        return o->variants[o->variant_count++] = value, CLI_EXIT_OK;
    }
    double v;
    if (!strcmp(f, "--columns")) {
        int code = cli_number(f, value, 1, 9, "", &v);
        return o->columns = (int)v, code;
    }
    if (!strcmp(f, "--cell-width")) {
        int code = cli_number(f, value, 64, 8000, "pixels", &v);
        return o->cell_width = (int)v, code;
    }
    int code = cli_export_flag(&o->export, flag, value);
    if (code < 0) code = cli_look_flag(&o->look, flag, value);
    return code < 0 ? cli_design_flag(&o->design, flag, value) : code;
}

/* A variant's own flags: the style and the look, nothing that changes the photo or the masks. */
typedef struct variant {
    cli_design_options design;
    cli_look_options look;
    const char *label;
    char name[SMP_PROJECT_NAME_MAX]; /* the label's storage for a consultation's variant */
} variant;

static int on_variant_flag(void *context, const cli_flag *flag, const char *value) {
    variant *v = context;
    static const char *const fixed[] = {"--mask", "--blend-mask", "--scar-mask", "--px-per-mm", "--pupils",
                                        "--ipd-mm", "--ruler", "--threads", "--timings", NULL};
    for (int i = 0; fixed[i]; i++)
        if (!strcmp(flag->name, fixed[i]))
            return cli_error(CLI_EXIT_USAGE, "--variant '%s': %s is the same for every variant; give it outside",
                             v->label, flag->name);
    int code = cli_look_flag(&v->look, flag, value);
    return code < 0 ? cli_design_flag(&v->design, flag, value) : code;
}

static const cli_flag variant_flags[] = {
    CLI_LOOK_FLAG_ROWS,
    CLI_DESIGN_FLAG_ROWS,
    {NULL, NULL, NULL},
};

static const cli_command variant_spec = {"--variant", "'LABEL: FLAGS'", "a variant's style and look flags",
                                         variant_flags, 0, 0};

/* Splits "label: --flag value ..." in place into the label and words. */
static int parse_variant(char *text, variant *v, const compare_options *base) {
    char *colon = strchr(text, ':');
    if (!colon || colon == text)
        return cli_error(CLI_EXIT_USAGE, "--variant: '%s' must read 'LABEL: FLAGS', for example 'sharp: --hairline sharp'",
                         text);
    *colon = '\0';
    v->label = text;
    v->design = base->design;
    v->look = base->look;
    char *words[MAX_VARIANT_ARGS];
    int n = 0;
    for (char *p = colon + 1; *p;) {
        while (isspace((unsigned char)*p)) *p++ = '\0';
        if (!*p) break;
        if (n == MAX_VARIANT_ARGS) return cli_error(CLI_EXIT_USAGE, "--variant '%s': too many flags", v->label);
        words[n++] = p;
        while (*p && !isspace((unsigned char)*p)) p++;
    }
    const char *none[CLI_MAX_POSITIONAL];
    int count = 0;
    int code = cli_parse(&variant_spec, n, words, on_variant_flag, v, none, &count);
    return code < 0 ? CLI_EXIT_USAGE : code;
}

/* A consultation's variants, each as a --variant would give it. */
static int project_variants(const compare_options *o, variant *variants, int *count) {
    if (o->variant_count)
        return cli_error(CLI_EXIT_USAGE, "--variant: with --project the consultation's own variants are compared");
    smp_project *p = NULL;
    smp_status status = smp_project_load(o->design.project_path, &p);
    if (status != SMP_OK) return cli_status_error(status);
    for (int i = 0; i < p->variant_count; i++) {
        variants[i] = (variant){o->design, o->look, NULL, {0}};
        variants[i].design.style = p->variants[i].style;
        snprintf(variants[i].name, sizeof variants[i].name, "%s", p->variants[i].name);
        variants[i].label = variants[i].name;
    }
    *count = p->variant_count;
    smp_project_destroy(p);
    return CLI_EXIT_OK;
}

/* Renders one variant and scales it to the sheet's cell width. */
static int render_variant(cli_design *d, smp_renderer *r, variant *v, int quiet, int width, smp_image **out) {
    smp_status status = smp_design_set_style(d->design, &v->design.style);
    if (status != SMP_OK) return cli_error(CLI_EXIT_USAGE, "--variant '%s': --%s", v->label, smp_last_error());
    if (v->look.match_stubble) {
        smp_stubble_match match;
        status = smp_match_stubble(r, d->design, &v->look.look, &v->design.style, &match);
        if (status != SMP_OK) return cli_status_error(status);
    }
    smp_image *full = NULL;
    int code = cli_render_photo(r, d, &v->look.look, quiet, &full);
    if (code != CLI_EXIT_OK) return code;
    status = smp_image_resize(full, width, (int)((double)width * full->height / full->width + 0.5), out);
    smp_image_destroy(full);
    return status == SMP_OK ? CLI_EXIT_OK : cli_status_error(status);
}

int cmd_compare(int argc, char **argv) {
    compare_options o = {0};
    const char *photo[CLI_MAX_POSITIONAL];
    int count = 0;
    int code = cli_parse(&cmd_compare_spec, argc, argv, on_compare_flag, &o, photo, &count);
    if (code != CLI_EXIT_OK) return code < 0 ? CLI_EXIT_OK : code;
    if (!o.output) return cli_error(CLI_EXIT_USAGE, "compare: -o FILE is required (.png or .jpg)");
    if (!o.variant_count && !o.design.project_path)
        return cli_error(CLI_EXIT_USAGE, "compare: give at least one --variant 'LABEL: FLAGS'");
    variant variants[MAX_VARIANTS];
    char *texts[MAX_VARIANTS] = {0};
    if (o.design.project_path) code = project_variants(&o, variants, &o.variant_count);
    for (int i = 0; i < o.variant_count && code == CLI_EXIT_OK && !o.design.project_path; i++) {
        texts[i] = strdup(o.variants[i]);
        code = texts[i] ? parse_variant(texts[i], &variants[i], &o) : cli_error(CLI_EXIT_INTERNAL, "out of memory");
    }
    cli_design d = {0};
    smp_renderer *renderer = NULL;
    smp_image *images[MAX_VARIANTS + 1] = {0};
    if (code == CLI_EXIT_OK) code = cli_design_open(count ? photo[0] : NULL, &o.design, &d);
    if (code == CLI_EXIT_OK) code = cli_renderer_open(&d, &(cli_look_options){0}, &o.design, &renderer);
    int width = o.cell_width ? o.cell_width : d.info.width < 1200 ? d.info.width : 1200;
    if (code == CLI_EXIT_OK && smp_image_resize(d.photo, width, (int)((double)width * d.info.height / d.info.width + 0.5),
                                                &images[0]) != SMP_OK)
        code = cli_status_error(SMP_ERR_OUT_OF_MEMORY);
    for (int i = 0; i < o.variant_count && code == CLI_EXIT_OK; i++)
        code = render_variant(&d, renderer, &variants[i], o.export.quiet, width, &images[i + 1]);
    cli_timing(&o.design.timer, "render");
    if (code == CLI_EXIT_OK) {
        smp_sheet_cell cells[MAX_VARIANTS + 1] = {{images[0], "Before"}};
        for (int i = 0; i < o.variant_count; i++) cells[i + 1] = (smp_sheet_cell){images[i + 1], variants[i].label};
        code = cli_save_sheet(cells, o.variant_count + 1, o.columns, &o.export, o.output);
        cli_timing(&o.design.timer, "save");
    }
    for (int i = 0; i <= MAX_VARIANTS; i++) smp_image_destroy(images[i]);
    for (int i = 0; i < MAX_VARIANTS; i++) free(texts[i]);
    smp_renderer_destroy(renderer);
    cli_design_close(&d);
    return code;
}
