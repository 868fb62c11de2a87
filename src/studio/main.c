/* main.c: smp-studio's arguments, window and event loop. */
#define _DEFAULT_SOURCE /* setenv */
#include <SDL.h>
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "studio.h"

static const char usage[] =
    "usage: smp-studio [PHOTO [--mask M] | --project FILE.json [--project-variant NAME]] [--size WxH]\n"
    "                  [--script FILE] [--screenshot OUT.png] [--bench] [--soak EVENTS [--seed N]]\n"
    "\n"
    "The live before/after preview of scalp micropigmentation. With no file it opens the bundled\n"
    "sample client.\n"
    "\n"
    "  PHOTO                a scalp photo (JPEG, PNG, BMP, TGA); Ctrl+S saves PHOTO-NAME.json beside it\n"
    "  --mask M             its treatment mask (white: treat), painted in any editor\n"
    "  --project FILE       a consultation file (see the README); paths in it are relative to it\n"
    "  --project-variant N  which of its variants to show (default: the first)\n"
    "  --size WxH           the window's size in pixels (default 1280x800; 320-7680 x 240-4320)\n"
    "  --script FILE        replay the input steps in FILE (see the README), then exit\n"
    "  --screenshot OUT     save the window as PNG or JPEG and exit (after the script, if any)\n"
    "  --bench              print the frame times (frame_ms_median, frame_ms_p95) of a fixed\n"
    "                       sequence of slider moves, wipes and zooms (at 1920x1080 unless --size)\n"
    "  --soak EVENTS        play EVENTS (1-1000000) random but valid input events and print the\n"
    "                       memory in use and the step times; --seed N repeats a run (its seed is printed)\n"
    "  --help, --version\n"
    "\n"
    "In the window (F1 shows them there too):\n";

/* The shortcuts, listed once for --help and the help panel. */
static const char *const shortcuts[][2] = {
    {"drag the divider", "wipe between before and after"},
    {"drag elsewhere", "pan"},
    {"wheel", "zoom about the pointer"},
    {"F / 1", "fit / 100%"},
    {"space", "the after alone, the before alone"},
    {"W / S", "wipe / side by side"},
    {"M", "mirror"},
    {"V", "two designs: the next variant, or soft against sharp"},
    {"hold L or the right button", "the loupe"},
    {"[ / ]", "density 10 dots/cm\u00b2 less / more"},
    {"- / =", "dots 0.01 mm smaller / larger"},
    {"H", "soft or sharp hairline"},
    {"A", "the next age"},
    {"C", "the style panel: drag a slider; \u2191 \u2193 take a row, \u2190 \u2192 step it"},
    {"P", "the plan: area, dots, time"},
    {"O", "edit the outline: drag a point, click the line to add one"},
    {"Delete", "remove the outline point last taken"},
    {"B / E", "brush / eraser on the layer; drag to paint"},
    {", / .", "brush smaller / larger"},
    {"X", "mirror symmetry while drawing"},
    {"I", "import a mask painted elsewhere into the layer"},
    {"K / U", "scale: two points a typed distance apart / the pupils (63 mm)"},
    {"Tab", "the next layer: treatment, blend zone, scars"},
    {"F1 or ?", "this help"},
    {"Ctrl+Z / Ctrl+Y", "undo / redo"},
    {"Ctrl+S", "save the consultation (edits are autosaved beside it meanwhile)"},
    {"Ctrl+O", "open a consultation or a photo by its path (or drop it on the window)"},
    {"Ctrl+E", "export the after and the before/after sheet"},
    {"Esc", "close the panel, or quit"},
};
#define SHORTCUTS (int)(sizeof shortcuts / sizeof shortcuts[0])

typedef struct studio_options {
    studio_source source; /* what to open */
    const char *script, *screenshot;
    int width, height, size_given, bench, soak_events, seed_given;
    uint64_t seed;
} studio_options;

static int parse_size(const char *text, studio_options *o) {
    char tail;
    if (sscanf(text, "%dx%d%c", &o->width, &o->height, &tail) != 2 || o->width < 320 || o->width > 7680 ||
        o->height < 240 || o->height > 4320)
        return studio_error(STUDIO_EXIT_USAGE, "--size: '%s' is not WxH within 320-7680 x 240-4320", text);
    return STUDIO_EXIT_OK;
}

static int parse_whole(const char *flag, const char *text, int most, int *out) {
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < 1 || v > most)
        return studio_error(STUDIO_EXIT_USAGE, "%s: '%s' is not a whole number from 1 to %d", flag, text, most);
    *out = (int)v;
    return STUDIO_EXIT_OK;
}

static int parse_seed(const char *text, uint64_t *out) {
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text || *end || errno || text[0] == '-')
        return studio_error(STUDIO_EXIT_USAGE, "--seed: '%s' is not a whole number from 0 to %llu", text, ULLONG_MAX);
    *out = v;
    return STUDIO_EXIT_OK;
}

