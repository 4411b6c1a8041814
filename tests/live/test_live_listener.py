"""The listener's decisions (wake phrase, windows, self-hearing, barge-in, early decision).

A scripted recognizer stands in for the engine here so each rule is tested on its
own; the end-to-end tests run the same listener with real PocketSphinx.
"""

from __future__ import annotations

from assistant.nlu.intent import NONE, Intent
from assistant.nlu.safety import SAFETY
from assistant.speech.listener import Listener, ListenerConfig
from assistant.speech.types import Utterance
from assistant.speech.wake import WakePhrase

BLOCK = 0.02
QUIET = bytes(640)
LOUD = b"\x00\x20" * 320  # int16 8192: clearly voice


class LevelVad:
    """Voice is any block that is not silent: the rules' timing on their own."""

    def __init__(self) -> None:
        self.last_voice: float | None = None

    def feed(self, pcm: bytes, t: float) -> bool:
        if any(pcm):
            self.last_voice = t
        return any(pcm)

    def quiet_for(self, t: float) -> float:
        return float("inf") if self.last_voice is None else max(0.0, t - self.last_voice)

    def reset(self) -> None:
        self.last_voice = None


class ScriptedRecognizer:
    """Returns the partial/final results a test sets; counts the audio it is fed."""

    name = "scripted"
    sample_rate = 16000

    def __init__(self) -> None:
        self._mode = "command"
        self.partial_text = ""
        self.final: Utterance | None = None
        self.fed = 0
        self.resets = 0

    @property
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        self._mode = mode

    def accept(self, pcm: bytes) -> Utterance | None:
        self.fed += 1
        final, self.final = self.final, None
        if final is not None:
            self.partial_text = ""
        return final

    def partial(self) -> str:
        return self.partial_text

    def finish(self) -> Utterance | None:
        text, self.partial_text = self.partial_text, ""
        return Utterance(text, 0.9) if text else None

    def reset(self) -> None:
        self.resets += 1
        self.partial_text = ""


def parse(text: str) -> Intent:
    known = {
        "pause": "pause",
        "pause please": "pause",
        "we need a minute": "pause",
        "we need a mediator": "support",
        "yes": "yes",
        "stop": "stop",
    }
    name = known.get(text, NONE)
    return Intent(name, {}, 0.95 if name != NONE else 0.0, text)


def make(**config: object) -> tuple[Listener, ScriptedRecognizer]:
    rec = ScriptedRecognizer()
    return Listener(rec, ListenerConfig(**config), parse=parse, vad=LevelVad()), rec  # type: ignore[arg-type]


def run(listener, t0, seconds, pcm=QUIET, **kw):
    """Feed `seconds` of blocks from t0; return (decisions, end time)."""
    out, t = [], t0
    for _ in range(round(seconds / BLOCK)):
        t = round(t + BLOCK, 3)
        out += listener.feed(pcm, t, **kw)
    return out, t


def test_wake_phrase_is_required_and_stripped() -> None:
    listener, rec = make()
    rec.final = Utterance("we need a minute", 0.9)
    assert listener.feed(QUIET, 0.02) == []  # no wake phrase: not for Hearth
    rec.final = Utterance("hey hearth we need a minute", 0.9)
    [heard] = listener.feed(QUIET, 0.04)
    assert heard.text == "we need a minute" and not heard.early and not heard.barge_in


def test_custom_wake_phrase_and_name_alone() -> None:
    wake = WakePhrase("hello home")
    assert wake.split("Hello, home: pause") == (True, "pause")
    assert wake.split("home pause") == (True, "pause")
    assert wake.split("hello there") == (False, "hello there")
    assert WakePhrase("hey hearth").split("hey heart we need a minute") == (
        True,
        "we need a minute",
    )


def test_bare_wake_phrase_opens_a_short_window() -> None:
    listener, rec = make(awake_window_s=3.0)
    rec.final = Utterance("hey hearth", 0.9)
    assert listener.feed(QUIET, 1.0) == []
    rec.final = Utterance("pause", 0.9)
    assert [h.text for h in listener.feed(QUIET, 2.0)] == ["pause"]
    rec.final = Utterance("pause", 0.9)  # the window closed with that command
    assert listener.feed(QUIET, 2.5) == []


def test_no_wake_flag() -> None:
    listener, rec = make(require_wake=False)
    rec.final = Utterance("pause", 0.9)
    assert [h.text for h in listener.feed(QUIET, 0.02)] == ["pause"]


