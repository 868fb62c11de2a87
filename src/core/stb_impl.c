/* stb_impl.c: the one translation unit that compiles Debian's stb headers libsmp uses. */
#include "smp/image.h"

/* Only the formats libsmp promises; every other decoder is attack surface. */
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_ONLY_BMP
#define STBI_ONLY_TGA
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
/* Its JPEG decoder reads parts of its state it never wrote when a corrupt file asks for them (fuzzing
 * found it): zeroed memory makes that a deterministic zero. image_header.c refuses the files known to. */
#include <stdlib.h>
#define STBI_MALLOC(size) calloc(1, size)
#define STBI_REALLOC(pointer, size) realloc(pointer, size)
#define STBI_FREE(pointer) free(pointer)
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#define STB_PERLIN_IMPLEMENTATION
#include <stb_perlin.h>

#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>

#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>
