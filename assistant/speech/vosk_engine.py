"""The primary recognizer: Vosk (Kaldi) with a model folder on disk.

Command mode passes Vosk a grammar built from the intent templates; open mode
decodes freely with the model's own language model. Words the model does not
know are left out of the grammar (Vosk would only warn and drop them), and
when the model has no "[unk]" word the grammar gets filler words instead, so
that unrelated speech still has somewhere to go.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.errors import ModelError
from assistant.speech.background import MARGIN_DB, without_background
from assistant.speech.grammar import CommandGrammar, command_words, to_vosk_phrases
from assistant.speech.types import SAMPLE_RATE, UNKNOWN, Mode, Utterance, Word, make_utterance

log = logging.getLogger(__name__)

BACKGROUND_BELOW_DB = MARGIN_DB
"""A word at the start or end of a command reading whose loud frames stay this many dB
under the reading's loudest word is background talk, not the speaker's (background.py)."""

_KEEP_AUDIO_S = 30.0
"""Recent audio kept to measure the words of a final against (in memory only): longer
than any command, and the engine ends speech well before."""


def load_model(path: str | Path) -> Any:
    """Load a Vosk model from a folder (never by name: that would download)."""
    import vosk

    from assistant.speech.models import verify_model

    folder = Path(path)
    verify_model(folder)
    vosk.SetLogLevel(-1)  # Kaldi logs go to stderr; they may contain no speech, but are noise
    try:
        return vosk.Model(str(folder))
    except Exception as exc:  # vosk raises a bare Exception on any load failure
        raise ModelError(f"{folder}: Vosk could not load this model ({exc})") from None


def model_words(path: str | Path) -> set[str] | None:
    """The model's vocabulary from `graph/words.txt`, or None when it has none."""
    words_file = Path(path) / "graph" / "words.txt"
    if not words_file.is_file():
        return None
    with words_file.open(encoding="utf-8", errors="replace") as lines:
        return {line.split(maxsplit=1)[0] for line in lines if line.strip()}


