/* cmd_demo.c: smp demo, the bundled sample client written out as files a person can open. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const cli_flag demo_flags[] = {
    {"-o", "DIR", "folder to write into (made if missing; default ./out)"},
    CLI_TIMINGS_FLAG_ROW,
    {NULL, NULL, NULL},
};

const cli_command cmd_demo_spec = {
    "demo", "[-o DIR]",
    "Write the bundled sample client into DIR: the upright photo, its design overlay and its info.",
    demo_flags, 0, 0};

typedef struct demo_options {
    const char *dir;
    cli_timer timer;
} demo_options;

static int on_demo_flag(void *context, const cli_flag *flag, const char *value) {
    demo_options *o = context;
    if (strcmp(flag->name, "--timings") == 0) o->timer.enabled = 1;
    else o->dir = value;
    return CLI_EXIT_OK;
}

/* mkdir -p: every missing folder along path. */
static int make_folders(const char *path) {
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf) return cli_error(CLI_EXIT_USAGE, "-o: '%s' is not a usable folder name", path);
    memcpy(buf, path, len + 1);
    for (char *p = buf + 1; ; p++) {
        if (*p != '/' && *p != '\0') continue;
        char end = *p;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return cli_error(CLI_EXIT_OUTPUT, "%s: cannot make the folder (%s)", buf, strerror(errno));
        *p = end;
        if (end == '\0') break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return cli_error(CLI_EXIT_OUTPUT, "%s: not a folder", path);
    return CLI_EXIT_OK;
}

/* Tints the photo where the masks are: treatment area blue-green, blend zone
 * amber, so a person sees the design's areas at a glance. */
static void tint_design(smp_image *photo, const smp_image *mask, const smp_image *blend) {
    static const float treat_tint[3] = {0.10f, 0.75f, 0.85f};
    static const float blend_tint[3] = {1.00f, 0.65f, 0.10f};
    for (int y = 0; y < photo->height; y++) {
        uint8_t *p = photo->pixels + (size_t)y * photo->stride;
        const uint8_t *m = mask->pixels + (size_t)y * mask->stride;
        const uint8_t *b = blend->pixels + (size_t)y * blend->stride;
        for (int x = 0; x < photo->width; x++, p += 4, m += 4, b += 4) {
            float wt = 0.45f * m[0] / 255.0f, wb = 0.45f * b[0] / 255.0f;
            for (int c = 0; c < 3; c++) {
                float v = p[c] * (1.0f - wt - wb) + 255.0f * (treat_tint[c] * wt + blend_tint[c] * wb);
                p[c] = (uint8_t)(v + 0.5f);
            }
        }
    }
}

static smp_status load_embedded(const smp_embedded_file *file, smp_image **out, smp_image_info *info) {
    return smp_image_load_memory(file->data, file->size, file->name, NULL, out, info);
}

static int write_info(const char *dir, const smp_sample_client *client, const smp_image_info *info) {
    char path[4200], tmp[4300];
    snprintf(path, sizeof path, "%s/sample_client.txt", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) return cli_error(CLI_EXIT_OUTPUT, "%s: cannot write (%s)", tmp, strerror(errno));
    fprintf(f, "client: %s\nphoto: %s, %s, %dx%d, orientation %d (%s)\nscale: %.3f px/mm, %.1f x %.1f mm\n",
            client->name, client->photo.name, smp_file_format_name(info->format), info->width, info->height,
            info->orientation, smp_orientation_name(info->orientation), client->px_per_mm,
            info->width / client->px_per_mm, info->height / client->px_per_mm);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        remove(tmp);
        return cli_error(CLI_EXIT_OUTPUT, "%s: cannot write (%s)", path, strerror(errno));
    }
    printf("%s\n", path);
    return CLI_EXIT_OK;
}

static int save(const smp_image *image, const char *dir, const char *name) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    smp_status status = smp_image_save(image, path, NULL);
    if (status != SMP_OK) return cli_status_error(status);
    printf("%s\n", path);
    return CLI_EXIT_OK;
}

int cmd_demo(int argc, char **argv) {
    demo_options o = {.dir = "out"};
    const char *unused[CLI_MAX_POSITIONAL];
    int count = 0;
    int code = cli_parse(&cmd_demo_spec, argc, argv, on_demo_flag, &o, unused, &count);
    if (code != CLI_EXIT_OK) return code < 0 ? CLI_EXIT_OK : code;
    const char *dir = o.dir;
    cli_timer_start(&o.timer);
    if ((code = make_folders(dir)) != CLI_EXIT_OK) return code;
    smp_sample_client client;
    smp_status status = smp_sample_client_get(&client);
    if (status != SMP_OK) return cli_error(CLI_EXIT_INTERNAL, "%s", smp_last_error());
    smp_image *photo = NULL, *mask = NULL, *blend = NULL;
    smp_image_info info;
    status = load_embedded(&client.photo, &photo, &info);
    if (status == SMP_OK) status = load_embedded(&client.mask, &mask, NULL);
    if (status == SMP_OK) status = load_embedded(&client.blend_mask, &blend, NULL);
    cli_timing(&o.timer, "load");
    if (status != SMP_OK) {
        code = cli_error(CLI_EXIT_INTERNAL, "the embedded sample client is damaged: %s", smp_last_error());
    } else if ((code = save(photo, dir, "before.png")) == CLI_EXIT_OK) {
        tint_design(photo, mask, blend);
        code = save(photo, dir, "design.png");
    }
    if (code == CLI_EXIT_OK) code = write_info(dir, &client, &info);
    cli_timing(&o.timer, "save");
    smp_image_destroy(photo);
    smp_image_destroy(mask);
    smp_image_destroy(blend);
    return code;
}
