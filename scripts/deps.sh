#!/usr/bin/env bash
# deps.sh: installs the Debian packages SMP Studio builds and tests with, if any are missing.
# Run by demo.sh, test.sh and (as "deps.sh fuzz", with the fuzzing tools) fuzz.sh; safe to run again
# (it installs nothing the second time).
set -euo pipefail

packages=(
    gcc make cmake pkg-config      # toolchain (OpenMP is gcc's libgomp)
    libstb-dev                     # stb_image, stb_image_write, stb_perlin
    libexif-dev                    # EXIF orientation
    libcjson-dev                   # JSON: info --json, sample client, consultation files
    libcmocka-dev                  # unit tests
    fonts-dejavu-core              # labels on the mockup sheets and in the studio
    libsdl2-dev libepoxy-dev       # smp-studio: window, input, OpenGL 3.3 loader
    xvfb xauth libgl1-mesa-dri     # studio tests and --bench without a display (Mesa's software OpenGL)
    valgrind                       # the CLI suites under memcheck
)
if [ "${1:-}" = fuzz ]; then
    packages+=(clang libclang-rt-dev libomp-dev) # libFuzzer and clang's OpenMP, for scripts/fuzz.sh
fi

missing=()
for p in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "deps.sh: installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "deps.sh: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
