"""A request heard with little evidence is named back and acted on only after a yes."""

from __future__ import annotations

import pytest

from assistant.dialog.engine import ACTS_WHEN_UNSURE, ACTS_WHEN_UNSURE_IDLE
from assistant.dialog.responses import Responses
from assistant.dialog.skills import ROUTES
from assistant.dialog.skills.check import CHECK_WINDOW_S, RITUALS, corrects, line_key
from assistant.nlu.intent import Intent


def _commands(session) -> list[str]:
    return [e["intent"] for e in session.store.events(kind="command")]


def test_an_unsure_request_is_asked_about_and_nothing_is_done_or_logged(session) -> None:
    heard = session.engine.hear("give us five minutes", unsure=True)
    assert heard.name == "pause"
    assert session.out.spoken_keys() == ["check.pause_for"]
    assert "five minutes" in session.out.said()[0][2]
    assert session.engine.state.pause is None
    assert _commands(session) == []
    assert session.engine.listen_mode == "answer"


def test_a_yes_acts_on_the_request_as_it_was_heard(session) -> None:
    session.engine.hear("give us five minutes", unsure=True)
    session.hear("yes", t=2)
    assert session.engine.state.pause is not None
    assert session.out.events("timer_started")[0][1] == {"timer": "pause", "seconds": 300}
    assert _commands(session) == ["pause"]  # the request, not the yes


def test_the_same_request_said_again_counts_as_a_yes(session) -> None:
    session.engine.hear("we need a minute", unsure=True)
    session.engine.hear("we need a minute please", unsure=True)
    assert session.engine.state.pause is not None
    assert session.out.spoken_keys().count("check.pause_for") == 1


def test_a_no_leaves_it_with_a_brief_line(session) -> None:
    session.engine.hear("we need a minute", unsure=True)
    session.hear("no", t=2)
    assert session.engine.state.pause is None
    assert session.out.spoken_keys()[-1] == "check.no_thanks"
    assert _commands(session) == []
    assert session.engine.listen_mode == "wake"


def test_other_speech_after_the_question_is_let_go_without_acting(session) -> None:
    # More of the talk that was taken for a request: it must not become one either.
    session.engine.hear("we need a minute", unsure=True)
    session.hear("let's check in", t=2)
    assert session.engine.state.pause is None
    assert session.engine.state.checkin is None
    assert session.out.spoken_keys() == ["check.pause_for"]
    assert _commands(session) == []
    assert session.engine.listen_mode == "wake"


@pytest.mark.parametrize(
    "reply", ["yes i did ask for that", "yeah a pause please", "yup, that one"]
)
def test_a_short_reply_that_opens_with_yes_is_a_yes(session, reply) -> None:
    # The NLU reads none of these as a request; each is a yes in the couple's own words.
    assert session.engine.parser.parse(reply).name == "none"
    session.engine.hear("we need a minute", unsure=True)
    session.hear(reply, t=2)
    assert session.engine.state.pause is not None
    assert _commands(session) == ["pause"]


@pytest.mark.parametrize(
    "reply",
    [
        "yeah but not right now",  # a hedge takes the yes back
        "yeah so anyway as i was saying the budget is tight",  # talk going on
        "okay so what about dinner",  # "okay" opens talk as often as an answer
    ],
)
def test_a_yes_with_a_hedge_or_talk_after_it_is_not_a_yes(session, reply) -> None:
    session.engine.hear("we need a minute", unsure=True)
    session.hear(reply, t=2)
    assert session.engine.state.pause is None
    assert _commands(session) == []
    assert session.out.spoken_keys() == ["check.pause_for"]


def test_a_short_reply_that_opens_with_no_is_a_no(session) -> None:
    reply = "no we were just talking"
    assert session.engine.parser.parse(reply).name == "none"
    session.engine.hear("we need a minute", unsure=True)
    session.hear(reply, t=2)
    assert session.engine.state.pause is None
    assert session.out.spoken_keys()[-1] == "check.no_thanks"
    assert _commands(session) == []


def test_a_reply_led_by_yes_is_only_an_answer_while_a_question_waits(session) -> None:
    assert session.engine.hear("yes i did ask for that").name == "none"
    assert session.out.spoken_keys() == []


