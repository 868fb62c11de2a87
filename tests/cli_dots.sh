#!/usr/bin/env bash
# cli_dots.sh SMP SAMPLE_DIR: smp dots and smp plan on the sample client, flags, determinism and bad input.
set -u
SMP=$1
S=$2
. "$(dirname "$0")/cli_harness.sh"
photo=$S/photo.jpg
design=(--mask "$S/treatment_mask.png" --blend-mask "$S/blend_mask.png" --px-per-mm 8.2)

expect 0 "dots.csv: [0-9]+ dots" -- dots "$photo" "${design[@]}" -o "$tmp/dots.csv"
check "CSV header" test "$(head -1 "$tmp/dots.csv")" = "x_mm,y_mm,diameter_mm,shade,session,rank"
check "CSV rows have 6 fields" awk -F, 'NR > 1 && NF != 6 { exit 1 }' "$tmp/dots.csv"
check "sessions 1-3 only" awk -F, 'NR > 1 && ($5 < 1 || $5 > 3) { exit 1 }' "$tmp/dots.csv"
expect 0 "dots" -- dots "$photo" "${design[@]}" --threads 1 -o "$tmp/one.csv"
expect 0 "dots" -- dots "$photo" "${design[@]}" --threads 2 -o "$tmp/two.csv"
check "same CSV for 1 and 2 threads" cmp -s "$tmp/one.csv" "$tmp/two.csv"
check "same CSV as the default thread count" cmp -s "$tmp/one.csv" "$tmp/dots.csv"
expect 0 "dots" -- dots "$photo" "${design[@]}" --seed 7 -o "$tmp/seed7.csv"
check "another seed, other dots" bash -c "! cmp -s '$tmp/seed7.csv' '$tmp/dots.csv'"
expect 0 "dots" -- dots "$photo" "${design[@]}" --density 60 -o "$tmp/light.csv"
check "half the density, about half the dots" \
    awk -v a="$(wc -l <"$tmp/light.csv")" -v b="$(wc -l <"$tmp/dots.csv")" 'BEGIN { r = a / b; exit !(r > 0.45 && r < 0.6) }'
expect 0 "load: [0-9.]+.*mask: [0-9.]+.*place: [0-9.]+.*save: [0-9.]+" -- \
    dots "$photo" "${design[@]}" -o "$tmp/timed.csv" --timings

expect 0 "treated area: [0-9.]+ cm2.*hairline: [0-9]+ mm.*session 3: [0-9]+ dots.*total: [0-9]+ dots" -- \
    plan "$photo" "${design[@]}"
expect 0 '"dots_total":[[:space:]]*[0-9]+' -- plan "$photo" "${design[@]}" --json
expect 0 "sessions: 4" -- plan "$photo" "${design[@]}" --sessions 4
expect 0 "session 1: ([0-9]+) dots" -- plan "$photo" "${design[@]}" --sessions 2 --session-share 0.7,0.3 --session-shade 0.5,1
"$SMP" plan "$photo" "${design[@]}" --sessions 2 --session-share 0.6,0.2 >"$tmp/shares.txt"
check "session shares are honoured" awk '/^session 1:/ { a = $3 } /^session 2:/ { b = $3 }
    END { r = a / (a + b); exit !(r > 0.73 && r < 0.77) }' "$tmp/shares.txt"
expect 2 "--session-share: '1,2,3,4,5' must be 1-4 comma-separated numbers" -- \
    plan "$photo" "${design[@]}" --session-share 1,2,3,4,5
expect 2 "--session-shade: 0 is outside the allowed range 0.05-1" -- plan "$photo" "${design[@]}" --session-shade 1,0
expect 0 "load: [0-9.]+" -- info "$photo" --timings
expect 0 "load: [0-9.]+.*match: [0-9.]+.*render: [0-9.]+" -- demo -o "$tmp/demo" --timings --quiet
expect 0 "warning: no --px-per-mm.*total" -- plan "$photo" --mask "$S/treatment_mask.png"

# Every style flag refuses a value out of its range, naming the flag and the range (exit 2).
for bad in "--density 5:10-300" "--density 301:10-300" "--dot-size 0:0.05-0.4" "--dot-size 1:0.05-0.4" \
    "--size-variation 0.6:0-0.5" "--shade 0:0.05-1" "--shade-variation -1:0-0.5" "--feather 0:0.1-20" \
    "--feather 21:0.1-20" "--irregularity 2:0-1" "--hairline-offset 10000:-30-30" "--sessions 0:1-4" \
    "--sessions 5:1-4" "--sessions 2.5:whole number" "--blend-density 0:0.05-1" "--blend-shade 3:0.05-1" \
    "--threads 0:1-256" "--threads 1000:1-256" "--density abc:not a number"; do
    flag=${bad%%:*}
    expect 2 "${flag% *}: .*${bad#*:}" -- plan "$photo" "${design[@]}" $flag
done
expect 2 "--hairline: 'round' is not soft or sharp" -- plan "$photo" "${design[@]}" --hairline round
expect 2 "--seed: '-3' is not a whole number" -- plan "$photo" "${design[@]}" --seed -3
expect 2 "--seed: '99999999999999999999' is not a whole number" -- plan "$photo" "${design[@]}" --seed 99999999999999999999
expect 2 "--mask is required" -- plan "$photo" --px-per-mm 8.2
expect 2 "at 0.2 px/mm the photo would span 12000 x 9000 mm, more than the 1 m2 a design may cover" -- \
    plan "$photo" --mask "$S/treatment_mask.png" --px-per-mm 0.2
expect 2 "calibration: a 16x16 photo is too small to assume a scale; give px-per-mm" -- \
    plan "$(dirname "$0")/data/cmyk.jpg" --mask "$(dirname "$0")/data/cmyk.jpg"
expect 2 "-o FILE.csv is required" -- dots "$photo" "${design[@]}"

# Bad files: exit 3 naming the file; an unwritable output: exit 4 and nothing written.
printf 'P' >"$tmp/broken.png"
expect 3 "broken.png: " -- plan "$photo" --mask "$tmp/broken.png" --px-per-mm 8.2
expect 3 "missing.png: cannot open" -- plan "$photo" --mask "$tmp/missing.png" --px-per-mm 8.2
expect 3 "rgb8.bmp: the mask is 4x2 but the photo is 2400x1800" -- \
    plan "$photo" --mask "$(dirname "$0")/data/rgb8.bmp" --px-per-mm 8.2
expect 3 "missing.jpg: cannot open" -- plan "$tmp/missing.jpg" "${design[@]}"
expect 4 "cannot create a file there" -- dots "$photo" "${design[@]}" -o /nonexistent/dots.csv
cp "$tmp/dots.csv" "$tmp/keep.csv"
expect 0 "dots" -- dots "$photo" "${design[@]}" --density 300 -o "$tmp/keep.csv"
check "output replaced whole" test "$(tail -c 1 "$tmp/keep.csv" | od -An -c | tr -d ' ')" = '\n'
check "no temporary left" test "$(ls "$tmp" | grep -c tmp-)" -eq 0
finish
