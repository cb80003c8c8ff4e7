"""The load benchmark (benchmarks/serve_load.py), smaller: every request answered with its own
text, none lost, the figures printed. Timing is not judged (the machine's load decides it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install -e '.[serve]')")

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "serve_load.py"


@pytest.mark.slow
def test_concurrent_requests_are_all_answered(capsys):
    spec = importlib.util.spec_from_file_location("serve_load_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    status = module.main(["--requests", "40", "--clients", "8", "--timeout", "240"])
    output = capsys.readouterr().out
    assert status == 0, output
    assert "answered correctly 40/40, wrong 0, lost 0" in output
    assert "latency p50" in output and "p95" in output and "load average" in output and "CPU time: server" in output
    calls = int(output.split("requests in ")[1].split()[0])
    assert 1 <= calls <= 40
