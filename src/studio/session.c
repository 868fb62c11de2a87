/* session.c: which consultation is open: Ctrl+O and files dropped on the
 * window, the autosave of every edit, and the offer of it after a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

#define AUTOSAVE_MS 1000 /* at most one autosave a second: each is a file written and flushed to disk */

void studio_autosave_tick(studio *s, int now) {
    Uint32 ticks = SDL_GetTicks();
    if (s->autosave_off || !s->autosave_due || (!now && s->autosaved_at && ticks - s->autosaved_at < AUTOSAVE_MS)) return;
    s->autosave_due = 0;
    s->autosaved_at = ticks ? ticks : 1;
    if (studio_document_autosave(&s->doc) != STUDIO_EXIT_OK) {
        snprintf(s->notice, sizeof s->notice, "Autosave failed: see the message on stderr");
        studio_show_status(s);
    }
}

/* The offer, over the photo until it is answered. */
static int offer_restore(studio *s) {
    char path[1024];
    studio_document_autosave_path(&s->doc, path, sizeof path);
    char text[1400];
    snprintf(text, sizeof text,
             "Edits that were not saved are in %s\n(the studio closed before they were saved).\n\n"
             "R: restore them        Esc: discard them",
             studio_path_name(path));
    s->offer_restore = 1;
    s->view.panel = STUDIO_PANEL_HELP;
    return studio_gpu_label(&s->gpu, STUDIO_LABEL_HELP, text);
}

int studio_start_document(studio *s, int offer) {
    int code = studio_history_reset(s);
    if (code != STUDIO_EXIT_OK) return code;
    studio_view_fit(&s->view, &s->doc.info);
    s->view.wipe = 0.5;
    s->view.panel = STUDIO_PANEL_NONE;
    s->tool = STUDIO_TOOL_NONE;
    s->edit_layer = 0;
    s->edit_point = s->style_row = -1;
    s->dirty = STUDIO_DIRTY_VIEW;
    s->notice[0] = '\0';
    char title[160];
    snprintf(title, sizeof title, "SMP Studio: %s", s->doc.title);
    SDL_SetWindowTitle(s->window, title);
    if ((code = studio_gpu_label(&s->gpu, STUDIO_LABEL_BEFORE, "Before")) != STUDIO_EXIT_OK) return code;
    if ((code = studio_gpu_label(&s->gpu, STUDIO_LABEL_AFTER, "After")) != STUDIO_EXIT_OK) return code;
    if (offer && studio_document_autosave_newer(&s->doc) && (code = offer_restore(s)) != STUDIO_EXIT_OK) return code;
    return studio_show_status(s);
}

void studio_finish_export(studio *s) {
    if (!s->export) return;
    int code = studio_export_finish(s->export, 0);
    s->export = NULL;
    s->export_code = s->export_code ? s->export_code : code;
}

int studio_open_file(studio *s, const char *path) {
    studio_autosave_tick(s, 1);
    studio_document doc;
    size_t n = strlen(path);
    int code = n > 5 && !strcmp(path + n - 5, ".json") ? studio_document_open_project(&doc, path, NULL)
                                                       : studio_document_open_photo(&doc, path, NULL);
    if (code != STUDIO_EXIT_OK) {
        snprintf(s->notice, sizeof s->notice, "Not opened: see the message on stderr");
        return studio_show_status(s);
    }
    return studio_switch_document(s, &doc, 1);
}

int studio_switch_document(studio *s, const studio_document *doc, int offer) {
    studio_finish_export(s);
    studio_document_close(&s->doc);
    s->doc = *doc;
    return studio_start_document(s, offer);
}

void studio_begin_prompt(studio *s, int kind, const char *text) {
    s->prompting = kind;
    snprintf(s->prompt, sizeof s->prompt, "%s", text);
    SDL_StartTextInput();
    studio_show_status(s);
}

/* Ctrl+O starts in the open consultation's folder. */
void studio_begin_open(studio *s) {
    char folder[sizeof s->prompt] = "";
    const char *slash = s->doc.project_path ? strrchr(s->doc.project_path, '/') : NULL;
    if (slash) snprintf(folder, sizeof folder, "%.*s/", (int)(slash - s->doc.project_path), s->doc.project_path);
    studio_begin_prompt(s, STUDIO_PROMPT_OPEN, folder);
}

