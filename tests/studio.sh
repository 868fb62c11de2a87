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
check "a full-screen 4K window" studio --screenshot "$tmp/4k.png" --size 3840x2160
is_4k() { "$CLI" info "$1" | grep -q "^size: 3840x2160"; }
check "its screenshot is 4K" is_4k "$tmp/4k.png"
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
# bad_script NAME TEXT MESSAGE: a script NAME.txt holding TEXT is refused (exit 3) with MESSAGE.
bad_script() {
    printf "$2" >"$tmp/$1.txt"
    expect 3 "$1.txt:$3" -- --script "$tmp/$1.txt"
}
bad_script jump 'wait 1\njump 3\n' "2: unknown step 'jump'"
bad_script dense 'set density 999\n' "1: .*999 is outside"
bad_script wait 'wait 0\n' "1: wait: 0 frames is not 1-600"
bad_script drag 'drag 1 2 3\n' "1: not 'drag X1 Y1 X2 Y2'"
bad_script nan 'wheel nan\n' "1: wheel: nan is not a number within \+-100000"
bad_script far 'drag 1e20 1 2 3\n' "1: drag: 1e\+20 is not a number within"
expect 3 "none.txt: cannot open the script" -- --script "$tmp/none.txt"
printf 'move 800 300\npress l\nscreenshot %s\nrelease l\n' "$tmp/loupe.png" >"$tmp/loupe.txt"
check "the loupe while L is held" studio --script "$tmp/loupe.txt" --screenshot "$tmp/released.png" --size 1280x800
check "shows" not cmp -s "$tmp/loupe.png" "$tmp/shot.png"
check "and goes when L is let go" cmp -s "$tmp/released.png" "$tmp/shot.png"
printf 'move 640 400\nwheel 3\ndrag 300 300 500 450\nkey f\n' >"$tmp/refit.txt"
check "zoomed in, panned and fitted again" studio --script "$tmp/refit.txt" --screenshot "$tmp/refit.png" --size 1280x800
check "shows the first picture again" cmp -s "$tmp/refit.png" "$tmp/shot.png"
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
expect 0 "size: 640x480.*style_change_ms_median: [0-9.]+.*edit_ms_median: [0-9.]+.*frame_ms_median: [0-9.]+.*frame_ms_p95: [0-9.]+" -- --bench --size 640x480
expect 2 "--bench: plays its own sequence" -- --bench --script "$tmp/edit.txt"
cp "$S/photo.jpg" "$S/treatment_mask.png" "$S/blend_mask.png" "$tmp/"
cat >"$tmp/c.json" <<JSON
{"format": "smp-consultation", "version": 1, "photo": "photo.jpg", "calibration": {"px_per_mm": 8.2},
 "treatment": {"mask": "treatment_mask.png"}, "blend": {"mask": "blend_mask.png"},
 "variants": [{"name": "soft", "style": {"density": 150, "seed": "7"}}]}
JSON
expect 0 "frame_ms_p95: [0-9.]+" -- --project "$tmp/c.json" --bench --size 640x480
check "the benchmark's edits are not autosaved" not test -e "$tmp/c.autosave.json"
sed 's/"density": 150/"density": 290/' "$tmp/c.json" >"$tmp/dense.json" # its sweep must stay within 10-300
expect 0 "frame_ms_p95: [0-9.]+" -- --project "$tmp/dense.json" --bench --size 640x480
printf 'key v\nscreenshot %s\nkey v\n' "$tmp/soft-sharp.png" >"$tmp/compare.txt"
check "V: soft against sharp on the sample client" studio --script "$tmp/compare.txt" --screenshot "$tmp/back.png" \
    --size 1280x800
