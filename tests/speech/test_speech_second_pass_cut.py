"""The model's second pass reads only the speech after the wake phrase (real PocketSphinx)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from assistant.speech.sphinx_engine import _WAKE_TAIL_S

BLOCK = 640  # 20 ms of 16 kHz int16


def decode(recognizer, pcm: bytes):
    """The finals of one utterance streamed in 20 ms blocks, framed by silence."""
    audio = bytes(16000) + pcm + bytes(32000)
    finals = [recognizer.accept(audio[i : i + BLOCK]) for i in range(0, len(audio), BLOCK)]
    finals.append(recognizer.finish())
    return [u for u in finals if u is not None and u.text]


class _CountingDecoder:
    """The recognizer's decoder, counting the audio bytes each pass is given."""

    def __init__(self, inner) -> None:
        self.inner, self.fed = inner, []

    def process_raw(self, audio: bytes, *args, **kwargs):
        self.fed.append(len(audio))
        return self.inner.process_raw(audio, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.inner, name)


@contextmanager
def counted(recognizer):
    inner = recognizer._decoder
    spy = _CountingDecoder(inner)
    recognizer._decoder = spy
    try:
        yield spy
    finally:
        recognizer._decoder = inner


def test_the_second_pass_reads_only_what_follows_the_wake_phrase(product_sphinx, synth_pcm) -> None:
    product_sphinx.reset()
    [final] = decode(product_sphinx, synth_pcm("hey hearth we need a minute"))
    assert final.text == "hey hearth we need a minute"
    heard = len(product_sphinx._last[0])
    with counted(product_sphinx) as spy:
        second = product_sphinx.reread()
    assert second is not None and second.text == final.text
    # The wake words are the quick reading's own, times and posteriors too.
    assert second.words[:2] == final.words[:2]
    # Only the speech after it (and a little of the name) was decoded again: the
    # wake phrase and the quiet before it are over a third of this speech.
    [fed] = spy.fed
    assert fed < 0.7 * heard
    wake_end = final.words[1].end
    assert second.words[2].start >= wake_end - _WAKE_TAIL_S - 0.011
    assert second.alternatives and all(a.startswith("hey hearth ") for a in second.alternatives)


@pytest.mark.parametrize("said", ["we need a minute", "hey hearth"])
def test_speech_not_addressed_or_a_bare_wake_phrase_is_read_again_whole(
    product_sphinx, synth_pcm, said: str
) -> None:
    product_sphinx.reset()
    [final] = decode(product_sphinx, synth_pcm(said))
    assert final.text == said
    heard = len(product_sphinx._last[0])
    with counted(product_sphinx) as spy:
        second = product_sphinx.reread()
    assert second is not None and second.text == final.text
    assert spy.fed == [heard]
