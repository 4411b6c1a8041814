"""Template syntax: parse a sentence template into an AST and expand it.

The syntax is modelled on hassil:

    (a|b|c)     one of the alternatives (nesting allowed)
    [words]     optional: the words or nothing; [a|b] is (a|b|)
    {slot}      a slot reference, declared under the intent's `slots:`
    <rule>      an expansion rule, defined under a file's `rules:`
    anything else is literal words

Example: "[can we] (take|have) a <break> [for {seconds}]".

AST (all frozen dataclasses; speech grammars are generated from it):

    Sequence(items)          a run of nodes, in order
    Words(text)              literal words, as written
    Alternative(options, optional)
                             options: tuple[Sequence, ...]; optional=True for [...]
    SlotRef(name)            {name}
    RuleRef(name)            <name>

`expand()` turns an AST into every sentence it can produce, as tuples of
pieces: a `str` of literal words or a `SlotRef`.

Templates are written with canonical words: the matcher maps synonyms to them
before matching ("pause", "time out", "breather" -> "break"; "check-in",
"checkin" -> "check in"; "counsellor", "coach" -> "therapist"; fillers such as
"please", "just", "okay" are ignored). A speech grammar built from the AST
should widen each word with `assistant.nlu.normalize.spoken_forms(word)`;
`IntentParser.vocabulary()` and `command_phrases()` already include them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product


class TemplateSyntaxError(ValueError):
    """A template string is malformed.

    Attributes:
        column: 0-based position in the template string.
        reason: what is wrong.
    """

    def __init__(self, reason: str, column: int) -> None:
        self.reason = reason
        self.column = column
        super().__init__(f"{reason} (at column {column + 1})")


@dataclass(frozen=True)
class Words:
    """Literal words exactly as written in the template."""

    text: str


@dataclass(frozen=True)
class SlotRef:
    """`{name}`: a slot, filled from the utterance (or a value list)."""

    name: str


@dataclass(frozen=True)
class RuleRef:
    """`<name>`: replaced by the expansion rule of that name."""

    name: str


@dataclass(frozen=True)
class Sequence:
    """Nodes that follow each other."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alternative:
    """`(a|b)` or, with optional=True, `[a|b]` (which may also produce nothing)."""

    options: tuple[Sequence, ...]
    optional: bool = False


Node = Words | SlotRef | RuleRef | Sequence | Alternative
Piece = str | SlotRef

_CLOSERS = {"(": ")", "[": "]"}
_NAME_OK = set("abcdefghijklmnopqrstuvwxyz0123456789_")


def parse_template(text: str) -> Sequence:
    """Parse one template string; raises TemplateSyntaxError with the column."""
    parser = _Parser(text)
    options = parser.alternatives(closer=None)
    if len(options) == 1:
        return options[0]
    return Sequence((Alternative(tuple(options)),))


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def alternatives(self, closer: str | None) -> list[Sequence]:
        options = [self.sequence()]
        while self.pos < len(self.text) and self.text[self.pos] == "|":
            self.pos += 1
            options.append(self.sequence())
        if closer is None:
            if self.pos < len(self.text):
                raise TemplateSyntaxError(f"unmatched '{self.text[self.pos]}'", self.pos)
        elif self.pos >= len(self.text):
            raise TemplateSyntaxError(f"missing '{closer}'", len(self.text))
        elif self.text[self.pos] != closer:
            raise TemplateSyntaxError(
                f"expected '{closer}' but found '{self.text[self.pos]}'", self.pos
            )
        return options

    def sequence(self) -> Sequence:
        items: list[Node] = []
        words: list[str] = []

        def flush() -> None:
            literal = "".join(words).strip()
            if literal:
                items.append(Words(" ".join(literal.split())))
            words.clear()

        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch in "|)]":
                break
            if ch in "([":
                flush()
                start = self.pos
                self.pos += 1
                options = self.alternatives(_CLOSERS[ch])
                self.pos += 1
                if ch == "(" and len(options) == 1 and not options[0].items:
                    raise TemplateSyntaxError("empty '()'", start)
                items.append(Alternative(tuple(options), optional=ch == "["))
            elif ch in "{<":
                flush()
                closer = "}" if ch == "{" else ">"
                end = text.find(closer, self.pos + 1)
                if end < 0:
                    raise TemplateSyntaxError(f"missing '{closer}'", len(text))
                name = text[self.pos + 1 : end].strip()
                if not name or not set(name) <= _NAME_OK:
                    raise TemplateSyntaxError(f"bad name {ch}{name}{closer}", self.pos)
                items.append(SlotRef(name) if ch == "{" else RuleRef(name))
                self.pos = end + 1
            elif ch in "}>":
                raise TemplateSyntaxError(f"unmatched '{ch}'", self.pos)
            else:
                words.append(ch)
                self.pos += 1
        flush()
        return Sequence(tuple(items))


def walk(node: Node) -> Iterator[Node]:
    """Every node in the tree, depth first (for checks and grammar generation)."""
    yield node
    if isinstance(node, Sequence):
        for item in node.items:
            yield from walk(item)
    elif isinstance(node, Alternative):
        for option in node.options:
            yield from walk(option)


def count_sentences(node: Node, rules: dict[str, Sequence] | None = None) -> int:
    """How many sentences `expand` would produce (before de-duplication)."""
    rules = rules or {}
    if isinstance(node, Sequence):
        total = 1
        for item in node.items:
            total *= count_sentences(item, rules)
        return total
    if isinstance(node, Alternative):
        return sum(count_sentences(o, rules) for o in node.options) + int(node.optional)
    if isinstance(node, RuleRef) and node.name in rules:
        return count_sentences(rules[node.name], rules)
    return 1


def expand(
    node: Node,
    rules: dict[str, Sequence] | None = None,
    on_unknown_rule: Callable[[str], None] | None = None,
) -> Iterator[tuple[Piece, ...]]:
    """Every sentence the template can produce, as pieces (words or SlotRef).

    Adjacent literal words are joined into one string piece.
    """
    rules = rules or {}
    for pieces in _expand(node, rules, on_unknown_rule, ()):
        yield _join(pieces)


def _expand(node, rules, on_unknown_rule, stack) -> Iterator[tuple[Piece, ...]]:
    if isinstance(node, Words):
        yield (node.text,)
    elif isinstance(node, SlotRef):
        yield (node,)
    elif isinstance(node, RuleRef):
        rule = rules.get(node.name)
        if rule is None or node.name in stack:
            if on_unknown_rule:
                on_unknown_rule(node.name)
            return
        yield from _expand(rule, rules, on_unknown_rule, (*stack, node.name))
    elif isinstance(node, Alternative):
        for option in node.options:
            yield from _expand(option, rules, on_unknown_rule, stack)
        if node.optional:
            yield ()
    else:
        parts = [list(_expand(item, rules, on_unknown_rule, stack)) for item in node.items]
        for combo in product(*parts):
            yield tuple(piece for part in combo for piece in part)


def _join(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return tuple(out)
