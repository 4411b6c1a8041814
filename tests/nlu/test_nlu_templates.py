"""Template syntax: parsing into the AST, expansion, and syntax errors."""

from __future__ import annotations

import pytest

from assistant.nlu.templates import (
    Alternative,
    RuleRef,
    Sequence,
    SlotRef,
    TemplateSyntaxError,
    Words,
    count_sentences,
    expand,
    parse_template,
)


def _sentences(template: str, rules: dict | None = None) -> set[str]:
    out = set()
    for pieces in expand(parse_template(template), rules):
        out.add(" ".join(p if isinstance(p, str) else "{" + p.name + "}" for p in pieces))
    return out


def test_ast_shape() -> None:
    ast = parse_template("[can we] (take|have) a break {seconds} <x>")
    assert ast == Sequence(
        (
            Alternative((Sequence((Words("can we"),)),), optional=True),
            Alternative((Sequence((Words("take"),)), Sequence((Words("have"),)))),
            Words("a break"),
            SlotRef("seconds"),
            RuleRef("x"),
        )
    )


def test_expansion_alternatives_optional_and_slots() -> None:
    assert _sentences("[can we] (take|have) a break") == {
        "can we take a break",
        "can we have a break",
        "take a break",
        "have a break",
    }
    assert _sentences("give us {seconds}") == {"give us {seconds}"}
    assert _sentences("(a|b (c|d))") == {"a", "b c", "b d"}
    assert _sentences("x [y|z]") == {"x", "x y", "x z"}


def test_rules_expand_and_count() -> None:
    rules = {"brk": parse_template("(break|pause)")}
    assert _sentences("take a <brk>", rules) == {"take a break", "take a pause"}
    assert count_sentences(parse_template("[a|b] (c|d) <brk>"), rules) == 3 * 2 * 2


@pytest.mark.parametrize(
    ("template", "column"),
    [
        ("(take|have a break", 18),
        ("take) a break", 4),
        ("[can we take a break", 20),
        ("give us {seconds", 16),
        ("give us {} now", 8),
        ("give us {two words}", 8),
        ("()", 0),
        ("a ] b", 2),
    ],
)
def test_syntax_errors_name_the_column(template: str, column: int) -> None:
    with pytest.raises(TemplateSyntaxError) as info:
        parse_template(template)
    assert info.value.column == column
