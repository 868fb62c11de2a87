/* cli.h: what the smp command's source files share: exit codes, flag parsing, messages. */
#ifndef SMP_CLI_H
#define SMP_CLI_H

#include <cJSON.h>
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

/* Prints the object to stdout, frees it and returns an exit code. */
int cli_print_json(cJSON *object);

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

/* Flags that describe a design, rows for the flag tables of dots, plan and render. */
#define CLI_DESIGN_FLAG_ROWS                                                                       \
    {"--project", "FILE", "a consultation file: photo, design, scale and styles (instead of PHOTO)"}, \
    {"--project-variant", "NAME", "which of the consultation's variants (default: its first)"},      \
    {"--mask", "FILE", "treatment area (required): any image, white = treat, grey scales density"}, \
    {"--blend-mask", "FILE", "existing hair to blend dots into (sides, back)"},                     \
    {"--scar-mask", "FILE", "scar tissue (FUT strip, FUE dots): dots spread more there"},           \
    {"--density", "N", "dots per cm2 after all sessions, 10-300 (default 120)"},                    \
    {"--dot-size", "MM", "healed dot diameter, 0.05-0.4 mm (default 0.18)"},                        \
    {"--size-variation", "X", "spread of dot sizes, 0-0.5 (default 0.15)"},                         \
    {"--shade", "X", "pigment strength, 0.05-1 (default 0.8)"},                                     \
    {"--shade-variation", "X", "spread of shades across layered greys, 0-0.5 (default 0.15)"},      \
    {"--hairline", "soft|sharp", "feathered (default) or a crisp edge"},                            \
    {"--feather", "MM", "hairline transition width, 0.1-20 mm (default 6 soft, 0.4 sharp)"},        \
    {"--irregularity", "X", "edge noise, 0-1 (default 0.5 soft, 0.15 sharp)"},                      \
    {"--hairline-offset", "MM", "move the edge back (+, higher) or forward (-), -30 to 30 mm"},      \
    {"--sessions", "N", "treatment sessions, 1-4 (default 3)"},                                     \
    {"--blend-density", "X", "density in the blend zone over the treatment's, 0.05-1 (default 0.6)"}, \
    {"--blend-shade", "X", "shade in the blend zone over the treatment's, 0.05-1 (default 0.8)"},   \
    {"--seed", "N", "random seed, 0-18446744073709551615 (default 0): same seed, same dots"},        \
    {"--threads", "N", "threads to use, 1-256 (default: all cores); output is the same for any"},  \
    {"--session-share", "A,B,..", "each session's share of the dots, 0.01-1 each (normalised)"},   \
    {"--session-shade", "A,B,..", "each session's shade factor, 0.05-1 each (default rising)"},    \
    CLI_TIMINGS_FLAG_ROW,                                                                          \
    CLI_CALIBRATION_FLAG_ROWS

/* --timings: each stage's wall time on stderr as "stage: seconds". */
typedef struct cli_timer {
    int enabled;
    double mark; /* when the current stage began */
} cli_timer;

#define CLI_TIMINGS_FLAG_ROW {"--timings", NULL, "print each stage's wall time to stderr as 'stage: seconds'"}

void cli_timer_start(cli_timer *timer);
/* Prints "stage: seconds since the last mark" when enabled, and marks now. */
void cli_timing(cli_timer *timer, const char *stage);

typedef struct cli_design_options {
    const char *project_path, *project_variant;
    const char *design_flag; /* the first mask, style or calibration flag given: a project brings its own */
    const char *mask_path, *blend_path, *scar_path;
    smp_style style;
    smp_calibration_settings calibration;
    int threads;
    cli_timer timer;
} cli_design_options;

/* Applies one design flag; returns -1 when flag is not one of them. */
int cli_design_flag(cli_design_options *options, const cli_flag *flag, const char *value);

/* A photo and the design made on it from the flags. */
typedef struct cli_design {
    smp_image *photo;
    smp_image_info info;
    smp_calibration scale;
    smp_design *design;
} cli_design;

/* Loads the photo and masks (from files, or from the consultation file
 * --project names; photo_path is NULL then), calibrates and places; returns
 * an exit code. Close *out with cli_design_close whatever it returned. */
int cli_design_open(const char *photo_path, cli_design_options *options, cli_design *out);
void cli_design_close(cli_design *design);

/* Flags that choose how the work looks, rows for render and compare. */
#define CLI_LOOK_FLAG_ROWS                                                                         \
    {"--age", "fresh|healed|6m|1y|2y|5y|8y", "how long after the last session (default healed)"},  \
    {"--years", "Y", "years after the last session, 0-20 (instead of --age)"},                      \
    {"--after-session", "N", "show the work after session N of the plan, 1-4 (default: all)"},      \
    {"--ink", "neutral|cool|warm|#RRGGBB", "pigment colour (default neutral carbon black)"},        \
    {"--ink-drift", NULL, "the failure look: wrong pigment drifting blue-green and blurring"},       \
    {"--match-stubble", NULL, "shade and density to read as dark as the stubble (needs --blend-mask)"}

typedef struct cli_look_options {
    smp_look look;
    int match_stubble;
} cli_look_options;

/* Applies one look flag; returns -1 when flag is not one of them. */
int cli_look_flag(cli_look_options *options, const cli_flag *flag, const char *value);

/* A renderer for the design's photo, with --match-stubble applied to the
 * design when asked; close with smp_renderer_destroy. */
int cli_renderer_open(cli_design *design, const cli_look_options *look, cli_design_options *options,
                      smp_renderer **out);

/* Renders the whole photo, with a progress bar on a terminal unless quiet. */
int cli_render_photo(smp_renderer *renderer, const cli_design *design, const smp_look *look, int quiet,
                     smp_image **out);

/* A label for a look: "After, healed", "After session 2, fresh", "After, 5 years". */
void cli_look_label(const smp_look *look, char *out, size_t size);

/* Flags every export takes, rows and options. */
#define CLI_EXPORT_FLAG_ROWS                                                                       \
    {"--caption", "TEXT", "a line under sheets: clinic, date, the main parameters"},                \
    {"--quality", "Q", "JPEG quality, 1-100 (default 92)"},                                         \
    {"--quiet", NULL, "no progress bar"}

typedef struct cli_export_options {
    const char *caption;
    int quality;
    int quiet;
} cli_export_options;

/* Applies one export flag; returns -1 when flag is not one of them. */
int cli_export_flag(cli_export_options *options, const cli_flag *flag, const char *value);

/* Composes labelled images into a sheet (with the caption) and saves it. */
int cli_save_sheet(const smp_sheet_cell *cells, int count, int columns, const cli_export_options *options,
                   const char *path);

/* Saves an image; an exit code, the path printed on success. */
int cli_save_image(const smp_image *image, const char *path, int jpeg_quality);

/* Subcommands. */
int cmd_info(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_dots(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_compare(int argc, char **argv);
extern const cli_command cmd_info_spec, cmd_demo_spec, cmd_dots_spec, cmd_plan_spec, cmd_render_spec,
    cmd_compare_spec;

#endif
