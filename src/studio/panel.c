/* panel.c: the style panel: one table of rows, drawn with the real font into an image, hit-tested and stepped. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "panel.h"

enum { KIND_SLIDER, KIND_CHOICE, KIND_SEED, KIND_BUTTON };
enum { CHOICE_HAIRLINE, CHOICE_SESSIONS, CHOICE_AGE, CHOICE_INK };

/* A choice's segment label and what the row's value says when it is chosen. */
typedef struct panel_choice {
    const char *label, *value;
} panel_choice;

static const panel_choice hairline_choices[] = {{"soft", "feathered"}, {"sharp", "crisp edge"}};
static const panel_choice session_choices[] = {
    {"1", "1 session"}, {"2", "2 sessions"}, {"3", "3 sessions"}, {"4", "4 sessions"}};
static const panel_choice ink_choices[] = {
    {"neutral", "carbon black"}, {"cool", "blue-black"}, {"warm", "brown-black"}};
#define AGES ((int)(sizeof smp_age_names / sizeof smp_age_names[0]))

typedef struct panel_row {
    const char *name;
    int kind;  /* KIND_ */
    int group; /* 1: a group starts here, below a rule */
    /* sliders: a double of smp_style, its range and step; shown times `shown`, with decimals, between
     * prefix and unit (negative_unit and the magnitude below 0, when set) */
    size_t offset;
    double min, max, step, shown;
    int decimals;
    const char *prefix, *unit, *negative_unit;
    const char *at_zero; /* shown for 0 instead of the number (NULL: the number) */
    int may_be_off;      /* 0 is "none", written as SMP_OFF (a plain 0 means the default) */
    /* choice rows */
    int choice; /* CHOICE_ */
    const panel_choice *choices;
    int count;
} panel_row;

#define STYLE(field) .offset = offsetof(smp_style, field)
#define PERCENT .step = 0.01, .shown = 100.0
#define STRENGTH .at_zero = "none", .may_be_off = 1 /* SMP_OFF: none */

static const panel_row rows[] = {
    {"Density", KIND_SLIDER, 0, STYLE(density), .min = SMP_DENSITY_MIN, .max = SMP_DENSITY_MAX, .step = 1.0,
     .shown = 1.0, .unit = " dots/cm\u00b2"},
    {"Dot size", KIND_SLIDER, 0, STYLE(dot_size), .min = SMP_DOT_SIZE_MIN, .max = SMP_DOT_SIZE_MAX, .step = 0.01,
     .shown = 1.0, .decimals = 2, .unit = " mm"},
    {"Size variation", KIND_SLIDER, 0, STYLE(size_variation), .max = 0.5, PERCENT, .prefix = "\u00b1", .unit = " %",
     STRENGTH},
    {"Shade", KIND_SLIDER, 0, STYLE(shade), .min = 0.05, .max = 1.0, PERCENT, .unit = " %"},
    {"Shade variation", KIND_SLIDER, 0, STYLE(shade_variation), .max = 0.5, PERCENT, .prefix = "\u00b1",
     .unit = " %", STRENGTH},
    {"Hairline", KIND_CHOICE, 1, .choice = CHOICE_HAIRLINE, .choices = hairline_choices, .count = 2},
    {"Feather", KIND_SLIDER, 0, STYLE(feather_mm), .min = SMP_FEATHER_MIN, .max = SMP_FEATHER_MAX, .step = 0.1,
     .shown = 1.0, .decimals = 1, .unit = " mm"},
    {"Irregularity", KIND_SLIDER, 0, STYLE(irregularity), .max = 1.0, PERCENT, .unit = " %", STRENGTH},
    {"Hairline offset", KIND_SLIDER, 0, STYLE(hairline_offset_mm), .min = -SMP_OFFSET_MAX, .max = SMP_OFFSET_MAX,
     .step = 0.5, .shown = 1.0, .decimals = 1, .unit = " mm back", .negative_unit = " mm forward",
     .at_zero = "on the outline"},
    {"Sessions", KIND_CHOICE, 1, .choice = CHOICE_SESSIONS, .choices = session_choices, .count = 4},
    {"Age", KIND_CHOICE, 0, .choice = CHOICE_AGE, .count = AGES},
    {"Ink", KIND_CHOICE, 0, .choice = CHOICE_INK, .choices = ink_choices, .count = 3},
    {"Blend density", KIND_SLIDER, 1, STYLE(blend_density), .min = 0.05, .max = 1.0, PERCENT, .unit = " % of treated"},
    {"Blend shade", KIND_SLIDER, 0, STYLE(blend_shade), .min = 0.05, .max = 1.0, PERCENT, .unit = " % of treated"},
    {"Seed", KIND_SEED, .group = 1},
    {"Match stubble", KIND_BUTTON, .group = 0},
};
#define ROWS ((int)(sizeof rows / sizeof rows[0]))

