/* draw.c: drawing on a layer: its outline's control points to drag, add and
 * delete (O), the brush and eraser (B, E), mirror symmetry (X), and the
 * overlay that shows them over the photo. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "studio.h"

#define HIT_POINTS 10.0  /* how near, in window points, the pointer must be to take a control point */
#define HIT_CURVE 8.0    /* ... or the curve, to add one there */
#define POINT_POINTS 5.0 /* half the side of a control point's square */

/* The layers' colours: calm, and apart from skin and the wipe's white. */
static const float layer_colour[STUDIO_LAYERS][4] = {
    {0.33f, 0.84f, 0.78f, 1.0f}, /* treatment: teal */
    {0.95f, 0.74f, 0.33f, 1.0f}, /* blend: amber */
    {0.92f, 0.47f, 0.58f, 1.0f}, /* scars: rose */
};
static const float shadow[4] = {0.05f, 0.06f, 0.07f, 0.75f};
static const float white[4] = {0.97f, 0.97f, 0.95f, 1.0f};
static const float erased[4] = {0.08f, 0.08f, 0.09f, 0.45f}; /* the eraser's wash while it drags */
static const double TURN = 6.283185307179586;              /* 2 pi: C11 has no M_PI */

static const studio_layer *edited(const studio *s) { return &s->doc.layers[s->edit_layer]; }

