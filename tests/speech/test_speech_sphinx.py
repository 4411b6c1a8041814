"""The built-in PocketSphinx engine on speech synthesized with espeak-ng."""

from __future__ import annotations

import pytest

from assistant.speech.grammar import build_grammar
from assistant.speech.sphinx_engine import SphinxRecognizer
from assistant.speech.transcribe import transcribe_pcm
from assistant.speech.types import Recognizer

COMMANDS = [
    "we need a minute",
    "let's do our check in",
    "give us sixty seconds",
    "okay we're ready",
    "how long is left",
    "time for our walk",
    "stop",
    "what can you do",
    "i need some space",
    "another question",
]
EVERYDAY = ["where is the remote", "did you call your mother", "the kids have school tomorrow"]
SILENCE = bytes(16000)  # 0.5 s


@pytest.fixture(scope="module")
def sphinx() -> SphinxRecognizer:
    # The strict grammar: the language-model path is tested in test_speech_lm.py.
    return SphinxRecognizer(build_grammar(COMMANDS, "hey hearth"), command_search="jsgf")


def test_is_a_recognizer(sphinx) -> None:
    assert isinstance(sphinx, Recognizer)
    assert (sphinx.name, sphinx.sample_rate, sphinx.mode) == ("sphinx", 16000, "command")


HEARD_EXACTLY = [
    "hey hearth we need a minute",
    "let's do our check in",
    "hey hearth",
    "time for our walk",
    "hey hearth stop",
]


@pytest.mark.parametrize("text", HEARD_EXACTLY)
def test_commands_come_through_exactly(sphinx, synth_pcm, text) -> None:
    heard = transcribe_pcm(sphinx, synth_pcm(text))
    assert heard.text == text
    assert heard.engine == "sphinx" and 0 < heard.confidence <= 1
    assert [w.word for w in heard.words] == text.split()
    assert all(0 <= w.start < w.end for w in heard.words)
    assert all(a.end <= b.start + 1e-6 for a, b in zip(heard.words, heard.words[1:], strict=False))


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_speech_comes_out_empty(sphinx, synth_pcm, text) -> None:
    heard = transcribe_pcm(sphinx, synth_pcm(text))
    assert heard.text == "" and heard.confidence == 0.0


def test_streaming_finds_each_utterance_with_stream_times(sphinx, synth_pcm) -> None:
    first, second = synth_pcm("hey hearth we need a minute"), synth_pcm("time for our walk")
    stream = SILENCE + first + SILENCE * 2 + second + SILENCE * 2
    sphinx.reset()
    finals, partials = [], []
    for i in range(0, len(stream), 640):  # 20 ms chunks, like a microphone
        heard = sphinx.accept(stream[i : i + 640])
        partials.append(sphinx.partial())
        if heard is not None:
            finals.append(heard)
    assert [u.text for u in finals] == ["hey hearth we need a minute", "time for our walk"]
    start_second = (len(SILENCE) * 3 + len(first)) / 32000
    assert finals[1].words[0].start >= start_second - 0.3
    assert any(p.startswith("hey hearth") for p in partials)  # early decisions are possible
    assert sphinx.finish() is None


def test_finish_flushes_speech_at_the_end_of_a_stream(sphinx, synth_pcm) -> None:
    import numpy as np

    pcm = synth_pcm("i need some space")
    samples = np.frombuffer(pcm, dtype="<i2")
    last_sound = int(np.nonzero(np.abs(samples) > 300)[0][-1])
    cut = pcm[: 2 * (last_sound + 1)]  # the stream stops mid-speech: no trailing silence
    sphinx.reset()
    assert sphinx.accept(SILENCE + cut) is None
    heard = sphinx.finish()
    assert heard is not None and heard.text == "i need some space"


def test_open_mode_decodes_free_speech(sphinx, synth_pcm) -> None:
    sphinx.set_mode("open")
    try:
        heard = transcribe_pcm(sphinx, synth_pcm("where is the remote"))
        assert heard.text  # poor but free: words outside the command grammar come through
        assert "remote" in heard.text.split() or len(heard.words) >= 2
    finally:
        sphinx.set_mode("command")
    with pytest.raises(ValueError, match="unknown recognizer mode"):
        sphinx.set_mode("dictation")  # type: ignore[arg-type]


def test_fillers_are_cheaper_in_command_mode_only() -> None:
    """Command mode and the readings that follow it let the model's noise fillers stand
    in for sound that is not a command word (`COMMAND_OPTIONS`); the command decoder and
    the strict reading also search wider (`COMMAND_BEAMS`), the open reading does not;
    dictation keeps PocketSphinx's defaults, which nothing measured the change on."""
    import pocketsphinx

    from assistant.speech.sphinx_engine import COMMAND_BEAMS, COMMAND_OPTIONS

    defaults = pocketsphinx.Config()
    assert COMMAND_OPTIONS["fillprob"] > defaults["fillprob"]
    assert COMMAND_BEAMS["beam"] < defaults["beam"]  # wider: fewer paths pruned
    sphinx = SphinxRecognizer(build_grammar(COMMANDS), open_check=True)
    assert sphinx.strict_follower is not None and sphinx.open_follower is not None

    def settings(decoder, options: dict) -> dict:
        return {key: pytest.approx(decoder.config[key], rel=1e-6) for key in options}

    both = {**COMMAND_OPTIONS, **COMMAND_BEAMS}
    assert settings(sphinx._command_decoder, both) == both
    assert settings(sphinx.strict_follower.decoder, both) == both
    # The open reading has the fillers but keeps the default beams.
    assert settings(sphinx.open_follower.decoder, both) == {
        **COMMAND_OPTIONS,
        **{key: defaults[key] for key in COMMAND_BEAMS},
    }
    sphinx.set_mode("open")
    assert settings(sphinx._open_decoder, both) == {key: defaults[key] for key in both}
    # A setting given by the caller wins over the command mode's.
    tuned = SphinxRecognizer(build_grammar(COMMANDS), decoder_options={"fillprob": 1e-3})
    assert tuned._command_decoder.config["fillprob"] == pytest.approx(1e-3)