class VoskRecognizer:
    """Vosk recognizer (see `assistant.speech.types.Recognizer`).

    Args:
        model: a loaded `vosk.Model` (share one between recognizers: loading
            is slow and big), or a model folder.
        grammar: the command grammar; words the model lacks are dropped.
        mode: the initial mode.
        filler: filler words for models without "[unk]" (default: the
            grammar's own, which are English).
        open_check: in command mode a free recognizer hears the same speech, for
            `open_reading` (the listener weighs command readings against it). Off by
            default: it costs a free decoding of all speech, and with the only model
            reachable here (Korean) its reading of synthesized speech is too poor
            to weigh anything against.
        background_below_db: words at the start or end of a command reading this
            far under its loudest word are left out as background talk (see
            `BACKGROUND_BELOW_DB`); None keeps every word.
    """

    name = "vosk"
    sample_rate = SAMPLE_RATE
    min_support = 0.9
    """The listener's bar for a command reading (see `ListenerConfig.min_support`):
    Vosk's grammar-mode word confidences stay high for a forced reading (0.8-1.0), so
    the bar is high. Set on the Korean test model only (see docs/hearing.md)."""
    min_agree = 0.0

    def __init__(
        self,
        model: Any,
        grammar: CommandGrammar,
        mode: Mode = "command",
        filler: Iterable[str] | None = None,
        open_check: bool = False,
        background_below_db: float | None = BACKGROUND_BELOW_DB,
    ) -> None:
        import vosk

        self.open_check = open_check
        self.background_below_db = background_below_db
        self._audio = bytearray()
        """The last `_KEEP_AUDIO_S` of audio fed, ending at the current stream time."""

        self._vosk = vosk
        if isinstance(model, str | Path):
            words = model_words(model)
            model = load_model(model)
        else:
            words = None
        self.model = model

        def known(word: str) -> bool:
            if words is not None:
                return word in words
            return model.vosk_model_find_word(word) >= 0

        if filler is not None:
            grammar = CommandGrammar(
                grammar.phrases,
                grammar.wake_phrase,
                grammar.vocabulary,
                tuple(w for w in filler if w not in grammar.vocabulary),
            )
        self.grammar = grammar.restrict(known, engine="vosk")
        self._unk_known = known(UNKNOWN)
        if not self._unk_known:
            log.debug("vosk: model has no [unk]; using %d filler words", len(self.grammar.filler))
        phrases = to_vosk_phrases(self.grammar, self._unk_known)
        if not self.grammar.vocabulary:
            # e.g. an English grammar on a model of another language: command mode
            # then hears nothing (every word is unknown); open mode still works.
            log.warning("vosk: the model knows none of the command words")
        # ensure_ascii=False: Vosk does not decode \uXXXX escapes and would miss every word.
        self._grammar_json = json.dumps(phrases, ensure_ascii=False) if phrases else None
        self._mode: Mode = mode
        self._offset = 0.0  # seconds of audio before the current recognizer was made
        self._fed = 0  # bytes fed to the current recognizer
        self._rec = self._make_recognizer(mode)
        self._reset_open()
        self.set_mode(mode)

    @property
    def mode(self) -> Mode:
        return self._mode

    def _make_recognizer(self, mode: Mode) -> Any:
        if mode == "command" and self._grammar_json:
            rec = self._vosk.KaldiRecognizer(self.model, SAMPLE_RATE, self._grammar_json)
        else:
            rec = self._vosk.KaldiRecognizer(self.model, SAMPLE_RATE)
        rec.SetWords(True)
        return rec

    def set_mode(self, mode: Mode) -> None:
        if mode not in ("command", "open"):
            raise ValueError(f"unknown recognizer mode {mode!r}")
        if mode != self._mode:
            # A fresh recognizer per mode: SetGrammar cannot return to free decoding.
            self._offset += self._fed / (2 * SAMPLE_RATE)
            self._fed = 0
            self._rec = self._make_recognizer(mode)
            self._mode = mode
            self._reset_open()

    def accept(self, pcm: bytes) -> Utterance | None:
        self._fed += len(pcm)
        self._audio += pcm
        excess = len(self._audio) - int(2 * SAMPLE_RATE * _KEEP_AUDIO_S)
        if excess > 0:
            del self._audio[: excess + excess % 2]
        opened = self._open_rec
        if opened is not None and opened.AcceptWaveform(pcm):
            self._open_words += self._words(json.loads(opened.Result()))
        if self._rec.AcceptWaveform(pcm):
            return self._close_open(self._result(self._rec.Result()))
        return None

    def open_reading(self) -> Utterance | None:
        """The open (free) reading of the speech of the last command-mode final, or None
        when there is none (open mode, or `open_check` off). Vosk's word confidences
        in grammar mode stay high for a reading forced onto a command ("안녕히 가세요"
        read as "안녕하세요" at 1.0); the free reading shows what was said."""
        return self._open_last

    def _close_open(self, utterance: Utterance) -> Utterance:
        """The command final is out: what the open reading heard up to here goes with it."""
        if self._open_rec is not None:
            self._open_words += self._words(json.loads(self._open_rec.FinalResult()))
            self._open_last = make_utterance(self._open_words, self.name)
            self._open_words = []
        return utterance

    def partial(self) -> str:
        text = json.loads(self._rec.PartialResult()).get("partial", "")
        words = [Word(w, 0.0, 0.0) for w in text.split()]
        if self._mode == "command":
            words = command_words(words, self.grammar.vocabulary)
        return " ".join(w.word for w in words if w.word != UNKNOWN)

    def finish(self) -> Utterance | None:
        raw = json.loads(self._rec.FinalResult())
        empty = not raw.get("text") and not raw.get("result")
        utterance = None if empty else self._close_open(self._build(raw))
        opened = self._open_last
        self.reset()
        self._open_last = opened  # the open reading of this last speech stays readable
        return utterance

    def reset(self) -> None:
        self._offset = 0.0
        self._fed = 0
        self._audio.clear()
        self._rec = self._make_recognizer(self._mode)
        self._reset_open()

    def _reset_open(self) -> None:
        """A free recognizer beside the grammar one in command mode (see `open_reading`)."""
        self._open_words: list[Word] = []
        self._open_last: Utterance | None = None
        self._open_rec = None
        if self.open_check and self._mode == "command" and self._grammar_json:
            self._open_rec = self._make_recognizer("open")

    def _result(self, text: str) -> Utterance:
        return self._build(json.loads(text))

    def _words(self, raw: dict[str, Any]) -> list[Word]:
        return [
            Word(
                w["word"],
                self._offset + float(w["start"]),
                self._offset + float(w["end"]),
                float(w.get("conf", 1.0)),
            )
            for w in raw.get("result", [])
            if w["word"] != UNKNOWN
        ]

    def _build(self, raw: dict[str, Any]) -> Utterance:
        words = [
            Word(
                w["word"],
                self._offset + float(w["start"]),
                self._offset + float(w["end"]),
                float(w.get("conf", 1.0)),
            )
            for w in raw.get("result", [])
        ]
        if self._mode == "command" and self.background_below_db is not None and words:
            # The kept audio ends at the current stream time.
            now = self._offset + self._fed / (2 * SAMPLE_RATE)
            start = now - len(self._audio) / (2 * SAMPLE_RATE)
            words = list(
                without_background(words, bytes(self._audio), start, self.background_below_db)
            )
        heard = len(words)
        if self._mode == "command":
            words = command_words(words, self.grammar.vocabulary)
        utterance = make_utterance(words, self.name)
        return replace(utterance, unknown=heard - len(utterance.words))
