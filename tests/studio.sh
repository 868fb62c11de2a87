#!/usr/bin/env bash
# studio.sh STUDIO TEST_STUDIO SMP SAMPLE_DIR: smp-studio under Xvfb (Mesa's software OpenGL): screenshots
# of the sample client checked against the engine's renders, scripts, saving a consultation, bad input.
set -u
STUDIO=$1
TEST=$2
CLI=$3
S=$(cd "$4" && pwd)
. "$(dirname "$0")/cli_harness.sh"
if ! command -v Xvfb >/dev/null; then
    echo "skipped: Xvfb is absent (./scripts/deps.sh installs xvfb)"
    exit 77
fi
tmp=$(mktemp -d)
# One X server for the whole suite, on a display number it picks itself (-displayfd), so runs in
# parallel never collide.
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || { echo "Xvfb did not start:"; cat "$tmp/xvfb.log"; exit 1; }
export DISPLAY=":$(cat "$tmp/display")"
SMP=studio # expect runs "$SMP": the studio
# In the sanitizer build, leak checks stay off for the studio alone: libdbus and Mesa's driver (unloaded
# at exit, so its frames cannot be named or suppressed) keep allocations to the end. ASan still checks
# every access, and test_studio checks the view code under LeakSanitizer.
not() { ! "$@"; }
studio() {
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$STUDIO" "$@"
}

check "a screenshot of the sample client" studio --screenshot "$tmp/shot.png" --size 1280x800
printf 'key space\nscreenshot %s\nkey m\nscreenshot %s\nkey s\n' "$tmp/after.png" "$tmp/mirrored.png" >"$tmp/mirror.txt"
check "the after alone, mirrored, side by side" studio --script "$tmp/mirror.txt" --screenshot "$tmp/sbs.png" \
    --size 1280x800
check "its halves are the engine's before and after; mirrored is the after flipped" \
    "$TEST" "$tmp/shot.png" "$tmp/after.png" "$tmp/mirrored.png"
check "side by side is another picture" not cmp -s "$tmp/sbs.png" "$tmp/mirrored.png"
expect 2 "--size: '10x10' is not WxH" -- --size 10x10 --screenshot "$tmp/x.png"
expect 2 "unknown argument '--colour'" -- --colour
expect 3 "nothing.json: cannot open" -- --project "$tmp/nothing.json"
expect 4 "/proc/x/shot.png" -- --screenshot /proc/x/shot.png --size 640x480
check "nothing half-written" test ! -e "$tmp/x.png"

cat >"$tmp/edit.txt" <<SCRIPT
# styles, a zoom about the cursor, the divider dragged, the toggle
set density 180
set hairline sharp
screenshot $tmp/dense.png
move 640 560
wheel 3
drag 640 300 400 300   # the divider, to the left
wait 2
set age 5y
screenshot $tmp/zoomed.png
key space
SCRIPT
check "a script plays" studio --script "$tmp/edit.txt" --screenshot "$tmp/after-only.png" --size 1280x800
check "and saves a screenshot at each step that asks" test -s "$tmp/dense.png" -a -s "$tmp/zoomed.png"
check "a denser, sharper design is another picture" not cmp -s "$tmp/dense.png" "$tmp/shot.png"
check "the zoom and the toggle show" not cmp -s "$tmp/zoomed.png" "$tmp/after-only.png"
printf 'wait 1\njump 3\n' >"$tmp/jump.txt"
expect 3 "jump.txt:2: unknown step 'jump'" -- --script "$tmp/jump.txt"
printf 'set density 999\n' >"$tmp/dense.txt"
expect 3 "dense.txt:1: .*999 is outside" -- --script "$tmp/dense.txt"
printf 'wait 0\n' >"$tmp/wait.txt"
expect 3 "wait.txt:1: wait: 0 frames is not 1-600" -- --script "$tmp/wait.txt"
printf 'drag 1 2 3\n' >"$tmp/drag.txt"
expect 3 "drag.txt:1: not 'drag X1 Y1 X2 Y2'" -- --script "$tmp/drag.txt"
printf 'wheel nan\n' >"$tmp/nan.txt"
expect 3 "nan.txt:1: wheel: nan is not a number within \+-100000" -- --script "$tmp/nan.txt"
printf 'drag 1e20 1 2 3\n' >"$tmp/far.txt"
expect 3 "far.txt:1: drag: 1e\+20 is not a number within" -- --script "$tmp/far.txt"
expect 3 "none.txt: cannot open the script" -- --script "$tmp/none.txt"
printf 'move 800 300\npress l\nscreenshot %s\nrelease l\n' "$tmp/loupe.png" >"$tmp/loupe.txt"
check "the loupe while L is held" studio --script "$tmp/loupe.txt" --screenshot "$tmp/released.png" --size 1280x800
check "shows" not cmp -s "$tmp/loupe.png" "$tmp/shot.png"
check "and goes when L is let go" cmp -s "$tmp/released.png" "$tmp/shot.png"
printf 'key ]\nkey a\nscreenshot %s\nkey ctrl+z\nkey ctrl+z\nscreenshot %s\nkey ctrl+y\nkey ctrl+y\n' \
    "$tmp/edited.png" "$tmp/undone.png" >"$tmp/undo.txt"
