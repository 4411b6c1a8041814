"""Pronunciations for command words the recognizer's dictionary lacks, built from
words it has.

The command grammar comes from the intent templates, and some of their words are not
in PocketSphinx's bundled dictionary: "mindfulness", "appreciations", "decompress",
"counselling", "unpause", "checkin". A word the decoder cannot pronounce cannot be
heard, and every command sentence holding it was dropped from the grammar, so "let's do
a mindfulness practice" could only be read as another command ("let's do tonight's
question", acted on as a check-in). A word that is a known word in another spelling
("dont", "counselling") is that word (`respelling`: the grammar's sentences are
respelled, so the language model does not split one word's counts between two
spellings); a known word with a regular ending, or two known words run together, gets a
pronunciation put together from those (`pronounce`). A word that fits none
(abbreviations like "thx", which nobody says as written) stays missing.

`non_rhotic` gives a word as speakers who drop the R after a vowel say it (the wake
phrase's words get it: see `sphinx_dict`).

`benchmarks/pronounce.py` measures the rules on dictionary words held out of the
dictionary (how often the built pronunciation is one the dictionary gives).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

Lookup = Callable[[str], "list[tuple[str, ...]]"]
"""A word's pronunciations in the dictionary (phone tuples), empty when it has none."""

VOICELESS = frozenset({"P", "T", "K", "F", "TH"})
SIBILANTS = frozenset({"S", "Z", "SH", "ZH", "CH", "JH"})
VOWELS = frozenset(
    {"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"}
)

# Endings spelled and said the same way in every word they end (unstressed forms).
SUFFIXES: dict[str, tuple[str, ...]] = {
    "ness": ("N", "AH", "S"),
    "less": ("L", "AH", "S"),
    "ful": ("F", "AH", "L"),
    "ment": ("M", "AH", "N", "T"),
    "ing": ("IH", "NG"),
    "er": ("ER",),
    "ly": ("L", "IY"),
}
# Contractions written without the apostrophe ("dont", "youre", "ive").
APOSTROPHE_ENDINGS = ("t", "s", "re", "ve", "d", "ll", "m")
# Contracted endings on any word ("everyone'd", "kids're").
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "'d": ("D",),
    "'re": ("ER",),
    "'ll": ("L",),
    "'ve": ("V",),
}
# Short first and last parts of compounds, said the same in every one ("unpause",
# "decompress", "checkin", "catchup").
PREFIXES: dict[str, tuple[str, ...]] = {
    "un": ("AH", "N"),
    "re": ("R", "IY"),
    "de": ("D", "IY"),
    "pre": ("P", "R", "IY"),
}
PARTICLES = frozenset({"in", "up", "on"})
# British spellings and their US forms (the dictionary is US English).
SPELLINGS = (("lling", "ling"), ("lled", "led"), ("our", "or"), ("ise", "ize"), ("yse", "yze"))
MIN_STEM = 3
"""Letters in a stem before an ending: shorter ones ("m", "pa") are too often letter
names or other words than the sound the longer word has."""
MIN_PART = 4
"""Letters in each word of a compound. Split into shorter parts, most dictionary words
that are no compound (names, mostly) would be built too, and built wrong (exactly
right 39% of the time with 3 letters, 52% with 4; `benchmarks/pronounce.py`, tune
half)."""


def respelling(word: str, lookup: Lookup) -> str | None:
    """The dictionary's spelling of `word` when it is a known word written otherwise: a
    contraction without its apostrophe ("dont"), a possessive of a known plural
    ("break's"), a British spelling ("counselling"). None: no such spelling."""
    if "'" in word:
        candidates = [word.replace("'", "")]
    else:
        candidates = [
            f"{word[: -len(ending)]}'{ending}"
            for ending in APOSTROPHE_ENDINGS
            if word.endswith(ending) and len(word) > len(ending)
        ]
    candidates += [
        word[: -len(british)] + american
        for british, american in SPELLINGS
        if word.endswith(british)
    ]
    return next((c for c in candidates if lookup(c)), None)


