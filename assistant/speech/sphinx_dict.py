"""The command decoder's pronunciation dictionary: the bundled one cut down to the words
the command grammar can use.

PocketSphinx builds its n-gram search over every word of its dictionary. The bundled
dictionary has 134,000 entries, and building the command model's search over them took
most of `hearth run`'s start (about 2 s, and 90 MB). The search only ever walks words
its language model has, so a dictionary holding the command vocabulary, the wake
phrase and the filler words (every pronunciation of each, alternatives included)
decodes the same and builds in a few hundredths of a second.

Command words the bundled dictionary lacks are the dictionary's word in another spelling
("dont" is "don't": the grammar is respelled) or get pronunciations built from words it
has ("mindfulness", "unpause"; see `pronounce.py`). A hand-written pronunciation
(`intents/pronunciations.txt`, see `lexicon.py`) comes before both, and adds to the
pronunciations of a word the dictionary has.

The wake phrase's words also get their non-rhotic form (`pronounce.non_rhotic`): the
bundled dictionary is American, and "hearth" said without its R, as in most of England,
was read as "the coffee", so Hearth never woke for those speakers. Only the wake phrase:
every command word with such a form lost more on American voices than it gained on
English ones (`asr_rooms.py`, tune voices, docs/hearing.md).

The cut-down entries are cached (see `assistant.cache`), keyed by the content of the
full dictionary and the words asked for: a changed vocabulary or dictionary builds
them again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.speech.lexicon import Lexicon, lexicon_path, read_lexicon
from assistant.speech.pronounce import non_rhotic, pronounce, respelling


@dataclass(frozen=True)
class TrimmedDictionary:
    """Dictionary entries for a set of words.

    Attributes:
        text: the full dictionary's lines for those words, in its order, each ending
            in a newline ("word PHONES" and "word(2) PHONES" for an alternative).
        words: the words asked for that the full dictionary has (headwords without
            the "(2)" mark) or that were built; a word outside it cannot be decoded.
        respelled: words asked for that the dictionary has in another spelling, and
            that spelling (whose entries are in `text` and `words`).
    """

    text: str
    words: frozenset[str]
    respelled: tuple[tuple[str, str], ...] = ()

    def write(self, folder: str | Path, name: str = "command.dict") -> str:
        """Write the entries to a file `name` in `folder` (PocketSphinx reads only
        files); its path."""
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as out:
            out.write(self.text)
        return path


def trim_dictionary(
    full_dictionary: str | Path,
    words: Iterable[str],
    non_rhotic_too: Iterable[str] = (),
    lexicon_file: str | Path | None = None,
) -> TrimmedDictionary:
    """The entries of `full_dictionary` (a PocketSphinx dictionary file) for `words`,
    read from the cache when the same dictionary and words were trimmed before. Words
    of `non_rhotic_too` (the wake phrase's) get their non-rhotic forms as alternatives.
    `lexicon_file`: hand-written pronunciations (see `lexicon.py`); None: the product's
    `intents/pronunciations.txt`."""
    from assistant.cache import cached, content_key

    wanted, accented = frozenset(words), frozenset(non_rhotic_too)
    lexicon_file = Path(lexicon_file) if lexicon_file is not None else lexicon_path()
    lexicon = read_lexicon(lexicon_file)  # read first: a broken line is named at start
    here = Path(__file__)
    code = [here, here.with_name("pronounce.py"), here.with_name("lexicon.py")]
    key = content_key(
        [Path(full_dictionary), lexicon_file, *code], [*sorted(wanted), "|", *sorted(accented)]
    )
    return cached(
        "sphinx-command-dict", key, lambda: _trim(full_dictionary, wanted, accented, lexicon)
    )


def read_dictionary(path: str | Path) -> dict[str, list[tuple[str, ...]]]:
    """Every headword of a PocketSphinx dictionary file and its pronunciations (phone
    tuples, alternatives in file order)."""
    entries: dict[str, list[tuple[str, ...]]] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            _headword(line, entries)
    return entries


def _headword(line: str, entries: dict[str, list[tuple[str, ...]]]) -> str | None:
    """The headword of a dictionary `line` ("hearth(2)" is an alternative of "hearth"),
    its pronunciation added to `entries`; None for a blank line."""
    fields = line.split()
    if not fields:
        return None
    word = fields[0].split("(", 1)[0]
    entries.setdefault(word, []).append(tuple(fields[1:]))
    return word


def _trim(
    full_dictionary: str | Path,
    wanted: frozenset[str],
    accented: frozenset[str],
    lexicon: Lexicon,
) -> TrimmedDictionary:
    keep: list[str] = []
    found: set[str] = set()
    entries: dict[str, list[tuple[str, ...]]] = {}  # every headword: for building the rest
    with open(full_dictionary, encoding="utf-8") as lines:
        for line in lines:  # one pass: the wanted lines are kept as the file has them
            word = _headword(line, entries)
            if word in wanted:
                found.add(word)
                keep.append(line if line.endswith("\n") else line + "\n")
    # Words the dictionary has: the hand-written pronunciations are alternatives.
    keep += _alternative_lines(keep, {w: lexicon[w] for w in found & lexicon.keys()})
    # Words it lacks: hand-written, its own word in another spelling, or pronounced
    # from words it has (see pronounce.py).
    lookup = lambda w: entries.get(w, [])  # noqa: E731
    respelled = []
    for word in sorted(wanted - found):
        spelling = None if word in lexicon else respelling(word, lookup)
        if spelling is None:
            headword, prons = word, lexicon.get(word) or pronounce(word, lookup)
        else:
            respelled.append((word, spelling))
            headword, prons = spelling, ([] if spelling in found else entries[spelling])
        for i, phones in enumerate(prons):
            keep.append(f"{headword}{f'({i + 1})' if i else ''} {' '.join(phones)}\n")
            found.add(headword)
    keep += _non_rhotic_lines(keep, accented)
    return TrimmedDictionary("".join(keep), frozenset(found), tuple(respelled))


def _non_rhotic_lines(lines: list[str], words: frozenset[str]) -> list[str]:
    """Alternative entries for the non-rhotic forms of `words` ("hearth(2) HH AA TH"),
    numbered after the alternatives `lines` already give them."""
    kept: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        _headword(line, kept)
    more = {w: [non_rhotic(p) for p in kept[w]] for w in words & kept.keys()}
    return _alternative_lines(lines, {w: [p for p in ps if p] for w, ps in more.items()})


def _alternative_lines(lines: list[str], more: Lexicon) -> list[str]:
    """Entries for the pronunciations in `more` that `lines` do not give their word yet,
    numbered after the alternatives `lines` already give it ("hearth(2) HH AA TH")."""
    kept: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        _headword(line, kept)
    extra = []
    for word in sorted(more):
        prons = kept.setdefault(word, [])
        for phones in more[word]:
            if phones not in prons:
                prons.append(phones)
                extra.append(f"{word}({len(prons)}) {' '.join(phones)}\n")
    return extra
