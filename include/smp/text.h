/* smp/text.h: labels and captions drawn with a real font (DejaVu Sans through stb_truetype). */
#ifndef SMP_TEXT_H
#define SMP_TEXT_H

#include "smp/image.h"
#include "smp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct smp_font smp_font;

/* Where Debian's fonts-dejavu-core puts DejaVu Sans. */
#define SMP_DEFAULT_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

/* Loads a TrueType font (path NULL: SMP_DEFAULT_FONT). On success *out owns
 * it (free with smp_font_destroy). SMP_ERR_READ when the file is missing
 * (the message says to install fonts-dejavu-core), SMP_ERR_FORMAT when it is
 * not a font. Thread-safe; a font may be used by several threads at once. */
smp_status smp_font_load(const char *path, smp_font **out);
void smp_font_destroy(smp_font *font); /* NULL is a no-op */

/* Width in pixels of UTF-8 text at a line height of size_px. */
double smp_text_width(const smp_font *font, double size_px, const char *utf8);

/* Draws UTF-8 text with its baseline at (x, y), size_px tall, blending
 * rgba over the image (anti-aliased); clipped to the image. */
void smp_text_draw(smp_image *image, const smp_font *font, double x, double y, double size_px, const char *utf8,
                   const uint8_t rgba[4]);

#ifdef __cplusplus
}
#endif
#endif
