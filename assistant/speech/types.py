"""The recognizer interface shared by every speech engine, and its results.

Engines (Vosk, PocketSphinx) turn 16 kHz mono int16 PCM into `Utterance`s.
The listener only ever talks to the `Recognizer` protocol, so it does not care
which engine is active.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Mode = Literal["command", "open"]
"""Recognition mode.

"command": limited to the words and phrases of the intent templates (plus a
    garbage path), so unrelated speech comes out unknown or empty instead of
    being forced onto a command.
"open": free dictation, for text the couple says on purpose (an appreciation,
    an idea).
"""

SAMPLE_RATE = 16000
"""Every engine takes 16 kHz mono signed 16-bit little-endian PCM."""

UNKNOWN = "[unk]"
"""The token engines use for out-of-vocabulary speech; never part of `text`."""


@dataclass(frozen=True)
class Word:
    """One recognized word.

    Attributes:
        word: the word as the engine spelled it (lower case for both engines).
        start: seconds from the start of the stream (or of the last `reset`).
        end: seconds from the start of the stream; `end >= start`.
        confidence: 0..1, the engine's posterior for this word (1.0 when the
            engine gives none).
    """

    word: str
    start: float
    end: float
    confidence: float = 1.0

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True)
class Utterance:
    """What an engine heard in one stretch of speech.

    Attributes:
        text: the words, space separated, without unknown/filler tokens; ""
            when nothing in the vocabulary was heard.
        confidence: 0..1, the engine's confidence in the whole utterance (mean
            word confidence unless the engine gives an utterance posterior;
            0.0 when `text` is empty).
        words: the words of `text` with their times.
        engine: which engine produced it: "vosk" or "sphinx".
        is_final: True when the engine decided the speech ended; False for a
            snapshot (not produced by `accept`, which only returns finals).
        alternatives: other readings of the same speech, most likely first
            (the engine's n-best after `text`); empty when it gives none.
        unknown: words the engine heard in command mode that are no command words
            (filler, "[unk]") and were left out of `text`: evidence that the speech
            was not a command (see `Weighing.evidence`).
    """

    text: str
    confidence: float = 0.0
    words: tuple[Word, ...] = field(default_factory=tuple)
    engine: str = ""
    is_final: bool = True
    alternatives: tuple[str, ...] = ()
    unknown: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.text

    def to_json_dict(self) -> dict[str, Any]:
        """JSON-ready form used by `hearth transcribe`."""
        return {
            "text": self.text,
            "confidence": round(self.confidence, 4),
            "words": [w.to_json_dict() for w in self.words],
            "engine": self.engine,
        }


def make_utterance(
    words: list[Word], engine: str, confidence: float | None = None, is_final: bool = True
) -> Utterance:
    """Build an Utterance from recognised words, dropping unknown tokens.

    `confidence` defaults to the mean word confidence; it is 0.0 when no word
    is left.
    """
    kept = tuple(w for w in words if w.word and w.word != UNKNOWN)
    if not kept:
        conf = 0.0
    elif confidence is None:
        conf = sum(w.confidence for w in kept) / len(kept)
    else:
        conf = min(1.0, max(0.0, confidence))
    return Utterance(
        text=" ".join(w.word for w in kept),
        confidence=conf,
        words=kept,
        engine=engine,
        is_final=is_final,
    )


@runtime_checkable
class Recognizer(Protocol):
    """A streaming speech recognizer.

    Feed audio with `accept` in chunks of any size; it returns an Utterance
    each time the engine's own end-of-speech detection fires. Not thread safe:
    call it from one thread (the listener's).
    """

    name: str
    """Engine name: "vosk" or "sphinx"."""

    sample_rate: int
    """Expected input rate in Hz (always 16000)."""

    @property
    def mode(self) -> Mode:
        """The current mode ("command" or "open")."""
        ...

    def set_mode(self, mode: Mode) -> None:
        """Switch between command and open mode.

        Takes effect at the next utterance: any speech in progress is dropped
        (the listener switches between utterances, after Hearth spoke).
        Raises ValueError for an unknown mode.
        """
        ...

    def accept(self, pcm: bytes) -> Utterance | None:
        """Feed 16 kHz mono int16 PCM; return a final Utterance when speech ended.

        Returns None while speech continues or while there is only silence.
        A returned Utterance may be empty (speech that matched nothing).
        """
        ...

    def partial(self) -> str:
        """The current partial hypothesis of the utterance in progress ("" if none).

        Used by the listener for early decisions ("hey hearth pause" needs no
        end-of-speech silence). It can still change until the final result.
        """
        ...

    def finish(self) -> Utterance | None:
        """Flush at end of stream: the final Utterance of speech in progress, if any.

        Afterwards the recognizer is ready for a new stream (as after `reset`).
        """
        ...

    def reset(self) -> None:
        """Drop any speech in progress and restart timing at zero."""
        ...
