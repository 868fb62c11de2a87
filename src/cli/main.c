/* main.c: the smp command: subcommand dispatch, --help and --version. */
#define _POSIX_C_SOURCE 200809L /* sigaction */
#include <signal.h>
#include <string.h>

#include "cli.h"

typedef struct subcommand {
    const cli_command *spec;
    int (*run)(int argc, char **argv);
} subcommand;

static const subcommand subcommands[] = {
    {&cmd_info_spec, cmd_info},
    {&cmd_dots_spec, cmd_dots},
    {&cmd_plan_spec, cmd_plan},
    {&cmd_render_spec, cmd_render},
    {&cmd_compare_spec, cmd_compare},
    {&cmd_demo_spec, cmd_demo},
};

static void print_help(FILE *out) {
    fputs("smp: scalp micropigmentation mockups for clinic consultations\n\n"
          "usage: smp COMMAND [ARGS]   (smp COMMAND --help for its flags)\n\ncommands:\n",
          out);
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        fprintf(out, "  %-8s %s\n", subcommands[i].spec->name, subcommands[i].spec->summary);
    fputs("\nexit codes: 0 ok, 1 internal error, 2 usage error, 3 bad input file, 4 output cannot be written\n"
          "--version prints the version.\n",
          out);
}

/* Interrupted (Ctrl+C, a kill, a closed terminal) while writing: no temporary file is left beside the
 * output, which keeps its old content. */
static void stop(int signal_number) {
    smp_remove_temporary_files();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

/* A signal ignored when smp started (nohup, a background job's SIGINT) stays ignored. */
static void remove_temporaries_when_stopped(void) {
    struct sigaction action = {.sa_handler = stop}, old;
    sigemptyset(&action.sa_mask);
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) sigaction(signals[i], &action, NULL);
}

int main(int argc, char **argv) {
    remove_temporaries_when_stopped();
    if (argc < 2) {
        print_help(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("smp %s\n", smp_version());
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
        if (strcmp(name, subcommands[i].spec->name) == 0) return subcommands[i].run(argc - 2, argv + 2);
    return cli_error(CLI_EXIT_USAGE, "unknown command '%s' (see smp --help)", name);
}
