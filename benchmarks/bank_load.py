"""How long loading every question bank takes.

    .venv/bin/python benchmarks/bank_load.py [--dir questions] [-n 30]

Prints the median (and min/max) of N calls of ``quizapp.banks.load_banks`` (with the cache of
parsed banks warm, as at every start after the first, and with ``cache=False``) and of two baselines
over the same files: parsing alone with libyaml (``yaml.load(..., CSafeLoader)``, the parser the
loader uses) and ``yaml.safe_load`` (pure-Python PyYAML, what a naive loader would call). It also
times a fresh process that imports ``quizapp.banks`` and loads once, as the TUI does at start-up.
The target is well under 100 ms for all banks.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from quizapp.banks import bank_files, load_banks  # noqa: E402


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def parse_all(texts: list[str], loader) -> None:
    for t in texts:
        try:
            yaml.load(t, Loader=loader)
        except yaml.YAMLError:  # a file being edited: parsing it up to the error still counts
            pass


def fmt(name: str, ms: list[float]) -> str:
    return (f"{name:<38} median {statistics.median(ms):7.2f} ms   "
            f"min {min(ms):7.2f}   max {max(ms):7.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "questions")
    parser.add_argument("-n", type=int, default=30, help="repetitions (default 30)")
    args = parser.parse_args()

    files = bank_files(args.dir)
    texts = [p.read_text(encoding="utf-8") for p in files]
    size = sum(len(t.encode("utf-8")) for t in texts)

    result = load_banks(args.dir)  # warm-up (builds pydantic validators)
    print(f"{len(files)} bank files, {size / 1024:.0f} KiB, {len(result.questions)} questions, "
          f"{len(result.errors)} errors; libyaml: {yaml.__with_libyaml__}")

    load = timed(lambda: load_banks(args.dir), args.n)
    nocache = timed(lambda: load_banks(args.dir, cache=False), max(5, args.n // 3))
    c_parse = timed(lambda: parse_all(texts, yaml.CSafeLoader), args.n)
    py_parse = timed(lambda: parse_all(texts, yaml.SafeLoader), max(3, args.n // 5))
    print(fmt("load_banks (cache warm: usual start)", load))
    print(fmt("load_banks cache=False (parse all)", nocache))
    print(fmt("baseline: yaml.load CSafeLoader", c_parse))
    print(fmt("baseline: yaml.safe_load (pure Py)", py_parse))
    med = statistics.median(load)
    cold = statistics.median(nocache)
    print(f"ratio to the CSafeLoader parse: cached {med / statistics.median(c_parse):.2f}x, "
          f"uncached {cold / statistics.median(c_parse):.2f}x; to yaml.safe_load: cached "
          f"{med / statistics.median(py_parse):.3f}x, uncached {cold / statistics.median(py_parse):.2f}x")

    code = ("import time; t = time.perf_counter(); import quizapp.banks as b; "
            f"i = time.perf_counter(); r = b.load_banks({str(args.dir)!r}); e = time.perf_counter(); "
            "print((i - t) * 1000, (e - i) * 1000, len(r.questions))")
    fresh = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=ROOT, check=True).stdout.split() for _ in range(5)]
    imp = [float(c[0]) for c in fresh]
    first = [float(c[1]) for c in fresh]
    print(fmt("fresh process: import quizapp.banks", imp))
    print(fmt("fresh process: first load_banks", first))
    verdict = "OK" if med < 100 else "SLOW"
    print(f"{verdict}: median load {med:.1f} ms with the cache, {cold:.1f} ms without "
          "(target well under 100 ms)")
    return 0 if med < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
