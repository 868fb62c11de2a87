/* calibration_flags.c: --px-per-mm, --pupils, --ipd-mm and --ruler, shared by the subcommands. */
#include <string.h>

#include "cli.h"

int cli_calibration_flag(smp_calibration_settings *s, const cli_flag *flag, const char *value) {
    if (strcmp(flag->name, "--px-per-mm") == 0)
        return cli_number(flag->name, value, SMP_PX_PER_MM_MIN, SMP_PX_PER_MM_MAX, "px/mm", &s->px_per_mm);
    if (strcmp(flag->name, "--ipd-mm") == 0)
        return cli_number(flag->name, value, SMP_IPD_MM_MIN, SMP_IPD_MM_MAX, "mm", &s->ipd_mm);
    if (strcmp(flag->name, "--pupils") == 0) {
        s->has_pupils = 1;
        return cli_numbers(flag->name, value, 4, s->pupils);
    }
    if (strcmp(flag->name, "--ruler") == 0) {
        double v[5];
        int code = cli_numbers(flag->name, value, 5, v);
        if (code != CLI_EXIT_OK) return code;
        memcpy(s->ruler, v, sizeof s->ruler);
        s->ruler_mm = v[4];
        s->has_ruler = 1;
        return CLI_EXIT_OK;
    }
    return -1;
}

int cli_calibrate(const smp_calibration_settings *settings, int width, int height, smp_calibration *out) {
    smp_status status = smp_calibrate(settings, width, height, out);
    if (status != SMP_OK) /* library messages name the measurement as its flag is spelt, less the dashes */
        return cli_error(CLI_EXIT_USAGE, "%s%s", strncmp(smp_last_error(), "calibration", 11) ? "--" : "",
                         smp_last_error());
    if (out->source == SMP_SCALE_DEFAULT)
        fprintf(stderr,
                "smp: warning: no --px-per-mm, --pupils or --ruler given; assuming the photo's shorter side "
                "spans %g mm: %.3f px/mm\n",
                SMP_DEFAULT_FRAME_MM, out->px_per_mm);
    return CLI_EXIT_OK;
}
