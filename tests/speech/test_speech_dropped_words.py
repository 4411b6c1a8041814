"""A request that leaves out words the engine heard is asked about unless it is sure.

When the engine's own reading after the wake phrase is no request, the listener takes
one from the strict grammar, the alternatives or the second reading. A request much
shorter than what was heard may be the start of a sentence that went on ("set a timer
for twenty minutes for the pasta" taken as "set the timer for the walk together"), so
below `ListenerConfig.check_dropped_below` it is asked about first
(`check_dropped_words`). A scripted engine isolates the rule; the last test runs the
real engine on the neural voice (Piper, in the test extra).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.nlu.intent import NONE, Intent
from assistant.speech.listener import Listener, ListenerConfig
from assistant.speech.types import Utterance

from .conftest import TwoPassEngine, said

QUIET = bytes(640)


REQUESTS = {"skip this one": "next_question", "skip this one please": "next_question"}


def parse(text: str) -> Intent:
    name = REQUESTS.get(text, NONE)
    return Intent(name, {}, 1.0 if name != NONE else 0.0, text)


def decide(final: Utterance, strict: str, **config: object) -> list[tuple[str, bool]]:
    engine = TwoPassEngine(final, strict, second=None)
    listener = Listener(
        engine,  # type: ignore[arg-type]
        ListenerConfig(**config),  # type: ignore[arg-type]
        parse=parse,
        phrases=sorted(REQUESTS),
    )
    return [(h.text, h.unsure) for h in listener.feed(QUIET, 0.02)]


# The engine heard six words after the wake phrase; the strict grammar's request has three.
TALK = "hey hearth skip this one for dinner tonight"


def test_a_request_leaving_out_heard_words_is_asked_about() -> None:
    assert decide(said(TALK, 0.7), "hey hearth skip this one") == [("skip this one", True)]


def test_without_the_bar_the_same_reading_is_acted_on() -> None:
    unbarred = decide(said(TALK, 0.7), "hey hearth skip this one", check_dropped_words=None)
    assert unbarred == [("skip this one", False)]


def test_a_sure_request_leaving_out_words_is_acted_on() -> None:
    assert decide(said(TALK, 0.9), "hey hearth skip this one") == [("skip this one", False)]


@pytest.mark.parametrize(
    ("heard", "strict"),
    [
        # One word left out: a stray word, not a sentence going on.
        ("hey hearth skip this one dinner", "hey hearth skip this one"),
        # Nothing left out: the engine's own words, its own request.
        ("hey hearth skip this one please", "hey hearth skip this one please"),
    ],
)
def test_a_request_with_no_more_than_a_word_left_out_is_acted_on(heard: str, strict: str) -> None:
    assert decide(said(heard, 0.7), strict) == [(strict.removeprefix("hey hearth "), False)]


BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_talk_taken_for_a_shorter_request_is_asked_about(
    heard_as_run, parser, monkeypatch, tmp_path
) -> None:
    """Talk from the tune half of the second blind list, in the neural voice, clean:
    the engine hears ten words, and the request taken from its other readings has
    seven ("set the timer for the walk together", support 0.66)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import neural_voice

    from assistant.speech.wav import load_pcm16

    text = "hey hearth, set a timer for twenty minutes for the pasta"
    wav = tmp_path / "talk.wav"
    neural_voice.render(text, neural_voice.JOE, wav)
    speech = load_pcm16(wav)
    heard = heard_as_run(text, speech=speech)
    assert [(parser.parse(h.text).name, h.unsure) for h in heard] == [("ritual", True)]
    # The question comes from this bar: without it the walk starts at once.
    unbarred = ListenerConfig(wake_phrase="hey hearth", check_dropped_words=None)
    heard = heard_as_run(text, speech=speech, config=unbarred)
    assert [(parser.parse(h.text).name, h.unsure) for h in heard] == [("ritual", False)]
