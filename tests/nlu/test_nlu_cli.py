"""`hearth parse`: the JSON contract, in process (CliRunner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from click.testing import CliRunner

from assistant.cli import main

KEYS = {"text", "intent", "confidence", "slots"}


def _hearth() -> list[str]:
    exe = shutil.which("hearth")
    return [exe] if exe else [sys.executable, "-m", "assistant"]


def test_parse_text_prints_one_json_object() -> None:
    result = CliRunner().invoke(main, ["parse", "hey hearth give us twelve minutes"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert set(data) == KEYS
    assert data == {
        "text": "hey hearth give us twelve minutes",
        "intent": "pause",
        "confidence": 1.0,
        "slots": {"seconds": 720},
    }


def test_parse_out_of_domain_is_none() -> None:
    result = CliRunner().invoke(main, ["parse", "where's the remote"])
    data = json.loads(result.output)
    assert data["intent"] == "none" and data["slots"] == {}
    assert 0 <= data["confidence"] <= 1


def test_parse_stdin_with_clirunner_keeps_order() -> None:
    lines = ["time for our walk", "", "I need you to listen to me", "check in at eight"]
    result = CliRunner().invoke(main, ["parse", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["text"] for o in out] == lines
    assert [o["intent"] for o in out] == ["ritual", "none", "none", "schedule"]
    assert out[3]["slots"] == {"time": "20:00", "cadence": "daily"}


def test_parse_needs_input() -> None:
    result = CliRunner().invoke(main, ["parse"])
    assert result.exit_code == 1
    assert "Error: nothing to parse" in result.output
    assert "Traceback" not in result.output


def test_parse_wav_that_is_not_audio_is_a_clear_error(tmp_path) -> None:
    wav = tmp_path / "x.wav"
    wav.write_bytes(b"RIFF")
    result = CliRunner().invoke(main, ["parse", "--wav", str(wav)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1


def test_parse_wav_and_text_together_is_refused(tmp_path) -> None:
    result = CliRunner().invoke(main, ["parse", "pause", "--wav", str(tmp_path / "x.wav")])
    assert result.exit_code == 1 and "not both" in result.output


def test_parse_stdin_subprocess_with_odd_input() -> None:
    """Invalid UTF-8, an empty line, a 100 kB line, emoji: one answer per line, in order."""
    long_line = ("blah " * 20_000).encode()
    lines = [
        b"give us sixty seconds",
        b"\xff\xfe not utf-8 \xc3\x28",
        b"",
        long_line,
        "hey hearth time for our walk \U0001f600".encode(),
        "\U0001f600\U0001f49c".encode(),
        b"can we have a three minute time out\r",
        b"where's the remote",
    ]
    data = b"\n".join(lines)  # the last line has no newline: it must not be lost
    proc = subprocess.run([*_hearth(), "parse", "-"], input=data, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines)
    intents = [o["intent"] for o in out]
    assert intents == ["pause", "none", "none", "none", "ritual", "none", "pause", "none"]
    assert out[0]["slots"] == {"seconds": 60}
    assert "not valid UTF-8" in out[1]["error"] and "line 2" in out[1]["error"]
    assert out[2]["text"] == ""
    assert len(out[3]["text"]) == len(long_line)
    assert out[4]["text"].endswith("\U0001f600")
    assert out[6]["slots"] == {"seconds": 180}
    for o in out:
        assert set(o) >= KEYS


def test_parse_stdin_oversized_line_is_reported_and_skipped() -> None:
    data = b"x" * 2_500_000 + b"\npause\n"
    proc = subprocess.run([*_hearth(), "parse", "-"], input=data, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["intent"] for o in out] == ["none", "pause"]
    assert "longer than" in out[0]["error"] and "line 1" in out[0]["error"]


def test_parse_stdin_streams_line_by_line() -> None:
    """An answer comes out before the next line is written (flushed per line)."""
    proc = subprocess.Popen(
        [*_hearth(), "parse", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        for text, intent in [("pause", "pause"), ("how much time is left", "time_left")]:
            proc.stdin.write(text.encode() + b"\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())
            assert answer["intent"] == intent
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


def test_a_reading_does_not_depend_on_the_process_hash_seed() -> None:
    """Equal scores were ordered by a set of words, whose order follows the process's
    string hashes: this sentence read as a space of an hour in about one process of
    four and of no length said in the others (hash seeds 15 and 1, 2026-12-02)."""
    lines = b"hey hearth i'll be back in an hour i just need to be on my own\n"
    outputs = []
    for seed in ("15", "1"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [*_hearth(), "parse", "-"], input=lines, capture_output=True, timeout=120, env=env
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(json.loads(proc.stdout)["slots"])
    assert outputs[0] == outputs[1]
