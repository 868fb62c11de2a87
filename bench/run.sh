#!/usr/bin/env bash
# run.sh: builds Release and runs the benchmarks; prints the tables the README's performance section quotes.
# Bench-only dependencies: python3-scipy and libcairo2-dev (installed here if missing).
# Pass --scipy-1m to also time SciPy on 1M points.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
missing=()
for p in python3-scipy libcairo2-dev; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "run.sh: installing ${missing[*]} (for the comparisons only)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release -DSMP_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build/release" --parallel "$(nproc)" --target bench_placement bench_render bench_limits smp
echo "## Placement"
"$root/build/release/bench/bench_placement"
echo
echo "| dots | sampler | time | rate |"
echo "|---|---|---|---|"
sizes=(100000)
[ "${1:-}" = "--scipy-1m" ] && sizes+=(1000000)
/usr/bin/python3 "$root/bench/scipy_poisson.py" "${sizes[@]}"
echo
echo "## Rendering"
"$root/build/release/bench/bench_render" "$root/build/release/src/cli/smp"
echo
echo "## Limits: the largest photo accepted"
"$root/build/release/bench/bench_limits" "$root/build/release/src/cli/smp"
