#!/usr/bin/env bash
# cli_project.sh SMP SAMPLE_DIR: --project on dots, plan, render and compare; the same dots as the flags give.
set -u
SMP=$1
S=$(cd "$2" && pwd)
. "$(dirname "$0")/cli_harness.sh"
cp "$S/photo.jpg" "$S/treatment_mask.png" "$S/blend_mask.png" "$tmp/"
cat >"$tmp/c.json" <<JSON
{
  "format": "smp-consultation", "version": 1,
  "client": "C-0001", "notes": "sample",
  "photo": "photo.jpg",
  "calibration": {"px_per_mm": 8.2},
  "treatment": {"mask": "treatment_mask.png"},
  "blend": {"mask": "blend_mask.png"},
  "variants": [
    {"name": "soft", "style": {"density": 150, "seed": "7"}},
    {"name": "sharp", "style": {"density": 150, "seed": "7", "hairline": "sharp"}}
  ]
}
JSON
flags=(--mask "$S/treatment_mask.png" --blend-mask "$S/blend_mask.png" --px-per-mm 8.2 --density 150 --seed 7)

expect 0 "dots" -- dots --project "$tmp/c.json" -o "$tmp/project.csv"
expect 0 "dots" -- dots "$S/photo.jpg" "${flags[@]}" -o "$tmp/flags.csv"
check "a consultation gives the same dots as its flags" cmp -s "$tmp/project.csv" "$tmp/flags.csv"
expect 0 "dots" -- dots --project "$tmp/c.json" --project-variant sharp -o "$tmp/sharp.csv"
expect 0 "dots" -- dots "$S/photo.jpg" "${flags[@]}" --hairline sharp -o "$tmp/sharp-flags.csv"
check "and so does its second variant" cmp -s "$tmp/sharp.csv" "$tmp/sharp-flags.csv"
(cd "$tmp" && "$SMP" dots --project c.json -o relative.csv >/dev/null)
check "paths are relative to the consultation file" cmp -s "$tmp/relative.csv" "$tmp/flags.csv"
expect 0 "total: [0-9]+ dots" -- plan --project "$tmp/c.json"
expect 0 "after.png" -- render --project "$tmp/c.json" --age 1y -o "$tmp/after.png" --quiet
expect 0 "sheet.png" -- compare --project "$tmp/c.json" --cell-width 300 -o "$tmp/sheet.png" --quiet
expect 0 "size: 9[0-9]{2}x" -- info "$tmp/sheet.png"

expect 2 "--density: the design comes from --project" -- dots --project "$tmp/c.json" --density 90 -o "$tmp/x.csv"
expect 2 "--mask: the design comes from --project" -- plan --project "$tmp/c.json" --mask "$S/treatment_mask.png"
expect 2 "give a PHOTO or --project FILE, not both" -- plan "$S/photo.jpg" --project "$tmp/c.json"
expect 2 "give a PHOTO \(or --project FILE\)" -- plan --density 90
expect 2 "--project-variant: .*c.json has no variant 'round' \\(it has soft, sharp\\)" -- plan --project "$tmp/c.json" --project-variant round
expect 2 "--variant: with --project the consultation's own variants" -- \
    compare --project "$tmp/c.json" --variant "x: --density 50" -o "$tmp/x.png"
# Brush and eraser strokes painted over the treatment mask: an eraser right across it, a brush dab outside.
sed 's/"version": 1/"version": 2/; s|"treatment": {"mask": "treatment_mask.png"}|"treatment": {"mask": "treatment_mask.png", "strokes": [[600, 700, 1800, 700, 60, 0], [300, 1500, 400, 1500, 50, 1]]}|' \
    "$tmp/c.json" >"$tmp/strokes.json"
# dots_in CSV X0 Y0 X1 Y1: how many dots of CSV lie in that box of photo pixels (8.2 px/mm).
dots_in() {
    awk -F, -v x0="$2" -v y0="$3" -v x1="$4" -v y1="$5" \
        'NR > 1 && $1 * 8.2 > x0 && $1 * 8.2 < x1 && $2 * 8.2 > y0 && $2 * 8.2 < y1 {n++} END {print n + 0}' "$1"
}
expect 0 "dots" -- dots --project "$tmp/strokes.json" -o "$tmp/strokes.csv"
check "strokes change the dots" bash -c '! cmp -s "$0" "$1"' "$tmp/strokes.csv" "$tmp/project.csv"
check "the mask has dots where the eraser goes" test "$(dots_in "$tmp/project.csv" 900 650 1400 750)" -gt 100
check "the eraser leaves none" test "$(dots_in "$tmp/strokes.csv" 900 650 1400 750)" -eq 0
check "the brush dab puts some outside the mask" test "$(dots_in "$tmp/strokes.csv" 250 1450 450 1550)" -gt 50
check "where the mask had none" test "$(dots_in "$tmp/project.csv" 250 1450 450 1550)" -eq 0
expect 0 "strokes.png" -- render --project "$tmp/strokes.json" -o "$tmp/strokes.png" --quiet
sed 's/\[300, 1500, 400, 1500, 50, 1\]/[300, 1500, 400, 1500, -2, 1]/' "$tmp/strokes.json" >"$tmp/bad-stroke.json"
expect 3 "bad-stroke.json: treatment.strokes\[1\]: radius -2 is outside" -- dots --project "$tmp/bad-stroke.json" -o "$tmp/x.csv"
sed 's/"version": 2/"version": 3/' "$tmp/strokes.json" >"$tmp/future.json"
expect 3 "future.json: version: 3 is newer than this program reads" -- plan --project "$tmp/future.json"

echo '{"format": "smp-consultation", "version": 1,' >"$tmp/cut.json"
expect 3 "cut.json: not JSON" -- plan --project "$tmp/cut.json"
sed 's/"density": 150, "seed": "7"}/"density": 999, "seed": "7"}/' "$tmp/c.json" >"$tmp/dense.json"
expect 3 "dense.json: variants\[0\].style: density: 999 is outside" -- plan --project "$tmp/dense.json"
sed 's/photo.jpg/gone.jpg/' "$tmp/c.json" >"$tmp/gone.json"
expect 3 "gone.jpg: cannot open" -- plan --project "$tmp/gone.json"
expect 3 "nothing.json: cannot open" -- plan --project "$tmp/nothing.json"
finish