static int parse_args(int argc, char **argv, studio_options *o) {
    *o = (studio_options){.width = 1280, .height = 800};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            for (int k = 0; k < SHORTCUTS; k++) printf("  %-28s %s\n", shortcuts[k][0], shortcuts[k][1]);
            exit(STUDIO_EXIT_OK);
        }
        if (!strcmp(a, "--bench")) {
            o->bench = 1;
            continue;
        }
        if (!strcmp(a, "--version")) {
            printf("smp-studio %s\n", smp_version());
            exit(STUDIO_EXIT_OK);
        }
        if (a[0] != '-' && !o->source.photo) {
            o->source.photo = a;
            continue;
        }
        int takes_value = !strcmp(a, "--mask") || !strcmp(a, "--project") || !strcmp(a, "--project-variant") || !strcmp(a, "--size") ||
                          !strcmp(a, "--script") || !strcmp(a, "--screenshot") || !strcmp(a, "--soak") || !strcmp(a, "--seed");
        if (!takes_value) return studio_error(STUDIO_EXIT_USAGE, "unknown argument '%s' (see smp-studio --help)", a);
        if (i + 1 >= argc || !strncmp(argv[i + 1], "--", 2)) return studio_error(STUDIO_EXIT_USAGE, "%s: needs a value", a);
        const char *value = argv[++i];
        if (!strcmp(a, "--project")) o->source.project = value;
        if (!strcmp(a, "--mask")) o->source.mask = value;
        if (!strcmp(a, "--project-variant")) o->source.variant = value;
        if (!strcmp(a, "--script")) o->script = value;
        if (!strcmp(a, "--screenshot")) o->screenshot = value;
        if (!strcmp(a, "--size") && parse_size(value, o) != STUDIO_EXIT_OK) return STUDIO_EXIT_USAGE;
        if (!strcmp(a, "--soak") && parse_whole(a, value, 1000000, &o->soak_events) != STUDIO_EXIT_OK)
            return STUDIO_EXIT_USAGE;
        if (!strcmp(a, "--seed") && parse_seed(value, &o->seed) != STUDIO_EXIT_OK) return STUDIO_EXIT_USAGE;
        o->seed_given |= !strcmp(a, "--seed");
        o->size_given |= !strcmp(a, "--size");
    }
    if (o->bench && !o->size_given) o->width = 1920, o->height = 1080;
    if (o->bench && (o->script || o->screenshot))
        return studio_error(STUDIO_EXIT_USAGE, "--bench: plays its own sequence; give it without --script or --screenshot");
    if (o->soak_events && (o->bench || o->script || o->screenshot))
        return studio_error(STUDIO_EXIT_USAGE, "--soak: plays its own events; give it without --bench, --script or --screenshot");
    if (o->seed_given && !o->soak_events) return studio_error(STUDIO_EXIT_USAGE, "--seed: needs --soak");
    if (!o->seed_given) o->seed = (uint64_t)time(NULL) * 1000003u ^ (uint64_t)getpid();
    const studio_source *in = &o->source;
    if (in->variant && !in->project) return studio_error(STUDIO_EXIT_USAGE, "--project-variant: needs --project");
    if (in->mask && !in->photo) return studio_error(STUDIO_EXIT_USAGE, "--mask: needs a PHOTO");
    if (in->photo && in->project)
        return studio_error(STUDIO_EXIT_USAGE, "%s: give a photo or --project, not both", in->photo);
    return STUDIO_EXIT_OK;
}

static void update_size(studio *s) {
    int points_w, points_h;
    SDL_GetWindowSize(s->window, &points_w, &points_h);
    SDL_GL_GetDrawableSize(s->window, &s->view.window_width, &s->view.window_height);
    s->pixels_per_point = points_w > 0 ? s->view.window_width / (double)points_w : 1.0;
    s->dirty = STUDIO_DIRTY_VIEW;
}

static int open_window(studio *s, const studio_options *o) {
    if (SDL_Init(SDL_INIT_VIDEO) != 0) return studio_error(STUDIO_EXIT_INTERNAL, "no display: %s", SDL_GetError());
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    /* Nothing is depth-tested; and without a depth or stencil buffer Mesa's
     * llvmpipe can draw the picture as a copy (see studio_gpu_draw). */
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o->screenshot || o->script || o->bench) flags |= SDL_WINDOW_HIDDEN;
    char title[160];
    snprintf(title, sizeof title, "SMP Studio: %s", s->doc.title);
    s->window = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->width, o->height, flags);
    if (!s->window) return studio_error(STUDIO_EXIT_INTERNAL, "cannot open a window: %s", SDL_GetError());
    s->context = SDL_GL_CreateContext(s->window);
    if (!s->context)
        return studio_error(STUDIO_EXIT_INTERNAL, "no OpenGL 3.3 core context: %s", SDL_GetError());
    SDL_GL_SetSwapInterval(1);
    /* Text comes only while something is typed on the status line: otherwise the key that opens
     * the prompt (I) would arrive as its first character too. */
    SDL_StopTextInput();
    update_size(s);
    return studio_gpu_create(&s->gpu, NULL, s->pixels_per_point);
}


