#!/usr/bin/python3
"""scipy_poisson.py: SciPy's Poisson-disk sampler on the same problem as bench_placement (Debian python3-scipy).

Prints one Markdown table row per size: points, seconds, points a second."""
import math
import sys
import time

from scipy.stats import qmc

DENSITY_PER_MM2 = 3.0  # SMP_DENSITY_MAX, 300 dots/cm2


def run(points: int) -> None:
    side = math.sqrt(points / DENSITY_PER_MM2)
    radius = 0.72 * math.sqrt(2.0 / (math.sqrt(3.0) * DENSITY_PER_MM2))  # as the Bridson baseline
    engine = qmc.PoissonDisk(d=2, radius=radius / side, seed=1)
    start = time.perf_counter()
    sample = engine.fill_space()
    seconds = time.perf_counter() - start
    print(f"| {points // 1000}k | SciPy qmc.PoissonDisk | {seconds:.2f} s | {len(sample) / seconds / 1e3:.0f}k pts/s |")


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [100000]:
        run(n)
