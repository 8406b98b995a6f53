"""Masking time on long hostile petition texts: how the CPU time to hide personal data grows with
the length of the text, for shapes that made it quadratic before (long runs of blanks after an
address word, many claimed numbers), next to ordinary ones.

    .venv/bin/python bench/masking.py [--sizes 5000,10000,20000,40000]

A petition's text is at most 5,000 characters (portal/petitions/forms.py), an answer or a title
is masked too; linear growth doubles the time with the length, quadratic quadruples it. Prints
one table (CPU milliseconds, best of 3) and the ratio of the largest size to a quarter of it.
Not a test: tests/petitions/test_masking.py checks the growth.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.petitions.masking import mask_personal_data  # noqa: E402

SHAPES = {
    "blank runs after 'số … nhà'": lambda n: ("số" + " " * 50 + "nhà\t") * (n // 55),
    "one blank run after 'nhà'": lambda n: "nhà" + " \t" * (n // 2) + "x",
    "'số nhà 12' again and again": lambda n: "số nhà 12 " * (n // 10),
    "house numbers and streets": lambda n: "12 đường , ngõ " * (n // 15),
    "phone-like digit groups": lambda n: "0912 345 " * (n // 9),
    "e-mail-like words": lambda n: "a.b.c@d " * (n // 8),
    "amounts (claimed as safe)": lambda n: "1.000 đồng " * (n // 11),
    "addresses with a name": lambda n: "số 12 đường Lê Lợi, " * (n // 20),
}


def cpu_ms(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        mask_personal_data(text)
        best = min(best, time.process_time() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,10000,20000,40000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    print(f"{'shape':<30}" + "".join(f"{n:>10,}" for n in sizes) + f"  {'ratio':>6}")
    for name, make in SHAPES.items():
        times = {n: cpu_ms(make(n)) for n in sizes}
        quarter = min(sizes, key=lambda n: abs(n - sizes[-1] / 4))
        print(f"{name:<30}" + "".join(f"{times[n]:>10.1f}" for n in sizes)
              + f"  {times[sizes[-1]] / max(times[quarter], 1e-6):>6.1f}")
    print("\nCPU ms per text (best of 3); ratio: the largest size against the size nearest a quarter of it "
          "(linear ≈ 4, quadratic ≈ 16)")


if __name__ == "__main__":
    main()
