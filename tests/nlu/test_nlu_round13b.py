"""Round 13 wording families for the journal, system and safety intents, and speech habits
(tuned on sets 28a-28c: slot values said many ways, requests inside the couple's
conversation, world Englishes and literal constructions). Every sentence here is new,
written for its family, not taken from a tuning set; each near miss is talk here
(docs/nlu.md, round 13, tuner B)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser

# Answers with a word of the speaker's first language beside (or for) the English one, a
# politeness particle, the couple answering together, a resigned "no then".
ANSWERS = [
    ("opo", "yes", {}),
    ("oo yes please", "yes", {}),
    ("si yes go ahead", "yes", {}),
    ("hapana", "no", {}),
    ("no po, not now", "no", {}),
    ("naw, we're fine", "no", {}),
    ("let's both say yes", "yes", {}),
    ("okay, no then", "no", {}),
]  # fmt: skip

# Requests with their reason, a tag to the partner, the content or turn put off, "no" for
# "did not", "resume" for a summary, and wordings the fallback used to cover.
REQUESTS = [
    ("stop, I don't need anything", "stop", {}),
    ("add an idea, I'll fill it in later", "add_idea", {"text": None}),
    ("let's add an appreciation, I'll go first: she fixed my bike", "appreciation",
     {"text": "she fixed my bike"}),
    ("time for appreciations", "appreciation", {"text": None}),
    ("another idea: a picnic at the beach", "add_idea", {"text": "a picnic at the beach"}),
    ("the walk no help us at all", "feedback", {"helped": False}),
    ("give us a resume of the week", "summary", {}),
    ("is there a pattern in what works for us", "summary", {}),
    ("have the check-ins been helping lately", "summary", {}),
    ("show us your skills", "help", {}),
    ("which questions can we ask you", "help", {}),
    ("some marriage counselling options near here", "support", {}),
    ("is there a therapist we might talk to together", "support", {}),
    ("she said she'd beat me", "safety", {}),
    ("reset and erase all you know", "forget", {}),
    ("delete all the information", "forget", {}),
    ("big win today, write it down", "win", {"text": None}),
    ("log a win, hearth, we laughed all evening, hearth", "win",
     {"text": "we laughed all evening"}),
]  # fmt: skip

# Hearth talked about, not to; "never mind" said to the partner beside a remark; a shared
# "together list"; how the partner's week went; talk about money this month.
NEAR_MISSES = [
    "the hearth timer went off in the middle of dinner",
    "I think hearth actually helped us last night",
    "the walk hearth suggested was really nice",
    "never mind, babe, the keys were in my coat",
    "how are we doing on the mortgage this month",
    "add milk to the together list",
    "let's say yes to the wedding invitation and see",
    "no, we don't need that, we're okay",
]


@pytest.mark.parametrize(("text", "intent", "slots"), ANSWERS + REQUESTS, ids=lambda v: str(v)[:40])
def test_round_thirteen_b_families(reads_as, text: str, intent: str, slots: dict) -> None:
    reads_as(text, intent, slots)


def test_round_thirteen_b_near_misses_stay_talk(parser: IntentParser) -> None:
    taken = {t: got for t in NEAR_MISSES if (got := parser.parse(t).name) != "none"}
    assert not taken
