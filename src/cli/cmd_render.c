/* cmd_render.c: smp render, the after image at full resolution and the before/after sheet. */
#include <string.h>

#include "cli.h"

static const cli_flag render_flags[] = {
    {"-o", "FILE", "the after image, .png or .jpg (required)"},
    {"--before-after", "FILE", "also write the labelled before/after side by side"},
    CLI_EXPORT_FLAG_ROWS,
    CLI_LOOK_FLAG_ROWS,
    CLI_DESIGN_FLAG_ROWS,
    {NULL, NULL, NULL},
};

const cli_command cmd_render_spec = {
    "render", "PHOTO --mask M [style, look and calibration flags] -o after.png [--before-after sheet.png]\n       smp render --project FILE [--project-variant NAME] [look flags] -o after.png",
    "Render the simulated SMP on the photo at full resolution.", render_flags, 0, 1};

typedef struct render_options {
    cli_design_options design;
    cli_look_options look;
    cli_export_options export;
    const char *output, *before_after;
} render_options;

static int on_render_flag(void *context, const cli_flag *flag, const char *value) {
    render_options *o = context;
    if (!strcmp(flag->name, "-o")) return o->output = value, CLI_EXIT_OK;
    if (!strcmp(flag->name, "--before-after")) return o->before_after = value, CLI_EXIT_OK;
    int code = cli_export_flag(&o->export, flag, value);
    if (code < 0) code = cli_look_flag(&o->look, flag, value);
    return code < 0 ? cli_design_flag(&o->design, flag, value) : code;
}

int cmd_render(int argc, char **argv) {
    render_options o = {0};
    const char *photo[CLI_MAX_POSITIONAL];
    int count = 0;
    int code = cli_parse(&cmd_render_spec, argc, argv, on_render_flag, &o, photo, &count);
    if (code != CLI_EXIT_OK) return code < 0 ? CLI_EXIT_OK : code;
    if (!o.output) return cli_error(CLI_EXIT_USAGE, "render: -o FILE is required (.png or .jpg)");
    cli_design d;
    smp_renderer *renderer = NULL;
    smp_image *after = NULL;
    code = cli_design_open(count ? photo[0] : NULL, &o.design, &d);
    if (code == CLI_EXIT_OK) code = cli_renderer_open(&d, &o.look, &o.design, &renderer);
    if (code == CLI_EXIT_OK) code = cli_render_photo(renderer, &d, &o.look.look, o.export.quiet, &after);
    cli_timing(&o.design.timer, "render");
    smp_renderer_destroy(renderer);
    renderer = NULL;
    if (!o.before_after) cli_design_close(&d); /* the PNG encoder needs the memory more */
    if (code == CLI_EXIT_OK) code = cli_save_image(after, o.output, o.export.quality);
    if (code == CLI_EXIT_OK && o.before_after) {
        char label[64];
        cli_look_label(&o.look.look, label, sizeof label);
        smp_sheet_cell cells[2] = {{d.photo, "Before"}, {after, label}};
        code = cli_save_sheet(cells, 2, 2, &o.export, o.before_after);
    }
    cli_timing(&o.design.timer, "save");
    smp_image_destroy(after);
    smp_renderer_destroy(renderer);
    cli_design_close(&d);
    return code;
}
