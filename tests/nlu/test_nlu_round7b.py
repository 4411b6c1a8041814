"""Round 7 wording families for the journal, system and safety intents (tuned on sets
13a-13c: older and second-language English, typed on a phone, busy households). Every
sentence here is new, written for its family, not taken from a tuning set; each failed
before its family was added (docs/nlu.md, round 7, tuner B)."""

from __future__ import annotations

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
