"""`hearth doctor` on a real PulseAudio loopback: the microphone (the sink's monitor)
is silent until something plays into the sink; the speaker plays."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def _doctor(env: dict[str, str], home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    private = {"XDG_CONFIG_HOME": str(home / "config"), "HEARTH_CONFIG": ""}  # no user files
    return subprocess.run(
        [sys.executable, "-m", "assistant", "doctor", *args],
        capture_output=True, text=True, env={**os.environ, **env, **private}, timeout=120,
    )  # fmt: skip


def _line(stdout: str, topic: str) -> str:
    lines = [line for line in stdout.splitlines() if f"  {topic}: " in line]
    assert len(lines) == 1, stdout
    return lines[0]


def test_a_silent_microphone_fails_and_says_what_to_do(pulse, tmp_path: Path) -> None:
    done = _doctor(pulse, tmp_path, "--db", str(tmp_path / "h.db"))
    assert done.returncode == 1
    mic = _line(done.stdout, "microphone")
    assert mic.startswith("FAIL") and "is silent" in mic and "unmute" in mic
    assert _line(done.stdout, "speaker").startswith("ok")
    assert _line(done.stdout, "database").startswith("ok")


def test_a_microphone_that_hears_sound_is_ok(pulse, tmp_path: Path) -> None:
    tone = tmp_path / "tone.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(tone), "synth", "30", "sine",
                    "440", "vol", "0.3"], check=True)  # fmt: skip
    env = {**os.environ, **pulse}
    player = subprocess.Popen(["paplay", "--device=loop", str(tone)], env=env)
    try:
        deadline = time.monotonic() + 30
        while not subprocess.run(["pactl", "list", "short", "sink-inputs"], env=env,
                                 capture_output=True, text=True).stdout.strip():  # fmt: skip
            assert player.poll() is None and time.monotonic() < deadline, "paplay never played"
            time.sleep(0.05)
        done = _doctor(pulse, tmp_path, "--db", str(tmp_path / "h.db"))
    finally:
        player.kill()
        player.wait()
    mic = _line(done.stdout, "microphone")
    assert mic.startswith("ok") and "hears sound" in mic, done.stdout
