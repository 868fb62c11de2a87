#!/usr/bin/env bash
# cli_info.sh SMP DATA_DIR SAMPLE_DIR: smp --help/--version, smp info and smp demo, with every kind of bad input.
set -u
SMP=$1
DATA=$2
SAMPLE=$3
. "$(dirname "$0")/cli_harness.sh"

expect 0 'info .*demo|demo' -- --help
expect 0 'smp [0-9]+\.[0-9]+\.[0-9]+' -- --version
expect 2 'usage: smp COMMAND' --
expect 2 "unknown command 'paint'" -- paint
expect 0 'usage: smp info PHOTO' -- info --help

# Good files: every format the loader promises.
expect 0 'format: PNG.*size: 4x2.*bits per channel: 16' -- info "$DATA/rgb16.png"
expect 0 'channels: 2 \(grey\+alpha\)' -- info "$DATA/greyalpha.png"
expect 0 'format: BMP' -- info "$DATA/rgb8.bmp"
expect 0 'format: TGA' -- info "$DATA/rgb8.tga"
expect 0 'channels: 4 \(CMYK\)' -- info "$DATA/cmyk.jpg"
expect 0 '"width":[[:space:]]*4,' -- info "$DATA/rgb16.png" --json
expect 0 '"orientation_tagged":[[:space:]]*false' -- info "$DATA/cmyk.jpg" --json

# Bad files: exit 3, the file named, the reason given, nothing printed on stdout.
: >"$tmp/empty.jpg"
echo "not a photo" >"$tmp/notes.jpg"
head -c 200 "$DATA/cmyk.jpg" >"$tmp/cut.jpg"
head -c 60 "$DATA/rgb8.bmp" >"$tmp/cut.bmp"
printf '\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0\0\0\0\0' >"$tmp/huge.png"
printf 'GIF89a\x01\0\x01\0' >"$tmp/anim.gif"
mkdir "$tmp/folder.jpg"
expect 3 "empty.jpg: the file is empty" -- info "$tmp/empty.jpg"
expect 3 "notes.jpg: not a JPEG, PNG, BMP or TGA image" -- info "$tmp/notes.jpg"
expect 3 "cut.jpg: truncated JPEG" -- info "$tmp/cut.jpg"
expect 3 "cut.bmp: truncated BMP" -- info "$tmp/cut.bmp"
expect 3 "huge.png: 100000x100000 pixels .* over the limit of 150.0 megapixels" -- info "$tmp/huge.png"
expect 3 "anim.gif: GIF images are not supported" -- info "$tmp/anim.gif"
expect 3 "folder.jpg: not a regular file" -- info "$tmp/folder.jpg"
expect 3 "missing.jpg: cannot open \(No such file" -- info "$tmp/missing.jpg"
out=$("$SMP" info "$tmp/cut.jpg" 2>/dev/null)
check "nothing on stdout for a bad file" test -z "$out"

# Usage errors: exit 2, the flag and the allowed range named.
expect 2 "unknown flag '--colour'" -- info "$DATA/cmyk.jpg" --colour
expect 2 "missing argument" -- info
expect 2 "unexpected argument 'b.jpg'" -- info a.jpg b.jpg
expect 2 "--px-per-mm needs a value" -- info "$DATA/cmyk.jpg" --px-per-mm
expect 2 "--px-per-mm: 0 is outside the allowed range 0.2-2000 px/mm" -- info "$DATA/cmyk.jpg" --px-per-mm 0
expect 2 "--px-per-mm: 'ten' is not a number" -- info "$DATA/cmyk.jpg" --px-per-mm ten
expect 2 "--px-per-mm: 'inf' is not a number" -- info "$DATA/cmyk.jpg" --px-per-mm inf
expect 2 "--ipd-mm: 10 is outside the allowed range 40-90 mm" -- info "$DATA/cmyk.jpg" --ipd-mm 10
expect 2 "--pupils: '1,2,3' must be 4 comma-separated numbers" -- info "$DATA/cmyk.jpg" --pupils 1,2,3
expect 2 "--pupils: '1,2,3,4,5' must be 4" -- info "$DATA/cmyk.jpg" --pupils 1,2,3,4,5
expect 2 "--ruler: '1,2,3,4' must be 5" -- info "$DATA/cmyk.jpg" --ruler 1,2,3,4
expect 2 "--max-megapixels: 5000 is outside" -- info "$DATA/cmyk.jpg" --max-megapixels 5000
expect 2 "--json takes no value" -- info "$DATA/cmyk.jpg" --json=1

# The sample client, and calibration on a photo large enough to measure.
expect 0 "after.png.*before_after.png.*soft_vs_sharp.png.*sessions.png.*ageing.png.*plan.txt" -- \
    demo -o "$tmp/demo" --quiet
for f in after.png before_after.png soft_vs_sharp.png sessions.png ageing.png plan.txt; do
    check "demo wrote $f" test -s "$tmp/demo/$f"
done
check "demo left no temporary file" test "$(ls "$tmp/demo" | wc -l)" -eq 6
expect 0 "size: 2400x1800" -- info "$tmp/demo/after.png"
expect 0 "size: 2400x1800" -- info "$SAMPLE/photo.jpg"
photo="$SAMPLE/photo.jpg"
expect 3 "photo.jpg: 2400x1800 pixels \(4.3 megapixels\) is over the limit of 2.0 megapixels" -- \
    info "$photo" --max-megapixels 2
expect 0 "scale: 12.5000 px/mm \(px-per-mm\)" -- info "$photo" --px-per-mm 12.5
expect 0 "scale: 10.0000 px/mm \(pupils\)" -- info "$photo" --pupils 100,100,730,100
expect 0 "scale: 8.0000 px/mm \(pupils\)" -- info "$photo" --pupils 100,100,500,100 --ipd-mm 50
expect 0 "scale: 4.0000 px/mm \(ruler\)" -- info "$photo" --ruler 0,0,300,400,125
expect 0 '"source":[[:space:]]*"ruler"' -- info "$photo" --ruler 0,0,300,400,125 --json
expect 2 "pupils: point \(5000,100\) lies outside the 2400x1800 photo" -- info "$photo" --pupils 100,100,5000,100
expect 2 "ruler: the two points are 1.0 px apart" -- info "$photo" --ruler 0,0,1,0,10
expect 2 "unexpected argument 'extra'" -- demo extra
expect 4 "cannot make the folder" -- demo -o /proc/no-such-dir/out

finish
