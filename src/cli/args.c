/* args.c: flag parsing, number checks and error messages for the smp command. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_error(int code, const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("smp: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    return code;
}

int cli_status_error(smp_status status) { return cli_error(smp_status_exit_code(status), "%s", smp_last_error()); }

int cli_print_json(cJSON *object) {
    char *text = cJSON_Print(object);
    cJSON_Delete(object);
    if (!text) return cli_error(CLI_EXIT_INTERNAL, "out of memory writing JSON");
    puts(text);
    free(text);
    return CLI_EXIT_OK;
}

static const cli_flag *find_flag(const cli_flag *flags, const char *name, size_t len) {
    for (const cli_flag *f = flags; f && f->name; f++)
        if (strlen(f->name) == len && strncmp(f->name, name, len) == 0) return f;
    return NULL;
}

void cli_print_command_help(const cli_command *command, FILE *out) {
    fprintf(out, "usage: smp %s %s\n\n%s\n", command->name, command->usage, command->summary);
    if (command->flags && command->flags->name) fputs("\nflags:\n", out);
    for (const cli_flag *f = command->flags; f && f->name; f++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", f->name, f->meta ? " " : "", f->meta ? f->meta : "");
        fprintf(out, "  %-28s %s\n", left, f->help);
    }
}

int cli_parse(const cli_command *command, int argc, char **argv, cli_flag_fn on_flag, void *context,
              const char **positional, int *positional_count) {
    int count = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cli_print_command_help(command, stdout);
            return -1;
        }
        if (arg[0] != '-' || arg[1] == '\0') {
            if (count == CLI_MAX_POSITIONAL || count == command->max_positional)
                return cli_error(CLI_EXIT_USAGE, "%s: unexpected argument '%s' (usage: smp %s %s)", command->name,
                                 arg, command->name, command->usage);
            positional[count++] = arg;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        const cli_flag *flag = find_flag(command->flags, arg, len);
        if (!flag)
            return cli_error(CLI_EXIT_USAGE, "%s: unknown flag '%.*s' (see smp %s --help)", command->name, (int)len,
                             arg, command->name);
        const char *value = NULL;
        if (flag->meta) {
            if (eq) value = eq + 1;
            else if (i + 1 < argc) value = argv[++i];
            else return cli_error(CLI_EXIT_USAGE, "%s needs a value: %s %s", flag->name, flag->name, flag->meta);
        } else if (eq) {
            return cli_error(CLI_EXIT_USAGE, "%s takes no value", flag->name);
        }
        int code = on_flag(context, flag, value);
        if (code != CLI_EXIT_OK) return code;
    }
    if (count < command->min_positional)
        return cli_error(CLI_EXIT_USAGE, "%s: missing argument (usage: smp %s %s)", command->name, command->name,
                         command->usage);
    *positional_count = count;
    return CLI_EXIT_OK;
}

static int parse_double(const char *text, double *out) {
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

int cli_number(const char *flag, const char *text, double lo, double hi, const char *unit, double *out) {
    double v;
    const char *space = *unit ? " " : "";
    if (!parse_double(text, &v))
        return cli_error(CLI_EXIT_USAGE, "%s: '%s' is not a number (allowed: %g-%g%s%s)", flag, text, lo, hi, space,
                         unit);
    if (v < lo || v > hi)
        return cli_error(CLI_EXIT_USAGE, "%s: %s is outside the allowed range %g-%g%s%s", flag, text, lo, hi, space,
                         unit);
    *out = v;
    return CLI_EXIT_OK;
}

int cli_numbers(const char *flag, const char *text, int count, double *out) {
    const char *at = text;
    for (int i = 0; i < count; i++) {
        size_t len = strcspn(at, ",");
        char separator = i + 1 == count ? '\0' : ',';
        char item[64];
        if (len == 0 || len >= sizeof item || at[len] != separator) break;
        memcpy(item, at, len);
        item[len] = '\0';
        if (!parse_double(item, &out[i])) break;
        if (separator == '\0') return CLI_EXIT_OK;
        at += len + 1;
    }
    return cli_error(CLI_EXIT_USAGE, "%s: '%s' must be %d comma-separated numbers", flag, text, count);
}
