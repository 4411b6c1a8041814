"""One person's enrollment: the sentences to read and the speech that answers each.

`hearth enroll` shows each sentence and takes the next utterance from the microphone
(`capture_utterance`), or reads prerecorded files (`utterances_from_wavs`). The audio
stays in memory until `HouseholdAdaptation.enroll` turns it into statistics.
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import HearthError
from assistant.speech.audio_in import AudioSource
from assistant.speech.types import SAMPLE_RATE

MIN_WORD_S = 0.08
"""Speech shorter than this per word of the sentence is taken as a cough or a click."""
MAX_WORD_S = 1.5
"""...and longer than this per word (plus a second) as other talk running on."""


def enrollment_sentences(prompts: list[str], wake_phrase: str) -> list[str]:
    """The sentences to read: each prompt after the wake phrase, as it is said to
    Hearth; the wake phrase is left out when the model cannot spell one of its words."""
    from assistant.speech.adaptation import unknown_words

    wake = wake_phrase.lower().strip()
    if wake and not unknown_words([wake]):
        return [f"{wake} {prompt}" for prompt in prompts]
    return list(prompts)


def plausible(pcm: bytes, sentence: str) -> bool:
    """Whether speech of this length can be the sentence read aloud."""
    seconds = len(pcm) / 2 / SAMPLE_RATE
    words = len(sentence.split())
    return MIN_WORD_S * words <= seconds <= MAX_WORD_S * words + 1.0


def capture_utterance(
    source: AudioSource, wait_s: float = 10.0, max_s: float = 15.0
) -> bytes | None:
    """The next stretch of speech from an open source, as PocketSphinx's endpointer
    finds it (about 0.3 s of quiet ends it); None when nobody spoke within `wait_s`
    seconds of audio. Speech still going after `max_s` is cut there."""
    import pocketsphinx

    endpointer = pocketsphinx.Endpointer(window=0.3, ratio=0.9, sample_rate=SAMPLE_RATE)
    frame_bytes = endpointer.frame_bytes
    pending, speech = b"", bytearray()
    heard = 0.0  # seconds of audio taken from the source
    while True:
        try:
            block = source.read(timeout=0.5)
        except EOFError:  # a recording that ended
            return bytes(speech) or None
        if block is None:
            continue
        pending += block.pcm
        heard += len(block.pcm) / 2 / SAMPLE_RATE
        while len(pending) >= frame_bytes:
            frame, pending = pending[:frame_bytes], pending[frame_bytes:]
            was_speech = endpointer.in_speech
            out = endpointer.process(frame)
            if out is not None:
                speech += out
            if was_speech and not endpointer.in_speech:
                return bytes(speech)
        if not speech and heard > wait_s:
            return None
        if heard > wait_s + max_s:
            return bytes(speech)


def utterances_from_wavs(folder: Path, sentences: list[str]) -> list[tuple[bytes, str]]:
    """Prerecorded enrollment: FOLDER/01.wav holds the first sentence, 02.wav the
    second, and so on (16 kHz mono 16-bit, or anything `hearth run --input-wav`
    reads). Missing numbers are skipped; none at all is an error."""
    from assistant.speech.wav import load_pcm16

    if not folder.is_dir():
        raise HearthError(f"{folder}: not a folder")
    pairs = []
    for number, sentence in enumerate(sentences, 1):
        path = folder / f"{number:02d}.wav"
        if path.exists():
            pairs.append((load_pcm16(path), sentence))
    if not pairs:
        raise HearthError(
            f"{folder}: no enrollment recordings (01.wav to {len(sentences):02d}.wav, "
            "one per sentence of `hearth enroll --list`)"
        )
    return pairs