/* The layout in points (times scale: pixels). */
#define WIDTH 380.0
#define PAD 14.0           /* the plate's margin around the rows */
#define GROUP_GAP 8.0      /* between groups, a rule in its middle */
#define TEXT_SIZE 17.0     /* names and values */
#define SMALL_SIZE 14.0    /* segment and button labels */
#define BASELINE 16.0      /* of the name and value, below the row's top */
#define KNOB 7.0           /* the slider knob's radius */
#define HALO 10.0          /* the held knob's halo's: within the row */
#define TRACK 4.0          /* the slider track's thickness */
#define CONTROL_TOP 21.0   /* choice segments: from here ... */
#define CONTROL_BOTTOM 41.0 /* ... to here, below the row's top */
#define SEGMENT_GAP 3.0
static const double row_heights[] = {
    [KIND_SLIDER] = 40.0, [KIND_CHOICE] = 44.0, [KIND_SEED] = 36.0, [KIND_BUTTON] = 38.0};
static const double slider_track_y = 30.0;

static const uint8_t plate_rgba[4] = {24, 26, 30, 200}, text_rgba[4] = {240, 240, 236, 255},
                     name_rgba[4] = {196, 200, 200, 255}, teal[4] = {84, 214, 199, 255},
                     track_rgba[4] = {78, 83, 92, 255}, segment_rgba[4] = {46, 50, 57, 255},
                     on_teal[4] = {16, 34, 32, 255}, rule_rgba[4] = {255, 255, 255, 30},
                     highlight_rgba[4] = {255, 255, 255, 22}, halo_rgba[4] = {84, 214, 199, 64},
                     button_rgba[4] = {84, 214, 199, 46};

int studio_panel_rows(void) { return ROWS; }

/* The row's top in points. */
static double row_top(int row) {
    double y = PAD;
    for (int i = 0; i < row; i++) y += row_heights[rows[i].kind] + (rows[i + 1].group ? GROUP_GAP : 0.0);
    return y;
}

int studio_panel_width(double scale) { return (int)lround(WIDTH * scale); }

int studio_panel_height(double scale) {
    return (int)lround((row_top(ROWS - 1) + row_heights[rows[ROWS - 1].kind] + PAD) * scale);
}

int studio_panel_row_at(double scale, double x, double y) {
    x /= scale;
    y /= scale;
    if (!(x >= 0.0 && x < WIDTH)) return -1;
    for (int i = 0; i < ROWS; i++) {
        double top = row_top(i);
        if (y >= top && y < top + row_heights[rows[i].kind]) return i;
    }
    return -1;
}

/* --- values ------------------------------------------------------------------------------------ */

/* A slider's value in its own range: a strength that is off reads 0. */
static double slider_value(const panel_row *r, const smp_style *style) {
    double v = *(const double *)((const char *)style + r->offset);
    return r->may_be_off && v == SMP_OFF ? 0.0 : v;
}

/* v clamped to the row's range and rounded to its step (the ends exactly; every min is a whole number of
 * steps, so the steps are rounded to multiples of it, free of 0.05 + 0.01 * n's noise). */
static double snap(const panel_row *r, double v) {
    double last = round((r->max - r->min) / r->step), n = round((v - r->min) / r->step);
    if (!(n > 0.0)) return r->min;
    if (n >= last) return r->max;
    return round((r->min + n * r->step) / r->step) * r->step;
}

static int set_slider(const panel_row *r, smp_style *style, double v) {
    v = snap(r, v);
    if (v == slider_value(r, style)) return STUDIO_PANEL_UNCHANGED;
    *(double *)((char *)style + r->offset) = r->may_be_off && v == 0.0 ? SMP_OFF : v;
    return STUDIO_PANEL_CHANGED;
}

