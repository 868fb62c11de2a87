/* design_flags.c: the masks, style, seed, threads and timings flags shared by dots, plan and render. */
#include <errno.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_timer_start(cli_timer *timer) { timer->mark = omp_get_wtime(); }

void cli_timing(cli_timer *timer, const char *stage) {
    double now = omp_get_wtime();
    if (timer->enabled) fprintf(stderr, "%s: %.4f\n", stage, now - timer->mark);
    timer->mark = now;
}

/* Up to SMP_MAX_SESSIONS comma-separated numbers in [lo, hi], one per session. */
static int parse_per_session(const char *flag, const char *text, double lo, double hi, double *out) {
    double v[SMP_MAX_SESSIONS] = {0};
    int n = 1;
    for (const char *c = text; *c; c++) n += *c == ',';
    if (n > SMP_MAX_SESSIONS || cli_numbers(flag, text, n, v) != CLI_EXIT_OK)
        return cli_error(CLI_EXIT_USAGE, "%s: '%s' must be 1-%d comma-separated numbers, one per session", flag, text,
                         SMP_MAX_SESSIONS);
    for (int i = 0; i < n; i++)
        if (v[i] < lo || v[i] > hi)
            return cli_error(CLI_EXIT_USAGE, "%s: %g is outside the allowed range %g-%g", flag, v[i], lo, hi);
    for (int i = 0; i < n; i++) out[i] = v[i];
    return CLI_EXIT_OK;
}

static int parse_seed(const char *flag, const char *text, uint64_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text || *end || errno == ERANGE || text[0] == '-')
        return cli_error(CLI_EXIT_USAGE, "%s: '%s' is not a whole number from 0 to 18446744073709551615", flag, text);
    *out = v;
    return CLI_EXIT_OK;
}

static int parse_whole(const char *flag, const char *text, int lo, int hi, int *out) {
    double v;
    int code = cli_number(flag, text, lo, hi, "", &v);
    if (code != CLI_EXIT_OK) return code;
    if (v != (int)v) return cli_error(CLI_EXIT_USAGE, "%s: '%s' is not a whole number (allowed: %d-%d)", flag, text, lo, hi);
    *out = (int)v;
    return CLI_EXIT_OK;
}

/* A strength where 0 is a real setting, which the style spells SMP_OFF. */
static int parse_strength(const char *flag, const char *text, double hi, double *out) {
    int code = cli_number(flag, text, 0, hi, "", out);
    if (code == CLI_EXIT_OK && *out == 0.0) *out = SMP_OFF;
    return code;
}

int cli_design_flag(cli_design_options *o, const cli_flag *flag, const char *value) {
    const char *f = flag->name;
    smp_style *s = &o->style;
    if (!strcmp(f, "--project")) return o->project_path = value, CLI_EXIT_OK;
    if (!strcmp(f, "--project-variant")) return o->project_variant = value, CLI_EXIT_OK;
    if (!strcmp(f, "--timings")) return o->timer.enabled = 1, CLI_EXIT_OK;
    if (!strcmp(f, "--threads")) return parse_whole(f, value, 1, 256, &o->threads);
    if (!o->design_flag) o->design_flag = f;
    if (!strcmp(f, "--mask")) return o->mask_path = value, CLI_EXIT_OK;
    if (!strcmp(f, "--blend-mask")) return o->blend_path = value, CLI_EXIT_OK;
    if (!strcmp(f, "--scar-mask")) return o->scar_path = value, CLI_EXIT_OK;
    if (!strcmp(f, "--session-share")) return parse_per_session(f, value, 0.01, 1, s->session_share);
    if (!strcmp(f, "--session-shade")) return parse_per_session(f, value, 0.05, 1, s->session_shade);
    if (!strcmp(f, "--density")) return cli_number(f, value, SMP_DENSITY_MIN, SMP_DENSITY_MAX, "dots/cm2", &s->density);
    if (!strcmp(f, "--dot-size")) return cli_number(f, value, SMP_DOT_SIZE_MIN, SMP_DOT_SIZE_MAX, "mm", &s->dot_size);
    if (!strcmp(f, "--size-variation")) return parse_strength(f, value, 0.5, &s->size_variation);
    if (!strcmp(f, "--shade")) return cli_number(f, value, 0.05, 1, "", &s->shade);
    if (!strcmp(f, "--shade-variation")) return parse_strength(f, value, 0.5, &s->shade_variation);
    if (!strcmp(f, "--feather")) return cli_number(f, value, SMP_FEATHER_MIN, SMP_FEATHER_MAX, "mm", &s->feather_mm);
    if (!strcmp(f, "--irregularity")) return parse_strength(f, value, 1, &s->irregularity);
    if (!strcmp(f, "--hairline-offset"))
        return cli_number(f, value, -SMP_OFFSET_MAX, SMP_OFFSET_MAX, "mm", &s->hairline_offset_mm);
    if (!strcmp(f, "--sessions")) return parse_whole(f, value, 1, SMP_MAX_SESSIONS, &s->sessions);
    if (!strcmp(f, "--blend-density")) return cli_number(f, value, 0.05, 1, "", &s->blend_density);
    if (!strcmp(f, "--blend-shade")) return cli_number(f, value, 0.05, 1, "", &s->blend_shade);
    if (!strcmp(f, "--seed")) return parse_seed(f, value, &s->seed);
    if (!strcmp(f, "--hairline")) {
        if (!strcmp(value, "soft")) return s->hairline = SMP_HAIRLINE_SOFT, CLI_EXIT_OK;
        if (!strcmp(value, "sharp")) return s->hairline = SMP_HAIRLINE_SHARP, CLI_EXIT_OK;
        return cli_error(CLI_EXIT_USAGE, "--hairline: '%s' is not soft or sharp", value);
    }
    return cli_calibration_flag(&o->calibration, flag, value);
}

