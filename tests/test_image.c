/* test_image.c: image creation, orientation, format decoding, limits and bad files. */
#include <libexif/exif-data.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static smp_image *load_fixture(const char *name, smp_image_info *info) {
    smp_image *image = NULL;
    smp_status status = smp_image_load(fixture_path(name), NULL, &image, info);
    if (status != SMP_OK) fail_msg("%s: %s", name, smp_last_error());
    return image;
}

static smp_status load_bytes(const uint8_t *data, size_t size, const char *name, smp_image **out) {
    smp_image_info info;
    return smp_image_load_memory(data, size, name, NULL, out, &info);
}

static void create_and_destroy(void **state) {
    (void)state;
    smp_image *image = smp_image_create(3, 2);
    assert_non_null(image);
    assert_int_equal(image->stride, 12);
    for (size_t i = 0; i < 24; i++) assert_int_equal(image->pixels[i], 0);
    smp_image_destroy(image);
    smp_image_destroy(NULL);
    assert_null(smp_image_create(0, 5));
    assert_null(smp_image_create(5, -1));
    assert_null(smp_image_create(SMP_IMAGE_MAX_SIDE + 1, 1));
    assert_non_null(strstr(smp_last_error(), "outside"));
}

static void status_names(void **state) {
    (void)state;
    assert_string_equal(smp_status_name(SMP_OK), "SMP_OK");
    assert_string_equal(smp_status_name(SMP_ERR_TRUNCATED), "SMP_ERR_TRUNCATED");
    assert_string_equal(smp_status_name((smp_status)999), "SMP_STATUS_UNKNOWN");
    assert_string_equal(smp_status_text(SMP_ERR_TOO_LARGE), "exceeds a size limit");
    smp_clear_error();
    assert_string_equal(smp_last_error(), "");
}

/* Where the stored image's first-row corners are displayed, per the EXIF
 * specification's description of each tag (which side row 0 and column 0 are). */
static void orientation_matches_exif_meaning(void **state) {
    (void)state;
    enum { TL, TR, BL, BR };
    static const int first_corner[9] = {0, TL, TR, BR, BL, TL, TR, BR, BL};
    static const int last_corner[9] = {0, TR, TL, BL, BR, BL, BR, TR, TL};
    smp_image *stored = make_pattern(5, 3);
    for (int o = 1; o <= 8; o++) {
        smp_image *shown = NULL;
        assert_int_equal(smp_image_orient(stored, o, &shown), SMP_OK);
        assert_int_equal(shown->width, o >= 5 ? 3 : 5);
        int corners[4][2] = {{0, 0}, {shown->width - 1, 0}, {0, shown->height - 1},
                             {shown->width - 1, shown->height - 1}};
        const int *a = corners[first_corner[o]], *b = corners[last_corner[o]];
        assert_memory_equal(pixel_at(shown, a[0], a[1]), pixel_at(stored, 0, 0), 4);
        assert_memory_equal(pixel_at(shown, b[0], b[1]), pixel_at(stored, 4, 0), 4);
        smp_image_destroy(shown);
    }
    smp_image *shown = NULL;
    assert_int_equal(smp_image_orient(stored, 9, &shown), SMP_ERR_INVALID_ARGUMENT);
    assert_null(shown);
    smp_image_destroy(stored);
}

static void orientation_round_trip(void **state) {
    (void)state;
    smp_image *upright = make_pattern(7, 4);
    for (int o = 1; o <= 8; o++) {
        smp_image *stored = NULL, *back = NULL;
        assert_int_equal(smp_image_orient(upright, smp_orientation_inverse(o), &stored), SMP_OK);
        assert_int_equal(smp_image_orient(stored, o, &back), SMP_OK);
        assert_true(images_equal(upright, back));
        smp_image_destroy(stored);
        smp_image_destroy(back);
    }
    smp_image_destroy(upright);
}