/* The chosen index of a choice row, or -1 when the value is none of them (a custom ink, an unnamed age). */
static int choice_index(const panel_row *r, const smp_style *style, const smp_look *look) {
    switch (r->choice) {
    case CHOICE_HAIRLINE: return style->hairline == SMP_HAIRLINE_SHARP;
    case CHOICE_SESSIONS: return style->sessions >= 1 && style->sessions <= r->count ? style->sessions - 1 : -1;
    case CHOICE_INK: return look->ink >= 0 && (int)look->ink < r->count ? (int)look->ink : -1;
    default:
        for (int i = 0; i < AGES; i++)
            if (smp_age_names[i].fresh == look->fresh && smp_age_names[i].years == look->years) return i;
        return -1;
    }
}

static int set_choice(const panel_row *r, int index, smp_style *style, smp_look *look) {
    if (index < 0 || index >= r->count || index == choice_index(r, style, look)) return STUDIO_PANEL_UNCHANGED;
    switch (r->choice) {
    case CHOICE_HAIRLINE:
        style->hairline = index ? SMP_HAIRLINE_SHARP : SMP_HAIRLINE_SOFT;
        style->feather_mm = 0.0;   /* the new hairline's own defaults */
        style->irregularity = 0.0;
        break;
    case CHOICE_SESSIONS:
        style->sessions = index + 1; /* the shares and shades default by the count */
        memset(style->session_share, 0, sizeof style->session_share);
        memset(style->session_shade, 0, sizeof style->session_shade);
        break;
    case CHOICE_INK: look->ink = (smp_ink)index; break;
    default: smp_age_from_name(smp_age_names[index].name, look);
    }
    return STUDIO_PANEL_CHANGED;
}

static const char *choice_label(const panel_row *r, int index) {
    return r->choices ? r->choices[index].label : smp_age_names[index].name;
}

/* How long after the last session the look is. */
static void age_text(const smp_look *look, char *out, size_t size) {
    if (look->fresh)
        snprintf(out, size, "days after the last session");
    else if (look->years == 0.0)
        snprintf(out, size, "healed, a month on");
    else if (look->years < 1.0)
        snprintf(out, size, "%.0f months on", look->years * 12.0);
    else
        snprintf(out, size, "%g year%s on", look->years, look->years == 1.0 ? "" : "s");
}

/* What the row's value says (the button has none). */
static void value_text(const panel_row *r, const smp_style *style, const smp_look *look, char *out, size_t size) {
    double v = r->kind == KIND_SLIDER ? slider_value(r, style) : 0.0;
    int i = r->kind == KIND_CHOICE ? choice_index(r, style, look) : -1;
    if (r->kind == KIND_SLIDER && v == 0.0 && r->at_zero)
        snprintf(out, size, "%s", r->at_zero);
    else if (r->kind == KIND_SLIDER)
        snprintf(out, size, "%s%.*f%s", r->prefix ? r->prefix : "", r->decimals,
                 (v < 0.0 && r->negative_unit ? -v : v) * r->shown,
                 v < 0.0 && r->negative_unit ? r->negative_unit : r->unit);
    else if (r->kind == KIND_SEED)
        snprintf(out, size, "%llu", (unsigned long long)style->seed);
    else if (r->kind == KIND_CHOICE && r->choice == CHOICE_AGE)
        age_text(look, out, size);
    else if (r->kind == KIND_CHOICE)
        snprintf(out, size, "%s", i >= 0 ? r->choices[i].value : "custom RGB"); /* only the ink has none chosen */
    else
        out[0] = '\0';
}

/* --- input ------------------------------------------------------------------------------------- */

/* The content's left edge and width, in points; sliders keep their knob inside it. */
static double slider_left(void) { return PAD + KNOB; }
static double slider_width(void) { return WIDTH - 2.0 * (PAD + KNOB); }
static double segment_pitch(const panel_row *r) { return (WIDTH - 2.0 * PAD + SEGMENT_GAP) / r->count; }