def pronounce(word: str, lookup: Lookup) -> list[tuple[str, ...]]:
    """Pronunciations for `word` built from dictionary words (empty: none found). A
    word in another spelling (`respelling`) is not built: it is that word."""
    for build in (_with_ending, _compound):
        built = build(word, lookup)
        if built:
            return _unique(built)
    return []


def _unique(prons: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return list(dict.fromkeys(prons))


def _with_ending(word: str, lookup: Lookup) -> list[tuple[str, ...]]:
    """A known word and a regular ending: plural or possessive "s", "ed", or one of
    `SUFFIXES`."""
    found: list[tuple[str, ...]] = []
    for stem, ending in _endings(word):
        for base in lookup(stem) if len(stem) >= MIN_STEM else []:
            found.append(base + _said_ending(base, ending))
        if found:
            return found
    return found


def _endings(word: str) -> Iterator[tuple[str, str]]:
    for contraction in CONTRACTIONS:
        if word.endswith(contraction):
            yield word[: -len(contraction)], contraction
    for suffix in SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            yield stem, suffix
            if suffix in ("ing", "er") and len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1], suffix  # "yapping": "yap" + "ing"
    for ending in ("'s", "es", "s"):
        if word.endswith(ending):
            yield word[: -len(ending)], "s"
    if word.endswith("ed"):
        yield word[:-2], "ed"
        yield word[:-1], "ed"  # "decided": "decide" + "d"
        if len(word) > 4 and word[-3] == word[-4]:
            yield word[:-3], "ed"  # "stopped": "stop" + "ed"


def _said_ending(base: tuple[str, ...], ending: str) -> tuple[str, ...]:
    """How `ending` sounds after `base`: "s" is S after a voiceless sound, IH Z after a
    hiss, else Z; "ed" is IH D after T or D, T after a voiceless sound, else D."""
    last = base[-1]
    if ending == "s":
        return ("IH", "Z") if last in SIBILANTS else ("S",) if last in VOICELESS else ("Z",)
    if ending == "ed":
        if last in ("T", "D"):
            return ("IH", "D")
        return ("T",) if last in VOICELESS | {"S", "SH", "CH"} else ("D",)
    return CONTRACTIONS.get(ending) or SUFFIXES[ending]


def _compound(word: str, lookup: Lookup) -> list[tuple[str, ...]]:
    """Two known words run together ("cooldown", "facetime"), split where both parts
    are longest, or a known prefix or particle and a word ("unpause", "checkin"); the
    last part may itself have a regular ending. A prefix goes first: "decompress" is
    "de" + "compress", not "decom" + "press"."""
    by_prefix = [len(p) for p in PREFIXES if word.startswith(p)]
    splits = by_prefix + sorted(range(1, len(word)), key=lambda i: -min(i, len(word) - i))
    for i in splits:
        head, tail = word[:i], word[i:]
        if head in PREFIXES and len(tail) >= MIN_STEM:
            heads = [PREFIXES[head]]
        elif min(len(head), len(tail)) >= MIN_PART or (
            tail.removesuffix("s") in PARTICLES and len(head) >= MIN_STEM
        ):
            heads = lookup(head)
        else:
            continue
        tails = (lookup(tail) or _with_ending(tail, lookup)) if heads else []
        if tails:
            return [heads[0] + tails[0]]
    return []


def non_rhotic(phones: tuple[str, ...]) -> tuple[str, ...] | None:
    """`phones` as most speakers in England, Wales, Australia and New Zealand say them:
    no R after a vowel unless a vowel follows ("hearth" HH AA TH, "four" F AO), and
    the R-coloured vowel as a plain one ("timer" T AY M AH). None: the same."""
    said: list[str] = []
    for i, phone in enumerate(phones):
        after = phones[i + 1] if i + 1 < len(phones) else None
        if phone == "R" and said and said[-1] in VOWELS and after not in VOWELS:
            continue
        said.append("AH" if phone == "ER" else phone)
    spoken = tuple(said)
    return spoken if spoken != phones else None