def test_answer_window_counts_from_the_end_of_the_question() -> None:
    listener, rec = make(answer_window_s=2.0, echo_tail_s=0.2)
    _, t = run(listener, 0.0, 1.0, mode="answer", speaking=True, clean=False)
    _, t = run(listener, t, 1.5, mode="answer")  # 1.5 s after Hearth stopped: inside
    rec.final = Utterance("yes", 0.9)
    assert [h.text for h in listener.feed(QUIET, t + BLOCK, mode="answer")] == ["yes"]
    _, t = run(listener, t + BLOCK, 1.0, mode="answer")  # now 2.5 s after: outside
    rec.final = Utterance("yes", 0.9)
    assert listener.feed(QUIET, t + BLOCK, mode="answer") == []


def test_dictation_switches_to_open_mode_and_needs_no_wake() -> None:
    listener, rec = make()
    rec.final = Utterance("thank you for making dinner", 0.8)
    [heard] = listener.feed(QUIET, 0.02, mode="dictation")
    assert rec.mode == "open" and heard.text == "thank you for making dinner"
    listener.feed(QUIET, 0.04, mode="wake")
    assert rec.mode == "command"


def test_own_voice_is_not_listened_to() -> None:
    listener, rec = make(echo_tail_s=0.4)
    rec.partial_text = "hey hearth we need a minute"  # what an echo would sound like
    out, t = run(listener, 0.0, 1.0, pcm=LOUD, speaking=True, clean=False)
    assert out == [] and rec.fed == 0
    out, t = run(listener, t, 0.3, pcm=LOUD, speaking=False, clean=False)  # the echo tail
    assert out == [] and rec.fed == 0
    run(listener, t, 0.2, speaking=False, clean=False)
    assert rec.fed > 0


def test_stop_barges_in_while_hearth_talks() -> None:
    listener, rec = make()
    listener.speaking_text = "Let's take a minute together."
    run(listener, 0.0, 0.2, speaking=True)
    rec.partial_text = "stop"
    [heard] = listener.feed(LOUD, 0.22, speaking=True)
    assert heard.barge_in and heard.text == "stop"


def test_a_stop_inside_hearths_own_line_is_not_a_barge_in() -> None:
    listener, rec = make()
    listener.speaking_text = "Say stop whenever you like."
    run(listener, 0.0, 0.2, speaking=True)
    rec.partial_text = "stop"
    assert listener.feed(LOUD, 0.22, speaking=True) == []


def test_wake_phrase_barges_in_and_the_command_follows() -> None:
    listener, rec = make()
    listener.speaking_text = "Here is a question for you both."
    run(listener, 0.0, 0.2, speaking=True)
    rec.partial_text = "hey hearth"
    [cut] = listener.feed(LOUD, 0.22, speaking=True)
    assert cut.barge_in and cut.text == ""
    rec.final = Utterance("hey hearth we need a minute", 0.9)
    [heard] = listener.feed(QUIET, 0.24, speaking=False)
    assert heard.text == "we need a minute"


def test_early_decision_on_a_stable_complete_command() -> None:
    listener, rec = make(early_stable_s=0.1, early_quiet_s=0.1)
    run(listener, 0.0, 0.5, pcm=LOUD)
    rec.partial_text = "hey hearth pause"
    decided, _ = run(listener, 0.5, 0.3)
    assert [h.text for h in decided] == ["pause"] and decided[0].early
    assert decided[0].t <= 0.5 + 0.2  # well before a 0.3+ s end-of-speech timeout


def test_no_early_decision_while_still_talking_or_on_non_commands() -> None:
    listener, rec = make(early_stable_s=0.1, early_quiet_s=0.1, end_quiet_s=10.0)
    rec.partial_text = "hey hearth pause"
    decided, _ = run(listener, 0.0, 0.5, pcm=LOUD)  # stable but not quiet
    assert decided == []
    rec.partial_text = "hey hearth what a day"
    decided, _ = run(listener, 0.5, 0.5)
    assert decided == []
    rec.partial_text = "pause"  # a command, but no wake phrase
    decided, _ = run(listener, 1.0, 0.5)
    assert decided == []


