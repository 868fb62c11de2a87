/* sample_client.c: the sample client's files, compiled in, and its description. */
#include <cJSON.h>
#include <string.h>

#include "internal.h"
#include "smp/calibration.h"
#include "smp/mask.h"
#include "smp/sample.h"

/* Arrays written by the build (cmake/embed_file.c), one per file in assets/sample_client. */
#define SMP_SAMPLE_FILES(X)                                                                        \
    X(client_json, "client.json")                                                                   \
    X(photo_jpg, "photo.jpg")                                                                       \
    X(treatment_mask_png, "treatment_mask.png")                                                     \
    X(blend_mask_png, "blend_mask.png")

#define SMP_SAMPLE_DECLARE_(symbol, file)                                                          \
    extern const unsigned char smp_sample_##symbol[];                                              \
    extern const size_t smp_sample_##symbol##_size;
SMP_SAMPLE_FILES(SMP_SAMPLE_DECLARE_)
#undef SMP_SAMPLE_DECLARE_

static const smp_embedded_file sample_files[] = {
#define SMP_SAMPLE_ENTRY_(symbol, file) {file, smp_sample_##symbol, 0},
    SMP_SAMPLE_FILES(SMP_SAMPLE_ENTRY_)
#undef SMP_SAMPLE_ENTRY_
};

static const size_t *const sample_sizes[] = {
#define SMP_SAMPLE_SIZE_(symbol, file) &smp_sample_##symbol##_size,
    SMP_SAMPLE_FILES(SMP_SAMPLE_SIZE_)
#undef SMP_SAMPLE_SIZE_
};

enum { FILE_COUNT = sizeof sample_files / sizeof sample_files[0] };

/* The embedded file that client.json names in `field`. */
static int find_file(const cJSON *json, const char *field, smp_embedded_file *out) {
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(json, field));
    if (!name) return 0;
    for (size_t i = 0; i < FILE_COUNT; i++) {
        if (strcmp(sample_files[i].name, name) == 0) {
            *out = sample_files[i];
            out->size = *sample_sizes[i];
            return 1;
        }
    }
    return 0;
}

smp_status smp_sample_client_get(smp_sample_client *out) {
    if (!out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_sample_client_get: NULL argument");
    cJSON *json = cJSON_ParseWithLength((const char *)smp_sample_client_json, smp_sample_client_json_size);
    smp_sample_client client = {.name = "Sample client"};
    double scale = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(json, "px_per_mm"));
    int ok = json && find_file(json, "photo", &client.photo) && find_file(json, "mask", &client.mask) &&
             find_file(json, "blend_mask", &client.blend_mask) && scale >= SMP_PX_PER_MM_MIN &&
             scale <= SMP_PX_PER_MM_MAX;
    cJSON_Delete(json);
    if (!ok) return smp_fail(SMP_ERR_FORMAT, "the embedded sample client's client.json is damaged");
    client.px_per_mm = scale;
    *out = client;
    return SMP_OK;
}

smp_status smp_sample_client_open(smp_image **photo, smp_image_info *info, smp_design **design) {
    if (!photo) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_sample_client_open: NULL argument");
    smp_sample_client client;
    smp_image *image = NULL;
    smp_image_info image_info = {0};
    smp_mask *mask = NULL, *blend = NULL;
    smp_design *made = NULL;
    smp_status status = smp_sample_client_get(&client);
    if (status == SMP_OK)
        status = smp_image_load_memory(client.photo.data, client.photo.size, client.photo.name, NULL, &image,
                                       &image_info);
    int cell = smp_mask_cell_for_scale(client.px_per_mm);
    if (status == SMP_OK && design)
        status = smp_mask_load_memory(client.mask.data, client.mask.size, client.mask.name, image_info.width,
                                      image_info.height, cell, &mask);
    if (status == SMP_OK && design)
        status = smp_mask_load_memory(client.blend_mask.data, client.blend_mask.size, client.blend_mask.name,
                                      image_info.width, image_info.height, cell, &blend);
    smp_design_desc desc = {image_info.width, image_info.height, client.px_per_mm, mask, blend, NULL};
    if (status == SMP_OK && design) status = smp_design_create(&desc, &made);
    smp_mask_destroy(mask);
    smp_mask_destroy(blend);
    if (status != SMP_OK) {
        smp_image_destroy(image);
        return status;
    }
    *photo = image;
    if (info) *info = image_info;
    if (design) *design = made;
    return SMP_OK;
}
