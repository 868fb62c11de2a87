/* mask.c: coverage masks from painted images, resampled onto the photo's cell grid, and saved as grey PNGs. */
#include <math.h>
#include <stdlib.h>

#include "internal.h"
#include "smp/mask.h"

/* Cells along a photo side of `photo` pixels (the last one may be partial); cell >= 1. */
static int cells_along(int photo, int cell) { return photo / cell + (photo % cell != 0); }

static smp_status new_mask(int photo_width, int photo_height, int cell, smp_mask **out) {
    if (photo_width < 1 || photo_height < 1 || photo_width > SMP_IMAGE_MAX_SIDE || photo_height > SMP_IMAGE_MAX_SIDE ||
        cell < 1 || cell > 64)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "mask for a %dx%d photo with %d-pixel cells: out of range",
                        photo_width, photo_height, cell);
    int w = cells_along(photo_width, cell), h = cells_along(photo_height, cell);
    smp_mask *mask = malloc(sizeof *mask);
    float *coverage = malloc((size_t)w * (size_t)h * sizeof *coverage);
    if (!mask || !coverage) {
        free(mask);
        free(coverage);
        return smp_fail(SMP_ERR_OUT_OF_MEMORY, "out of memory for a %dx%d mask", w, h);
    }
    *mask = (smp_mask){w, h, photo_width, photo_height, cell, coverage};
    *out = mask;
    return SMP_OK;
}

int smp_mask_cell_for_scale(double px_per_mm) {
    int cell = (int)(px_per_mm * 0.1);
    return cell < 1 ? 1 : cell > 64 ? 64 : cell;
}

smp_status smp_mask_create(int photo_width, int photo_height, int cell, float value, smp_mask **out) {
    if (!out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_mask_create: NULL argument");
    smp_mask *mask;
    smp_status status = new_mask(photo_width, photo_height, cell, &mask);
    if (status != SMP_OK) return status;
    float v = value > 1.0f ? 1.0f : value > 0.0f ? value : 0.0f;
    for (size_t i = 0; i < (size_t)mask->width * (size_t)mask->height; i++) mask->coverage[i] = v;
    *out = mask;
    return SMP_OK;
}

void smp_mask_destroy(smp_mask *mask) {
    if (!mask) return;
    free(mask->coverage);
    free(mask);
}

/* One image pixel's paint in [0, 1]. */
static float paint(const smp_image *image, int x, int y, int use_alpha) {
    const uint8_t *p = image->pixels + (size_t)y * image->stride + (size_t)x * 4;
    if (use_alpha) return p[3] / 255.0f;
    return (0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]) / 255.0f;
}

/* Paint over the image rectangle that a cell covers: the area average when the
 * image is finer than the cells, bilinear at the cell centre when coarser. */
static float cell_paint(const smp_image *image, int use_alpha, double x0, double y0, double x1, double y1) {
    int ix0 = (int)floor(x0), iy0 = (int)floor(y0);
    int ix1 = (int)ceil(x1) - 1, iy1 = (int)ceil(y1) - 1;
    if (ix1 - ix0 >= 1 || iy1 - iy0 >= 1) {
        float sum = 0.0f;
        int n = 0;
        for (int y = iy0 < 0 ? 0 : iy0; y <= iy1 && y < image->height; y++)
            for (int x = ix0 < 0 ? 0 : ix0; x <= ix1 && x < image->width; x++, n++) sum += paint(image, x, y, use_alpha);
        return n ? sum / (float)n : 0.0f;
    }
    double cx = 0.5 * (x0 + x1) - 0.5, cy = 0.5 * (y0 + y1) - 0.5;
    if (cx < 0) cx = 0;
    if (cy < 0) cy = 0;
    int xa = (int)cx, ya = (int)cy;
    int xb = xa + 1 < image->width ? xa + 1 : xa, yb = ya + 1 < image->height ? ya + 1 : ya;
    if (xa >= image->width) xa = xb = image->width - 1;
    if (ya >= image->height) ya = yb = image->height - 1;
    float fx = (float)(cx - xa), fy = (float)(cy - ya);
    float top = paint(image, xa, ya, use_alpha) * (1 - fx) + paint(image, xb, ya, use_alpha) * fx;
    float bottom = paint(image, xa, yb, use_alpha) * (1 - fx) + paint(image, xb, yb, use_alpha) * fx;
    return top * (1 - fy) + bottom * fy;
}

