/* studio.h: smp-studio, the live before/after preview on the clinic monitor.
 * It uses only libsmp's public API; the GPU does the per-frame work (wipe,
 * overlays) and the engine renders the visible region at screen resolution. */
#ifndef SMP_STUDIO_H
#define SMP_STUDIO_H

#include <SDL.h>
#include <epoxy/gl.h>

#include "panel.h"
#include "smp/smp.h"

/* Exit codes, as the smp command's; smp_status_exit_code gives 3 (bad input) and 4 (unwritable output). */
enum { STUDIO_EXIT_OK = 0, STUDIO_EXIT_INTERNAL = 1, STUDIO_EXIT_USAGE = 2, STUDIO_EXIT_WRITE = 4 };

/* One layer of the design as the practitioner edits it. */
enum { STUDIO_LAYER_TREATMENT, STUDIO_LAYER_BLEND, STUDIO_LAYER_SCAR, STUDIO_LAYERS };
/* What the practitioner drew on a layer: an outline (control points, photo
 * pixels) and brush and eraser strokes painted after it. Arrays are malloc'd. */
typedef struct studio_shape {
    smp_point *outline;
    int outline_count;   /* under 3: an outline still being drawn, not filled */
    smp_stroke *strokes;
    int stroke_count;
} studio_shape;

typedef struct studio_layer {
    smp_mask *paint;    /* painted coverage read in (a mask file, the sample client's); NULL: none */
    studio_shape shape;
    smp_mask *drawn;    /* the mask the layer made last, kept for the next edit (see layer_mask in document.c), */
    studio_shape drawn_shape; /* and the shape it was made from */
} studio_layer;

/* What is shown: the photo, its layers, their design and how the work looks. */
typedef struct studio_document {
    smp_image *photo;
    smp_image_info info;
    studio_layer layers[STUDIO_LAYERS];
    double px_per_mm;
    smp_design *design;
    smp_renderer *renderer;
    smp_look look;
    char title[128];
    smp_project *project;   /* when opened from a consultation file: it, its path and the variant shown */
    char *project_path;
    int variant;
    smp_design *other;      /* what the two-design wipe (V) shows on the left: the next variant, or this
                               style with the other hairline (other_hairline set) */
    int comparing, other_hairline;
    char other_name[64], name[64];
} studio_document;

/* Which part of the photo is where in the window. zoom is window pixels a
 * photo pixel; (centre_x, centre_y) is the photo point at the window's centre. */
typedef struct studio_view {
    int window_width, window_height; /* drawable pixels (HiDPI: more than the window's points) */
    double zoom, centre_x, centre_y;
    double wipe;                     /* divider position, 0-1 of the window's width */
    int show;                        /* STUDIO_SHOW_ */
    int mirror;                      /* 1: left and right swapped, as clients know their face */
    int panel;                       /* STUDIO_PANEL_: the panel shown over the photo */
} studio_view;

enum { STUDIO_PANEL_NONE = 0, STUDIO_PANEL_PLAN, STUDIO_PANEL_HELP, STUDIO_PANEL_STYLE };

enum { STUDIO_SHOW_WIPE = 0, STUDIO_SHOW_BEFORE, STUDIO_SHOW_AFTER, STUDIO_SHOW_SIDE_BY_SIDE };

/* The photo's visible part in a pane (the window, or its left half side by
 * side): the pane rectangle it covers (whole pixels, before mirroring) and
 * the photo rectangle that maps onto it. Empty when none is visible. */
typedef struct studio_visible {
    int x, y, width, height;
    smp_view photo;
} studio_visible;

/* The overlays: the sides' names and a line with the style in use. */
enum {
    STUDIO_LABEL_BEFORE,
    STUDIO_LABEL_AFTER,
    STUDIO_LABEL_STATUS,
    STUDIO_LABEL_PLAN,
    STUDIO_LABEL_HELP,
    STUDIO_LABEL_STYLE, /* the style panel (panel.c draws it) */
    STUDIO_LABELS
};

/* The overlay's triangles (outlines, control points): window pixels, a colour a vertex. */
typedef struct studio_vertex {
    float x, y, rgba[4];
} studio_vertex;
typedef struct studio_shapes {
    studio_vertex *vertices;
    size_t count, capacity;
    double width, height; /* the window, drawable pixels: triangles wholly outside it are left out */
} studio_shapes;

