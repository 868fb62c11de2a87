/* bench_limits.c SMP [MEGAPIXELS]: the peak memory of smp render on the largest photo it accepts
 * (150 megapixels by default), as a clinic would run it: the after as JPEG, then the after as PNG with
 * the before/after sheet (twice the photo's width). It writes a photo of that size (3:2, skin tones
 * with fine texture, JPEG) and a treatment mask into a temporary folder, runs SMP on them and reads
 * each run's peak resident memory from the kernel (getrusage of the waited child). */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "smp/smp.h"

static smp_image *make_photo(int width, int height) {
    smp_image *photo = smp_image_create(width, height);
    if (!photo) return NULL;
    for (int y = 0; y < height; y++) {
        uint8_t *row = photo->pixels + (size_t)y * photo->stride;
        for (int x = 0; x < width; x++) {
            double v = 0.55 + 0.2 * sin(x * 0.004) * cos(y * 0.005) + 0.08 * (double)((x * 7 + y * 13) % 17) / 17.0;
            row[4 * x] = (uint8_t)(210 * v + 25), row[4 * x + 1] = (uint8_t)(165 * v + 20);
            row[4 * x + 2] = (uint8_t)(135 * v + 15), row[4 * x + 3] = 255;
        }
    }
    return photo;
}

/* A white ellipse on black, a tenth of the photo's size. */
static smp_image *make_mask(int width, int height) {
    smp_image *mask = smp_image_create(width, height);
    if (!mask) return NULL;
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            double dx = (x - width / 2.0) / (width / 3.0), dy = (y - height / 2.0) / (height / 2.8);
            uint8_t v = dx * dx + dy * dy < 1 ? 255 : 0;
            memset(mask->pixels + (size_t)y * mask->stride + 4 * (size_t)x, v, 3);
            mask->pixels[(size_t)y * mask->stride + 4 * (size_t)x + 3] = 255;
        }
    return mask;
}

/* Runs argv; its wall time in *seconds; the peak resident memory of the children so far, in MB. */
static double run(char *const argv[], double *seconds) {
    struct timeval t0, t1;
    gettimeofday(&t0, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout)) _exit(127); /* smp names the files it wrote there */
        execv(argv[0], argv);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    gettimeofday(&t1, NULL);
    *seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_usec - t0.tv_usec) / 1e6;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench_limits: %s failed (status %d)\n", argv[0], status);
        exit(1);
    }
    struct rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    return (double)usage.ru_maxrss / 1024.0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_limits SMP [MEGAPIXELS]\n");
        return 2;
    }
    double megapixels = argc > 2 ? atof(argv[2]) : SMP_DEFAULT_MAX_MEGAPIXELS;
    int height = (int)sqrt(megapixels * 1e6 / 1.5), width = (int)(megapixels * 1e6 / height);
    char folder[] = "/tmp/smp-limits-XXXXXX", photo_path[64], mask_path[64], out[64], out_png[64], sheet[64];
    if (!mkdtemp(folder)) return 1;
    snprintf(photo_path, sizeof photo_path, "%s/photo.jpg", folder);
    snprintf(mask_path, sizeof mask_path, "%s/mask.png", folder);
    snprintf(out, sizeof out, "%s/after.jpg", folder);
    snprintf(out_png, sizeof out_png, "%s/after.png", folder);
    snprintf(sheet, sizeof sheet, "%s/sheet.jpg", folder);
    smp_image *photo = make_photo(width, height), *mask = make_mask(width / 10, height / 10);
    if (!photo || !mask || smp_image_save(photo, photo_path, NULL) != SMP_OK || smp_image_save(mask, mask_path, NULL) != SMP_OK) {
        fprintf(stderr, "bench_limits: %s\n", smp_last_error());
        return 1;
    }
    smp_image_destroy(photo);
    smp_image_destroy(mask);
    double pixels = (double)width * height, seconds;
    printf("photo: %dx%d (%.1f megapixels), scale 20 px/mm\n", width, height, pixels / 1e6);
    char *jpeg[] = {argv[1], "render", photo_path, "--mask", mask_path, "--px-per-mm", "20", "-o", out, "--quiet", NULL};
    double peak = run(jpeg, &seconds);
    printf("render_jpeg: %.1f s, peak %.0f MB, %.1f bytes a pixel\n", seconds, peak, peak * 1048576.0 / pixels);
    char *png[] = {argv[1], "render", photo_path, "--mask", mask_path, "--px-per-mm", "20", "-o", out_png,
                   "--before-after", sheet, "--quiet", NULL};
    peak = run(png, &seconds);
    printf("render_png_and_sheet: %.1f s, peak %.0f MB, %.1f bytes a pixel\n", seconds, peak, peak * 1048576.0 / pixels);
    const char *files[] = {photo_path, mask_path, out, out_png, sheet};
    for (int i = 0; i < 5; i++) remove(files[i]);
    rmdir(folder);
    return 0;
}
