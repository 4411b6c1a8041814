"""`hearth run` given a device index or an output file it cannot use: one line at
once and a non-zero exit, before anything is loaded or heard (real PulseAudio)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.speech.devices import list_devices


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "run", *args],
        capture_output=True, text=True, env={**os.environ, **env}, timeout=120,
    )  # fmt: skip


def test_an_input_index_that_cannot_exist_lists_the_devices(tmp_path: Path, pulse) -> None:
    devices = list_devices()
    assert any(d.inputs for d in devices)
    done = run(["--input-device", "99", "--db", str(tmp_path / "h.db")], pulse)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith("Error: input device 99: no such device; input devices: ")
    for device in devices:
        if device.inputs:
            assert f'{device.index} "{device.name}"' in lines[0]
    assert not (tmp_path / "h.db").exists()  # nothing started


def test_an_output_index_that_cannot_exist_fails_too(pulse) -> None:
    done = run(["--output-device", "42"], pulse)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: output device 42: no such device; output devices: ")
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize("target", ["folder", "no-folder", "under-a-file", "proc"])
def test_an_output_wav_that_cannot_be_written_fails_at_once(
    tmp_path: Path, pulse, target: str
) -> None:
    clip = tmp_path / "in.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(clip), "trim", "0", "0.5"],
                   check=True)  # fmt: skip
    (tmp_path / "a-file").write_text("x")
    path = {
        "folder": tmp_path,
        "no-folder": tmp_path / "missing" / "out.wav",
        "under-a-file": tmp_path / "a-file" / "out.wav",
        "proc": Path("/proc/hearth-out.wav"),
    }[target]
    done = run(["--input-wav", str(clip), "--fast", "--output-wav", str(path)], pulse)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: --output-wav {path}: "), done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr
