"""Round 7 wording families for the journal, system and safety intents (tuned on sets
13a-13c: older and second-language English, typed on a phone, busy households). Every
sentence here is new, written for its family, not taken from a tuning set; each failed
before its family was added (docs/nlu.md, round 7, tuner B)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.nlu import IntentParser

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
        ("I am thinking to consult a marriage counsellor", "support"),
        ("would it be wise to see a therapist", "support"),
        ("my husband thinks that we should see a counsellor, where do we begin", "support"),
        ("how to contact a therapist", "support"),
        ("details on family counselling please", "support"),
        ("how to see a marriage counsellor", "support"),
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
# The journal's requests in the sets' styles: (text said or not, for the free-text ones)
JOURNAL: dict[str, list[tuple[str, str, dict]]] = {
    # an appreciation kept or stored, "we wish to record", my gratitude recorded, the thanks
    # said first then "please save that" (no text: the partner's name is not the text)
    "appreciations kept": [
        ("we wish to record an appreciation, he fixed the tap", "appreciation", {"text": True}),
        ("store an appreciation for my husband, he cleaned the whole flat", "appreciation",
         {"text": True}),
        ("I want to thank my partner, please save that", "appreciation", {"text": False}),
    ],
    # the appreciations listened to, recited, asked then "read them out", played back, with
    # why we need them now
    "appreciations heard": [
        ("can we listen to the appreciations from today", "read_appreciations", {}),
        ("what nice things did we say about each other this week, read them out",
         "read_appreciations", {}),
        ("are there any appreciations, play them back", "read_appreciations", {}),
        ("play back the kind words we saved about each other", "read_appreciations", {}),
        ("please recite our appreciations", "read_appreciations", {}),
    ],
    # an idea announced then "write it down", written in or included in the list, a thing
    # to try said first
    "ideas added": [
        ("we have a suggestion to try, can you write it down", "add_idea", {"text": False}),
        ("note in the idea list: a cooking class in town", "add_idea", {"text": True}),
        ("include a pottery evening in our ideas list", "add_idea", {"text": True}),
        ("something new to try: a sunrise swim", "add_idea", {"text": True}),
    ],
    # an idea pulled off the list, or asked for with the free evening as the reason
    "ideas asked": [
        ("pull something out of our list for tonight", "next_idea", {}),
        ("grandma has the kids, suggest an idea from our list", "next_idea", {}),
    ],
    # the idea named in everyday words (the phone-free evening, the date night we tried, the
    # walk yesterday), the verdict before or after it, "not helpful" bare, "did us good"
    "verdicts": [
        ("the phone free evening helped us very much", "feedback", {"helped": True}),
        ("note that the breathing thing helped us last time", "feedback", {"helped": True}),
        ("that helped, the walk yesterday", "feedback", {"helped": True}),
        ("the walk helped, we're laughing again", "feedback", {"helped": True}),
        ("the breathing exercise did us a world of good", "feedback", {"helped": True}),
        ("the tech free dinner wasn't helpful, sorry", "feedback", {"helped": False}),
        ("the date night we tried didn't make any difference", "feedback", {"helped": False}),
        ("that didn't work, the coffee together", "feedback", {"helped": False}),
        ("the game night we tried, not helpful", "feedback", {"helped": False}),
    ],
    # good news and a success, a victory or the win of the day said first, the deed after
    # "tonight", then celebrated; "a single argument"; a nice moment today
    "wins": [
        ("something nice happened today, we cooked together without bickering", "win", {}),
        ("log a success, we stayed calm all week", "win", {}),
        ("we wanted to share a small victory with you", "win", {}),
        ("victory, we both said sorry first", "win", {}),
        ("win of the week, we sorted the bills together", "win", {}),
        ("tonight we talked it through calmly, can we celebrate that", "win", {}),
        ("nice moment today, we danced in the kitchen", "win", {}),
    ],
    # this week against the one before, an overview of our progress, "tell us" after the
    # question, progress since last week
    "summaries": [
        ("how did this week go compared to the week before", "summary", {}),
        ("can I have an overview of our progress", "summary", {}),
        ("how have we been getting on, tell us", "summary", {}),
        ("some progress since last week?", "summary", {}),
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [case for cases in JOURNAL.values() for case in cases],
)
def test_round_seven_journal_families(
    parser: IntentParser, text: str, intent: str, slots: dict
) -> None:
    got = parser.parse(text)
    assert got.name == intent, got
    for name, value in slots.items():
        said = bool(got.slots.get(name)) if name == "text" else got.slots.get(name)
        assert said == value, got


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
    # feedback needs its verdict: speech cut short or a remark is not feedback (found by
    # the awake-window speech test after round 7: "the movie last night was boring" was
    # heard as "the movie last night was we'll" and taken as feedback)
    "the walk was",
    "the movie last night was",
    "the dinner last night was",
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