@pytest.mark.parametrize(
    "reply",
    [
        "no, we need a minute",
        "nope, give us a minute",
        "no i said we need a minute",
        "i meant we need a minute",
    ],
)
def test_a_correction_acts_on_the_request_it_names(session, reply) -> None:
    # "Did you want the next idea?" "No, we need a minute.": Hearth misheard, and the
    # reply says what was meant; without the wake phrase it is still an answer.
    session.engine.hear("what is our next idea", unsure=True)
    session.hear(reply, t=2)
    assert session.engine.state.pause is not None
    assert _commands(session) == ["pause"]
    assert session.engine.listen_mode == "wake"


@pytest.mark.parametrize("reply", ["no thanks, we're fine", "not now", "nah we're good"])
def test_a_no_with_more_words_is_still_a_no(session, reply) -> None:
    session.engine.hear("we need a minute", unsure=True)
    session.hear(reply, t=2)
    assert session.engine.state.pause is None
    assert session.out.spoken_keys()[-1] == "check.no_thanks"
    assert _commands(session) == []


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        (Intent("pause", {}, 1.0, "No, we need a minute"), True),
        (Intent("pause", {}, 1.0, "nothing much, we need a minute"), False),  # not a "no"
        (Intent("pause", {}, 1.0, "we need a minute"), False),  # said again, not corrected
        (Intent("no", {}, 1.0, "no thanks"), False),
        (Intent("none", {}, 1.0, "no idea what you mean"), False),
    ],
)
def test_what_counts_as_a_correction(intent: Intent, expected: bool) -> None:
    assert corrects(intent) is expected


def test_a_new_request_said_to_hearth_during_the_question_is_acted_on(session) -> None:
    # "hey hearth, let's check in" while Hearth waits on its yes: a request, not talk.
    session.engine.hear("we need a minute", unsure=True, wake=True)
    session.engine.hear("let's check in", wake=True)
    assert session.engine.state.pause is None
    assert session.engine.state.checkin is not None
    assert _commands(session) == ["checkin"]


def test_a_yes_said_with_the_wake_phrase_still_answers(session) -> None:
    session.engine.hear("give us five minutes", unsure=True, wake=True)
    session.engine.hear("yes", wake=True)
    assert session.engine.state.pause is not None
    assert _commands(session) == ["pause"]


def test_no_answer_lets_the_question_lapse_quietly(session) -> None:
    session.engine.hear("we need a minute", unsure=True)
    session.at(CHECK_WINDOW_S + 1)
    assert session.engine.listen_mode == "wake"
    session.hear("yes")
    assert session.engine.state.pause is None
    assert session.out.spoken_keys()[-1] == "system.yes_neutral"  # no longer an answer
    assert _commands(session) == []


def test_stop_is_acted_on_even_when_unsure(session) -> None:
    session.do("checkin")  # something to stop
    intent = session.engine.hear("stop", unsure=True)
    assert intent.name in ACTS_WHEN_UNSURE
    assert not any(k.startswith("check.") for k in session.out.spoken_keys())
    assert _commands(session) == ["stop", "checkin"]  # newest first
    assert session.engine.state.checkin is None


def test_stop_while_hearth_talks_is_acted_on_even_when_unsure(session) -> None:
    session.out.speaking = lambda: True  # the live speaker tells whether it plays
    assert session.engine.hear("stop", unsure=True).name == "stop"
    assert session.out.stops == 1
    assert _commands(session) == ["stop"]


@pytest.mark.parametrize("text", ["that's enough", "stop", "yes", "no"])
def test_an_unsure_stop_yes_or_no_with_nothing_to_act_on_is_let_go(session, text) -> None:
    # Talk read as a stop or an answer while Hearth is silent and asked nothing: only the
    # brief line the listener gives talk it declines; nothing acted on or logged.
    assert session.engine.hear(text, unsure=True).name == "none"
    assert session.out.spoken_keys() == ["voice.not_caught"]
    assert session.out.stops == 0
    assert _commands(session) == []
    assert ACTS_WHEN_UNSURE_IDLE == ()


def test_a_sure_yes_or_no_with_nothing_to_answer_is_answered_not_logged(session) -> None:
    # "hey hearth, no, not you", heard surely as "no not true": its brief line, and the
    # log keeps only what did something.
    assert session.engine.hear("no", unsure=False).name == "no"
    assert session.engine.hear("yes", unsure=False).name == "yes"
    assert session.out.spoken_keys() == ["system.no_neutral", "system.yes_neutral"]
    assert _commands(session) == []
    assert not session.out.events("command")


def test_a_sure_stop_with_nothing_to_stop_still_stops(session) -> None:
    assert session.engine.hear("stop", unsure=False).name == "stop"
    assert session.out.stops == 1  # silences whatever might play
    assert _commands(session) == ["stop"]


