"""The command decoder's pronunciation dictionary: the bundled one cut down to the words
the command grammar can use.

PocketSphinx builds its n-gram search over every word of its dictionary. The bundled
dictionary has 134,000 entries, and building the command model's search over them took
most of `hearth run`'s start (about 2 s, and 90 MB). The search only ever walks words
its language model has, so a dictionary holding the command vocabulary, the wake
phrase and the filler words (every pronunciation of each, alternatives included)
decodes the same and builds in a few hundredths of a second.

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
        words: the words asked for that the full dictionary has (headwords without
            the "(2)" mark); a word outside it cannot be decoded.
    """

    text: str
    words: frozenset[str]

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
    with open(full_dictionary, encoding="utf-8") as entries:
        for line in entries:
            fields = line.split(maxsplit=1)
            if not fields:
                continue
            word = fields[0].split("(", 1)[0]  # "hearth(2)": an alternative of "hearth"
            if word in wanted:
                found.add(word)
                keep.append(line if line.endswith("\n") else line + "\n")
    return TrimmedDictionary("".join(keep), frozenset(found))
