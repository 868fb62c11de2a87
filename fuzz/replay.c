/* replay.c: a fuzz target as a plain program. It runs LLVMFuzzerTestOneInput on every file named
 * and on every file in the folders named (in name order), so ctest replays the corpora, and every
 * crash the fuzzer once found, on any compiler and under the sanitizers or valgrind. */
#define _DEFAULT_SOURCE /* scandir, alphasort, DT_ */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads a whole file; NULL (with a message) when it cannot. */
static uint8_t *read_all(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *data = NULL;
    long length = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (length >= 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)length + 1)) != NULL &&
        fread(data, 1, (size_t)length, f) != (size_t)length) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *size = (size_t)length;
    return data;
}

static int replay_file(const char *path) {
    size_t size = 0;
    uint8_t *data = read_all(path, &size);
    if (!data) {
        fprintf(stderr, "replay: %s: cannot read\n", path);
        return 0;
    }
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 1;
}

/* Replays the files in a folder; the number replayed, or -1 when one cannot be read. */
static int replay_folder(const char *folder) {
    struct dirent **entries = NULL;
    int n = scandir(folder, &entries, NULL, alphasort), replayed = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        if (entries[i]->d_name[0] != '.' && snprintf(path, sizeof path, "%s/%s", folder, entries[i]->d_name) < (int)sizeof path)
            replayed = replayed < 0 || !replay_file(path) ? -1 : replayed + 1;
        free(entries[i]);
    }
    free(entries);
    return n < 0 ? -1 : replayed;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE_OR_FOLDER...  (runs the fuzz target on each input)\n", argv[0]);
        return 2;
    }
    int total = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        int n = stat(argv[i], &st) != 0 ? -1 : S_ISDIR(st.st_mode) ? replay_folder(argv[i]) : replay_file(argv[i]);
        if (n <= 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], n == 0 ? "no inputs in it" : "cannot read it all");
            return 1;
        }
        total += n;
    }
    printf("replay: %d inputs, no crash\n", total);
    return 0;
}