static const char *const layer_names[STUDIO_LAYERS] = {"treatment area", "blend zone", "scars"};

/* What the tool in hand does, for the status line ("" for none). */
static void describe_tool(const studio *s, char *out, size_t size) {
    const char *layer = layer_names[s->edit_layer], *mirrored = s->symmetry ? ", mirrored" : "";
    out[0] = '\0';
    if (s->tool == STUDIO_TOOL_OUTLINE) snprintf(out, size, "Outline of the %s%s    ", layer, mirrored);
    if (s->tool == STUDIO_TOOL_RULER || s->tool == STUDIO_TOOL_PUPILS)
        snprintf(out, size, "Scale %.2f px/mm: click %s    ", s->doc.px_per_mm,
                 s->tool == STUDIO_TOOL_RULER ? "two points a known distance apart" : "the centres of the pupils");
    if (s->tool >= STUDIO_TOOL_BRUSH)
        snprintf(out, size, "%s %.1f mm on the %s%s    ", s->tool == STUDIO_TOOL_BRUSH ? "Brush" : "Eraser", s->brush_mm,
                 layer, mirrored);
}

/* The status line while something is typed on it. */
static int show_prompt(studio *s) {
    char ask[96], text[1536];
    if (s->prompting == STUDIO_PROMPT_OPEN) snprintf(ask, sizeof ask, "Open (a consultation .json or a photo)");
    if (s->prompting == STUDIO_PROMPT_IMPORT) snprintf(ask, sizeof ask, "Mask for the %s (white: paint)", layer_names[s->edit_layer]);
    if (s->prompting == STUDIO_PROMPT_DISTANCE) snprintf(ask, sizeof ask, "Distance between the two points, mm");
    snprintf(text, sizeof text, "%s: %s\u258f    Enter: done, Esc: cancel", ask, s->prompt);
    return studio_gpu_label(&s->gpu, STUDIO_LABEL_STATUS, text);
}

/* The line at the bottom: the tool, the style and age on screen, and a notice. */
int studio_show_status(studio *s) {
    if (s->prompting) return show_prompt(s);
    const smp_style *st = smp_design_style(s->doc.design);
    char age[32], tool[160], text[1024];
    snprintf(age, sizeof age, "%.1f years on", s->doc.look.years);
    for (int i = 0; i < (int)(sizeof smp_age_names / sizeof smp_age_names[0]); i++)
        if (smp_age_names[i].fresh == s->doc.look.fresh && smp_age_names[i].years == s->doc.look.years)
            snprintf(age, sizeof age, "%s", smp_age_names[i].name);
    describe_tool(s, tool, sizeof tool);
    snprintf(text, sizeof text, "%s%.0f dots/cm\u00b2    %.2f mm dots    shade %.2f    %s hairline, %.1f mm    %s%s%s",
             tool, st->density, st->dot_size, st->shade, st->hairline == SMP_HAIRLINE_SHARP ? "sharp" : "soft",
             st->feather_mm, age, s->notice[0] ? "    " : "", s->notice);
    return studio_gpu_label(&s->gpu, STUDIO_LABEL_STATUS, text);
}

/* The plan panel: what the design means for the clinic's calendar. */
static int show_plan(studio *s) {
    smp_plan plan;
    smp_status status = smp_design_plan(s->doc.design, &plan);
    if (status != SMP_OK) return studio_status_error(status);
    char text[1024];
    size_t n = (size_t)snprintf(text, sizeof text,
                                "Plan\nTreated area: %.1f cm\u00b2\nBlend zone: %.1f cm\u00b2\nHairline: %.0f mm\n",
                                plan.treated_area_cm2, plan.blend_area_cm2, plan.hairline_length_mm);
    for (int i = 0; i < plan.sessions && n < sizeof text; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "Session %d: %zu dots, %.0f-%.0f min\n", i + 1,
                              plan.dots_per_session[i], plan.minutes_at_100[i], plan.minutes_at_60[i]);
    if (n < sizeof text) snprintf(text + n, sizeof text - n, "In all: %zu dots", plan.dots_total);
    return studio_gpu_label(&s->gpu, STUDIO_LABEL_PLAN, text);
}

static int show_help(studio *s) {
    char text[2048];
    size_t n = (size_t)snprintf(text, sizeof text, "Shortcuts");
    for (int k = 0; k < SHORTCUTS && n < sizeof text; k++)
        n += (size_t)snprintf(text + n, sizeof text - n, "\n%s:  %s", shortcuts[k][0], shortcuts[k][1]);
    return studio_gpu_label(&s->gpu, STUDIO_LABEL_HELP, text);
}