/* A program that draws a texture over a window rectangle (shaders/view.vert). */
typedef struct studio_rect_program {
    GLuint program;
    GLint u_rect, u_window, u_texture, u_mirror, u_part, u_rim; /* u_rim: the loupe's only */
} studio_rect_program;

/* The engine's output for one texture: pixels kept at the largest size
 * yet, and an image of the size last rendered, packed at their front. */
typedef struct studio_canvas {
    smp_image *store;
    smp_image shown;
} studio_canvas;

/* GL objects of the view. */
typedef struct studio_gpu {
    studio_rect_program view, loupe_view; /* pictures and labels; the loupe */
    GLuint vertex_array, before, after, loupe;
    GLuint shape_program, shape_array, shape_buffer;
    GLint u_shape_window;
    smp_font *font;
    double scale;                        /* drawable pixels a window point */
    studio_canvas view_canvas, loupe_canvas; /* the engine's output, reused from frame to frame */
    GLuint labels[STUDIO_LABELS];
    int label_width[STUDIO_LABELS], label_height[STUDIO_LABELS];
} studio_gpu;

/* document.c */
int studio_document_open_sample(studio_document *doc);
int studio_document_open_project(studio_document *doc, const char *path, const char *variant);
/* A photo and, optionally, its treatment mask, at the default scale (a
 * consultation file is written beside the photo on save). */
int studio_document_open_photo(studio_document *doc, const char *photo, const char *mask);
/* What the command line named: a consultation (and its variant), or a photo
 * (and its mask); all NULL, the sample client. */
typedef struct studio_source {
    const char *photo, *mask, *project, *variant;
} studio_source;
int studio_document_open_source(studio_document *doc, const studio_source *source);
/* Makes the design again from the layers after an edit, keeping the style
 * (and the other design's); on failure the design shown stays as it was. */
int studio_document_rebuild(studio_document *doc);
/* Turns a layer's paint into an outline of control points the practitioner
 * can drag (the paint is then dropped: the outline is the layer). */
int studio_document_trace(studio_document *doc, int layer);
/* A new scale (two points a known distance apart, or the pupils): the paint
 * read again for it and the design made again; on failure nothing changes. */
int studio_document_calibrate(studio_document *doc, const smp_calibration_settings *calibration);
/* A mask painted elsewhere becomes the layer's paint (its outline and strokes stay over it). */
int studio_document_import(studio_document *doc, int layer, const char *path);
/* Paths: the file's name after its folder, and how long the path is without
 * that name's extension (".../c.json" -> ".../c"). */
const char *studio_path_name(const char *path);
int studio_path_stem(const char *path);
/* "Soft hairline" or "Sharp hairline", as labels and sheets name a style. */
const char *studio_hairline_name(const smp_style *style);
/* to gets its own copies of from's arrays (to's old ones are not freed); 0 when out of memory. */
int studio_shape_copy(const studio_shape *from, studio_shape *to);
int studio_shape_equal(const studio_shape *a, const studio_shape *b);
void studio_shape_free(studio_shape *shape);
/* Makes doc->other (once): the consultation's next variant, or, with one
 * variant or the sample client, the same style with the other hairline. */
int studio_document_open_other(studio_document *doc);
/* The style of doc->other when it follows this one with the other hairline. */
smp_style studio_document_other_style(const studio_document *doc);
/* Writes the design's style into its consultation file's variant, atomically;
 * an exit code, with a message on failure (the built-in sample client has no file). */
int studio_document_save(studio_document *doc);
void studio_document_close(studio_document *doc);
/* Autosave: every edit is written (as a consultation file) to NAME.autosave.json beside the
 * consultation's NAME.json, and removed when the consultation is saved; the built-in sample client
 * has none. The path, or 0 when there is none. */
int studio_document_autosave_path(const studio_document *doc, char *out, size_t size);
int studio_document_autosave(studio_document *doc);
void studio_document_drop_autosave(const studio_document *doc);
/* 1 when an autosave is there that is not older than the consultation file (or the file is not there). */
int studio_document_autosave_newer(const studio_document *doc);
/* Replaces doc with its autosave, saved again under its own name by Ctrl+S. */
int studio_document_restore(studio_document *doc);