def test_speech_to_hearth_ends_after_a_short_quiet_and_is_read_whole() -> None:
    """Not a command to act on early, but the wake phrase and more, then quiet: the
    speech is ended there (before the engine's own end of speech) and its final is
    decided on."""
    listener, rec = make(early_stable_s=0.1, early_quiet_s=0.1, end_quiet_s=0.2)
    _hold(listener, rec, "hey hearth what a day", 0.0, 0.5)
    decided, _ = run(listener, 0.5, 0.5)
    # "what a day" is no request: declined (no words handed on), not acted on.
    assert [(h.text, h.declined) for h in decided] == [("", True)] and not decided[0].early
    assert 0.2 <= decided[0].t - 0.5 < 0.25
    assert rec.partial_text == ""  # the engine was asked to finish the speech
    # A bare wake phrase, a sentence still going ("... a") or the start of a known
    # command ("we need" of "we need a minute") may be a pause for thought; speech
    # without the wake phrase is not for Hearth: none is ended early.
    for partial in ("hey hearth", "hey hearth what a", "hey hearth we need", "what a day"):
        rec = ScriptedRecognizer()
        config = ListenerConfig(early_stable_s=0.1, early_quiet_s=0.1, end_quiet_s=0.2)
        phrases = ["pause", "we need a minute"]  # the commands it knows
        listener = Listener(rec, config, parse=parse, phrases=phrases, vad=LevelVad())  # type: ignore[arg-type]
        _hold(listener, rec, partial, 0.0, 0.5)
        decided, _ = run(listener, 0.5, 0.5)
        assert decided == [] and rec.partial_text == partial, partial
    # No voice heard at all (the detector missed it): nothing to end.
    listener, rec = make(early_stable_s=0.1, early_quiet_s=0.1, end_quiet_s=0.2)
    rec.partial_text = "hey hearth what a day"
    assert run(listener, 0.0, 0.5)[0] == []


def test_early_decision_survives_a_flickering_partial() -> None:
    listener, rec = make(early_stable_s=0.1, early_quiet_s=0.1)
    run(listener, 0.0, 0.5, pcm=LOUD)
    decided, t = [], 0.5
    for i in range(20):  # trailing silence: the search keeps adding and dropping a word
        rec.partial_text = "hey hearth pause" if i % 2 else "hey hearth pause please"
        t = round(t + BLOCK, 3)
        decided += listener.feed(QUIET, t)
        if decided:
            break
    assert [h.text for h in decided] and decided[0].early
    assert decided[0].t <= 0.5 + 0.2


def test_an_early_decision_is_not_repeated_by_the_engines_final() -> None:
    listener, rec = make(early_stable_s=0.1, early_quiet_s=0.1)
    run(listener, 0.0, 0.5, pcm=LOUD)
    rec.partial_text = "hey hearth pause"
    decided, t = run(listener, 0.5, 0.6)  # stable for long after: still one decision
    assert [h.text for h in decided] == ["pause"]
    rec.final = Utterance("hey hearth pause", 0.9)  # the engine's own end of speech
    assert listener.feed(QUIET, t + BLOCK) == []
    rec.final = Utterance("hey hearth pause", 0.9)  # a new utterance counts again
    assert [h.text for h in listener.feed(QUIET, t + 2 * BLOCK)] == ["pause"]


def test_yes_is_decided_early_only_as_an_answer() -> None:
    listener, rec = make(early_stable_s=0.1, early_quiet_s=0.1, end_quiet_s=10.0)
    rec.partial_text = "hey hearth yes"
    decided, _ = run(listener, 0.0, 0.5)
    assert decided == []  # outside a question: wait for the engine's end of speech
    listener, rec = make(early_stable_s=0.1, early_quiet_s=0.1)
    rec.partial_text = "yes"
    decided, _ = run(listener, 0.0, 0.5, mode="answer")
    assert [h.text for h in decided] == ["yes"] and decided[0].early


def _hold(listener, rec, partial, t, seconds, pcm=LOUD):
    """The engine shows `partial` for `seconds` of speech; return the decisions and end."""
    rec.partial_text = partial
    return run(listener, t, seconds, pcm=pcm)


def test_a_lost_final_falls_back_to_the_stable_command_partial() -> None:
    # Still talking (no quiet), so no early decision; then the search ends on the
    # filler path: an empty final, or a stub of the command.
    for final in ("", "hey hearth", "hey hearth we need a"):
        listener, rec = make()
        decided, t = _hold(listener, rec, "hey hearth we need a minute", 0.0, 0.5)
        assert decided == []
        rec.final = Utterance(final, 0.5 if final else 0.0)
        [heard] = listener.feed(QUIET, t + BLOCK)
        assert heard.text == "we need a minute" and not heard.early, final


def test_a_final_that_is_a_command_wins_over_the_partial() -> None:
    listener, rec = make()
    _, t = _hold(listener, rec, "hey hearth we need a minute", 0.0, 0.5)
    rec.final = Utterance("hey hearth pause", 0.9)
    assert [h.text for h in listener.feed(QUIET, t + BLOCK)] == ["pause"]