static int load_mask(const char *path, const smp_image_info *photo, int cell, smp_mask **out) {
    if (!path) return CLI_EXIT_OK;
    smp_status status = smp_mask_load(path, photo->width, photo->height, cell, out);
    return status == SMP_OK ? CLI_EXIT_OK : cli_status_error(status);
}

/* The design from the flags' mask files and style. */
static int design_from_files(cli_design_options *o, const cli_design *d, smp_design **out) {
    int cell = smp_mask_cell_for_scale(d->scale.px_per_mm);
    smp_mask *treatment = NULL, *blend = NULL, *scar = NULL;
    int code = load_mask(o->mask_path, &d->info, cell, &treatment);
    if (code == CLI_EXIT_OK) code = load_mask(o->blend_path, &d->info, cell, &blend);
    if (code == CLI_EXIT_OK) code = load_mask(o->scar_path, &d->info, cell, &scar);
    cli_timing(&o->timer, "mask");
    smp_design_desc desc = {d->info.width, d->info.height, d->scale.px_per_mm, treatment, blend, scar};
    smp_status status = code == CLI_EXIT_OK ? smp_design_create(&desc, out) : SMP_OK;
    if (status == SMP_OK && code == CLI_EXIT_OK) status = smp_design_set_style(*out, &o->style);
    if (status != SMP_OK) code = cli_status_error(status);
    smp_mask_destroy(treatment);
    smp_mask_destroy(blend);
    smp_mask_destroy(scar);
    return code;
}

/* Takes the photo's path, the scale and the style from the consultation; *variant is the one chosen. */
static int apply_project(cli_design_options *o, const smp_project *p, char *photo, size_t size, int *variant) {
    int v = *variant = smp_project_find_variant(p, o->project_variant);
    if (v < 0) {
        char names[SMP_PROJECT_MAX_VARIANTS * (SMP_PROJECT_NAME_MAX + 2)] = "";
        for (int i = 0; i < p->variant_count; i++)
            strcat(strcat(names, i ? ", " : ""), p->variants[i].name);
        return cli_error(CLI_EXIT_USAGE, "--project-variant: %s has no variant '%s' (it has %s)", o->project_path,
                         o->project_variant, names);
    }
    o->style = p->variants[v].style;
    o->calibration = p->calibration;
    smp_status status = smp_project_path(o->project_path, p->photo, photo, size);
    return status == SMP_OK ? CLI_EXIT_OK : cli_status_error(status);
}

int cli_design_open(const char *photo_path, cli_design_options *o, cli_design *out) {
    *out = (cli_design){0};
    if (o->project_path && photo_path)
        return cli_error(CLI_EXIT_USAGE, "give a PHOTO or --project FILE, not both");
    if (o->project_path && o->design_flag)
        return cli_error(CLI_EXIT_USAGE, "%s: the design comes from --project %s; change it there", o->design_flag,
                         o->project_path);
    if (!o->project_path && !photo_path) return cli_error(CLI_EXIT_USAGE, "give a PHOTO (or --project FILE)");
    if (!o->project_path && !o->mask_path)
        return cli_error(CLI_EXIT_USAGE, "--mask is required: the treatment area, painted white");
    if (o->threads) omp_set_num_threads(o->threads);
    cli_timer_start(&o->timer);
    smp_project *project = NULL;
    char project_photo[4096];
    int code = CLI_EXIT_OK, variant = 0;
    if (o->project_path) {
        smp_status status = smp_project_load(o->project_path, &project);
        code = status == SMP_OK ? apply_project(o, project, project_photo, sizeof project_photo, &variant)
                                : cli_status_error(status);
        photo_path = project_photo;
    }
    smp_status status = code == CLI_EXIT_OK ? smp_image_load(photo_path, NULL, &out->photo, &out->info) : SMP_OK;
    if (status != SMP_OK) code = cli_status_error(status);
    cli_timing(&o->timer, "load");
    if (code == CLI_EXIT_OK) code = cli_calibrate(&o->calibration, out->info.width, out->info.height, &out->scale);
    if (code == CLI_EXIT_OK && project) {
        status = smp_project_design(project, o->project_path, variant, &out->info, &out->design);
        if (status != SMP_OK) code = cli_status_error(status);
    } else if (code == CLI_EXIT_OK) {
        code = design_from_files(o, out, &out->design);
    }
    cli_timing(&o->timer, "place");
    smp_project_destroy(project);
    return code;
}

void cli_design_close(cli_design *d) {
    smp_design_destroy(d->design);
    smp_image_destroy(d->photo);
    *d = (cli_design){0}; /* closing twice is harmless */
}
