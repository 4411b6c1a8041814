"""The listener: from recognized speech to the commands the dialog engine should hear.

It decides what the recognizer cannot:
- whether speech was meant for Hearth (wake phrase, or an answer/dictation window);
- when Hearth is talking, that what comes in is Hearth itself, except a barge-in
  ("stop" or the wake phrase), which must cut Hearth off at once;
- when to stop waiting: a partial result that already reads as a complete command,
  unchanged for a moment and followed by quiet, is acted on before the engine's own
  (longer) end-of-speech silence; other speech after the wake phrase is read to its
  end at the first moment of quiet and acted on once the quiet confirms it (read
  again whole when it goes on: `ListenerConfig.tentative_quiet_s`);
- what was said when the engine's final disagrees with its own partials: a grammar
  search can end on the filler path (an empty or unknown final) although a stable
  partial read as a whole command. When no other reading of the whole speech (below)
  is a command, that partial is acted on, under the same rules as an early decision
  (wake phrase, confidence, held for a moment);
- which reading to believe when the engine's best one is not a sure command: the
  first that is among (after the wake phrase) its strict grammar's reading, its
  alternatives (n-best) and its second reading, under the same rules; and when a sure
  command after the wake phrase and the strict grammar's reading disagree, the one
  the second reading sides with.

Whether the reading taken after the wake phrase is really a request (else the speech
is declined: `Heard.declined`, nothing acted on, no words handed on), whether to ask
before acting on it, and whether its length was misheard (`UNSURE_DURATION`) is
judged in `weighing.py`; the listener hands it the reading and acts on the verdict.

Privacy: nothing heard is logged or kept here; texts that are not for Hearth are
dropped on the spot.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from assistant.nlu.intent import ANSWERS, NONE, Intent
from assistant.nlu.safety import SAFETY
from assistant.speech.amend import LengthAmendment
from assistant.speech.answers import answer_within
from assistant.speech.front_end import FrontEnd, NoFrontEnd
from assistant.speech.types import Recognizer, Utterance
from assistant.speech.vad import VoiceActivity, VoiceVad
from assistant.speech.wake import WakePhrase, words
from assistant.speech.weighing import UNSURE_DURATION, Weighing

STOP_WORDS = frozenset({"stop", "quiet", "enough"})
"""Words that cut Hearth off when heard while it talks."""

TALK_OPENINGS = frozenset({"the"})
"""First words after the wake phrase that open talk about a thing far more often than a
request to Hearth ("the walk in the park yesterday was nice"): a request read from such
speech waits for the sentence to be over (`ListenerConfig.talk_opening_quiet_s`)."""

OPEN_ENDINGS = frozenset({"a", "an", "the", "to", "and", "or", "but", "of", "for", "with", "so"})
"""A partial ending in one of these is a sentence still going ("we need a minute to..."),
whatever the NLU makes of its start: never acted on without the engine's final."""


