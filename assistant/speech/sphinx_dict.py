"""The command decoder's pronunciation dictionary: the bundled one cut down to the words
the command grammar can use.

PocketSphinx builds its n-gram search over every word of its dictionary. The bundled
dictionary has 134,000 entries, and building the command model's search over them took
most of `hearth run`'s start (about 2 s, and 90 MB). The search only ever walks words
its language model has, so a dictionary holding the command vocabulary, the wake
phrase and the filler words (every pronunciation of each, alternatives included)
decodes the same and builds in a few hundredths of a second.

A command word the dictionary lacks ("mindfulness", "appreciations", "cuppa") gets a
pronunciation composed from entries it has (`compose`): an apostrophe put back
("dont" as "don't"), a plural or "'s", "'d", "-ing" or "-ed" ending on a known stem,
or two known words ("mindful" + "ness"); a few more are listed
(`SPOKEN_ONLY_HERE`). Typed-only abbreviations ("thx", "hrs") stay unheard. Without
one the word, and every command sentence with it, could not be heard at all.

The cut-down entries are cached (see `assistant.cache`), keyed by the content of the
full dictionary and the words asked for: a changed vocabulary or dictionary builds
them again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TrimmedDictionary:
    """Dictionary entries for a set of words.

    Attributes:
        text: the full dictionary's lines for those words, in its order, each ending
            in a newline ("word PHONES" and "word(2) PHONES" for an alternative).
        words: the words asked for that have a pronunciation, the full dictionary's
            or a composed one (headwords without the "(2)" mark); any other word
            cannot be decoded.
        composed: those of `words` whose pronunciation was composed (see `compose`).
    """

    text: str
    words: frozenset[str]
    composed: frozenset[str] = frozenset()

    def write(self, folder: str | Path, name: str = "command.dict") -> str:
        """Write the entries to a file `name` in `folder` (PocketSphinx reads only
        files); its path."""
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as out:
            out.write(self.text)
        return path


def trim_dictionary(full_dictionary: str | Path, words: Iterable[str]) -> TrimmedDictionary:
    """The entries of `full_dictionary` (a PocketSphinx dictionary file) for `words`,
    read from the cache when the same dictionary and words were trimmed before."""
    from assistant.cache import cached, content_key

    wanted = frozenset(words)
    key = content_key([Path(full_dictionary), Path(__file__)], sorted(wanted))
    return cached("sphinx-command-dict", key, lambda: _trim(full_dictionary, wanted))


def _trim(full_dictionary: str | Path, wanted: frozenset[str]) -> TrimmedDictionary:
    keep: list[str] = []
    found: set[str] = set()
    first: dict[str, str] = {}  # every headword's first pronunciation, for `compose`
    with open(full_dictionary, encoding="utf-8") as entries:
        for line in entries:
            fields = line.split(maxsplit=1)
            if len(fields) < 2:
                continue
            word = fields[0].split("(", 1)[0]  # "hearth(2)": an alternative of "hearth"
            first.setdefault(word, fields[1].strip())
            if word in wanted:
                found.add(word)
                keep.append(line if line.endswith("\n") else line + "\n")
    composed = {}
    for word in sorted(wanted - found):
        phones = SPOKEN_ONLY_HERE.get(word) or compose(word, first)
        if phones is not None:
            composed[word] = phones
    keep += [f"{word} {phones}\n" for word, phones in composed.items()]
    return TrimmedDictionary("".join(keep), frozenset(found | set(composed)), frozenset(composed))


SPOKEN_ONLY_HERE = {
    "brekkie": "B R EH K IY",
    "knackered": "N AE K ER D",
    "smoko": "S M OW K OW",
    "erm": "ER M",
    "uhm": "AH M",
}
"""Command words (British and Australian everyday words, hesitations) that the bundled
US dictionary lacks and no rule of `compose` can build from its parts."""

VOICELESS = frozenset(("P", "T", "K", "F", "TH"))
SIBILANTS = frozenset(("S", "Z", "SH", "ZH", "CH", "JH"))


def compose(word: str, known: dict[str, str]) -> str | None:
    """A pronunciation for `word` made of `known` ones (word -> phones), or None.

    Tried in order: an apostrophe put back ("dont" -> "don't", "thats" -> "that's");
    an ending on a known stem: "s" / "'s" ("appreciations", "timer's"), "'d", "ing"
    (also after a doubled consonant: "yapping"), "ed"; two known words of at least
    two letters each, the longest first part first ("mindful" + "ness", "check" +
    "in", "four" + "ty")."""
    for i in range(1, len(word)):
        restored = f"{word[:i]}'{word[i:]}"
        if "'" not in word and restored in known:
            return known[restored]
    for ending in ("'s", "s"):
        stem = word.removesuffix(ending)
        # not "hrs" or "qs": a typed abbreviation, nobody says it
        if stem != word and len(stem) > 2 and stem in known:
            last = known[stem].split()[-1]
            tail = "IH Z" if last in SIBILANTS else "S" if last in VOICELESS else "Z"
            return f"{known[stem]} {tail}"
    if word.endswith("'d") and word[:-2] in known:
        return f"{known[word[:-2]]} D"
    if word.endswith("ing"):
        stem = word[:-3]
        for candidate in (stem, stem[:-1] if stem[-2:-1] == stem[-1:] else None):
            if candidate and candidate in known:
                return f"{known[candidate]} IH NG"
    if word.endswith("ed") and word[:-2] in known:
        last = known[word[:-2]].split()[-1]
        tail = "IH D" if last in ("T", "D") else "T" if last in VOICELESS else "D"
        return f"{known[word[:-2]]} {tail}"
    for i in range(len(word) - 2, 1, -1):
        left, right = word[:i], word[i:]
        if left in known and right in known:
            return f"{known[left]} {known[right]}"
    return None