def test_no_fallback_for_fleeting_unwoken_or_outgrown_partials() -> None:
    listener, rec = make(early_stable_s=0.12)
    _, t = _hold(listener, rec, "hey hearth we need a minute", 0.0, 0.06)  # a flash
    rec.partial_text, rec.final = "", Utterance("", 0.0)
    assert listener.feed(QUIET, t + BLOCK) == []
    listener, rec = make()
    _, t = _hold(listener, rec, "we need a minute", 0.0, 0.5)  # no wake phrase
    rec.final = Utterance("", 0.0)
    assert listener.feed(QUIET, t + BLOCK) == []
    listener, rec = make()
    # "hey hearth, we need a minute to talk about the kids": the talk went on.
    _, t = _hold(listener, rec, "hey hearth we need a minute", 0.0, 0.5)
    _, t = _hold(listener, rec, "hey hearth we need a minute to talk about", t, 0.5)
    rec.final = Utterance("", 0.0)
    assert listener.feed(QUIET, t + BLOCK) == []
    listener, rec = make()
    _, t = _hold(listener, rec, "hey hearth yes", 0.0, 0.5)  # a bare yes outside a question
    rec.final = Utterance("", 0.0)
    assert listener.feed(QUIET, t + BLOCK) == []


def test_fallback_is_forgotten_with_the_utterance() -> None:
    listener, rec = make()
    _, t = _hold(listener, rec, "hey hearth we need a minute", 0.0, 0.5)
    rec.final = Utterance("hey hearth pause", 0.9)
    listener.feed(QUIET, t + BLOCK)
    rec.final = Utterance("", 0.0)  # the next stretch of speech matched nothing
    assert listener.feed(QUIET, t + 2 * BLOCK) == []


# -- which reading to believe ---------------------------------------------------------


class RereadingRecognizer(ScriptedRecognizer):
    """A scripted engine that also has a strict second reading (as PocketSphinx does)."""

    def __init__(self, strict: str | None, second: str | None = None) -> None:
        super().__init__()
        self.strict = strict
        self.second = second  # the second model reading (None: nothing new)
        self.strict_so_far = ""  # the grammar's partial reading while it follows
        self.rereads = 0
        self.model_rereads = 0

    def reread(self, strict: bool = False) -> Utterance | None:
        if not strict:
            self.model_rereads += 1
            return Utterance(self.second, 0.5) if self.second is not None else None
        self.rereads += 1
        return Utterance(self.strict, 0.5) if self.strict is not None else None

    def strict_partial(self) -> str:
        return self.strict_so_far


def test_an_alternative_reading_that_is_a_command_is_taken() -> None:
    listener, rec = make()
    rec.final = Utterance(
        "hey hearth we need a lot",
        0.4,
        alternatives=("we need a minute", "hey hearth we need a minute"),
    )
    # The first alternative lacks the wake phrase: not for Hearth; the second is.
    [heard] = listener.feed(QUIET, 0.02)
    assert heard.text == "we need a minute" and not heard.early


def test_alternatives_do_not_replace_a_command_or_a_bare_wake_phrase() -> None:
    listener, rec = make()
    rec.final = Utterance("hey hearth pause", 0.9, alternatives=("hey hearth stop",))
    assert [h.text for h in listener.feed(QUIET, 0.02)] == ["pause"]
    rec.final = Utterance("hey hearth", 0.9, alternatives=("hey hearth stop",))
    assert listener.feed(QUIET, 0.04) == []  # awake, nothing guessed
    rec.final = Utterance("what a day", 0.9, alternatives=("stop",))
    assert listener.feed(QUIET, 10.0) == []  # no wake phrase in any reading


def test_strict_rereading_only_for_speech_that_began_with_the_wake_phrase() -> None:
    rec = RereadingRecognizer(strict="hey hearth pause")
    listener = Listener(rec, ListenerConfig(), parse=parse, vad=LevelVad())  # type: ignore[arg-type]
    rec.final = Utterance("hey hearth paws on the", 0.3)
    assert [h.text for h in listener.feed(QUIET, 0.02)] == ["pause"]
    # The grammar's reading came first (it costs almost nothing): no model pass.
    assert rec.model_rereads == 0
    rec.final = Utterance("paws on the floor", 0.3)  # everyday talk: never reread
    assert listener.feed(QUIET, 10.0) == [] and rec.rereads == 1
    assert rec.model_rereads == 1
    rec.strict = "hey hearth"  # the grammar's filler path: the model's reading stands
    rec.final = Utterance("hey hearth what a day", 0.3)
    # ...and it is no request: declined after the wake phrase, with no words handed on.
    assert [(h.text, h.declined) for h in listener.feed(QUIET, 20.0)] == [("", True)]
    assert rec.rereads == 2


