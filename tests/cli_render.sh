#!/usr/bin/env bash
# cli_render.sh SMP SAMPLE_DIR: smp render and smp compare: outputs, sheets, look flags and bad values.
set -u
SMP=$1
S=$2
. "$(dirname "$0")/cli_harness.sh"
photo=$S/photo.jpg
design=(--mask "$S/treatment_mask.png" --blend-mask "$S/blend_mask.png" --px-per-mm 8.2)

expect 0 "after.png.*ba.png" -- render "$photo" "${design[@]}" -o "$tmp/after.png" --before-after "$tmp/ba.png" \
    --caption "Test clinic, 2026-11-20" --quiet
expect 0 "size: 2400x1800" -- info "$tmp/after.png"
expect 0 "size: [0-9]{4}x[0-9]{4}" -- info "$tmp/ba.png"
check "the before/after sheet is two photos wide" bash -c \
    "'$SMP' info '$tmp/ba.png' | awk '/^size:/ { split(\$2, s, \"x\"); exit !(s[1] > 4800 && s[1] < 5200) }'"
expect 0 "after.jpg" -- render "$photo" "${design[@]}" -o "$tmp/after.jpg" --quality 80 --quiet
expect 0 "format: JPEG" -- info "$tmp/after.jpg"
expect 0 "render: [0-9.]+.*save: [0-9.]+" -- render "$photo" "${design[@]}" -o "$tmp/t.png" --timings --quiet
for look in "--age fresh" "--age 5y" "--years 2.5" "--after-session 1" "--ink cool" "--ink #30343c" "--ink-drift --age 8y"; do
    expect 0 "look.png" -- render "$photo" "${design[@]}" $look -o "$tmp/look.png" --quiet
done
expect 0 "match-stubble: stubble reads [0-9.]+ of the bare scalp" -- \
    render "$photo" "${design[@]}" --match-stubble -o "$tmp/matched.png" --quiet
check "a 5-year look differs from a healed one" bash -c \
    "'$SMP' render '$photo' ${design[*]} --age 5y -o '$tmp/5y.png' --quiet >/dev/null && ! cmp -s '$tmp/5y.png' '$tmp/after.png'"

expect 0 "sheet.png" -- compare "$photo" "${design[@]}" --variant "Soft: --hairline soft" \
    --variant "Sharp: --hairline sharp" --variant "Dense: --density 180 --age fresh" -o "$tmp/sheet.png" --cell-width 400 --quiet
expect 0 "size: 16[0-9]{2}x" -- info "$tmp/sheet.png"
expect 0 "grid.png" -- compare "$photo" "${design[@]}" --variant "A: --density 80" --variant "B: --density 160" \
    --variant "C: --dot-size 0.25" --columns 2 --cell-width 300 -o "$tmp/grid.png" --quiet

# Bad values: exit 2 naming the flag; unwritable outputs: exit 4.
expect 2 "--age: 'forever' is not fresh, healed" -- render "$photo" "${design[@]}" --age forever -o "$tmp/x.png"
expect 2 "--years: 50 is outside the allowed range 0-20" -- render "$photo" "${design[@]}" --years 50 -o "$tmp/x.png"
expect 2 "--after-session: 7 is outside" -- render "$photo" "${design[@]}" --after-session 7 -o "$tmp/x.png"
expect 2 "--ink: 'purple' is not neutral, cool, warm" -- render "$photo" "${design[@]}" --ink purple -o "$tmp/x.png"
expect 2 "--quality: 0 is outside" -- render "$photo" "${design[@]}" --quality 0 -o "$tmp/x.jpg"
expect 2 "-o FILE is required" -- render "$photo" "${design[@]}"
expect 2 "x.tiff: unknown image type" -- render "$photo" "${design[@]}" -o "$tmp/x.tiff" --quiet
expect 2 "match-stubble: needs a blend mask" -- \
    render "$photo" --mask "$S/treatment_mask.png" --px-per-mm 8.2 --match-stubble -o "$tmp/x.png"
expect 2 "--variant: 'no colon' must read 'LABEL: FLAGS'" -- compare "$photo" "${design[@]}" --variant "no colon" -o "$tmp/x.png"
expect 2 "--variant 'Big': --mask is the same for every variant" -- \
    compare "$photo" "${design[@]}" --variant "Big: --mask other.png" -o "$tmp/x.png"
expect 2 "--density: 900 is outside" -- compare "$photo" "${design[@]}" --variant "V: --density 900" -o "$tmp/x.png"
expect 2 "give at least one --variant" -- compare "$photo" "${design[@]}" -o "$tmp/x.png"
expect 4 "cannot create a file there" -- render "$photo" "${design[@]}" -o /nonexistent/after.png --quiet
check "no file written on failure" test ! -e "$tmp/x.png"
check "no temporary left" test "$(ls "$tmp" | grep -c tmp-)" -eq 0
finish
