"""Round 7 wording families for the journal, system and safety intents (tuned on sets
13a-13c: older and second-language English, typed on a phone, busy households). Every
sentence here is new, written for its family, not taken from a tuning set; each failed
before its family was added (docs/nlu.md, round 7, tuner B)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.nlu import IntentParser
from assistant.nlu.matcher import addressed_part

# Safety: a weapon said with the fear, a weapon waved at me, harm feared from oneself
# ("harm" as well as "hurt"), an arm grabbed and held, hair pulled.
SAFETY = [
    "he has a knife and I am scared",
    "she's got a knife and I'm frightened",
    "my husband is waving a knife at me",
    "he grabbed a knife and i'm terrified",
    "I think I could harm her, I'm so angry",
    "I'm afraid I might harm my partner",
    "he twisted my arm hard",
    "she grabbed my wrist and wouldn't let me go",
    "he pulled my hair",
]
NOT_SAFETY = [
    "he has a knife collection",
    "she's got a knife in the kitchen drawer",
    "I feel I might cry",
    "he grabbed my arm to stop me falling",
    "he grabbed my hand and we danced",
    "my boss won't let me leave early",
]


def test_safety_wordings_of_round_seven(parser: IntentParser) -> None:
    missed = {t: got for t in SAFETY if (got := parser.parse(t).name) != "safety"}
    assert not missed
    wrong = [t for t in NOT_SAFETY if parser.parse(t).name == "safety"]
    assert not wrong


# Busy households say the context first and Hearth's name mid-sentence: what follows the
# name (after a pause, a comma) is the request, however long the context before it.
ADDRESSED = [
    ("while the pasta's boiling and the twins are fighting over the remote, hearth, "
     "read us our appreciations", "read_appreciations", {}),
    ("my mum just rang and we've got ten minutes before she's here. hearth, "
     "what can you help us with", "help", {}),
    ("right, the dog's fed and the dishes are done, hearth, stick a canal boat trip "
     "on the idea list", "add_idea", {"text": "a canal boat trip"}),
    ("since the baby finally went down, hearth, how have we been getting on this week",
     "summary", {}),
]  # fmt: skip
NOT_ADDRESSED = [
    "the fire in the hearth is going out can you grab more wood",
    "we sat by the hearth, read a book and had tea",
    "I told my sister, hearth, yes",
]


@pytest.mark.parametrize(("text", "intent", "slots"), ADDRESSED)
def test_the_request_after_the_name_said_mid_sentence(
    reads: Callable[[str, str, dict], None], text: str, intent: str, slots: dict
) -> None:
    reads(text, intent, slots)


def test_the_name_mid_sentence_without_a_pause_or_request_is_talk(
    parser: IntentParser,
) -> None:
    assert addressed_part("the fire in the hearth is going out") is None
    assert addressed_part("what's next, hearth") is None
    assert addressed_part("before I forget, hearth, add it") == "add it"
    wrong = {t: got for t in NOT_ADDRESSED if (got := parser.parse(t).name) != "none"}
    assert not wrong


FAMILIES: dict[str, list[tuple[str, str]]] = {
    # formal and second-language English: "kindly", "be so kind as to", "I wish to"
    "formal politeness": [
        ("kindly clear the history", "forget"),
        ("would you be so kind to erase all our data", "forget"),
        ("I wish to hear our appreciations", "read_appreciations"),
        ("kindly be quiet now", "stop"),
    ],
    # outside help: the wish, then the next step asked; "thinking to see"; "is it advisable";
    # the partner's wish ("my wife wants that we go"); "how to get"; "info on"
    "support asked formally": [
        ("we might need a couples counsellor, what do you recommend", "support"),
        ("I am thinking to consult a marriage counsellor", "support"),
        ("would it be wise to see a therapist", "support"),
        ("my husband thinks that we should see a counsellor, where do we begin", "support"),
        ("how to contact a therapist", "support"),
        ("details on family counselling please", "support"),
        ("how to see a marriage counsellor", "support"),
        ("we need outside help, please guide us", "support"),
    ],
    # what Hearth can do: the things listed, its purpose
    "help asked formally": [
        ("please name all the things you can do for me", "help"),
        ("what's your job exactly", "help"),
        ("explain your purpose", "help"),
    ],
    "stop asked formally": [
        ("enough talking", "stop"),
    ],
    # formal answers, a no with its reason, typed answers
    "answers": [
        ("by all means, go ahead", "yes"),
        ("most certainly", "yes"),
        ("yes indeed", "yes"),
        ("mm-hm, sure", "yes"),
        ("no, the baby is still awake", "no"),
        ("no thanks, we're in the middle of something", "no"),
        ("noo", "no"),
        ("yess", "yes"),
    ],
}


KEEP_OUT = [
    "what is our purpose",
    "include meeting in the list",
    "can i know what i on the list",
    "that walk yesterday was nice",
    "the phone free evening was a bit boring",
    "we have good news for your sister",
    "something good happened at work",
    "is there any progress on the kitchen",
    "the grandparents have the kids this weekend",
    "victory for the home team",
    "not at all",
    "is it time for dinner",
    "how to get a job",
    "I'm on the phone with the school",
    "my mum wants that we visit on sunday",
    "I wish to go home",
]


@pytest.mark.parametrize(
    ("text", "intent"),
    [case for cases in FAMILIES.values() for case in cases],
)
def test_round_seven_wording_families(parser: IntentParser, text: str, intent: str) -> None:
    assert parser.parse(text).name == intent


def test_round_seven_near_misses_stay_talk(parser: IntentParser) -> None:
    wrong = {t: got for t in KEEP_OUT if (got := parser.parse(t).name) != "none"}
    assert not wrong
