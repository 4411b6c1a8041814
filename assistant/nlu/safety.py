"""Find words about self-harm, suicide or violence anywhere in an utterance.

The `safety` intent (intents/templates/safety.yaml) must win over everything: a
sentence like "I don't want to be alive" said in the middle of a longer one, or
dictated as an appreciation, still gets the safety line. So besides the ordinary
whole-utterance match, every canonical sentence of that intent is looked for as a
run of consecutive tokens inside the normalised utterance.

Two guards keep everyday talk out, both checked here rather than left to fuzzy
scores: a negation just before the run ("I would never hurt myself") and an
idiom going on right after it ("he hit me up", "she beat me at chess").
Single-word sentences are only matched whole ("suicide" in a film title is not
a cry for help).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

SAFETY = "safety"
"""The public intent name."""
SAFETY_NEAR = 0.9
"""Lowest whole-utterance match score accepted for safety when no sentence was found
whole ("I'm going to hurt my self" scores 0.97; "I'm ready to go home", one word from
"I'm scared to go home", 0.84)."""

NEGATION_WINDOW = 3
"""How many tokens before a found run may hold a negation that cancels it."""
_NEGATIONS = frozenset(
    ("not", "dont", "never", "didnt", "doesnt", "wont", "isnt", "wasnt", "wouldnt", "couldnt",
     "shouldnt", "cant")
)  # fmt: skip
FOUND, IDIOM = "found", "idiom"
"""What `SafetySpotter.spot` finds."""
IDIOM_TAILS = frozenset(["up", "at", "to", "laughing", "of"])
"""Words that may turn a found run into an idiom when they follow it: "he hit me up",
"she beat me at cards", "he beat me to it", "I want to die laughing"."""
IDIOM_VERBS = {
    "hit": frozenset(["up"]), "hits": frozenset(["up"]), "shook": frozenset(["up"]),
    "beat": frozenset(["at", "to"]), "beats": frozenset(["at", "to"]),
    "pushed": frozenset(["to", "into"]), "pushes": frozenset(["to", "into"]),
    "die": frozenset(["laughing", "of", "to"]), "dying": frozenset(["laughing", "of", "to"]),
    "kill": frozenset(["laughing", "to"]), "killing": frozenset(["laughing", "to"]),
}  # fmt: skip
"""Which of IDIOM_TAILS make an idiom of which verb: only these ("he hit me at the party",
"I'm worried about my safety at home", "he beat me up" stay cries for help)."""
TAILS_AFTER = {
    "live": frozenset(["in", "with", "there", "here", "near"]),
    "die": frozenset(["my", "your", "her", "his"]),
    "dying": frozenset(["my", "your", "her", "his"]),
    "safe": frozenset(["driving", "leaving", "walking", "going", "using", "on", "with", "about"]),
    "danger": frozenset(["of"]),
    "that": frozenset(["with", "between"]),  # "it" reads as "that"
}
"""Idiom words after a run ending in a given word: "I don't want to live in this city",
"I want to die my hair" (typed for "dye"), "I think about ending it with him", "I don't feel
safe driving in the snow", "I'm in danger of missing the bus"."""


@dataclass
class SafetySpotter:
    """The token runs of the safety sentences, indexed by their first token.

    Attributes:
        runs: first token -> runs (tuples of canonical tokens) starting with it.
        lengths: first token -> (length, the runs of that length), longest first: at one
            place at most one run of each length can be there, found by one set lookup.
    """

    runs: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    lengths: dict[str, list[tuple[int, frozenset[tuple[str, ...]]]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self.lengths = {}
        for first, runs in self.runs.items():
            by_length: dict[int, set[tuple[str, ...]]] = {}
            for run in runs:
                by_length.setdefault(len(run), set()).add(run)
            self.lengths[first] = [
                (n, frozenset(by_length[n])) for n in sorted(by_length, reverse=True)
            ]

    @classmethod
    def from_sentences(cls, token_lists: Iterable[Iterable[str]]) -> SafetySpotter:
        """Build from canonical sentences (placeholders and single words are skipped)."""
        runs: dict[str, set[tuple[str, ...]]] = {}
        for tokens in token_lists:
            run = tuple(tokens)
            if len(run) < 2 or any(t.startswith("#") or t == "*" for t in run):
                continue
            runs.setdefault(run[0], set()).add(run)
        return cls({k: sorted(v, key=len, reverse=True) for k, v in runs.items()})

    def spot(self, tokens: list[str]) -> str | None:
        """FOUND when a safety sentence occurs in `tokens`; IDIOM when one occurs only
        negated or as an idiom ("he beat me to it": no request at all); else None."""
        verdict = None
        for i, token in enumerate(tokens):
            for length, runs in self.lengths.get(token, ()):
                end = i + length
                run = tuple(tokens[i:end])
                if run not in runs:
                    continue
                before = tokens[max(0, i - NEGATION_WINDOW) : i]
                negated = _negates(before, run)
                tail = tokens[end] if end < len(tokens) else ""
                if negated or is_idiom(run, tail):
                    verdict = IDIOM
                    continue
                return FOUND
        return verdict


REPORTING_VERBS = frozenset(["think", "say", "saying", "said", "mean", "believe", "that"])
"""The only words a negation may stand before when it cancels a run that opens a new
clause with "i": "I don't think I want to die" is negated, "I can't go on, I just want to
disappear for good" is not."""


def _negates(before: list[str], run: tuple[str, ...]) -> bool:
    """A negation in `before` cancels `run` (never one inside the run itself)."""
    if not _NEGATIONS.intersection(before) or _NEGATIONS.intersection(run):
        return False
    if run[0] != "i":
        return True
    last = max(k for k, word in enumerate(before) if word in _NEGATIONS)
    return all(word in REPORTING_VERBS for word in before[last + 1 :])


def is_idiom(run: tuple[str, ...], tail: str) -> bool:
    """`run` followed by `tail` is an idiom ("he hit me up", "I want to live in Leeds")."""
    if tail in TAILS_AFTER.get(run[-1], ()):
        return True
    return tail in IDIOM_TAILS and any(tail in IDIOM_VERBS.get(word, ()) for word in run)