/* view.c */
void studio_view_fit(studio_view *view, const smp_image_info *photo);
/* The width of a pane: the window's, or half of it side by side. */
int studio_view_pane_width(const studio_view *view);
/* A window x as x in its pane, mirroring undone. */
double studio_view_pane_x(const studio_view *view, double window_x);
/* Zooms by factor keeping the photo point under (pane_x, window_y) where it is. */
void studio_view_zoom_at(studio_view *view, double factor, double pane_x, double window_y);
void studio_view_pan(studio_view *view, double dx, double dy);
/* The photo point under a window pixel, and the window pixel of a photo point in pane 0 or 1. */
smp_point studio_view_to_photo(const studio_view *view, double window_x, double window_y);
smp_point studio_view_from_photo(const studio_view *view, smp_point photo, int pane);
studio_visible studio_view_visible(const studio_view *view, const smp_image_info *photo);
/* The loupe: a size x size pixel square of the photo around the point under
 * (window_x, window_y), STUDIO_LOUPE_MAGNIFICATION times the view's zoom (at
 * least 2 window pixels a photo pixel). */
#define STUDIO_LOUPE_MAGNIFICATION 4.0
#define STUDIO_LOUPE_POINTS 320 /* the loupe's diameter, window points */
smp_view studio_view_loupe(const studio_view *view, const smp_image_info *photo, double window_x, double window_y,
                           int size);

/* gpu.c */
/* scale: drawable pixels a window point (HiDPI), for text and margins. */
int studio_gpu_create(studio_gpu *gpu, const char *font_path, double scale);
void studio_gpu_destroy(studio_gpu *gpu);
/* Where the loupe is drawn: a circle of size window pixels centred on (x, y); size 0: none. */
typedef struct studio_loupe {
    int x, y, size;
} studio_loupe;

/* Renders the loupe's view of one side (after: 1) into its texture. */
int studio_gpu_update_loupe(studio_gpu *gpu, studio_document *doc, const smp_view *photo_view, int after);
/* Grows the picture's pixels and textures to width x height, the most the
 * window shows, if they are smaller: then the first zoom or pan to a larger
 * picture pays for no fresh memory, each page of which is faulted in. */
int studio_gpu_reserve(studio_gpu *gpu, int width, int height);
/* Renders the visible region with the engine and uploads it: the after, and
 * the before too when before is set (it changes only with the view). */
int studio_gpu_update(studio_gpu *gpu, studio_document *doc, const studio_visible *visible, int before);
/* Sets a label's text (UTF-8, lines split at '\n'). */
int studio_gpu_label(studio_gpu *gpu, int which, const char *text);
/* Sets a label's picture (it is copied to the GPU). */
void studio_gpu_label_image(studio_gpu *gpu, int which, const smp_image *image);
/* Where the style panel is in the window (drawable pixels). */
void studio_gpu_style_panel_at(const studio_gpu *gpu, const studio_view *view, int *x, int *y);
/* Draws the frame: the photo's sides, the overlay shapes (may be NULL), the labels and the loupe. */
void studio_gpu_draw(const studio_gpu *gpu, const studio_view *view, const studio_visible *visible,
                     const studio_loupe *loupe, const studio_shapes *shapes);
/* Reads the window's pixels back (top row first) into a new image. */
int studio_gpu_read(const studio_view *view, smp_image **out);

typedef struct studio_export studio_export;

/* What an edit changes, as the undo history keeps it. */
typedef struct studio_state {
    smp_style style; /* resolved */
    smp_look look;
    studio_shape shapes[STUDIO_LAYERS]; /* the state's own copies */
} studio_state;
#define STUDIO_HISTORY 512                    /* states undo keeps, at most */
#define STUDIO_HISTORY_BYTES ((size_t)32 << 20) /* and the most their shapes may take */

