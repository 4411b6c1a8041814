"""Transcribe a WAV file: the engine of `hearth transcribe` and `hearth parse --wav`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.config import Settings, load_settings
from assistant.speech.recognizer import EngineName, create_recognizer
from assistant.speech.types import SAMPLE_RATE, Mode, Recognizer, Utterance, Word, make_utterance
from assistant.speech.wav import pcm16_blocks, wav_info

_CHUNK = SAMPLE_RATE // 10 * 2  # 100 ms of int16 mono, as a microphone would deliver
_PAD = bytes(SAMPLE_RATE // 2 * 2)  # 0.5 s of silence: engines need some before speech


def transcribe_pcm(recognizer: Recognizer, pcm: bytes) -> Utterance:
    """Stream PCM through a recognizer in microphone-sized chunks; join all results.

    Silence is added before and after so that speech at the very start or end
    of a file is detected like speech from a microphone. Word times are
    relative to the start of `pcm`.
    """
    return transcribe_blocks(recognizer, [pcm])


def transcribe_blocks(recognizer: Recognizer, blocks: Iterable[bytes]) -> Utterance:
    """`transcribe_pcm` over PCM arriving in blocks (a file read as it is decoded)."""
    recognizer.reset()
    results: list[Utterance] = []
    pending = bytearray(_PAD)

    def feed(final: bool) -> None:
        while len(pending) >= _CHUNK or (final and pending):
            heard = recognizer.accept(bytes(pending[:_CHUNK]))
            del pending[:_CHUNK]
            if heard is not None:
                results.append(heard)

    for block in blocks:
        pending.extend(block)
        feed(final=False)
    pending.extend(_PAD)
    feed(final=True)
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
    blocks = pcm16_blocks(path)  # streamed: a long file is never held whole
    wav_info(path)  # a file that is not audio fails here, before a model loads
    if recognizer is None:
        recognizer = create_recognizer(settings or load_settings(), engine, model=model, mode=mode)
    else:
        recognizer.set_mode(mode)
    result = transcribe_blocks(recognizer, blocks).to_json_dict()
    result["mode"] = mode
    return result
