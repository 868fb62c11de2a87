/* sheet.c: labelled grids of mockups with a caption, for the clinic to hand over. */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "smp/sheet.h"

static const uint8_t paper[4] = {246, 245, 243, 255}, ink[4] = {34, 34, 38, 255}, grey[4] = {96, 96, 104, 255};

static void fill(smp_image *image, const uint8_t rgba[4]) {
    for (int y = 0; y < image->height; y++)
        for (int x = 0; x < image->width; x++) memcpy(image->pixels + (size_t)y * image->stride + (size_t)x * 4, rgba, 4);
}

static void paste(smp_image *dst, const smp_image *src, int left, int top) {
    for (int y = 0; y < src->height; y++)
        memcpy(dst->pixels + (size_t)(top + y) * dst->stride + (size_t)left * 4,
               src->pixels + (size_t)y * src->stride, (size_t)src->width * 4);
}

/* Layout of one sheet: cell sizes, the bands for labels and caption, margins. */
typedef struct layout {
    int columns, rows, cell_w, cell_h, margin, label_h, caption_h;
} layout;

static smp_status plan_layout(const smp_sheet_cell *cells, int count, const smp_sheet_settings *s, layout *l) {
    if (!cells || count < 1) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "sheet: no images");
    for (int i = 0; i < count; i++)
        if (!cells[i].image || !cells[i].image->pixels)
            return smp_fail(SMP_ERR_INVALID_ARGUMENT, "sheet: image %d is empty", i + 1);
    const smp_image *first = cells[0].image;
    l->columns = s->columns > 0 && s->columns < count ? s->columns : count;
    l->rows = (count + l->columns - 1) / l->columns;
    l->cell_w = s->cell_width > 0 ? s->cell_width : first->width;
    l->cell_h = (int)lround((double)l->cell_w * first->height / first->width);
    l->margin = l->cell_w / 40 + 8;
    l->label_h = l->cell_w / 14 + 12;
    l->caption_h = s->caption && *s->caption ? l->label_h : 0;
    double w = (double)l->columns * (l->cell_w + l->margin) + l->margin;
    double h = (double)l->rows * (l->cell_h + l->label_h + l->margin) + l->margin + l->caption_h;
    if (l->cell_h < 1 || w > SMP_IMAGE_MAX_SIDE || h > SMP_IMAGE_MAX_SIDE)
        return smp_fail(SMP_ERR_INVALID_ARGUMENT, "sheet: %.0fx%.0f pixels is over the %d-pixel limit; use a smaller cell width",
                        w, h, SMP_IMAGE_MAX_SIDE);
    return SMP_OK;
}

smp_status smp_sheet_compose(const smp_sheet_cell *cells, int count, const smp_font *font,
                             const smp_sheet_settings *settings, smp_image **out) {
    smp_sheet_settings none = {0};
    const smp_sheet_settings *s = settings ? settings : &none;
    layout l = {0};
    smp_status status = !font || !out ? smp_fail(SMP_ERR_INVALID_ARGUMENT, "sheet: no font or no result")
                                      : plan_layout(cells, count, s, &l);
    if (status != SMP_OK) return status;
    smp_image *sheet = smp_image_create(l.columns * (l.cell_w + l.margin) + l.margin,
                                        l.rows * (l.cell_h + l.label_h + l.margin) + l.margin + l.caption_h);
    if (!sheet) return SMP_ERR_OUT_OF_MEMORY;
    fill(sheet, paper);
    double text_px = l.label_h * 0.55;
    for (int i = 0; i < count && status == SMP_OK; i++) {
        int left = l.margin + (i % l.columns) * (l.cell_w + l.margin);
        int top = l.margin + (i / l.columns) * (l.cell_h + l.label_h + l.margin);
        const smp_image *image = cells[i].image;
        smp_image *scaled = NULL;
        if (image->width != l.cell_w || image->height != l.cell_h)
            status = smp_image_resize(image, l.cell_w, l.cell_h, &scaled);
        if (status != SMP_OK) break;
        paste(sheet, scaled ? scaled : image, left, top + l.label_h);
        smp_image_destroy(scaled);
        if (cells[i].label) smp_text_draw(sheet, font, left, top + l.label_h * 0.72, text_px, cells[i].label, ink);
    }
    if (status == SMP_OK && l.caption_h)
        smp_text_draw(sheet, font, l.margin, sheet->height - l.margin - l.caption_h * 0.35, text_px * 0.8, s->caption,
                      grey);
    if (status != SMP_OK) {
        smp_image_destroy(sheet);
        return status;
    }
    *out = sheet;
    return SMP_OK;
}
