/* atomic_file.c: writing a file so that it is either complete or not there (temporary file, fsync, rename). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct smp_sink {
    int fd;
    int error; /* errno of the first failed write, 0 while all is well */
    size_t used;
    uint8_t buffer[1 << 16];
};

static void flush(smp_sink *s) {
    const uint8_t *bytes = s->buffer;
    size_t left = s->used;
    while (!s->error && left > 0) {
        ssize_t n = write(s->fd, bytes, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            s->error = n < 0 ? errno : ENOSPC;
            break;
        }
        bytes += n;
        left -= (size_t)n;
    }
    s->used = 0;
}

void smp_sink_write(smp_sink *s, const void *data, size_t size) {
    const uint8_t *bytes = data;
    while (size > 0 && !s->error) {
        size_t room = sizeof s->buffer - s->used, n = size < room ? size : room;
        memcpy(s->buffer + s->used, bytes, n);
        s->used += n, bytes += n, size -= n;
        if (s->used == sizeof s->buffer) flush(s);
    }
}

/* The temporary files being written, for smp_remove_temporary_files, which signal handlers call: a
 * slot is marked ready only once its path is complete, and free again only after the file was
 * renamed or removed. More writers at once than slots are not listed (and not cleaned up). */
enum { SLOT_FREE, SLOT_FILLING, SLOT_READY, TEMPORARY_SLOTS = 16 };
static char temporary_paths[TEMPORARY_SLOTS][4096];
static atomic_int temporary_slots[TEMPORARY_SLOTS];

static int list_temporary(const char *tmp) {
    for (int i = 0; i < TEMPORARY_SLOTS; i++) {
        int expected = SLOT_FREE;
        if (!atomic_compare_exchange_strong(&temporary_slots[i], &expected, SLOT_FILLING)) continue;
        snprintf(temporary_paths[i], sizeof temporary_paths[i], "%s", tmp);
        atomic_store(&temporary_slots[i], SLOT_READY);
        return i;
    }
    return -1;
}

static void unlist_temporary(int slot) {
    if (slot >= 0) atomic_store(&temporary_slots[slot], SLOT_FREE);
}

void smp_remove_temporary_files(void) {
    for (int i = 0; i < TEMPORARY_SLOTS; i++)
        if (atomic_load(&temporary_slots[i]) == SLOT_READY) unlink(temporary_paths[i]);
}

/* A name in the destination's folder that no other writer, in this process
 * or another, is using at the same moment. */
static int open_temporary(const char *path, char *tmp, size_t tmp_size) {
    static atomic_uint counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned n = atomic_fetch_add(&counter, 1u);
        int len = snprintf(tmp, tmp_size, "%s.tmp-%ld-%u", path, (long)getpid(), n);
        if (len < 0 || (size_t)len >= tmp_size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

/* Makes the rename itself durable; a folder that cannot be synced is not an error. */
static void sync_folder(const char *path) {
    char folder[4096] = ".";
    const char *slash = strrchr(path, '/');
    if (slash == path) {
        strcpy(folder, "/");
    } else if (slash) {
        size_t len = (size_t)(slash - path);
        if (len >= sizeof folder) return;
        memcpy(folder, path, len);
        folder[len] = '\0';
    }
    int fd = open(folder, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

smp_status smp_write_atomically(const char *path, smp_produce_fn produce, const void *context) {
    smp_sink *sink = malloc(sizeof *sink); /* 64 KiB: too much for some threads' stacks */
    if (!sink) return smp_fail(SMP_ERR_OUT_OF_MEMORY, "%s: out of memory", path);
    char tmp[4096];
    *sink = (smp_sink){.fd = open_temporary(path, tmp, sizeof tmp)};
    if (sink->fd < 0) {
        free(sink);
        return smp_fail(SMP_ERR_WRITE, "%s: cannot create a file there (%s)", path, strerror(errno));
    }
    int slot = list_temporary(tmp);
    smp_status produced = produce(sink, context);
    if (produced == SMP_OK) flush(sink);
    if (produced == SMP_OK && !sink->error && fsync(sink->fd) != 0) sink->error = errno;
    if (close(sink->fd) != 0 && !sink->error) sink->error = errno;
    if (produced == SMP_OK && !sink->error && rename(tmp, path) != 0) sink->error = errno;
    int error = sink->error;
    free(sink);
    if (produced != SMP_OK || error) unlink(tmp);
    unlist_temporary(slot);
    if (produced != SMP_OK || error) {
        if (produced != SMP_OK) return produced;
        return smp_fail(SMP_ERR_WRITE, "%s: cannot write (%s); nothing was changed", path, strerror(error));
    }
    sync_folder(path);
    return SMP_OK;
}
