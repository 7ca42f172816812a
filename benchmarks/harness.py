"""A small benchmark harness: interleaved candidate/baseline runs, median/p99/max, ratios, JSON and a table.

Absolute times on shared machines are noisy, so the ratio of a candidate to a baseline measured in the
same run, interleaved call by call, is what `--quick` (CI) checks; `--strict` also checks absolute targets.
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

Clock = Callable[[], int]
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Stats:
    n: int
    median_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float


def summarize(samples_ns: list[int]) -> Stats:
    """Median, nearest-rank p99, max and mean in milliseconds."""
    if not samples_ns:
        raise ValueError("no samples")
    ordered = sorted(samples_ns)
    rank = max(1, math.ceil(0.99 * len(ordered)))
    ms = 1e6
    return Stats(len(ordered), statistics.median(ordered) / ms, ordered[rank - 1] / ms, ordered[-1] / ms,
                 statistics.fmean(ordered) / ms)  # fmt: skip


@dataclass
class Result:
    name: str
    group: str
    candidate: Stats
    baseline: Stats | None = None
    targets: dict[str, float] = field(default_factory=dict)
    max_ratio: float | None = None
    value: float | None = None
    limit: float | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline.median_ms == 0:
            return None
        return self.candidate.median_ms / self.baseline.median_ms

    @property
    def p99_ratio(self) -> float | None:
        if self.baseline is None or self.baseline.p99_ms == 0:
            return None
        return self.candidate.p99_ms / self.baseline.p99_ms


def _call(fn: Callable, index: int) -> None:
    fn(index) if _takes_index(fn) else fn()


def _takes_index(fn: Callable) -> bool:
    try:
        return len(inspect.signature(fn).parameters) >= 1
    except (TypeError, ValueError):
        return False


class Bench:
    """Collects measurements of one script and reports them; see benchmarks/README.md."""

    def __init__(self, name: str, argv: list[str] | None = None, clock: Clock = time.perf_counter_ns) -> None:
        parser = argparse.ArgumentParser(prog=f"benchmarks.{name}")
        parser.add_argument("--quick", action="store_true", help="fewer repetitions; fail only on ratios")
        parser.add_argument("--strict", action="store_true", help="also fail on missed absolute targets")
        parser.add_argument("--json", type=Path, default=None, help="where to write the JSON results")
        self.args, self.extra = parser.parse_known_args(argv or [])
        self.name, self.clock = name, clock
        self.results: list[Result] = []
        self._group = ""

    @property
    def quick(self) -> bool:
        return self.args.quick

    def repeats(self, repeat: int) -> int:
        return max(20, repeat // 10) if self.quick else repeat

    @contextmanager
    def group(self, label: str) -> Iterator[None]:
        previous, self._group = self._group, label
        try:
            yield
        finally:
            self._group = previous

    def _time(self, fn: Callable, index: int) -> int:
        start = self.clock()
        _call(fn, index)
        return self.clock() - start

    def compare(
        self,
        name: str,
        *,
        candidate: Callable,
        baseline: Callable,
        repeat: int = 1000,
        warmup: int = 5,
        targets: dict[str, float] | None = None,
        max_ratio: float | None = None,
    ) -> Result:
        """Time candidate and baseline alternately (order swapped every pair to cancel drift)."""
        for i in range(warmup):
            _call(candidate, i)
            _call(baseline, i)
        cand: list[int] = []
        base: list[int] = []
        for i in range(self.repeats(repeat)):
            if i % 2 == 0:
                cand.append(self._time(candidate, i))
                base.append(self._time(baseline, i))
            else:
                base.append(self._time(baseline, i))
                cand.append(self._time(candidate, i))
        result = Result(name, self._group, summarize(cand), summarize(base), dict(targets or {}), max_ratio)
        self.results.append(result)
        return result

    def measure(self, name: str, fn: Callable, *, repeat: int = 100, warmup: int = 2,
                targets: dict[str, float] | None = None, setup: Callable | None = None) -> Result:  # fmt: skip
        """Time `fn` alone; `setup(i)`, when given, runs before each call and is not timed."""
        for i in range(warmup):
            if setup is not None:
                _call(setup, i)
            _call(fn, i)
        samples = []
        for i in range(self.repeats(repeat) if repeat > 20 else repeat):
            if setup is not None:
                _call(setup, i)
            samples.append(self._time(fn, i))
        result = Result(name, self._group, summarize(samples), None, dict(targets or {}))
        self.results.append(result)
        return result

    def record(self, name: str, *, value: float, limit: float | None = None) -> Result:
        """A derived figure (e.g. a ratio of two start-up times) with an upper limit checked in every mode."""
        result = Result(name, self._group, Stats(1, value, value, value, value), value=value, limit=limit)
        self.results.append(result)
        return result

    def _check(self) -> None:
        for r in self.results:
            r.failures.clear()
            if r.max_ratio is not None and r.ratio is not None and r.ratio > r.max_ratio:
                r.failures.append(f"ratio {r.ratio:.2f} > {r.max_ratio}")
            if r.limit is not None and r.value is not None and r.value > r.limit:
                r.failures.append(f"value {r.value:.3f} > {r.limit}")
            if self.args.strict:
                for key, target in r.targets.items():
                    actual = getattr(r.candidate, key)
                    if actual > target:
                        r.failures.append(f"{key} {actual:.3f} > {target}")

    def table(self) -> str:
        header = f"{'group':<14} {'name':<34} {'n':>6} {'median':>9} {'p99':>9} {'max':>9} {'base med':>9} {'base p99':>9} {'ratio':>7}  verdict"  # noqa: E501
        lines = [header, "-" * len(header)]
        for r in self.results:
            base = r.baseline
            targets = " ".join(
                f"{k}≤{v}{'✓' if getattr(r.candidate, k) <= v else '✗'}" for k, v in r.targets.items()
            )
            verdict = ("FAIL " + "; ".join(r.failures)) if r.failures else "ok"
            if r.value is not None:
                lines.append(f"{r.group:<14} {r.name:<34} {'':>6} {r.value:>9.3f} {'':>9} {'':>9} {'':>9} {'':>9} "
                             f"{'':>7}  {verdict} (limit {r.limit})")  # fmt: skip
                continue
            lines.append(
                f"{r.group:<14} {r.name:<34} {r.candidate.n:>6} {r.candidate.median_ms:>9.3f} "
                f"{r.candidate.p99_ms:>9.3f} {r.candidate.max_ms:>9.3f} "
                f"{(f'{base.median_ms:.3f}' if base else ''):>9} {(f'{base.p99_ms:.3f}' if base else ''):>9} "
                f"{(f'{r.ratio:.2f}' if r.ratio is not None else ''):>7}  {verdict} {targets}"
            )
        return "\n".join(lines)

    def report(self) -> int:
        """Print the table (times in ms), write the JSON, and return the exit code."""
        self._check()
        print(self.table())
        path = self.args.json or RESULTS / f"{self.name}-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "benchmark": self.name,
            "timestamp": datetime.now(UTC).isoformat(),
            "mode": "strict" if self.args.strict else "quick" if self.quick else "full",
            "machine": {
                "python": sys.version.split()[0],
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
            },
            "results": [{**asdict(r), "ratio": r.ratio, "p99_ratio": r.p99_ratio} for r in self.results],
        }
        path.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nJSON: {path}")
        return 1 if any(r.failures for r in self.results) else 0
