"""Round 5, tuner A's group (pause, space, the check-in, rituals, volume): one test per
wording family fixed (docs/nlu.md, round 5). The sentences are new, written for the
family, not taken from the tuning sets 9a-9c."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser
from assistant.nlu.normalize import normalize


def _reads(parser: IntentParser, text: str, intent: str, slots: dict) -> None:
    """`text` is read as `intent` with (at least) these `slots`."""
    got = parser.parse(text)
    assert got.name == intent, (text, got)
    assert {k: got.slots.get(k) for k in slots} == slots, (text, got)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("give us six no seven minutes", "pause", {"seconds": 420}),
        ("break for ten, sorry, fifteen minutes", "pause", {"seconds": 900}),
        ("pause for two minutes no three minutes", "pause", {"seconds": 180}),
        ("add two no make it five more minutes", "extend", {"seconds": 300}),
        ("set the check in for eight no nine o'clock", "schedule", {"time": "21:00"}),
        ("check in at ten i mean nine thirty", "schedule", {"time": "21:30"}),
        ("I need space, forty, wait, fifty minutes", "space", {"seconds": 3000}),
    ],
)
def test_a_number_taken_back_is_replaced_by_the_next(
    parser: IntentParser, text: str, intent: str, slots: dict
) -> None:
    _reads(parser, text, intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        "give us two no more minutes",  # no second number: nothing taken back
        "five minutes no ten",  # the unit is not said again: never a bare ten
    ],
)
def test_a_correction_needs_a_second_number(text: str) -> None:
    norm = normalize(text)
    assert norm.durations[:1] != [600], norm


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("is there a way to give us a ten minute break", "pause", {"seconds": 600}),
        ("would it be possible to extend the break by five minutes", "extend", {"seconds": 300}),
        ("I'd appreciate it if you could start the check in", "checkin", {}),
        ("would you mind moving the check in to nine thirty", "schedule", {"time": "21:30"}),
        ("would you mind cancelling the check ins", "checkin_cancel", {}),
        ("is it okay if we take a five minute break", "pause", {"seconds": 300}),
        ("would it be possible for me to have forty minutes alone", "space", {"seconds": 2400}),
        ("I'd like us to go for our walk", "ritual", {"ritual": "walk"}),
        ("can you let us know when the next check in is", "checkin_when", {}),
    ],
)
def test_polite_frames_around_a_request(
    parser: IntentParser, text: str, intent: str, slots: dict
) -> None:
    _reads(parser, text, intent, slots)
