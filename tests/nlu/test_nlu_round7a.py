"""Round 7, tuner A's group (pause, space, the check-in, rituals, volume): one test per
wording family fixed (docs/nlu.md, round 7). The sentences are new, written for the
family, not taken from the tuning sets 13a-13c."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser
from assistant.nlu.clauses import clauses


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("the twins are finally in bed, hearth, start our check-in", "checkin", {}),
        ("hearth, quieter please, grandad is napping on the sofa", "volume", {"direction": "down"}),
        ("we keep talking over each other. hearth, a four minute pause", "pause", {"seconds": 240}),
        (
            "Priya's home from practice and the dog is fed, hearth, let's go for our walk",
            "ritual",
            {"ritual": "walk"},
        ),
        (
            "we really don't like this one, the kids might hear, hearth, give us another question",
            "next_question",
            {},
        ),
        ("hearth, say that again? the neighbours' dog was barking", "repeat", {}),
        ("skip the check-in tonight please hearth, my brother is over", "checkin_skip", {}),
        (
            "Leo has swimming until eight now, hearth, move the check-in to nine",
            "schedule",
            {"time": "21:00"},
        ),
        ("I'm in the garden shed with my brother, hearth, end my space early", "resume", {}),
        (
            "my sister took the kids out, hearth, I need some time alone for twenty minutes",
            "space",
            {"seconds": 1200},
        ),
        ("hey hearth, how long is left? the kettle's boiling", "time_left", {}),
    ],
)
def test_a_request_set_apart_from_its_remark(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        # not addressed to Hearth by name: talk between the two
        "the kids are finally in bed, let's start a film",
        "we're out of milk, add it to the list",
        # another assistant, a screen or a call beside the request
        "alexa, louder please, the kids are shouting",
        "hearth is great, but turn the telly down a bit, I'm on a call",
        # an answer or a short clause that only points back at the remark
        "okay hearth, I overreacted",
        "I went for a run at lunch, hearth, it helped",
        # a short clause beside a number is a request that goes on
        "hearth, our check-in, make it 7.15 from monday",
        # the fireplace, not the name
        "the fire in the hearth is out, start the walk",
    ],
)
def test_remarks_beside_talk_stay_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text


def test_clauses_note_the_name_beside_them() -> None:
    parts = clauses("kids are at nan's, hearth, start our walk at 8.45")
    assert [(c.text, c.named_before, c.named_after) for c in parts] == [
        ("kids are at nan's", False, True),
        ("start our walk at 8.45", True, False),
    ]


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("kindly start the evening walk", "ritual", {"ritual": "walk"}),
        ("hearth, kindly make it a little quieter", "volume", {"direction": "down"}),
        ("would you be so good as to begin the check-in", "checkin", {}),
        ("could you be so kind as to give us three more minutes", "extend", {"seconds": 180}),
        ("would you be kind enough to say the question one more time", "repeat", {}),
        ("may I know when the next check-in will be", "checkin_when", {}),
        ("a two minute pause, if you please", "pause", {"seconds": 120}),
        ("could you be so kind as to lower your voice", "volume", {"direction": "down"}),
    ],
)
def test_formal_requests(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        "could you be so kind as to pass the salt",
        "kindly take your shoes off in the hall",
        "may I know why you are late again",
    ],
)
def test_formal_talk_stays_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("please prepone our check-in to half past seven", "schedule", {"time": "19:30"}),
        ("what is the balance time on the pause", "time_left", {}),
        ("what is the remaining time on the pause", "time_left", {}),
        ("we wish to discontinue the daily check-ins", "checkin_cancel", {}),
        ("prolong the pause by two minutes", "extend", {"seconds": 120}),
        ("a further ten minutes of space please", "extend", {"seconds": 600}),
        ("I require some time alone for forty minutes", "space", {"seconds": 2400}),
        ("we have settled ourselves, end the pause", "resume", {}),
        ("kindly do one pause of three minutes", "pause", {"seconds": 180}),
        ("we are ready to speak again, end the pause", "resume", {}),
    ],
)
def test_indian_and_formal_words(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("is the check in on tmrw", "checkin_when", {}),
        ("quieterr pls", "volume", {"direction": "down"}),
        ("paus 3 mins plss", "pause", {"seconds": 180}),
        ("louderr pls", "volume", {"direction": "up"}),
        ("we need a breakk rn", "pause", {"seconds": 60}),
        ("skip the check in tmrw pls", "checkin_skip", {}),
        ("resume the convo", "resume", {}),
    ],
)
def test_typed_shorthand_and_held_keys(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    "text",
    [
        "prepone the meeting to monday",
        "what is the balance on the credit card",
        "I require a new passport photo",
        "see you tmrw at the station",
        "pls pass the remote rn",
    ],
)
def test_formal_words_in_talk_stay_talk(parser: IntentParser, text: str) -> None:
    assert parser.parse(text).name == "none", text


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("hearth, let's start the check-in while the twins are napping", "checkin", {}),
        ("hearth, quieter please because grandma is dozing", "volume", {"direction": "down"}),
        ("hearth, my brother is staying over tonight, skip the check-in", "checkin_skip", {}),
        (
            "hearth, the kids are at nan's, start our walk while it's dry",
            "ritual",
            {"ritual": "walk"},
        ),
        (
            "start the slow coffee now, hearth. we have twenty minutes",
            "ritual",
            {"ritual": "coffee"},
        ),
    ],
)
def test_where_the_remark_starts(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("one more minute please, still not calm", "extend", {"seconds": 60}),
        ("start the evening question", "checkin", {}),
        ("open with a question please", "checkin", {}),
        ("can you give us a gentler one instead", "next_question", {}),
        ("we'd like to breathe together", "ritual", {"ritual": "mindfulness"}),
        ("how much longer do we have before the timer ends", "time_left", {}),
        ("let's do the brunch one", "ritual", {"ritual": "breakfast"}),
        ("can we do the stroll one", "ritual", {"ritual": "walk"}),
        ("do the checkin thing now", "checkin", {}),
        ("checkin thing please", "checkin", {}),
    ],
)
def test_round_seven_wordings(reads, text: str, intent: str, slots: dict) -> None:
    reads(text, intent, slots)
