#!/usr/bin/env bash
# bad_input.sh SMP STUDIO README DATA_DIR SAMPLE_DIR: every row of the README's bad-input table, run as
# written in a folder of the files it names: the exit code and the message must be the table's. The
# studio's rows need no display: it checks its arguments and files before it opens a window.
set -u
SMP_BIN=$1
STUDIO_BIN=$2
README=$3
DATA=$(cd "$4" && pwd)
SAMPLE=$(cd "$5" && pwd)
. "$(dirname "$0")/cli_harness.sh"

# make_fixtures DATA SAMPLE: every bad input of the README's table, in the current folder.
make_fixtures() {
    local data=$1 sample=$2
    cp "$sample/photo.jpg" photo.jpg
    cp "$sample/treatment_mask.png" mask.png
    : >empty.jpg
    echo "not a photo" >notes.jpg
    cp notes.jpg notes.png
    head -c 20000 photo.jpg >cut.jpg
    mkdir -p folder.jpg
    truncate -s 1100M big.jpg
    printf '\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0\0\0\0\0' >huge.png
    printf '\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x4e\x20\0\0\x27\x10\x08\x02\0\0\0\0\0\0\0' >wide.png
    printf 'GIF89a\x01\0\x01\0' >anim.gif
    printf '\0\0\0\x18ftypheic\0\0\0\0mif1heic' >phone.heic
    printf 'II*\0\x08\0\0\0' >scan.tif
    # The frame header's component count broken: the decoder's own reason.
    cp "$data/cmyk.jpg" corrupt.jpg
    local sof
    sof=$(LC_ALL=C grep -obUaP '\xff\xc0' corrupt.jpg | head -1 | cut -d: -f1)
    printf '\x07' | dd of=corrupt.jpg bs=1 seek=$((sof + 9)) conv=notrunc status=none
    # A Huffman table of 300 codes after the start of the image.
    { head -c 2 "$data/cmyk.jpg"; printf '\xff\xc4\x01\x3f\x00\0\0\0\0\0\0\0\xff\x2d\0\0\0\0\0\0\0'
      head -c 300 /dev/zero; tail -c +3 "$data/cmyk.jpg"; } >tables.jpg
    # The CMYK fixture without its APP14 Adobe segment (which follows SOI).
    { head -c 2 "$data/cmyk.jpg"; tail -c +$((3 + 2 + $(od -An -tu1 -j4 -N1 "$data/cmyk.jpg") * 256 + $(od -An -tu1 -j5 -N1 "$data/cmyk.jpg"))) "$data/cmyk.jpg"; } >noadobe.jpg
    cp "$data/grey8.png" wide-mask.png
    echo '{"format": "smp-consultation", "version": 1,' >cut.json
    echo 'photo = "photo.jpg"' >notjson.json
    echo '{"hello": 1}' >other.json
    local head='"format": "smp-consultation", "photo": "photo.jpg", "calibration": {"px_per_mm": 8.2}'
    local area='"treatment": {"mask": "mask.png"}'
    echo "{$head, \"version\": 3, $area, \"variants\": [{\"name\": \"a\", \"style\": {}}]}" >future.json
    echo "{$head, \"version\": 1, $area, \"variants\": [{\"name\": \"a\", \"style\": {\"density\": 1e9}}]}" >dense.json
    echo "{$head, \"version\": 1, $area, \"variants\": [{\"name\": \"a\", \"style\": {\"dot_size\": 0}}]}" >dotless.json
    echo "{$head, \"version\": 1, $area, \"variants\": [{\"name\": \"a\", \"style\": {\"hairline_offset_mm\": 10000}}]}" >offset.json
    echo "{$head, \"version\": 1, \"treatment\": {\"outline\": [[0, 0], [10, 10]]}, \"variants\": [{\"name\": \"a\", \"style\": {}}]}" >line.json
    echo "{$head, \"version\": 2, \"treatment\": {\"strokes\": [[0, 0, 10, 10, -2, 1]]}, \"variants\": [{\"name\": \"a\", \"style\": {}}]}" >stroke.json
    echo "{$head, \"version\": 1, $area, \"variants\": [{\"name\": \"soft\", \"style\": {}}]}" >good.json
    sed 's/photo.jpg/gone.jpg/' good.json >gone.json
    truncate -s 17M huge.json
    printf 'key space\nwait 0\n' >bad-script.txt
}

smp() { "$SMP_BIN" "$@"; }
smp-studio() { env -u DISPLAY "$STUDIO_BIN" "$@"; }

# The message column as an extended regular expression: literal, with "..." matching anything.
message_pattern() {
    printf '%s' "$1" | sed -e 's/[][\.*^$(){}?+|/]/\\&/g' -e 's/\\\.\\\.\\\./.*/g'
}

# run_row COMMAND EXIT MESSAGE
run_row() {
    local command=$1 code=$2 message=$3 out rc
    out=$(cd "$tmp" && eval "$command" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" -eq "$code" ] && printf '%s' "$out" | grep -Eq -- "$(message_pattern "$message")"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL: %s\n  the README says exit %s and "%s", got exit %s:\n%s\n' "$command" "$code" "$message" "$rc" "$out"
    fi
}

(cd "$tmp" && make_fixtures "$DATA" "$SAMPLE")
rows=0
# Rows look like: | what | `command` | exit | `message` |
while IFS='|' read -r _ _ command code message _; do
    command=$(printf '%s' "$command" | sed -e 's/^ *`//' -e 's/` *$//')
    message=$(printf '%s' "$message" | sed -e 's/^ *`//' -e 's/` *$//')
    run_row "$command" "${code// /}" "$message"
    rows=$((rows + 1))
done < <(sed -n '/<!-- bad-input-table -->/,/<!-- end of bad-input-table -->/p' "$README" | grep '^| [^-|].*| `')
check "the README's table has its rows ($rows)" test "$rows" -ge 40
finish