static double distance_to_segment(smp_point p, smp_point a, smp_point b) {
    double dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
    double t = length2 > 0.0 ? fmin(fmax(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0), 1.0) : 0.0;
    return hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

int studio_outline_point_at(const studio *s, double window_x, double window_y) {
    const studio_layer *layer = edited(s);
    smp_point p = studio_view_to_photo(&s->view, window_x, window_y);
    double best = HIT_POINTS * s->pixels_per_point / s->view.zoom;
    int found = -1;
    for (int i = 0; i < layer->shape.outline_count; i++) {
        double d = hypot(layer->shape.outline[i].x - p.x, layer->shape.outline[i].y - p.y);
        if (d <= best) best = d, found = i;
    }
    return found;
}

/* Where a click at p adds a point: after the control point whose chord to the
 * next is nearest (the curve runs close to its chords); -1 when the click is
 * not on the curve. */
static int insert_index(const studio *s, smp_point p) {
    const studio_layer *layer = edited(s);
    smp_point *curve = NULL;
    int count = 0;
    if (smp_curve_polygon(layer->shape.outline, layer->shape.outline_count, 1.0 / s->view.zoom, &curve, &count) != SMP_OK)
        return -1;
    double near = HIT_CURVE * s->pixels_per_point / s->view.zoom, on_curve = INFINITY;
    for (int i = 0; i < count; i++) on_curve = fmin(on_curve, distance_to_segment(p, curve[i], curve[(i + 1) % count]));
    smp_free(curve);
    if (on_curve > near) return -1;
    int best = 0;
    double best_d = INFINITY;
    for (int i = 0; i < layer->shape.outline_count; i++) {
        double d = distance_to_segment(p, layer->shape.outline[i], layer->shape.outline[(i + 1) % layer->shape.outline_count]);
        if (d < best_d) best_d = d, best = i;
    }
    return best;
}

static int insert_point(studio_layer *layer, int at, smp_point p) {
    if (layer->shape.outline_count >= SMP_CURVE_MAX_POINTS) return 0;
    smp_point *grown = realloc(layer->shape.outline, (size_t)(layer->shape.outline_count + 1) * sizeof *grown);
    if (!grown) return 0;
    memmove(grown + at + 1, grown + at, (size_t)(layer->shape.outline_count - at) * sizeof *grown);
    grown[at] = p;
    layer->shape.outline = grown;
    layer->shape.outline_count++;
    return 1;
}

static smp_point mirrored(const studio *s, smp_point p) { return (smp_point){s->doc.info.width - p.x, p.y}; }

/* The point across the photo's centre line from point i (within reach), which moves with it under symmetry. */
static int mirror_partner(const studio *s, int i) {
    const studio_layer *layer = edited(s);
    smp_point across = mirrored(s, layer->shape.outline[i]);
    double best = 3.0 * HIT_POINTS * s->pixels_per_point / s->view.zoom;
    int found = -1;
    for (int k = 0; k < layer->shape.outline_count; k++) {
        double d = hypot(layer->shape.outline[k].x - across.x, layer->shape.outline[k].y - across.y);
        if (k != i && d <= best) best = d, found = k;
    }
    return found;
}

/* A point added on the curve at p (-1: p is not on it); with symmetry, its
 * partner across the centre line too, when that falls on the curve. */
static int add_on_curve(studio *s, smp_point p) {
    studio_layer *layer = &s->doc.layers[s->edit_layer];
    int after = insert_index(s, p);
    if (after < 0 || !insert_point(layer, after + 1, p)) return -1;
    int added = after + 1;
    s->edit_partner = -1;
    smp_point across = mirrored(s, p);
    int partner_after = s->symmetry ? insert_index(s, across) : -1;
    if (partner_after >= 0 && insert_point(layer, partner_after + 1, across)) {
        s->edit_partner = partner_after + 1;
        added += s->edit_partner <= added; /* the partner went in before it */
    }
    return added;
}

int studio_outline_press(studio *s, double window_x, double window_y) {
    studio_layer *layer = &s->doc.layers[s->edit_layer];
    smp_point p = studio_view_to_photo(&s->view, window_x, window_y);
    int hit = studio_outline_point_at(s, window_x, window_y);
    s->edit_partner = hit >= 0 && s->symmetry ? mirror_partner(s, hit) : -1;
    if (hit < 0 && (layer->shape.outline_count < 3 || s->new_outline)) /* a new outline: each click adds the next point */
        hit = insert_point(layer, layer->shape.outline_count, p) ? layer->shape.outline_count - 1 : -1;
    else if (hit < 0)
        hit = add_on_curve(s, p);
    s->edit_point = hit;
    return hit >= 0;
}

void studio_outline_drag(studio *s, double window_x, double window_y) {
    studio_layer *layer = &s->doc.layers[s->edit_layer];
    if (s->edit_point < 0 || s->edit_point >= layer->shape.outline_count) return;
    smp_point p = studio_view_to_photo(&s->view, window_x, window_y);
    /* Kept on the photo: an outline point off it would only confuse. */
    p = (smp_point){fmin(fmax(p.x, 0.0), s->doc.info.width), fmin(fmax(p.y, 0.0), s->doc.info.height)};
    layer->shape.outline[s->edit_point] = p;
    if (s->edit_partner >= 0 && s->edit_partner < layer->shape.outline_count)
        layer->shape.outline[s->edit_partner] = mirrored(s, p);
}

static int add_stroke(studio_shape *shape, smp_stroke stroke) {
    smp_stroke *grown = realloc(shape->strokes, (size_t)(shape->stroke_count + 1) * sizeof *grown);
    if (!grown) return 0;
    grown[shape->stroke_count++] = stroke;
    shape->strokes = grown;
    return 1;
}

int studio_brush_stroke(studio *s, double x0, double y0, double x1, double y1) {
    studio_shape *shape = &s->doc.layers[s->edit_layer].shape;
    if (s->dragging != DRAG_PAINT) s->stroke_start = shape->stroke_count;
    smp_point a = studio_view_to_photo(&s->view, x0, y0), b = studio_view_to_photo(&s->view, x1, y1);
    smp_stroke stroke = {a.x, a.y, b.x, b.y, s->brush_mm * s->doc.px_per_mm, s->tool == STUDIO_TOOL_BRUSH ? 1.0f : 0.0f};
    if (shape->stroke_count >= SMP_PROJECT_MAX_STROKES - 1 || !add_stroke(shape, stroke)) return 0;
    if (!s->symmetry) return 1;
    smp_point ma = mirrored(s, a), mb = mirrored(s, b);
    return add_stroke(shape, (smp_stroke){ma.x, ma.y, mb.x, mb.y, stroke.radius, stroke.value});
}

static void remove_point(studio_shape *shape, int at) {
    memmove(shape->outline + at, shape->outline + at + 1, (size_t)(shape->outline_count - at - 1) * sizeof *shape->outline);
    shape->outline_count--;
}

int studio_outline_delete(studio *s) {
    studio_shape *shape = &s->doc.layers[s->edit_layer].shape;
    int at = s->edit_point;
    if (at < 0 || at >= shape->outline_count || shape->outline_count <= 3) return 0;
    int partner = s->symmetry && shape->outline_count > 4 ? mirror_partner(s, at) : -1;
    remove_point(shape, partner > at ? partner : at); /* the later one first: the other keeps its index */
    if (partner >= 0) remove_point(shape, partner > at ? at : partner);
    s->edit_point = s->edit_partner = -1;
    return 1;
}

/* Appends one triangle unless it lies wholly outside the window (zoomed in,
 * most of a long outline does); a full buffer grows (a failure drops the
 * triangle: only the overlay thins). */
static void triangle(studio_shapes *out, const smp_point v[3], const float rgba[4]) {
    if ((v[0].x < 0 && v[1].x < 0 && v[2].x < 0) || (v[0].y < 0 && v[1].y < 0 && v[2].y < 0) ||
        (v[0].x > out->width && v[1].x > out->width && v[2].x > out->width) ||
        (v[0].y > out->height && v[1].y > out->height && v[2].y > out->height))
        return;
    if (out->count + 3 > out->capacity) {
        size_t capacity = out->capacity ? out->capacity * 2 : 1024;
        studio_vertex *grown = realloc(out->vertices, capacity * sizeof *grown);
        if (!grown) return;
        out->vertices = grown, out->capacity = capacity;
    }
    for (int i = 0; i < 3; i++) {
        studio_vertex *vertex = &out->vertices[out->count++];
        *vertex = (studio_vertex){(float)v[i].x, (float)v[i].y, {rgba[0], rgba[1], rgba[2], rgba[3]}};
    }
}

static void line(studio_shapes *out, smp_point a, smp_point b, double half_width, const float rgba[4]) {
    double dx = b.x - a.x, dy = b.y - a.y, length = hypot(dx, dy);
    if (length <= 0.0) return;
    double nx = -dy / length * half_width, ny = dx / length * half_width;
    smp_point q[4] = {{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}};
    triangle(out, (smp_point[3]){q[0], q[1], q[2]}, rgba);
    triangle(out, (smp_point[3]){q[0], q[2], q[3]}, rgba);
}

static void square(studio_shapes *out, smp_point c, double half, const float rgba[4]) {
    smp_point q[4] = {{c.x - half, c.y - half}, {c.x + half, c.y - half}, {c.x + half, c.y + half}, {c.x - half, c.y + half}};
    triangle(out, (smp_point[3]){q[0], q[1], q[2]}, rgba);
    triangle(out, (smp_point[3]){q[0], q[2], q[3]}, rgba);
}

/* A polyline in window pixels: a dark rim under a coloured core, readable on any skin. */
static void polyline(studio_shapes *out, const smp_point *points, int count, int closed, double ppp, const float rgba[4]) {
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i + 1 < count + closed; i++)
            line(out, points[i], points[(i + 1) % count], (pass ? 1.0 : 2.2) * ppp, pass ? rgba : shadow);
}

