#!/usr/bin/env bash
# cli_project.sh SMP SAMPLE_DIR: --project on dots, plan, render and compare; the same dots as the flags give.
set -u
SMP=$1
S=$(cd "$2" && pwd)
. "$(dirname "$0")/cli_harness.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
echo '{"format": "smp-consultation", "version": 1,' >"$tmp/cut.json"
expect 3 "cut.json: not JSON" -- plan --project "$tmp/cut.json"
sed 's/"density": 150, "seed": "7"}/"density": 999, "seed": "7"}/' "$tmp/c.json" >"$tmp/dense.json"
expect 3 "dense.json: variants\[0\].style: density: 999 is outside" -- plan --project "$tmp/dense.json"
sed 's/photo.jpg/gone.jpg/' "$tmp/c.json" >"$tmp/gone.json"
expect 3 "gone.jpg: cannot open" -- plan --project "$tmp/gone.json"
expect 3 "nothing.json: cannot open" -- plan --project "$tmp/nothing.json"
finish
