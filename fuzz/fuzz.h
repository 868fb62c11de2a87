/* fuzz.h: what the fuzz targets check besides "no crash": every failure is an error with a message
 * and leaves the output alone; every success holds its documented invariants. */
#ifndef SMP_FUZZ_H
#define SMP_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "smp/smp.h"

#define FUZZ_CHECK(condition)                                                                  \
    do {                                                                                       \
        if (!(condition)) {                                                                    \
            fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #condition); \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

/* A failed call: a real error status, a message naming what was wrong, the output untouched. */
static inline void fuzz_check_failure(smp_status status, const void *output) {
    FUZZ_CHECK(status > SMP_OK && status < SMP_STATUS_COUNT_);
    FUZZ_CHECK(smp_last_error()[0] != '\0');
    FUZZ_CHECK(output == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
