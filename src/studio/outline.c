/* outline.c: editing a layer's outline (O): control points to drag, add and
 * delete, and the overlay that shows them over the photo. */
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
    for (int i = 0; i < layer->outline_count; i++) {
        double d = hypot(layer->outline[i].x - p.x, layer->outline[i].y - p.y);
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
    if (smp_curve_polygon(layer->outline, layer->outline_count, 1.0 / s->view.zoom, &curve, &count) != SMP_OK)
        return -1;
    double near = HIT_CURVE * s->pixels_per_point / s->view.zoom, on_curve = INFINITY;
    for (int i = 0; i < count; i++) on_curve = fmin(on_curve, distance_to_segment(p, curve[i], curve[(i + 1) % count]));
    smp_free(curve);
    if (on_curve > near) return -1;
    int best = 0;
    double best_d = INFINITY;
    for (int i = 0; i < layer->outline_count; i++) {
        double d = distance_to_segment(p, layer->outline[i], layer->outline[(i + 1) % layer->outline_count]);
        if (d < best_d) best_d = d, best = i;
    }
    return best;
}

static int insert_point(studio_layer *layer, int at, smp_point p) {
    if (layer->outline_count >= SMP_CURVE_MAX_POINTS) return 0;
    smp_point *grown = realloc(layer->outline, (size_t)(layer->outline_count + 1) * sizeof *grown);
    if (!grown) return 0;
    memmove(grown + at + 1, grown + at, (size_t)(layer->outline_count - at) * sizeof *grown);
    grown[at] = p;
    layer->outline = grown;
    layer->outline_count++;
    return 1;
}

int studio_outline_press(studio *s, double window_x, double window_y) {
    studio_layer *layer = &s->doc.layers[s->edit_layer];
    smp_point p = studio_view_to_photo(&s->view, window_x, window_y);
    int hit = studio_outline_point_at(s, window_x, window_y);
    if (hit < 0 && layer->outline_count < 3) { /* a new outline: each click adds the next point */
        hit = insert_point(layer, layer->outline_count, p) ? layer->outline_count - 1 : -1;
    } else if (hit < 0) {
        int after = insert_index(s, p);
        hit = after >= 0 && insert_point(layer, after + 1, p) ? after + 1 : -1;
    }
    s->edit_point = hit;
    return hit >= 0;
}

void studio_outline_drag(studio *s, double window_x, double window_y) {
    studio_layer *layer = &s->doc.layers[s->edit_layer];
    if (s->edit_point < 0 || s->edit_point >= layer->outline_count) return;
    smp_point p = studio_view_to_photo(&s->view, window_x, window_y);
    /* Kept on the photo: an outline point off it would only confuse. */
    layer->outline[s->edit_point] = (smp_point){fmin(fmax(p.x, 0.0), s->doc.info.width),
                                                fmin(fmax(p.y, 0.0), s->doc.info.height)};
}

int studio_outline_delete(studio *s) {
    studio_layer *layer = &s->doc.layers[s->edit_layer];
    int at = s->edit_point;
    if (at < 0 || at >= layer->outline_count || layer->outline_count <= 3) return 0;
    memmove(layer->outline + at, layer->outline + at + 1, (size_t)(layer->outline_count - at - 1) * sizeof *layer->outline);
    layer->outline_count--;
    s->edit_point = -1;
    return 1;
}

/* Appends one triangle; a full buffer grows (a failure drops the triangle: only the overlay thins). */
static void triangle(studio_shapes *out, const smp_point v[3], const float rgba[4]) {
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
    int n = layer->outline_count;
    smp_point *curve = NULL;
    int count = 0;
    double ppp = s->pixels_per_point;
    if (n >= 3 && smp_curve_polygon(layer->outline, n, fmax(2.0 * ppp / s->view.zoom, 0.25), &curve, &count) != SMP_OK)
        count = 0;
    const smp_point *path = count ? curve : layer->outline;
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
        smp_point c = studio_view_from_photo(&s->view, layer->outline[i], pane);
        double half = (i == hot ? 1.5 : 1.0) * POINT_POINTS * ppp;
        square(out, c, half + 1.5 * ppp, shadow);
        square(out, c, half, i == hot ? layer_colour[s->edit_layer] : white);
    }
}

void studio_outline_shapes(const studio *s, studio_shapes *out) {
    out->count = 0;
    if (!s->editing) return;
    for (int pane = 0; pane <= (s->view.show == STUDIO_SHOW_SIDE_BY_SIDE); pane++) pane_shapes(s, pane, out);
}
