"""Benchmark scripts: run with `python -m benchmarks.<script> [--quick] [--strict] [--json PATH]`."""
