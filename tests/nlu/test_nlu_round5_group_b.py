"""Round 5 wording families for the journal, system and safety intents (tuned on sets
9a-9c: casual spoken, indirect/polite/typed, many speakers). Every sentence here is new,
written for its family, not taken from a tuning set; each failed before its family was
added (docs/nlu.md, round 5)."""

from __future__ import annotations

import pytest

from assistant.nlu import IntentParser


def _names(parser: IntentParser, texts: list[str]) -> dict[str, str]:
    return {t: parser.parse(t).name for t in texts}


# Safety: self-harm said as done or in its bare words, typed slang, a partner's threat to
# themselves; violence said as pushed/grabbed/beaten up, "violent", "got physical", fear
# for one's safety, anger about to turn into a blow; "I don't feel safe" before the rest.
SAFETY = [
    "I burned myself on purpose last night",
    "I've been self-harming again",
    "sometimes i think killing myself would be easier",
    "honestly I'm done with living",
    "I'd rather be dead than keep doing this",
    "i want to kms",
    "thinking about committing suicide",
    "he threatened to kill himself if I leave",
    "he grabbed me by the arm and wouldn't let go",
    "she shoved me hard",
    "my boyfriend beat me up last week",
    "he's been knocking me around",
    "my husband gets violent when he drinks",
    "it got physical between us last night",
    "he put his hands on me",
    "there's been abuse in our home for years",
    "I fear for my life",
    "I'm scared for my safety",
    "I don't feel safe, she keeps screaming at me",
    "I'm so angry I could slap her",
    "I'm going to punch him",
]

# ...and what stays everyday talk.
NOT_SAFETY = [
    "I don't feel safe driving in the snow",
    "I've been killing myself to get this report done",
    "she pushed me to apply for the job",
    "he beat me at cards again",
    "I cut myself shaving",
    "I'm killing myself laughing",
    "I'm not going to kill myself over this",
]


def test_safety_wordings_of_round_five(parser: IntentParser) -> None:
    got = _names(parser, SAFETY)
    assert {t: n for t, n in got.items() if n != "safety"} == {}
    kept = _names(parser, NOT_SAFETY)
    assert {t: n for t, n in kept.items() if n == "safety"} == {}


@pytest.mark.parametrize("text", ["kms", "unalive myself", "i want to unalive myself"])
def test_typed_slang_for_self_harm(parser: IntentParser, text: str) -> None:
    if len(text.split()) < 2:
        # a bare word alone is only matched whole: still typed slang for the words
        assert parser.parse(f"i might {text}").name == "safety"
    else:
        assert parser.parse(text).name == "safety"
