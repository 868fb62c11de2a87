/* cmd_info.c: smp info, what a photo file is and, with calibration flags, its scale. */
#include <cJSON.h>
#include <string.h>

#include "cli.h"

static const cli_flag info_flags[] = {
    {"--json", NULL, "print one JSON object instead of text"},
    {"--max-megapixels", "N", "refuse photos with more pixels (1-1000, default 150)"},
    CLI_TIMINGS_FLAG_ROW,
    CLI_CALIBRATION_FLAG_ROWS,
    {NULL, NULL, NULL},
};

const cli_command cmd_info_spec = {
    "info", "PHOTO [--json] [--max-megapixels N] [calibration flags]",
    "Print a photo's size after orientation, orientation tag, channels, bit depth and format.", info_flags, 1, 1};

typedef struct info_options {
    int json;
    smp_load_settings load;
    smp_calibration_settings calibration;
    int calibrate; /* a calibration flag was given */
    cli_timer timer;
} info_options;

static int on_info_flag(void *context, const cli_flag *flag, const char *value) {
    info_options *o = context;
    if (strcmp(flag->name, "--json") == 0) {
        o->json = 1;
        return CLI_EXIT_OK;
    }
    if (strcmp(flag->name, "--timings") == 0) {
        o->timer.enabled = 1;
        return CLI_EXIT_OK;
    }
    if (strcmp(flag->name, "--max-megapixels") == 0)
        return cli_number(flag->name, value, 1, 1000, "megapixels", &o->load.max_megapixels);
    o->calibrate = 1;
    return cli_calibration_flag(&o->calibration, flag, value);
}

static const char *colour_name(const smp_image_info *info) {
    static const char *const names[] = {"grey", "grey+alpha", "RGB", "RGBA"};
    if (info->cmyk) return "CMYK";
    return info->channels >= 1 && info->channels <= 4 ? names[info->channels - 1] : "unknown";
}

static void print_text(const char *path, const smp_image_info *info, const smp_calibration *scale) {
    printf("file: %s\n", path);
    printf("format: %s\n", smp_file_format_name(info->format));
    printf("size: %dx%d\n", info->width, info->height);
    printf("stored size: %dx%d\n", info->stored_width, info->stored_height);
    printf("orientation: %d (%s%s)\n", info->orientation, smp_orientation_name(info->orientation),
           info->orientation_tagged ? "" : ", no tag");
    printf("channels: %d (%s)\n", info->channels, colour_name(info));
    printf("bits per channel: %d\n", info->bits_per_channel);
    printf("file bytes: %zu\n", info->file_bytes);
    if (scale)
        printf("scale: %.4f px/mm (%s), %.1f x %.1f mm\n", scale->px_per_mm, smp_scale_source_name(scale->source),
               info->width / scale->px_per_mm, info->height / scale->px_per_mm);
}

static int print_json(const char *path, const smp_image_info *info, const smp_calibration *scale) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", path);
    cJSON_AddStringToObject(o, "format", smp_file_format_name(info->format));
    cJSON_AddNumberToObject(o, "width", info->width);
    cJSON_AddNumberToObject(o, "height", info->height);
    cJSON_AddNumberToObject(o, "stored_width", info->stored_width);
    cJSON_AddNumberToObject(o, "stored_height", info->stored_height);
    cJSON_AddNumberToObject(o, "orientation", info->orientation);
    cJSON_AddBoolToObject(o, "orientation_tagged", info->orientation_tagged);
    cJSON_AddStringToObject(o, "orientation_meaning", smp_orientation_name(info->orientation));
    cJSON_AddNumberToObject(o, "channels", info->channels);
    cJSON_AddStringToObject(o, "colour", colour_name(info));
    cJSON_AddNumberToObject(o, "bits_per_channel", info->bits_per_channel);
    cJSON_AddNumberToObject(o, "file_bytes", (double)info->file_bytes);
    if (scale) {
        cJSON *s = cJSON_AddObjectToObject(o, "scale");
        cJSON_AddNumberToObject(s, "px_per_mm", scale->px_per_mm);
        cJSON_AddStringToObject(s, "source", smp_scale_source_name(scale->source));
    }
    return cli_print_json(o);
}

int cmd_info(int argc, char **argv) {
    info_options o = {0};
    const char *paths[CLI_MAX_POSITIONAL];
    int count = 0;
    int code = cli_parse(&cmd_info_spec, argc, argv, on_info_flag, &o, paths, &count);
    if (code != CLI_EXIT_OK) return code < 0 ? CLI_EXIT_OK : code;
    smp_image *image = NULL;
    smp_image_info info;
    cli_timer_start(&o.timer);
    smp_status status = smp_image_load(paths[0], &o.load, &image, &info);
    if (status != SMP_OK) return cli_status_error(status);
    cli_timing(&o.timer, "load");
    smp_image_destroy(image);
    smp_calibration scale;
    if (o.calibrate && (code = cli_calibrate(&o.calibration, info.width, info.height, &scale)) != CLI_EXIT_OK)
        return code;
    if (o.json) return print_json(paths[0], &info, o.calibrate ? &scale : NULL);
    print_text(paths[0], &info, o.calibrate ? &scale : NULL);
    return CLI_EXIT_OK;
}