@dataclass(frozen=True)
class ListenerConfig:
    """How the listener behaves.

    Attributes:
        wake_phrase: e.g. "hey hearth".
        require_wake: False for `--no-wake` (every utterance is for Hearth).
        answer_window_s: after Hearth asks a question, the answer needs no wake
            phrase for this long (counted from when Hearth stopped talking).
        awake_window_s: after a bare wake phrase, the command may follow this late.
        echo_tail_s: Hearth's voice still arrives this long after playback ended
            (device buffers); it is treated like Hearth talking.
        early_stable_s: a partial must stay unchanged this long to be acted on early
            (0.12 s until 2026-12-02: 0.06 s read the latency benchmark's 50 clips
            exactly as before, decided p50 10 ms sooner; see docs/hearing.md)...
        early_quiet_s: ...and the input must have been quiet this long (by the voice
            detector, which ends voice within 60 ms of the last word; with 0.1 s
            replies came at p50 261 ms in real time, and no early decision was
            made inside a sentence on the benchmarks).
        early_min_confidence: ...and it must parse as a command at least this sure.
        early_quiet_long_s: the quiet needed instead when the partial is the start of
            a longer known command that means something else ("we need a minute" of
            "we need a minute apart"). 0.18 s until 2026-12-06: the longest pause inside
            a command the voice detector heard was 0.11 s (the tune half of the blind
            commands in five tune voices, 300 renderings), and at 0.14 s every reading
            of the rooms benchmark's tune split stayed the same (docs/hearing.md).
        end_quiet_s: speech whose partial reads the wake phrase and more ends after
            this much quiet by the voice detector, without waiting for the engine's
            own end of speech (about 0.39 s after the last word), and is decided on
            the readings of the whole. A partial whose name was misread ("hey if we
            need a minute", `WakePhrase.opens`) counts here, and only here: acting
            needs the wake phrase itself, in the reading of the whole.
        tentative_quiet_s: such speech is read to its end (the engine's end pass and
            the other readings, under the same bars) after this much quiet already:
            a sure command is acted on at `early_quiet_s` (`early_quiet_long_s` when a
            longer command means something else), anything else when `end_quiet_s`
            confirms it; speech that goes on is read again from its start. On the
            latency benchmark's 50 clips (audio clock) every reading stayed the same
            at 0.06, 0.08 and 0.1 s; at 0.06-0.08 s the end pass is done before the
            0.1 s that acts on a sure command (decision and its work p50 / p95: 195 /
            301 ms, against 255 / 720 ms at 0.1 s and 360 / 717 ms before; see
            docs/hearing.md). 0.08: fewer pauses inside a sentence read for nothing.
            Engines without `finish_tentatively` end at `end_quiet_s`.
        sure_tentative_quiet_s: ...but already after this much quiet when its partial is
            a sure command that could not be decided early (the strict grammar's partial
            is no request yet, "let's do our catch" beside "let's do our check in", or
            another one: it came to agree later in 1 of 28 such tune clips, so this does
            not wait for it; docs/hearing.md, twenty-eighth session).
            Such speech is acted on at `early_quiet_s`, and its end pass (45-85 ms) now
            runs while that quiet comes instead of after it: 3 of the latency benchmark's
            30 clips were answered 35-105 ms sooner in real time (two runs), and on the
            rooms benchmark's tune split 1 decision of 1,332 changed (a command declined
            before was acted on right; docs/hearing.md). In the neural voice 1 of 25
            clips went the other way: its strict partial would have agreed by 0.1 s, so
            it was decided early before and is now read whole (about 25 ms later).
        going_on_tentative_s: speech after the wake phrase whose partial reads as a
            sentence still going ("... we need a", "... a minute the": a last word like
            "a" or "the", or the start of a longer command) is read to its end after
            this much quiet. The quick reading often ends in a stray "the" where the
            readings of the whole are a command ("we need a minute"); such speech
            waited for the engine's own end of speech before. At 0.08 s the reading
            of "we are ready" still differed from the engine's (declined); at 0.12 and
            0.16 s all 50 latency clips read as before, 5 of them decided 60-110 ms
            sooner (audio clock; docs/hearing.md).
        going_on_quiet_s: ...and it is acted on at `end_quiet_s` when it reads as a
            sure command or its reading of the whole reads as over (the partial and the
            whole disagree: no quicker), else after this much quiet, about when the
            engine's own end of speech came (0.29-0.31 s of quiet on the latency
            clips): a pause for thought may follow "let's do a".
        min_support: a command reading after the wake phrase is acted on only when the
            engine's own best reading supports it this well (the mean, over the
            command's words, of the posterior the engine gave that word; 0 for a word
            it did not hear; scaled by the share of the heard words that are command
            words); otherwise the speech is declined (see `Heard.declined`).
            None: the engine's own bar (`min_support` of the recognizer).
        min_agree: ...and, when the engine gives an open-vocabulary reading of the same
            speech, at least this share of the command's words is in it (None: the
            engine's `min_agree`).
        second_min_support: when the engine's quick reading does not back the chosen
            command, its second reading (the whole utterance's voice estimate) may:
            it must read as the same request, with at least this support (a second
            chance, so a higher bar than `min_support`; see `Weighing.second_evidence`).
        check_below: a command reading after the wake phrase that clears `min_support`
            but not this bar is handed on as unsure (`Heard.unsure`): Hearth asks
            before it acts on it. None: the engine's own bar (`check_below` of the
            recognizer; none when it has no such attribute).
        safety_check_below: the same bar for a reading of a call for help, whose
            question gives the crisis line at once (dialog check.py), so asking costs
            a real call little and saves talk forced onto those wordings the full
            safety line. None: the engine's own (`safety_check_below` of the
            recognizer; `check_below` when it has none).
        check_below_confidence: a command reading after the wake phrase that the NLU
            reads less surely than this (1.0: exactly a sentence of the request's
            templates, about 0.05 less for each word it does not explain) is asked
            about first, whatever its support, unless it is word for word one of the
            command model's sentences. The command model reads everyday talk as loose
            near-requests ("i think it's going to rain tonight" as "i think it's going
            for a tonight", a small win, NLU 0.93) while a request's own reading is
            mostly one of its sentences. Such a reading is not decided early either: it
            is read whole, and asked about. Chosen on the tune split (docs/hearing.md).
        check_beyond_edits: a command reading after the wake phrase at least this many
            word edits (words added, dropped or changed) from every one of the command
            model's sentences is asked about first, however surely the NLU reads it.
            The command model strings pieces of its sentences together over talk it
            cannot follow ("i need to pick up the dry cleaning before five" read as "i
            need to to go for a drive we made it for five", 6 edits from "i need to go
            for a drive"), and the NLU finds the request in them (its clause reading:
            "space", 1.0). A reading with free text (an appreciation, an idea) is not
            measured: its text is no sentence's; nor is a call for help, which has a
            bar of its own (`safety_check_below`). None: no such bar. Chosen on the tune
            split (docs/hearing.md).
        check_dropped_words: a command reading after the wake phrase that leaves out at
            least this many of the words the engine itself heard after the wake phrase
            (the request came from the strict grammar, an alternative or the second
            reading, shorter than the engine's own reading) is asked about first unless
            its support reaches `check_dropped_below`. The words left out may be the
            rest of a sentence that only began like a request: "set a timer for twenty
            minutes for the pasta" was heard as ten words and taken as "set the timer
            for the walk together" (support 0.67), "you're back early, was the meeting
            cancelled" as "we're back early" (0.66). None: no such bar. Chosen on the
            rooms benchmark's tune half (docs/hearing.md): of its readings, it asks
            about 3 of the 4 pieces of talk acted on with words left out, and about no
            command acted on right (the two with words left out had support 0.94 and
            1.0); run through the benchmark, talk acted on in the neural voice went
            from 10 to 7 of 270, for one command of 216 asked about whose yes was lost.
        check_dropped_below: the support that bar asks for (PocketSphinx's scale, as
            the engine's own bars).
        safety_min_support: a reading of a call for help after the wake phrase that
            the bars above decline is handed on as unsure all the same when its support
            reaches this: asked about, never let go. None: the engine's own
            (`safety_min_support` of the recognizer; declined like any reading when it
            has none).
        answer_noise_below: a reading of an answer to Hearth's question that means
            nothing as a whole is taken as the yes or no inside it when the engine's
            mean confidence in the other words is under this (answers.py: "yeah go
            ahead what what" in TV noise). None (the default): never. At 0.5, chosen
            on the rooms benchmark's tune split, 9 of the 13 lost yeses were heard and
            none of the 41 pieces of talk that followed a question about talk read as a
            yes; on the held-out half it heard 2 more yeses (of 31 asked commands) and
            acted on 2 more pieces of talk (of 540), so it is off until it is surer
            (docs/hearing.md).
        acts_when_cut_off: requests acted on unasked, whatever their support, when
            said right after the wake phrase cut Hearth off (within `awake_window_s`
            of the cut): "hey hearth, say that again" over a check-in question. The
            question ("Did you want me to repeat that?") would only stand between the
            couple and the line they asked for, and a wrong one costs the same: Hearth
            says again what it was saying. Replayed, 3 of the 4 "say that again"
            missed in one talk-over run (tune voices) had been asked about: the
            engine gives "say" little posterior against "save" and "stay" (support
            0.50-0.52 where logged); see docs/hearing.md. A stop, too: the line is
            already cut, and the engine lets an unsure stop with nothing left to stop
            go with a "didn't catch that" (`ACTS_WHEN_UNSURE` in dialog/engine.py).
        asks_disputed_length: a request after the wake phrase read with a length is
            asked about (named back with that length, acted on after a yes) when
            another of the engine's readings of the same speech names the same request
            with another length: "calm down break for ten minutes" read as "... for
            twenty minutes", with "... for ten minutes" among the other readings. A
            misheard length must never become another; which reading is right is not
            known, so Hearth asks. The engine's posterior of the length words did not
            tell the two apart (0.04-0.92 for right lengths, 0.04-0.47 for wrong
            readings), so there is no bar. Only engines that give other readings
            (PocketSphinx's n-best; the Vosk engine gives none) can dispute a length.
            On the rooms benchmark's tune half it asked about 1 of 624 commands (a
            right length; its yes was lost in pink noise) and no talk (of 1,114 after
            the wake phrase); on 168 tune-voice readings of requests with lengths,
            about 6 of 122 right lengths, and it caught 1 of 4 wrong lengths and 2
            readings of another request with a length (docs/hearing.md, thirty-first
            session).
        talk_opening_quiet_s: a request read from speech after the wake phrase whose
            first word opens talk about a thing (`TALK_OPENINGS`: "the") is never
            decided on a partial, and is acted on only after this much quiet, when the
            engine's own end of speech would come: the words heard so far are most
            often the subject of a sentence that goes on after a pause ("the walk ...
            in the park yesterday was nice", Festival pausing 0.22 s after "walk", was
            taken as the walk at 0.14 s). In the blind lists' tune halves, 24 of 110
            pieces of everyday talk and none of 60 commands open with "the". Engines
            that do not read speech to its end ahead (`finish_tentatively`; Vosk) end
            it at `end_quiet_s` all the same. None: such speech is decided as any other.
        length_pause_quiet_s: a request read from speech after the wake phrase that takes
            a length and says none ("let's take a break", "start a pause") is never
            decided on a partial, and is acted on only after this much quiet: people
            pause before the length ("let's take a break ... for ten minutes"), and the
            default length must not stand in for one about to be said. Speech that goes
            on is read on from its start (PocketSphinx holds it for the listener, past
            its own end of speech at about 0.39 s: `SphinxRecognizer.resume`). Engines that
            do not read speech to its end ahead end it at `end_quiet_s`. None: such a
            request is decided as any other. Chosen on the rooms benchmark's tune half
            (`asr_rooms.py --length-pause`, every tune voice, clean): with 0.3 s of
            silence before the length, 15 of 32 commands acted on right against 4 (a
            wait of 0.3 s: 14), no length taken as another (3 before); with 0.2 s, 21
            against 12. The cost: such a request said alone is answered about 0.2 s
            later (docs/hearing.md, thirty-third session).
        unsure_quiet_s: speech after the wake phrase whose reading is no request Hearth
            acts on at once (declined, or to be asked about first) is decided only after
            this much quiet: the person may not be done ("hey hearth we need ... a three
            minute time out", read "we made" at the pause and asked about as a small
            win). Speech that goes on is read on from its start. None: such speech
            waits `end_quiet_s`. Chosen on the rooms benchmark's tune half, every tune
            voice, clean: with 0.3 s of silence before a length, 18 + 5 of 32 commands
            right (acted on + asked) against 15 + 4 (a wait of 0.3 s: 17 + 5); without a
            pause, all 440 commands and pieces of talk decided alike but for three
            pieces of talk asked about or declined the other way, and no talk acted on
            in either list (docs/hearing.md, thirty-fourth session). The cost: Hearth
            says it did not catch something, or asks, about 0.15 s later.
        length_amend_window_s: after a request that takes a length and says none was
            acted on (its default length taken), speech without the wake phrase that
            ends within this many seconds and is a bare length for it ("for ten
            minutes") is handed on as the request with that length (`Heard.amends`;
            amend.py): a pause before the length that outlasted `length_pause_quiet_s`.
            Heard over Hearth's reply too, where the input is clean of Hearth's voice.
            It passes the bars of any request. None: such speech is not for Hearth.
    """

    wake_phrase: str = "hey hearth"
    require_wake: bool = True
    answer_window_s: float = 8.0
    awake_window_s: float = 6.0
    echo_tail_s: float = 0.4
    early_stable_s: float = 0.06
    early_quiet_s: float = 0.1
    early_min_confidence: float = 0.85
    early_quiet_long_s: float = 0.14
    end_quiet_s: float = 0.2
    tentative_quiet_s: float = 0.08
    sure_tentative_quiet_s: float = 0.02
    going_on_quiet_s: float = 0.3
    going_on_tentative_s: float = 0.12
    min_support: float | None = None
    min_agree: float | None = None
    second_min_support: float = 0.6
    check_below: float | None = None
    check_below_confidence: float = 0.95
    check_beyond_edits: int | None = 6
    check_dropped_words: int | None = 2
    check_dropped_below: float = 0.8
    safety_check_below: float | None = None
    safety_min_support: float | None = None
    answer_noise_below: float | None = None
    acts_when_cut_off: tuple[str, ...] = ("repeat", "stop")
    asks_disputed_length: bool = True
    talk_opening_quiet_s: float | None = 0.3
    length_pause_quiet_s: float | None = 0.35
    unsure_quiet_s: float | None = 0.35
    length_amend_window_s: float | None = 4.0


