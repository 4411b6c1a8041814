"""The benchmarks' neural voice (Piper, installed by the test extra) in the talking-over
and latency benchmarks: its commands are trimmed to their voiced part like the other
voices'."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture
def talk_over(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    return importlib.import_module("talk_over")


def test_a_command_in_the_neural_voice_is_trimmed_16_khz_speech(talk_over, tmp_path) -> None:
    ((engine, voice),) = talk_over.VOICES["neural"]
    said = talk_over.synthesize("hey hearth, stop", engine, voice, tmp_path)
    again = talk_over.synthesize("hey hearth, stop", engine, voice, tmp_path)
    assert np.array_equal(said, again)  # seeded: the same clip in both arms and runs
    assert 0.5 < len(said) / talk_over.RATE < 2.5
    rms = talk_over.block_rms(said)
    assert rms[0] > talk_over.VOICED / 3 and rms[-1] > talk_over.VOICED / 3  # no silence


def test_the_talking_over_splits_name_the_neural_voice_apart(talk_over) -> None:
    import neural_voice

    assert neural_voice.missing([]) is None
    assert neural_voice.missing([neural_voice.JOE]) is None  # the test extra has it
    assert all(engine != "piper" for s in ("tune", "rest") for engine, _ in talk_over.VOICES[s])


def test_the_latency_benchmark_speaks_in_the_neural_voice(monkeypatch, tmp_path) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    latency = importlib.import_module("latency")
    joe = latency.neural_voice.JOE
    said = latency.synthesize("hey hearth, stop", joe, 0, tmp_path)
    assert np.array_equal(said, latency.synthesize("hey hearth, stop", joe, 0, tmp_path))
    assert 0.5 < len(said) / latency.RATE < 2.5
    block = latency.RATE // 100
    edges = np.concatenate([said[:block], said[-block:]]).astype(float).reshape(2, block)
    assert (np.sqrt((edges**2).mean(1)) > 100).all()  # trimmed to its voiced part


def test_the_latency_baseline_hears_the_same_voice(monkeypatch) -> None:
    """The baseline tree's run spoke espeak-ng while the current code heard the neural
    voice: two sets of clips compared as one."""
    import argparse

    monkeypatch.syspath_prepend(str(BENCHMARKS))
    latency = importlib.import_module("latency")
    opts = argparse.Namespace(
        count=25, grammar="full", fast=False, voice="piper-joe", summary=None, baseline_rev="abc"
    )
    assert "--voice=piper-joe" in latency.baseline_flags(opts)
    espeak = latency.baseline_flags(argparse.Namespace(**{**vars(opts), "voice": "espeak"}))
    assert not any(flag.startswith("--voice") for flag in espeak)


def test_the_latency_baseline_tree_gets_every_helper_the_script_imports(monkeypatch) -> None:
    """The script is copied into an older tree to measure its code: a helper it imports
    that the tree lacks (`neural_voice`, before 2026-12-05) stopped `hearing.py`'s run
    beside c837c90 at its last benchmark."""
    import ast

    monkeypatch.syspath_prepend(str(BENCHMARKS))
    latency = importlib.import_module("latency")
    tree = ast.parse((BENCHMARKS / "latency.py").read_text())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    local = {f"{m}.py" for m in imported if (BENCHMARKS / f"{m}.py").is_file()}
    assert local == set(latency.HELPERS)
