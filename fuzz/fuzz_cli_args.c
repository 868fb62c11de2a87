/* fuzz_cli_args.c: the smp command's flag parsing (style, look, calibration, export and --variant
 * flags) on any argument list. Input: a byte choosing dots, plan, render or compare, then the
 * arguments, one a line. No file the fuzzer can name exists in its working folder, so a run stops
 * at opening the photo and nothing is written. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fuzz.h"

enum { MAX_ARGS = 64 };

/* Only --help (or -h) succeeds: it prints the command's flags and stops. */
static int asked_for_help(int argc, char **argv) {
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static int (*const commands[])(int, char **) = {cmd_dots, cmd_plan, cmd_render, cmd_compare};
    if (size < 1) return 0;
    char *text = malloc(size); /* the arguments, each ended by a NUL where its newline was */
    if (!text) return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    for (char *at = text; argc < MAX_ARGS && at < text + size - 1; argc++) {
        argv[argc] = at;
        at += strcspn(at, "\n") + 1;
        at[-1] = '\0';
    }
    argv[argc] = NULL;
    int code = commands[data[0] % 4](argc, argv);
    FUZZ_CHECK(code >= CLI_EXIT_OK && code <= CLI_EXIT_OUTPUT);
    FUZZ_CHECK(code != CLI_EXIT_OUTPUT); /* nothing to open, so nothing written */
    if (code == CLI_EXIT_OK) FUZZ_CHECK(asked_for_help(argc, argv));
    free(text);
    return 0;
}