def test_the_strict_reading_comes_before_the_alternatives() -> None:
    rec = RereadingRecognizer(strict="hey hearth we need a mediator")
    listener = Listener(rec, ListenerConfig(), parse=parse, vad=LevelVad())  # type: ignore[arg-type]
    rec.final = Utterance("hey hearth we do a lot", 0.3, alternatives=("hey hearth pause",))
    assert [h.text for h in listener.feed(QUIET, 0.02)] == ["we need a mediator"]
    rec.strict = "hey hearth"  # the grammar's filler path: the alternative is next
    rec.final = Utterance("hey hearth we do a lot", 0.3, alternatives=("hey hearth pause",))
    assert [h.text for h in listener.feed(QUIET, 10.0)] == ["pause"]
    assert rec.model_rereads == 0  # the second model pass was not needed either time


def test_a_less_sure_command_gives_way_to_the_strict_reading_only() -> None:
    def parse_unsure(text: str) -> Intent:
        if text == "paws on":  # a command, but not a sure one
            return Intent("pause", {}, 0.6, text)
        return parse(text)

    rec = RereadingRecognizer(strict="hey hearth we need a minute")
    listener = Listener(rec, ListenerConfig(), parse=parse_unsure, vad=LevelVad())  # type: ignore[arg-type]
    rec.final = Utterance("hey hearth paws on", 0.3)
    assert [h.text for h in listener.feed(QUIET, 0.02)] == ["we need a minute"]
    assert (rec.rereads, rec.model_rereads) == (1, 0)  # no second model pass for it
    rec.strict = "hey hearth"  # the grammar heard no command: the unsure one stands
    rec.final = Utterance("hey hearth paws on", 0.3)
    assert [h.text for h in listener.feed(QUIET, 10.0)] == ["paws on"]
    assert (rec.rereads, rec.model_rereads) == (2, 0)


def test_a_sure_command_gives_way_when_two_readings_of_three_hear_another() -> None:
    rec = RereadingRecognizer(strict="hey hearth we need a minute")
    listener = Listener(rec, ListenerConfig(), parse=parse, vad=LevelVad())  # type: ignore[arg-type]
    rec.second = "hey hearth we need a mediator"
    rec.final = Utterance("hey hearth we need a mediator", 0.9)
    # The second model reading sides with the first: it stands.
    assert [h.text for h in listener.feed(QUIET, 0.02)] == ["we need a mediator"]
    rec.second = "hey hearth we need a minute"
    rec.final = Utterance("hey hearth we need a mediator", 0.9)
    assert [h.text for h in listener.feed(QUIET, 10.0)] == ["we need a minute"]
    # When the grammar agrees with the first reading, no second model pass is made.
    rec.model_rereads, rec.strict = 0, "hey hearth we need a mediator"
    rec.final = Utterance("hey hearth we need a mediator", 0.9)
    assert [h.text for h in listener.feed(QUIET, 20.0)] == ["we need a mediator"]
    assert rec.model_rereads == 0


def test_a_sure_command_whose_readings_all_differ_is_declined_not_guessed() -> None:
    """Over Hearth's own voice, "we need a minute" read as "we need a mediator", the
    grammar's "we need a minute", a second reading of neither: no request is acted on,
    and Hearth may say it did not catch it."""
    rec = RereadingRecognizer(strict="hey hearth we need a minute", second="hey hearth what a day")
    listener = Listener(rec, ListenerConfig(), parse=parse, vad=LevelVad())  # type: ignore[arg-type]
    rec.final = Utterance("hey hearth we need a mediator", 0.9)
    assert [(h.text, h.declined) for h in listener.feed(QUIET, 0.02)] == [("", True)]
    rec.second = None  # no second reading at all: two readings, two requests
    rec.final = Utterance("hey hearth we need a mediator", 0.9)
    assert [(h.text, h.declined) for h in listener.feed(QUIET, 10.0)] == [("", True)]
    # The next speech is not taken as following a wake phrase: nothing lingers.
    rec.final = Utterance("we need a minute", 0.9)
    assert listener.feed(QUIET, 12.0) == []