check "undo and redo" studio --script "$tmp/undo.txt" --screenshot "$tmp/redone.png" --size 1280x800
check "an edit shows" not cmp -s "$tmp/edited.png" "$tmp/shot.png"
check "undoing both gives the first picture back" cmp -s "$tmp/undone.png" "$tmp/shot.png"
check "redoing both gives the edited one" cmp -s "$tmp/redone.png" "$tmp/edited.png"
printf 'key p\nscreenshot %s\nkey F1\nscreenshot %s\nkey escape\n' "$tmp/plan.png" "$tmp/help.png" >"$tmp/panels.txt"
check "the plan and help panels" studio --script "$tmp/panels.txt" --screenshot "$tmp/closed.png" --size 1280x800
check "show" not cmp -s "$tmp/plan.png" "$tmp/shot.png"
check "one at a time" not cmp -s "$tmp/help.png" "$tmp/plan.png"
check "and Esc closes them" cmp -s "$tmp/closed.png" "$tmp/shot.png"
expect 0 "F1 or \?  +this help" -- --help
printf 'key ]\nkey ]\nkey h\nkey a\nscreenshot %s\n' "$tmp/keys.png" >"$tmp/keys.txt"
for i in $(seq 20); do echo 'key ]'; done >"$tmp/dense-keys.txt"
check "the style shortcuts change the after" studio --script "$tmp/keys.txt" --size 1280x800
check "and show" not cmp -s "$tmp/keys.png" "$tmp/shot.png"
expect 0 "density: 310 is outside 10-300 dots/cm2" -- --script "$tmp/dense-keys.txt" --size 640x480
expect 0 "size: 640x480.*frame_ms_median: [0-9.]+.*frame_ms_p95: [0-9.]+" -- --bench --size 640x480
expect 2 "--bench: plays its own sequence" -- --bench --script "$tmp/edit.txt"
cp "$S/photo.jpg" "$S/treatment_mask.png" "$S/blend_mask.png" "$tmp/"
cat >"$tmp/c.json" <<JSON
{"format": "smp-consultation", "version": 1, "photo": "photo.jpg", "calibration": {"px_per_mm": 8.2},
 "treatment": {"mask": "treatment_mask.png"}, "blend": {"mask": "blend_mask.png"},
 "variants": [{"name": "soft", "style": {"density": 150, "seed": "7"}}]}
JSON
printf 'key v\nscreenshot %s\nkey v\n' "$tmp/soft-sharp.png" >"$tmp/compare.txt"
check "V: soft against sharp on the sample client" studio --script "$tmp/compare.txt" --screenshot "$tmp/back.png" \
    --size 1280x800
check "shows another picture" not cmp -s "$tmp/soft-sharp.png" "$tmp/shot.png"
check "and V again goes back to before and after" cmp -s "$tmp/back.png" "$tmp/shot.png"
printf 'key ]\nkey ]\nkey ctrl+s\n' >"$tmp/save.txt"
check "Ctrl+S after two density steps" studio --project "$tmp/c.json" --script "$tmp/save.txt" --size 640x480
"$CLI" dots --project "$tmp/c.json" -o "$tmp/saved.csv" >/dev/null
"$CLI" dots "$tmp/photo.jpg" --mask "$tmp/treatment_mask.png" --blend-mask "$tmp/blend_mask.png" --px-per-mm 8.2 \
    --density 170 --seed 7 -o "$tmp/flags.csv" >/dev/null
check "saves density 170: the CLI places the same dots from the file as from the flags" \
    cmp -s "$tmp/saved.csv" "$tmp/flags.csv"
check "and leaves no temporary" test "$(ls "$tmp" | grep -c '\.tmp')" -eq 0
expect 0 "the sample client is built in; open a consultation file to save" -- --script "$tmp/save.txt" --size 640x480
printf 'key ctrl+e\nwait 2\n' >"$tmp/export.txt"
check "Ctrl+E exports while the preview goes on" studio --project "$tmp/c.json" --script "$tmp/export.txt" --size 640x480
"$CLI" render --project "$tmp/c.json" -o "$tmp/cli-after.png" --quiet >/dev/null
check "the exported after is the smp command's render, byte for byte" cmp -s "$tmp/c-export/after.png" "$tmp/cli-after.png"
check "with its before/after sheet" test -s "$tmp/c-export/before_after.png"
cp "$tmp/c.json" "$tmp/blocked.json"
touch "$tmp/blocked-export"
expect 4 "blocked-export/after.png" -- --project "$tmp/blocked.json" --script "$tmp/export.txt" --size 640x480
sed 's/"variants": \[/"variants": [{"name": "dense", "style": {"density": 250, "seed": "7"}}, /' "$tmp/c.json" >"$tmp/two.json"
printf 'key v\n' >"$tmp/v.txt"
check "V on a consultation with two variants" studio --project "$tmp/two.json" --script "$tmp/v.txt" \
    --screenshot "$tmp/two.png" --size 1280x800
check "compares them" not cmp -s "$tmp/two.png" "$tmp/shot.png"
finish