@dataclass(frozen=True)
class Heard:
    """A decision of the listener.

    Attributes:
        text: what to hand to the engine (wake phrase removed); "" for a bare barge-in.
        t: timeline time of the decision.
        early: decided from a stable partial, before the engine's end of speech.
        barge_in: heard while Hearth was talking: cut it off now.
        declined: speech after the wake phrase that holds no request Hearth may act on
            (no command reading, or one the engine's own reading does not support):
            `text` is "", nothing is acted on or kept; Hearth may say it did not catch it.
        evidence: how the command reading was supported (see `Weighing.evidence`);
            numbers only, never words.
        unsure: a request after the wake phrase with some evidence, but not enough to
            act on it unasked (`ListenerConfig.check_below`): Hearth names what it
            heard and acts only after a yes. A call for help that the bars would
            decline is unsure instead when it has some support
            (`ListenerConfig.safety_min_support`): its question gives the crisis line.
        wake: said after the wake phrase (or in the moments after a bare one), not as
            an answer without it: while Hearth waits on a yes, such speech is a new
            request rather than more of the talk.
        amends: the request just acted on with its default length, now with the
            length said after a pause in it (`ListenerConfig.length_amend_window_s`).
    """

    text: str
    t: float
    early: bool = False
    barge_in: bool = False
    declined: bool = False
    evidence: dict[str, float] | None = field(default=None, compare=False)
    unsure: bool = False
    wake: bool = False
    amends: bool = False