def test_with_no_grammar_request_the_second_reading_settles_a_sure_command() -> None:
    """The grammar reads no request (its filler path: "", or no reading): the quick
    reading stands unless the second reading hears another sure request ("give us five
    minutes" read quickly as "the list we made it", a win; the second, the pause)."""
    for strict in ("", None):
        rec = RereadingRecognizer(strict=strict, second="hey hearth we need a minute")
        listener = Listener(rec, ListenerConfig(), parse=parse, vad=LevelVad())  # type: ignore[arg-type]
        rec.final = Utterance("hey hearth we need a mediator", 0.9)
        assert [(h.text, h.declined) for h in listener.feed(QUIET, 0.02)] == [("", True)]
        # The second reading of the same request, or of none: the quick reading stands.
        for second in ("hey hearth we need a mediator", "hey hearth what a day", None):
            rec.second = second
            rec.final = Utterance("hey hearth we need a mediator", 0.9)
            heard = listener.feed(QUIET, 10.0)
            assert [(h.text, h.declined) for h in heard] == [("we need a mediator", False)]


def test_a_barge_in_heard_in_one_final_is_settled_like_any_final() -> None:
    """Wake phrase and request in one final while Hearth talks: cut off either way, and
    acted on only when two readings of three agree."""
    rec = RereadingRecognizer(strict="hey hearth we need a minute")
    listener = Listener(rec, ListenerConfig(), parse=parse, vad=LevelVad())  # type: ignore[arg-type]
    listener.speaking_text = "Here is a question for you both."
    run(listener, 0.0, 0.2, speaking=True)
    rec.final = Utterance("hey hearth we need a mediator", 0.9)
    [heard] = listener.feed(LOUD, 0.22, speaking=True)
    assert (heard.barge_in, heard.declined, heard.text) == (True, True, "")
    run(listener, 0.22, 1.0)  # Hearth stopped; then it reads another line
    listener.speaking_text = "Here is another question."
    run(listener, 10.0, 0.2, speaking=True)
    rec.second = "hey hearth we need a minute"
    rec.final = Utterance("hey hearth we need a mediator", 0.9)
    [heard] = listener.feed(LOUD, 10.22, speaking=True)
    assert (heard.barge_in, heard.declined, heard.text) == (True, False, "we need a minute")


def test_readings_of_the_whole_speech_come_before_a_stable_partial() -> None:
    """A final that is no command falls back to the partial that held as one, but
    only when no reading of the whole speech (alternatives, the grammar's, the
    second one) is a command."""
    rec = RereadingRecognizer(strict="hey hearth pause")
    listener = Listener(rec, ListenerConfig(), parse=parse, vad=LevelVad())  # type: ignore[arg-type]
    decided, t = _hold(listener, rec, "hey hearth we need a minute", 0.0, 0.5)
    assert decided == []
    rec.final = Utterance("hey hearth we need a", 0.5)
    assert [h.text for h in listener.feed(QUIET, t + BLOCK)] == ["pause"]
    rec.strict = "hey hearth"  # no reading of the whole is a command: the partial is
    decided, t = _hold(listener, rec, "hey hearth we need a minute", 10.0, 0.5)
    rec.final = Utterance("hey hearth we need a", 0.5)
    assert [h.text for h in listener.feed(QUIET, t + BLOCK)] == ["we need a minute"]
    assert rec.model_rereads == 1  # the second reading was asked for before giving up


def test_while_the_strict_grammar_reads_otherwise_the_speech_is_ended_and_read_whole() -> None:
    rec = RereadingRecognizer(strict=None)
    config = ListenerConfig(early_stable_s=0.1, early_quiet_s=0.1)
    listener = Listener(rec, config, parse=parse, vad=LevelVad())  # type: ignore[arg-type]
    run(listener, 0.0, 0.5, pcm=LOUD)
    rec.partial_text = "hey hearth we need a mediator"
    rec.strict_so_far = "hey hearth we need a minute"
    decided, _ = run(listener, 0.5, 0.08, pcm=LOUD)
    assert decided == []  # still talking: nothing is ended
    # Quiet: the partial is not acted on, but the speech is ended now and its readings
    # settle it (the grammar and the second reading agree on another command).
    rec.strict, rec.second = "hey hearth we need a minute", "hey hearth we need a minute"
    decided, _ = run(listener, 0.58, 0.3)
    assert [h.text for h in decided] == ["we need a minute"] and not decided[0].early
    assert 0.1 <= decided[0].t - 0.58 < 0.15  # at the early-decision moment, not later
    assert rec.model_rereads == 1
    # When the grammar reads the same command, the partial is acted on early.
    run(listener, 1.0, 0.5, pcm=LOUD)
    rec.partial_text = "hey hearth we need a mediator"
    rec.strict_so_far = "hey hearth we need a mediator"
    decided, _ = run(listener, 1.5, 0.3)
    assert [h.text for h in decided] == ["we need a mediator"] and decided[0].early


