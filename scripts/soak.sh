#!/usr/bin/env bash
# soak.sh [EVENTS] [--seed N] [--studio PATH] [--sanitizer-build]: smp-studio under Xvfb plays EVENTS (default 20000) random
# but valid input events on a copy of the sample client's photo and mask (so saving, autosave and
# mask import have a folder to work in), with a random seed unless given; it prints the seed, the
# memory in use and the step times. It fails when the studio fails, when its memory grows by more than
# 10% + 32 MB after warm-up (a tour of every view and tool, then the first quarter of the events),
# or when any step takes over 5 s. Without --studio
# it builds a Release smp-studio first. ctest runs it with 4000 events (and, in the sanitizer build, with
# --sanitizer-build: AddressSanitizer holds freed memory in quarantine and runs 3-5x slower, so the
# memory is not judged and a step may take 20 s).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
events=20000 seed=() studio="" memory_checked=1 slowest_allowed=5000
while [ $# -gt 0 ]; do
    case "$1" in
    --seed) seed=(--seed "$2"); shift 2 ;;
    --studio) studio=$2; shift 2 ;;
    --sanitizer-build) memory_checked=0 slowest_allowed=20000; shift ;; # quarantined memory, 3-5x slower
    *[!0-9]* | '') echo "usage: scripts/soak.sh [EVENTS] [--seed N] [--studio PATH] [--sanitizer-build]" >&2; exit 2 ;;
    *) events=$1; shift ;;
    esac
done
if [ -z "$studio" ]; then
    "$root/scripts/deps.sh"
    cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release -DSMP_BUILD_TESTS=OFF >/dev/null
    cmake --build "$root/build/release" --parallel "$(nproc)" --target smp-studio
    studio=$root/build/release/src/studio/smp-studio
fi
if ! command -v xvfb-run >/dev/null; then
    echo "skipped: xvfb-run is absent (./scripts/deps.sh installs xvfb)"
    exit 77
fi
# Under AddressSanitizer leak checks stay off for the studio, as in tests/studio.sh: libdbus and Mesa
# keep allocations to the end. Every access is still checked.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/assets/sample_client/photo.jpg" "$root/assets/sample_client/treatment_mask.png" "$work/"
cd "$work"
echo "soak.sh: $events events on $work/photo.jpg"
xvfb-run -a -s "-screen 0 1920x1080x24" "$studio" photo.jpg --mask treatment_mask.png --size 1280x800 \
    --soak "$events" "${seed[@]}" >report.txt 2>messages.txt || {
    cat report.txt; tail -20 messages.txt; echo "soak.sh: the studio failed" >&2; exit 1; }
cat report.txt
grep '^soak: ' messages.txt | awk 'NR % 8 == 0' # the memory every 4000 events
echo "soak.sh: $(grep -vc '^soak: ' messages.txt) messages on the status line and stderr (refused input), the last:"
grep -v '^soak: ' messages.txt | tail -3
value() { sed -n "s/^$1: //p" report.txt; }
awk -v warm="$(value soak_rss_mb_after_warmup)" -v most="$(value soak_rss_mb_max)" -v slowest="$(value soak_step_ms_max)" \
    -v checked="$memory_checked" -v allowed="$slowest_allowed" '
    BEGIN {
        grew = most - warm
        printf "soak.sh: memory after warm-up %.1f MB, at most %.1f MB after (%+.1f MB); slowest step %.0f ms\n", warm, most, grew, slowest
        if (checked && grew > 0.10 * warm + 32) { print "soak.sh: the memory kept growing" > "/dev/stderr"; exit 1 }
        if (slowest > allowed) { printf "soak.sh: a step took over %d ms\n", allowed > "/dev/stderr"; exit 1 }
    }'
echo "soak.sh: passed"
