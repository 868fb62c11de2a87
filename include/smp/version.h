/* smp/version.h: the version of libsmp. */
#ifndef SMP_VERSION_H
#define SMP_VERSION_H

#define SMP_VERSION_MAJOR 0
#define SMP_VERSION_MINOR 1
#define SMP_VERSION_PATCH 0
#define SMP_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/* The version the library was built as ("0.1.0"), which may differ from the
 * header a program was compiled with. Static string. */
const char *smp_version(void);

#ifdef __cplusplus
}
#endif
#endif
