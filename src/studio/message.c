/* message.c: smp-studio's error messages on stderr. */
#include <stdarg.h>
#include <stdio.h>

#include "studio.h"

int studio_error(int code, const char *format, ...) {
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    fprintf(stderr, "smp-studio: %s\n", message);
    return code;
}

int studio_status_error(smp_status status) { return studio_error(smp_status_exit_code(status), "%s", smp_last_error()); }
