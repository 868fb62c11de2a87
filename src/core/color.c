/* color.c: sRGB <-> linear light through look-up tables. */
#include <math.h>
#include <threads.h>

#include "smp/image.h"

static float to_linear[256];
static uint8_t to_srgb[SMP_LINEAR_LUT_SIZE];
static once_flag tables_once = ONCE_FLAG_INIT;

static double srgb_decode(double v) {
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/* Each linear index maps to the 8-bit code whose linear value is nearest, so
 * decoding then encoding any code gives the code back. */
static void build_tables(void) {
    for (int i = 0; i < 256; i++) to_linear[i] = (float)srgb_decode(i / 255.0);
    int code = 0;
    for (int i = 0; i < SMP_LINEAR_LUT_SIZE; i++) {
        double linear = i / (double)(SMP_LINEAR_LUT_SIZE - 1);
        while (code < 255 && linear > 0.5 * (srgb_decode(code / 255.0) + srgb_decode((code + 1) / 255.0)))
            code++;
        to_srgb[i] = (uint8_t)code;
    }
}

const float *smp_srgb_to_linear_table(void) {
    call_once(&tables_once, build_tables);
    return to_linear;
}

const uint8_t *smp_linear_to_srgb_table(void) {
    call_once(&tables_once, build_tables);
    return to_srgb;
}

float smp_srgb_to_linear(uint8_t srgb) { return smp_srgb_to_linear_table()[srgb]; }

uint8_t smp_linear_to_srgb(float linear) {
    if (!(linear > 0.0f)) linear = 0.0f; /* also maps NaN to 0 */
    if (linear > 1.0f) linear = 1.0f;
    return smp_linear_to_srgb_table()[(int)(linear * (SMP_LINEAR_LUT_SIZE - 1) + 0.5f)];
}