void studio_prompt_text(studio *s, const char *text) {
    if (!s->prompting) return;
    size_t n = strlen(s->prompt);
    snprintf(s->prompt + n, sizeof s->prompt - n, "%s", text);
    studio_show_status(s);
}

void studio_calibration_mark(studio *s, double window_x, double window_y) {
    if (s->mark_count == 2) s->mark_count = 0;
    s->marks[s->mark_count++] = studio_view_to_photo(&s->view, window_x, window_y);
    if (s->mark_count == 2) studio_begin_prompt(s, STUDIO_PROMPT_DISTANCE, s->tool == STUDIO_TOOL_PUPILS ? "63" : "");
}

/* The two points and the distance typed: the new scale. */
static void calibrate(studio *s, const char *typed) {
    char *end;
    double mm = strtod(typed, &end);
    smp_calibration_settings c = {0};
    double points[4] = {s->marks[0].x, s->marks[0].y, s->marks[1].x, s->marks[1].y};
    if (s->tool == STUDIO_TOOL_PUPILS) {
        c.has_pupils = 1, c.ipd_mm = mm;
        memcpy(c.pupils, points, sizeof points);
    } else {
        c.has_ruler = 1, c.ruler_mm = mm;
        memcpy(c.ruler, points, sizeof points);
    }
    s->mark_count = 0;
    if (end == typed || *end || studio_document_calibrate(&s->doc, &c) != STUDIO_EXIT_OK) {
        snprintf(s->notice, sizeof s->notice, "Scale not changed: see the message on stderr");
        if (end == typed || *end) studio_error(STUDIO_EXIT_USAGE, "distance: '%s' is not a number of mm", typed);
        return;
    }
    snprintf(s->notice, sizeof s->notice, "Scale: %.2f px/mm", s->doc.px_per_mm);
    s->tool = STUDIO_TOOL_NONE;
    s->dirty = STUDIO_DIRTY_VIEW;
    s->autosave_due = 1;
}

static void end_prompt(studio *s) {
    s->prompting = 0;
    SDL_StopTextInput();
}

/* Enter: what was typed is used. */
static void use_prompt(studio *s) {
    int kind = s->prompting;
    char typed[sizeof s->prompt];
    snprintf(typed, sizeof typed, "%s", s->prompt);
    end_prompt(s);
    s->notice[0] = '\0';
    if (kind == STUDIO_PROMPT_OPEN) {
        studio_open_file(s, typed);
        return;
    }
    if (kind == STUDIO_PROMPT_DISTANCE) calibrate(s, typed);
    if (kind == STUDIO_PROMPT_IMPORT) {
        int ok = studio_document_import(&s->doc, s->edit_layer, typed) == STUDIO_EXIT_OK;
        snprintf(s->notice, sizeof s->notice, ok ? "Mask imported" : "Not imported: see the message on stderr");
        s->dirty = STUDIO_DIRTY_VIEW;
        s->autosave_due |= ok;
    }
    studio_show_status(s);
}

static void restore(studio *s) {
    studio_finish_export(s);
    if (studio_document_restore(&s->doc) == STUDIO_EXIT_OK) studio_start_document(s, 0);
    else snprintf(s->notice, sizeof s->notice, "Not restored: see the message on stderr");
}

void studio_session_key(studio *s, SDL_Keycode key) {
    if (s->offer_restore) {
        if (key != SDLK_r && key != SDLK_ESCAPE) return;
        s->offer_restore = 0;
        s->view.panel = STUDIO_PANEL_NONE;
        if (key == SDLK_ESCAPE) studio_document_drop_autosave(&s->doc);
        else restore(s);
        studio_show_status(s);
        return;
    }
    if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
        use_prompt(s);
        return;
    }
    if (key == SDLK_ESCAPE) end_prompt(s), s->mark_count = 0;
    if (key == SDLK_BACKSPACE) { /* one character: UTF-8 continuation bytes go with it */
        size_t n = strlen(s->prompt);
        while (n > 0 && ((unsigned char)s->prompt[n - 1] & 0xC0) == 0x80) n--;
        s->prompt[n > 0 ? n - 1 : 0] = '\0';
    }
    studio_show_status(s);
}