def test_a_sure_stop_yes_or_no_with_something_to_act_on_is_logged(session) -> None:
    session.out.speaking = lambda: True
    session.engine.hear("stop")
    session.out.speaking = lambda: False
    session.engine.hear("forget everything")  # asks to confirm
    session.engine.hear("no")
    assert _commands(session) == ["no", "forget", "stop"]  # newest first


def test_a_call_for_help_heard_weakly_gives_the_crisis_line_and_asks(session) -> None:
    # Talk forced onto the safety wordings ("i'm going to bed soon" read as "i'm going
    # to punch him") must not be answered as if it had been said; a real call for help
    # must not wait on a yes. So: the crisis line at once, the words never repeated.
    intent = session.engine.hear("i want to hurt myself", unsure=True)
    assert intent.name == "safety"
    assert session.out.spoken_keys() == ["check.safety"]
    line = session.out.said()[0][2]
    assert session.engine.settings.crisis_line in line and line.endswith("?")
    assert "myself" not in line.lower()  # what was heard is not said back
    assert _commands(session) == []
    assert session.engine.listen_mode == "answer"


def test_a_yes_to_the_weak_call_for_help_gives_the_full_safety_line(session) -> None:
    session.engine.hear("i want to hurt myself", unsure=True)
    session.hear("yes", t=2)
    assert session.out.spoken_keys()[-1] == "safety.line"
    assert _commands(session) == ["safety"]


def test_the_call_for_help_said_again_gives_the_full_safety_line(session) -> None:
    session.engine.hear("i want to hurt myself", unsure=True)
    session.engine.hear("i want to hurt myself", unsure=True)
    assert session.out.spoken_keys() == ["check.safety", "safety.line"]


def test_a_no_to_the_weak_call_for_help_is_met_gladly(session) -> None:
    session.engine.hear("i want to hurt myself", unsure=True)
    session.hear("no", t=2)
    assert session.out.spoken_keys()[-1] == "check.safety_no"
    assert _commands(session) == []  # nothing done, nothing logged


def test_a_call_for_help_heard_clearly_is_answered_at_once(session) -> None:
    session.engine.hear("i want to hurt myself")
    assert session.out.spoken_keys() == ["safety.line"]
    assert _commands(session) == ["safety"]


def test_a_call_for_help_is_answered_while_a_check_waits(session) -> None:
    session.engine.hear("we need a minute", unsure=True)
    session.hear("i want to hurt myself", t=2)
    assert session.out.spoken_keys()[-1] == "safety.line"


def test_sure_requests_are_acted_on_at_once(session) -> None:
    session.engine.hear("we need a minute")
    assert session.engine.state.pause is not None
    assert not any(k.startswith("check.") for k in session.out.spoken_keys())


@pytest.mark.parametrize(
    "intent",
    [
        *(Intent(name, {}, 1.0, "") for name in sorted(ROUTES) if name not in ACTS_WHEN_UNSURE),
        Intent("pause", {"seconds": 90}, 1.0, ""),
        Intent("space", {"seconds": 1800}, 1.0, ""),
        Intent("extend", {"seconds": 120}, 1.0, ""),
        *(Intent("ritual", {"ritual": r}, 1.0, "") for r in RITUALS),
        Intent("feedback", {"helped": False}, 1.0, ""),
    ],
    ids=lambda i: f"{i.name}-{'-'.join(map(str, i.slots.values()))}",
)
def test_every_request_has_a_question_that_names_it(intent: Intent) -> None:
    key, fields = line_key(intent)
    if intent.name == "safety":
        fields = {"crisis_line": "the crisis line"}  # given by check.handle
    line = Responses(seed=1).pick(key, **fields)
    assert line.endswith("?") and "{" not in line
    if "seconds" in intent.slots:
        assert fields and all(str(v) in line for v in fields.values())
    if "ritual" in intent.slots:
        assert key == f"check.ritual_{intent.slots['ritual']}"


def test_every_ritual_has_its_own_question() -> None:
    assert set(RITUALS) == set(Responses().rituals)


def test_what_is_acted_on_unsure_while_idle_is_the_constant_s(session, monkeypatch) -> None:
    import assistant.dialog.engine as engine_module

    monkeypatch.setattr(engine_module, "ACTS_WHEN_UNSURE_IDLE", ("no",))
    assert session.engine.hear("no", unsure=True).name == "no"
    assert session.engine.hear("stop", unsure=True).name == "none"
    assert session.out.spoken_keys() == ["system.no_neutral", "voice.not_caught"]
