/* test_save.c: PNG/JPEG writing, and that a failed save changes nothing. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

static char *join(const char *dir, const char *name) {
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static int count_entries(const char *dir) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))) n++;
    closedir(d);
    return n;
}

static void png_round_trip_is_exact(void **state) {
    (void)state;
    char *dir = make_temp_folder();
    smp_image *pattern = make_pattern(33, 17);
    assert_int_equal(smp_image_save(pattern, join(dir, "a.PNG"), NULL), SMP_OK);
    smp_image *back = NULL;
    smp_image_info info;
    assert_int_equal(smp_image_load(join(dir, "a.PNG"), NULL, &back, &info), SMP_OK);
    assert_int_equal(info.channels, 3); /* opaque images are written without alpha */
    assert_true(images_equal(pattern, back));
    smp_image_destroy(back);
    pixel_at(pattern, 3, 3)[3] = 10;
    assert_int_equal(smp_image_save(pattern, join(dir, "b.png"), NULL), SMP_OK);
    assert_int_equal(smp_image_load(join(dir, "b.png"), NULL, &back, &info), SMP_OK);
    assert_int_equal(info.channels, 4);
    assert_true(images_equal(pattern, back));
    smp_image_destroy(back);
    smp_image_destroy(pattern);
    assert_int_equal(count_entries(dir), 2);
    remove_folder(dir);
}

static void jpeg_quality_is_honoured(void **state) {
    (void)state;
    char *dir = make_temp_folder();
    smp_image *pattern = make_pattern(64, 64);
    assert_int_equal(smp_image_save(pattern, join(dir, "lo.jpg"), &(smp_save_settings){.jpeg_quality = 10}), SMP_OK);
    assert_int_equal(smp_image_save(pattern, join(dir, "hi.jpeg"), &(smp_save_settings){.jpeg_quality = 100}), SMP_OK);
    size_t lo, hi;
    free(read_whole_file(join(dir, "lo.jpg"), &lo));
    free(read_whole_file(join(dir, "hi.jpeg"), &hi));
    assert_true(hi > 2 * lo);
    assert_int_equal(smp_image_save(pattern, join(dir, "q.jpg"), &(smp_save_settings){.jpeg_quality = 101}),
                     SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_image_save(pattern, join(dir, "x.tiff"), NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_non_null(strstr(smp_last_error(), "x.tiff"));
    assert_int_equal(smp_image_save(pattern, join(dir, "noextension"), NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(count_entries(dir), 2);
    smp_image_destroy(pattern);
    remove_folder(dir);
}

static void unwritable_places_refused(void **state) {
    (void)state;
    smp_image *pattern = make_pattern(8, 8);
    assert_int_equal(smp_image_save(pattern, "/nonexistent-folder/x.png", NULL), SMP_ERR_WRITE);
    assert_non_null(strstr(smp_last_error(), "/nonexistent-folder/x.png"));
    char *dir = make_temp_folder();
    assert_int_equal(smp_image_save(pattern, dir, NULL), SMP_ERR_INVALID_ARGUMENT); /* a folder, no .png */
    char *sub = join(dir, "sub.png");
    assert_int_equal(mkdir(sub, 0700), 0); /* a folder named like an image: rename fails */
    assert_int_equal(smp_image_save(pattern, sub, NULL), SMP_ERR_WRITE);
    assert_int_equal(count_entries(dir), 1);
    remove_folder(dir);
    smp_image_destroy(pattern);
}

/* A save that runs out of room part-way (a file size limit, as on a full
 * disk) must leave the old file as it was and no temporary file behind. */
static void failed_save_keeps_old_file(void **state) {
    (void)state;
    char *dir = make_temp_folder();
    char target[512];
    snprintf(target, sizeof target, "%s", join(dir, "after.png"));
    smp_image *small = make_pattern(4, 4);
    assert_int_equal(smp_image_save(small, target, NULL), SMP_OK);
    size_t old_size;
    uint8_t *old = read_whole_file(target, &old_size);

    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit = {.rlim_cur = 4096, .rlim_max = 4096};
        setrlimit(RLIMIT_FSIZE, &limit);
        smp_image *big = make_pattern(512, 512); /* about 790 KB as PNG */
        smp_status status = smp_image_save(big, target, NULL);
        _exit(status == SMP_ERR_WRITE ? 0 : 1 + (int)status);
    }
    int wstatus = 0;
    assert_int_equal(waitpid(child, &wstatus, 0), child);
    assert_true(WIFEXITED(wstatus));
    assert_int_equal(WEXITSTATUS(wstatus), 0);

    size_t new_size;
    uint8_t *now = read_whole_file(target, &new_size);
    assert_int_equal(new_size, old_size);
    assert_memory_equal(now, old, old_size);
    assert_int_equal(count_entries(dir), 1);
    free(old);
    free(now);
    smp_image_destroy(small);
    remove_folder(dir);
}

static void invalid_images_refused(void **state) {
    (void)state;
    smp_image bad = {.width = 4, .height = 4, .stride = 8, .pixels = (uint8_t[64]){0}};
    assert_int_equal(smp_image_save(&bad, "/tmp/never.png", NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(smp_image_save(NULL, "/tmp/never.png", NULL), SMP_ERR_INVALID_ARGUMENT);
    assert_int_equal(access("/tmp/never.png", F_OK), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(png_round_trip_is_exact),
        cmocka_unit_test(jpeg_quality_is_honoured),
        cmocka_unit_test(unwritable_places_refused),
        cmocka_unit_test(failed_save_keeps_old_file),
        cmocka_unit_test(invalid_images_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
