"""A request set apart from a remark by punctuation or by Hearth's name.

Busy households wrap a request in what is going on around it: "kids are at grandma's,
hearth, let's start our walk", "hearth, louder please, the dishwasher's going", "we
don't love this one, hearth, swap it for another". Said whole, the remark's words
(the kids, a named child, the dishwasher) keep the sentence from matching any template,
and the matcher's own split search (`IntentParser._split_match`) must guess where a
remark ends, so it refuses remarks about other people, with a negation or longer than
six words. Here the boundary is not guessed: a comma, a full stop, a question mark or
Hearth's name said mid-sentence marks it. Each run of whole clauses is parsed on its
own, and the request is taken when every run that is a request says the same one.

Only tried when the whole utterance is none and Hearth is addressed by name (at the
start, mid-sentence or at the end): a remark and a request side by side without it are
as often talk between the two ("we're out of toilet paper, add it to the list", "that
didn't help at all, you know that"). Kept out, because they were heard as talk:
- a yes or a no found in a clause ("okay, I overreacted"): answers count on their own,
  unless said first and next to Hearth's name ("yes, hearth, she wants that too");
- anything in an utterance naming another assistant ("alexa, louder please");
- a short clause (under `MIN_WORDS` words) that Hearth's name does not touch
  ("it's fine, we're fine"; "hearth, louder please, ..." is addressed to Hearth);
- a clause opening with "it"/"that" after a remark, which points back at the remark
  ("I took a breather at lunch, it helped");
- a request beside a remark about a screen, music or a call ("the television is too
  loud, turn it down a bit").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.nlu.intent import ANSWERS, NONE, Intent
from assistant.nlu.normalize import PLACEHOLDERS, normalize

_BOUNDARY = re.compile(
    # round 16 B: "so" before a request after its reason ("he's on lates so push our
    # check-in to eleven", "he's working a double so can we skip the check-in")
    r"(?<!\d)\.(?!\d)|[,;!?…]|\s[-–—]+\s|\b(hearth|harth)\b|(?=\b(?:while|because|cause|cos|before)\s)"
    r"|(?<=\s)(?=so\s+(?:push|move|can|could|let's|lets|please|skip|start|put|bring|change|cancel)\b)",
    re.IGNORECASE,
)
"""Clause marks: punctuation (not the dot of "8.45"; not a colon, which introduces what
is to be noted: "log an appreciation: he made me tea"), the name, and the start of a
"while", "because" or "before" clause ("start our check-in while the dishwasher runs");
round 15 B: "cause", "cos" said for "because" ("move the check-in to ten cause of the
footy")."""
_WORD = re.compile(r"\w")
_ENDS = re.compile(r"\s*[.?!]")
_DIGIT = re.compile(r"\d")
_NOT_NAMED = re.compile(r"\b(the|a|our|my|your|of|in|on)\s+$", re.IGNORECASE)
MAX_CLAUSES = 6
"""More clauses than this is a story, not a request with its reason."""
MIN_WORDS = 3
"""Words a request clause needs unless Hearth's name is said next to it (and two of them
left after normalising: "skip the check-in" is a request, "we're fine" a remark)."""
OTHER_ASSISTANTS = frozenset(["siri", "alexa", "google", "cortana", "bixby"])
DEVICES = frozenset(
    ("tv", "telly", "television", "netflix", "movie", "film", "episode", "show", "music",
     "song", "songs", "radio", "podcast", "playlist", "album", "video", "phone", "laptop",
     "speaker", "call")
)  # fmt: skip
"""A remark about a screen, music or a call makes the request beside it one for them
("turn the tv down, I'm on a call")."""
_THE_CALLS = frozenset(("video", "phone", "speaker", "call"))
"""round 15 B: the devices a call ritual is held on."""
_ANSWER_LEADS = [["yes"], ["no"], ["sure"], ["nope"], ["absolutely"], ["definitely"]]
"""round 10 B: the words an answer beside a clause opens with (as they read after
normalising: "yeah", "yep" read "yes"); "hearth is great, but ..." is no answer."""
POINTS_BACK = frozenset(["that"])
"""How "it", "this" and "that" read after normalising."""


@dataclass(frozen=True)
class ClauseRequest:
    """A request found beside remarks.

    Attributes:
        intent: the request (its text the whole utterance's).
        request: the words of the clauses that said it.
        remarks: the words of the other clauses.
    """

    intent: Intent
    request: str
    remarks: str


@dataclass
class Clause:
    """One piece of the utterance between clause marks.

    Attributes:
        text: the words as said.
        named_before: Hearth's name came right before it.
        named_after: Hearth's name came right after it.
    """

    text: str
    named_before: bool = False
    named_after: bool = False


def _marks(text: str) -> list[re.Match[str]]:
    """The clause marks of `text`: "the hearth" is the fireplace, not the name."""
    return [
        mark
        for mark in _BOUNDARY.finditer(text)
        if not (mark.group(1) and _NOT_NAMED.search(text, 0, mark.start()))
    ]


def clauses(text: str) -> list[Clause]:
    """The clauses of `text`, in order (empty ones dropped, the name noted on its
    neighbours)."""
    out: list[Clause] = []
    named = False
    last = 0
    for mark in [*_marks(text), None]:
        piece = text[last : mark.start() if mark else len(text)]
        if _WORD.search(piece):
            out.append(Clause(piece.strip(), named_before=named))
            named = False
        if mark is None:
            break
        if mark.group(1):
            # on the next clause, unless the name ends its sentence ("..., hearth? we've
            # got half an hour"); and on the last one: only marks came between
            named = not _ENDS.match(text, mark.end())
            if out:
                out[-1].named_after = True
        last = mark.end()
    return out


def clause_request(parse: Callable[[str], Intent], text: str) -> ClauseRequest | None:
    """The one request said in a run of `text`'s clauses beside remarks, or None.

    `parse` parses one run (the whole utterance was none already).
    """
    if not any(mark.group(1) for mark in _marks(text)):
        return None  # Hearth is not addressed by name
    if set(re.findall(r"\w+", text.lower())) & OTHER_ASSISTANTS:
        return None
    parts = clauses(text)
    if not 2 <= len(parts) <= MAX_CLAUSES:
        return None
    hits: list[tuple[bool, int, float, Intent, int, int]] = []
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            if j - i == len(parts):
                continue  # the whole utterance was tried already
            said = " ".join(c.text for c in parts[i:j])
            got = parse(said)
            named = parts[i].named_before or parts[j - 1].named_after
            if got.name != NONE and _taken(got, said, named, parts, i, j):
                hits.append((named, j - i, got.confidence, got, i, j))
    if any(h[3].name not in ANSWERS for h in hits):
        # round 10 B: an answer only when nothing else was asked ("no need, you can stop
        # there" stops)
        hits = [h for h in hits if h[3].name not in ANSWERS]
    if len({h[3].name for h in hits}) > 1:
        # two requests: the one said next to Hearth's name is the one said to Hearth
        # ("do the slow coffee thing now, hearth? we've got half an hour before work")
        hits = [h for h in hits if h[0]]
    if not hits or len({h[3].name for h in hits}) != 1:
        return None
    _named, _size, _confidence, widest, i, j = max(hits, key=lambda h: (h[1], h[2]))
    return ClauseRequest(
        Intent(widest.name, widest.slots, widest.confidence, text),
        " ".join(c.text for c in parts[i:j]),
        " ".join(c.text for c in parts[:i] + parts[j:]),
    )


def _taken(got: Intent, said: str, named: bool, parts: list[Clause], i: int, j: int) -> bool:
    """Whether the request `got`, read in parts[i:j] (`named`: next to Hearth's name),
    stands beside the other parts."""
    if got.name in ANSWERS:
        # round 10 B: an answer said first, next to Hearth's name, then its reason ("no
        # thanks, hearth. I don't think it would help tonight"); anywhere else a yes or
        # a no in a clause is talk ("okay, I overreacted")
        return i == 0 and named and normalize(said).tokens[:1] in _ANSWER_LEADS
    tokens = normalize(said).tokens
    rest = [c.text for k, c in enumerate(parts) if not i <= k < j]
    short = len(tokens) < 2 or len(said.split()) < MIN_WORDS
    if short and (not named or _values(rest)):
        return False  # "hearth, our check-in, make it 6.30": the value says it goes on
    if i > 0 and tokens[:1] and tokens[0] in POINTS_BACK:
        return False
    devices = DEVICES
    if got.name == "ritual" and got.slots.get("ritual") == "call":
        # round 15 B: the call ritual beside where the partner is on video or the phone
        # ("start the call ritual, Emeka's on video from Lagos"): the remark is the call's
        devices = DEVICES - _THE_CALLS
    return not set(re.findall(r"\w+", " ".join(rest).lower())) & devices


def _values(texts: list[str]) -> bool:
    """Whether any of `texts` says a length, a clock time or a cadence (or a number:
    "6.30" is a time only after "at")."""
    return any(_DIGIT.search(t) or set(normalize(t).tokens) & set(PLACEHOLDERS) for t in texts)