check "shows another picture" not cmp -s "$tmp/soft-sharp.png" "$tmp/shot.png"
check "and V again goes back to before and after" cmp -s "$tmp/back.png" "$tmp/shot.png"
# A brush stroke with soft against sharp open: the other design takes the first's new masks
# (smp_design_set_masks_like) and must show what it would were it made afresh after the stroke.
printf 'key v\nkey b\ndrag 430 560 560 600\n' >"$tmp/compare-stroke.txt"
printf 'key b\ndrag 430 560 560 600\nkey v\n' >"$tmp/stroke-compare.txt"
check "a brush stroke with soft against sharp open" studio --script "$tmp/compare-stroke.txt" \
    --screenshot "$tmp/compare-stroke.png" --size 1280x800
studio --script "$tmp/stroke-compare.txt" --screenshot "$tmp/stroke-compare.png" --size 1280x800 >/dev/null
check "shows both designs as when the comparison opens after the stroke" \
    cmp -s "$tmp/compare-stroke.png" "$tmp/stroke-compare.png"
printf 'key v\nkey b\n' >"$tmp/compare-brush.txt"
studio --script "$tmp/compare-brush.txt" --screenshot "$tmp/compare-brush.png" --size 1280x800 >/dev/null
check "which shows the stroke" not cmp -s "$tmp/compare-stroke.png" "$tmp/compare-brush.png"
printf 'key ]\nkey ]\nkey ctrl+s\n' >"$tmp/save.txt"
check "Ctrl+S after two density steps" studio --project "$tmp/c.json" --script "$tmp/save.txt" --size 640x480
"$CLI" dots --project "$tmp/c.json" -o "$tmp/saved.csv" >/dev/null
"$CLI" dots "$tmp/photo.jpg" --mask "$tmp/treatment_mask.png" --blend-mask "$tmp/blend_mask.png" --px-per-mm 8.2 \
    --density 170 --seed 7 -o "$tmp/flags.csv" >/dev/null
check "saves density 170: the CLI places the same dots from the file as from the flags" \
    cmp -s "$tmp/saved.csv" "$tmp/flags.csv"
check "and leaves no temporary" test "$(ls "$tmp" | grep -c '\.tmp')" -eq 0
check "nor an autosave once saved" test ! -e "$tmp/c.autosave.json"
expect 0 "the sample client is built in; open a consultation file to save" -- --script "$tmp/save.txt" --size 640x480
printf 'key ctrl+e\nwait 2\n' >"$tmp/export.txt"
check "Ctrl+E exports while the preview goes on" studio --project "$tmp/c.json" --script "$tmp/export.txt" --size 640x480
"$CLI" render --project "$tmp/c.json" -o "$tmp/cli-after.png" --quiet >/dev/null
check "the exported after is the smp command's render, byte for byte" cmp -s "$tmp/c-export/after.png" "$tmp/cli-after.png"
check "with its before/after sheet" test -s "$tmp/c-export/before_after.png"
width() { "$CLI" info "$1" | sed -n 's/^size: \([0-9]*\)x.*/\1/p'; }
check "and the variants sheet: before, soft and sharp, a cell wider" \
    test "$(width "$tmp/c-export/variants.png")" -gt "$(width "$tmp/c-export/before_after.png")"
# Killed (SIGKILL) while an export after an edit is writing: each exported file is whole and the old
# one, and the autosave brings the edit back.
cp -r "$tmp/c-export" "$tmp/old-export"
cp "$tmp/c.json" "$tmp/saved-c.json"
printf 'key ]\nkey ctrl+e\nwait 600\n' >"$tmp/edit-export.txt"
"$STUDIO" --project "$tmp/c.json" --script "$tmp/edit-export.txt" --size 640x480 >/dev/null 2>&1 &
studio_pid=$!
for _ in $(seq 6000); do compgen -G "$tmp/c-export/*.tmp-*" >/dev/null && break; sleep 0.005; done
written=$(compgen -G "$tmp/c-export/*.tmp-*")
kill -KILL "$studio_pid"
wait "$studio_pid" 2>/dev/null
check "killed while the export wrote ${written##*/}" test -n "$written"
for f in after before_after variants; do
    check "$f.png is whole: the old one or the new one" \
        bash -c "cmp -s '$tmp/c-export/$f.png' '$tmp/old-export/$f.png' || [ -n \"\$('$CLI' info '$tmp/c-export/$f.png' 2>/dev/null)\" ]"
