"""The synthesizer's temporary folder (one WAV per rendered line) never outlives it:
removed by `close`, and when Python exits without a close (real pyttsx3 renders in a
real Python process)."""

from __future__ import annotations

import os
import subprocess
import sys

from assistant.speech.tts import Synthesizer


def test_close_removes_the_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    synthesizer = Synthesizer()
    try:
        assert synthesizer.render("Hello.").samples.size > 0
        assert [p.name[:11] for p in tmp_path.iterdir()] == ["hearth-tts-"]
    finally:
        synthesizer.close()
    assert list(tmp_path.iterdir()) == []


def test_an_exit_without_close_removes_the_folder(tmp_path) -> None:
    script = (
        "from assistant.speech.tts import Synthesizer\n"
        "s = Synthesizer()\n"
        "assert s.render('Hello.').samples.size > 0\n"
        "import os, sys; print(os.listdir(sys.argv[1]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "hearth-tts-" in done.stdout  # it was there while the synthesizer ran
    assert list(tmp_path.iterdir()) == []
