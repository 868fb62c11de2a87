/* fuzz_project.c: the consultation file reader on any bytes; each layer it accepts is then drawn
 * (outline filled, strokes painted) on a small mask, as the CLI and the studio draw it. */
#include <stdint.h>

#include "fuzz.h"
#include "smp/smp.h"

static void draw_layer(const smp_project_layer *layer) {
    FUZZ_CHECK(layer->outline_count == 0 || (layer->outline_count >= 3 && layer->outline_count <= SMP_CURVE_MAX_POINTS));
    FUZZ_CHECK(layer->stroke_count >= 0 && layer->stroke_count <= SMP_PROJECT_MAX_STROKES);
    smp_mask *mask = NULL;
    FUZZ_CHECK(smp_mask_create(320, 240, 2, 0.0f, &mask) == SMP_OK);
    smp_status status = smp_project_layer_draw(layer, mask);
    FUZZ_CHECK(status == SMP_OK || smp_last_error()[0] != '\0');
    for (size_t i = 0; i < (size_t)mask->width * (size_t)mask->height; i++)
        FUZZ_CHECK(mask->coverage[i] >= 0.0f && mask->coverage[i] <= 1.0f);
    smp_mask_destroy(mask);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    smp_project *project = NULL;
    smp_status status = smp_project_load_memory(data, size, "fuzz.json", &project);
    if (status != SMP_OK) {
        fuzz_check_failure(status, project);
        return 0;
    }
    FUZZ_CHECK(project->photo && project->variant_count >= 1 && project->variant_count <= SMP_PROJECT_MAX_VARIANTS);
    for (int i = 0; i < project->variant_count; i++) {
        smp_style resolved;
        FUZZ_CHECK(smp_style_resolve(&project->variants[i].style, &resolved) == SMP_OK);
        FUZZ_CHECK(smp_project_find_variant(project, project->variants[i].name) <= i);
    }
    draw_layer(&project->treatment);
    draw_layer(&project->blend);
    draw_layer(&project->scar);
    char path[256];
    if (smp_project_path("/clinic/client.json", project->photo, path, sizeof path) != SMP_OK)
        FUZZ_CHECK(smp_last_error()[0] != '\0');
    smp_project_destroy(project);
    return 0;
}
