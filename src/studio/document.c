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
    int v = 0;
    while (variant && v < project->variant_count && strcmp(project->variants[v].name, variant)) v++;
    if (v == project->variant_count) {
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
    smp_image_destroy(doc->photo);
    smp_project_destroy(doc->project);
    free(doc->project_path);
    *doc = (studio_document){0};
}
