/* cmd_plan.c: smp plan, what the treatment takes: area, dots per session, hairline length, time. */
#include <cJSON.h>
#include <string.h>

#include "cli.h"

static const cli_flag plan_flags[] = {
    {"--json", NULL, "print one JSON object instead of text"},
    CLI_DESIGN_FLAG_ROWS,
    {NULL, NULL, NULL},
};

const cli_command cmd_plan_spec = {
    "plan", "PHOTO --mask M [--blend-mask B] [--scar-mask S] [style flags] [calibration flags] [--json]\n       smp plan --project FILE [--project-variant NAME] [--json]",
    "Print the treatment plan: treated area, dots per session and in all, hairline length, time.", plan_flags, 0, 1};

typedef struct plan_options {
    cli_design_options design;
    int json;
} plan_options;

static int on_plan_flag(void *context, const cli_flag *flag, const char *value) {
    plan_options *o = context;
    if (!strcmp(flag->name, "--json")) return o->json = 1, CLI_EXIT_OK;
    return cli_design_flag(&o->design, flag, value);
}

static void print_text(const smp_plan *p) {
    printf("treated area: %.1f cm2\n", p->treated_area_cm2);
    printf("blend zone: %.1f cm2\n", p->blend_area_cm2);
    printf("hairline: %.0f mm\n", p->hairline_length_mm);
    printf("sessions: %d\n", p->sessions);
    for (int s = 0; s < p->sessions; s++)
        printf("session %d: %zu dots, %.0f min at 60 dots/min, %.0f min at 100 dots/min\n", s + 1,
               p->dots_per_session[s], p->minutes_at_60[s], p->minutes_at_100[s]);
    printf("total: %zu dots\n", p->dots_total);
}

static int print_json(const smp_plan *p) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "treated_area_cm2", p->treated_area_cm2);
    cJSON_AddNumberToObject(o, "blend_area_cm2", p->blend_area_cm2);
    cJSON_AddNumberToObject(o, "hairline_length_mm", p->hairline_length_mm);
    cJSON *sessions = cJSON_AddArrayToObject(o, "sessions");
    for (int s = 0; s < p->sessions; s++) {
        cJSON *one = cJSON_CreateObject();
        cJSON_AddNumberToObject(one, "session", s + 1);
        cJSON_AddNumberToObject(one, "dots", (double)p->dots_per_session[s]);
        cJSON_AddNumberToObject(one, "minutes_at_60", p->minutes_at_60[s]);
        cJSON_AddNumberToObject(one, "minutes_at_100", p->minutes_at_100[s]);
        cJSON_AddItemToArray(sessions, one);
    }
    cJSON_AddNumberToObject(o, "dots_total", (double)p->dots_total);
    return cli_print_json(o);
}

int cmd_plan(int argc, char **argv) {
    plan_options o = {0};
    const char *photo[CLI_MAX_POSITIONAL];
    int count = 0;
    int code = cli_parse(&cmd_plan_spec, argc, argv, on_plan_flag, &o, photo, &count);
    if (code != CLI_EXIT_OK) return code < 0 ? CLI_EXIT_OK : code;
    cli_design d;
    code = cli_design_open(count ? photo[0] : NULL, &o.design, &d);
    smp_plan plan;
    if (code == CLI_EXIT_OK) {
        smp_status status = smp_design_plan(d.design, &plan);
        code = status == SMP_OK ? CLI_EXIT_OK : cli_status_error(status);
        cli_timing(&o.design.timer, "plan");
    }
    if (code == CLI_EXIT_OK) code = o.json ? print_json(&plan) : (print_text(&plan), CLI_EXIT_OK);
    cli_design_close(&d);
    return code;
}
