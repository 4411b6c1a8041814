"""The built-in recognizer: PocketSphinx 5 with its bundled US-English model.

It works right after `pip install` with no download. Command mode decodes
with a trigram language model (or, on request, a JSGF grammar) generated from
the intent templates (see `grammar.py`);
open mode uses the bundled statistical language model, which is much weaker
but lets a dictated appreciation through. End of speech comes from
PocketSphinx's own voice-activity `Endpointer`.
"""

from __future__ import annotations

import itertools
import os
import re
import tempfile
from collections import deque
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.speech.background import MARGIN_DB, without_background
from assistant.speech.cmn import CmnPolicy, format_mean, parse_mean, start_pass
from assistant.speech.grammar import (
    CommandGrammar,
    command_words,
    compile_arpa,
    compile_fsg,
    compile_jsgf,
)
from assistant.speech.sphinx_dict import trim_dictionary
from assistant.speech.sphinx_strict import StrictFollower, grammar_dictionary
from assistant.speech.types import SAMPLE_RATE, Mode, Utterance, Word, make_utterance
from assistant.speech.wake import WakePhrase
from assistant.speech.wav import int16_bytes

_COMMAND_SEARCH = "hearth_command"
_STRICT_MAX_BYTES = 2 * SAMPLE_RATE * 4  # 4 s: longer speech is not followed by the grammar
_WAKE_BY_BYTES = 2 * SAMPLE_RATE * 2  # the wake phrase opens a command: heard by 2 s or not at all
_OPEN_SEARCH = "_default"  # the bundled language model, loaded by the default config
_FRAME_RATE = 100  # PocketSphinx frames per second
_HOLD_MAX_BYTES = 2 * SAMPLE_RATE  # 1 s: longer than any wait of the listener's
_MIN_REREAD_BYTES = 2 * SAMPLE_RATE // 5  # 0.2 s: less after the wake phrase is read whole
_WAKE_TAIL_S = 0.05
"""The second pass starts this far before the quick reading's end of the wake phrase:
the boundary is only as good as that reading, and a request whose first sound was cut
off was misread (latency clips: "give us a minute" declined when cut at the end)."""
_ALT_PRON = re.compile(r"\(\d+\)$")

BACKGROUND_BELOW_DB = MARGIN_DB
"""A word at the start or end of a command reading whose loud frames stay this many dB
under the reading's loudest word is background talk, not the speaker's (background.py)."""

NBEST = 10
"""Alternative readings kept per final. The listener acts on the first that reads
as a command when the best one does not (tune split: 77% -> 82% correct intents)."""

DECODER_OPTIONS: dict[str, object] = {}
"""PocketSphinx settings for every decoder, open mode (dictation) included."""

COMMAND_OPTIONS: dict[str, object] = {"fillprob": 1e-6}
"""More settings for command mode: its decoder and the strict and open readings that
follow its speech; chosen on the benchmark's tune split. `fillprob` (1e-8 by
default) lets the model's noise and spoken-noise fillers ([NOISE], [SPEECH]) stand in
for stretches of sound that are not command words, so less everyday talk is read as a
whole command: on two noise placements of the tune rooms (`asr_rooms.py --decoder`,
2026-12-05) talk after the wake phrase acted on went from 9 to 5 of 432, commands right
or asked and confirmed stayed 235 of 432, commands acted on as another request went
from 9 to 8, and one fewer call for help was asked about (21 of 36 against 22). 1e-4
and 1e-5 did as well on talk but acted on more commands as another request (1e-4 read
"hey hearth we're ready to talk now" over a television as "... talk about a coffee");
1e-2 lost commands; the language weight `lw` 8.5 heard 2-3 more commands and acted on
1-3 more talk (docs/hearing.md). Dictation keeps the default: nothing measured it."""

COMMAND_BEAMS: dict[str, object] = {"beam": 1e-64, "pbeam": 1e-64, "lpbeam": 1e-56, "wbeam": 1e-40}
"""Wider search beams (1e-48, 1e-48, 1e-40 and 7e-29 by default) for the command
decoder and the strict reading: the search keeps paths that noise made look unlikely
early on. On the two placements of `COMMAND_OPTIONS`: commands right or asked and
confirmed 235 -> 241 of 432, talk after the wake phrase acted on 5 in both, for about
15% more decoding time; `topn` 8 heard a few more commands again but acted on twice the
talk. The open reading (`open_check`) keeps the defaults: with these beams it read
"hey hearth the dog needs to go out" closer to the command reading "i'm gonna need to
go out", and the request was no longer declined (docs/hearing.md)."""

