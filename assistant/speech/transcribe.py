"""Transcribe a WAV file: the engine of `hearth transcribe` and `hearth parse --wav`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.config import Settings, load_settings
from assistant.speech.recognizer import EngineName, create_recognizer
from assistant.speech.types import SAMPLE_RATE, Mode, Recognizer, Utterance, Word, make_utterance
from assistant.speech.wav import load_pcm16

_CHUNK = SAMPLE_RATE // 10 * 2  # 100 ms of int16 mono, as a microphone would deliver
_PAD = bytes(SAMPLE_RATE // 2 * 2)  # 0.5 s of silence: engines need some before speech


def transcribe_pcm(recognizer: Recognizer, pcm: bytes) -> Utterance:
    """Stream PCM through a recognizer in microphone-sized chunks; join all results.

    Silence is added before and after so that speech at the very start or end
    of a file is detected like speech from a microphone. Word times are
    relative to the start of `pcm`.
    """
    recognizer.reset()
    results: list[Utterance] = []
    audio = _PAD + pcm + _PAD
    for start in range(0, len(audio), _CHUNK):
        heard = recognizer.accept(audio[start : start + _CHUNK])
        if heard is not None:
            results.append(heard)
    last = recognizer.finish()
    if last is not None:
        results.append(last)
    shift = len(_PAD) / (2 * SAMPLE_RATE)
    words = [
        Word(w.word, max(0.0, w.start - shift), max(0.0, w.end - shift), w.confidence)
        for u in results
        for w in u.words
    ]
    spoken = [u for u in results if u.words]
    confidence = sum(u.confidence for u in spoken) / len(spoken) if spoken else 0.0
    return make_utterance(words, recognizer.name, confidence)


def transcribe_file(
    path: str | Path,
    engine: EngineName = "auto",
    model: str | Path | None = None,
    mode: Mode = "command",
    settings: Settings | None = None,
    recognizer: Recognizer | None = None,
) -> dict[str, Any]:
    """Transcribe a WAV file (any rate, channels, width) to a JSON-ready dict.

    Returns {"text", "confidence", "words": [{"word", "start", "end",
    "confidence"}], "engine", "mode"}. Raises HearthError for a file that is
    not audio or a model that cannot be found.
    """
    pcm = load_pcm16(path)
    if recognizer is None:
        recognizer = create_recognizer(settings or load_settings(), engine, model=model, mode=mode)
    else:
        recognizer.set_mode(mode)
    result = transcribe_pcm(recognizer, pcm).to_json_dict()
    result["mode"] = mode
    return result
