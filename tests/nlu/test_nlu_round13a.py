"""Round 13 wording families for the timer, check-in and volume intents, and the
conversational frames around a request (tuned on sets 28a-28c). Every sentence here is
new, written for its family by the lead after the merge, not taken from a tuning set
(docs/nlu.md, round 13, tuner A); each near miss is talk."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

REQUESTS = [
    # the plan or a question to the partner after the request
    ("hearth, a two minute pause, then we talk again", "pause", {"seconds": 120}),
    ("hearth, we need twenty minutes of space, is that ok babe?", "space", {"seconds": 1200}),
    # time apart said as staying apart or separate rooms
    ("hearth, let's stay apart for half an hour", "space", {"seconds": 1800}),
    # the couple's time apart by its length
    ("hearth, an hour of space please", "space", {"seconds": 3600}),
    # the time the couple has, then the request (was a pause of that length)
    ("hearth, we have twenty minutes, let's go for our walk", "ritual", {"ritual": "walk"}),
    ("hearth, let's go to separate rooms for ten minutes", "space", {"seconds": 600}),
    # the time left till one is due back
    ("hearth, how long until we're supposed to come back", "time_left", {}),
    # more time by "a bit"
    ("hearth, give us a bit more", "extend", {"seconds": 60}),
    # world Englishes
    ("hearth, let's jump tonight's check in", "checkin_skip", {}),
    ("hearth come let's check in", "checkin", {}),
    # the check-in named loosely
    ("hearth, it's time for the question of the day", "checkin", {}),
    # settled, then resume
    ("hearth, we have settled, let's carry on", "resume", {}),
]  # fmt: skip

ASKED = [
    # a bare number taking a length back, far from it in that unit: asked (README, "What
    # you can say"); near it, it takes the unit (test_nlu_round14.py)
    "hearth, space for three hours, no, forty",
    "hearth, a break for twenty minutes, no, two",
    "hearth, a break for an hour, actually ninety",
]

TALK = [
    "sorry babe, say that again?",
    "give me a minute, I'm in the shower",
    "next time we go camping let's stay longer",
    "I think hearth's check-in is a bit early for us",
    # how a habit feels, not a request (these were acted on: a pause, a check-in, space)
    "i hate it when we take a break",
    "i love it when we do our check in",
    "it's nice when we go for a walk",
    "it's hard when we stay apart",
    "we do better when we check in",
    # the time someone has is not a request for a pause of it
    "we have an hour",
    "hearth, I only have ten minutes",
    # the partner's week, not the couple's (read as "how did our week go", a summary)
    "how did your week go, really?",
]


@pytest.mark.parametrize(("text", "intent", "slots"), REQUESTS)
def test_round13a_request_families(
    parser: IntentParser, text: str, intent: str, slots: dict
) -> None:
    got = parser.parse(text)
    assert (got.name, {k: got.slots.get(k) for k in slots}) == (intent, slots), got


@pytest.mark.parametrize("text", ASKED)
def test_round13a_a_length_corrected_by_a_bare_number_is_asked(
    parser: IntentParser, text: str
) -> None:
    got = parser.parse(text)
    assert got.slots.get("seconds") is None and got.slots.get("unclear") is True, got


@pytest.mark.parametrize("text", TALK)
def test_round13a_near_misses_stay_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none"