/* The style panel for the style and look on screen, its taken row lit. */
static int show_style_panel(studio *s) {
    smp_image *panel = studio_panel_draw(s->gpu.font, s->pixels_per_point, smp_design_style(s->doc.design),
                                         &s->doc.look, s->style_row);
    if (!panel) return studio_status_error(SMP_ERR_OUT_OF_MEMORY);
    studio_gpu_label_image(&s->gpu, STUDIO_LABEL_STYLE, panel);
    smp_image_destroy(panel);
    return STUDIO_EXIT_OK;
}

/* Shows a panel, or hides it when it is the one shown. */
static int toggle_panel(studio *s, int panel) {
    s->view.panel = s->view.panel == panel ? STUDIO_PANEL_NONE : panel;
    if (s->view.panel == STUDIO_PANEL_PLAN) return show_plan(s);
    if (s->view.panel == STUDIO_PANEL_STYLE) return show_style_panel(s);
    return s->view.panel == STUDIO_PANEL_HELP ? show_help(s) : STUDIO_EXIT_OK;
}

int studio_show_text(studio *s) {
    int code = s->view.panel == STUDIO_PANEL_PLAN    ? show_plan(s)
               : s->view.panel == STUDIO_PANEL_STYLE ? show_style_panel(s)
                                                     : STUDIO_EXIT_OK;
    return code == STUDIO_EXIT_OK ? studio_show_status(s) : code;
}

/* A tool takes the mouse on the layer being edited (STUDIO_TOOL_OUTLINE shows
 * its outline, its paint traced into one first); the same tool again puts it down. */
static void take_tool(studio *s, int tool) {
    s->tool = s->tool == tool ? STUDIO_TOOL_NONE : tool;
    s->edit_point = -1;
    s->new_outline = 0;
    s->mark_count = 0;
    studio_show_status(s);
    if (s->tool != STUDIO_TOOL_OUTLINE || s->doc.layers[s->edit_layer].shape.outline) return;
    if (studio_document_trace(&s->doc, s->edit_layer) != STUDIO_EXIT_OK) return;
    s->new_outline = !s->doc.layers[s->edit_layer].shape.outline; /* nothing to trace: one is drawn */
    studio_history_share_outline(s, s->edit_layer);
    s->dirty = STUDIO_DIRTY_VIEW;
}

/* Match stubble: the density and shade that make the treated area read as dark as the stubble. */
static void match_stubble(studio *s) {
    smp_style style = *smp_design_style(s->doc.design);
    smp_stubble_match match;
    smp_status status = smp_match_stubble(s->doc.renderer, s->doc.design, &s->doc.look, &style, &match);
    if (status != SMP_OK) {
        snprintf(s->notice, sizeof s->notice, "Not matched: %s", smp_last_error());
        studio_show_status(s);
        return;
    }
    studio_edit(s, &style, &s->doc.look);
    snprintf(s->notice, sizeof s->notice, "Matched: stubble %.2f of bare skin, treated %.2f", match.stubble_ratio,
             match.treated_ratio);
    studio_show_status(s);
}

/* Left and right arrows: one step of the style panel's taken row. */
static void step_style(studio *s, int direction) {
    if (s->view.panel != STUDIO_PANEL_STYLE || s->style_row < 0) return;
    smp_style style = *smp_design_style(s->doc.design);
    smp_look look = s->doc.look;
    int action = studio_panel_step(s->style_row, direction, &style, &look);
    if (action == STUDIO_PANEL_CHANGED) studio_edit(s, &style, &look);
    if (action == STUDIO_PANEL_MATCH_STUBBLE) match_stubble(s);
}

/* The style panel's row under a window pixel, or -1 (also when it is not shown). */
static int style_row_at(const studio *s, double x, double y, double *panel_x) {
    if (s->view.panel != STUDIO_PANEL_STYLE) return -1;
    int left, top;
    studio_gpu_style_panel_at(&s->gpu, &s->view, &left, &top);
    *panel_x = x - left;
    return studio_panel_row_at(s->pixels_per_point, x - left, y - top);
}

/* A press (or drag) on the style panel's row: the value under the pointer, or the button's action. */
static void use_slider(studio *s, double panel_x, int press) {
    smp_style style = *smp_design_style(s->doc.design);
    smp_look look = s->doc.look;
    int action = studio_panel_set(s->style_row, s->pixels_per_point, panel_x, press, &style, &look);
    if (action == STUDIO_PANEL_CHANGED) studio_edit(s, &style, &look);
    if (action == STUDIO_PANEL_MATCH_STUBBLE) match_stubble(s);
    if (action != STUDIO_PANEL_CHANGED) show_style_panel(s);
}