static void pane_shapes(const studio *s, int pane, studio_shapes *out) {
    const studio_layer *layer = edited(s);
    int n = layer->shape.outline_count;
    smp_point *curve = NULL;
    int count = 0;
    double ppp = s->pixels_per_point;
    if (n >= 3 && smp_curve_polygon(layer->shape.outline, n, fmax(2.0 * ppp / s->view.zoom, 0.25), &curve, &count) != SMP_OK)
        count = 0;
    const smp_point *path = count ? curve : layer->shape.outline;
    int path_count = count ? count : n;
    smp_point *window = malloc((size_t)(path_count > 0 ? path_count : 1) * sizeof *window);
    if (window) {
        for (int i = 0; i < path_count; i++) window[i] = studio_view_from_photo(&s->view, path[i], pane);
        polyline(out, window, path_count, count > 0, ppp, layer_colour[s->edit_layer]);
    }
    free(window);
    smp_free(curve);
    int hot = s->dragging == DRAG_POINT ? s->edit_point
                                        : studio_outline_point_at(s, s->mouse_x * ppp, s->mouse_y * ppp);
    for (int i = 0; i < n; i++) {
        smp_point c = studio_view_from_photo(&s->view, layer->shape.outline[i], pane);
        double half = (i == hot ? 1.5 : 1.0) * POINT_POINTS * ppp;
        square(out, c, half + 1.5 * ppp, shadow);
        square(out, c, half, i == hot ? layer_colour[s->edit_layer] : white);
    }
}

/* A filled circle, or a ring when inner > 0, as a 48-gon. */
static void circle(studio_shapes *out, smp_point c, double radius, double inner, const float rgba[4]) {
    enum { SIDES = 48 };
    for (int i = 0; i < SIDES; i++) {
        double t0 = TURN * i / SIDES, t1 = TURN * (i + 1) / SIDES;
        smp_point o0 = {c.x + radius * cos(t0), c.y + radius * sin(t0)}, o1 = {c.x + radius * cos(t1), c.y + radius * sin(t1)};
        if (inner <= 0.0) {
            triangle(out, (smp_point[3]){c, o0, o1}, rgba);
            continue;
        }
        smp_point i0 = {c.x + inner * cos(t0), c.y + inner * sin(t0)}, i1 = {c.x + inner * cos(t1), c.y + inner * sin(t1)};
        triangle(out, (smp_point[3]){o0, o1, i1}, rgba);
        triangle(out, (smp_point[3]){o0, i1, i0}, rgba);
    }
}