int studio_panel_set(int row, double scale, double x, int press, smp_style *style, smp_look *look) {
    if (row < 0 || row >= ROWS || !(scale > 0.0) || !isfinite(x)) return STUDIO_PANEL_UNCHANGED;
    const panel_row *r = &rows[row];
    x /= scale;
    switch (r->kind) {
    case KIND_SLIDER: {
        double t = fmin(fmax((x - slider_left()) / slider_width(), 0.0), 1.0);
        return set_slider(r, style, r->min + t * (r->max - r->min));
    }
    case KIND_CHOICE: {
        double i = floor((x - PAD) / segment_pitch(r));
        return set_choice(r, (int)fmin(fmax(i, 0.0), r->count - 1.0), style, look);
    }
    case KIND_SEED: return press ? studio_panel_step(row, 1, style, look) : STUDIO_PANEL_UNCHANGED;
    default: return press ? STUDIO_PANEL_MATCH_STUBBLE : STUDIO_PANEL_UNCHANGED;
    }
}

int studio_panel_step(int row, int direction, smp_style *style, smp_look *look) {
    if (row < 0 || row >= ROWS || (direction != -1 && direction != 1)) return STUDIO_PANEL_UNCHANGED;
    const panel_row *r = &rows[row];
    switch (r->kind) {
    case KIND_SLIDER: return set_slider(r, style, slider_value(r, style) + direction * r->step);
    case KIND_CHOICE: {
        int i = choice_index(r, style, look);
        return set_choice(r, i < 0 ? (direction > 0 ? 0 : r->count - 1) : i + direction, style, look);
    }
    case KIND_SEED:
        if (direction < 0 && style->seed == 0) return STUDIO_PANEL_UNCHANGED;
        style->seed += direction > 0 ? 1u : (uint64_t)-1;
        return STUDIO_PANEL_CHANGED;
    default: return STUDIO_PANEL_MATCH_STUBBLE;
    }
}

/* --- drawing ----------------------------------------------------------------------------------- */

/* Blends rgba over the rounded rectangle [x0, x1) x [y0, y1) (pixels, corner radius r), anti-aliased. */
static void fill(smp_image *image, double x0, double y0, double x1, double y1, double r, const uint8_t rgba[4]) {
    double cx = (x0 + x1) / 2.0, cy = (y0 + y1) / 2.0, hx = (x1 - x0) / 2.0 - r, hy = (y1 - y0) / 2.0 - r;
    int left = (int)fmax(floor(x0), 0.0), right = (int)fmin(ceil(x1), image->width);
    int top = (int)fmax(floor(y0), 0.0), bottom = (int)fmin(ceil(y1), image->height);
    for (int y = top; y < bottom; y++)
        for (int x = left; x < right; x++) {
            /* the signed distance of the pixel's centre from the edge, negative inside */
            double qx = fabs(x + 0.5 - cx) - hx, qy = fabs(y + 0.5 - cy) - hy;
            double d = hypot(fmax(qx, 0.0), fmax(qy, 0.0)) + fmin(fmax(qx, qy), 0.0) - r;
            double a = fmin(fmax(0.5 - d, 0.0), 1.0) * rgba[3] / 255.0;
            if (a <= 0.0) continue;
            uint8_t *p = image->pixels + (size_t)y * image->stride + 4 * (size_t)x;
            double below = p[3] / 255.0 * (1.0 - a), out = a + below;
            for (int c = 0; c < 3; c++) p[c] = (uint8_t)lround((rgba[c] * a + p[c] * below) / out);
            p[3] = (uint8_t)lround(out * 255.0);
        }
}

/* Draws text with its left end at x (align 0), centred on x (1) or its right end at x (2), made
 * smaller when wider than max_width so it never runs into its neighbours; returns its width. */
static double text(smp_image *image, const smp_font *font, double x, double baseline, double size, double max_width,
                   int align, const char *utf8, const uint8_t rgba[4]) {
    double width = smp_text_width(font, size, utf8);
    if (width > max_width && width > 0.0) {
        size *= max_width / width;
        width = smp_text_width(font, size, utf8);
    }
    smp_text_draw(image, font, x - width * align / 2.0, baseline, size, utf8, rgba);
    return width;
}

static void draw_slider(smp_image *im, double s, double top, const panel_row *r, const smp_style *style, int active) {
    double left = slider_left() * s, width = slider_width() * s, y = (top + slider_track_y) * s;
    double t = fmin(fmax((slider_value(r, style) - r->min) / (r->max - r->min), 0.0), 1.0), knob = left + t * width;
    double half = TRACK / 2.0 * s;
    fill(im, left - half, y - half, left + width + half, y + half, half, track_rgba);
    fill(im, left - half, y - half, knob, y + half, half, teal);
    double radius = (active ? KNOB + 1.0 : KNOB) * s, halo = HALO * s;
    if (active) fill(im, knob - halo, y - halo, knob + halo, y + halo, halo, halo_rgba);
    fill(im, knob - radius, y - radius, knob + radius, y + radius, radius, teal);
}