/* main.c: the app. */
typedef struct studio {
    SDL_Window *window;
    SDL_GLContext context;
    studio_gpu gpu;
    studio_document doc;
    studio_view view;
    studio_visible visible;
    double pixels_per_point; /* HiDPI: drawable pixels a window point */
    int mouse_x, mouse_y;    /* the pointer, window points */
    int loupe_key, loupe_button; /* the loupe shows while L or the right button is held */
    studio_state history[STUDIO_HISTORY]; /* [0, history_count); history_at is on screen */
    int history_count, history_at;
    studio_export *export;   /* running, or NULL */
    int export_code;         /* the exit code of an export that failed */
    char notice[160];        /* shown after the style until the next change ("Saved c.json") */
    int tool, edit_layer;    /* STUDIO_TOOL_: what the mouse does to layers[edit_layer] */
    int symmetry;            /* X: every drawing edit is mirrored about the photo's centre line */
    double brush_mm;         /* the brush's and eraser's radius */
    double press_x, press_y; /* where the last press (or paint step) was, window pixels */
    int edit_point;          /* the control point dragged, or taken last (Delete removes it); -1: none */
    int new_outline;         /* 1 while an outline is drawn on an empty layer: each click adds the next point */
    int edit_partner;        /* with symmetry, the point across the centre line moving with it; -1: none */
    int stroke_start;        /* the first stroke of the brush drag under way */
    studio_shapes shapes;    /* the overlay, rebuilt each frame while a tool is out */
    char prompt[1024];       /* what is being typed on the status line; prompting (STUDIO_PROMPT_) while it shows */
    int prompting;
    smp_point marks[2];      /* the calibration tools' two points, photo pixels */
    int mark_count;
    int offer_restore;       /* an autosave newer than the file was found: R restores it, Esc drops it */
    int autosave_due;        /* an edit not autosaved yet */
    int autosave_off;        /* --bench: a measurement writes nothing beside the consultation */
    Uint32 autosaved_at;     /* SDL ticks of the last autosave */
    int style_row;           /* the style panel's row taken by the pointer or the arrow keys; -1: none */
    int coalesce;            /* 1 while a slider is dragged: its edits replace one another in the history */
    int dragging;            /* DRAG_ */
    int dirty;               /* STUDIO_DIRTY_ bits: what must be rendered again */
    int quit;
} studio;

enum { DRAG_NONE = 0, DRAG_WIPE, DRAG_PAN, DRAG_POINT, DRAG_PAINT, DRAG_SLIDER };
enum { STUDIO_TOOL_NONE = 0, STUDIO_TOOL_OUTLINE, STUDIO_TOOL_RULER, STUDIO_TOOL_PUPILS, STUDIO_TOOL_BRUSH, STUDIO_TOOL_ERASER };
/* What the path or number typed on the status line is for. */
enum { STUDIO_PROMPT_OPEN = 1, STUDIO_PROMPT_IMPORT, STUDIO_PROMPT_DISTANCE };
#define STUDIO_BRUSH_MM_DEFAULT 4.0
#define STUDIO_BRUSH_MM_MIN 0.5
#define STUDIO_BRUSH_MM_MAX 60.0
/* A view change renders both sides again; a style or look change only the after. */
enum { STUDIO_DIRTY_AFTER = 1, STUDIO_DIRTY_VIEW = 3 };

/* Input as it comes from SDL (or from a script). */
void studio_handle_event(studio *s, const SDL_Event *e);
/* Renders the visible region again when the view or design changed, and draws. */
int studio_draw_frame(studio *s);
/* Gives the design a style, or the work a look, and shows it. A value out of
 * range is refused with a message (the design keeps its style). */
int studio_set_style(studio *s, const smp_style *style);
int studio_set_look(studio *s, const smp_look *look);
/* Saves the drawn frame as PNG or JPEG (by extension), atomically. */
int studio_save_screenshot(const studio *s, const char *path);

/* draw.c: drawing on layers[edit_layer]; window pixels. */
/* The control point within reach of the pointer, or -1. */
int studio_outline_point_at(const studio *s, double window_x, double window_y);
/* A press: takes the point there, or adds one on the curve (or the next of
 * an outline of under 3 points). 1 when a point is taken (edit_point). */
int studio_outline_press(studio *s, double window_x, double window_y);
void studio_outline_drag(studio *s, double window_x, double window_y);
/* Deletes edit_point; 0 when there is none or the outline has only 3. */
int studio_outline_delete(studio *s);
/* The brush or eraser painted from one window point to another on the layer
 * (and mirrored, with symmetry); 0 when it cannot be. */
int studio_brush_stroke(studio *s, double x0, double y0, double x1, double y1);
/* The overlay: in each pane the outline and its control points, the brush's circle and the stroke being
 * painted, or the calibration points; and an export's progress bar. */
void studio_overlay_shapes(const studio *s, studio_shapes *out);