static void on_button(studio *s, const SDL_MouseButtonEvent *b) {
    if (b->button == SDL_BUTTON_RIGHT) s->loupe_button = b->state == SDL_PRESSED;
    if (b->button != SDL_BUTTON_LEFT) return;
    double x = b->x * s->pixels_per_point, y = b->y * s->pixels_per_point;
    if (b->state != SDL_PRESSED) {
        if (s->dragging == DRAG_POINT || s->dragging == DRAG_PAINT) studio_edit_shape(s);
        s->dragging = DRAG_NONE;
        s->coalesce = 0;
        return;
    }
    int near_divider = fabs(x - s->view.wipe * s->view.window_width) < 8.0 * s->pixels_per_point;
    double panel_x = 0.0;
    int row = style_row_at(s, x, y, &panel_x);
    if (row >= 0) {
        s->dragging = DRAG_SLIDER, s->style_row = row, s->coalesce = 1;
        use_slider(s, panel_x, 1);
    } else if (s->view.show == STUDIO_SHOW_WIPE && near_divider) s->dragging = DRAG_WIPE;
    else if (s->tool == STUDIO_TOOL_OUTLINE && studio_outline_press(s, x, y)) s->dragging = DRAG_POINT;
    else if (s->tool >= STUDIO_TOOL_BRUSH && studio_brush_stroke(s, x, y, x, y)) s->dragging = DRAG_PAINT;
    else if (s->tool == STUDIO_TOOL_RULER || s->tool == STUDIO_TOOL_PUPILS) studio_calibration_mark(s, x, y);
    else s->dragging = DRAG_PAN;
    s->press_x = x, s->press_y = y;
}

static void on_motion(studio *s, const SDL_MouseMotionEvent *m) {
    s->mouse_x = m->x, s->mouse_y = m->y;
    double x = m->x * s->pixels_per_point, y = m->y * s->pixels_per_point;
    if (s->dragging == DRAG_WIPE) {
        s->view.wipe = fmin(fmax(x / s->view.window_width, 0.0), 1.0);
    } else if (s->dragging == DRAG_PAN) {
        studio_view_pan(&s->view, m->xrel * s->pixels_per_point, m->yrel * s->pixels_per_point);
        s->dirty = STUDIO_DIRTY_VIEW;
    } else if (s->dragging == DRAG_POINT) {
        studio_outline_drag(s, x, y);
    } else if (s->dragging == DRAG_SLIDER) {
        double panel_x = 0.0;
        style_row_at(s, x, y, &panel_x);
        use_slider(s, panel_x, 0);
    } else if (s->dragging == DRAG_PAINT) {
        studio_brush_stroke(s, s->press_x, s->press_y, x, y);
        s->press_x = x, s->press_y = y;
    }
}

/* The shortcuts for the values changed most often. A step past a range is
 * refused with a message, and the design keeps its style. */
static void change_style(studio *s, SDL_Keycode key) {
    smp_style style = *smp_design_style(s->doc.design);
    if (key == SDLK_LEFTBRACKET || key == SDLK_RIGHTBRACKET) style.density += key == SDLK_RIGHTBRACKET ? 10.0 : -10.0;
    if (key == SDLK_MINUS || key == SDLK_EQUALS) style.dot_size += key == SDLK_EQUALS ? 0.01 : -0.01;
    if (key == SDLK_h) {
        style.hairline = style.hairline == SMP_HAIRLINE_SOFT ? SMP_HAIRLINE_SHARP : SMP_HAIRLINE_SOFT;
        style.feather_mm = 0.0; /* the new hairline's own default */
    }
    studio_set_style(s, &style);
}

/* A steps through the named ages: fresh, healed, 6 months ... 8 years. */
static void next_age(studio *s) {
    int count = (int)(sizeof smp_age_names / sizeof smp_age_names[0]), i = 0;
    while (i < count && !(smp_age_names[i].fresh == s->doc.look.fresh && smp_age_names[i].years == s->doc.look.years))
        i++;
    smp_look look = s->doc.look;
    smp_age_from_name(smp_age_names[(i + 1) % count].name, &look);
    studio_set_look(s, &look);
}

/* Switches what is shown; a pane of another width shows the photo fitted again. */
static void set_show(studio *s, int show) {
    int pane = studio_view_pane_width(&s->view);
    s->view.show = show;
    if (studio_view_pane_width(&s->view) != pane) {
        studio_view_fit(&s->view, &s->doc.info);
        s->dirty = STUDIO_DIRTY_VIEW;
    }
}

/* V: the wipe between two designs (two variants, or soft against sharp), and back. */
static int toggle_compare(studio *s) {
    int code = s->doc.comparing ? STUDIO_EXIT_OK : studio_document_open_other(&s->doc);
    if (code != STUDIO_EXIT_OK) return code;
    s->doc.comparing = !s->doc.comparing;
    s->dirty = STUDIO_DIRTY_VIEW;
    code = studio_gpu_label(&s->gpu, STUDIO_LABEL_BEFORE, s->doc.comparing ? s->doc.other_name : "Before");
    return code == STUDIO_EXIT_OK ? studio_gpu_label(&s->gpu, STUDIO_LABEL_AFTER, s->doc.comparing ? s->doc.name : "After")
                                  : code;
}