class Listener:
    """Feeds audio to a recognizer and turns its results into `Heard` decisions.

    Call `feed` for every input block, from one thread, with the engine's current
    `listen_mode` and whether Hearth is talking. `parse` (the NLU) is only used to
    judge whether a partial result is already a complete command. `phrases` are the
    command sentences the recognizer knows (its grammar's, by default): a partial
    that is the start of one with another meaning ("can you help us" of "can you
    help us find couples support") waits for a longer pause before it is acted on early.
    `vad` says how long it has been quiet (PocketSphinx's voice detector by default).
    `front_end` cleans each block before the voice detector and the recognizer hear it
    (noise suppression and gain, see `front_end.py`; default: none).
    """

    def __init__(
        self,
        recognizer: Recognizer,
        config: ListenerConfig | None = None,
        parse: Callable[[str], Intent] | None = None,
        phrases: Iterable[str] | None = None,
        vad: VoiceActivity | None = None,
        front_end: FrontEnd | None = None,
    ) -> None:
        self.recognizer = recognizer
        self.front_end: FrontEnd = front_end or NoFrontEnd()
        self.config = config or ListenerConfig()
        self.wake = WakePhrase(self.config.wake_phrase)
        # The same partial is judged again block after block (about 2 ms a parse, a
        # tenth of a 20 ms block): remembered per text for the listener's lifetime.
        self.parse = functools.lru_cache(maxsize=1024)(parse) if parse is not None else None
        self.vad: VoiceActivity = vad or VoiceVad()
        self.speaking_text = ""
        """The line Hearth is saying now (a barge-in word inside it is Hearth's own)."""
        self._gated = False
        self._gate_end: float | None = None
        self._awake_until = float("-inf")
        self._cut_off_until = float("-inf")  # speech until then follows a wake-phrase cut
        self._answer_since: float | None = None
        self._partial = ""
        self._partial_since = 0.0
        self._stable_command = ""
        """The last partial that held as a confident command (the fallback for a lost final)."""
        self._barged = False
        self._mode = "wake"
        self._acted_early = False  # the speech in progress was already acted on
        self._held: list[Heard] | None = None
        """The decision on speech ended tentatively, until the quiet confirms it."""
        self._held_voice: float | None = None  # the voice detector's last voice then
        self._held_quiet = 0.0  # the quiet that confirms it
        if phrases is None:
            phrases = getattr(getattr(recognizer, "grammar", None), "phrases", ())
        self.weighing = Weighing(recognizer, self.config, self.parse, self.wake, phrases)
        """Judges the reading taken: its evidence, whether to ask first, its length."""
        self._phrases = self.weighing.phrases  # sorted once, shared
        self._goes_on: dict[str, bool] = {}
        self._phrase_intents: dict[str, str] = {}
        window = self.config.length_amend_window_s
        self._amendment = (
            LengthAmendment(self.parse, window) if window is not None and self.parse else None
        )
        """The request just acted on whose length may still come (amend.py)."""

    def prepare(self) -> None:
        """Make now what the first reading would otherwise wait for (see
        `Weighing.prepare`)."""
        self.weighing.prepare()

    # -- the one entry point -----------------------------------------------------------

    def feed(
        self, pcm: bytes, t: float, mode: str = "wake", speaking: bool = False, clean: bool = True
    ) -> list[Heard]:
        """Process one block ending at timeline time `t`.

        Args:
            mode: the engine's `listen_mode` ("wake", "answer", "dictation").
            speaking: Hearth is playing a line right now.
            clean: `pcm` carries no echo of Hearth's voice (a file source, or an
                echo canceller's output). When False and Hearth is talking, the
                block is not listened to at all.
        """
        decided = self._feed(pcm, t, mode, speaking, clean)
        self._note_acted(decided, t)
        return decided

    def _feed(self, pcm: bytes, t: float, mode: str, speaking: bool, clean: bool) -> list[Heard]:
        self._track_mode(mode, t)
        gated = self._update_gate(speaking, t)
        if gated and not clean:
            return []  # not heard at all: nor does it move the front end's noise and gain
        pcm = self.front_end.process(pcm)
        self.vad.feed(pcm, t)
        utt = self.recognizer.accept(pcm)
        if gated:
            return self._barge_in(utt, t)
        if self._held is not None:
            return self._confirm_held(t)
        if utt is not None:
            if self._acted_early:
                # The end of the speech already acted on: the engine's final only confirms.
                self._acted_early = False
                self._forget_partial()
                return []
            return self._final(utt, t, early=False)
        return self._early(t, mode)

    def flush(self, t: float) -> list[Heard]:
        """End of input: decide on any speech still in progress."""
        decided = self._flush(t)
        self._note_acted(decided, t)
        return decided

    def _flush(self, t: float) -> list[Heard]:
        if self._held is not None:
            return self._act_on_held(t)
        final = self.recognizer.finish()
        if self._acted_early or final is None:
            self._acted_early = False
            return []
        return self._final(final, t, early=False)

    def reset(self) -> None:
        """Drop speech in progress (e.g. after the input device was reopened)."""
        self.recognizer.reset()
        self.vad.reset()
        self.front_end.reset()
        self._forget_partial()
        self._acted_early = False
        self._held = None

    # -- state ------------------------------------------------------------------------

    def _note_acted(self, decided: list[Heard], t: float) -> None:
        """After each decision: a request acted on with its default length may get its
        length next (`length_amend_window_s`); any other decision ends that, but for a
        bare barge-in (Hearth's reply cut by speech that may be that length)."""
        decided = [h for h in decided if h.text or h.declined]  # not a bare barge-in
        if self._amendment is None or not decided:
            return
        last = decided[-1]
        taken = bool(last.text) and not (last.declined or last.unsure or last.amends)
        if taken and last.wake and self.weighing.length_unsaid(last.text):
            self._amendment.open(last.text, t)
        else:
            self._amendment.close()

    def _track_mode(self, mode: str, t: float) -> None:
        self._mode = mode
        wanted = "open" if mode == "dictation" else "command"
        if self.recognizer.mode != wanted:
            self.recognizer.set_mode(wanted)
        if mode != "answer":
            self._answer_since = None
        elif self._answer_since is None:
            self._answer_since = t

    def _update_gate(self, speaking: bool, t: float) -> bool:
        if speaking:
            if not self._gated:
                self._gated = True
                self._barged = False
                self._cut_off_until = float("-inf")
                # Whatever was half-heard when Hearth began is dropped: it may be the
                # start of Hearth's own voice.
                self.recognizer.reset()
                self._forget_partial()
                self._acted_early = False
                self._held = None
            self._gate_end = None
            return True
        if self._gated:
            self._gated = False
            # A barge-in already silenced Hearth: the person is talking, not the echo.
            self._gate_end = t if self._barged else t + self.config.echo_tail_s
            if self._answer_since is not None:
                self._answer_since = t  # the answer window starts when the question ends
        return self._gate_end is not None and t < self._gate_end

    def _cut_off(self, t: float, barge_in: bool) -> bool:
        """This speech cut Hearth off with the wake phrase, or follows such a cut
        within the awake window."""
        return barge_in or t < self._cut_off_until

    def _awake(self, t: float) -> bool:
        """A bare wake phrase was heard and its window is open: speech now is speech
        after the wake phrase (not an answer, which needs none)."""
        return self.config.require_wake and t < self._awake_until

    def _needs_wake(self, mode: str, t: float) -> bool:
        if not self.config.require_wake or mode == "dictation" or self._awake(t):
            return False
        if mode == "answer" and self._answer_since is not None:
            return t - self._answer_since > self.config.answer_window_s
        return True

    # -- decisions --------------------------------------------------------------------

    def _forget_partial(self) -> None:
        self._partial = ""
        self._stable_command = ""

    def _final(self, utt: Utterance, t: float, early: bool) -> list[Heard]:
        text = utt.text.strip()
        if not early:
            reading = self._best_reading(text, utt.alternatives, t)
            if reading is None:
                # Its readings name two different requests: declined, not guessed.
                self._forget_partial()
                self._awake_until = float("-inf")
                return [Heard("", t, declined=True)]
            text = reading
            if self._stable_command and not self._command(text):
                # The search ended on the filler path, or short of a whole command ("hey
                # hearth", "we need a"), and no other reading of the whole speech is one,
                # although a partial held as a confident command. The readings of the
                # whole speech come first (tune split: 136 -> 137 of 150).
                text = self._stable_command
        self._forget_partial()
        if not text:
            return []
        has_wake, rest = self.wake.split(text)
        if not has_wake and not early and (amends := self._amends(text, utt, t)):
            return amends
        if self._needs_wake(self._mode, t) and not has_wake:
            return []  # not for Hearth: forget it at once
        if has_wake and not rest:
            self._awake_until = t + self.config.awake_window_s
            return []
        # Speech of its own after a bare wake phrase is speech after the wake phrase:
        # it passes the same bars (it was handed on unchecked until 2026-12-02).
        after_wake = has_wake or self._awake(t)
        self._awake_until = float("-inf")
        addressed = after_wake or not self.config.require_wake
        if not early and not after_wake and self._mode == "answer":
            text = self._answer_in_noise(text, utt)
        if early or not addressed or self._mode == "dictation":
            return [Heard(rest if has_wake else text, t, early=early, wake=after_wake)]
        return self._weighed(rest if has_wake else text, utt, t, after_wake)

    def _amends(self, said: str, utt: Utterance, t: float) -> list[Heard]:
        """`said`, speech without the wake phrase, as the length of the request just
        acted on (`length_amend_window_s`), when it is one, passes the bars of any
        request and is not Hearth's own line; [] otherwise. Also while Hearth waits for
        an answer: the request just acted on asked how long ("i need some space"), and
        the length may come over that question."""
        if self._amendment is None or self._mode == "dictation":
            return []
        if self._gated and set(words(said)) <= set(words(self.speaking_text)):
            return []  # Hearth's own words ("taking one minute together")
        whole = self._amendment.of(said, t)
        if whole is None:
            return []
        evidence = self.weighing.evidence(said, utt)
        if not self.weighing.supported(evidence):
            return []
        return [Heard(whole, t, evidence=evidence, wake=True, amends=True)]

    def _answer_in_noise(self, text: str, utt: Utterance) -> str:
        """The answer inside a reading of an answer that means nothing as a whole ("yeah
        go ahead what what": see answers.py); `text` itself otherwise."""
        bar = self.config.answer_noise_below
        if bar is None or self.parse is None or self.parse(text).name != NONE:
            return text
        heard = [(w.word, w.confidence) for w in utt.words]
        if " ".join(word for word, _ in heard) != text:
            return text  # another reading than the engine's own: no confidences for it
        return answer_within(heard, self.parse, bar) or text

    def _weighed(
        self, said: str, utt: Utterance, t: float, after_wake: bool, barge_in: bool = False
    ) -> list[Heard]:
        """The bars that speech addressed to Hearth passes before it is acted on: a
        request the NLU reads, backed by the engine's evidence, its length not misheard.
        Every path that hands speech after the wake phrase on comes through here."""
        meaning = self.parse(said).name if self.parse is not None else None
        evidence = self.weighing.evidence(said, utt)
        if after_wake and meaning not in (None, NONE) and not self.weighing.supported(evidence):
            evidence = self.weighing.second_evidence(said, meaning, utt) or evidence
        if meaning == NONE or not self.weighing.supported(evidence):
            # Talk to Hearth that holds no request. After the wake phrase Hearth may
            # say it did not catch it; with --no-wake, talk is simply let go.
            if not after_wake:
                return []
            if meaning == SAFETY and self.weighing.asks_about_help(evidence):
                # A call for help the bars decline is asked about, not let go: the
                # question gives the crisis line first.
                return [
                    Heard(said, t, barge_in=barge_in, evidence=evidence, unsure=True, wake=True)
                ]
            return [Heard("", t, barge_in=barge_in, declined=True, evidence=evidence)]
        # Judged on the reading itself, before a length marker is added; only after the
        # wake phrase, and only when the support alone does not already ask (the
        # sentence search costs a few ms).
        unsure = after_wake and (
            evidence["support"] < self.weighing.check_bar(meaning)
            or self.weighing.words_dropped(evidence)
            or self.weighing.loose(said)
        )
        if unsure and meaning in self.config.acts_when_cut_off and self._cut_off(t, barge_in):
            unsure = False  # Hearth was just cut off: do it rather than ask
        if after_wake and self.weighing.length_disputed(said, utt, evidence):
            unsure = True  # a length another reading heard otherwise: named back, asked
        if self.weighing.length_lost(said, utt):
            said = f"{said} {UNSURE_DURATION}"
        heard = Heard(said, t, barge_in=barge_in, evidence=evidence, unsure=unsure, wake=after_wake)
        return [heard]

    def _early(self, t: float, mode: str) -> list[Heard]:
        if mode == "dictation" or self.parse is None or self._acted_early:
            return []
        partial = self.recognizer.partial().strip()
        quiet = self.vad.quiet_for(t)  # infinite when no voice was heard at all
        if self.config.end_quiet_s <= quiet < float("inf") and self._may_end(partial):
            # Not a command to act on early, but the speech is over: the readings of
            # the whole decide now (the engine's end of speech would come ~0.2 s later).
            return self._end_now(t)
        decided = self._early_decision(partial, quiet, t, mode)
        if decided is not None:
            return decided
        if self._tentative_quiet(partial) <= quiet < float("inf"):
            # Probably over: read it to its end now, and act when the quiet confirms it.
            if self._may_end(partial):
                return self._end_tentatively(t, quiet)
            has_wake, rest = self.wake.opens(partial)
            if has_wake and rest and quiet >= self.config.going_on_tentative_s:
                # Speech to Hearth that reads as a sentence still going: the person may
                # be pausing for thought, or the quick reading has a stray last word
                # (see `ListenerConfig.going_on_tentative_s`).
                return self._end_tentatively(t, quiet, going_on=True)
        return []

    def _tentative_quiet(self, partial: str) -> float:
        """The quiet after which speech is read to its end tentatively: sooner when its
        partial is a sure command waiting only for the readings of the whole (see
        `ListenerConfig.sure_tentative_quiet_s`)."""
        cfg = self.config
        if partial and partial == self._stable_command:
            return min(cfg.sure_tentative_quiet_s, cfg.tentative_quiet_s)
        return cfg.tentative_quiet_s

    def _early_decision(
        self, partial: str, quiet: float, t: float, mode: str
    ) -> list[Heard] | None:
        """A decision on a stable partial (None: none yet)."""
        if partial == self._partial:
            pass
        elif partial and self._meaning(partial) == self._meaning(self._partial):
            # Trailing silence can make a grammar search flicker ("check in" / "check in
            # at"); what counts is that the command it reads as stays the same.
            self._partial = partial
        else:
            self._partial, self._partial_since = partial, t
            return None
        cfg = self.config
        if not partial or t - self._partial_since < cfg.early_stable_s:
            return None
        if not self._actionable(partial, mode, t):
            if len(words(partial)) > len(words(self._stable_command)):
                # Talk went on past the command ("we need a minute to talk about..."):
                # it was a sentence that merely began like one.
                self._stable_command = ""
            return None
        self._stable_command = partial
        has_wake, rest = self.wake.split(partial)
        if self._opens_talk(rest) or self._length_may_follow(rest):
            # Most often the subject of a sentence that goes on after a pause, or a
            # request whose length may come after one: read to its end, and acted on
            # only after a longer quiet (`_confirming_quiet`).
            return None
        # The start of a longer command with another meaning ("we need a minute" of
        # "we need a minute apart") needs a longer pause to be taken as said.
        longer = self._may_go_on(rest)
        if quiet < (cfg.early_quiet_long_s if longer else cfg.early_quiet_s):
            # Waiting for the quiet of an early decision: not read to its end meanwhile
            # (that work would only delay it).
            return [] if self._strict_agrees(partial, t) else None
        if self._strict_disagrees(partial) or not self._strict_agrees(partial, t):
            # The strict grammar follows this speech and reads another command ("we need
            # a minute" / "we need a mediator"): the partial is not safe to act on. The
            # speech is over all the same, so it ends here and is decided on the
            # readings of the whole, about 0.3 s before the engine's own end of speech.
            return self._end_now(t)
        if self._sure_intent(partial) == SAFETY or self._holds_free_text(partial):
            # A call for help is never decided on a partial: everyday talk is forced onto
            # those wordings more than onto any other ("i'm going to bed soon" read early
            # as "i'm going to punch him"). It is read whole and weighed, under its own
            # bar (`safety_check_below`). Nor is a request with the couple's own words:
            # they may go on after a pause, and talk read early as one ("i can't decide
            # what to wear" as "idea suicide what we're") would be read back to them.
            return self._end_now(t)
        if (has_wake or self._awake(t)) and self.weighing.loose(rest):
            # Speech after the wake phrase that is only loosely a request: it will be
            # asked about, which the readings of the whole decide
            # (`ListenerConfig.check_below_confidence`).
            return self._end_now(t)
        if self.weighing.default_length_unsure(rest):
            # A request that takes a length, read early without one and in words of no
            # sentence: the length may be what was misheard, and the default must not
            # stand in for it. The readings of the whole are looked at for it ("we need a
            # three minute time out" read early as "we need a breathing time out",
            # whole as "we need three minutes timeout"); without one there, the early
            # reading stands.
            final = self.recognizer.finish()
            if final is not None and self.weighing.holds_a_length(final, self._intent_of(rest)):
                return self._final(final, t, early=False)
            # The engine's final was taken here: no later one is left to drop.
            return self._final(Utterance(partial), t, early=True)
        # Safe to decide now. The engine's own final for this speech comes later and is
        # dropped; flushing it here instead would cost a full search (hundreds of ms).
        self._acted_early = True
        return self._final(Utterance(partial), t, early=True)

    def _opens_talk(self, rest: str) -> bool:
        """`rest` (speech after the wake phrase) opens the way talk about a thing does,
        not a request (`ListenerConfig.talk_opening_quiet_s`)."""
        first = words(rest)[:1]
        on = self.config.talk_opening_quiet_s is not None
        return on and bool(first) and first[0] in TALK_OPENINGS

    def _length_may_follow(self, rest: str) -> bool:
        """`rest` (speech after the wake phrase) is a request that takes a length and
        says none: the length may come after a pause (`length_pause_quiet_s`)."""
        on = self.config.length_pause_quiet_s is not None
        return on and bool(rest) and self.weighing.length_unsaid(rest)

    def _may_end(self, partial: str) -> bool:
        """`partial` is the wake phrase and more, and does not read as a sentence
        still going: a bare wake phrase, a last word like "a" or "to", or the start of
        a known command that is no command yet ("let's") may be a pause for thought,
        and waits longer (`going_on_quiet_s`; a bare wake phrase gets the engine's own
        end of speech)."""
        has_wake, rest = self.wake.opens(partial)
        if not has_wake or not rest or words(rest)[-1] in OPEN_ENDINGS:
            return False
        return self._command(rest) or next(self._longer_phrases(rest), None) is None

    def _end_now(self, t: float) -> list[Heard]:
        """End the speech in progress here and decide on the engine's final for it."""
        final = self.recognizer.finish()
        if final is None:  # nothing was decoded: nothing of this speech may linger
            self._forget_partial()
            return []
        return self._final(final, t, early=False)

    def _end_tentatively(self, t: float, quiet: float, going_on: bool = False) -> list[Heard]:
        """Decide on the engine's final of the speech so far, and act on it when the
        quiet it needs has come (see `ListenerConfig.tentative_quiet_s`). `going_on`:
        its partial read as a sentence still going (`going_on_quiet_s`)."""
        end = getattr(self.recognizer, "finish_tentatively", None)
        if end is None:
            return []  # this engine ends at `end_quiet_s`
        final = end()
        if final is None:
            self._forget_partial()
            return []
        self._held = self._final(final, t, early=False)
        self._held_voice = self.vad.last_voice
        self._held_quiet = self._confirming_quiet(self._held, going_on, final.text)
        return self._confirm_held(t, quiet)

    def _confirming_quiet(
        self, decided: list[Heard], going_on: bool = False, final: str = ""
    ) -> float:
        """The quiet after which a decision on speech ended tentatively is acted on. It
        was made on the readings of the whole, under the same bars as at `end_quiet_s`;
        what the wait guards against is only speech that goes on. So a sure command is
        acted on at once, as an early decision would be (`early_quiet_long_s` when a
        longer command means something else); anything else waits for `end_quiet_s`
        (a declined reading, a misheard length: the person may not be done).

        When the partial read as a sentence still going (`going_on`), a sure command
        waits for `end_quiet_s` too: the partial and the reading of the whole disagree
        on whether the speech is over ("show me the" read whole as "show me what you",
        help, in a pause before "next question"). Anything else waits for
        `going_on_quiet_s` while the engine's reading of the whole (`final`) reads as
        going on as well; a stray last word of the partial only gets `end_quiet_s`.

        Speech that opens the way talk about a thing does waits `talk_opening_quiet_s`,
        whatever it reads as; a request that takes a length and says none,
        `length_pause_quiet_s`; a reading declined or to be asked about,
        `unsure_quiet_s`."""
        cfg = self.config
        if decided and self._opens_talk(decided[0].text):
            return max(cfg.talk_opening_quiet_s or 0.0, cfg.end_quiet_s)
        if decided and self._length_may_follow(decided[0].text):
            return max(cfg.length_pause_quiet_s or 0.0, cfg.end_quiet_s)
        sure = len(decided) == 1 and not decided[0].declined and self._confident(decided[0].text)
        if sure and self._mode == "wake" and self._sure_intent(decided[0].text) in ANSWERS:
            # A yes or a no with no question waiting answers nothing: most often the
            # speech goes on ("hey hearth let's ... do tonight's check in", read "let's"
            # at a pause). Waiting costs nothing, as there is nothing to act on.
            return max(cfg.going_on_quiet_s, cfg.end_quiet_s)
        acted_on_at_once = sure and not decided[0].unsure
        if cfg.unsure_quiet_s is not None and decided and not acted_on_at_once:
            # Declined, or to be asked about: the person may not be done.
            return max(cfg.unsure_quiet_s, cfg.end_quiet_s)
        if going_on:
            if sure or self._may_end(final):
                return cfg.end_quiet_s
            return cfg.going_on_quiet_s
        if not sure:
            return cfg.end_quiet_s
        rest = decided[0].text
        return cfg.early_quiet_long_s if self._may_go_on(rest) else cfg.early_quiet_s

    def _confirm_held(self, t: float, quiet: float | None = None) -> list[Heard]:
        """The held decision, once the quiet confirms it; nothing while it may still
        change; when the voice came back, the speech is read on (`resume`)."""
        voice = self.vad.last_voice
        if voice is not None and (self._held_voice is None or voice > self._held_voice):
            resume = getattr(self.recognizer, "resume", None)
            if resume is not None and resume():
                self._held = None
                return []
            # The engine had ended that speech itself: this is new speech.
            return self._act_on_held(t)
        quiet = self.vad.quiet_for(t) if quiet is None else quiet
        if quiet < self._held_quiet:
            return []
        return self._act_on_held(t)

    def _act_on_held(self, t: float) -> list[Heard]:
        decided, self._held = self._held or [], None
        commit = getattr(self.recognizer, "commit", None)
        if commit is not None:
            commit()
        return [replace(h, t=t) for h in decided]

    def _best_reading(self, text: str, alternatives: tuple[str, ...], t: float) -> str | None:
        """`text`, or when it is not a command Hearth may act on, the first reading
        that is: for speech that began with the wake phrase, its strict grammar's
        reading ("ask us the question" for "hey hearth ask us a look where us
        tonight"); the engine's alternatives; then its second reading (with the whole
        utterance's voice estimate). A bare wake phrase stays one: no command is
        guessed. None: the readings of a sure command disagree (see `_settle`)."""
        has_wake, rest = self.wake.split(text)
        reread = getattr(self.recognizer, "reread", None)
        if not text or (has_wake and not rest):
            return text
        if self._actionable(text, self._mode, t):
            return self._settle(text, reread) if has_wake else text
        # A command all the same, if less sure: only the strict grammar's reading and
        # the alternatives may still replace it (tune split: 131 -> 132 of 150).
        strict_only = self._command(text)
        for reading in self._other_readings(reread, has_wake, strict_only, alternatives):
            if self._actionable(reading, self._mode, t):
                return reading
        return text

    def _strict_disagrees(self, partial: str) -> bool:
        """The strict grammar's reading so far is a sure command of another intent than
        `partial` (a reading it has not finished, or none, does not count against it;
        nor do slots: "a walk" and "a walk together" are the same request)."""
        strict = getattr(self.recognizer, "strict_partial", None)
        other = self._sure_intent(strict()) if strict is not None else None
        mine = self._sure_intent(partial)
        return other is not None and mine is not None and other != mine

    def _strict_agrees(self, partial: str, t: float) -> bool:
        """Speech after the wake phrase is acted on early only when the strict grammar,
        which has followed it, reads the same request: two readings agree. Otherwise it
        is decided on the readings of the whole, where the evidence is weighed."""
        has_wake, _ = self.wake.split(partial)
        if not has_wake and self._awake(t):
            # Speech after a bare wake phrase: the strict grammar follows only speech
            # that begins with the wake phrase, so no second reading backs a partial;
            # it is decided on the readings of the whole, under the evidence bars.
            return False
        strict = getattr(self.recognizer, "strict_partial", None)
        if not has_wake or strict is None:
            return True
        mine = self._sure_intent(partial)
        return mine is not None and self._sure_intent(strict()) == mine

    def _settle(self, text: str, reread: Callable[..., Utterance | None] | None) -> str | None:
        """A sure command after the wake phrase is acted on when two of its three
        readings agree on the request: the quick reading, the strict grammar's (which
        followed the speech) and, when those two differ, the model's second reading
        (the whole utterance's mean). "we need a mediator" in a voice whose first
        moments gave a poor mean, where the grammar and the second reading heard "we
        need a minute", is the pause. When the second reading sides with neither,
        None: Hearth says it did not catch it rather than guessing between two
        requests (over Hearth's own voice, "we need a minute" read as "we need a
        mediator", the grammar's "we need a minute" and a second reading of neither
        started support in 1 of 8 end-to-end runs). When the grammar reads no request,
        a second reading of another sure request declines it too."""
        if reread is None:
            return text
        strict = reread(strict=True)
        mine = self._sure_intent(text)
        other = self._sure_intent(strict.text) if strict is not None else None
        if other == mine:
            return text
        second = reread()
        sided = self._sure_intent(second.text) if second is not None else None
        if other is None:
            # The grammar reads no request (its filler path, or no reading at all): the
            # quick reading and the second decide. "give us five minutes", quick "the
            # list we made it" (a win), grammar "", second the pause: declined.
            return None if sided not in (None, mine) else text
        if sided == other:
            return strict.text
        return text if sided == mine else None

    def _other_readings(
        self,
        reread: Callable[..., Utterance | None] | None,
        has_wake: bool,
        strict_only: bool,
        alternatives: tuple[str, ...],
    ):
        """The other readings of the speech, one at a time, so each costs only when
        the ones before it were not taken. The strict grammar's comes first: it has
        followed the whole speech and costs almost nothing now, and it forces a
        reading onto a known sentence where an alternative of the quick reading may
        be one misheard word off (tune split: 137 -> 138 of 150 against taking the
        alternatives first). A second model pass costs 150-200 ms and comes last.
        `strict_only`: not the model's second pass."""
        if reread is not None and has_wake and (strict := reread(strict=True)) is not None:
            yield strict.text
        yield from alternatives
        if reread is None or strict_only:
            return
        second = reread()
        if second is not None:
            yield second.text
            yield from second.alternatives
            if not has_wake and self.wake.split(second.text)[0]:
                strict = reread(strict=True)
                if strict is not None:
                    yield strict.text

    def _actionable(self, text: str, mode: str, t: float) -> bool:
        """`text` may be acted on without the engine's final: a confident command, with
        the wake phrase when one is needed, and not a bare yes/no outside a question."""
        has_wake, rest = self.wake.split(text)
        if (self._needs_wake(mode, t) and not has_wake) or not self._confident(text):
            return False
        if words(rest)[-1] in OPEN_ENDINGS:
            return False
        # "let's..." can read as "yes" halfway through a sentence.
        return mode == "answer" or self.parse(rest).name not in ANSWERS  # type: ignore[misc]

    def _may_go_on(self, rest: str) -> bool:
        """`rest` is the start of a longer known command that means something else."""
        if rest not in self._goes_on:
            meaning = self._intent_of(rest)
            longer = itertools.islice(self._longer_phrases(rest), 30)
            self._goes_on[rest] = any(self._intent_of(p) not in (meaning, NONE) for p in longer)
        return self._goes_on[rest]

    def _longer_phrases(self, rest: str) -> Iterator[str]:
        """The known command sentences that begin with `rest` and go on, in order."""
        start = rest + " "
        i = bisect.bisect_left(self._phrases, start)
        following = itertools.islice(self._phrases, i, None)
        return itertools.takewhile(lambda p: p.startswith(start), following)

    def _intent_of(self, phrase: str) -> str:
        if phrase not in self._phrase_intents:
            self._phrase_intents[phrase] = self.parse(phrase).name  # type: ignore[misc]
        return self._phrase_intents[phrase]

    def _command(self, text: str) -> bool:
        """The engine's final reads as a command (any confidence), not filler or a stub."""
        _, rest = self.wake.split(text)
        if not rest or self.parse is None:
            return bool(text) and self.parse is None
        return self.parse(rest).name != NONE

    def _meaning(self, text: str) -> tuple[str, str] | None:
        """The confident command `text` reads as (intent and slots), or None."""
        if not self._confident(text):
            return None
        intent = self.parse(self.wake.split(text)[1])  # type: ignore[misc]
        return intent.name, repr(sorted(intent.slots.items()))

    def _holds_free_text(self, text: str) -> bool:
        """`text` reads as a request that carries the couple's own words (an idea, an
        appreciation): never decided on a partial, where those words may go on and
        where talk forced onto such a request would be read back to the couple."""
        _, rest = self.wake.split(text)
        return bool(rest) and self.parse is not None and bool(self.parse(rest).slots.get("text"))

    def _sure_intent(self, text: str) -> str | None:
        """The intent `text` reads as when it is a confident command, else None."""
        meaning = self._meaning(text) if text else None
        return meaning[0] if meaning is not None else None

    def _confident(self, text: str) -> str:
        """`text` if it reads as a complete command with high confidence, else ""."""
        _, rest = self.wake.split(text)
        if not rest or self.parse is None:
            return ""
        intent = self.parse(rest)
        if intent.name == NONE or intent.confidence < self.config.early_min_confidence:
            return ""
        return text

    def _barge_in(self, utt: Utterance | None, t: float) -> list[Heard]:
        if self._barged:
            # Hearth is being cut off; keep listening for the command after the wake phrase.
            return self._final(utt, t, early=False) if utt is not None else []
        text = utt.text if utt is not None else self.recognizer.partial()
        heard = words(text)
        own = set(words(self.speaking_text))
        if STOP_WORDS.intersection(heard) - own:
            self._barged = True
            self.recognizer.finish()  # "stop" needs nothing after it
            self._forget_partial()
            return [Heard("stop", t, barge_in=True)]
        has_wake, rest = self.wake.split(text)
        if has_wake and not self.wake.mentioned(self.speaking_text):
            self._barged = True
            self._awake_until = self._cut_off_until = t + self.config.awake_window_s
            if utt is not None and rest:
                # Wake phrase and request in one final, with no partial showing the
                # wake phrase first: the rest passes the bars of any speech after it
                # (it was handed on unchecked until 2026-12-02). Declined, it is still
                # a barge-in: Hearth's line is cut and it says it did not catch that.
                # Its readings are weighed as any final's are (two of three agree).
                reading = self._best_reading(text, utt.alternatives, t)
                _, said = self.wake.split(reading or "")
                if not said:
                    return [Heard("", t, barge_in=True, declined=reading is None)]
                return self._weighed(said, utt, t, after_wake=True, barge_in=True)
            return [Heard("", t, barge_in=True)]
        if utt is not None:
            # The length of the request Hearth is answering, said over its reply.
            return self._amends(utt.text, utt, t)
        return []
