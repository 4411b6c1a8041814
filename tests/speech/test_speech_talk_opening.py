"""Speech after the wake phrase that opens the way talk about a thing does ("the walk in
the park yesterday was nice") is not acted on at the first short quiet, even when its
first words read as a request ("the walk"): it waits for the quiet of a sentence that is
over (`ListenerConfig.talk_opening_quiet_s`), so a pause after the subject is not taken
as the end.

A scripted engine and voice detector: what is tested is the listener's timing."""

from __future__ import annotations

from assistant.speech.listener import Heard, ListenerConfig

from . import scripted
from .scripted import Script, ScriptedEngine

REQUESTS = {"the walk": "ritual", "we need a minute": "pause"}


def listen(
    script: Script, until: float, **config: float | None
) -> tuple[list[Heard], ScriptedEngine]:
    settings = ListenerConfig(**config)  # type: ignore[arg-type]
    return scripted.listen(script, until, scripted.reads(REQUESTS), settings, list(REQUESTS))


def subject_then_more(pause: float) -> Script:
    """ "hey hearth the walk", a pause, then the rest of the sentence: talk."""
    first = "hey hearth the walk"
    whole = "hey hearth the walk in the park yesterday was nice"
    return Script([(0.5, 1.5, first, first), (1.5 + pause, 3.0 + pause, whole, whole)])


def test_a_pause_after_the_subject_is_not_the_end_of_the_sentence() -> None:
    heard, engine = listen(subject_then_more(0.22), until=4.5)
    assert [h.text for h in heard if not h.declined] == []
    assert engine.resumed >= 1


def test_without_the_rule_the_subject_is_taken_as_a_request() -> None:
    # The same speech, decided as any other: "the walk" is acted on in the pause.
    heard, _ = listen(subject_then_more(0.22), until=4.5, talk_opening_quiet_s=None)
    assert [h.text for h in heard if not h.declined][:1] == ["the walk"]
    assert heard[0].t < 1.5 + 0.22


def test_the_request_said_alone_is_acted_on_once_the_quiet_is_long() -> None:
    script = Script([(0.5, 1.5, "hey hearth the walk", "hey hearth the walk")])
    heard, _ = listen(script, until=2.5)
    assert [(h.text, h.declined) for h in heard] == [("the walk", False)]
    assert 1.5 + 0.3 <= heard[0].t < 1.5 + 0.39, heard[0].t  # before the engine's own end


def test_a_request_that_opens_otherwise_is_acted_on_as_soon_as_before() -> None:
    script = Script([(0.5, 1.5, "hey hearth we need a minute", "hey hearth we need a minute")])
    heard, _ = listen(script, until=2.5)
    assert [(h.text, h.declined) for h in heard] == [("we need a minute", False)]
    assert heard[0].t < 1.5 + 0.2, heard[0].t