/* Ctrl+E: the exports, on a worker thread; the status line follows them. */
static void start_export(studio *s) {
    if (s->export) {
        snprintf(s->notice, sizeof s->notice, "An export is running");
    } else if (studio_export_start(&s->doc, &s->export) == STUDIO_EXIT_OK) {
        snprintf(s->notice, sizeof s->notice, "Exporting 0%%");
    } else {
        snprintf(s->notice, sizeof s->notice, "Not exported: see the message on stderr");
        s->export_code = STUDIO_EXIT_WRITE;
    }
    studio_show_status(s);
}

/* Once a frame while an export runs: its progress, then its end. */
static int follow_export(studio *s) {
    int permille = studio_export_permille(s->export);
    char notice[sizeof s->notice];
    if (permille >= 0) {
        snprintf(notice, sizeof notice, "Exporting %d%%", permille / 10);
    } else {
        snprintf(notice, sizeof notice, "Exported to %s", studio_export_folder(s->export));
        int code = studio_export_finish(s->export, 0);
        s->export = NULL;
        if (code != STUDIO_EXIT_OK) snprintf(notice, sizeof notice, "Not exported: see the message on stderr");
        s->export_code = s->export_code ? s->export_code : code;
    }
    if (!strcmp(notice, s->notice)) return STUDIO_EXIT_OK;
    snprintf(s->notice, sizeof s->notice, "%s", notice);
    return studio_show_status(s);
}

/* Ctrl+S: the style into the consultation file, and a word on the status line. */
static void save(studio *s) {
    if (studio_document_save(&s->doc) != STUDIO_EXIT_OK) {
        snprintf(s->notice, sizeof s->notice, "Not saved: see the message on stderr");
    } else {
        snprintf(s->notice, sizeof s->notice, "Saved %s", studio_path_name(s->doc.project_path));
        s->autosave_due = 0; /* the file has it all */
    }
    studio_show_status(s);
}

static void on_key(studio *s, SDL_Keycode key, Uint16 mod) {
    if (s->prompting || s->offer_restore) {
        studio_session_key(s, key);
        return;
    }
    if (mod & KMOD_CTRL) {
        if (key == SDLK_o) studio_begin_open(s);
        if (key == SDLK_s) save(s);
        if (key == SDLK_e) start_export(s);
        if (key == SDLK_z || key == SDLK_y) studio_undo(s, key == SDLK_z ? -1 : 1);
        return;
    }
    switch (key) {
    case SDLK_LEFTBRACKET:
    case SDLK_RIGHTBRACKET:
    case SDLK_MINUS:
    case SDLK_EQUALS:
    case SDLK_h: change_style(s, key); break;
    case SDLK_a: next_age(s); break;
    case SDLK_ESCAPE:
        if (s->view.panel) s->view.panel = STUDIO_PANEL_NONE;
        else s->quit = 1;
        break;
    case SDLK_p: toggle_panel(s, STUDIO_PANEL_PLAN); break;
    case SDLK_F1:
    case SDLK_QUESTION: toggle_panel(s, STUDIO_PANEL_HELP); break;
    case SDLK_SPACE: set_show(s, s->view.show == STUDIO_SHOW_AFTER ? STUDIO_SHOW_BEFORE : STUDIO_SHOW_AFTER); break;
    case SDLK_w: set_show(s, STUDIO_SHOW_WIPE); break;
    case SDLK_s: set_show(s, STUDIO_SHOW_SIDE_BY_SIDE); break;
    case SDLK_m: s->view.mirror = !s->view.mirror; break;
    case SDLK_v: toggle_compare(s); break;
    case SDLK_c: toggle_panel(s, STUDIO_PANEL_STYLE); break;
    case SDLK_UP:
    case SDLK_DOWN:
        if (s->view.panel != STUDIO_PANEL_STYLE) break;
        s->style_row = (s->style_row + (key == SDLK_UP ? -1 : 1) + studio_panel_rows()) % studio_panel_rows();
        show_style_panel(s);
        break;
    case SDLK_LEFT:
    case SDLK_RIGHT: step_style(s, key == SDLK_RIGHT ? 1 : -1); break;
    case SDLK_o: take_tool(s, STUDIO_TOOL_OUTLINE); break;
    case SDLK_b: take_tool(s, STUDIO_TOOL_BRUSH); break;
    case SDLK_k: take_tool(s, STUDIO_TOOL_RULER); break;
    case SDLK_u: take_tool(s, STUDIO_TOOL_PUPILS); break;
    case SDLK_i: studio_begin_prompt(s, STUDIO_PROMPT_IMPORT, ""); break;
    case SDLK_e: take_tool(s, STUDIO_TOOL_ERASER); break;
    case SDLK_x:
        s->symmetry = !s->symmetry;
        studio_show_status(s);
        break;
    case SDLK_COMMA:
    case SDLK_PERIOD:
        s->brush_mm = fmin(fmax(s->brush_mm * (key == SDLK_PERIOD ? 1.25 : 0.8), STUDIO_BRUSH_MM_MIN), STUDIO_BRUSH_MM_MAX);
        studio_show_status(s);
        break;
    case SDLK_TAB: {
        int tool = s->tool ? s->tool : STUDIO_TOOL_OUTLINE;
        s->edit_layer = (s->edit_layer + 1) % STUDIO_LAYERS;
        s->tool = STUDIO_TOOL_NONE;
        take_tool(s, tool);
        break;
    }
    case SDLK_DELETE:
    case SDLK_BACKSPACE:
        if (s->tool == STUDIO_TOOL_OUTLINE && studio_outline_delete(s)) studio_edit_shape(s);
        break;
    case SDLK_f: studio_view_fit(&s->view, &s->doc.info), s->dirty = STUDIO_DIRTY_VIEW; break;
    case SDLK_1:
        studio_view_zoom_at(&s->view, 1.0 / s->view.zoom, studio_view_pane_width(&s->view) / 2.0,
                            s->view.window_height / 2.0);
        s->dirty = STUDIO_DIRTY_VIEW;
        break;
    default: break;
    }
}