done
rm -f "$tmp"/c-export/*.tmp-*
check "the consultation file is as saved" cmp -s "$tmp/c.json" "$tmp/saved-c.json"
printf 'key r\nkey ctrl+s\n' >"$tmp/restore-c.txt"
check "the next start restores the edit" studio --project "$tmp/c.json" --script "$tmp/restore-c.txt" --size 640x480
check "(density 180 saved)" grep -Eq '"density":[[:space:]]*180,' "$tmp/c.json"
cp "$tmp/saved-c.json" "$tmp/c.json"
cp "$tmp/c.json" "$tmp/blocked.json"
touch "$tmp/blocked-export"
expect 4 "blocked-export/after.png" -- --project "$tmp/blocked.json" --script "$tmp/export.txt" --size 640x480
sed 's/"variants": \[/"variants": [{"name": "dense", "style": {"density": 250, "seed": "7"}}, /' "$tmp/c.json" >"$tmp/two.json"
printf 'key v\n' >"$tmp/v.txt"
check "V on a consultation with two variants" studio --project "$tmp/two.json" --script "$tmp/v.txt" \
    --screenshot "$tmp/two.png" --size 1280x800
check "compares them" not cmp -s "$tmp/two.png" "$tmp/shot.png"
# Editing the outline. At --size 1200x900 the 2400x1800 photo fits at zoom 0.5 exactly: a window point is
# half the photo pixel, so where a dragged point lands is known to the last bit.
outline='[[800, 400], [1300, 300], [1600, 400], [1700, 900], [1200, 1100], [700, 900]]'
moved='[[800, 400], [1300, 300], [1600, 400], [1800, 1000], [1200, 1100], [700, 900]]'
consultation() {
    printf '{"format": "smp-consultation", "version": 1, "photo": "photo.jpg", "calibration": {"px_per_mm": 8.2},
 "treatment": {"outline": %s}, "variants": [{"name": "soft", "style": {"seed": "7"}}]}\n' "$1"
}
# same_dots A.json B.json: the CLI places the same dots from both consultations.
same_dots() {
    "$CLI" dots --project "$1" -o "$1.csv" >/dev/null && "$CLI" dots --project "$2" -o "$2.csv" >/dev/null &&
        cmp -s "$1.csv" "$2.csv"
}
consultation "$outline" >"$tmp/o.json"
consultation "$moved" >"$tmp/o-moved.json"
printf 'key o\nscreenshot %s\ndrag 850 450 900 500\nscreenshot %s\nkey ctrl+s\nkey ctrl+z\n' \
    "$tmp/o-points.png" "$tmp/o-dragged.png" >"$tmp/o-drag.txt"
check "O shows the outline; a control point dragged and saved" studio --project "$tmp/o.json" \
    --script "$tmp/o-drag.txt" --screenshot "$tmp/o-undone.png" --size 1200x900
"$CLI" dots --project "$tmp/o.json" -o "$tmp/o.csv" >/dev/null
"$CLI" dots --project "$tmp/o-moved.json" -o "$tmp/o-moved.csv" >/dev/null
check "the saved outline has the point where it was dropped: the CLI places the same dots" \
    cmp -s "$tmp/o.csv" "$tmp/o-moved.csv"
check "the drag changes the picture" not cmp -s "$tmp/o-points.png" "$tmp/o-dragged.png"
check "and undo puts the point back" cmp -s "$tmp/o-undone.png" "$tmp/o-points.png"
consultation "$outline" >"$tmp/o.json"
printf 'key o\ndrag 700 155 700 155\nkey ctrl+s\n' >"$tmp/o-add.txt"
check "a click on the line adds a point" studio --project "$tmp/o.json" --script "$tmp/o-add.txt" --size 1200x900
check "between the two it lies between" grep -q '\[1300, 300\], \[1400, 310\], \[1600, 400\]' "$tmp/o.json"
printf 'key o\ndrag 700 155 700 155\nkey delete\nkey ctrl+s\n' >"$tmp/o-delete.txt"
consultation "$outline" >"$tmp/o.json"
check "Delete removes the point taken" studio --project "$tmp/o.json" --script "$tmp/o-delete.txt" --size 1200x900
"$CLI" dots --project "$tmp/o.json" -o "$tmp/o-back.csv" >/dev/null
consultation "$outline" >"$tmp/o-first.json"
"$CLI" dots --project "$tmp/o-first.json" -o "$tmp/o-first.csv" >/dev/null
check "and the design is the first one again" cmp -s "$tmp/o-back.csv" "$tmp/o-first.csv"
printf 'key o\nscreenshot %s\nkey o\n' "$tmp/traced.png" >"$tmp/trace.txt"
check "O on the sample client's painted area traces it into an outline" studio --script "$tmp/trace.txt" \
    --screenshot "$tmp/traced-off.png" --size 1280x800
check "whose points show" not cmp -s "$tmp/traced.png" "$tmp/traced-off.png"

# Symmetry (X) on an outline symmetric about the photo's centre line: a dragged point moves its partner,
# a deleted one takes its partner along.
symmetric='[[800, 400], [1600, 400], [1700, 900], [1200, 1100], [700, 900]]'
sym_check() { # WHAT SCRIPT EXPECTED-OUTLINE
    consultation "$symmetric" >"$tmp/sym.json"
    printf "$2" >"$tmp/sym.txt"
    check "$1" studio --project "$tmp/sym.json" --script "$tmp/sym.txt" --size 1200x900
    consultation "$3" >"$tmp/sym-expected.json"
    check "(the outline is the expected one)" same_dots "$tmp/sym.json" "$tmp/sym-expected.json"
}
sym_check "X: a dragged point moves its partner" 'key x\nkey o\ndrag 850 450 900 500\nkey ctrl+s\n' \
    '[[800, 400], [1600, 400], [1800, 1000], [1200, 1100], [600, 1000]]'
sym_check "X: Delete takes the partner too" 'key x\nkey o\ndrag 800 200 800 200\nkey delete\nkey ctrl+s\n' \
    '[[1700, 900], [1200, 1100], [700, 900]]'

# The brush and eraser: strokes saved in the consultation, reopened as they were painted.
consultation "$outline" >"$tmp/b.json"
printf 'key b\ndrag 300 700 420 720\nkey b\nscreenshot %s\nkey ctrl+s\n' "$tmp/brushed.png" >"$tmp/brush.txt"
check "B paints with the brush" studio --project "$tmp/b.json" --script "$tmp/brush.txt" --size 1200x900
check "the consultation keeps the strokes" grep -q '"strokes"' "$tmp/b.json"
check "and opens again as it was painted" studio --project "$tmp/b.json" --screenshot "$tmp/b-reopened.png" --size 1200x900
check "(the same picture)" cmp -s "$tmp/brushed.png" "$tmp/b-reopened.png"
"$CLI" dots --project "$tmp/b.json" -o "$tmp/b.csv" >/dev/null
check "the painted patch adds dots" test "$(wc -l <"$tmp/b.csv")" -gt "$(wc -l <"$tmp/o-first.csv")"
consultation "$outline" >"$tmp/e.json"
printf 'key e\nkey .\nkey .\nkey .\ndrag 500 250 700 450\nkey ctrl+s\n' >"$tmp/erase.txt"
check "E erases inside the outline" studio --project "$tmp/e.json" --script "$tmp/erase.txt" --size 1200x900
"$CLI" dots --project "$tmp/e.json" -o "$tmp/e.csv" >/dev/null
check "and takes dots away" test "$(wc -l <"$tmp/e.csv")" -lt "$(wc -l <"$tmp/o-first.csv")"
consultation "$outline" >"$tmp/x.json"
printf 'key x\nkey b\ndrag 300 700 420 720\nkey ctrl+s\n' >"$tmp/mirror-brush.txt"
check "X: the brush paints mirrored too" studio --project "$tmp/x.json" --script "$tmp/mirror-brush.txt" --size 1200x900
"$CLI" dots --project "$tmp/x.json" -o "$tmp/x.csv" >/dev/null
check "so about twice the patch's dots" test $(( $(wc -l <"$tmp/x.csv") - $(wc -l <"$tmp/o-first.csv") )) -gt \
    $(( 3 * ($(wc -l <"$tmp/b.csv") - $(wc -l <"$tmp/o-first.csv")) / 2 ))

# The style panel (C): a slider dragged is one edit, which one Ctrl+Z takes back.
printf 'key c\ndrag 1000 100 1180 100\nscreenshot %s\nkey c\nscreenshot %s\nkey ctrl+z\n' "$tmp/panel.png" \
    "$tmp/slid.png" >"$tmp/panel.txt"
check "C shows the style panel; its density slider dragged" studio --script "$tmp/panel.txt" \
    --screenshot "$tmp/slid-undone.png" --size 1280x800
check "changes the after" not cmp -s "$tmp/slid.png" "$tmp/shot.png"
check "and one undo takes the whole drag back" cmp -s "$tmp/slid-undone.png" "$tmp/shot.png"
printf 'key c\nkey down\nkey right\nkey right\nkey ctrl+s\n' >"$tmp/arrows.txt"
consultation "$outline" >"$tmp/a.json"
check "the arrow keys step the taken row" studio --project "$tmp/a.json" --script "$tmp/arrows.txt" --size 1280x800
check "(density 122 saved)" grep -Eq '"density":[[:space:]]*122,' "$tmp/a.json"

# Autosave: a studio killed after an edit leaves it beside the file, and the next start offers it back.
consultation "$outline" >"$tmp/k.json"
printf 'key ]\nwait 600\n' >"$tmp/crash.txt"
timeout -s KILL 5 "$STUDIO" --project "$tmp/k.json" --script "$tmp/crash.txt" --size 640x480 >/dev/null 2>&1
check "killed after an edit, the edit is in k.autosave.json" grep -Eq '"density":[[:space:]]*130,' "$tmp/k.autosave.json"
check "and the file is as it was" not grep -Eq '"density":[[:space:]]*130,' "$tmp/k.json"
printf 'screenshot %s\nkey r\nkey ctrl+s\n' "$tmp/offer.png" >"$tmp/restore.txt"
check "the next start offers it; R restores it and Ctrl+S saves it" studio --project "$tmp/k.json" \
    --script "$tmp/restore.txt" --size 640x480
check "into k.json" grep -Eq '"density":[[:space:]]*130,' "$tmp/k.json"
check "and the autosave is gone" test ! -e "$tmp/k.autosave.json"
timeout -s KILL 5 "$STUDIO" --project "$tmp/k.json" --script "$tmp/crash.txt" --size 640x480 >/dev/null 2>&1
printf 'key escape\n' >"$tmp/discard.txt"
check "Esc discards an offered autosave" studio --project "$tmp/k.json" --script "$tmp/discard.txt" --size 640x480
check "(it is gone, the file keeps its saved density)" test ! -e "$tmp/k.autosave.json" -a \
    "$(grep -Ec '"density":[[:space:]]*130,' "$tmp/k.json")" -eq 1
printf '{"format": "smp-cons' >"$tmp/k.autosave.json"
expect 0 "k.autosave.json: not JSON" -- --project "$tmp/k.json" --script "$tmp/restore.txt" --size 640x480
check "a damaged autosave is not restored; the consultation stays as saved" \
    test "$(grep -Ec '"density":[[:space:]]*130,' "$tmp/k.json")" -eq 1

# Ctrl+O: a path typed on the status line opens in place of the sample client.
"$STUDIO" --project "$tmp/o-first.json" --screenshot "$tmp/o-direct.png" --size 1200x900 >/dev/null 2>&1
printf 'key ctrl+o\ntype %s\nkey return\n' "$tmp/o-first.json" >"$tmp/open.txt"
check "Ctrl+O opens a consultation" studio --script "$tmp/open.txt" --screenshot "$tmp/o-opened.png" --size 1200x900
check "shown as when given on the command line" cmp -s "$tmp/o-opened.png" "$tmp/o-direct.png"
rm -rf "$tmp/c-export"
printf 'key ctrl+e\nkey ctrl+o\ntype %s\nkey return\n' "$tmp/o-first.json" >"$tmp/export-open.txt"
check "Ctrl+O while an export runs" studio --project "$tmp/c.json" --script "$tmp/export-open.txt" --size 640x480
check "lets the export finish first (it borrows the photo): its after is whole" \
    cmp -s "$tmp/c-export/after.png" "$tmp/cli-after.png"
printf 'key ctrl+o\ntype %s/missing.json\nkey return\n' "$tmp" >"$tmp/open-bad.txt"
expect 0 "missing.json: cannot open" -- --script "$tmp/open-bad.txt" --size 640x480

# Calibration: two points a typed distance apart (K), the pupils at 63 mm (U); importing a mask (I).
scaled() { sed "s/\"px_per_mm\": 8.2/\"px_per_mm\": $1/" "$tmp/o-first.json"; }
# scale_check WHAT NAME PX: the script NAME.txt, on the outline consultation, sets a scale that gives the
# dots of PX px/mm.
scale_check() {
    consultation "$outline" >"$tmp/$2.json"
    check "$1" studio --project "$tmp/$2.json" --script "$tmp/$2.txt" --size 1200x900
    scaled "$3" >"$tmp/$2-expected.json"
    check "gives the dots of $3 px/mm" same_dots "$tmp/$2.json" "$tmp/$2-expected.json"
}
# exported_as_saved NAME: what the studio exported (Ctrl+E) after its edits is the smp command's render of
# NAME.json as it saved it: the design it showed was made again from the edited layers.
exported_as_saved() {
    "$CLI" render --project "$tmp/$1.json" -o "$tmp/$1-cli.png" --quiet >/dev/null
    check "and the studio's design follows: its export is the smp command's render" \
        cmp -s "$tmp/$1-export/after.png" "$tmp/$1-cli.png"
}
printf 'key k\ndrag 100 100 100 100\ndrag 300 100 300 100\ntype 50\nkey return\nkey ctrl+s\nkey ctrl+e\n' >"$tmp/ruler.txt"
scale_check "K: two points 400 px apart typed as 50 mm" ruler 8
exported_as_saved ruler
printf 'key u\ndrag 100 100 100 100\ndrag 226 100 226 100\nkey return\nkey ctrl+s\n' >"$tmp/pupils.txt"
scale_check "U: pupils 252 px apart at the offered 63 mm" pupils 4
printf 'key k\ndrag 100 100 100 100\ndrag 300 100 300 100\ntype abc\nkey return\n' >"$tmp/ruler-bad.txt"
expect 0 "distance: 'abc' is not a number of mm" -- --project "$tmp/o-first.json" --script "$tmp/ruler-bad.txt" --size 1200x900
printf 'key k\ndrag 100 100 100 100\ndrag 300 100 300 100\ntype 50\nkey return\n' >"$tmp/ruler-sample.txt"
expect 0 "the sample client's scale is known" -- --script "$tmp/ruler-sample.txt" --size 1200x900
consultation "$outline" >"$tmp/i.json"
printf 'key i\ntype %s\nkey return\nkey ctrl+s\nkey ctrl+e\n' "$tmp/blend_mask.png" >"$tmp/import.txt"
check "I imports a mask into the treatment layer" studio --project "$tmp/i.json" --script "$tmp/import.txt" --size 640x480
sed "s|\"treatment\": {|\"treatment\": {\"mask\": \"$tmp/blend_mask.png\", |" "$tmp/o-first.json" >"$tmp/i-expected.json"
"$CLI" dots --project "$tmp/i.json" -o "$tmp/i.csv" >/dev/null
"$CLI" dots --project "$tmp/i-expected.json" -o "$tmp/i-expected.csv" >/dev/null
check "saved as the layer's mask, under its outline" cmp -s "$tmp/i.csv" "$tmp/i-expected.csv"
exported_as_saved i
printf 'key i\ntype %s/none.png\nkey return\n' "$tmp" >"$tmp/import-bad.txt"
expect 0 "none.png: No such file" -- --project "$tmp/o-first.json" --script "$tmp/import-bad.txt" --size 640x480

# An outline drawn from nothing on a photo opened alone: each click adds the next point.
cp "$tmp/photo.jpg" "$tmp/bare.jpg"
printf 'key o\ndrag 300 200 300 200\ndrag 700 200 700 200\ndrag 800 450 800 450\ndrag 200 450 200 450\nkey ctrl+s\n' \
    >"$tmp/draw.txt"
check "O on a bare photo: four clicks draw the treatment area" studio "$tmp/bare.jpg" --script "$tmp/draw.txt" \
    --size 1200x900
printf '{"format": "smp-consultation", "version": 1, "photo": "bare.jpg",
 "treatment": {"outline": [[600, 400], [1400, 400], [1600, 900], [400, 900]]}, "variants": [{"name": "x", "style": {}}]}\n' \
    >"$tmp/bare-expected.json"
check "(saved as those four points)" same_dots "$tmp/bare.json" "$tmp/bare-expected.json"

# A photo and its mask from the command line; Ctrl+S writes PHOTO-NAME.json beside the photo.
printf 'key ]\nkey ctrl+s\n' >"$tmp/photo-save.txt"
check "smp-studio PHOTO --mask M" studio "$tmp/photo.jpg" --mask "$tmp/treatment_mask.png" \
    --script "$tmp/photo-save.txt" --size 640x480
"$CLI" dots --project "$tmp/photo.json" -o "$tmp/photo-saved.csv" >/dev/null 2>&1
"$CLI" dots "$tmp/photo.jpg" --mask "$tmp/treatment_mask.png" --density 130 -o "$tmp/photo-flags.csv" >/dev/null 2>&1
check "saves photo.json that places the dots the flags do" cmp -s "$tmp/photo-saved.csv" "$tmp/photo-flags.csv"
cp "$tmp/photo.json" "$tmp/photo-first.json"
printf 'key [\nkey ctrl+s\n' >"$tmp/photo-again.txt"
check "the photo opened again and saved" studio "$tmp/photo.jpg" --mask "$tmp/treatment_mask.png" --script "$tmp/photo-again.txt" --size 640x480
check "goes to photo-2.json, never over the first consultation" cmp -s "$tmp/photo.json" "$tmp/photo-first.json"
check "(photo-2.json has density 110)" grep -Eq '"density":[[:space:]]*110,' "$tmp/photo-2.json"
expect 2 "--mask: needs a PHOTO" -- --mask "$tmp/treatment_mask.png"
expect 2 "--mask: needs a value" -- "$tmp/photo.jpg" --mask --screenshot "$tmp/x.png"
expect 3 "the mask is 4x2 but the photo is 2400x1800" -- "$tmp/photo.jpg" --mask "$(dirname "$0")/data/grey8.png"
expect 3 "--mask: cannot read .*none.png" -- "$tmp/photo.jpg" --mask "$tmp/none.png"
expect 3 "nothing.jpg" -- "$tmp/nothing.jpg"
expect 2 "give a photo or --project, not both" -- "$tmp/photo.jpg" --project "$tmp/c.json"
finish
