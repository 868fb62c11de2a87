#!/usr/bin/env bash
# studio.sh STUDIO TEST_STUDIO: smp-studio under Xvfb (Mesa's software OpenGL): a screenshot of the
# sample client checked against the engine's renders, and bad arguments.
set -u
STUDIO=$1
TEST=$2
. "$(dirname "$0")/cli_harness.sh"
if ! command -v xvfb-run >/dev/null; then
    echo "skipped: xvfb-run is absent (./scripts/deps.sh installs xvfb)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SMP=studio # expect runs "$SMP": the studio under Xvfb
# In the sanitizer build, leak checks stay off for the studio alone: libdbus and Mesa's driver (unloaded
# at exit, so its frames cannot be named or suppressed) keep allocations to the end. ASan still checks
# every access, and test_studio checks the view code under LeakSanitizer.
studio() {
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" xvfb-run -a -s "-screen 0 1920x1080x24" "$STUDIO" "$@"
}

check "a screenshot of the sample client" studio --screenshot "$tmp/shot.png" --size 1280x800
check "its halves are the engine's before and after" "$TEST" "$tmp/shot.png"
expect 2 "--size: '10x10' is not WxH" -- --size 10x10 --screenshot "$tmp/x.png"
expect 2 "unknown argument '--colour'" -- --colour
expect 3 "nothing.json: cannot open" -- --project "$tmp/nothing.json"
expect 4 "/proc/x/shot.png" -- --screenshot /proc/x/shot.png --size 640x480
check "nothing half-written" test ! -e "$tmp/x.png"
finish
