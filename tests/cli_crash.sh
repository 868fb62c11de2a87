#!/usr/bin/env bash
# cli_crash.sh SMP SAMPLE_DIR: smp render stopped by real signals while it writes its output, over an
# older one: the output is the old file or the new one, never a part of one, and only SIGKILL (which
# cannot be caught) leaves the temporary file behind.
set -u
SMP=$1
S=$2
. "$(dirname "$0")/cli_harness.sh"
not() { ! "$@"; }
temporary_there() { compgen -G "$tmp/out.png.tmp-$1" >/dev/null; } # PID_PATTERN
design=("$S/photo.jpg" --mask "$S/treatment_mask.png" --px-per-mm 8.2 --quiet)
render() { "$SMP" render "${design[@]}" --density "$1" -o "$2"; } # DENSITY OUT
render 100 "$tmp/old.png" >/dev/null
render 200 "$tmp/new.png" >/dev/null
check "the two renders differ" not cmp -s "$tmp/old.png" "$tmp/new.png"


# Starts a render over out.png and sends SIGNAL as soon as its temporary file is there; sets pid.
stop_while_writing() {
    cp "$tmp/old.png" "$tmp/out.png"
    "$SMP" render "${design[@]}" --density 200 -o "$tmp/out.png" >/dev/null 2>&1 &
    pid=$! # smp's own, so the temporary file's name has it
    local i
    for i in $(seq 6000); do
        temporary_there "$pid-*" && break
        sleep 0.005
    done
    check "SIG$1 came while the output was being written" temporary_there "$pid-*"
    kill -s "$1" "$pid"
    wait "$pid" 2>/dev/null
}

# (SIGINT, Ctrl+C, is the same handler; a script's background job starts with it ignored.)
for signal in KILL TERM HUP; do
    stop_while_writing "$signal"
    check "stopped by SIG$signal mid-write, out.png is the old file, whole" cmp -s "$tmp/out.png" "$tmp/old.png"
    if [ "$signal" = KILL ]; then
        rm -f "$tmp"/out.png.tmp-*
    else
        check "and no temporary file is left (SIG$signal)" not temporary_there "*"
    fi
done
render 200 "$tmp/out.png" >/dev/null
check "a render left to finish writes the new file" cmp -s "$tmp/out.png" "$tmp/new.png"
finish
