"""Shared fixtures for the NLU tests: the real parser and the development set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.nlu import IntentParser, load_parser
from assistant.nlu.evaluate import Example, read_examples

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def parser() -> IntentParser:
    return load_parser()


@pytest.fixture(scope="session")
def in_domain() -> list[Example]:
    return read_examples(DATA / "in_domain.txt")


@pytest.fixture(scope="session")
def out_of_domain() -> list[Example]:
    return read_examples(DATA / "out_of_domain.txt")


@pytest.fixture(scope="session")
def heldout_in_domain() -> list[Example]:
    return read_examples(DATA / "heldout_in_domain.jsonl")


@pytest.fixture(scope="session")
def heldout_out_of_domain() -> list[Example]:
    return read_examples(DATA / "heldout_out_of_domain.txt")


@pytest.fixture(scope="session")
def heldout2_in_domain() -> list[Example]:
    return read_examples(DATA / "heldout2_in_domain.jsonl")


@pytest.fixture(scope="session")
def heldout2_out_of_domain() -> list[Example]:
    return read_examples(DATA / "heldout2_out_of_domain.txt")


@pytest.fixture(scope="session")
def heldout3_in_domain() -> list[Example]:
    return read_examples(DATA / "heldout3_in_domain.jsonl")


@pytest.fixture(scope="session")
def heldout3_out_of_domain() -> list[Example]:
    return read_examples(DATA / "heldout3_out_of_domain.txt")


@pytest.fixture(scope="session")
def heldout5_in_domain() -> list[Example]:
    return read_examples(DATA / "heldout5_in_domain.jsonl")


@pytest.fixture(scope="session")
def heldout5_out_of_domain() -> list[Example]:
    return read_examples(DATA / "heldout5_out_of_domain.txt")


@pytest.fixture(scope="session")
def heldout7_in_domain() -> list[Example]:
    return read_examples(DATA / "heldout7_in_domain.jsonl")


@pytest.fixture(scope="session")
def heldout7_out_of_domain() -> list[Example]:
    return read_examples(DATA / "heldout7_out_of_domain.txt")


@pytest.fixture(scope="session")
def reads(parser: IntentParser) -> Callable[[str, str, dict], None]:
    """Check that a sentence is read as an intent with (at least) the given slots."""

    def check(text: str, intent: str, slots: dict) -> None:
        got = parser.parse(text)
        assert got.name == intent, (text, got)
        assert {k: got.slots.get(k) for k in slots} == slots, (text, got)

    return check


@pytest.fixture(scope="session")
def reads_as(parser: IntentParser) -> Callable[[str, str, dict], None]:
    """`reads_as(text, intent, slots)` asserts the parser's reading; free text (`text`)
    is judged as said or not, not where it starts."""

    def check(text: str, intent: str, slots: dict) -> None:
        got = parser.parse(text)
        assert got.name == intent, (text, got)
        for name, value in slots.items():
            if name == "text":
                assert (got.slots.get(name) is not None) == (value is not None), (text, got)
            else:
                assert got.slots[name] == value, (text, got)

    return check
