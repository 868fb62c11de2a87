/* smp/sample.h: the sample client compiled into libsmp, for demos and first runs. */
#ifndef SMP_SAMPLE_H
#define SMP_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "smp/design.h"
#include "smp/image.h"
#include "smp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A file's bytes as compiled into the library. */
typedef struct smp_embedded_file {
    const char *name;    /* file name it was made from, e.g. "photo.jpg" */
    const uint8_t *data; /* static, read-only */
    size_t size;
} smp_embedded_file;

/* The bundled sample client: a generated top/front scalp photo of a balding
 * head (not a real person), made by assets/generator/make_sample_client.c. */
typedef struct smp_sample_client {
    const char *name;             /* "Sample client" */
    smp_embedded_file photo;      /* JPEG */
    smp_embedded_file mask;       /* treatment mask, PNG, 255 = treat */
    smp_embedded_file blend_mask; /* existing stubble to blend into, PNG */
    double px_per_mm;             /* the photo's scale at the scalp */
} smp_sample_client;

/* Fills *out with the sample client. Every pointer in it is static and valid
 * for the life of the program; nothing is to be freed. Fails only if the
 * embedded description is damaged (SMP_ERR_FORMAT), leaving *out untouched.
 * Thread-safe. */
smp_status smp_sample_client_get(smp_sample_client *out);

/* The sample client ready to use: its photo decoded upright (*photo, with
 * *info) and its design (treatment and blend masks at its scale, the default
 * style; design NULL: the photo alone). On success the caller owns both; on
 * failure neither is set.
 * Errors: SMP_ERR_FORMAT (damaged embedded files), SMP_ERR_OUT_OF_MEMORY.
 * Uses all OpenMP threads. Thread-safe. */
smp_status smp_sample_client_open(smp_image **photo, smp_image_info *info, smp_design **design);

#ifdef __cplusplus
}
#endif
#endif
