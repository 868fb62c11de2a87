#!/usr/bin/env bash
# demo.sh: installs what is missing, builds a Release build and renders the bundled sample client into ./out/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release -DSMP_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build/release" --parallel "$(nproc)" --target smp smp-studio
"$root/build/release/src/cli/smp" demo -o "$root/out"
echo "demo.sh: the sample client is in $root/out/"
