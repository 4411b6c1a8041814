"""The microphone and the speaker go away and come back while `hearth run` runs.

A real process on a private PulseAudio whose only device (the null sink `loop` and
its monitor) is unloaded and loaded again: Hearth says in its log that it lost each
device, keeps retrying, and listens and speaks again without a restart.
"""

from __future__ import annotations

import subprocess
import time

import numpy as np


def _voiced_after(path, skip_s: float, wavs) -> float:
    """Voiced seconds of a raw 16 kHz recording, after its first `skip_s` seconds."""
    samples = np.frombuffer(path.read_bytes()[: len(path.read_bytes()) // 2 * 2], dtype="<i2")
    return wavs.voiced(samples[int(skip_s * 16000) :], 16000)


def test_devices_unplugged_and_back(tmp_path, espeak, wavs, unpluggable_audio, hearth_process):
    audio = unpluggable_audio
    run = hearth_process("run", "--db", str(tmp_path / "h.db"), "-v", env=audio.env)
    run.wait_for("Listening.")

    audio.unplug()
    lost_mic = run.wait_for(lambda line: "microphone" in line and "retry" in line)
    lost_speaker = run.wait_for(lambda line: "no speaker" in line and "trying" in line)
    assert "Traceback" not in run.err()

    back = run.mark()
    audio.plug()
    run.wait_for("The microphone is back.", after=back)
    run.wait_for("The speaker is back.", after=back)
    # Hearth says it hears again; a command said over it would not be heard.
    run.wait_for(lambda line: "[spoken]" in line and "voice.mic_back" in line, after=back)

    # Listening again: a command said into the room is understood and answered ...
    recording = tmp_path / "room.raw"
    with recording.open("wb") as raw:
        recorder = subprocess.Popen(
            ["parec", "--device=loop.monitor", "--format=s16le", "--rate=16000",
             "--channels=1"],
            stdout=raw, env={**audio.env},
        )  # fmt: skip
        try:
            command = espeak("hey hearth, we need a minute")
            # As a person would, say it again when Hearth did not catch it (or heard
            # another request): this test is about the devices, not about recognition.
            for _attempt in range(3):
                said_at = run.mark()
                subprocess.run(
                    ["paplay", "--device=loop", str(command)], env={**audio.env}, check=True
                )
                reply = run.wait_for(
                    lambda line: (
                        "[command]" in line or ("[spoken]" in line and "voice.not_caught" in line)
                    ),
                    after=said_at,
                )
                if "'pause'" in reply:
                    break
            run.wait_for(lambda line: "[command]" in line and "'pause'" in line, after=back)
            started = run.wait_for(lambda line: "[spoken]" in line and "pause." in line, after=back)
            assert "'device': True" in started
            # ... and the answer is heard in the room (more voice than the command's own).
            said = wavs.voiced(*wavs.read(command))
            deadline = time.monotonic() + 60
            while _voiced_after(recording, 0.0, wavs) < said + 2.0:
                assert time.monotonic() < deadline, run.text()
                time.sleep(0.2)
        finally:
            recorder.terminate()
            recorder.wait(timeout=10)
    # One line for each lost device, however many retries it took.
    assert sum("microphone" in line and "retry" in line for line in run.err().splitlines()) == 1
    assert sum("keeps trying the speaker" in line for line in run.err().splitlines()) == 1
    assert lost_mic != lost_speaker
