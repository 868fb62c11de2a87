/* test_support.c: helpers the cmocka suites share. */
#define _XOPEN_SOURCE 700
#include "test_support.h"

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *fixture_path(const char *name) {
    static _Thread_local char path[4096];
    snprintf(path, sizeof path, "%s/%s", SMP_TEST_DATA_DIR, name);
    return path;
}

const char *real_photo_path(const char *name) {
    static _Thread_local char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/real", SMP_TESTDATA_DIR);
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) return NULL;
    snprintf(path, sizeof path, "%s/real/%s", SMP_TESTDATA_DIR, name);
    return path;
}

uint8_t *read_whole_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *size = (size_t)n;
    return data;
}

char *make_temp_folder(void) {
    char *path = strdup("/tmp/smp-test-XXXXXX");
    assert_non_null(mkdtemp(path));
    return path;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

void remove_folder(char *path) {
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(path);
}

smp_image *make_pattern(int width, int height) {
    smp_image *image = smp_image_create(width, height);
    assert_non_null(image);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            uint8_t *p = pixel_at(image, x, y);
            p[0] = (uint8_t)x;
            p[1] = (uint8_t)y;
            p[2] = (uint8_t)((x ^ y) * 7);
            p[3] = 255;
        }
    return image;
}

int images_equal(const smp_image *a, const smp_image *b) {
    if (a->width != b->width || a->height != b->height) return 0;
    for (int y = 0; y < a->height; y++)
        if (memcmp(a->pixels + (size_t)y * a->stride, b->pixels + (size_t)y * b->stride, (size_t)a->width * 4))
            return 0;
    return 1;
}
