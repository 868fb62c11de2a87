/* status.c: status names and the per-thread last-error message. */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

static _Thread_local char last_error[1024];

int smp_status_exit_code(smp_status status) {
    return status == SMP_OK                     ? 0
           : status == SMP_ERR_WRITE            ? 4
           : status == SMP_ERR_INVALID_ARGUMENT ? 2
                                                : 3;
}

const char *smp_status_name(smp_status status) {
    switch (status) {
#define SMP_STATUS_NAME_(name, text) case name: return #name;
        SMP_STATUS_LIST(SMP_STATUS_NAME_)
#undef SMP_STATUS_NAME_
    default: return "SMP_STATUS_UNKNOWN";
    }
}

const char *smp_status_text(smp_status status) {
    switch (status) {
#define SMP_STATUS_TEXT_(name, text) case name: return text;
        SMP_STATUS_LIST(SMP_STATUS_TEXT_)
#undef SMP_STATUS_TEXT_
    default: return "unknown status";
    }
}

const char *smp_last_error(void) { return last_error; }

void smp_clear_error(void) { last_error[0] = '\0'; }

smp_status smp_fail(smp_status status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(last_error, sizeof last_error, format, args);
    va_end(args);
    return status;
}