def test_speech_ended_with_nothing_decoded_leaves_no_command_behind() -> None:
    class NothingDecoded(RereadingRecognizer):
        def finish(self) -> Utterance | None:
            self.partial_text = ""
            return None

    rec = NothingDecoded(strict=None)
    config = ListenerConfig(early_stable_s=0.1, early_quiet_s=0.1)
    listener = Listener(rec, config, parse=parse, vad=LevelVad())  # type: ignore[arg-type]
    _hold(listener, rec, "hey hearth we need a mediator", 0.0, 0.5)
    rec.strict_so_far = "hey hearth we need a minute"  # ends the speech at the quiet
    assert run(listener, 0.5, 0.3)[0] == []
    rec.final = Utterance("", 0.0)  # a later stretch of speech matched nothing
    assert listener.feed(QUIET, 1.0) == []  # the partial held before is not acted on


def test_the_start_of_a_longer_command_waits_for_a_longer_pause() -> None:
    def parse_longer(text: str) -> Intent:
        if text == "we need a minute apart":
            return Intent("space", {}, 0.95, text)
        return parse(text)

    phrases = ["we need a minute", "we need a minute apart"]
    for known, wait in ((phrases, 0.3), (phrases[:1], 0.1)):
        rec = ScriptedRecognizer()
        config = ListenerConfig(
            early_stable_s=0.1, early_quiet_s=0.1, early_quiet_long_s=0.3, end_quiet_s=1.0
        )
        listener = Listener(rec, config, parse=parse_longer, phrases=known, vad=LevelVad())  # type: ignore[arg-type]
        run(listener, 0.0, 0.5, pcm=LOUD)
        rec.partial_text = "hey hearth we need a minute"
        decided, _ = run(listener, 0.5, 0.6)
        assert [h.text for h in decided] == ["we need a minute"] and decided[0].early
        assert wait <= decided[0].t - 0.5 < wait + 0.05


def test_a_partial_judged_block_after_block_is_parsed_once() -> None:
    """The NLU costs about 2 ms a parse, a tenth of a 20 ms block: the listener judges
    the same partial many times while the speech goes on and must not parse it anew."""
    seen: list[str] = []

    def counting(text: str) -> Intent:
        seen.append(text)
        return parse(text)

    rec = ScriptedRecognizer()
    listener = Listener(rec, ListenerConfig(), parse=counting, vad=LevelVad())  # type: ignore[arg-type]
    rec.partial_text = "hey hearth we need a"
    run(listener, 0.0, 0.5, pcm=LOUD)
    rec.partial_text = "hey hearth we need a minute"
    decided, _ = run(listener, 0.5, 0.5, pcm=LOUD)
    assert decided == []  # still talking: nothing decided yet
    assert seen and len(seen) == len(set(seen))


def _parse_loose(text: str) -> Intent:
    """The NLU on a reading that is only loosely a request (a small win, 0.9)."""
    if text == "we had a wing tonight":
        return Intent("win", {}, 0.9, text)
    if "go for a drive" in text:  # the NLU finds the request inside longer talk
        return Intent("space", {}, 1.0, text)
    if "hurt someone" in text:
        return Intent(SAFETY, {}, 1.0, text)
    if text.startswith("add appreciation "):
        return Intent("appreciation", {"text": text.removeprefix("add appreciation ")}, 1.0, text)
    return parse(text)


def _loose_listener(phrases: list[str], **config: object) -> tuple[Listener, ScriptedRecognizer]:
    """A listener whose command model's sentences are `phrases`, with `_parse_loose`."""
    rec = ScriptedRecognizer()
    listener = Listener(
        rec,  # type: ignore[arg-type]
        ListenerConfig(**config),  # type: ignore[arg-type]
        parse=_parse_loose,
        phrases=phrases,
        vad=LevelVad(),  # type: ignore[arg-type]
    )
    return listener, rec


def test_a_reading_only_loosely_a_request_is_asked_about() -> None:
    listener, rec = _loose_listener(["pause", "we need a minute"])
    rec.final = Utterance("hey hearth we had a wing tonight", 0.9)
    decided = listener.feed(QUIET, 0.02)
    assert [(h.text, h.unsure) for h in decided] == [("we had a wing tonight", True)]
    rec.final = Utterance("hey hearth we need a minute", 0.9)  # NLU 0.95: acted on
    decided = listener.feed(QUIET, 10.0)
    assert [(h.text, h.unsure) for h in decided] == [("we need a minute", False)]
    # Without the wake phrase (--no-wake) nothing is asked about.
    no_wake, rec = _loose_listener(["pause"], require_wake=False)
    rec.final = Utterance("we had a wing tonight", 0.9)
    decided = no_wake.feed(QUIET, 0.02)
    assert [(h.text, h.unsure) for h in decided] == [("we had a wing tonight", False)]