COMMAND_SEARCH = "lm"
"""How command mode decodes: "lm", a trigram model of the command sentences
(`compile_arpa`), or "jsgf", a strict grammar of them (`compile_jsgf`).
Measured with `benchmarks/asr_accuracy.py --quick --no-baseline`: 57.8% correct
intents with the grammar, 73-76% with the model (wordings the grammar never saw
went from 25% to over 50%: the NLU is fuzzy, a strict grammar is not), 0 false
triggers either way, at a tenth of the grammar's decoding time."""

NOISE_FLOOR_DB: float | None = -50.0
"""Comfort noise (dBFS, white) added to the audio before decoding, or None.
Clean synthesized speech decoded worse than noisy speech; a low noise floor
took clean commands from 68% to 72% (120 commands, report split). Measured
again with per-utterance means on the tune split: none 84.0%, -75 dB 86.0%,
-65 dB 87.3%, -55 dB 88.7%, -50 dB 88.7%, -45 dB 88.0% (within noise at
n=150); -65 dB was kept then because -55 dB heard the latency benchmark's "we
need a minute" as "we need a mediator". Once the strict grammar and the second
reading settle such a command (listener), on the tune split: -65 dB 92.0%,
-55 dB 93.3%, -50 dB 94.7%, -45 dB 92.7%, -40 dB 88.7%; the four loopback
captures misheard as "mediator" all read "we need a minute" at -50 dB. That is
about the noise of a real microphone in a quiet room: a clean voice from a file
or the loopback is decoded as if it had come through one."""


def noise_level(noise_floor_db: float | None) -> float | None:
    """The comfort noise's standard deviation in int16 units (None: no noise)."""
    return None if noise_floor_db is None else 32767 * 10 ** (noise_floor_db / 20)


def add_noise(pcm: bytes, level: float | None, rng: np.random.Generator) -> bytes:
    """The int16 audio with Gaussian comfort noise of `level` added (`NOISE_FLOOR_DB`)."""
    if level is None:
        return pcm
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    x += rng.normal(0.0, level, x.size)
    return int16_bytes(x)


MIN_SUPPORT = 0.4
MIN_AGREE = 0.5
"""The listener's bars for a command reading after the wake phrase (see
`ListenerConfig.min_support` / `min_agree`): the mean posterior this engine gave the
command's words (times the share of heard words that are command words) and the share
of them the open language model heard too. Chosen on the tune split of
`benchmarks/asr_rooms.py` (tune voices, 42 commands, 48 everyday sentences after the
wake phrase, six conditions): no bars 31 commands right / 17 sentences acted on;
0.4 / 0.5: 21 / 3; 0.4 / 0.6: 19 / 1 (the target, at most 2% of talk acted on). 0.6
declined "hey hearth, we need a minute" in the end-to-end test's own voice (open
reading "we need 'em eat": agree 0.5), so 0.5 was kept. See docs/hearing.md."""

CHECK_BELOW = 0.6
"""Under this support a command reading that clears `MIN_SUPPORT` is asked about before
Hearth acts on it (`ListenerConfig.check_below`). Chosen on the tune split of
`benchmarks/asr_rooms.py` (24 commands and 24 everyday sentences after the wake phrase
per condition, nine conditions): everyday talk acted on 19 -> 5 of 216 (14 asked
about instead), 15 of 113 commands read right asked about first. 0.7 asks about 24
of them for one more sentence of talk (see docs/hearing.md)."""

ADAPTED_CHECK_BELOW = 0.7
"""`CHECK_BELOW` with a household's voice adaptation (`hearth enroll`): the adapted
decoders read talk surer too. Chosen on the tune voices of `benchmarks/asr_rooms.py
--enroll` (24 commands and 24 sentences of talk after the wake phrase per condition,
nine conditions, from the results with the bar at 0.6): talk acted on 9 -> 5 of 216,
14 of the 125 commands acted on right asked about first; 0.8 acts on 4 and asks about
25 (see docs/hearing.md)."""

SAFETY_CHECK_BELOW = 0.85
"""`CHECK_BELOW` for a reading of a call for help (`ListenerConfig.safety_check_below`).
Its question gives the crisis line at once (dialog check.py), so a real call asked
about still hears where to get help. Chosen on the tune voices of
`benchmarks/asr_rooms.py --enroll --calls-for-help 4`: everyday talk read as a call for
help had support 0.42-0.78 ("i'm going to the gym after work" as "i'm going to punch
him afterward", 0.78, acted on with the bar at 0.7); of 36 calls for help per arm, 13-15
were early decisions then (no bar; now never, see `Listener`) and 7 had support
0.47-0.97 (see docs/hearing.md)."""

