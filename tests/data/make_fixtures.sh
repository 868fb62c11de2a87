#!/usr/bin/env bash
# Regenerates the small image fixtures in this folder (needs ImageMagick and python3).
# Each is 4x2 pixels with known values, so tests can assert exact decoding.
set -euo pipefail
cd "$(dirname "$0")"
py() { python3 -c "$1"; }
# 16-bit RGB: pixel i has R=0x1234*(i+1), G=0xFFFF-R, B=0x8080.
py 'import struct,sys; sys.stdout.buffer.write(b"".join(struct.pack(">HHH",(0x1234*(i+1))&0xFFFF,0xFFFF-((0x1234*(i+1))&0xFFFF),0x8080) for i in range(8)))' > rgb16.raw
convert -endian MSB -size 4x2 -depth 16 rgb:rgb16.raw -define png:bit-depth=16 PNG48:rgb16.png
# 16-bit grey: 0x0000, 0x00FF, 0x0100, 0x7FFF, 0x8000, 0xFF00, 0xFF80, 0xFFFF.
py 'import struct,sys; sys.stdout.buffer.write(struct.pack(">8H",0,0xFF,0x100,0x7FFF,0x8000,0xFF00,0xFF80,0xFFFF))' > grey16.raw
convert -endian MSB -size 4x2 -depth 16 gray:grey16.raw -define png:bit-depth=16 -define png:color-type=0 grey16.png
# 8-bit grey: 0, 36, 73, ..., 255 (i*255//7).
py 'import sys; sys.stdout.buffer.write(bytes(i*255//7 for i in range(8)))' > grey8.raw
convert -size 4x2 -depth 8 gray:grey8.raw -define png:color-type=0 grey8.png
# 8-bit grey+alpha: grey as above, alpha 255-grey.
convert -size 4x2 -depth 8 gray:grey8.raw \( -size 4x2 -depth 8 gray:grey8.raw -negate \) -alpha off \
  -compose copy_opacity -composite -define png:color-type=4 greyalpha.png
# 8-bit RGBA: R=i*30, G=255-i*30, B=100, A=i*36.
py 'import sys; sys.stdout.buffer.write(bytes(v for i in range(8) for v in (i*30,255-i*30,100,i*36)))' > rgba8.raw
convert -size 4x2 -depth 8 rgba:rgba8.raw PNG32:rgba8.png
# The same RGB pixels as BMP and TGA (uncompressed), no alpha.
convert -size 4x2 -depth 8 rgba:rgba8.raw -alpha off BMP3:rgb8.bmp
convert -size 4x2 -depth 8 rgba:rgba8.raw -alpha off -compress none -orient TopLeft rgb8.tga
# A CMYK JPEG (Adobe marker) of a flat orange 16x16, sRGB (255,128,0).
convert -size 16x16 xc:'rgb(255,128,0)' -colorspace CMYK -quality 100 cmyk.jpg
rm -f ./*.raw