/* A JPEG of `image` with an EXIF APP1 segment carrying `orientation`, in the given byte order. */
static uint8_t *jpeg_with_orientation(const smp_image *image, int orientation, ExifByteOrder order, size_t *size) {
    char *dir = make_temp_folder();
    char path[256];
    snprintf(path, sizeof path, "%s/x.jpg", dir);
    assert_int_equal(smp_image_save(image, path, &(smp_save_settings){.jpeg_quality = 100}), SMP_OK);
    size_t jpeg_size;
    uint8_t *jpeg = read_whole_file(path, &jpeg_size);
    remove_folder(dir);

    ExifData *exif = exif_data_new();
    exif_data_set_byte_order(exif, order);
    ExifEntry *entry = exif_entry_new();
    exif_content_add_entry(exif->ifd[EXIF_IFD_0], entry);
    exif_entry_initialize(entry, EXIF_TAG_ORIENTATION);
    exif_set_short(entry->data, order, (ExifShort)orientation);
    exif_entry_unref(entry);
    unsigned char *block = NULL;
    unsigned int block_size = 0;
    exif_data_save_data(exif, &block, &block_size);
    exif_data_unref(exif);
    assert_true(block_size > 6 && block_size < 60000);

    size_t total = jpeg_size + 4 + block_size;
    uint8_t *out = malloc(total);
    assert_non_null(out);
    memcpy(out, jpeg, 2); /* SOI */
    uint8_t app1[4] = {0xFF, 0xE1, (uint8_t)((block_size + 2) >> 8), (uint8_t)(block_size + 2)};
    memcpy(out + 2, app1, 4);
    memcpy(out + 6, block, block_size);
    memcpy(out + 6 + block_size, jpeg + 2, jpeg_size - 2);
    free(block);
    free(jpeg);
    *size = total;
    return out;
}

/* Four flat quadrants, far apart in colour, so JPEG loss cannot confuse them. */
static smp_image *make_quadrants(int width, int height) {
    static const uint8_t colours[4][3] = {{230, 20, 20}, {20, 230, 20}, {20, 20, 230}, {230, 230, 20}};
    smp_image *image = smp_image_create(width, height);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            const uint8_t *c = colours[(y >= height / 2) * 2 + (x >= width / 2)];
            uint8_t *p = pixel_at(image, x, y);
            memcpy(p, c, 3);
            p[3] = 255;
        }
    return image;
}

static void assert_close_rgb(const uint8_t *a, const uint8_t *b, int tolerance) {
    for (int c = 0; c < 3; c++)
        if (abs(a[c] - b[c]) > tolerance) fail_msg("channel %d: %d vs %d", c, a[c], b[c]);
}

static void exif_orientation_applied_on_load(void **state) {
    (void)state;
    smp_image *upright = make_quadrants(64, 32);
    for (int o = 1; o <= 8; o++) {
        for (int big_endian = 0; big_endian <= 1; big_endian++) {
            smp_image *stored = NULL, *loaded = NULL;
            assert_int_equal(smp_image_orient(upright, smp_orientation_inverse(o), &stored), SMP_OK);
            size_t size;
            uint8_t *jpeg = jpeg_with_orientation(stored, o, big_endian ? EXIF_BYTE_ORDER_MOTOROLA
                                                                        : EXIF_BYTE_ORDER_INTEL, &size);
            smp_image_info info;
            assert_int_equal(smp_image_load_memory(jpeg, size, "exif.jpg", NULL, &loaded, &info), SMP_OK);
            assert_int_equal(info.orientation, o);
            assert_true(info.orientation_tagged);
            assert_int_equal(info.stored_width, stored->width);
            assert_int_equal(loaded->width, 64);
            assert_int_equal(loaded->height, 32);
            for (int qy = 8; qy < 32; qy += 16)
                for (int qx = 16; qx < 64; qx += 32)
                    assert_close_rgb(pixel_at(loaded, qx, qy), pixel_at(upright, qx, qy), 12);
            smp_image_destroy(loaded);
            smp_load_settings keep = {.keep_stored_orientation = 1};
            assert_int_equal(smp_image_load_memory(jpeg, size, "exif.jpg", &keep, &loaded, &info), SMP_OK);
            assert_int_equal(loaded->width, stored->width);
            smp_image_destroy(loaded);
            smp_image_destroy(stored);
            free(jpeg);
        }
    }
    smp_image_destroy(upright);
}

