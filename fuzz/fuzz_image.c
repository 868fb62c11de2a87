/* fuzz_image.c: the image loader (JPEG, PNG, BMP, TGA; EXIF orientation; the header checks) on any bytes. */
#include <stdint.h>

#include "fuzz.h"
#include "smp/smp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* 4 MP keeps an input fast; the limit is part of what is tested, the decoders do not change with it */
    smp_load_settings settings = {.max_megapixels = 4.0};
    smp_image *image = NULL;
    smp_image_info info;
    smp_status status = smp_image_load_memory(data, size, "fuzz.jpg", &settings, &image, &info);
    if (status != SMP_OK) {
        fuzz_check_failure(status, image);
        return 0;
    }
    FUZZ_CHECK(image->width == info.width && image->height == info.height);
    FUZZ_CHECK((double)info.width * info.height <= 4e6);
    FUZZ_CHECK(info.orientation >= 1 && info.orientation <= 8);
    int opaque = info.channels == 1 || info.channels == 3 || info.cmyk; /* no alpha in the file */
    for (int y = 0; y < image->height; y++) /* every pixel is read, so a short buffer shows under the sanitizers */
        for (int x = 0; x < image->width; x++)
            FUZZ_CHECK(!opaque || image->pixels[(size_t)y * image->stride + (size_t)x * 4 + 3] == 255);
    smp_image_destroy(image);
    return 0;
}
