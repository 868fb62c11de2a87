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
finish