static void png_16_bit_rounds_to_8(void **state) {
    (void)state;
    smp_image_info info;
    smp_image *image = load_fixture("rgb16.png", &info);
    assert_int_equal(info.bits_per_channel, 16);
    assert_int_equal(info.channels, 3);
    for (int i = 0; i < 8; i++) {
        unsigned r = (0x1234u * (unsigned)(i + 1)) & 0xFFFFu;
        const uint8_t *p = pixel_at(image, i % 4, i / 4);
        assert_int_equal(p[0], (r * 255 + 32767) / 65535);
        assert_int_equal(p[1], ((0xFFFF - r) * 255 + 32767) / 65535);
        assert_int_equal(p[2], (0x8080u * 255 + 32767) / 65535);
        assert_int_equal(p[3], 255);
    }
    smp_image_destroy(image);
}

static void grey_16_bit(void **state) {
    (void)state;
    static const unsigned values[8] = {0, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFF00, 0xFF80, 0xFFFF};
    smp_image_info info;
    smp_image *image = load_fixture("grey16.png", &info);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.bits_per_channel, 16);
    for (int i = 0; i < 8; i++) {
        const uint8_t *p = pixel_at(image, i % 4, i / 4);
        uint8_t expected = (uint8_t)((values[i] * 255 + 32767) / 65535);
        assert_int_equal(p[0], expected);
        assert_int_equal(p[1], expected);
        assert_int_equal(p[2], expected);
    }
    smp_image_destroy(image);
}

static void grey_and_alpha(void **state) {
    (void)state;
    smp_image_info info;
    smp_image *grey = load_fixture("grey8.png", &info);
    assert_int_equal(info.channels, 1);
    smp_image *grey_alpha = load_fixture("greyalpha.png", &info);
    assert_int_equal(info.channels, 2);
    for (int i = 0; i < 8; i++) {
        uint8_t v = (uint8_t)(i * 255 / 7);
        const uint8_t *g = pixel_at(grey, i % 4, i / 4), *ga = pixel_at(grey_alpha, i % 4, i / 4);
        assert_int_equal(g[0], v);
        assert_int_equal(g[2], v);
        assert_int_equal(g[3], 255);
        assert_int_equal(ga[1], v);
        assert_int_equal(ga[3], 255 - v);
    }
    smp_image_destroy(grey);
    smp_image_destroy(grey_alpha);
}

static void rgba_bmp_tga_agree(void **state) {
    (void)state;
    smp_image_info info;
    const char *names[3] = {"rgba8.png", "rgb8.bmp", "rgb8.tga"};
    const smp_file_format formats[3] = {SMP_FORMAT_PNG, SMP_FORMAT_BMP, SMP_FORMAT_TGA};
    for (int f = 0; f < 3; f++) {
        smp_image *image = load_fixture(names[f], &info);
        assert_int_equal(info.format, formats[f]);
        for (int i = 0; i < 8; i++) {
            const uint8_t *p = pixel_at(image, i % 4, i / 4);
            uint8_t expected[4] = {(uint8_t)(i * 30), (uint8_t)(255 - i * 30), 100, f == 0 ? (uint8_t)(i * 36) : 255};
            assert_memory_equal(p, expected, 4);
        }
        smp_image_destroy(image);
    }
}

static void cmyk_jpeg_loads_in_colour(void **state) {
    (void)state;
    smp_image_info info;
    smp_image *image = load_fixture("cmyk.jpg", &info);
    assert_true(info.cmyk);
    assert_int_equal(info.channels, 4);
    assert_close_rgb(pixel_at(image, 8, 8), (const uint8_t[]){255, 128, 0}, 4);
    smp_image_destroy(image);
}

static void four_channel_jpeg_without_adobe_marker_refused(void **state) {
    (void)state;
    size_t size;
    uint8_t *data = read_whole_file(fixture_path("cmyk.jpg"), &size);
    assert_int_equal(data[2], 0xFF);
    assert_int_equal(data[3], 0xEE); /* the APP14 Adobe segment follows SOI */
    size_t app14 = 2 + (size_t)(data[4] << 8 | data[5]);
    memmove(data + 2, data + 2 + app14, size - 2 - app14);
    smp_image *image = NULL;
    assert_int_equal(load_bytes(data, size - app14, "noadobe.jpg", &image), SMP_ERR_FORMAT);
    assert_null(image);
    assert_non_null(strstr(smp_last_error(), "noadobe.jpg"));
    assert_non_null(strstr(smp_last_error(), "Adobe"));
    free(data);
}

