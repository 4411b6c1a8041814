"""`hearth run` as a user runs it: WAV in (fast or real time), WAV out, clear errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

TTS_RATE = 22050


def hearth(*args: str, env: dict[str, str] | None = None, timeout: float = 120):
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )


def test_fast_run_of_everyday_talk_is_silent_and_private(tmp_path, espeak, wavs) -> None:
    clip = tmp_path / "in.wav"
    wavs.concat([(None, 0.5), (espeak("we should buy more milk tomorrow morning"), 1.0)], clip)
    out, db = tmp_path / "out.wav", tmp_path / "h.db"
    done = hearth(
        "run", "--input-wav", str(clip), "--fast", "--output-wav", str(out), "--db", str(db),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "PocketSphinx" in done.stderr  # which engine is active, said once at start
    assert "Hearth: " not in done.stdout  # not a command: not a word in reply
    samples, rate = wavs.read(out)
    assert rate == TTS_RATE and wavs.voiced(samples, rate) == 0
    # Everyday talk is written nowhere.
    assert "milk" not in done.stdout + done.stderr
    assert b"milk" not in db.read_bytes()


def test_fast_needs_an_input_wav() -> None:
    done = hearth("run", "--fast")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: --fast needs --input-wav (a microphone cannot go faster)"
    ]


def test_input_wav_that_is_not_audio_is_one_clear_line(tmp_path) -> None:
    bogus = tmp_path / "notes.wav"
    bogus.write_text("not audio at all")
    done = hearth("run", "--input-wav", str(bogus), "--fast", "--db", str(tmp_path / "h.db"))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: ") and "not a WAV file" in lines[-1]
    assert "Traceback" not in done.stderr


def test_no_microphone_one_line_and_timers_keep_speaking(tmp_path, wavs, hearth_process) -> None:
    """No audio server at all: one clear line, retries, and Hearth still speaks (to the
    output file here) that it cannot hear, instead of crashing."""
    out = tmp_path / "out.wav"
    env = {"PULSE_SERVER": f"unix:{tmp_path}/no-server-here"}
    run = hearth_process(
        "run", "--output-wav", str(out), "--db", str(tmp_path / "h.db"), "-v", env=env
    )
    run.wait_for(lambda line: "[spoken]" in line and "voice.mic_lost" in line)
    run.wait_for("microphone: attempt 3 failed")  # it keeps retrying, with back-off
    assert run.proc.poll() is None, "hearth run exited instead of retrying"
    code, _ = run.signal_and_time(signal.SIGTERM)
    assert code == 0
    problems = [line for line in run.err().splitlines() if "no microphone" in line]
    assert len(problems) == 1, run.err()
    assert "Traceback" not in run.err()
    assert "microphone" in run.out().lower()
    assert wavs.voiced(wavs.read(out)[0], TTS_RATE) > 1.0


def test_unknown_input_device_is_one_line_and_retried(tmp_path, pulse, hearth_process) -> None:
    args = ["run", "--input-device", "no-such-device-xyz", "--db", str(tmp_path / "h.db")]
    args += ["--output-wav", str(tmp_path / "out.wav"), "-v"]
    run = hearth_process(*args, env=pulse)
    run.wait_for("microphone: attempt 2 failed")  # retried, not given up
    assert run.proc.poll() is None, "hearth run gave up instead of retrying"
    code, _ = run.signal_and_time(signal.SIGTERM)
    assert code == 0
    problems = [line for line in run.err().splitlines() if "no-such-device-xyz" in line]
    assert len(problems) == 1 and "no microphone" in problems[0], run.err()
    assert "Traceback" not in run.err()


def test_help_lists_the_options() -> None:
    done = hearth("run", "--help")
    for flag in ("--input-device", "--output-device", "--no-wake", "--engine", "--model",
                 "--db", "--input-wav", "--fast", "--output-wav", "--voice", "--rate"):  # fmt: skip
        assert flag in done.stdout


def test_shipped_run_hears_a_checkin_from_a_wav(tmp_path, espeak, wavs) -> None:
    """`hearth run` as shipped (its own recognizer and grammar) asks a question."""
    clip = tmp_path / "in.wav"
    wavs.concat([(None, 0.5), (espeak("hey hearth, let's do our check in"), 1.5)], clip)
    done = hearth(
        "run", "--input-wav", str(clip), "--fast", "--db", str(tmp_path / "h.db"),
        "--output-wav", str(tmp_path / "out.wav"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("Hearth: ")]
    assert len(lines) >= 2 and lines[1].endswith("?"), done.stdout  # intro, then the question
