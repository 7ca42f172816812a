"""The benchmark harness: statistics, interleaving, and which checks fail in which mode."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.harness import Bench, summarize


class FakeClock:
    """Each call advances by the duration the running function set (deterministic, no real time)."""

    def __init__(self) -> None:
        self.now = 0
        self.next_cost = 0

    def __call__(self) -> int:
        self.now += self.next_cost
        self.next_cost = 0
        return self.now


def costing(clock: FakeClock, ns: int, log: list[str] | None = None, tag: str = ""):
    def fn() -> None:
        clock.next_cost = ns
        if log is not None:
            log.append(tag)

    return fn


def test_summarize_median_nearest_rank_p99_and_max() -> None:
    stats = summarize([i * 1_000_000 for i in range(1, 101)])
    assert (stats.n, stats.median_ms, stats.p99_ms, stats.max_ms) == (100, 50.5, 99.0, 100.0)


def test_candidate_and_baseline_are_interleaved(tmp_path: Path) -> None:
    clock, log = FakeClock(), []
    bench = Bench("t", ["--json", str(tmp_path / "r.json")], clock=clock)
    bench.compare("x", candidate=costing(clock, 1, log, "c"), baseline=costing(clock, 1, log, "b"), repeat=4,
                  warmup=0)  # fmt: skip
    assert log == ["c", "b", "b", "c", "c", "b", "b", "c"]


def test_ratio_failure_fails_in_quick_mode_but_targets_only_in_strict(tmp_path: Path) -> None:
    clock = FakeClock()
    quick = Bench("t", ["--quick", "--json", str(tmp_path / "q.json")], clock=clock)
    quick.compare("slow", candidate=costing(clock, 3_000_000), baseline=costing(clock, 1_000_000), max_ratio=2.0,
                  warmup=0)  # fmt: skip
    quick.measure("abs", costing(clock, 5_000_000), repeat=5, targets={"median_ms": 1.0})
    assert quick.report() == 1
    assert [r.failures != [] for r in quick.results] == [True, False]
    ok = Bench("t", ["--quick", "--json", str(tmp_path / "ok.json")], clock=clock)
    ok.measure("abs", costing(clock, 5_000_000), repeat=5, targets={"median_ms": 1.0})
    assert ok.report() == 0
    strict = Bench("t", ["--strict", "--json", str(tmp_path / "s.json")], clock=clock)
    strict.measure("abs", costing(clock, 5_000_000), repeat=5, targets={"median_ms": 1.0})
    assert strict.report() == 1


def test_recorded_limits_and_json(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    bench = Bench("t", ["--json", str(path)], clock=FakeClock())
    bench.record("startup ratio", value=1.3, limit=1.2)
    assert bench.report() == 1
    data = json.loads(path.read_text())
    assert data["benchmark"] == "t" and data["results"][0]["failures"] == ["value 1.300 > 1.2"]
    assert {"python", "platform", "cpus"} <= data["machine"].keys()
