#!/usr/bin/env bash
# memcheck.sh ARGS...: $MEMCHECK_PROGRAM ARGS under valgrind's memcheck, standing in for the program in
# a suite. Any invalid access, use of uninitialised memory or definite or indirect leak makes it exit
# 99 (which no suite expects) with valgrind's report on stderr. Threads' stacks that libgomp keeps to
# the end are "possibly lost", not leaks, and are not shown.
exec valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "$MEMCHECK_PROGRAM" "$@"
