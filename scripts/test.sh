#!/usr/bin/env bash
# test.sh: installs what is missing, builds, runs the whole ctest suite (with the CLI suites and the
# fuzz corpora also under valgrind's memcheck), then again under ASan + UBSan. The first build runs the
# renderer's x86-64-v3 clones where the CPU has AVX2, the second only the code for any x86-64: both must
# give the golden hashes.
# Warnings are errors when CI is set. Exits non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
werror=OFF
[ -n "${CI:-}" ] && werror=ON
jobs=$(nproc)

run_suite() { # NAME, then extra cmake flags
    local name=$1
    shift
    local build="$root/build/$name"
    echo "== test.sh: $name build"
    cmake -S "$root" -B "$build" -DSMP_WERROR="$werror" "$@" >/dev/null
    cmake --build "$build" --parallel "$jobs"
    echo "== test.sh: $name tests"
    (cd "$build" && ctest --output-on-failure --parallel "$jobs")
}

run_suite debug -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSMP_MEMCHECK=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite sanitize -DCMAKE_BUILD_TYPE=Debug -DSMP_SANITIZE=ON -DSMP_CPU_CLONES=OFF
echo "== test.sh: all suites passed"