SAFETY_MIN_SUPPORT = 0.15
"""A reading of a call for help that the bars decline (support under `MIN_SUPPORT`, or
the open reading disagrees) is still asked about when its support reaches this
(`ListenerConfig.safety_min_support`): the question gives the crisis line first. Chosen
on the tune voices and the Lancashire one of `benchmarks/asr_rooms.py --voices ...
--calls-for-help 4` (20 commands and sentences per condition): with no floor, 6 more of
36 calls for help got the question (support 0.20-0.32), and so did 9 of 180 sentences
of talk after the wake phrase (6 of them under 0.02, the others 0.18-0.28). With 0.15:
the same 6 calls, 4 of the talk (see docs/hearing.md)."""

VAD_MODE = 3
"""The endpointer's voice-activity mode. The very aggressive mode ends speech sooner:
measured on the latency benchmark's clips, 355 ms after the last word (p50) instead
of 470 ms with the default loose mode, no command split in two, and the same or
better accuracy (tune split 86.0% loose, 87.3% very aggressive)."""


class SphinxRecognizer:
    """PocketSphinx recognizer (see `assistant.speech.types.Recognizer`).

    Args:
        grammar: the command grammar (words missing from the dictionary are
            dropped, see `CommandGrammar.restrict`).
        mode: the initial mode.
        vad_window: seconds of audio the endpointer looks at; speech ends
            after roughly this much trailing non-speech.
        vad_ratio: fraction of that window that must be non-speech.
        vad_mode: how readily the endpointer's voice-activity detector calls a frame
            non-speech, 0 (loose) to 3 (very aggressive); see `VAD_MODE`.
        max_utterance_s: force a result after this much continuous speech, so
            a running TV cannot grow one utterance forever.
        decoder_options: PocketSphinx config values (e.g. {"beam": 1e-40})
            over `DECODER_OPTIONS` and, in command mode, `COMMAND_OPTIONS` (and
            `COMMAND_BEAMS` for the command decoder and the strict reading).
        command_search: "lm" or "jsgf" (see `COMMAND_SEARCH`).
        noise_floor_db: comfort noise level (see `NOISE_FLOOR_DB`).
        cmn: how each utterance's cepstral mean is chosen (see `cmn.py`).
        nbest: alternative readings kept with each final (`Utterance.alternatives`).
        open_check: an open-vocabulary reading follows wake-phrase speech too
            (`reread(open_vocabulary=True)`).
        adaptation: the household's MLLR transform (`hearth enroll`, see
            adaptation.py), loaded by every decoder; None: the model as it is. Its
            readings are surer of everything, talk included, so a request is named
            back below `ADAPTED_CHECK_BELOW` instead of `CHECK_BELOW`.
        background_below_db: words at the start or end of a command-mode reading this
            far under its loudest word are left out as background talk (see
            `BACKGROUND_BELOW_DB`); None keeps every word.
    """

    name = "sphinx"
    sample_rate = SAMPLE_RATE
    min_support = MIN_SUPPORT
    min_agree = MIN_AGREE
    check_below = CHECK_BELOW
    safety_check_below = SAFETY_CHECK_BELOW
    safety_min_support = SAFETY_MIN_SUPPORT

    def __init__(
        self,
        grammar: CommandGrammar,
        mode: Mode = "command",
        vad_window: float = 0.3,
        vad_ratio: float = 0.9,
        vad_mode: int = VAD_MODE,
        max_utterance_s: float = 20.0,
        decoder_options: dict[str, object] | None = None,
        command_search: str = COMMAND_SEARCH,
        noise_floor_db: float | None = NOISE_FLOOR_DB,
        cmn: CmnPolicy | None = None,
        nbest: int = NBEST,
        open_check: bool = False,
        adaptation: Path | None = None,
        background_below_db: float | None = BACKGROUND_BELOW_DB,
    ) -> None:
        self.nbest = nbest
        self.background_below_db = background_below_db
        if command_search not in ("lm", "jsgf"):
            raise ValueError(f"unknown command search {command_search!r}")
        import pocketsphinx

        self._ps = pocketsphinx
        options = {**DECODER_OPTIONS, **(decoder_options or {})}
        if adaptation is not None:
            options["mllr"] = str(adaptation)
            self.check_below = ADAPTED_CHECK_BELOW
        self.adaptation = adaptation
        self._options = options
        full_dictionary = str(options.get("dict") or pocketsphinx.Config()["dict"])
        # The command decoder knows only the command words (see sphinx_dict.py): over
        # the full dictionary its search took most of the start. The open model and
        # its full dictionary are loaded when open mode is first asked for (`_open`).
        # The wake phrase's words are also said without their R (see sphinx_dict.py).
        wake_words = WakePhrase(grammar.wake_phrase).tokens if grammar.wake_phrase else []
        trimmed = trim_dictionary(
            full_dictionary, {*grammar.vocabulary, *grammar.filler}, wake_words
        )
        spelled = grammar.respell(dict(trimmed.respelled))
        self.grammar = spelled.restrict(lambda w: w in trimmed.words, engine="sphinx")
        heard_as_command = {**COMMAND_OPTIONS, **options}
        searched_as_command = {**COMMAND_OPTIONS, **COMMAND_BEAMS, **options}
        with tempfile.TemporaryDirectory(prefix="hearth-dict-") as folder:
            command = {**searched_as_command, "lm": None, "dict": trimmed.write(folder)}
            self._command_decoder = self._new_decoder(command)
        self._open_decoder = None
        self._decoder = self._command_decoder
        """The decoder of the current mode."""
        self.command_search = command_search
        self.open_follower: StrictFollower | None = None
        """The open language model, following the same speech as the strict grammar:
        the everyday-English reading the listener weighs a command reading against."""
        self.strict_follower: StrictFollower | None = None
        """The strict grammar, following each command-mode utterance (see `reread`);
        None when command mode is that grammar already."""
        if command_search == "jsgf":
            jsgf, self._words = compile_jsgf(self.grammar)
            self._decoder.add_jsgf_string(_COMMAND_SEARCH, jsgf)
        else:
            self._add_lm()
            # The strict grammar follows each command as well: a second reading of a
            # wake-phrase utterance whose model readings were not a command (see reread).
            # As a minimal word automaton: the JSGF of the same sentences cost the
            # follower about 3.5 times the search (see `compile_fsg`).
            strict = compile_fsg(self.grammar)
            self._strict_words = strict.words
            with tempfile.TemporaryDirectory(prefix="hearth-dict-") as folder:
                listed = " ".join(sorted({*strict.words, *self.grammar.filler}))
                small = grammar_dictionary(full_dictionary, listed, folder, wake_words)
                self.strict_follower = StrictFollower(
                    pocketsphinx, strict, searched_as_command, small
                )
            if open_check:
                self.open_follower = StrictFollower(pocketsphinx, None, heard_as_command)
        # The listener asks for the strict reading only after the wake phrase: the
        # grammar follows only speech whose partial result begins with it.
        self._wake = WakePhrase(self.grammar.wake_phrase) if self.grammar.wake_phrase else None
        self._noise_level = noise_level(noise_floor_db)
        self._noise_rng = None
        self._vad = (vad_window, vad_ratio)
        self._vad_mode = vad_mode
        self._max_frames = int(max_utterance_s * _FRAME_RATE)
        self._mode: Mode = "command"
        # Each utterance gets its own cepstral mean, starting from the model's (see cmn.py).
        self.cmn = cmn or CmnPolicy()
        self._cmn_prior = parse_mean(self._decoder.get_cmn(False))
        self._cmn_base = self._cmn_prior  # the mean the current decoding pass started from
        self._anchored = False
        self._utt_audio = bytearray()
        self._last: tuple[bytes, np.ndarray, float] | None = None  # audio, mean, start
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
        self._decoder = self._command_decoder if mode == "command" else self._open()
        self._decoder.activate_search(_COMMAND_SEARCH if mode == "command" else _OPEN_SEARCH)
        self._mode = mode

    def _new_decoder(self, options: dict[str, object]):  # type: ignore[no-untyped-def]
        try:
            # logfn: PocketSphinx logs recognised text at INFO level; keep speech off stderr.
            # dither off: its random stream runs on across utterances, so the same speech
            # read differently each time. The noise floor (reseeded per utterance) does
            # its job: digital silence (exact zeros) upsets the features.
            return self._ps.Decoder(logfn=os.devnull, dither=False, **options)
        except (RuntimeError, ValueError) as exc:  # pragma: no cover - broken install
            raise ModelError(f"PocketSphinx could not load its bundled model: {exc}") from None

    def _open(self):  # type: ignore[no-untyped-def]
        """The open-mode decoder (the bundled language model over the full dictionary),
        built on first use: about 1 s and 90 MB that command mode never needs. It is
        kept once built, so only the first dictation waits for it."""
        if self._open_decoder is None:
            self._open_decoder = self._new_decoder(self._options)
        return self._open_decoder

    def reset(self) -> None:
        self._abort_utterance()
        self._new_stream()
        self._pending.clear()
        self._forget_last()

    def _forget_last(self) -> None:
        self._last = None
        self._addressed_by: tuple[Word, ...] = ()
        """The quick reading's words up to the end of the wake phrase, when it had one
        and words after it: the second pass reads only what follows (see `reread`)."""
        self._strict_reading: Utterance | None = None
        self._second_reading: Utterance | None = None
        self._open_reading: Utterance | None = None
        for follower in (self.strict_follower, self.open_follower):
            if follower is not None:
                follower.cancel()

    def _new_stream(self) -> None:
        window, ratio = self._vad
        self._endpointer = self._ps.Endpointer(window=window, ratio=ratio, vad_mode=self._vad_mode)
        self._frame_bytes = self._endpointer.frame_bytes
        self._buffer = b""
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
            if self._held is not None:
                # Ended ahead of the endpointer (`finish_tentatively`): what comes is kept
                # for `resume` (or heard anew on `commit`) while the listener waits, past
                # the endpointer's own end of this speech too: a pause before "... five
                # minutes" may outlast it.
                if self._held_ended is None and not ep.in_speech:
                    self._held_ended = len(self._held)
                self._held += frame
                if len(self._held) > _HOLD_MAX_BYTES:  # nobody waits this long
                    self._held = self._resume_from = self._held_ended = None
                    self._new_stream()
                    break
                continue
            if speech is not None and ep.in_speech and not self._in_utt:
                # The endpointer hands out speech a window late; the decoder gets it all
                # up to now at once and every frame as it comes from here on, so partial
                # results (and early decisions) keep up with the talk.
                self._start_utterance(ep.speech_start)
                self._process(self._heard_since(ep.speech_start))
            elif self._in_utt and (ep.in_speech or self._bridging):
                self._process(frame)
            self._bridging = self._bridging and not ep.in_speech
            if self._in_utt and self._decoder.n_frames() >= self._max_frames:
                self._end_utterance()
            if was_speech and not ep.in_speech and self._in_utt:
                self._end_utterance()
        return self._pending.popleft() if self._pending else None

    def finish_tentatively(self) -> Utterance | None:
        """The final of the speech in progress, read now (as `finish` would), while the
        stream goes on: the listener asks at the first moment of quiet, so the end pass
        (50-200 ms) is done while it waits to be sure the speech is over. Then either
        `commit` (the speech is over: as after `finish`) or `resume` (it went on: the
        utterance is decoded again from its start, with what came since). None when no
        speech is in progress."""
        if not self._in_utt:
            return None
        audio = bytes(self._utt_audio)
        following = [
            f for f in (self.strict_follower, self.open_follower) if f is not None and f.active
        ]
        self._end_utterance()
        self._held, self._held_ended = bytearray(), None
        self._bridging = False
        self._resume_from = (audio, following)
        return self._pending.popleft() if self._pending else None

    def commit(self) -> None:
        """The speech ended tentatively is over (see `finish_tentatively`). What was
        heard after the endpointer's own end of it is heard anew: new speech may have
        begun there."""
        held, ended = self._held, self._held_ended
        self._held = self._resume_from = self._held_ended = None
        if held is None:
            return
        self._new_stream()
        if ended is not None:
            final = self.accept(bytes(held[ended:]))
            if final is not None:
                self._pending.appendleft(final)

    def resume(self) -> bool:
        """The speech ended tentatively went on: decode it again from its start (with
        the same mean, so the same pass) and what was heard since, and follow it as
        before, past the endpointer's own end of it too. False after `commit`, or when
        it was held over a second (see `finish_tentatively`)."""
        held, self._held = self._held, None
        resume_from, self._resume_from = self._resume_from, None
        ended, self._held_ended = self._held_ended, None
        if held is None or resume_from is None:
            return False
        # Past the endpointer's own end of the speech, every frame is decoded until it
        # hears the voice again.
        self._bridging = ended is not None and not self._endpointer.in_speech
        audio, following = resume_from
        self._forget_last()
        decoder = self._decoder
        start_pass(decoder, format_mean(self._cmn_base))
        decoder.process_raw(audio)
        self._in_utt = True
        self._utt_audio = bytearray(audio)
        for follower in following:
            follower.begin(format_mean(self._cmn_base), audio)
        if held:  # the endpointer may not have handed out a whole frame since
            self._process(bytes(held))
        return True

    def partial(self) -> str:
        if not self._in_utt:
            return ""
        hyp = self._decoder.hyp()
        if hyp is None:
            return ""
        words = _plain_words(hyp.hypstr)
        if self._mode == "command":
            words = command_words(words, self._words)
        return " ".join(w.word for w in words)

    def strict_partial(self) -> str:
        """The strict grammar's reading of the speech so far, when it follows this
        utterance ("" otherwise). The listener acts early only when it agrees."""
        follower = self.strict_follower
        if not self._in_utt or follower is None or not follower.active:
            return ""
        words = command_words(_plain_words(follower.partial()), self._strict_words)
        return " ".join(w.word for w in words)

    def finish(self) -> Utterance | None:
        if self._held is not None:  # ended tentatively, its final already handed out
            self.commit()
            return None
        if self._in_utt:
            # Everything after what the endpointer delivered is still speech.
            self._remember(self._buffer)
            start = 2 * round(self._utt_start * SAMPLE_RATE) + self._delivered
            skip = start - (self._history_end - len(self._history))
            if 0 <= skip < len(self._history):
                self._process(bytes(self._history[skip:]))
        if self._in_utt:
            self._end_utterance()
        self._new_stream()  # what was heard stays for `reread`
        return self._pending.popleft() if self._pending else None

    # -- internals ---------------------------------------------------------

    _in_utt = False
    _follow_checked = False
    _held: bytearray | None = None
    """Audio heard since a tentative end (see `finish_tentatively`); None otherwise."""
    _held_ended: int | None = None
    """Where in `_held` the endpointer ended that speech too; None before."""
    _bridging = False
    """Resumed past the endpointer's end: every frame is decoded until it hears voice."""
    _resume_from: tuple[bytes, list[StrictFollower]] | None = None
    _HISTORY_BYTES = 2 * 2 * SAMPLE_RATE  # 2 s: far more than the endpointer's window

    def _heard_since(self, start: float) -> bytes:
        """The raw audio from stream time `start` (seconds) up to now."""
        skip = 2 * round(start * SAMPLE_RATE) - (self._history_end - len(self._history))
        return bytes(self._history[max(0, skip) :])

    def _remember(self, frame: bytes) -> None:
        self._history += frame
        self._history_end += len(frame)
        if len(self._history) > self._HISTORY_BYTES:
            del self._history[: len(self._history) - self._HISTORY_BYTES]

    def _add_lm(self) -> None:
        from assistant.cache import cached, code_files, content_key

        g = self.grammar
        key = content_key(
            code_files("speech"),
            g.phrases,
            g.wake_phrase,
            sorted(g.vocabulary),
            g.filler,
            g.model_only,
        )
        # The ARPA text is cached, not PocketSphinx's binary form: the binary quantizes
        # the probabilities, and it read the live loopback's commands differently.
        arpa, self._words = cached("sphinx-lm", key, lambda: compile_arpa(self.grammar))
        # NGramModel reads only from a file; it is not needed after loading.
        with tempfile.TemporaryDirectory(prefix="hearth-lm-") as folder:
            path = os.path.join(folder, "command.arpa")
            with open(path, "w", encoding="utf-8") as f:
                f.write(arpa)
            lm = self._ps.NGramModel(self._decoder.config, self._decoder.logmath, path)
        self._decoder.add_lm(_COMMAND_SEARCH, lm)

    def _process(self, speech: bytes) -> None:
        speech = self._add_noise(speech)
        self._decoder.process_raw(speech)
        self._delivered += len(speech)
        self._utt_audio += speech
        if not self._anchored and len(self._utt_audio) >= 2 * SAMPLE_RATE * self.cmn.anchor_s > 0:
            # Enough of this voice to estimate its mean: decode again from the start
            # with it, so the partials (and early decisions) read the speech right.
            self._anchored = True
            self._redecode()
        strict = self.strict_follower if self._mode == "command" else None
        if strict is None or not self._anchored:
            return
        followers = [f for f in (strict, self.open_follower) if f is not None]
        if strict.active:
            for follower in followers:
                if len(self._utt_audio) > _STRICT_MAX_BYTES:
                    follower.cancel()  # longer than a command: not worth the second search
                else:
                    follower.feed(speech)
        elif not self._follow_checked and self._addressed():
            # From here the grammar follows, with the voice's mean, catching up.
            for follower in followers:
                follower.begin(format_mean(self._cmn_base), bytes(self._utt_audio))

    def _addressed(self) -> bool:
        """The partial result may begin with the wake phrase (`WakePhrase.opens`;
        checked until 2 s in)."""
        if self._wake is None:
            return True
        if len(self._utt_audio) > _WAKE_BY_BYTES:
            self._follow_checked = True
            return False
        hyp = self._decoder.hyp()
        if hyp is None:
            return False
        return self._wake.opens(" ".join(w.word for w in _plain_words(hyp.hypstr)))[0]

    def _add_noise(self, pcm: bytes) -> bytes:
        return add_noise(pcm, self._noise_level, self._noise_rng)

    def _start_utterance(self, at: float) -> None:
        if self._noise_level is not None:
            # The same noise for every utterance: a result depends on the speech only.
            self._noise_rng = np.random.default_rng(1)
        self._cmn_base = self._cmn_prior
        self._anchored = False
        self._follow_checked = False  # whether the strict grammar should follow is settled
        self._forget_last()
        start_pass(self._decoder, format_mean(self._cmn_prior))
        self._in_utt = True
        self._utt_start = at
        self._delivered = 0
        self._utt_audio.clear()

    def _abort_utterance(self) -> None:
        self._held = self._resume_from = self._held_ended = None
        self._bridging = False
        if self._in_utt:
            self._decoder.end_utt()
            self._in_utt = False
        for follower in (self.strict_follower, self.open_follower):
            if follower is not None:
                follower.cancel()

    def _redecode(self) -> None:
        """End the current pass, move the mean to this utterance's, and decode it again
        from its start (the utterance stays open)."""
        decoder = self._decoder
        decoder.end_utt()
        start_pass(decoder, format_mean(self._own_target()))
        self._cmn_base = parse_mean(decoder.get_cmn(False))
        decoder.process_raw(bytes(self._utt_audio))

    def _own_target(self) -> np.ndarray:
        """The mean for this utterance, after a pass over it has ended."""
        frames = len(self._utt_audio) / 2 / SAMPLE_RATE * _FRAME_RATE
        after = parse_mean(self._decoder.get_cmn(False))
        return self.cmn.target(self._cmn_prior, self._cmn_base, after, frames)

    def _end_utterance(self) -> None:
        self._decoder.end_utt()
        self._in_utt = False
        audio = bytes(self._utt_audio)
        seconds = len(audio) / 2 / SAMPLE_RATE
        if self._mode == "command" and 0 < seconds <= self.cmn.max_redecode_s:
            # Kept (in memory only, until the next utterance) for `reread`.
            self._last = (audio, self._own_target(), self._utt_start)
        self._utt_audio.clear()
        final = self._result(self._decoder, self._words, self._utt_start, self.nbest, audio)
        self._addressed_by = self._wake_words(final) if self._last is not None else ()
        self._pending.append(final)

    def _wake_words(self, final: Utterance) -> tuple[Word, ...]:
        """`final`'s words up to and with the wake phrase, when words follow it; ()
        when it was not addressed (see `WakePhrase.split`)."""
        if self._wake is None:
            return ()
        lead, rest = self._wake.request_start(final.text, len(final.words))
        if not 0 < lead < len(final.words):
            return ()
        if " ".join(w.word for w in final.words[lead:]) != rest:
            return ()  # spelled otherwise than the words: not cut
        return final.words[:lead]

    def _result(
        self,
        decoder,
        vocabulary: frozenset[str],
        start: float,
        nbest: int,
        audio: bytes = b"",
    ) -> Utterance:
        """`decoder`'s reading of the pass that just ended (speech began at `start`),
        with up to `nbest` other readings. In command mode, without the words at its
        edges that are background talk in `audio` (the speech decoded, from `start`)."""
        hyp = decoder.hyp()
        words = self._own_words(self._words_of(decoder, hyp, start), audio, start)
        heard = len(words)
        if self._mode == "command":
            words = command_words(words, vocabulary)
        utterance = make_utterance(words, self.name, hyp.prob if hyp is not None else None)
        utterance = replace(utterance, unknown=heard - len(utterance.words))
        if hyp is not None and nbest > 0:
            others = self._alternatives(utterance.text, vocabulary, nbest)
            utterance = replace(utterance, alternatives=others)
        return utterance

    def _own_words(self, words: list[Word], audio: bytes, start: float) -> list[Word]:
        """`words` without background talk at their edges (see background.py)."""
        margin = self.background_below_db
        if margin is None or not audio or self._mode != "command":
            return words
        return list(without_background(words, audio, start, margin))

    def open_reading(self) -> Utterance | None:
        """The last command-mode utterance read by the open language model (everyday
        English), or None when it was not followed (no wake phrase, over 4 s, or
        `open_check` off). Its words, set against a command reading, show whether a
        command was really said: "i wonder who came up with the name" reads so here,
        and "i would like to save a new idea" in command mode."""
        follower = self.open_follower
        if self._last is None or self._in_utt or follower is None:
            return None
        if self._open_reading is None:
            if not follower.active:
                return None
            follower.finish()
            hyp = follower.decoder.hyp()
            audio, _, start = self._last
            words = self._own_words(self._words_of(follower.decoder, hyp, start), audio, start)
            self._open_reading = make_utterance(words, self.name)
        return self._open_reading

    def reread(self, strict: bool = False) -> Utterance | None:
        """The last command-mode utterance decoded once more, or None when there is none.

        The final from `accept` is read with a mean estimated from the first
        moments of speech (quick); this pass uses the mean of the whole utterance
        (tune split: 85% -> 89% correct intents when every final got it, at the
        cost of a decoding pass, so the listener asks only when the quick reading
        is not a command).

        strict: the strict grammar's reading of the command sentences (and its
        filler path) instead of the language model's. The model lets a sentence it
        has not seen through, but also lets a misheard word wander off ("ask us a
        look where us tonight" for "ask us the question"); the grammar forces a
        reading onto the known sentences or the filler. The listener asks for it
        only when the wake phrase was heard (tune split: 124 -> 132 of 150
        commands, 0 of 90 everyday sentences changed). The grammar has followed
        the speech since its mean was known (`sphinx_strict.py`), so this costs
        only what it has not caught up on. Asked again, either gives the same reading
        (the second pass is kept, not decoded twice). None for speech over 4 s.
        """
        if self._last is None or self._in_utt or self._mode != "command":
            return None
        audio, mean, start = self._last
        if strict:
            follower = self.strict_follower
            if follower is None or len(audio) > _STRICT_MAX_BYTES:
                # Command mode is the strict grammar already; or the speech is longer
                # than a command.
                return None
            if self._strict_reading is None:
                if not follower.active:  # too short to have been followed: read it all now
                    follower.begin(format_mean(mean), audio)
                follower.finish()
                # The grammar's reading only: it keeps no lattice for an n-best.
                reading = self._result(
                    follower.decoder, self._strict_words, start, nbest=0, audio=audio
                )
                self._strict_reading = reading
            return self._strict_reading
        if self._second_reading is None:
            self._second_reading = self._second_pass(audio, mean, start)
        return self._second_reading

    def _second_pass(self, audio: bytes, mean: np.ndarray, start: float) -> Utterance:
        """The command model's reading of `audio` with the whole utterance's `mean`.
        When the quick reading was addressed ("hey hearth ..."), only the speech after
        the wake phrase is decoded again, and the reading keeps the quick reading's
        wake words: the pass is what a request's decision waits for (150-270 ms for
        1.6-3.2 s of speech here), and the wake phrase with the quiet before it is a
        third of that speech. The model knows each command without the wake phrase."""
        prefix = self._addressed_by
        cut = prefix[-1].end - _WAKE_TAIL_S if prefix else start
        skip = 2 * round((cut - start) * SAMPLE_RATE)
        if not 0 < skip <= len(audio) - _MIN_REREAD_BYTES:
            prefix, skip = (), 0
        decoder = self._decoder
        start_pass(decoder, format_mean(mean))
        decoder.process_raw(audio[skip:])
        decoder.end_utt()
        begin = start + skip / 2 / SAMPLE_RATE
        reading = self._result(decoder, self._words, begin, self.nbest, audio[skip:])
        if not prefix:
            return reading
        said = " ".join(w.word for w in prefix)
        return replace(
            reading,
            text=f"{said} {reading.text}".strip(),
            words=(*prefix, *reading.words),
            alternatives=tuple(f"{said} {a}" for a in reading.alternatives),
        )

    def _words_of(self, decoder, hyp, start: float) -> list[Word]:
        words: list[Word] = []
        if hyp is not None:
            for seg in decoder.seg():
                word = _ALT_PRON.sub("", seg.word)
                if _is_filler(word):  # <s>, </s>, <sil>, [NOISE], ++fillers++
                    continue
                words.append(
                    Word(
                        word,
                        start + seg.start_frame / _FRAME_RATE,
                        start + (seg.end_frame + 1) / _FRAME_RATE,
                        min(1.0, max(0.0, seg.prob)),
                    )
                )
        return words

    def _alternatives(self, best: str, vocabulary: frozenset[str], nbest: int) -> tuple[str, ...]:
        """The decoder's other readings of the utterance just ended, most likely first."""
        seen, found = {best}, []
        try:
            hyps = itertools.islice(self._decoder.nbest(), nbest + 1)
            for hyp in hyps:
                if hyp is None or not hyp.hypstr:  # PocketSphinx yields None for an empty path
                    continue
                words = [w for w in _plain_words(hyp.hypstr) if not _is_filler(w.word)]
                if self._mode == "command":
                    words = command_words(words, vocabulary)
                text = " ".join(w.word for w in words)
                if text and text not in seen:
                    seen.add(text)
                    found.append(text)
        except RuntimeError:  # no lattice (e.g. nothing decoded): no alternatives
            return ()
        return tuple(found[:nbest])


def _plain_words(hypstr: str) -> list[Word]:
    """A hypothesis string's words, without alternate-pronunciation marks ("hearth(2)")."""
    return [Word(_ALT_PRON.sub("", w), 0.0, 0.0) for w in hypstr.split()]


def _is_filler(word: str) -> bool:
    return word.startswith(("<", "[", "+"))