/* The brush's circle at the pointer, and the strokes of the drag under way
 * (the design follows when the button is let go). */
static void brush_shapes(const studio *s, int pane, studio_shapes *out) {
    double ppp = s->pixels_per_point, radius = s->brush_mm * s->doc.px_per_mm * s->view.zoom;
    const float *colour = layer_colour[s->edit_layer];
    const float painted[4] = {colour[0], colour[1], colour[2], 0.45f};
    const float *wash = s->tool == STUDIO_TOOL_BRUSH ? painted : erased;
    const studio_shape *shape = &edited(s)->shape;
    for (int i = s->dragging == DRAG_PAINT ? s->stroke_start : shape->stroke_count; i < shape->stroke_count; i++) {
        const smp_stroke *k = &shape->strokes[i];
        smp_point a = studio_view_from_photo(&s->view, (smp_point){k->x0, k->y0}, pane);
        smp_point b = studio_view_from_photo(&s->view, (smp_point){k->x1, k->y1}, pane);
        line(out, a, b, radius, wash);
        circle(out, b, radius, 0.0, wash);
    }
    smp_point at = {s->mouse_x * ppp, s->mouse_y * ppp};
    smp_point c = studio_view_from_photo(&s->view, studio_view_to_photo(&s->view, at.x, at.y), pane);
    circle(out, c, radius + 1.5 * ppp, radius - 1.5 * ppp, shadow);
    circle(out, c, radius + 0.5 * ppp, radius - 0.5 * ppp, white);
}

/* The calibration tools' points, and the line between them (or to the pointer). */
static void calibration_shapes(const studio *s, int pane, studio_shapes *out) {
    double ppp = s->pixels_per_point;
    smp_point at[2];
    for (int i = 0; i < s->mark_count; i++) at[i] = studio_view_from_photo(&s->view, s->marks[i], pane);
    if (s->mark_count == 1) {
        smp_point pointer = studio_view_to_photo(&s->view, s->mouse_x * ppp, s->mouse_y * ppp);
        at[1] = studio_view_from_photo(&s->view, pointer, pane);
    }
    if (s->mark_count) polyline(out, at, 2, 0, ppp, white);
    for (int i = 0; i < s->mark_count; i++) {
        circle(out, at[i], 9.0 * ppp, 6.0 * ppp, shadow);
        circle(out, at[i], 8.0 * ppp, 7.0 * ppp, white);
    }
}

/* An export's progress: a bar across the top of the window. */
static void progress_bar(const studio *s, studio_shapes *out) {
    int permille = studio_export_permille(s->export);
    if (permille < 0) return;
    double ppp = s->pixels_per_point, width = s->view.window_width * 0.4, height = 8.0 * ppp;
    double x = (s->view.window_width - width) / 2.0, y = 22.0 * ppp;
    const float track[4] = {0.09f, 0.10f, 0.12f, 0.8f};
    smp_point left = {x, y + height / 2.0}, right = {x + width, y + height / 2.0};
    line(out, left, right, height / 2.0 + 1.5 * ppp, track);
    line(out, left, (smp_point){x + width * permille / 1000.0, left.y}, height / 2.0, layer_colour[STUDIO_LAYER_TREATMENT]);
}

/* The buffer back to twice what this frame drew once it holds over four
 * times that: one frame's long outline does not keep its memory all day. */
static void fit_capacity(studio_shapes *out) {
    size_t wanted = out->count * 2 > 1024 ? out->count * 2 : 1024;
    if (out->capacity <= 4 * wanted) return;
    studio_vertex *smaller = realloc(out->vertices, wanted * sizeof *smaller);
    if (smaller) out->vertices = smaller, out->capacity = wanted;
}

void studio_overlay_shapes(const studio *s, studio_shapes *out) {
    out->count = 0;
    out->width = s->view.window_width, out->height = s->view.window_height;
    if (s->export) progress_bar(s, out);
    for (int pane = 0; pane <= (s->view.show == STUDIO_SHOW_SIDE_BY_SIDE); pane++) {
        if (s->tool == STUDIO_TOOL_OUTLINE) pane_shapes(s, pane, out);
        if (s->tool >= STUDIO_TOOL_BRUSH) brush_shapes(s, pane, out);
        if (s->tool == STUDIO_TOOL_RULER || s->tool == STUDIO_TOOL_PUPILS) calibration_shapes(s, pane, out);
    }
    fit_capacity(out);
}
