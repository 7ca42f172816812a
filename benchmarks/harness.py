"""A small benchmark harness: interleaved candidate/baseline runs, median/p99/max, ratios, JSON and a table.

Absolute times on shared machines are noisy, so what every mode checks is the ratio of a candidate to a
baseline timed in the same run, call by call, plus derived figures with limits; absolute targets are
always reported but only fail the run with `--strict` (a quiet reference machine). `--quick` (CI) runs
a tenth of the repetitions. See benchmarks/README.md.
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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Clock = Callable[[], int]
"""Returns nanoseconds; injectable so tests can drive the harness with a fake clock."""

RESULTS = Path(__file__).resolve().parent / "results"
QUICK_DIVISOR = 10
QUICK_MIN_REPEAT = 20
KINDS = ("compare", "measure", "record")
BUSY_MACHINE = 1.25
"""A pace slowdown above this is reported as a busy machine."""
PACE_EVERY = 25
"""Samples between two probes of the machine's pace (`pace_probe`)."""


def pace_probe() -> int:
    """Nanoseconds a fixed pure-Python loop takes now (about 1 ms on a quiet 2-core machine).

    Shared and virtual machines give a process more or less CPU from one second to the next; probed
    through the run (untimed for the results), it says how fast the machine was while they were taken.
    """
    start = time.perf_counter_ns()
    total = 0
    for i in range(20_000):
        total += i * i
    return time.perf_counter_ns() - start


@dataclass(frozen=True)
class Stats:
    """Summary of one series of timings, in milliseconds."""

    n: int
    median_ms: float
    p99_ms: float
    max_ms: float
    mean_ms: float


TARGET_KEYS = tuple(f.name for f in fields(Stats) if f.name.endswith("_ms"))


def summarize(samples_ns: Sequence[int]) -> Stats:
    """Median, nearest-rank p99 (an observed sample, never an interpolation), max and mean, in ms."""
    if not samples_ns:
        raise ValueError("no samples")
    ordered = sorted(samples_ns)
    rank = max(1, math.ceil(0.99 * len(ordered)))
    ms = 1e6
    return Stats(
        n=len(ordered),
        median_ms=statistics.median(ordered) / ms,
        p99_ms=ordered[rank - 1] / ms,
        max_ms=ordered[-1] / ms,
        mean_ms=statistics.fmean(ordered) / ms,
    )


