/* cmd_dots.c: smp dots, the design's pigment dots as a CSV list. */
#include <string.h>

#include "cli.h"

static const cli_flag dots_flags[] = {
    {"-o", "FILE.csv", "where to write the dots (required)"},
    CLI_DESIGN_FLAG_ROWS,
    {NULL, NULL, NULL},
};

const cli_command cmd_dots_spec = {
    "dots", "PHOTO --mask M [--blend-mask B] [--scar-mask S] [style flags] [calibration flags] -o dots.csv\n       smp dots --project FILE [--project-variant NAME] -o dots.csv",
    "Place the pigment dots and write them as CSV: x_mm,y_mm,diameter_mm,shade,session,rank.", dots_flags, 0, 1};

typedef struct dots_options {
    cli_design_options design;
    const char *output;
} dots_options;

static int on_dots_flag(void *context, const cli_flag *flag, const char *value) {
    dots_options *o = context;
    if (!strcmp(flag->name, "-o")) return o->output = value, CLI_EXIT_OK;
    return cli_design_flag(&o->design, flag, value);
}

int cmd_dots(int argc, char **argv) {
    dots_options o = {0};
    const char *photo[CLI_MAX_POSITIONAL];
    int count = 0;
    int code = cli_parse(&cmd_dots_spec, argc, argv, on_dots_flag, &o, photo, &count);
    if (code != CLI_EXIT_OK) return code < 0 ? CLI_EXIT_OK : code;
    if (!o.output) return cli_error(CLI_EXIT_USAGE, "dots: -o FILE.csv is required");
    cli_design d;
    code = cli_design_open(count ? photo[0] : NULL, &o.design, &d);
    smp_dot_list dots = {0};
    if (code == CLI_EXIT_OK) {
        smp_status status = smp_design_dots(d.design, NULL, &dots);
        if (status == SMP_OK) status = smp_dots_save_csv(&dots, o.output);
        code = status == SMP_OK ? CLI_EXIT_OK : cli_status_error(status);
        cli_timing(&o.design.timer, "save");
    }
    if (code == CLI_EXIT_OK) printf("%s: %zu dots\n", o.output, dots.count);
    smp_dot_list_free(&dots);
    cli_design_close(&d);
    return code;
}
