/* cli.h: what the smp command's source files share: exit codes, flag parsing, messages. */
#ifndef SMP_CLI_H
#define SMP_CLI_H

#include <stdio.h>

#include "smp/smp.h"

/* Exit codes, as DESIGN.md and --help promise. */
enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_INTERNAL = 1, /* a bug or an unexpected failure */
    CLI_EXIT_USAGE = 2,    /* a flag or argument is wrong */
    CLI_EXIT_INPUT = 3,    /* an input file is unreadable, corrupt, too large or mismatched */
    CLI_EXIT_OUTPUT = 4    /* an output cannot be written */
};

/* One flag a subcommand takes. meta is NULL for a switch, else the value's
 * name shown in help ("MM"); help states the unit and the range. */
typedef struct cli_flag {
    const char *name;
    const char *meta;
    const char *help;
} cli_flag;

/* Called for each flag found; value is NULL for a switch. Returns an exit
 * code: CLI_EXIT_OK to go on. */
typedef int (*cli_flag_fn)(void *context, const cli_flag *flag, const char *value);

typedef struct cli_command {
    const char *name;
    const char *usage;   /* after "smp NAME " */
    const char *summary; /* one line for smp --help */
    const cli_flag *flags;
    int min_positional, max_positional;
} cli_command;

#define CLI_MAX_POSITIONAL 8

/* Parses argv (after the subcommand's name) against the command's flags,
 * calling on_flag for each; the rest go to positional. "--help" prints the
 * command's help and returns -1. Returns an exit code; messages go to stderr. */
int cli_parse(const cli_command *command, int argc, char **argv, cli_flag_fn on_flag, void *context,
              const char **positional, int *positional_count);

void cli_print_command_help(const cli_command *command, FILE *out);

/* Prints "smp: MESSAGE" to stderr and returns code. */
int cli_error(int code, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Prints smp_last_error() and returns the exit code for status. */
int cli_status_error(smp_status status);

/* Parses a number for flag within [lo, hi]; on failure prints the flag, the
 * value and the range, and returns CLI_EXIT_USAGE. unit goes in the message. */
int cli_number(const char *flag, const char *text, double lo, double hi, const char *unit, double *out);

/* Parses "a,b,c,..." of exactly count numbers (any finite values). */
int cli_numbers(const char *flag, const char *text, int count, double *out);

/* Calibration flags, rows for the flag table of every subcommand that
 * measures in millimetres. */
#define CLI_CALIBRATION_FLAG_ROWS                                                                  \
    {"--px-per-mm", "X", "photo scale, pixels per millimetre (0.2-2000); wins over the two below"}, \
    {"--pupils", "X1,Y1,X2,Y2", "pupil centres in pixels on a front view; scale from their distance"}, \
    {"--ipd-mm", "MM", "distance between the pupils, 40-90 mm (default 63)"},                     \
    {"--ruler", "X1,Y1,X2,Y2,MM", "two points in pixels and their true distance, 1-2000 mm"}
/* Applies one calibration flag; returns -1 when flag is not one of them. */
int cli_calibration_flag(smp_calibration_settings *settings, const cli_flag *flag, const char *value);
/* The scale for a width x height photo; warns on stderr when it is the default. */
int cli_calibrate(const smp_calibration_settings *settings, int width, int height, smp_calibration *out);

/* Subcommands. */
int cmd_info(int argc, char **argv);
int cmd_demo(int argc, char **argv);
extern const cli_command cmd_info_spec, cmd_demo_spec;

#endif
