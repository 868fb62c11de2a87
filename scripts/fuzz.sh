#!/usr/bin/env bash
# fuzz.sh SECONDS: builds the fuzz targets with clang's libFuzzer under ASan + UBSan and runs each for
# SECONDS, as many at once as there are cores. Each starts from its corpus in fuzz/corpus/NAME; inputs
# that reach new code are merged back into it, and every crash, timeout or out-of-memory input is saved
# there as crash-*, timeout-* or oom-*, so ctest replays it from then on. A summary line per target
# says how long it ran, how many inputs it tried and what it found. Exits 1 when anything was found.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-}
case "$seconds" in
'' | *[!0-9]*) echo "usage: scripts/fuzz.sh SECONDS   (each target's run time, e.g. 1800)" >&2; exit 2 ;;
esac
"$root/scripts/deps.sh" fuzz
targets=(image mask project script cli_args)
build="$root/build/fuzz"
CC=clang cmake -S "$root" -B "$build" -DSMP_FUZZ=ON -DSMP_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

fuzz_one() { # NAME: runs in an empty folder, so no file the fuzzer names can exist
    local name=$1 corpus="$root/fuzz/corpus/$1" work="$build/run/$1"
    rm -rf "$work" && mkdir -p "$work/new" && touch "$work/started"
    local dict=() && [ -f "$root/fuzz/$name.dict" ] && dict=(-dict="$root/fuzz/$name.dict")
    local start=$SECONDS
    (cd "$work" && OMP_NUM_THREADS=1 "$build/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=4096 -close_fd_mask=3 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -artifact_prefix="$corpus/" "${dict[@]}" new "$corpus" >log.txt 2>&1) || true
    local ran=$((SECONDS - start))
    (cd "$work" && "$build/fuzz/fuzz_$name" -merge=1 -close_fd_mask=3 "$corpus" new >merge.txt 2>&1) || true
    local found inputs
    found=$(find "$corpus" -newer "$work/started" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    inputs=$(grep -o '^#[0-9]*' "$work/log.txt" | tail -1 | tr -d '#')
    echo "fuzz.sh: $name: ran $ran s, ${inputs:-0} inputs, corpus $(ls "$corpus" | wc -l) inputs, found $found (log: $work/log.txt)"
    [ "$found" -eq 0 ]
}

status=0
pids=()
for name in "${targets[@]}"; do
    fuzz_one "$name" &
    pids+=($!)
    if [ ${#pids[@]} -ge "$(nproc)" ]; then
        wait "${pids[0]}" || status=1
        pids=("${pids[@]:1}")
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
