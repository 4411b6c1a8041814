"""The built-in recognizer: PocketSphinx 5 with its bundled US-English model.

It works right after `pip install` with no download. Command mode decodes
with a trigram language model (or, on request, a JSGF grammar) generated from
the intent templates (see `grammar.py`);
open mode uses the bundled statistical language model, which is much weaker
but lets a dictated appreciation through. End of speech comes from
PocketSphinx's own voice-activity `Endpointer`.
"""

from __future__ import annotations

import os
import re
from collections import deque

from assistant.errors import ModelError
from assistant.speech.grammar import CommandGrammar, command_words, compile_arpa, compile_jsgf
from assistant.speech.types import SAMPLE_RATE, Mode, Utterance, Word, make_utterance

_COMMAND_SEARCH = "hearth_command"
_OPEN_SEARCH = "_default"  # the bundled language model, loaded by the default config
_FRAME_RATE = 100  # PocketSphinx frames per second
_ALT_PRON = re.compile(r"\(\d+\)$")

_WARMUP_PASSES = 2  # measured: one pass left a short first command ("hey hearth stop") wrong

DECODER_OPTIONS: dict[str, object] = {}
"""PocketSphinx settings for command mode, chosen on the benchmark's tune split."""

COMMAND_SEARCH = "lm"
"""How command mode decodes: "lm", a trigram model of the command sentences
(`compile_arpa`), or "jsgf", a strict grammar of them (`compile_jsgf`).
Measured with `benchmarks/asr_accuracy.py --quick --no-baseline`: 57.8% correct
intents with the grammar, 73-76% with the model (wordings the grammar never saw
went from 25% to over 50%: the NLU is fuzzy, a strict grammar is not), 0 false
triggers either way, at a tenth of the grammar's decoding time."""

NOISE_FLOOR_DB: float | None = -65.0
"""Comfort noise (dBFS, white) added to the audio before decoding, or None.
Clean synthesized speech decoded worse than noisy speech; a low noise floor
took clean commands from 68% to 72% (120 commands, report split)."""


