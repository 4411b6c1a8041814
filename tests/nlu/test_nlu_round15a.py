"""Round 15 wording families for pauses, the time apart, the time left and control words
(tuned on sets 48a-48c, docs/nlu.md "Round 15 (tuner A)"). Every sentence here is new,
written for its family, not taken from a tuning set; each near miss is talk."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

REQUESTS = [
    # the pause named by its parts; how the argument is going said beside it
    ("hearth, start one of those breathing pauses for two minutes", "pause", {"seconds": 120}),
    ("hearth, can we do the breathing pause thing", "pause", {"seconds": 60}),
    ("hearth, take us through a three minute pause", "pause", {"seconds": 180}),
    ("hearth, a pause please, I'm getting worked up", "pause", {"seconds": 60}),
    ("hearth, breathing break, it's getting too much", "pause", {"seconds": 60}),
    ("hearth, thirty seconds to calm down and then we'll try again", "pause", {"seconds": 30}),
    # the time apart: going to take it, going off alone, sitting somewhere alone
    ("hearth, we're gonna take some space, forty minutes", "space", {"seconds": 2400}),
    ("hearth, we're going to have some time apart for two hours", "space", {"seconds": 7200}),
    ("hearth, I'm taking myself off for a while, I'll come back", "space", {"seconds": None}),
    ("hearth, I'm away to my room for twenty minutes", "space", {"seconds": 1200}),
    ("hearth, I'll go sit on the porch by myself, back in half an hour", "space",
     {"seconds": 1800}),
    ("hearth, I'm going to sit out in the yard alone for a while", "space", {"seconds": None}),
    ("hearth, I need ten minutes alone in the bedroom", "space", {"seconds": 600}),
    ("hearth, I'm going to the spare room for an hour to get my head straight", "space",
     {"seconds": 3600}),
    ("hearth, let's go to separate rooms and regroup in twenty minutes", "space",
     {"seconds": 1200}),
    ("hearth, we're taking a break from each other for an hour", "space", {"seconds": 3600}),
    ("hearth, we're taking a break from each other till nine", "space",
     {"seconds": None, "until": "21:00"}),
    ("hearth, time away from each other until eight", "space",
     {"seconds": None, "until": "20:00"}),
    ("hearth, he's asked for space, we'll meet back at nine", "space",
     {"seconds": None, "until": "21:00"}),
    ("hearth, I'm going downstairs till ten, I'll come up then", "space",
     {"seconds": None, "until": "22:00"}),
    # the time left until someone is meant to be back
    ("hearth, how many minutes till she's meant to be back", "time_left", {}),
    ("hearth, how long until we're supposed to come back", "time_left", {}),
    ("hearth, how many minutes until we can talk again", "time_left", {}),
    ("hearth, how long do we have to sit here", "time_left", {}),
    # control words said loosely
    ("hearth, we're ready to have another go", "resume", {}),
    ("hearth, could you read that out one more time", "repeat", {}),
    ("hearth, would it be worth seeing a therapist", "support", {}),
    ("hearth, who could we talk to besides each other", "support", {}),
    ("hearth, relationship counselling, any options?", "support", {}),
    ("hearth, we're new, how does this thing work", "help", {}),
    ("hearth, whisht now", "stop", {}),
    ("hearth, turn it down please, she's on the phone", "volume", {"direction": "down"}),
    ("no, don't keep that", "no", {}),
]  # fmt: skip

TALK = [
    "I'm going to go sit in the garden",
    "I'm going upstairs for ten minutes",
    "it's getting a bit much with the neighbours",
    "we're both getting worked up about the wedding",
    "I'm having one of those days",
    "she's on the phone with her mum",
    "we're taking a break from each other",
]


@pytest.mark.parametrize(("text", "intent", "slots"), REQUESTS)
def test_round15a_request_families(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize("text", TALK)
def test_round15a_near_misses_stay_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text
