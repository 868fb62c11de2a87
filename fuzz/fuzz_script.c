/* fuzz_script.c: smp-studio's script reader on any text (nothing is played). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "studio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1); /* the reader takes a C string: it ends at the first NUL */
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    studio_script *script = NULL;
    int code = studio_script_parse(text, "fuzz.txt", &script);
    FUZZ_CHECK((code == STUDIO_EXIT_OK) == (script != NULL));
    if (script) FUZZ_CHECK(studio_script_count(script) >= 0);
    studio_script_destroy(script);
    free(text);
    return 0;
}
