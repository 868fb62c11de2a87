/* file_read.c: reading a whole input file, with a size limit checked before
 * anything is allocated. */
#define _POSIX_C_SOURCE 200809L /* fileno */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

smp_status smp_read_file(const char *path, size_t limit, uint8_t **out, size_t *out_size) {
    FILE *f = fopen(path, "rb");
    if (!f) return smp_fail(SMP_ERR_READ, "%s: cannot open (%s)", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return smp_fail(SMP_ERR_READ, "%s: not a regular file", path);
    }
    size_t size = (size_t)st.st_size;
    if (size > limit) {
        fclose(f);
        return smp_fail(SMP_ERR_TOO_LARGE, "%s: %zu bytes is over the limit of %zu bytes", path, size, limit);
    }
    uint8_t *data = malloc(size + 1);
    if (!data) {
        fclose(f);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory for %zu bytes", path, size);
    }
    size_t got = fread(data, 1, size, f);
    int failed = ferror(f);
    fclose(f);
    if (failed || got != size) {
        free(data);
        return smp_fail(SMP_ERR_READ, "%s: read error after %zu of %zu bytes", path, got, size);
    }
    data[size] = '\0';
    *out = data;
    *out_size = size;
    return SMP_OK;
}
