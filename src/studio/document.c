/* document.c: opening what the studio shows (the sample client or a consultation file). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

/* Makes the renderer once the photo and design are in; closes doc on failure. */
static int document_finish(studio_document *doc, smp_status status) {
    if (status == SMP_OK) status = smp_renderer_create(doc->photo, &doc->renderer);
    if (status == SMP_OK) return STUDIO_EXIT_OK;
    int code = studio_status_error(status);
    studio_document_close(doc);
    return code;
}

int studio_document_open_sample(studio_document *doc) {
    *doc = (studio_document){0};
    snprintf(doc->title, sizeof doc->title, "Sample client (generated)");
    return document_finish(doc, smp_sample_client_open(&doc->photo, &doc->info, &doc->design));
}

int studio_document_open_project(studio_document *doc, const char *path, const char *variant) {
    *doc = (studio_document){0};
    smp_project *project = NULL;
    smp_status status = smp_project_load(path, &project);
    if (status != SMP_OK) return studio_status_error(status);
    int v = smp_project_find_variant(project, variant);
    if (v < 0) {
        smp_project_destroy(project);
        return studio_error(STUDIO_EXIT_USAGE, "--project-variant: %s has no variant '%s'", path, variant);
    }
    const char *client = project->client ? project->client : path;
    snprintf(doc->title, sizeof doc->title, "%s, %s", client, project->variants[v].name);
    doc->project = project;
    doc->variant = v;
    status = (doc->project_path = strdup(path)) ? SMP_OK : SMP_ERR_OUT_OF_MEMORY;
    if (status == SMP_OK) status = smp_project_open(project, path, v, &doc->photo, &doc->info, &doc->design);
    return document_finish(doc, status);
}

smp_style studio_document_other_style(const studio_document *doc) {
    smp_style style = *smp_design_style(doc->design);
    style.hairline = style.hairline == SMP_HAIRLINE_SOFT ? SMP_HAIRLINE_SHARP : SMP_HAIRLINE_SOFT;
    style.feather_mm = 0.0; /* the other hairline's own default */
    return style;
}

static const char *hairline_name(const smp_style *style) {
    return style->hairline == SMP_HAIRLINE_SHARP ? "Sharp hairline" : "Soft hairline";
}

int studio_document_open_other(studio_document *doc) {
    if (doc->other) return STUDIO_EXIT_OK;
    smp_status status;
    doc->other_hairline = !doc->project || doc->project->variant_count < 2;
    if (!doc->other_hairline) {
        int v = (doc->variant + 1) % doc->project->variant_count;
        status = smp_project_design(doc->project, doc->project_path, v, &doc->info, &doc->other);
        snprintf(doc->other_name, sizeof doc->other_name, "%s", doc->project->variants[v].name);
        snprintf(doc->name, sizeof doc->name, "%s", doc->project->variants[doc->variant].name);
    } else {
        smp_image *photo = NULL;
        status = doc->project ? smp_project_design(doc->project, doc->project_path, doc->variant, &doc->info, &doc->other)
                              : smp_sample_client_open(&photo, NULL, &doc->other);
        smp_image_destroy(photo);
        smp_style style = studio_document_other_style(doc);
        if (status == SMP_OK) status = smp_design_set_style(doc->other, &style);
        snprintf(doc->other_name, sizeof doc->other_name, "%s", hairline_name(&style));
        snprintf(doc->name, sizeof doc->name, "%s", hairline_name(smp_design_style(doc->design)));
    }
    if (status == SMP_OK) return STUDIO_EXIT_OK;
    smp_design_destroy(doc->other);
    doc->other = NULL;
    return studio_status_error(status);
}

int studio_document_save(studio_document *doc) {
    if (!doc->project)
        return studio_error(STUDIO_EXIT_USAGE, "the sample client is built in; open a consultation file to save");
    doc->project->variants[doc->variant].style = *smp_design_style(doc->design);
    smp_status status = smp_project_save(doc->project, doc->project_path);
    return status == SMP_OK ? STUDIO_EXIT_OK : studio_status_error(status);
}

void studio_document_close(studio_document *doc) {
    smp_renderer_destroy(doc->renderer);
    smp_design_destroy(doc->design);
    smp_design_destroy(doc->other);
    smp_image_destroy(doc->photo);
    smp_project_destroy(doc->project);
    free(doc->project_path);
    *doc = (studio_document){0};
}