/* main.c */
int studio_show_status(studio *s);
/* The status line, and the plan or style panel when shown, for what is on screen now. */
int studio_show_text(studio *s);

/* history.c: undo and redo. */
/* An edit of style and look: shown, and recorded after the current state. */
int studio_edit(studio *s, const smp_style *style, const smp_look *look);
/* A drawing edit already made to the document's shapes: the design made again, and recorded. */
int studio_edit_shape(studio *s);
/* Ctrl+Z (step -1) and Ctrl+Y (step 1). */
void studio_undo(studio *s, int step);
/* The history starts again from what is on screen. */
int studio_history_reset(studio *s);
void studio_history_free(studio *s);
/* A layer's paint became this outline (the same area drawn another way):
 * earlier states without one get it too, so undo never loses the area. */
void studio_history_share_outline(studio *s, int layer);

/* session.c: the open consultation. */
/* After a document is in: the history, the fitted view, the title, and (with offer) the offer of a newer autosave. */
int studio_start_document(studio *s, int offer);
/* Opens a consultation (.json) or a photo in place of the open one; a
 * failure leaves it open, with a word on the status line. */
int studio_open_file(studio *s, const char *path);
/* doc, opened, in place of the open document (which it closes, an export let finish first). */
int studio_switch_document(studio *s, const studio_document *doc, int offer);
/* Autosaves an edit not saved yet: at most once a second, or now. */
void studio_autosave_tick(studio *s, int now);
/* An export under way borrows the document's photo: before the document goes, it is let finish
 * (its files written, not cancelled). */
void studio_finish_export(studio *s);
/* Ctrl+O (STUDIO_PROMPT_OPEN), I (_IMPORT) and the calibration tools' second
 * point (_DISTANCE): text typed on the status line, Enter uses it, Esc cancels. */
void studio_begin_prompt(studio *s, int kind, const char *text);
void studio_begin_open(studio *s);
/* A click with a calibration tool: the first point, or the second and then the distance. */
void studio_calibration_mark(studio *s, double window_x, double window_y);
void studio_prompt_text(studio *s, const char *text);
/* Keys while the path is typed or the autosave is offered (R restores, Esc discards). */
void studio_session_key(studio *s, SDL_Keycode key);

/* export.c: Ctrl+E, full-resolution exports on a worker thread. */
/* Starts writing after.png, before_after.png and variants.png (the
 * consultation's variants, or soft and sharp hairlines) into the export
 * folder (beside the consultation file as NAME-export/, or
 * ./smp-studio-export/) from the designs' dots and look as they are now. */
int studio_export_start(studio_document *doc, studio_export **out);
/* Progress in thousandths; -1 once it has finished (well or not). */
int studio_export_permille(const studio_export *e);
const char *studio_export_folder(const studio_export *e);
/* Waits for it (cancelling it first when asked), frees it and returns its
 * exit code (a cancelled export fails). NULL: STUDIO_EXIT_OK. */
int studio_export_finish(studio_export *e, int cancel);

/* script_parse.c reads a script of input (the format is in the README), script.c replays it. */
typedef struct studio_script studio_script;
/* Reads and checks the whole script; errors name the file and line (exit 3). */
int studio_script_load(const char *path, studio_script **out);
/* The same from text in memory (the benchmark's sequence). */
int studio_script_parse(const char *text, const char *name, studio_script **out);
int studio_script_count(const studio_script *script);
/* Plays it on the open studio, a frame for each step. With step_ms (an
 * array of studio_script_count numbers), each step's time from its input to
 * its first frame finished on the GPU is written there. */
int studio_script_run(const studio_script *script, studio *s, double *step_ms);
void studio_script_destroy(studio_script *script);

/* bench.c: --bench, the frame times of a fixed sequence of edits, zooms and wipes. */
int studio_bench(studio *s);
/* Prints NAME_ms_median and NAME_ms_p95 of count times, which it sorts in place. */
void studio_print_times(const char *name, double *ms, int count);

/* soak.c: --soak, events random but valid input played with the memory watched (seed printed first);
 * the document is opened again from source, what the command line named. */
int studio_soak(studio *s, int events, uint64_t seed, const studio_source *source);

/* message.c: prints "smp-studio: " and the message to stderr; returns code. */
int studio_error(int code, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* The exit code for a failed libsmp call, with its message printed. */
int studio_status_error(smp_status status);

#endif
