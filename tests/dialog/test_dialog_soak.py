"""Three days of `benchmarks/soak.py` (the month-long soak) in CI: the real engine,
parser and SQLite log on the virtual clock; every check holds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SOAK = Path(__file__).resolve().parents[2] / "benchmarks" / "soak.py"


def test_three_days_of_a_couples_life(tmp_path) -> None:
    spec = importlib.util.spec_from_file_location("soak", SOAK)
    assert spec is not None and spec.loader is not None
    soak = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = soak  # dataclasses look their module up there
    spec.loader.exec_module(soak)
    result = soak.soak(3, tmp_path / "soak.db", seed=3, talk=100)
    assert result.problems == []
    assert result.tally.checkins == [0, 1, 2]  # once a day, every day
    assert len(result.tally.starts) >= 3 * 6  # pauses, time apart and rituals ran
    assert result.tally.commands >= 3 * 20
    assert result.talk_day_growth == (0, 0)  # everyday talk writes nothing
    assert result.db_bytes[-1] > result.db_bytes[0]  # commands are logged
