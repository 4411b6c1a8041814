"""The parallel run's real-time lanes (tests/conftest.py) name files that exist, and
every test that measures real time is in one of them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REAL_TIME_LANES, lane_workers, real_time_lane

ROOT = Path(__file__).resolve().parent.parent


def test_every_path_a_lane_names_exists() -> None:
    for lane in REAL_TIME_LANES:
        for path in lane:
            assert (ROOT / path).exists(), path


def test_every_live_test_file_runs_in_a_lane() -> None:
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests/live").glob("test_*.py"))
    assert files
    assert all(real_time_lane(path) is not None for path in files)
    assert real_time_lane("tests/dialog/test_dialog_kill.py") == 0
    assert real_time_lane("tests/live/test_live_e2e.py") == 1
    assert real_time_lane("tests/nlu/test_nlu_matcher.py") is None


def test_lanes_leave_a_worker_for_the_other_tests() -> None:
    assert lane_workers(4) == 2  # -n auto on two cores: two lanes and two others
    assert lane_workers(3) == 2
    assert lane_workers(2) == 1  # both lanes on the first worker, one after another
    assert lane_workers(1) == 1
