"""Hand-written pronunciations (intents/pronunciations.txt): read with a clear error for a
broken line, put before the rules into the command decoder's dictionary, and heard."""

from __future__ import annotations

import pytest

from assistant.errors import IntentFileError
from assistant.speech.lexicon import PHONES, lexicon_path, read_lexicon
from assistant.speech.sphinx_dict import read_dictionary, trim_dictionary


def test_the_phones_are_the_bundled_dictionarys() -> None:
    import pocketsphinx

    entries = read_dictionary(pocketsphinx.Config()["dict"])
    used = {phone for prons in entries.values() for phones in prons for phone in phones}
    assert used == PHONES


def test_the_products_pronunciations_read() -> None:
    lexicon = read_lexicon(lexicon_path())
    assert lexicon["shush"] == [("SH", "AH", "SH"), ("SH", "UH", "SH")]
    assert "thx" not in lexicon  # written shorthand: people say "thanks"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Shush SH AH SH", "'Shush' is not a lower-case word"),
        ("shush", "'shush' has no phones after it"),
        ("shush SH AX SH", "unknown phone 'AX'"),
        ("shush sh ah sh", "unknown phone 'sh'"),
    ],
)
def test_a_broken_line_is_named_by_file_and_line(tmp_path, line: str, reason: str) -> None:
    path = tmp_path / "pronunciations.txt"
    path.write_text(f"# a comment\n\ncuppa K AH P AH\n{line}\n", encoding="utf-8")
    with pytest.raises(IntentFileError) as caught:
        read_lexicon(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:4: {reason}")
    assert "\n" not in message


def test_an_unreadable_file_is_one_line(tmp_path) -> None:
    path = tmp_path / "pronunciations.txt"
    path.write_bytes(b"shush SH AH SH\n\xff\xfe\n")
    with pytest.raises(IntentFileError, match="cannot read pronunciations") as caught:
        read_lexicon(path)
    assert "\n" not in str(caught.value)


def test_hand_written_pronunciations_come_first_and_add_to_known_words(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(tmp_path / "cache"))
    full = tmp_path / "full.dict"
    full.write_text("hey HH EY\nhush HH AH SH\nshop SH AA P\n", encoding="utf-8")
    lexicon = tmp_path / "pronunciations.txt"
    lexicon.write_text(
        "shush SH AH SH  # said two ways\nshush SH UH SH\nhey HH AY\nhey HH EY\n"
        "hushes HH AH SH AH Z\nunasked AH N\n",
        encoding="utf-8",
    )
    words = ["hey", "shush", "hushes", "shops", "unheard"]
    trimmed = trim_dictionary(full, words, lexicon_file=lexicon)
    lines = trimmed.text.splitlines()
    # A known word keeps its own first and gets the new one after it (not twice).
    assert lines[:2] == ["hey HH EY", "hey(2) HH AY"]
    # A word the dictionary lacks: every hand-written pronunciation, numbered.
    assert "shush SH AH SH" in lines and "shush(2) SH UH SH" in lines
    # Hand-written before the rules ("hush" + "es" would be HH AH SH IH Z).
    assert [x for x in lines if x.startswith("hushes")] == ["hushes HH AH SH AH Z"]
    assert "shops SH AA P S" in lines  # the rules still build the rest
    assert trimmed.words == {"hey", "shush", "hushes", "shops"}
    assert not any(x.startswith("unasked") for x in lines)  # only the words asked for

    # An edited file is read again, not the cached dictionary.
    lexicon.write_text("shush SH AH SH\n", encoding="utf-8")
    again = trim_dictionary(full, words, lexicon_file=lexicon)
    assert "shush(2)" not in again.text and "hey(2)" not in again.text


def test_a_broken_file_stops_the_recognizer_with_its_line(tmp_path, monkeypatch) -> None:
    """The error reaches whoever builds the recognizer (the CLI prints it as one line),
    even when the same words were trimmed and cached before."""
    import pocketsphinx

    monkeypatch.setenv("HEARTH_CACHE_DIR", str(tmp_path / "cache"))
    full = pocketsphinx.Config()["dict"]
    lexicon = tmp_path / "pronunciations.txt"
    lexicon.write_text("shush SH AH SH\n", encoding="utf-8")
    assert trim_dictionary(full, ["shush"], lexicon_file=lexicon).words == {"shush"}
    lexicon.write_text("shush SH AH SH\nshush SH AH X\n", encoding="utf-8")
    with pytest.raises(IntentFileError, match=r"pronunciations.txt:2: unknown phone 'X'"):
        trim_dictionary(full, ["shush"], lexicon_file=lexicon)


@pytest.mark.parametrize("voice", ["kal16", "rms"])
def test_shush_is_heard_as_stop(listen, product_sphinx, parser, flite_pcm, voice) -> None:
    """ "shush" is in no bundled dictionary: before it had a pronunciation, no sentence
    holding it could be heard and "hey hearth shush" was declined."""
    heard = listen(product_sphinx, flite_pcm("hey hearth shush", voice), parser.parse)
    assert [parser.parse(h.text).name for h in heard] == ["stop"]
    assert not heard[0].declined