def test_a_loose_reading_that_is_one_of_the_command_sentences_is_acted_on() -> None:
    # Word for word a sentence of the command model: as sure as a reading gets.
    listener, rec = _loose_listener(["pause", "we had a wing tonight"])
    rec.final = Utterance("hey hearth we had a wing tonight", 0.9)
    decided = listener.feed(QUIET, 0.02)
    assert [(h.text, h.unsure) for h in decided] == [("we had a wing tonight", False)]


def test_a_loose_reading_is_not_decided_early() -> None:
    for confidence_bar, early in ((0.95, False), (0.85, True)):
        listener, rec = _loose_listener(
            ["pause"], check_below_confidence=confidence_bar, check_beyond_edits=None
        )
        rec.partial_text = "hey hearth we had a wing tonight"
        run(listener, 0.0, 0.5, pcm=LOUD)
        decided, _ = run(listener, 0.5, 0.5)
        assert [(h.text, h.early, h.unsure) for h in decided] == [
            ("we had a wing tonight", early, not early)
        ]


def test_a_loose_answer_is_still_decided_early() -> None:
    """An answer to Hearth's question needs no wake phrase and is never asked about:
    the bar does not hold it back."""
    listener, rec = _loose_listener(["pause"])
    rec.partial_text = "we had a wing tonight"
    run(listener, 0.0, 0.5, pcm=LOUD, mode="answer")
    decided, _ = run(listener, 0.5, 0.5, mode="answer")
    assert [(h.text, h.early, h.unsure) for h in decided] == [
        ("we had a wing tonight", True, False)
    ]


FAR = "hey hearth i need to to go for a drive we made it for five"  # NLU: space, 1.0
"""Talk the command model strung together from pieces of its sentences (6 word edits
from "i need to go for a drive")."""


def test_a_sure_reading_far_from_every_command_sentence_is_asked_about() -> None:
    phrases = ["i need to go for a drive", "we need a minute"]
    listener, rec = _loose_listener(phrases)
    rec.final = Utterance(FAR, 0.9)
    decided = listener.feed(QUIET, 0.02)
    assert [(h.text, h.unsure) for h in decided] == [(FAR.removeprefix("hey hearth "), True)]
    # A word or two from one of them is a request said a little differently: acted on.
    rec.final = Utterance("hey hearth i need to go for a drive please", 0.9)
    decided = listener.feed(QUIET, 10.0)
    assert [(h.text, h.unsure) for h in decided] == [("i need to go for a drive please", False)]
    # Without the bar, the far reading is acted on.
    unbarred, rec = _loose_listener(phrases, check_beyond_edits=None)
    rec.final = Utterance(FAR, 0.9)
    decided = unbarred.feed(QUIET, 0.02)
    assert [h.unsure for h in decided] == [False]


def test_a_reading_far_from_every_command_sentence_is_not_decided_early() -> None:
    for beyond, early in ((6, False), (None, True)):
        listener, rec = _loose_listener(["i need to go for a drive"], check_beyond_edits=beyond)
        rec.partial_text = FAR
        run(listener, 0.0, 0.5, pcm=LOUD)
        decided, _ = run(listener, 0.5, 0.5)
        assert [(h.early, h.unsure) for h in decided] == [(early, not early)]


def test_free_text_is_not_measured_against_the_command_sentences() -> None:
    """An appreciation's words are the couple's own: far from every sentence, and
    acted on all the same."""
    listener, rec = _loose_listener(["add appreciation"])
    said = "add appreciation she made us the most wonderful dinner tonight"
    rec.final = Utterance(f"hey hearth {said}", 0.9)
    decided = listener.feed(QUIET, 0.02)
    assert [(h.text, h.unsure) for h in decided] == [(said, False)]


def test_a_call_for_help_is_not_measured_against_the_command_sentences() -> None:
    """Said in words of its own, far from every sentence: the full safety line at once
    (its own bar, `safety_check_below`, decides when to ask)."""
    listener, rec = _loose_listener(["we need a minute"])
    said = "i'm afraid i am going to hurt someone i am so angry"
    rec.final = Utterance(f"hey hearth {said}", 0.9)
    decided = listener.feed(QUIET, 0.02)
    assert [(h.text, h.unsure) for h in decided] == [(said, False)]