static void draw_choices(smp_image *im, const smp_font *font, double s, double top, const panel_row *r, int chosen) {
    double pitch = segment_pitch(r), y0 = (top + CONTROL_TOP) * s, y1 = (top + CONTROL_BOTTOM) * s;
    double baseline = (y0 + y1) / 2.0 + 0.36 * SMALL_SIZE * s;
    for (int i = 0; i < r->count; i++) {
        double x0 = (PAD + i * pitch) * s, x1 = x0 + (pitch - SEGMENT_GAP) * s;
        fill(im, x0, y0, x1, y1, 5.0 * s, i == chosen ? teal : segment_rgba);
        text(im, font, (x0 + x1) / 2.0, baseline, SMALL_SIZE * s, x1 - x0 - 6.0 * s, 1, choice_label(r, i),
             i == chosen ? on_teal : name_rgba);
    }
}

/* A button right-aligned at x1 (or filling the row when wide), centred in the row; returns its left. */
static double draw_button(smp_image *im, const smp_font *font, double s, double top, double height, double x1,
                          int wide, const char *label) {
    double w = smp_text_width(font, SMALL_SIZE * s, label) + 28.0 * s, x0 = wide ? PAD * s : x1 - w;
    double y0 = (top + height / 2.0 - 14.0) * s, y1 = y0 + 28.0 * s;
    fill(im, x0, y0, x1, y1, 6.0 * s, button_rgba);
    text(im, font, (x0 + x1) / 2.0, (y0 + y1) / 2.0 + 0.36 * SMALL_SIZE * s, SMALL_SIZE * s, x1 - x0 - 8.0 * s, 1,
         label, teal);
    return x0;
}

smp_image *studio_panel_draw(const smp_font *font, double scale, const smp_style *style, const smp_look *look,
                             int active) {
    double s = scale;
    smp_image *im = smp_image_create(studio_panel_width(s), studio_panel_height(s));
    if (!im) return NULL;
    fill(im, 0.0, 0.0, im->width, im->height, 12.0 * s, plate_rgba);
    double right = (WIDTH - PAD) * s, baseline_at = BASELINE * s;
    for (int i = 0; i < ROWS; i++) {
        const panel_row *r = &rows[i];
        double top = row_top(i), height = row_heights[r->kind], y = top * s;
        double rule = (top - GROUP_GAP / 2.0) * s;
        if (r->group) fill(im, PAD * s, rule - 0.5 * s, right, rule + 0.5 * s, 0.0, rule_rgba);
        if (i == active)
            fill(im, PAD / 2.0 * s, y, (WIDTH - PAD / 2.0) * s, (top + height) * s, 6.0 * s, highlight_rgba);
        char value[96];
        value_text(r, style, look, value, sizeof value);
        if (r->kind == KIND_BUTTON) {
            draw_button(im, font, s, top, height, right, 1, r->name);
            continue;
        }
        double baseline = r->kind == KIND_SEED ? (top + height / 2.0 + 0.36 * TEXT_SIZE) * s : y + baseline_at;
        double value_right =
            r->kind == KIND_SEED ? draw_button(im, font, s, top, height, right, 0, "Next seed") - 12.0 * s : right;
        /* the name and the value share the line, 14 points apart; the value takes what the name leaves, at
         * least half, and either is made smaller rather than run into the other */
        double room = value_right - (PAD + 14.0) * s, name_width = smp_text_width(font, TEXT_SIZE * s, r->name);
        double value_width = text(im, font, value_right, baseline, TEXT_SIZE * s, fmax(room - name_width, room / 2.0),
                                  2, value, text_rgba);
        text(im, font, PAD * s, baseline, TEXT_SIZE * s, room - value_width, 0, r->name,
             i == active ? text_rgba : name_rgba);
        if (r->kind == KIND_SLIDER) draw_slider(im, s, top, r, style, i == active);
        if (r->kind == KIND_CHOICE) draw_choices(im, font, s, top, r, choice_index(r, style, look));
    }
    return im;
}