void studio_handle_event(studio *s, const SDL_Event *e) {
    switch (e->type) {
    case SDL_QUIT: s->quit = 1; break;
    case SDL_KEYDOWN:
        if (e->key.keysym.sym == SDLK_l) s->loupe_key = 1;
        on_key(s, e->key.keysym.sym, e->key.keysym.mod);
        break;
    case SDL_KEYUP:
        if (e->key.keysym.sym == SDLK_l) s->loupe_key = 0;
        break;
    case SDL_TEXTINPUT: studio_prompt_text(s, e->text.text); break;
    case SDL_DROPFILE:
        studio_open_file(s, e->drop.file);
        SDL_free(e->drop.file);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: on_button(s, &e->button); break;
    case SDL_MOUSEMOTION: on_motion(s, &e->motion); break;
    case SDL_MOUSEWHEEL:
        studio_view_zoom_at(&s->view, pow(1.25, e->wheel.preciseY),
                            studio_view_pane_x(&s->view, s->mouse_x * s->pixels_per_point),
                            s->mouse_y * s->pixels_per_point);
        s->dirty = STUDIO_DIRTY_VIEW;
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) update_size(s);
        break;
    default: break;
    }
}

/* The loupe under the pointer, magnifying the side it is over. */
static int show_loupe(studio *s, studio_loupe *loupe) {
    double x = s->mouse_x * s->pixels_per_point, y = s->mouse_y * s->pixels_per_point;
    int pane = studio_view_pane_width(&s->view);
    int before = s->view.show == STUDIO_SHOW_BEFORE ||
                 (s->view.show == STUDIO_SHOW_WIPE && x < s->view.wipe * s->view.window_width) ||
                 (s->view.show == STUDIO_SHOW_SIDE_BY_SIDE && x < pane);
    *loupe = (studio_loupe){(int)x, (int)y, (int)(STUDIO_LOUPE_POINTS * s->pixels_per_point)};
    smp_view photo_view = studio_view_loupe(&s->view, &s->doc.info, x, y, loupe->size);
    return studio_gpu_update_loupe(&s->gpu, &s->doc, &photo_view, !before);
}

int studio_draw_frame(studio *s) {
    studio_autosave_tick(s, 0);
    if (s->export) {
        int code = follow_export(s);
        if (code != STUDIO_EXIT_OK) return code;
    }
    if (s->dirty) {
        s->visible = studio_view_visible(&s->view, &s->doc.info);
        int code = studio_gpu_reserve(&s->gpu, s->view.window_width, s->view.window_height);
        if (code == STUDIO_EXIT_OK)
            code = studio_gpu_update(&s->gpu, &s->doc, &s->visible, s->dirty == STUDIO_DIRTY_VIEW);
        if (code != STUDIO_EXIT_OK) return code;
        s->dirty = 0;
    }
    studio_loupe loupe = {0};
    if ((s->loupe_key || s->loupe_button) && s->visible.width) {
        int code = show_loupe(s, &loupe);
        if (code != STUDIO_EXIT_OK) return code;
    }
    studio_overlay_shapes(s, &s->shapes);
    studio_gpu_draw(&s->gpu, &s->view, &s->visible, &loupe, &s->shapes);
    return STUDIO_EXIT_OK;
}

