"""Round 16 wording families for pauses, the time apart, the time left and control words
(tuned on sets 56a-56c, docs/nlu.md "Round 16 (tuner A)"). Every sentence here is new,
written for its family, not taken from a tuning set; each near miss is talk."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

REQUESTS = [
    # the time apart by where one goes alone, how one names it, and when one is back
    ("hearth, I'm heading out to the shed by myself, back in forty minutes", "space",
     {"seconds": 2400}),
    ("hearth, I'm stepping outside alone for some air, back in twenty minutes", "space",
     {"seconds": 1200}),
    ("hearth, I'm going upstairs to be alone, I'll be back down in half an hour", "space",
     {"seconds": 1800}),
    ("hearth, we both need some breathing room, shall we say two hours", "space",
     {"seconds": 7200}),
    ("hearth, set us up for some time apart, twenty five minutes", "space", {"seconds": 1500}),
    ("hearth, we're taking a break from each other and back in forty minutes", "space",
     {"seconds": 2400}),
    ("hearth, we should cool off separately, let's say half an hour", "space",
     {"seconds": 1800}),
    ("hearth, I'm going for a solitary walk, back in an hour", "space", {"seconds": 3600}),
    ("hearth, step away time please, back at nine", "space",
     {"seconds": None, "until": "21:00"}),
    ("hearth, we're going to separate rooms till the kids are in bed", "space",
     {"seconds": None}),
    ("hearth, I'm taking some time on my own, I'll return at eight", "space",
     {"seconds": None, "until": "20:00"}),
    # the pause asked politely, "take a beat"
    ("hearth, I'd be grateful for a pause of two minutes", "pause", {"seconds": 120}),
    ("hearth, my wife and I should like to take a minute to calm ourselves", "pause",
     {"seconds": 60}),
    ("hearth, let's take a beat, two minutes", "pause", {"seconds": 120}),
    # the time left asked politely, the pause ended by calling it off or cutting it short
    ("hearth, how long have we still got left", "time_left", {}),
    ("hearth, how long is left on the timer you set for us", "time_left", {}),
    ("hearth, you can call off the pause, we're fine", "resume", {}),
    ("hearth, cut the pause short please", "resume", {}),
    ("hearth, that's enough quiet, we're ready", "resume", {}),
    ("hearth, I'm not quite ready yet, a bit longer", "extend", {"seconds": 60}),
    # outside help by what it is
    ("hearth, tell us about counselling for couples", "support", {}),
    ("hearth, should we be seeing a professional about our arguments", "support", {}),
    ("hearth, is there someone we can talk to about our relationship", "support", {}),
    # control words said loosely
    ("hearth, how do I turn you down", "volume", {"direction": "down"}),
    ("hearth, I'm not sure how to use this", "help", {}),
    ("hearth, reset everything you know about us", "forget", {}),
    ("quite right", "yes", {}),
    # asked how, then asked; a reason beside stopping Hearth
    ("hearth, how do I tell you we're ready to talk again", "resume", {}),
    ("hearth, the kids just came in, stop talking", "stop", {}),
    ("hearth, what are you supposed to do", "help", {}),
    ("no, that won't be necessary", "no", {}),
]  # fmt: skip

TALK = [
    "I'm going out to the garage",
    "I'm stepping outside for a smoke",
    "the kids sleep in separate rooms",
    "I should think so too, said the vicar",
    "that won't be necessary, mum",
    "how do I make the cake rise",
    "how long have we still got on the car loan",
]


@pytest.mark.parametrize(("text", "intent", "slots"), REQUESTS)
def test_round16a_request_families(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize("text", TALK)
def test_round16a_near_misses_stay_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text
