/* view.c: zoom and pan; which part of the photo is where in the window. */
#include <math.h>

#include "studio.h"

#define ZOOM_MIN 0.02
#define ZOOM_MAX 32.0 /* 32 window pixels a photo pixel: single dots fill the screen */

int studio_view_pane_width(const studio_view *view) {
    return view->show == STUDIO_SHOW_SIDE_BY_SIDE ? view->window_width / 2 : view->window_width;
}

double studio_view_pane_x(const studio_view *view, double window_x) {
    int pane = studio_view_pane_width(view);
    double x = window_x >= pane && view->show == STUDIO_SHOW_SIDE_BY_SIDE ? window_x - pane : window_x;
    return view->mirror ? pane - x : x;
}

void studio_view_fit(studio_view *view, const smp_image_info *photo) {
    double zx = studio_view_pane_width(view) / (double)photo->width, zy = view->window_height / (double)photo->height;
    view->zoom = fmin(zx, zy);
    view->centre_x = photo->width / 2.0;
    view->centre_y = photo->height / 2.0;
}

void studio_view_zoom_at(studio_view *view, double factor, double pane_x, double window_y) {
    double zoom = fmin(fmax(view->zoom * factor, ZOOM_MIN), ZOOM_MAX);
    double dx = pane_x - studio_view_pane_width(view) / 2.0, dy = window_y - view->window_height / 2.0;
    view->centre_x += dx / view->zoom - dx / zoom;
    view->centre_y += dy / view->zoom - dy / zoom;
    view->zoom = zoom;
}

void studio_view_pan(studio_view *view, double dx, double dy) {
    view->centre_x -= (view->mirror ? -dx : dx) / view->zoom;
    view->centre_y -= dy / view->zoom;
}

studio_visible studio_view_visible(const studio_view *view, const smp_image_info *photo) {
    /* The photo's edges in window pixels, clipped to the window and rounded
     * inwards to whole pixels; the photo rectangle is then derived from those
     * pixels, so each window pixel samples exactly the photo point under it. */
    int pane = studio_view_pane_width(view);
    double left = (0.0 - view->centre_x) * view->zoom + pane / 2.0;
    double top = (0.0 - view->centre_y) * view->zoom + view->window_height / 2.0;
    int x0 = (int)fmax(0.0, ceil(left)), y0 = (int)fmax(0.0, ceil(top));
    int x1 = (int)fmin(pane, floor(left + photo->width * view->zoom));
    int y1 = (int)fmin(view->window_height, floor(top + photo->height * view->zoom));
    studio_visible v = {0};
    if (x1 <= x0 || y1 <= y0) return v;
    v.x = x0, v.y = y0, v.width = x1 - x0, v.height = y1 - y0;
    v.photo = (smp_view){(x0 - left) / view->zoom, (y0 - top) / view->zoom, v.width / view->zoom,
                         v.height / view->zoom, v.width, v.height, 0};
    return v;
}

smp_point studio_view_to_photo(const studio_view *view, double window_x, double window_y) {
    return (smp_point){view->centre_x + (studio_view_pane_x(view, window_x) - studio_view_pane_width(view) / 2.0) / view->zoom,
                       view->centre_y + (window_y - view->window_height / 2.0) / view->zoom};
}

smp_point studio_view_from_photo(const studio_view *view, smp_point photo, int pane) {
    int width = studio_view_pane_width(view);
    double x = (photo.x - view->centre_x) * view->zoom + width / 2.0;
    return (smp_point){(view->mirror ? width - x : x) + pane * width,
                       (photo.y - view->centre_y) * view->zoom + view->window_height / 2.0};
}

smp_view studio_view_loupe(const studio_view *view, const smp_image_info *photo, double window_x, double window_y,
                           int size) {
    double zoom = fmin(fmax(view->zoom * STUDIO_LOUPE_MAGNIFICATION, 2.0), ZOOM_MAX);
    smp_point under = studio_view_to_photo(view, window_x, window_y);
    double x = under.x, y = under.y, side = size / zoom;
    /* Kept inside the photo where it fits, so the loupe never shows past its edge. */
    x = side < photo->width ? fmin(fmax(x - side / 2.0, 0.0), photo->width - side) : x - side / 2.0;
    y = side < photo->height ? fmin(fmax(y - side / 2.0, 0.0), photo->height - side) : y - side / 2.0;
    return (smp_view){x, y, side, side, size, size, 0};
}
