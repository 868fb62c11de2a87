#!/usr/bin/env bash
# run.sh: builds Release and runs the benchmarks; prints the tables the README's performance section quotes.
# Bench-only dependency: python3-scipy (installed here if missing). Pass --scipy-1m to also time SciPy on 1M points.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh"
if [ "$(dpkg-query -W -f='${Status}' python3-scipy 2>/dev/null)" != "install ok installed" ]; then
    echo "run.sh: installing python3-scipy (for the SciPy comparison only)"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get install -y -qq --no-install-recommends python3-scipy
fi
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release -DSMP_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build/release" --parallel "$(nproc)" --target bench_placement
echo "## Placement"
"$root/build/release/bench/bench_placement"
echo
echo "| dots | sampler | time | rate |"
echo "|---|---|---|---|"
sizes=(100000)
[ "${1:-}" = "--scipy-1m" ] && sizes+=(1000000)
/usr/bin/python3 "$root/bench/scipy_poisson.py" "${sizes[@]}"
