"""Round 6, tuner A's group (pause, space, the check-in, rituals, volume): one test per
wording family fixed (docs/nlu.md, round 6). The sentences are new, written for the
family, not taken from the tuning sets 11a-11c."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("hearth turn on timeout mode for four minutes", "pause", {"seconds": 240}),
        ("activate cool down mode please", "pause", {"seconds": 60}),
        ("launch the calm down timer for three minutes", "pause", {"seconds": 180}),
        ("turn on space mode for an hour", "space", {"seconds": 3600}),
        ("activate meditation mode", "ritual", {"ritual": "mindfulness"}),
        ("launch brunch mode", "ritual", {"ritual": "breakfast"}),
        ("turn on stroll mode", "ritual", {"ritual": "walk"}),
        ("open a forty second calm down timer", "pause", {"seconds": 40}),
        ("run a two minute break", "pause", {"seconds": 120}),
    ],
)
def test_app_words_modes_and_switches(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("hearth, ceasefire for four minutes please", "pause", {"seconds": 240}),
        ("call a break for three minutes, things are heating up", "pause", {"seconds": 180}),
        ("put the conversation on hold for five minutes", "pause", {"seconds": 300}),
        ("give us two minutes to simmer down", "pause", {"seconds": 120}),
        ("let's shut up and breathe for a minute", "pause", {"seconds": 60}),
        (
            "give us four minutes before one of us says something stupid",
            "pause",
            {"seconds": 240},
        ),
        ("you know what, break us for six minutes", "pause", {"seconds": 360}),
    ],
)
def test_the_pause_in_the_heat_of_the_moment(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("start my solo time for twenty minutes", "space", {"seconds": 1200}),
        ("set separate time for half an hour", "space", {"seconds": 1800}),
        ("start my decompress time for ten minutes", "space", {"seconds": 600}),
        ("I need some distance for forty minutes", "space", {"seconds": 2400}),
        ("I need space, an hour, tell her I'm coming back", "space", {"seconds": 3600}),
        ("she needs space, twenty minutes, that's what we said", "space", {"seconds": 1200}),
        ("turn off the space timer, we're ready to talk", "resume", {}),
        ("I'm done with my space, let's talk", "resume", {}),
        ("resume the conversation please", "resume", {}),
    ],
)
def test_space_by_its_app_and_everyday_names(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("what's left on the meditation", "time_left", {}),
        ("check the time left on the cool down", "time_left", {}),
        ("is my space nearly up", "time_left", {}),
        ("extend the session by five minutes", "extend", {"seconds": 300}),
        ("bump the timer up by two minutes", "extend", {"seconds": 120}),
        ("we need more time on the break", "extend", {"seconds": None}),  # asked how much
        ("give me three minutes more on the cool down", "extend", {"seconds": 180}),
    ],
)
def test_timers_checked_and_stretched(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("start the talk session", "checkin", {}),
        ("kick off our connection check", "checkin", {}),
        ("time for our couple chat", "checkin", {}),
        ("skip tonight's question session", "checkin_skip", {}),
        ("move the regular talk to nine thirty", "schedule", {"time": "21:30"}),
        ("begin the evening talk", "checkin", {}),
    ],
)
def test_the_check_in_by_the_couples_names(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("open the slow coffee session", "ritual", {"ritual": "coffee"}),
        ("play our morning coffee", "ritual", {"ritual": "coffee"}),
        ("begin the evening stroll, we need air", "ritual", {"ritual": "walk"}),
        ("start the walking ritual, our shoes are on", "ritual", {"ritual": "walk"}),
        ("lazy weekend brunch like we planned", "ritual", {"ritual": "breakfast"}),
        ("a bit louder, we're in the kitchen", "volume", {"direction": "up"}),
    ],
)
def test_rituals_by_app_words_and_reasons(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        "turn on the lights in the kitchen",
        "activate my new phone tomorrow",
        "launch the boat when the tide is in",
        "put the dinner on hold until he gets home",
        "the washing machine's on spin again",
        "I need some distance from my job",
        "we should open the coffee shop earlier",
        "run the dishwasher tonight",
        "we should go for a walk this weekend if it's dry",
        "I need some time alone this weekend, maybe a long bath",
    ],
)
def test_round_six_near_misses_stay_none(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("let's have our daily chat", "checkin", {}),
        ("when is the nightly talk tonight", "checkin_when", {}),
        ("push our daily talk to half eight", "schedule", {"time": "20:30"}),
        ("show us the check in times", "checkin_when", {}),
        ("when are you starting the check in tonight", "checkin_when", {}),
        ("snooze the check in till tomorrow", "checkin_skip", {}),
        ("switch off the check in for this evening only", "checkin_skip", {}),
        ("remove the recurring check in", "checkin_cancel", {}),
        ("unsubscribe me from the check ins", "checkin_cancel", {}),
        ("set up a regular check in at eight thirty", "schedule", {"time": "20:30"}),
        ("put the check in on the calendar for nine", "schedule", {"time": "21:00"}),
    ],
)
def test_the_check_in_by_cadence_and_app_words(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("I need space for an hour twenty", "space", {"seconds": 4800}),
        ("start space for two hours thirty", "space", {"seconds": 9000}),
        ("I'm going off on my own for twenty minutes", "space", {"seconds": 1200}),
        ("I'm retreating to the study for half an hour on my own", "space", {"seconds": 1800}),
        ("read that back again", "repeat", {}),
        ("replay what you said", "repeat", {}),
        ("run it by me again more slowly", "repeat", {}),
        ("play us a new question", "next_question", {}),
        ("shuffle the questions", "next_question", {}),
        ("think of something different to ask us", "next_question", {}),
        ("he's back inside, you can stop the space timer", "resume", {}),
        ("start the phone call, we're apart this week", "ritual", {"ritual": "call"}),
        ("set the volume higher", "volume", {"direction": "up"}),
    ],
)
def test_lengths_replays_and_the_rest_of_round_six(
    reads, text: str, intent: str, slots: dict
) -> None:
    reads(text, intent, slots)