class SphinxRecognizer:
    """PocketSphinx recognizer (see `assistant.speech.types.Recognizer`).

    Args:
        grammar: the command grammar (words missing from the dictionary are
            dropped, see `CommandGrammar.restrict`).
        mode: the initial mode.
        vad_window: seconds of audio the endpointer looks at; speech ends
            after roughly this much trailing non-speech.
        vad_ratio: fraction of that window that must be non-speech.
        max_utterance_s: force a result after this much continuous speech, so
            a running TV cannot grow one utterance forever.
        decoder_options: PocketSphinx config values (e.g. {"beam": 1e-40})
            over `DECODER_OPTIONS`.
        command_search: "lm" or "jsgf" (see `COMMAND_SEARCH`).
        noise_floor_db: comfort noise level (see `NOISE_FLOOR_DB`).
    """

    name = "sphinx"
    sample_rate = SAMPLE_RATE

    def __init__(
        self,
        grammar: CommandGrammar,
        mode: Mode = "command",
        vad_window: float = 0.3,
        vad_ratio: float = 0.9,
        max_utterance_s: float = 20.0,
        decoder_options: dict[str, object] | None = None,
        command_search: str = COMMAND_SEARCH,
        noise_floor_db: float | None = NOISE_FLOOR_DB,
    ) -> None:
        if command_search not in ("lm", "jsgf"):
            raise ValueError(f"unknown command search {command_search!r}")
        import pocketsphinx

        self._ps = pocketsphinx
        try:
            # logfn: PocketSphinx logs recognised text at INFO level; keep speech off stderr.
            # dither: digital silence (exact zeros, as in synthesized or gated audio)
            # upsets the features; measured 20 -> 22 of 25 commands with it. A fixed
            # seed keeps results repeatable.
            options = {**DECODER_OPTIONS, **(decoder_options or {})}
            self._decoder = pocketsphinx.Decoder(logfn=os.devnull, dither=True, seed=1, **options)
        except (RuntimeError, ValueError) as exc:  # pragma: no cover - broken install
            raise ModelError(f"PocketSphinx could not load its bundled model: {exc}") from None
        self.grammar = grammar.restrict(
            lambda w: self._decoder.lookup_word(w) is not None, engine="sphinx"
        )
        self.command_search = command_search
        if command_search == "jsgf":
            jsgf, self._words = compile_jsgf(self.grammar)
            self._decoder.add_jsgf_string(_COMMAND_SEARCH, jsgf)
        else:
            self._add_lm()
        self._noise = None
        if noise_floor_db is not None:
            import numpy as np

            self._noise = (np.random.default_rng(1), 32767 * 10 ** (noise_floor_db / 20))
        self._vad = (vad_window, vad_ratio)
        self._max_frames = int(max_utterance_s * _FRAME_RATE)
        self._mode: Mode = "command"
        # Live cepstral mean normalisation starts from the model's defaults and
        # adapts at each utterance end; until it has, a grammar search goes badly
        # wrong (measured: the first command of a stream came out empty). So the
        # first utterance is decoded again once the decoder has heard it.
        self._cmn_warm = False
        self._utt_audio = bytearray()
        self._pending: deque[Utterance] = deque()
        self.reset()
        self.set_mode(mode)

    @property
    def mode(self) -> Mode:
        return self._mode

    def set_mode(self, mode: Mode) -> None:
        if mode not in ("command", "open"):
            raise ValueError(f"unknown recognizer mode {mode!r}")
        self._abort_utterance()
        self._decoder.activate_search(_COMMAND_SEARCH if mode == "command" else _OPEN_SEARCH)
        self._mode = mode

    def reset(self) -> None:
        self._abort_utterance()
        window, ratio = self._vad
        self._endpointer = self._ps.Endpointer(window=window, ratio=ratio)
        self._frame_bytes = self._endpointer.frame_bytes
        self._buffer = b""
        self._pending.clear()
        # Recent raw audio: the endpointer holds back its window, so at the end
        # of a stream the tail of the speech is fed from here (see finish).
        self._history = bytearray()
        self._history_end = 0  # stream offset (bytes) just after the history
        self._delivered = 0  # bytes given to the decoder in this utterance

    def accept(self, pcm: bytes) -> Utterance | None:
        self._buffer += pcm
        ep = self._endpointer
        while len(self._buffer) >= self._frame_bytes:
            frame = self._buffer[: self._frame_bytes]
            self._buffer = self._buffer[self._frame_bytes :]
            self._remember(frame)
            was_speech = ep.in_speech
            speech = ep.process(frame)
            if speech is not None:
                if not self._in_utt:
                    self._start_utterance(ep.speech_start)
                self._process(speech)
                if self._decoder.n_frames() >= self._max_frames:
                    self._end_utterance()
            if was_speech and not ep.in_speech and self._in_utt:
                self._end_utterance()
        return self._pending.popleft() if self._pending else None

    def partial(self) -> str:
        if not self._in_utt:
            return ""
        hyp = self._decoder.hyp()
        if hyp is None:
            return ""
        words = [Word(_ALT_PRON.sub("", w), 0.0, 0.0) for w in hyp.hypstr.split()]
        if self._mode == "command":
            words = command_words(words, self._words)
        return " ".join(w.word for w in words)

    def finish(self) -> Utterance | None:
        if self._in_utt:
            # Everything after what the endpointer delivered is still speech.
            self._remember(self._buffer)
            start = 2 * round(self._utt_start * SAMPLE_RATE) + self._delivered
            skip = start - (self._history_end - len(self._history))
            if 0 <= skip < len(self._history):
                self._process(bytes(self._history[skip:]))
        if self._in_utt:
            self._end_utterance()
        result = self._pending.popleft() if self._pending else None
        pending = list(self._pending)
        self.reset()
        self._pending.extend(pending)
        return result

    # -- internals ---------------------------------------------------------

    _in_utt = False
    _HISTORY_BYTES = 2 * 2 * SAMPLE_RATE  # 2 s: far more than the endpointer's window

    def _remember(self, frame: bytes) -> None:
        self._history += frame
        self._history_end += len(frame)
        if len(self._history) > self._HISTORY_BYTES:
            del self._history[: len(self._history) - self._HISTORY_BYTES]

    def _add_lm(self) -> None:
        import tempfile

        arpa, self._words = compile_arpa(self.grammar)
        # NGramModel reads only from a file; it is not needed after loading.
        with tempfile.TemporaryDirectory(prefix="hearth-lm-") as folder:
            path = os.path.join(folder, "command.arpa")
            with open(path, "w", encoding="utf-8") as f:
                f.write(arpa)
            lm = self._ps.NGramModel(self._decoder.config, self._decoder.logmath, path)
        self._decoder.add_lm(_COMMAND_SEARCH, lm)

    def _process(self, speech: bytes) -> None:
        if self._noise is not None:
            speech = self._add_noise(speech)
        self._decoder.process_raw(speech)
        self._delivered += len(speech)
        if not self._cmn_warm:
            self._utt_audio += speech

    def _add_noise(self, pcm: bytes) -> bytes:
        import numpy as np

        rng, level = self._noise
        x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        x += rng.normal(0.0, level, x.size)
        return np.clip(np.round(x), -32768, 32767).astype("<i2").tobytes()

    def _start_utterance(self, at: float) -> None:
        self._decoder.start_utt()
        self._in_utt = True
        self._utt_start = at
        self._delivered = 0
        self._utt_audio.clear()

    def _abort_utterance(self) -> None:
        if self._in_utt:
            self._decoder.end_utt()
            self._in_utt = False

    def _end_utterance(self) -> None:
        self._decoder.end_utt()
        self._in_utt = False
        if not self._cmn_warm:
            self._cmn_warm = True
            for _ in range(_WARMUP_PASSES):  # the estimate moves part way at each end
                self._decoder.start_utt()
                self._decoder.process_raw(bytes(self._utt_audio))
                self._decoder.end_utt()
            self._utt_audio.clear()
        hyp = self._decoder.hyp()
        words: list[Word] = []
        if hyp is not None:
            for seg in self._decoder.seg():
                word = _ALT_PRON.sub("", seg.word)
                if word.startswith(("<", "[", "+")):  # <s>, </s>, <sil>, [NOISE], ++fillers++
                    continue
                words.append(
                    Word(
                        word,
                        self._utt_start + seg.start_frame / _FRAME_RATE,
                        self._utt_start + (seg.end_frame + 1) / _FRAME_RATE,
                        min(1.0, max(0.0, seg.prob)),
                    )
                )
        if self._mode == "command":
            words = command_words(words, self._words)
        confidence = hyp.prob if hyp is not None else None
        self._pending.append(make_utterance(words, self.name, confidence))
