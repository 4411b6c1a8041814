"""Real audio: pyttsx3 to WAV, playback with abort, input through the PulseAudio loopback."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from assistant.errors import AudioDeviceError, HearthError
from assistant.speech.audio_in import MicrophoneSource, StreamResampler, WavFileSource
from assistant.speech.audio_out import DeviceSink, WavFileSink, _to_rate
from assistant.speech.tts import TTS_RATE, Speech, Synthesizer

LONG_LINE = (
    "Let's take a slow breath together. There is no hurry at all, and nothing needs to be "
    "solved this very minute. I'll keep the time for you both."
)


@pytest.fixture(scope="module")
def tts():
    with Synthesizer(voice="en-us", rate=160) as synth:
        yield synth


def test_tts_renders_speech_of_plausible_length(tts, wavs) -> None:
    short = tts.render("Thirty seconds left.")
    long = tts.render(LONG_LINE)
    assert short.rate == TTS_RATE and short.samples.dtype == np.int16
    # About 160 words a minute: 3 words ~1-2.5 s, 31 words ~9-16 s; mostly voiced.
    assert 0.8 < short.duration < 2.5
    assert 8.0 < long.duration < 16.0
    assert wavs.voiced(long.samples, TTS_RATE) > 0.5 * long.duration
    again = tts.render("Thirty seconds left.")  # repeatable, not cut short by a race
    assert abs(again.duration - short.duration) < 0.05


def test_tts_settings_change_the_audio(wavs) -> None:
    with Synthesizer(voice="en-us", rate=120, volume=0.3) as slow_quiet:
        slow = slow_quiet.render(LONG_LINE)
    with Synthesizer(voice="en-us", rate=240, volume=1.0) as fast_loud:
        fast = fast_loud.render(LONG_LINE)
    assert slow.duration > 1.5 * fast.duration
    assert np.abs(slow.samples).max() < 0.6 * np.abs(fast.samples).max()


def test_tts_bad_voice_is_one_clear_error() -> None:
    with pytest.raises(HearthError, match="unknown voice 'xx-nope'"):
        Synthesizer(voice="xx-nope")


def test_tts_prints_nothing_on_stdout(tmp_path) -> None:
    code = (
        "from assistant.speech.tts import Synthesizer\n"
        "with Synthesizer() as s: s.render('hello there')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == ""


def test_device_playback_reports_start_and_aborts_within_200ms(pulse, tts) -> None:
    sink = DeviceSink()
    try:
        sink.open()
        sink.play(tts.render("Hello."))  # a fresh PulseAudio stream can stall for a second
        speech = tts.render(LONG_LINE)
        started: list[float] = []
        threading.Timer(1.5, sink.abort).start()
        t0 = time.monotonic()
        played = sink.play(speech, on_start=started.append)
        returned = time.monotonic()
        assert not played.completed
        assert started and started[0] == played.start
        # Aborted 1.5 s in: play returns within 200 ms of the abort, not after 10 s.
        assert returned - t0 < 1.5 + 0.2
        assert played.end - played.start < 1.5 + 0.2
        short = tts.render("Thirty seconds left.")
        t1 = time.monotonic()
        played = sink.play(short)
        assert played.completed
        assert time.monotonic() - t1 >= short.duration * 0.9
    finally:
        sink.close()


def test_device_starts_a_line_while_the_rest_is_resampled(pulse, tts) -> None:
    """A 22050 Hz line on a 16 kHz device: its first sample is heard before the rest of
    it has been resampled, and the device gets exactly the samples of the line
    resampled whole, without a gap."""
    sink = DeviceSink(rate=16000)
    blocks: list[np.ndarray] = []
    sink.on_block = blocks.append
    try:
        sink.open()
        sink.play(tts.render("Hello."))  # a fresh PulseAudio stream can stall for a second
        # A long line (about 30 s: its resampling takes far longer than one block).
        long = tts.render(LONG_LINE)
        longer = Speech(long.text, np.concatenate([long.samples] * 3), long.rate)
        began = threading.Event()
        rest_pending: list[bool] = []

        def started(at: float) -> None:
            line = sink._line
            rest_pending.append(line is not None and getattr(line, "more", False))
            began.set()

        player = threading.Thread(target=sink.play, args=(longer, started))
        player.start()
        assert began.wait(timeout=10)
        sink.abort()
        player.join(timeout=10)
        assert rest_pending == [True]
        # A whole line, played through: the same samples as resampled in one go.
        short = tts.render("Thirty seconds left.")
        first_block: list[int] = []
        played = sink.play(short, on_start=lambda at: first_block.append(len(blocks)))
        assert played.completed and first_block
        heard = np.concatenate(blocks[first_block[0] :])
        expected = _to_rate(short.samples, short.rate, 16000)
        assert np.array_equal(heard[: len(expected)], expected)
    finally:
        sink.close()


def test_file_sink_places_lines_on_the_timeline_and_cuts(tmp_path, tts, wavs) -> None:
    now = [2.0]
    path = tmp_path / "out.wav"
    sink = WavFileSink(path, clock=lambda: now[0], realtime=False)
    first = sink.play(tts.render("Thirty seconds left."))
    assert first.start == 2.0
    second = sink.play(tts.render(LONG_LINE))  # queued after the first, not overlapping
    assert second.start == pytest.approx(first.end)
    sink.cut(second.start + 1.0)
    sink.close()
    samples, rate = wavs.read(path)
    assert rate == TTS_RATE
    head = samples[: int(2.0 * rate)]
    assert wavs.voiced(head, rate) == 0  # nothing before the line started
    assert wavs.voiced(samples[int(first.start * rate) : int(first.end * rate)], rate) > 0.5
    # Cut one second into the long line: silence afterwards.
    assert len(samples) / rate == pytest.approx(
        second.start + tts.render(LONG_LINE).duration, abs=0.1
    )
    assert wavs.voiced(samples[int((second.start + 1.05) * rate) :], rate) == 0
    assert not sink.lines[-1].completed


def test_loopback_input_hears_what_is_played(pulse, espeak, wavs) -> None:
    clip = espeak("hey hearth, we need a minute")
    clip_samples, clip_rate = wavs.read(clip)
    mic = MicrophoneSource("default")
    mic.open()
    try:
        assert mic.first_block.wait(timeout=10), "no input callback from PulseAudio"
        subprocess.run(["paplay", "--device=loop", str(clip)], check=True, env=None)
        got = []
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            block = mic.read(timeout=0.5)
            if block is not None:
                got.append(block.pcm)
    finally:
        mic.close()
    heard = np.frombuffer(b"".join(got), dtype="<i2")
    assert mic.rate == 16000
    voiced = wavs.voiced(heard, 16000)
    expected = wavs.voiced(clip_samples, clip_rate)
    assert voiced > 0.7 * expected, (voiced, expected)


def test_missing_input_device_is_one_clear_error(pulse) -> None:
    mic = MicrophoneSource("no-such-microphone-xyz")
    with pytest.raises(AudioDeviceError, match="no microphone") as info:
        mic.open()
    assert "\n" not in str(info.value)


def test_no_audio_server_is_one_clear_line(tmp_path) -> None:
    code = (
        "from assistant.speech.audio_in import MicrophoneSource\n"
        "from assistant.errors import AudioDeviceError\n"
        "try:\n    MicrophoneSource().open()\n"
        "except AudioDeviceError as e:\n    print(e)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PULSE_SERVER": f"unix:{tmp_path}/nothing-here"}
    env["HOME"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("no microphone:"), out
    assert "Traceback" not in out.stderr


def test_wav_source_real_time_and_fast(espeak) -> None:
    clip = espeak("pause")
    fast = WavFileSource(clip, realtime=False, tail_s=0.5)
    t0 = time.monotonic()
    blocks = []
    while True:
        try:
            block = fast.read()
        except EOFError:
            break
        blocks.append(block)
    assert time.monotonic() - t0 < 0.5
    assert blocks[-1].t == pytest.approx(fast.duration)
    live = WavFileSource(clip, realtime=True, tail_s=0.3)
    t0 = time.monotonic()
    while True:
        try:
            live.read()
        except EOFError:
            break
    assert time.monotonic() - t0 == pytest.approx(live.duration, abs=0.15)


def test_stream_resampler_keeps_length_and_pitch() -> None:
    rate = 48000
    t = np.arange(rate) / rate
    tone = (8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    resample = StreamResampler(rate, 16000)
    block = int(rate * 0.02)
    out = b"".join(resample(tone[i : i + block].tobytes()) for i in range(0, len(tone), block))
    y = np.frombuffer(out, dtype="<i2").astype(float)
    assert len(y) == 16000
    spectrum = np.abs(np.fft.rfft(y))
    assert abs(np.argmax(spectrum) * 16000 / len(y) - 440) < 3


def test_microphone_overflows_are_counted_not_blocking(pulse) -> None:
    mic = MicrophoneSource("default", max_queue_s=0.2)  # room for ten blocks
    mic.open()
    try:
        assert mic.first_block.wait(timeout=10)
        time.sleep(1.0)  # a listener that fell behind: nobody reads for a second
        assert mic.overflows > 10
        got = 0
        while mic.read(timeout=0.3) is not None:  # and it keeps delivering afterwards
            got += 1
            if got > 20:
                break
        assert got > 10
    finally:
        mic.close()
