/* smp/status.h: status codes and the per-thread error message of libsmp. */
#ifndef SMP_STATUS_H
#define SMP_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/* Every status libsmp returns, listed once: X(name, one-line meaning).
 * Front ends map them to exit codes; tests assert on the exact value. */
#define SMP_STATUS_LIST(X)                                                        \
    X(SMP_OK, "ok")                                                               \
    X(SMP_ERR_INVALID_ARGUMENT, "invalid argument")                               \
    X(SMP_ERR_OUT_OF_MEMORY, "out of memory")                                     \
    X(SMP_ERR_READ, "cannot read the file")                                       \
    X(SMP_ERR_WRITE, "cannot write the file")                                     \
    X(SMP_ERR_FORMAT, "unsupported or corrupt data")                              \
    X(SMP_ERR_TRUNCATED, "the data ends early")                                   \
    X(SMP_ERR_TOO_LARGE, "exceeds a size limit")                                  \
    X(SMP_ERR_MISMATCH, "inputs do not fit together")

typedef enum smp_status {
#define SMP_STATUS_ENUM_(name, text) name,
    SMP_STATUS_LIST(SMP_STATUS_ENUM_)
#undef SMP_STATUS_ENUM_
    SMP_STATUS_COUNT_
} smp_status;

/* The enumerator's name ("SMP_ERR_FORMAT"), or "SMP_STATUS_UNKNOWN" for a value
 * outside the list. The string is static. Thread-safe. */
const char *smp_status_name(smp_status status);

/* The exit code the smp tools give a failure with this status: 2 for
 * SMP_ERR_INVALID_ARGUMENT (a usage error), 4 for SMP_ERR_WRITE (an output
 * cannot be written), 3 for the rest (bad input); 0 for SMP_OK. */
int smp_status_exit_code(smp_status status);

/* The one-line meaning of a status ("unsupported or corrupt data"). Static string. */
const char *smp_status_text(smp_status status);

/* The message of the last failed libsmp call on this thread: names the file or
 * argument and the reason, for example "scalp.jpg: truncated JPEG (data ends at
 * byte 5000 of an image that needs more)". Empty string when no call has failed.
 * The string belongs to the library and stays valid until the next failing call
 * on the same thread. Thread-safe (each thread has its own message). */
const char *smp_last_error(void);

/* Forget this thread's last error message. */
void smp_clear_error(void);

#ifdef __cplusplus
}
#endif
#endif
