"""`talk_over.py` gives both code versions of a trial the same lines: a `hearth run`
started with its PYTHONPATH and a HEARTH_LINES_SEED picks Hearth's lines and check-in
questions from that seed."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PICKS = (
    "from assistant.dialog.responses import Responses\n"
    "r = Responses()\n"
    "qs = r.all_questions()\n"
    "print([r.shuffle(qs) for _ in range(8)], [r.pick('voice.not_caught') for _ in range(8)])\n"
)


@pytest.fixture
def talk_over(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    return importlib.import_module("talk_over")


def picks(talk_over, seed: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "HEARTH_LINES_SEED"}
    env["PYTHONPATH"] = talk_over.same_lines(str(ROOT))
    if seed is not None:
        env["HEARTH_LINES_SEED"] = seed
    done = subprocess.run(
        [sys.executable, "-c", PICKS], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_same_seed_picks_the_same_lines(talk_over) -> None:
    assert picks(talk_over, "9-3") == picks(talk_over, "9-3")


def test_another_seed_or_none_picks_others(talk_over) -> None:
    # 8 questions of dozens and 8 lines of a few: equal by chance about never.
    seeded = picks(talk_over, "9-3")
    assert picks(talk_over, "9-4") != seeded
    assert picks(talk_over, None) != picks(talk_over, None)


def test_the_code_under_test_comes_first_on_the_path(talk_over) -> None:
    path = talk_over.same_lines("/some/tree").split(os.pathsep)
    assert path == ["/some/tree", str(ROOT / "benchmarks" / "same_lines")]
