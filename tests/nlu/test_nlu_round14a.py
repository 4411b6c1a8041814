"""Round 14 wording families for lengths, time-outs and control words (tuned on sets
36a-36c), and the lead's two length rules of that round. Every sentence here is new,
written for its family by the lead after the merge, not taken from a tuning set
(docs/nlu.md, round 14, tuner A: tuner A wrote no tests); each near miss is talk."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

REQUESTS = [
    # a number said roughly before its unit is that number; a typed mixed number adds up
    ("hearth, time out for thirty-odd minutes", "pause", {"seconds": 1800}),
    ("hearth, space for fifteen-ish minutes", "space", {"seconds": 900}),
    ("hearth, a pause of 2 1/2 mins", "pause", {"seconds": 150}),
    # the time apart by its corners, being on our own, back by a clock time
    ("hearth, separate corners for twenty minutes", "space", {"seconds": 1200}),
    ("hearth, we both need to be on our own for a while", "space", {"seconds": None}),
    ("hearth, we're taking space till ten", "space", {"seconds": None, "until": "22:00"}),
    # a request asked as a negative question
    ("hearth, why don't you start a pause for us", "pause", {"seconds": 60}),
    ("hearth, why don't we take twenty minutes apart", "space", {"seconds": 1200}),
    # more time: for the partner, refusing the end, a minute and a half
    ("hearth, my wife needs another ten minutes before she comes back", "extend", {"seconds": 600}),
    ("hearth, don't end it yet, give us another two minutes", "extend", {"seconds": 120}),
    ("hearth, another minute and a half please", "extend", {"seconds": 90}),
    # the time left said loosely
    ("hearth, how long until I have to be back", "time_left", {}),
    ("hearth, isn't the break nearly over?", "time_left", {}),
    # a noise in the room beside repeat or louder
    ("sorry hearth, the baby was crying, repeat that", "repeat", {}),
    ("hearth, louder, the neighbours are being loud", "volume", {"direction": "up"}),
    # control words said loosely
    ("hearth, what else can you do besides the walk", "help", {}),
    ("hearth, explain the pause thing", "help", {}),
    ("no, not right now, we're cooking", "no", {}),
    ("hearth, a moment to breathe", "pause", {"seconds": 60}),
    # lead: a bare number correcting a length, in that length's unit (within five times)
    ("hearth, pause for three minutes, no, four", "pause", {"seconds": 240}),
    ("hearth, space for two hours, sorry, three", "space", {"seconds": 10800}),
    ("hearth, add ten minutes, i mean five", "extend", {"seconds": 300}),
    # lead: a cadence said with "not" before the one meant, or two values in a row
    ("hearth, check in at 9 pm, not daily, every second day", "schedule",
     {"time": "21:00", "cadence": "every_other_day"}),
    ("hearth, check in at nine every day, not every other day", "schedule",
     {"time": "21:00", "cadence": "daily"}),
    ("hearth move the check in to five, five thirty", "schedule", {"time": "17:30"}),
    # lead: a continental clock time after a time word
    ("hearth, check in at 21h00", "schedule", {"time": "21:00"}),
    ("hearth, space till 9h30", "space", {"seconds": None, "until": "09:30"}),
]  # fmt: skip

ASKED = [
    # a bare number far from the length it takes back: asked, never forty hours
    "hearth, pause for an hour, no, forty",
    "hearth, space for ninety seconds, no, two",
]

TALK = [
    "speak louder babe, I can't hear you over the blender",
    "the kettle was on so I didn't hear you",
    "why don't you ever help with dinner",
    "why don't we go to bed early tonight",
    "I'm trying to park, give me a minute",
    "please explain space",
]


@pytest.mark.parametrize(("text", "intent", "slots"), REQUESTS)
def test_round14a_request_families(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize("text", ASKED)
def test_round14a_a_correction_far_from_its_length_is_asked(
    parser: IntentParser, text: str
) -> None:
    got = parser.parse(text)
    assert got.slots.get("seconds") is None and got.slots.get("unclear") is True, got


@pytest.mark.parametrize("text", TALK)
def test_round14a_near_misses_stay_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none"