def takes_index(fn: Callable[..., object]) -> bool:
    """Whether `fn` wants the iteration index: it has exactly one required positional parameter.

    Parameters with defaults do not count, so the loop idiom `lambda q=q: search(q)` is called with no
    argument, while `lambda i, c=codes: lookup(c[i % len(c)])` receives the index.
    """
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # some builtins have no signature; they are called bare
        return False
    required = [
        p
        for p in parameters
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(required) > 1:
        raise TypeError(f"{fn!r} needs {len(required)} arguments; the harness passes at most the index")
    return len(required) == 1


@dataclass
class Result:
    """One row of the report; `failures` is filled by the checks when the report is made."""

    name: str
    group: str
    kind: str
    candidate: Stats
    baseline: Stats | None = None
    targets: dict[str, float] = field(default_factory=dict)
    max_ratio: float | None = None
    value: float | None = None
    limit: float | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        """Candidate median / baseline median; None without a baseline or when the baseline took 0 ns."""
        if self.baseline is None or self.baseline.median_ms == 0:
            return None
        return self.candidate.median_ms / self.baseline.median_ms

    @property
    def p99_ratio(self) -> float | None:
        if self.baseline is None or self.baseline.p99_ms == 0:
            return None
        return self.candidate.p99_ms / self.baseline.p99_ms

    def verdicts(self) -> dict[str, dict[str, float | bool]]:
        """Each absolute target against the candidate's figure (met or not, whatever the mode)."""
        out: dict[str, dict[str, float | bool]] = {}
        for key, target in self.targets.items():
            actual = getattr(self.candidate, key)
            out[key] = {"target": target, "actual": actual, "met": actual <= target}
        return out


def _check_targets(targets: dict[str, float] | None) -> dict[str, float]:
    """Reject unknown keys up front, so a typo fails before a long run rather than at the report."""
    targets = dict(targets or {})
    unknown = sorted(set(targets) - set(TARGET_KEYS))
    if unknown:
        raise ValueError(f"unknown target keys {unknown}; use {list(TARGET_KEYS)}")
    return targets


def _finite(value: Any) -> Any:
    """JSON has no NaN/Infinity; write null instead so the file stays parseable."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _ms(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.3f}" if abs(value) >= 0.1 or value == 0 else f"{value:.4f}"


class Bench:
    """Collects the measurements of one benchmark script and reports them.

    `argv` is parsed for --quick, --strict and --json PATH (None means no options, not sys.argv, so
    importing scripts from tests never picks up pytest's arguments). Unknown options are an error, so
    a mistyped `--strcit` cannot silently pass CI; scripts with options of their own pass
    `allow_extra=True` and read `bench.extra`.
    """

    def __init__(
        self,
        name: str,
        argv: Sequence[str] | None = None,
        *,
        clock: Clock = time.perf_counter_ns,
        allow_extra: bool = False,
    ) -> None:
        parser = argparse.ArgumentParser(prog=f"python -m benchmarks.{name}")
        parser.add_argument("--quick", action="store_true", help="a tenth of the repetitions (CI)")
        parser.add_argument("--strict", action="store_true", help="also fail on missed absolute targets")
        parser.add_argument("--json", type=Path, default=None, help="where to write the JSON results")
        args_list = list(argv or [])
        if allow_extra:
            self.args, self.extra = parser.parse_known_args(args_list)
        else:
            self.args, self.extra = parser.parse_args(args_list), []
        self.name, self.clock = name, clock
        self.started = datetime.now(UTC)
        self.results: list[Result] = []
        self.pace: list[int] = []
        """`pace_probe` times through the run."""
        self._group = ""

    @property
    def quick(self) -> bool:
        return bool(self.args.quick)

    @property
    def strict(self) -> bool:
        return bool(self.args.strict)

    @property
    def mode(self) -> str:
        return "+".join(m for m, on in (("quick", self.quick), ("strict", self.strict)) if on) or "full"

    def repeats(self, repeat: int) -> int:
        """Repetitions for this mode: quick divides by 10 (at least 20) but never raises the count."""
        if not self.quick:
            return repeat
        return min(repeat, max(QUICK_MIN_REPEAT, repeat // QUICK_DIVISOR))

    @contextmanager
    def group(self, label: str) -> Iterator[None]:
        """Label the results made inside (engine, data size…); nesting restores the outer label."""
        previous, self._group = self._group, label
        try:
            yield
        finally:
            self._group = previous

    def _time(self, fn: Callable[..., object], with_index: bool, index: int) -> int:
        # Only the call sits between the two clock reads: the index decision is made once, beforehand
        # (inspect.signature costs ~20 µs, a tenth of a 0.2 ms target).
        clock = self.clock
        if with_index:
            start = clock()
            fn(index)
            return clock() - start
        start = clock()
        fn()
        return clock() - start

    def _probe(self, index: int) -> None:
        if index % PACE_EVERY == 0:
            self.probe()

    def probe(self) -> None:
        """Probe the machine's pace now (measure and compare do it on their own every PACE_EVERY samples)."""
        self.pace.append(pace_probe())

    def pace_summary(self) -> dict[str, float] | None:
        """The probe's best and median time (ms) and their ratio: how much slower than its best moment the
        machine ran while the results were taken (absolute targets assume a quiet machine)."""
        if not self.pace:
            return None
        best, median = min(self.pace) / 1e6, statistics.median(self.pace) / 1e6
        return {"probes": len(self.pace), "best_ms": best, "median_ms": median, "slowdown": median / best}

    @staticmethod
    def _resolve(fn: Callable[..., object], flag: bool | None) -> bool:
        return takes_index(fn) if flag is None else flag

    @staticmethod
    def _call(fn: Callable[..., object], with_index: bool, index: int) -> None:
        fn(index) if with_index else fn()

    def compare(
        self,
        name: str,
        *,
        candidate: Callable[..., object],
        baseline: Callable[..., object],
        repeat: int = 1000,
        warmup: int = 5,
        targets: dict[str, float] | None = None,
        max_ratio: float | None = None,
        takes_index: bool | None = None,
        setup: Callable[..., object] | None = None,
    ) -> Result:
        """Time candidate and baseline alternately, c b b c c b…, so drift and cache effects fall on both.

        `setup`, when given, runs untimed before each pair (index i), e.g. to start a new sale.

        `max_ratio` (candidate median / baseline median) is checked in every mode; `targets` apply to the
        candidate and fail only with --strict. `takes_index=None` inspects each callable (see
        `takes_index()`); True/False forces it for both.
        """
        targets = _check_targets(targets)
        if repeat < 1 or warmup < 0:
            raise ValueError("repeat must be >= 1 and warmup >= 0")
        cand_i = self._resolve(candidate, takes_index)
        base_i = self._resolve(baseline, takes_index)
        setup_i = self._resolve(setup, takes_index) if setup is not None else False
        for i in range(warmup):
            if setup is not None:
                self._call(setup, setup_i, i)
            self._call(candidate, cand_i, i)
            self._call(baseline, base_i, i)
        cand: list[int] = []
        base: list[int] = []
        for i in range(self.repeats(repeat)):
            self._probe(i)
            if setup is not None:
                self._call(setup, setup_i, i)
            if i % 2 == 0:
                cand.append(self._time(candidate, cand_i, i))
                base.append(self._time(baseline, base_i, i))
            else:
                base.append(self._time(baseline, base_i, i))
                cand.append(self._time(candidate, cand_i, i))
        result = Result(name, self._group, "compare", summarize(cand), summarize(base), targets, max_ratio)
        self.results.append(result)
        return result

    def measure(
        self,
        name: str,
        fn: Callable[..., object],
        *,
        repeat: int = 100,
        warmup: int = 2,
        targets: dict[str, float] | None = None,
        setup: Callable[..., object] | None = None,
        takes_index: bool | None = None,
    ) -> Result:
        """Time `fn` alone (no baseline, so only --strict can fail it); `setup` runs untimed before each call."""
        targets = _check_targets(targets)
        if repeat < 1 or warmup < 0:
            raise ValueError("repeat must be >= 1 and warmup >= 0")
        fn_i = self._resolve(fn, takes_index)
        setup_i = self._resolve(setup, takes_index) if setup is not None else False
        for i in range(warmup):
            if setup is not None:
                self._call(setup, setup_i, i)
            self._call(fn, fn_i, i)
        samples: list[int] = []
        for i in range(self.repeats(repeat)):
            self._probe(i)
            if setup is not None:
                self._call(setup, setup_i, i)
            samples.append(self._time(fn, fn_i, i))
        result = Result(name, self._group, "measure", summarize(samples), None, targets)
        self.results.append(result)
        return result

    def record(
        self,
        name: str,
        *,
        value: float,
        limit: float | None = None,
        targets: dict[str, float] | None = None,
    ) -> Result:
        """A derived figure (a ratio of two start-up times, a time in s…) with an upper limit checked in
        every mode; `targets` compare `value` (as median_ms etc.) and fail only with --strict."""
        value = float(value)
        stats = Stats(1, value, value, value, value)
        result = Result(name, self._group, "record", stats, None, _check_targets(targets), value=value,
                        limit=limit)  # fmt: skip
        self.results.append(result)
        return result

    def check(self) -> list[Result]:
        """Fill each result's failures for this mode and return the failing results."""
        for r in self.results:
            r.failures.clear()
            if r.max_ratio is not None and r.baseline is not None:
                if r.ratio is None:
                    if r.candidate.median_ms > 0:
                        r.failures.append("ratio: baseline median is 0")
                elif r.ratio > r.max_ratio:
                    r.failures.append(f"ratio {r.ratio:.2f} > {r.max_ratio}")
            if r.value is not None and not math.isfinite(r.value):
                r.failures.append(f"value {r.value} is not finite")
            elif r.limit is not None and r.value is not None and r.value > r.limit:
                r.failures.append(f"value {r.value:.3f} > {r.limit}")
            if self.strict:
                for key, verdict in r.verdicts().items():
                    if not verdict["met"]:
                        r.failures.append(f"{key} {verdict['actual']:.3f} > {verdict['target']}")
        return [r for r in self.results if r.failures]

    def table(self) -> str:
        """Aligned text table; failing rows start with `!!` (call check() first for current failures)."""
        header = ["", "group", "name", "n", "median", "p99", "max", "b.median", "b.p99", "b.max", "ratio",
                  "p99 ratio", "targets", "verdict"]  # fmt: skip
        rows: list[list[str]] = [header]
        for r in self.results:
            c, b = r.candidate, r.baseline
            targets = " ".join(
                f"{k.removesuffix('_ms')}<={v['target']}:{'ok' if v['met'] else 'MISS'}"
                for k, v in r.verdicts().items()
            )
            if r.limit is not None:
                targets = (targets + f" limit<={r.limit}").strip()
            verdict = ("FAIL " + "; ".join(r.failures)) if r.failures else "ok"
            if r.kind == "record":
                numbers = ["", _ms(r.value), "", "", "", "", "", "", ""]
            else:
                numbers = [
                    str(c.n), _ms(c.median_ms), _ms(c.p99_ms), _ms(c.max_ms),
                    _ms(b.median_ms) if b else "", _ms(b.p99_ms) if b else "", _ms(b.max_ms) if b else "",
                    f"{r.ratio:.2f}" if r.ratio is not None else "",
                    f"{r.p99_ratio:.2f}" if r.p99_ratio is not None else "",
                ]  # fmt: skip
            rows.append(["!!" if r.failures else "", r.group, r.name, *numbers, targets, verdict])
        widths = [max(len(row[k]) for row in rows) for k in range(len(header))]
        left = {0, 1, 2, 12, 13}
        lines = []
        for row in rows:
            cells = [
                cell.ljust(width) if k in left else cell.rjust(width)
                for k, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            lines.append("  ".join(cells).rstrip())
        lines.insert(1, "-" * max(len(line) for line in lines))
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The machine-readable report: run context plus every result with its stats and verdicts."""
        return _finite(
            {
                "benchmark": self.name,
                "timestamp": self.started.isoformat(),
                "mode": self.mode,
                "quick": self.quick,
                "strict": self.strict,
                "machine": {
                    "python": platform.python_version(),
                    "implementation": platform.python_implementation(),
                    "platform": platform.platform(),
                    "machine": platform.machine(),
                    "cpus": os.cpu_count(),
                },
                "ok": not any(r.failures for r in self.results),
                "pace": self.pace_summary(),
                "results": [
                    {
                        **asdict(r),
                        "ratio": r.ratio,
                        "p99_ratio": r.p99_ratio,
                        "verdicts": r.verdicts(),
                        "ok": not r.failures,
                    }
                    for r in self.results
                ],
            }
        )

    def default_json_path(self) -> Path:
        return RESULTS / f"{self.name}-{self.started:%Y%m%dT%H%M%S}.json"

    def report(self) -> int:
        """Check, print the table (times in ms), write the JSON; return 1 if any check failed, else 0.

        Ratios and limits fail in every mode; missed absolute targets only with --strict.
        """
        failing = self.check()
        print(f"benchmark {self.name} ({self.mode}); times in ms; b. = baseline; ratio = median/b.median")
        print(self.table())
        if (pace := self.pace_summary()) is not None:
            print(
                f"\nmachine pace: a fixed Python loop took {pace['median_ms']:.2f} ms (median of {pace['probes']} "
                f"probes through the run), {pace['best_ms']:.2f} ms at best: x{pace['slowdown']:.2f}"
            )
            if pace["slowdown"] > BUSY_MACHINE:
                print("  the machine ran slower than at its best for much of the run: absolute figures of this run"
                      " overstate what a quiet machine does (ratios to the baselines hold)")  # fmt: skip
        if failing:
            print(f"\nFAILED: {len(failing)} of {len(self.results)} result(s)")
            for r in failing:
                print(f"  !! {r.group + ' / ' if r.group else ''}{r.name}: {'; '.join(r.failures)}")
        path = self.args.json or self.default_json_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                        encoding="utf-8")  # fmt: skip
        print(f"\nJSON: {path}")
        sys.stdout.flush()
        return 1 if failing else 0
