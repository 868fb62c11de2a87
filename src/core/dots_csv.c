/* dots_csv.c: the dot list as CSV, written atomically. */
#include <stdio.h>

#include "internal.h"
#include "smp/design.h"

static smp_status write_rows(smp_sink *sink, const void *context) {
    const smp_dot_list *list = context;
    static const char header[] = "x_mm,y_mm,diameter_mm,shade,session,rank\n";
    smp_sink_write(sink, header, sizeof header - 1);
    for (size_t i = 0; i < list->count; i++) {
        const smp_dot *d = &list->dots[i];
        char line[128];
        int n = snprintf(line, sizeof line, "%.4f,%.4f,%.4f,%.4f,%d,%.6f\n", d->x_mm, d->y_mm, d->diameter_mm,
                         d->shade, d->session, d->rank);
        smp_sink_write(sink, line, (size_t)n);
    }
    return SMP_OK;
}

smp_status smp_dots_save_csv(const smp_dot_list *list, const char *path) {
    if (!list || !path || !*path) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_dots_save_csv: NULL argument");
    return smp_write_atomically(path, write_rows, list);
}
