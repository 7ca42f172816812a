"""The benchmark harness: statistics, interleaving, index passing, and which checks fail in which mode.

A fake clock makes every timing exact, so no test depends on real time or sleeps.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks import harness
from benchmarks.harness import Bench, summarize, takes_index

MS = 1_000_000


class FakeClock:
    """Advances by the cost the function that just ran declared; deterministic, no real time."""

    def __init__(self) -> None:
        self.now = 0
        self.next_cost = 0

    def __call__(self) -> int:
        self.now += self.next_cost
        self.next_cost = 0
        return self.now


def costing(clock: FakeClock, ns: int, log: list[str] | None = None, tag: str = "") -> Callable[[], None]:
    def fn() -> None:
        clock.next_cost = ns
        if log is not None:
            log.append(tag)

    return fn


def bench(tmp_path: Path, *flags: str, clock: FakeClock | None = None) -> Bench:
    return Bench("t", [*flags, "--json", str(tmp_path / "r.json")], clock=clock or FakeClock())


# --- statistics ---------------------------------------------------------------------------------------


def test_summarize_median_nearest_rank_p99_max_and_mean() -> None:
    stats = summarize([i * MS for i in reversed(range(1, 101))])  # order must not matter
    assert (stats.n, stats.median_ms, stats.p99_ms, stats.max_ms, stats.mean_ms) == (
        100,
        50.5,
        99.0,
        100.0,
        50.5,
    )


def test_p99_is_an_observed_sample_by_nearest_rank() -> None:
    assert summarize([i * MS for i in range(1, 11)]).p99_ms == 10.0  # rank ceil(9.9) = 10: the max
    assert summarize([i * MS for i in range(1, 201)]).p99_ms == 198.0  # rank ceil(198) = 198
    assert summarize([i * MS for i in range(1, 102)]).p99_ms == 100.0  # rank ceil(99.99) = 100, not 100.99
    assert summarize([3 * MS, 1 * MS, 2 * MS]).median_ms == 2.0
    with pytest.raises(ValueError):
        summarize([])


# --- interleaving and calling --------------------------------------------------------------------------


def test_candidate_and_baseline_are_interleaved_after_warmup(tmp_path: Path) -> None:
    clock, log = FakeClock(), []
    b = bench(tmp_path, clock=clock)
    b.compare(
        "x", candidate=costing(clock, 1, log, "c"), baseline=costing(clock, 1, log, "b"), repeat=4, warmup=2
    )
    warmup, timed = ["c", "b", "c", "b"], ["c", "b", "b", "c", "c", "b", "b", "c"]
    assert log == [*warmup, *timed]


def test_each_sample_times_only_its_own_call_and_ratios_are_of_medians(tmp_path: Path) -> None:
    clock = FakeClock()
    b = bench(tmp_path, clock=clock)
    r = b.compare("x", candidate=costing(clock, 3 * MS), baseline=costing(clock, 2 * MS), repeat=10)
    assert (r.candidate.n, r.candidate.median_ms, r.candidate.max_ms) == (10, 3.0, 3.0)
    assert (r.baseline.n, r.baseline.median_ms) == (10, 2.0)
    assert r.ratio == r.p99_ratio == 1.5


def test_index_is_passed_only_to_callables_that_require_it(tmp_path: Path) -> None:
    seen_c: list[int] = []
    seen_b: list[int] = []
    b = bench(tmp_path)
    b.compare("x", candidate=lambda i: seen_c.append(i), baseline=lambda q=-1: seen_b.append(q), repeat=3,
              warmup=2)  # fmt: skip
    assert seen_c == [0, 1, 0, 1, 2]
    assert seen_b == [-1] * 5  # a defaulted loop variable is not overwritten by the index
    forced: list[int] = []
    b.measure("m", lambda i=7: forced.append(i), repeat=2, warmup=0, takes_index=True)
    assert forced == [0, 1]
    assert takes_index(lambda i, c=(): None) and not takes_index(lambda: None) and not takes_index(print)
    with pytest.raises(TypeError):
        b.measure("m", lambda a, b: None, repeat=1)


def test_measure_runs_setup_untimed_before_each_call(tmp_path: Path) -> None:
    clock, log = FakeClock(), []

    def setup(i: int) -> None:
        clock.next_cost = 50 * MS  # must not count
        clock()  # the setup "spends" its time before the timed call reads the clock
        log.append(f"s{i}")

    r = bench(tmp_path, clock=clock).measure(
        "m", costing(clock, 2 * MS, log, "f"), setup=setup, repeat=2, warmup=1
    )
    assert log == ["s0", "f", "s0", "f", "s1", "f"]
    assert r.candidate.max_ms == 2.0


def test_quick_divides_repetitions_but_never_raises_them(tmp_path: Path) -> None:
    full, quick = bench(tmp_path), bench(tmp_path, "--quick")
    assert [full.repeats(n) for n in (2000, 100, 15)] == [2000, 100, 15]
    assert [quick.repeats(n) for n in (2000, 100, 15)] == [200, 20, 15]
    assert quick.measure("m", lambda: None, repeat=2000).candidate.n == 200


# --- checks by mode ------------------------------------------------------------------------------------


def test_ratio_beyond_max_ratio_fails_every_mode_and_marks_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for flags in ((), ("--quick",), ("--strict",)):
        clock = FakeClock()
        b = bench(tmp_path, *flags, clock=clock)
        with b.group("sqlite"):
            b.compare(
                "slow", candidate=costing(clock, 3 * MS), baseline=costing(clock, 1 * MS), max_ratio=2.0
            )
            b.compare(
                "fast", candidate=costing(clock, 1 * MS), baseline=costing(clock, 1 * MS), max_ratio=2.0
            )
        assert b.report() == 1, flags
        assert [bool(r.failures) for r in b.results] == [True, False]
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if "sqlite" in line and ("slow" in line or "fast" in line)]
    assert any(line.startswith("!!") and "slow" in line and "ratio 3.00 > 2.0" in line for line in rows)
    assert not any(line.startswith("!!") for line in rows if "fast" in line)


def test_candidate_within_max_ratio_passes(tmp_path: Path) -> None:
    clock = FakeClock()
    b = bench(tmp_path, "--quick", clock=clock)
    b.compare("ok", candidate=costing(clock, 1 * MS), baseline=costing(clock, 3 * MS), max_ratio=0.5)
    assert b.report() == 0


def test_absolute_targets_fail_only_in_strict_mode(tmp_path: Path) -> None:
    outcomes = {}
    for flags in ((), ("--quick",), ("--strict",), ("--quick", "--strict")):
        clock = FakeClock()
        b = bench(tmp_path, *flags, clock=clock)
        b.measure("abs", costing(clock, 5 * MS), repeat=5, targets={"median_ms": 1.0})
        b.compare("cmp", candidate=costing(clock, 5 * MS), baseline=costing(clock, 10 * MS), max_ratio=1.0,
                  targets={"p99_ms": 1.0})  # fmt: skip
        outcomes[b.mode] = b.report()
    assert outcomes == {"full": 0, "quick": 0, "strict": 1, "quick+strict": 1}


def test_recorded_limits_fail_in_every_mode(tmp_path: Path) -> None:
    for flags in ((), ("--quick",)):
        b = bench(tmp_path, *flags)
        b.record("startup ratio", value=1.1, limit=1.2)
        assert b.report() == 0
        b.record("startup ratio, big", value=1.3, limit=1.2)
        assert b.report() == 1
    b = bench(tmp_path)
    b.record("broken", value=math.nan, limit=1.2)
    assert b.report() == 1  # NaN compares False with everything; it must not pass silently


def test_bad_targets_and_options_are_rejected_before_running(tmp_path: Path) -> None:
    calls: list[int] = []
    with pytest.raises(ValueError):
        bench(tmp_path).measure("m", lambda: calls.append(1), targets={"p95_ms": 1.0})
    assert calls == []
    with pytest.raises(SystemExit):
        Bench("t", ["--strcit"])
    assert Bench("t", ["--quick", "--engines", "sqlite"], allow_extra=True).extra == ["--engines", "sqlite"]


# --- output --------------------------------------------------------------------------------------------


def test_json_has_run_context_and_every_result(tmp_path: Path) -> None:
    clock = FakeClock()
    b = bench(tmp_path, "--quick", clock=clock)
    with b.group("outer"):
        with b.group("inner"):
            b.compare("cmp", candidate=costing(clock, MS), baseline=costing(clock, 2 * MS), repeat=40,
                      targets={"median_ms": 0.5}, max_ratio=1.0)  # fmt: skip
        b.record("derived", value=1.0, limit=2.0)
    b.measure("alone", costing(clock, MS), repeat=3)
    assert b.report() == 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {"benchmark", "timestamp", "mode", "quick", "strict", "machine", "ok", "results"} <= data.keys()
    assert (data["benchmark"], data["mode"], data["ok"]) == ("t", "quick", True)
    assert {"python", "platform", "cpus"} <= data["machine"].keys()
    cmp, derived, alone = data["results"]
    assert [(r["group"], r["kind"]) for r in data["results"]] == [
        ("inner", "compare"), ("outer", "record"), ("", "measure")
    ]  # fmt: skip
    assert cmp["candidate"] == {"n": 20, "median_ms": 1.0, "p99_ms": 1.0, "max_ms": 1.0, "mean_ms": 1.0}
    assert cmp["baseline"]["median_ms"] == 2.0 and cmp["ratio"] == 0.5 and cmp["max_ratio"] == 1.0
    assert cmp["verdicts"] == {"median_ms": {"target": 0.5, "actual": 1.0, "met": False}}
    assert cmp["failures"] == [] and cmp["ok"] is True
    assert (derived["value"], derived["limit"], alone["baseline"], alone["ratio"]) == (1.0, 2.0, None, None)


def test_default_json_path_is_results_name_timestamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness, "RESULTS", tmp_path / "results")
    b = Bench("cat", [], clock=FakeClock())
    b.record("x", value=1.0)
    assert b.report() == 0
    [written] = (tmp_path / "results").iterdir()
    assert written.name == f"cat-{b.started:%Y%m%dT%H%M%S}.json"


def test_table_columns_are_aligned(tmp_path: Path) -> None:
    clock = FakeClock()
    b = bench(tmp_path, clock=clock)
    b.compare("a much longer name than the header", candidate=costing(clock, MS), baseline=costing(clock, MS))
    b.measure("short", costing(clock, 12345 * MS), repeat=3)
    b.check()
    header, rule, *rows = b.table().splitlines()
    ends = [line.index("ok") for line in rows]  # the verdict column starts at the same offset in every row
    assert len(set(ends)) == 1 and len(rule) >= len(header)
    for column, row, cell in (("ratio", 0, "1.00"), ("median", 1, "12345.000"), ("n", 1, "3")):
        end = header.index(f" {column} ") + 1 + len(column)  # numbers are right-aligned under their header
        assert rows[row][end - len(cell) : end] == cell


def test_signatures_are_inspected_once_not_inside_the_timed_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    real = harness.takes_index
    monkeypatch.setattr(harness, "takes_index", lambda fn: calls.append(fn) or real(fn))
    b = bench(tmp_path)
    b.compare("x", candidate=lambda i: None, baseline=lambda: None, repeat=50)
    b.measure("m", lambda: None, setup=lambda i: None, repeat=50)
    assert len(calls) == 4  # inspect.signature costs ~20 µs, which would land in every sample


def test_the_machines_pace_is_probed_through_the_run_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every PACE_EVERY samples, untimed, the probe runs; the report gives its median, best and their ratio."""
    probes = iter([4 * MS, 2 * MS, 3 * MS, 6 * MS])
    monkeypatch.setattr(harness, "pace_probe", lambda: next(probes))
    clock = FakeClock()
    b = bench(tmp_path, clock=clock)
    b.measure("alone", costing(clock, MS), repeat=2 * harness.PACE_EVERY, warmup=0)  # probes at 0 and 25
    b.compare("cmp", candidate=costing(clock, MS), baseline=costing(clock, MS), repeat=30, warmup=0)
    assert b.results[0].candidate.median_ms == 1.0  # the probe is not in the samples
    assert b.report() == 0
    assert b.pace_summary() == {"probes": 4, "best_ms": 2.0, "median_ms": 3.5, "slowdown": 1.75}
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["pace"]["slowdown"] == 1.75
    out = capsys.readouterr().out
    assert (
        "machine pace: a fixed Python loop took 3.50 ms (median of 4 probes through the run), 2.00 ms at best: x1.75"
        in out
    )
    assert "the machine ran slower than at its best for much of the run" in out  # above BUSY_MACHINE


def test_a_steady_pace_is_not_called_busy(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(harness, "pace_probe", lambda: 2 * MS)
    clock = FakeClock()
    b = bench(tmp_path, clock=clock)
    b.measure("alone", costing(clock, MS), repeat=30, warmup=0)
    assert b.report() == 0 and b.pace_summary()["slowdown"] == 1.0
    assert "slower than at its best" not in capsys.readouterr().out


def test_the_pace_probe_does_real_work() -> None:
    assert harness.pace_probe() > 0 and harness.pace_probe() < 10_000 * MS
