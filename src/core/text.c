/* text.c: UTF-8 text rasterised with stb_truetype and blended into RGBA images. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb_truetype.h>

#include "internal.h"
#include "smp/text.h"

struct smp_font {
    unsigned char *data;
    stbtt_fontinfo info;
};

smp_status smp_font_load(const char *path, smp_font **out) {
    if (!out) return smp_fail(SMP_ERR_INVALID_ARGUMENT, "smp_font_load: NULL argument");
    if (!path) path = SMP_DEFAULT_FONT;
    FILE *f = fopen(path, "rb");
    if (!f)
        return smp_fail(SMP_ERR_READ, "%s: cannot open the font (%s); install fonts-dejavu-core", path,
                        strerror(errno));
    smp_font *font = calloc(1, sizeof *font);
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (font && size > 0 && size < (64L << 20) && fseek(f, 0, SEEK_SET) == 0) font->data = malloc((size_t)size);
    int ok = font && font->data && fread(font->data, 1, (size_t)size, f) == (size_t)size;
    fclose(f);
    if (ok) ok = stbtt_InitFont(&font->info, font->data, stbtt_GetFontOffsetForIndex(font->data, 0));
    if (!ok) {
        smp_font_destroy(font);
        return smp_fail(SMP_ERR_FORMAT, "%s: not a TrueType font", path);
    }
    *out = font;
    return SMP_OK;
}

void smp_font_destroy(smp_font *font) {
    if (!font) return;
    free(font->data);
    free(font);
}

/* The next code point of UTF-8 text; malformed bytes read as U+FFFD. */
static int next_codepoint(const char **text) {
    const unsigned char *s = (const unsigned char *)*text;
    int length = s[0] < 0x80 ? 1 : (s[0] >> 5) == 6 ? 2 : (s[0] >> 4) == 14 ? 3 : (s[0] >> 3) == 30 ? 4 : 0;
    int cp = length == 1 ? s[0] : length == 2 ? s[0] & 31 : length == 3 ? s[0] & 15 : s[0] & 7;
    for (int i = 1; i < length; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            length = 0;
            break;
        }
        cp = cp << 6 | (s[i] & 63);
    }
    *text += length ? length : 1;
    return length ? cp : 0xFFFD;
}

double smp_text_width(const smp_font *font, double size_px, const char *utf8) {
    float scale = stbtt_ScaleForPixelHeight(&font->info, (float)size_px);
    double width = 0.0;
    int previous = 0;
    while (utf8 && *utf8) {
        int cp = next_codepoint(&utf8), advance, bearing;
        stbtt_GetCodepointHMetrics(&font->info, cp, &advance, &bearing);
        if (previous) width += scale * (float)stbtt_GetCodepointKernAdvance(&font->info, previous, cp);
        width += scale * (float)advance;
        previous = cp;
    }
    return width;
}

static void blend_glyph(smp_image *image, const unsigned char *bitmap, int w, int h, int left, int top,
                        const uint8_t rgba[4]) {
    for (int y = 0; y < h; y++) {
        int iy = top + y;
        if (iy < 0 || iy >= image->height) continue;
        for (int x = 0; x < w; x++) {
            int ix = left + x;
            if (ix < 0 || ix >= image->width || !bitmap[y * w + x]) continue;
            uint8_t *p = image->pixels + (size_t)iy * image->stride + (size_t)ix * 4;
            unsigned a = bitmap[y * w + x] * rgba[3] / 255u;
            for (int c = 0; c < 3; c++) p[c] = (uint8_t)((rgba[c] * a + p[c] * (255u - a) + 127u) / 255u);
            p[3] = (uint8_t)(a + p[3] * (255u - a) / 255u);
        }
    }
}

void smp_text_draw(smp_image *image, const smp_font *font, double x, double y, double size_px, const char *utf8,
                   const uint8_t rgba[4]) {
    if (!image || !font || !utf8) return;
    float scale = stbtt_ScaleForPixelHeight(&font->info, (float)size_px);
    double pen = x;
    int previous = 0;
    while (*utf8) {
        int cp = next_codepoint(&utf8), advance, bearing, w, h, xoff, yoff;
        if (previous) pen += scale * (float)stbtt_GetCodepointKernAdvance(&font->info, previous, cp);
        float shift = (float)(pen - floor(pen));
        unsigned char *bitmap =
            stbtt_GetCodepointBitmapSubpixel(&font->info, scale, scale, shift, 0.0f, cp, &w, &h, &xoff, &yoff);
        if (bitmap) blend_glyph(image, bitmap, w, h, (int)floor(pen) + xoff, (int)lround(y) + yoff, rgba);
        stbtt_FreeBitmap(bitmap, NULL);
        stbtt_GetCodepointHMetrics(&font->info, cp, &advance, &bearing);
        pen += scale * (float)advance;
        previous = cp;
    }
}
