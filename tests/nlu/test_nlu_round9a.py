"""Round 9, tuner A's group (pause, space, the check-in, rituals, volume): one test per
wording family fixed (docs/nlu.md, round 9). The sentences are new, written for the
family, not taken from the tuning sets 17a-17c; every request here is none, another
intent or another value on the commit before the round (ba810b2)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("hearth, pause for three minutes, no, let's say four minutes", "pause", {"seconds": 240}),
        ("I need some space, an hour, no sorry, ninety minutes", "space", {"seconds": 5400}),
        ("give us five more minutes, wait, no, fifteen more minutes", "extend", {"seconds": 900}),
        (
            "can you start a break for, um, thirty, actually make it sixty seconds",
            "pause",
            {"seconds": 60},
        ),
        ("time apart for an hour, no, half an hour is plenty", "space", {"seconds": 1800}),
        ("move the check-in to eight, uh, eight fifteen", "schedule", {"time": "20:15"}),
        (
            "set the check-in for nine every day, no, every other day",
            "schedule",
            {"time": "21:00", "cadence": "every_other_day"},
        ),
        (
            "set the check-ins for eight, every other day, not every day",
            "schedule",
            {"time": "20:00", "cadence": "every_other_day"},
        ),
        ("start the walk, no, the slow coffee", "ritual", {"ritual": "coffee"}),
        ("let's do our breakfast, sorry, our meditation", "ritual", {"ritual": "mindfulness"}),
        ("turn it down, no, up, louder please", "volume", {"direction": "up"}),
    ],
)
def test_a_value_taken_back_and_said_again(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("it might be best if we took a ten minute break", "pause", {"seconds": 600}),
        ("I'd feel better if we paused for two minutes", "pause", {"seconds": 120}),
        ("I'd really appreciate a five minute time-out", "pause", {"seconds": 300}),
        ("a two minute break would do us good", "pause", {"seconds": 120}),
        ("twenty more minutes on the timer would help", "extend", {"seconds": 1200}),
        ("I'd prefer the check-in at quarter past eight", "schedule", {"time": "20:15"}),
        (
            "it'd mean a lot to do our breathing exercise together",
            "ritual",
            {"ritual": "mindfulness"},
        ),
        (
            "we'd love to have the slow coffee now, can you get it going",
            "ritual",
            {"ritual": "coffee"},
        ),
    ],
)
def test_a_need_said_as_a_feeling_or_a_hint(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("lowkey need a break hearth", "pause", {"seconds": 60}),
        ("turn it down real quick", "volume", {"direction": "down"}),
        ("gonna need the check-in moved to 8:45", "schedule", {"time": "20:45"}),
        ("that's too loud", "volume", {"direction": "down"}),
    ],
)
def test_slang_and_casual_speech(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("give us some space for forty minutes", "space", {"seconds": 2400}),
        ("can we spend twenty minutes apart", "space", {"seconds": 1200}),
        ("let's spend some time apart and talk again in an hour", "space", {"seconds": 3600}),
        ("we should cool off separately for half an hour", "space", {"seconds": 1800}),
        ("let's each take fifteen minutes to ourselves", "space", {"seconds": 900}),
        ("can we take space until later", "space", {"seconds": None}),
        ("I'm gonna go cool off in the other room", "space", {"seconds": None}),
        ("let's spend an hour apart, then try again", "space", {"seconds": 3600}),
    ],
)
def test_space_asked_for_the_two_of_us(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("can you time us for ninety seconds", "pause", {"seconds": 90}),
        ("let's take a break to calm down", "pause", {"seconds": 60}),
        ("let's both take two minutes to settle down", "pause", {"seconds": 120}),
        ("put more time on the clock", "extend", {}),
        ("can we stretch the break out a bit longer", "extend", {}),
    ],
)
def test_round_nine_wordings(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        # a break from each other with no end is about the relationship, not a timer
        "we need to take a break from each other",
        "I think we should take a break from each other",
        "can we take a break from each other",
        "maybe we should spend some time apart",
        # the same hints and feelings about other things
        "I'd appreciate a hug",
        "it would be nice to have a holiday",
        "I'd love to go to Paris",
        "I'd prefer pizza tonight",
        "it'd be nice to go for a drive sometime",
        "a walk would do us good sometime this week",
        "that would help a lot",
        "my heart is racing after that run",
        "I'm overwhelmed at work",
        "it's saturday, let's sleep in",
        "the baby is asleep",
        "lowkey tired",
        "no, not that one",
        "can't hear you over the tv",
        "the volume on the tv is too loud",
    ],
)
def test_hints_and_feelings_about_other_things_stay_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text