smp_status smp_mask_from_image(const smp_image *image, int use_alpha, int photo_width, int photo_height, int cell,
                               const char *name, smp_mask **out) {
    if (!name) name = "mask";
    if (!image || !out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: smp_mask_from_image: NULL argument", name);
    /* An image of exactly the cell grid (as smp_mask_save writes) gives one pixel a cell: resampling it would
     * blend neighbours wherever the last cell is partial, and its aspect may differ from the photo's. */
    if (cell >= 1 && photo_width >= 1 && photo_height >= 1 && image->width == cells_along(photo_width, cell) &&
        image->height == cells_along(photo_height, cell)) {
        smp_mask *mask;
        smp_status status = new_mask(photo_width, photo_height, cell, &mask);
        if (status != SMP_OK) return status;
#pragma omp parallel for schedule(static)
        for (int y = 0; y < mask->height; y++)
            for (int x = 0; x < mask->width; x++)
                mask->coverage[(size_t)y * (size_t)mask->width + (size_t)x] = paint(image, x, y, use_alpha);
        *out = mask;
        return SMP_OK;
    }
    double photo_aspect = (double)photo_width / photo_height, mask_aspect = (double)image->width / image->height;
    if (fabs(mask_aspect / photo_aspect - 1.0) > SMP_MASK_ASPECT_TOLERANCE)
        return smp_fail(SMP_ERR_MISMATCH,
                        "%s: the mask is %dx%d but the photo is %dx%d; a mask must have the photo's aspect ratio",
                        name, image->width, image->height, photo_width, photo_height);
    smp_mask *mask;
    smp_status status = new_mask(photo_width, photo_height, cell, &mask);
    if (status != SMP_OK) return status;
    double sx = (double)image->width / photo_width, sy = (double)image->height / photo_height;
#pragma omp parallel for schedule(static)
    for (int y = 0; y < mask->height; y++)
        for (int x = 0; x < mask->width; x++) {
            double px1 = (x + 1) * cell > photo_width ? photo_width : (x + 1) * cell;
            double py1 = (y + 1) * cell > photo_height ? photo_height : (y + 1) * cell;
            mask->coverage[(size_t)y * (size_t)mask->width + (size_t)x] =
                cell_paint(image, use_alpha, x * cell * sx, y * cell * sy, px1 * sx, py1 * sy);
        }
    *out = mask;
    return SMP_OK;
}

/* Alpha carries the paint only when the file has alpha and some of it is not opaque. */
static int paints_with_alpha(const smp_image *image, const smp_image_info *info) {
    if (info->channels != 2 && !(info->channels == 4 && !info->cmyk)) return 0;
    for (int y = 0; y < image->height; y++)
        for (int x = 0; x < image->width; x++)
            if (image->pixels[(size_t)y * image->stride + (size_t)x * 4 + 3] != 255) return 1;
    return 0;
}

smp_status smp_mask_load_memory(const void *data, size_t size, const char *name, int photo_width,
                                int photo_height, int cell, smp_mask **out) {
    smp_image *image = NULL;
    smp_image_info info;
    smp_status status = smp_image_load_memory(data, size, name, NULL, &image, &info);
    if (status != SMP_OK) return status;
    status = smp_mask_from_image(image, paints_with_alpha(image, &info), photo_width, photo_height, cell, name, out);
    smp_image_destroy(image);
    return status;
}

smp_status smp_mask_load(const char *path, int photo_width, int photo_height, int cell, smp_mask **out) {
    smp_image *image = NULL;
    smp_image_info info;
    smp_status status = smp_image_load(path, NULL, &image, &info);
    if (status != SMP_OK) return status;
    status = smp_mask_from_image(image, paints_with_alpha(image, &info), photo_width, photo_height, cell, path, out);
    smp_image_destroy(image);
    return status;
}

smp_status smp_mask_save(const smp_mask *mask, const char *path) {
    if (!path || !*path) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_mask_save: no file name");
    size_t count;
    if (!mask || !mask->coverage || mask->width < 1 || mask->height < 1 || mask->width > SMP_IMAGE_MAX_SIDE ||
        mask->height > SMP_IMAGE_MAX_SIDE || !smp_mul_size((size_t)mask->width, (size_t)mask->height, &count))
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "%s: cannot save: not a valid mask", path);
    uint8_t *grey = malloc(count);
    if (!grey) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory for a %dx%d mask", path, mask->width,
                               mask->height);
    for (size_t i = 0; i < count; i++) {
        float c = mask->coverage[i];
        grey[i] = c >= 1.0f ? 255 : c > 0.0f ? (uint8_t)lrintf(c * 255.0f) : 0;
    }
    smp_status status = smp_save_grey_png(path, grey, mask->width, mask->height);
    free(grey);
    return status;
}

float smp_mask_sample(const smp_mask *mask, double x_px, double y_px) {
    return smp_grid_read(mask->coverage,
                         smp_grid_locate(mask->width, mask->height, x_px / mask->cell - 0.5, y_px / mask->cell - 0.5));
}