int studio_save_screenshot(const studio *s, const char *path) {
    smp_image *shot = NULL;
    int code = studio_gpu_read(&s->view, &shot);
    if (code != STUDIO_EXIT_OK) return code;
    smp_status status = smp_image_save(shot, path, NULL);
    smp_image_destroy(shot);
    if (status != SMP_OK) return studio_status_error(status);
    printf("%s\n", path);
    return STUDIO_EXIT_OK;
}

/* Without a person: plays the script, lets an export it started finish, saves the last frame. */
static int run_unattended(studio *s, const studio_script *script, const char *screenshot) {
    int code = script ? studio_script_run(script, s, NULL) : STUDIO_EXIT_OK;
    int exported = studio_export_finish(s->export, code != STUDIO_EXIT_OK);
    s->export = NULL;
    if (code == STUDIO_EXIT_OK) code = s->export_code ? s->export_code : exported;
    if (code == STUDIO_EXIT_OK && screenshot) code = studio_draw_frame(s);
    return code == STUDIO_EXIT_OK && screenshot ? studio_save_screenshot(s, screenshot) : code;
}

static int run(studio *s, const studio_options *o, const studio_script *script) {
    int code = open_window(s, o);
    if (code != STUDIO_EXIT_OK) return code;
    s->brush_mm = STUDIO_BRUSH_MM_DEFAULT;
    s->autosave_off = o->bench;
    if ((code = studio_start_document(s, !o->bench)) != STUDIO_EXIT_OK) return code;
    if (o->bench) return studio_bench(s);
    if (o->soak_events) return studio_soak(s, o->soak_events, o->seed, &o->source);
    if (script || o->screenshot) {
        code = run_unattended(s, script, o->screenshot);
        studio_autosave_tick(s, 1);
        return code;
    }
    while (!s->quit && code == STUDIO_EXIT_OK) {
        SDL_Event e;
        /* While an export runs, frames come at least every 50 ms so its progress shows. */
        if (s->export ? SDL_WaitEventTimeout(&e, 50) : SDL_WaitEvent(&e)) studio_handle_event(s, &e);
        while (SDL_PollEvent(&e)) studio_handle_event(s, &e);
        code = studio_draw_frame(s);
        SDL_GL_SwapWindow(s->window);
    }
    studio_autosave_tick(s, 1);
    studio_export_finish(s->export, 1); /* quitting cancels an export */
    s->export = NULL;
    return code;
}

/* OpenMP's idle threads spin for a while by default (libgomp: 300,000 turns),
 * and here they spin while the main thread uploads and draws, taking a core
 * from the GPU driver (on a machine without a GPU, from Mesa's llvmpipe): a
 * frame took 15-25% longer. Never spinning costs each of a frame's dozen
 * parallel loops a wake-up; spinning 10,000 turns (some microseconds) spares
 * them that and gives the core back before the draw: the 200k-dot slider
 * move took 20.7-21.3 ms against 21.4-23.0 passively. libgomp reads its
 * settings once, when it loads, before main: so the studio starts itself
 * again with GOMP_SPINCOUNT set, unless the user chose a policy. */
static void wait_briefly(char **argv) {
    if (getenv("OMP_WAIT_POLICY") || getenv("GOMP_SPINCOUNT")) return;
    if (setenv("GOMP_SPINCOUNT", "10000", 1) == 0) execv("/proc/self/exe", argv);
    /* No /proc: the studio runs on, spinning longer. */
}

/* glibc raises its mmap threshold (up to 32 MB) each time a large block is
 * freed; from then on the studio's image-sized buffers (masks, pyramid
 * levels, exports, sheets) come from the heap arenas, where freed ones stay
 * partly resident: the soak ran at 250-270 MB that way, and at 210-235 MB
 * with the threshold fixed at 1 MB, where each such block has a mapping of
 * its own, returned whole when freed. Frames keep their buffers, so a frame
 * does not pay for new mappings. */
static void map_large_blocks(void) { mallopt(M_MMAP_THRESHOLD, 1 << 20); }

int main(int argc, char **argv) {
    wait_briefly(argv);
    map_large_blocks();
    studio_options o;
    int code = parse_args(argc, argv, &o);
    if (code != STUDIO_EXIT_OK) return code;
    studio_script *script = NULL;
    if (o.script && (code = studio_script_load(o.script, &script)) != STUDIO_EXIT_OK) return code;
    studio s = {0};
    code = studio_document_open_source(&s.doc, &o.source);
    if (code == STUDIO_EXIT_OK) code = run(&s, &o, script);
    studio_script_destroy(script);
    studio_history_free(&s);
    free(s.shapes.vertices);
    if (s.context) studio_gpu_destroy(&s.gpu); /* GL ignores the names of objects never made */
    if (s.context) SDL_GL_DeleteContext(s.context);
    if (s.window) SDL_DestroyWindow(s.window);
    SDL_Quit();
    studio_document_close(&s.doc);
    return code;
}
