#!/usr/bin/env bash
# cli_real_photos.sh SMP TESTDATA: smp info on every real photo; skips (77) when the folder is absent.
set -u
SMP=$1
REAL=$2/real
if [ ! -d "$REAL" ]; then
    echo "skipped: $REAL is absent (real photos come from ../shared/testdata)"
    exit 77
fi
. "$(dirname "$0")/cli_harness.sh"
for photo in "$REAL"/*.jpg "$REAL"/*.png; do
    expect 0 "format: (JPEG|PNG)" -- info "$photo"
done
expect 0 "size: 3024x4032.*orientation: 6" -- info "$REAL/frl_037_phone_orient6.jpg"
expect 0 "size: 840x700.*orientation: 6.*channels: 1 \(grey\)" -- info "$REAL/pd_curie_exif_orientation6.jpg"
expect 0 "scale: 3.4292 px/mm \(pupils\)" -- info "$REAL/frl_037_03.jpg" --pupils 560,545,776,549
expect 3 "frl_037_03.tem: not a JPEG, PNG, BMP or TGA image" -- info "$REAL/frl_037_03.tem"

# The placement end to end on every photo with a mask, and the phone photo's upright mask.
for id in 021 037 105; do
    expect 0 "total: [0-9]+ dots" -- plan "$REAL/frl_${id}_03.jpg" --mask "$REAL/frl_${id}_03_mask.png" --px-per-mm 3.4
    expect 0 "[0-9]+ dots" -- dots "$REAL/frl_${id}_03.jpg" --mask "$REAL/frl_${id}_03_mask.png" --px-per-mm 3.4 \
        --hairline sharp -o "$tmp/$id.csv"
done
expect 0 "[0-9]+ dots" -- dots "$REAL/frl_037_phone_orient6.jpg" --mask "$REAL/frl_037_phone_orient6_mask.png" \
    --px-per-mm 10.16 --hairline sharp -o "$tmp/phone.csv"
# The phone photo is the studio photo's centre strip, scaled: the same scalp holds about as many dots.
check "phone and studio photo plan about the same dots" awk -v a="$(wc -l <"$tmp/phone.csv")" \
    -v b="$(wc -l <"$tmp/037.csv")" 'BEGIN { r = a / b; exit !(r > 0.85 && r < 1.15) }'
expect 3 "the mask is 1350x1350 but the photo is 3024x4032" -- \
    plan "$REAL/frl_037_phone_orient6.jpg" --mask "$REAL/frl_037_03_mask.png" --px-per-mm 10.2
finish
