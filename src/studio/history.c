/* history.c: undo and redo. Every edit (a style, an age, an outline, a
 * stroke) is a state with its own copies of the layers' shapes; undo shows
 * an earlier state, and the design is made again only when shapes differ. */
#include <string.h>

#include "studio.h"

static void free_state(studio_state *state) {
    for (int i = 0; i < STUDIO_LAYERS; i++) studio_shape_free(&state->shapes[i]);
    *state = (studio_state){0};
}

void studio_history_free(studio *s) {
    for (int i = 0; i < s->history_count; i++) free_state(&s->history[i]);
    s->history_count = s->history_at = 0;
}

/* The document's shapes are those of state (copied in; the design made again when they differ). */
static int restore_shapes(studio *s, const studio_state *state) {
    int changed = 0;
    for (int i = 0; i < STUDIO_LAYERS; i++) {
        studio_shape *shape = &s->doc.layers[i].shape, copy;
        if (studio_shape_equal(shape, &state->shapes[i])) continue;
        if (!studio_shape_copy(&state->shapes[i], &copy)) return studio_status_error(SMP_ERR_OUT_OF_MEMORY);
        studio_shape_free(shape);
        *shape = copy;
        changed = 1;
    }
    if (!changed) return STUDIO_EXIT_OK;
    s->dirty = STUDIO_DIRTY_VIEW;
    return studio_document_rebuild(&s->doc);
}

/* Shows a state (its style already checked) without touching the history. */
static int apply_state(studio *s, const studio_state *state) {
    int code = restore_shapes(s, state);
    if (code != STUDIO_EXIT_OK) return code;
    smp_status status = smp_design_set_style(s->doc.design, &state->style);
    if (status != SMP_OK) return studio_status_error(status);
    s->doc.look = state->look;
    s->dirty |= s->doc.comparing ? STUDIO_DIRTY_VIEW : STUDIO_DIRTY_AFTER;
    if (s->doc.other && s->doc.other_hairline) { /* the other side follows, with the other hairline */
        smp_style other = studio_document_other_style(&s->doc);
        if ((status = smp_design_set_style(s->doc.other, &other)) != SMP_OK) return studio_status_error(status);
        s->dirty = STUDIO_DIRTY_VIEW;
    }
    s->notice[0] = '\0';
    return studio_show_text(s);
}

static size_t state_bytes(const studio_state *state) {
    size_t bytes = 0;
    for (int i = 0; i < STUDIO_LAYERS; i++)
        bytes += (size_t)state->shapes[i].outline_count * sizeof(smp_point) +
                 (size_t)state->shapes[i].stroke_count * sizeof(smp_stroke);
    return bytes;
}

static void drop_oldest(studio *s) {
    free_state(&s->history[0]);
    memmove(s->history, s->history + 1, (size_t)(s->history_count - 1) * sizeof s->history[0]);
    s->history_count--, s->history_at--;
}

/* Each state holds its own copy of the shapes, so a long painting session's
 * states would grow without end: past STUDIO_HISTORY_BYTES the oldest go. */
static void keep_within_budget(studio *s) {
    size_t bytes = 0;
    for (int i = 0; i < s->history_count; i++) bytes += state_bytes(&s->history[i]);
    while (bytes > STUDIO_HISTORY_BYTES && s->history_at > 0) {
        bytes -= state_bytes(&s->history[0]);
        drop_oldest(s);
    }
}

/* Records state after the current one, dropping what was undone (and, when
 * full, the oldest). While a slider is dragged its states replace each other. */
static void record(studio *s, studio_state *state) {
    if (s->coalesce == 2 && s->history_at > 0 && s->history_at == s->history_count - 1) {
        free_state(&s->history[s->history_at]);
        s->history[s->history_at] = *state;
        return;
    }
    s->coalesce = s->coalesce ? 2 : 0;
    for (int i = s->history_at + 1; i < s->history_count; i++) free_state(&s->history[i]);
    s->history_count = s->history_at + 1;
    if (s->history_count == STUDIO_HISTORY) drop_oldest(s);
    s->history[++s->history_at] = *state;
    s->history_count = s->history_at + 1;
    keep_within_budget(s);
    s->autosave_due = 1;
}

/* The document as it is now, as a state with its own copies of the shapes. */
static int capture(const studio *s, const smp_style *style, const smp_look *look, studio_state *out) {
    *out = (studio_state){.look = *look};
    smp_status status = smp_style_resolve(style, &out->style);
    if (status != SMP_OK) return studio_status_error(status);
    for (int i = 0; i < STUDIO_LAYERS; i++)
        if (!studio_shape_copy(&s->doc.layers[i].shape, &out->shapes[i])) {
            free_state(out);
            return studio_status_error(SMP_ERR_OUT_OF_MEMORY);
        }
    return STUDIO_EXIT_OK;
}

int studio_history_reset(studio *s) {
    studio_history_free(s);
    int code = capture(s, smp_design_style(s->doc.design), &s->doc.look, &s->history[0]);
    s->history_count = code == STUDIO_EXIT_OK;
    return code;
}

int studio_edit(studio *s, const smp_style *style, const smp_look *look) {
    studio_state state;
    int code = capture(s, style, look, &state);
    if (code == STUDIO_EXIT_OK) code = apply_state(s, &state);
    if (code == STUDIO_EXIT_OK) record(s, &state);
    else free_state(&state);
    return code;
}

int studio_edit_shape(studio *s) {
    int code = studio_document_rebuild(&s->doc);
    if (code != STUDIO_EXIT_OK) return code;
    s->dirty = STUDIO_DIRTY_VIEW;
    return studio_edit(s, smp_design_style(s->doc.design), &s->doc.look);
}

int studio_set_style(studio *s, const smp_style *style) { return studio_edit(s, style, &s->doc.look); }

int studio_set_look(studio *s, const smp_look *look) { return studio_edit(s, smp_design_style(s->doc.design), look); }

void studio_undo(studio *s, int step) {
    int at = s->history_at + step;
    if (at < 0 || at >= s->history_count) return;
    s->history_at = at;
    apply_state(s, &s->history[at]);
    s->autosave_due = 1;
}

void studio_history_share_outline(studio *s, int layer) {
    const studio_shape *traced = &s->doc.layers[layer].shape;
    for (int i = 0; i < s->history_count; i++) {
        studio_shape *shape = &s->history[i].shapes[layer];
        if (shape->outline) continue;
        studio_shape old = *shape, with = {traced->outline, traced->outline_count, old.strokes, old.stroke_count};
        if (!studio_shape_copy(&with, shape)) break;
        studio_shape_free(&old);
    }
}
