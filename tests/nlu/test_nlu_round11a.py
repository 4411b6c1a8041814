"""Round 11, tuner A's group (the timers, space, the check-in, rituals, volume): one test
per wording family fixed (docs/nlu.md, round 11 A). The sentences are new, written for the
family, not taken from the tuning sets 23a-23c."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        # a wish said "that you ...", "I would like to know ...", "may I ask ..."
        ("I would like that you start a pause of two minutes", "pause", {"seconds": 120}),
        ("we would like that you skip tonight's check-in", "checkin_skip", {}),
        ("I would like to know when the next check-in is", "checkin_when", {}),
        ("may I ask how much time is remaining", "time_left", {}),
        ("excuse me, my husband and I ask for a pause of five minutes", "pause", {"seconds": 300}),
        ("I would kindly ask you to skip tonight's check-in", "checkin_skip", {}),
        ("I would be grateful if you could turn the volume down", "volume", {"direction": "down"}),
        ("be so kind and start our walk", "ritual", {"ritual": "walk"}),
        ("please make for us a pause of three minutes", "pause", {"seconds": 180}),
        ("my wife and I would like a pause of two minutes", "pause", {"seconds": 120}),
        ("I would like that the pause continues for another minute", "extend", {"seconds": 60}),
        # never "I would like that" alone: it answers
        ("yes, we would like that", "yes", {}),
        # the timer named by how it calms
        ("please begin the breathing timer for two minutes", "pause", {"seconds": 120}),
        ("start a calm countdown of ninety seconds", "pause", {"seconds": 90}),
        ("could you do a breathing break, four minutes", "pause", {"seconds": 240}),
        ("give us a little while to calm down, hearth", "pause", {"seconds": 60}),
        # the end asked for, time left on the space
        ("we are ready to chat again", "resume", {}),
        ("how long till the space is up", "time_left", {}),
        # more time apart, the time apart with its return
        ("can I have another hour on my own", "extend", {"seconds": 3600}),
        ("I will return in forty minutes, I need to be by myself", "space", {"seconds": 2400}),
        ("heading out to get some air, back in twenty minutes", "space", {"seconds": 1200}),
        ("space please, back by ten", "space", {"until": "22:00"}),
        ("we need to be apart for two hours", "space", {"seconds": 7200}),
        ("we need a proper break from each other, an hour", "space", {"seconds": 3600}),
        # the check-in: moved from one time to another, corrected with its cue, in hours
        ("move the check-in from eight to nine", "schedule", {"time": "21:00"}),
        ("do the check-in at eight? no, sorry, at half eight", "schedule", {"time": "20:30"}),
        ("could the check-in be at 21 hours", "schedule", {"time": "21:00"}),
        (
            "every alternate day the check-in at nine",
            "schedule",
            {"time": "21:00", "cadence": "every_other_day"},
        ),
        ("let's have the check-in at eight of an evening", "schedule", {"cadence": "daily"}),
        ("bring our check-in forward to seven", "schedule", {"time": "19:00"}),
        # the check-in skipped, ended, asked, by other verbs and typed shorthand
        ("jump over tonight's check-in please", "checkin_skip", {}),
        ("tonight we don't want the check-in", "checkin_skip", {}),
        ("we have guests, leave our check-in for tonight", "checkin_skip", {}),
        ("no check in tn, we're busy", "checkin_skip", {}),
        ("switch off the check-ins for good", "checkin_cancel", {}),
        ("never ask us the check-in question again", "checkin_cancel", {}),
        ("have we a check-in tonight", "checkin_when", {}),
        ("it's time for our question, hearth", "checkin", {}),
        # rituals with their length said after, led, non-native "do with us"
        ("let's go for our walk of twenty minutes", "ritual", {"ritual": "walk"}),
        ("guide us in a meditation", "ritual", {"ritual": "mindfulness"}),
        ("start our call, she's on the phone", "ritual", {"ritual": "call"}),
    ],
)
def test_round_11a_families(parser: IntentParser, text: str, intent: str, slots: dict) -> None:
    got = parser.parse(text)
    assert got.name == intent, text
    assert {k: got.slots.get(k) for k in slots} == slots, text


@pytest.mark.parametrize(
    "text",
    [
        # talk near the new wordings stays none
        "give me ten minutes, I'm nearly ready",
        "we're out of coffee",
        "we need to take a break from each other",
        "the meeting moved from nine to ten",
        "excuse me, is this seat taken",
        "I want to tell you something",
        "we should leave the check-in for today and go to bed",
    ],
)
def test_round_11a_talk_stays_none(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text