/* A PNG signature and IHDR claiming the given size; no pixel data. */
static size_t png_header(uint8_t *out, uint32_t width, uint32_t height) {
    static const uint8_t head[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    memcpy(out, head, sizeof head);
    uint8_t *p = out + sizeof head;
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(width >> (24 - 8 * i)), p[4 + i] = (uint8_t)(height >> (24 - 8 * i));
    p[8] = 8, p[9] = 2, p[10] = 0, p[11] = 0, p[12] = 0;
    memset(p + 13, 0, 4 + 12); /* CRC, then an empty IEND without its own CRC */
    return sizeof head + 13 + 16;
}

static void pixel_cap_refuses_before_decoding(void **state) {
    (void)state;
    uint8_t png[64];
    size_t size = png_header(png, 100000, 100000);
    smp_image *image = NULL;
    assert_int_equal(load_bytes(png, size, "huge.png", &image), SMP_ERR_TOO_LARGE);
    assert_null(image);
    assert_non_null(strstr(smp_last_error(), "100000x100000"));
    size = png_header(png, 20000, 20000); /* 400 MP: within the side limit, over the default cap */
    assert_int_equal(load_bytes(png, size, "400mp.png", &image), SMP_ERR_TOO_LARGE);
    assert_non_null(strstr(smp_last_error(), "150.0 megapixels"));

    smp_load_settings tight = {.max_megapixels = 0.000004}; /* 4 pixels */
    smp_image_info info;
    assert_int_equal(smp_image_load(fixture_path("rgb8.bmp"), &tight, &image, &info), SMP_ERR_TOO_LARGE);
    tight.max_megapixels = 0.000008;
    assert_int_equal(smp_image_load(fixture_path("rgb8.bmp"), &tight, &image, &info), SMP_OK);
    smp_image_destroy(image);
    tight.max_megapixels = -1;
    image = NULL;
    assert_int_equal(smp_image_load(fixture_path("rgb8.bmp"), &tight, &image, &info), SMP_ERR_INVALID_ARGUMENT);
    smp_load_settings small_file = {.max_file_bytes = 10};
    assert_int_equal(smp_image_load(fixture_path("rgb8.bmp"), &small_file, &image, &info), SMP_ERR_TOO_LARGE);
    assert_null(image);
}

/* Every proper prefix of a valid file is refused; none is padded into an image. */
static void assert_prefixes_refused(const uint8_t *data, size_t size, const char *name, size_t step) {
    for (size_t cut = 1; cut < size; cut += step) {
        smp_image *image = NULL;
        smp_status status = load_bytes(data, cut, name, &image);
        if (status == SMP_OK) fail_msg("%s cut at %zu of %zu bytes loaded", name, cut, size);
        assert_null(image);
        assert_non_null(strstr(smp_last_error(), name));
    }
}

static void truncated_files_refused(void **state) {
    (void)state;
    smp_image *pattern = make_pattern(48, 40);
    char *dir = make_temp_folder();
    const char *names[2] = {"p.png", "p.jpg"};
    for (int i = 0; i < 2; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        assert_int_equal(smp_image_save(pattern, path, NULL), SMP_OK);
        size_t size;
        uint8_t *data = read_whole_file(path, &size);
        assert_prefixes_refused(data, size, names[i], 7);
        smp_image *image = NULL;
        assert_int_equal(load_bytes(data, size * 3 / 4, names[i], &image),
                         i == 0 ? SMP_ERR_FORMAT : SMP_ERR_TRUNCATED);
        free(data);
    }
    remove_folder(dir);
    smp_image_destroy(pattern);
    size_t size;
    uint8_t *bmp = read_whole_file(fixture_path("rgb8.bmp"), &size);
    assert_prefixes_refused(bmp, size, "cut.bmp", 1);
    smp_image *image = NULL;
    assert_int_equal(load_bytes(bmp, size - 1, "cut.bmp", &image), SMP_ERR_TRUNCATED);
    free(bmp);
}

static void not_images_refused(void **state) {
    (void)state;
    smp_image *image = NULL;
    const char *text = "This is a text file, not a photo.\n";
    assert_int_equal(load_bytes((const uint8_t *)text, strlen(text), "notes.jpg", &image), SMP_ERR_FORMAT);
    assert_non_null(strstr(smp_last_error(), "notes.jpg: not a JPEG, PNG, BMP or TGA image"));
    assert_int_equal(load_bytes((const uint8_t *)"", 0, "empty.png", &image), SMP_ERR_FORMAT);
    assert_non_null(strstr(smp_last_error(), "empty"));
    const uint8_t gif[] = "GIF89a\x01\x00\x01\x00";
    assert_int_equal(load_bytes(gif, sizeof gif, "a.gif", &image), SMP_ERR_FORMAT);
    assert_non_null(strstr(smp_last_error(), "GIF images are not supported"));
    const uint8_t heic[] = "\0\0\0\x18" "ftypheic";
    assert_int_equal(load_bytes(heic, sizeof heic, "IMG_0001.HEIC", &image), SMP_ERR_FORMAT);
    assert_non_null(strstr(smp_last_error(), "HEIC"));
    /* Random bytes are never a TGA unless the name says so, and then corrupt. */
    uint8_t noise[256];
    for (int i = 0; i < 256; i++) noise[i] = (uint8_t)(i * 73 + 11);
    assert_int_equal(load_bytes(noise, sizeof noise, "noise.jpg", &image), SMP_ERR_FORMAT);
    smp_image_info info;
    assert_int_equal(smp_image_load("/nonexistent/photo.jpg", NULL, &image, &info), SMP_ERR_READ);
    assert_non_null(strstr(smp_last_error(), "/nonexistent/photo.jpg"));
    assert_int_equal(smp_image_load("/tmp", NULL, &image, &info), SMP_ERR_READ);
    assert_null(image);
}

static void corrupt_jpeg_gives_decoder_reason(void **state) {
    (void)state;
    size_t size;
    uint8_t *data = read_whole_file(fixture_path("cmyk.jpg"), &size);
    /* Break the frame header's component count. */
    for (size_t i = 2; i + 9 < size; i++)
        if (data[i] == 0xFF && data[i + 1] == 0xC0) data[i + 9] = 7;
    smp_image *image = NULL;
    assert_int_equal(load_bytes(data, size, "broken.jpg", &image), SMP_ERR_FORMAT);
    assert_non_null(strstr(smp_last_error(), "broken.jpg: corrupt JPEG"));
    free(data);
}

/* cmyk.jpg with a Huffman table segment of `codes` codes (all 16 counts, and `symbols` of the symbol
 * bytes) put at `at`; SIZE_MAX puts it in place of the end marker, where the file may cut it short. */
static uint8_t *jpeg_with_huffman_table(size_t at, int codes, int symbols, size_t *size) {
    size_t base_size;
    uint8_t *base = read_whole_file(fixture_path("cmyk.jpg"), &base_size);
    assert_int_equal(base[base_size - 2], 0xFF);
    assert_int_equal(base[base_size - 1], 0xD9);
    uint8_t table[4 + 17 + 4096] = {0xFF, 0xC4, (uint8_t)((2 + 17 + codes) >> 8), (uint8_t)(2 + 17 + codes), 0x00};
    for (int i = 0; i < codes; i++) table[12 + i / 255]++; /* 255 codes of 8 bits, then 9 bits: a valid code */
    size_t table_size = 4 + 17 + (size_t)symbols;
    if (at == SIZE_MAX) at = base_size - 2, base_size -= 2;
    uint8_t *out = malloc(base_size + table_size);
    memcpy(out, base, at);
    memcpy(out + at, table, table_size);
    memcpy(out + at + table_size, base + at, base_size - at);
    *size = base_size + table_size;
    free(base);
    return out;
}

/* stb_image writes past its code lengths for a table of over 256 codes: refused before it decodes,
 * wherever the table is and whether or not the file cuts it short. */
static void huffman_table_over_256_codes_refused(void **state) {
    (void)state;
    const struct {
        size_t at;
        int codes, symbols;
        smp_status expected;
    } cases[] = {{2, 256, 256, SMP_OK}, {2, 300, 300, SMP_ERR_FORMAT}, {SIZE_MAX, 300, 300, SMP_ERR_FORMAT},
                 {SIZE_MAX, 300, 10, SMP_ERR_FORMAT}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t size;
        uint8_t *data = jpeg_with_huffman_table(cases[i].at, cases[i].codes, cases[i].symbols, &size);
        smp_image *image = NULL;
        assert_int_equal(load_bytes(data, size, "tables.jpg", &image), cases[i].expected);
        if (cases[i].expected != SMP_OK) /* by our check, before stb reads the table */
            assert_string_equal(smp_last_error(), "tables.jpg: corrupt JPEG header");
        smp_image_destroy(image);
        free(data);
    }
}

/* A scan that uses a Huffman table no segment defined would have stb decode whatever memory holds. */
static void scan_with_undefined_huffman_table_refused(void **state) {
    (void)state;
    size_t size;
    uint8_t *data = read_whole_file(fixture_path("cmyk.jpg"), &size);
    size_t removed = 0;
    for (size_t at = 2; at + 4 < size && data[at + 1] != 0xDA;) { /* drop every DHT segment before the scan */
        size_t length = 2 + (size_t)(data[at + 2] << 8 | data[at + 3]);
        if (data[at + 1] != 0xC4) {
            at += length;
            continue;
        }
        memmove(data + at, data + at + length, size - at - length);
        size -= length;
        removed++;
    }
    assert_true(removed > 0);
    smp_image *image = NULL;
    assert_int_equal(load_bytes(data, size, "notables.jpg", &image), SMP_ERR_FORMAT);
    assert_string_equal(smp_last_error(), "notables.jpg: corrupt JPEG header");
    free(data);
}

static void srgb_tables_round_trip(void **state) {
    (void)state;
    for (int v = 0; v < 256; v++) assert_int_equal(smp_linear_to_srgb(smp_srgb_to_linear((uint8_t)v)), v);
    for (int v = 1; v < 256; v++) assert_true(smp_srgb_to_linear((uint8_t)v) > smp_srgb_to_linear((uint8_t)(v - 1)));
    assert_near(smp_srgb_to_linear(0), 0.0f, 0.0f);
    assert_near(smp_srgb_to_linear(255), 1.0f, 1e-7f);
    assert_near(smp_srgb_to_linear(128), 0.2158605f, 1e-6f);
    assert_int_equal(smp_linear_to_srgb(0.5f), 188);
    assert_int_equal(smp_linear_to_srgb(-3.0f), 0);
    assert_int_equal(smp_linear_to_srgb(7.0f), 255);
    assert_int_equal(smp_linear_to_srgb(NAN), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(create_and_destroy),
        cmocka_unit_test(status_names),
        cmocka_unit_test(orientation_matches_exif_meaning),
        cmocka_unit_test(orientation_round_trip),
        cmocka_unit_test(exif_orientation_applied_on_load),
        cmocka_unit_test(png_16_bit_rounds_to_8),
        cmocka_unit_test(grey_16_bit),
        cmocka_unit_test(grey_and_alpha),
        cmocka_unit_test(rgba_bmp_tga_agree),
        cmocka_unit_test(cmyk_jpeg_loads_in_colour),
        cmocka_unit_test(four_channel_jpeg_without_adobe_marker_refused),
        cmocka_unit_test(pixel_cap_refuses_before_decoding),
        cmocka_unit_test(truncated_files_refused),
        cmocka_unit_test(not_images_refused),
        cmocka_unit_test(corrupt_jpeg_gives_decoder_reason),
        cmocka_unit_test(huffman_table_over_256_codes_refused),
        cmocka_unit_test(scan_with_undefined_huffman_table_refused),
        cmocka_unit_test(srgb_tables_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
