"""`hearth enroll`: a household's voice adaptation with the real SphinxTrain (bw,
mllr_solve), the real PocketSphinx model and espeak-ng voices reading the prompts."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import Settings
from assistant.errors import IntentFileError
from assistant.speech import adaptation
from assistant.speech.adaptation import (
    AdaptationError,
    HouseholdAdaptation,
    adaptation_for,
    find_tools,
    load_prompts,
    read_sendump,
    unknown_words,
    with_noise_floor,
    write_mixture_weights,
)
from assistant.speech.audio_in import WavFileSource
from assistant.speech.enrollment import capture_utterance, enrollment_sentences, plausible
from assistant.speech.sphinx_engine import ADAPTED_CHECK_BELOW, CHECK_BELOW
from assistant.speech.wav import load_pcm16, write_wav

ENROLLED = "en-us+m3"
OTHER = "en-us+f2"  # another voice: a woman's where the enrolled one is a man's
UNSEEN = [  # sentences that are in no prompt
    "hey hearth we need a little break",
    "hey hearth how are we doing this week",
    "hey hearth let's go for a walk together",
]


def speak(text: str, voice: str, folder: Path, name: str) -> Path:
    raw, out = folder / f"{name}.raw.wav", folder / f"{name}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
    raw.unlink()
    return out


def hearth(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`hearth ARGS` in a process of its own; the cache folder is the tests' shared one
    (a fresh one per test rebuilt the parsed intents and the command model, about 18 s)."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every enrollment sentence read by the enrolled voice, as 01.wav, 02.wav, ..."""
    folder = tmp_path_factory.mktemp("enroll-wavs")
    sentences = enrollment_sentences(load_prompts(), "hey hearth")
    for number, sentence in enumerate(sentences, 1):
        speak(sentence, ENROLLED, folder, f"{number:02d}")
    return folder


@pytest.fixture(scope="module")
def enrolled(recordings: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`hearth enroll --from-wav` run once, in a process of its own with its own TMPDIR."""
    home = tmp_path_factory.mktemp("household")
    tmp = home / "tmp"
    tmp.mkdir()
    env = {"TMPDIR": str(tmp)}
    db = home / "data" / "hearth.db"
    done = hearth("enroll", "--from-wav", str(recordings), "--db", str(db), env=env)
    return {"done": done, "db": db, "tmp": tmp, "env": env, "home": home}


def alignment_score(pcm: bytes, text: str, transform: Path | None) -> float:
    """How well the model fits the speech read as `text` (PocketSphinx's path score
    of a forced alignment: higher is a better fit)."""
    import pocketsphinx

    options = {"mllr": str(transform)} if transform else {}
    decoder = pocketsphinx.Decoder(logfn=os.devnull, dither=False, **options)
    decoder.set_align_text(text)
    decoder.start_utt()
    decoder.process_raw(with_noise_floor(bytes(8000) + pcm + bytes(8000), 1), full_utt=True)
    decoder.end_utt()
    return decoder.hyp().score


def test_enrollment_makes_a_transform_and_keeps_no_audio(enrolled: dict) -> None:
    done = enrolled["done"]
    assert done.returncode == 0, done.stderr
    sentences = len(load_prompts())
    assert f"{sentences} of {sentences} sentences used" in done.stdout
    folder = enrolled["db"].parent / "voice-adaptation"
    kept = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert kept == ["mllr_matrix", "sessions/001/gauden_counts"]
    assert list(enrolled["tmp"].iterdir()) == []  # the audio and features are gone


def test_the_transform_fits_the_enrolled_voice_better(enrolled: dict, tmp_path: Path) -> None:
    """On sentences it never read: every one fits better adapted, for the enrolled
    voice; and the enrolled voice gains more than another voice does."""
    transform = enrolled["db"].parent / "voice-adaptation" / "mllr_matrix"
    gains = {}
    for voice in (ENROLLED, OTHER):
        gains[voice] = []
        for n, text in enumerate(UNSEEN):
            pcm = load_pcm16(speak(text, voice, tmp_path, f"{voice}-{n}"))
            gains[voice].append(
                alignment_score(pcm, text, transform) - alignment_score(pcm, text, None)
            )
    assert all(g > 0 for g in gains[ENROLLED]), gains
    assert np.mean(gains[ENROLLED]) > np.mean(gains[OTHER]), gains


def test_the_recognizer_loads_the_household_transform(enrolled: dict) -> None:
    from assistant.speech.recognizer import create_recognizer, describe_engine

    settings = Settings(db_path=enrolled["db"])
    recognizer = create_recognizer(settings, "sphinx")
    assert recognizer.adaptation == adaptation_for(settings).transform
    assert recognizer.check_below == ADAPTED_CHECK_BELOW > CHECK_BELOW
    assert "Adapted to your voices" in describe_engine(settings, "sphinx")
    plain = create_recognizer(Settings(db_path=enrolled["home"] / "other" / "h.db"), "sphinx")
    assert plain.adaptation is None and plain.check_below == CHECK_BELOW


def test_hearth_run_acts_on_a_command_with_the_adaptation(enrolled: dict, tmp_path: Path) -> None:
    clip = speak("hey hearth, we need a minute", ENROLLED, tmp_path, "pause")
    done = hearth(
        "run", "--input-wav", str(clip), "--fast", "--db", str(enrolled["db"]),
        env=enrolled["env"],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Adapted to your voices" in done.stderr + done.stdout
    assert "pause" in done.stdout.lower() or "breath" in done.stdout.lower(), done.stdout


def test_a_second_enrollment_is_added_and_forget_removes_all(
    recordings: Path, tmp_path: Path
) -> None:
    db = tmp_path / "h.db"
    first = hearth("enroll", "--from-wav", str(recordings), "--db", str(db))
    assert first.returncode == 0, first.stderr
    household = adaptation_for(Settings(db_path=db))
    before = household.transform.read_text()
    other = tmp_path / "other"
    other.mkdir()
    sentences = enrollment_sentences(load_prompts(), "hey hearth")
    for number, sentence in enumerate(sentences[:12], 1):
        speak(sentence, OTHER, other, f"{number:02d}")
    second = hearth("enroll", "--from-wav", str(other), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert "12 of 30" in second.stdout and "2 enrollments" in second.stdout
    assert len(household.sessions()) == 2
    assert household.transform.read_text() != before  # solved from both
    forgot = hearth("enroll", "--forget", "--db", str(db))
    assert forgot.returncode == 0 and "removed" in forgot.stdout
    assert not household.folder.exists()


def test_a_broken_transform_is_not_used_and_is_named(tmp_path: Path) -> None:
    from assistant.speech.recognizer import create_recognizer, describe_engine

    settings = Settings(db_path=tmp_path / "h.db")
    household = adaptation_for(settings)
    household.folder.mkdir()
    household.transform.write_text("1\n3\n13\n0.5 0.25\n")  # cut short
    assert household.usable_transform() is None
    assert "unreadable and not used" in describe_engine(settings, "sphinx")
    assert create_recognizer(settings, "sphinx").adaptation is None


def test_without_sphinxtrain_enrollment_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing there
    monkeypatch.setattr(adaptation, "_SPHINXTRAIN_DIRS", ())
    with pytest.raises(AdaptationError, match="apt install sphinxtrain"):
        find_tools()
    result = CliRunner().invoke(main, ["enroll", "--db", str(tmp_path / "h.db")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "apt install sphinxtrain" in result.output
    assert not adaptation_for(Settings(db_path=tmp_path / "h.db")).folder.exists()


def test_every_prompt_is_a_request_the_model_can_spell() -> None:
    """The prompts stay in step with the NLU and the dictionary: each is read as one
    of Hearth's requests, and bw can spell every word."""
    from assistant.nlu import load_parser

    parser = load_parser()
    prompts = load_prompts()
    assert len(prompts) >= 20
    assert unknown_words(["hey hearth", *prompts]) == []
    for prompt in prompts:
        assert parser.parse(prompt).name != "none", prompt


def test_a_broken_prompts_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "prompts.txt"
    path.write_text("# comment\nwe need a minute\nwe need 2 minutes\n")
    with pytest.raises(IntentFileError, match=r"prompts.txt:3: a prompt holds only words"):
        load_prompts(path)
    path.write_text("# nothing\n")
    with pytest.raises(IntentFileError, match="no enrollment prompts"):
        load_prompts(path)


def test_unknown_words_in_the_sentences_are_refused(tmp_path: Path) -> None:
    household = HouseholdAdaptation(tmp_path / "household")
    with pytest.raises(AdaptationError, match="zzyzxq"):
        household.enroll([(bytes(32000), "hey zzyzxq")])
    assert not household.folder.exists()


def test_sendump_becomes_sphinxtrain_mixture_weights(tmp_path: Path) -> None:
    weights = read_sendump(adaptation.model_folder() / "sendump")
    senones, streams, densities = weights.shape
    assert (streams, densities) == (3, 128) and senones > 4000
    sums = weights.sum(axis=2)
    assert np.all((sums > 0.85) & (sums < 1.05))  # quantized probabilities
    out = tmp_path / "mixture_weights"
    write_mixture_weights(weights, out)
    data = out.read_bytes()
    header = b"s3\nversion 1.0\nendhdr\n"
    assert data.startswith(header)
    body = np.frombuffer(data[len(header) + 20 :], dtype="<f4").reshape(weights.shape)
    assert np.allclose(body.sum(axis=2), 1.0, atol=1e-4)


def test_capture_takes_one_utterance_from_a_source(tmp_path: Path) -> None:
    clip = load_pcm16(speak("hey hearth, we need a minute", ENROLLED, tmp_path, "c"))
    path = tmp_path / "framed.wav"
    write_wav(path, with_noise_floor(bytes(32000) + clip + bytes(32000), 2))
    source = WavFileSource(path, realtime=False)
    source.open()
    speech = capture_utterance(source)
    assert speech is not None
    seconds = len(speech) / 32000
    assert abs(seconds - len(clip) / 32000) < 0.6, seconds
    assert plausible(speech, "hey hearth we need a minute")
    silent = tmp_path / "silent.wav"
    write_wav(silent, with_noise_floor(bytes(32000 * 4), 3))
    quiet = WavFileSource(silent, realtime=False, tail_s=0)
    quiet.open()
    assert capture_utterance(quiet, wait_s=2.0) is None


def test_from_wav_needs_numbered_recordings(tmp_path: Path) -> None:
    (tmp_path / "take1.wav").write_bytes(b"")
    with wave.open(str(tmp_path / "x.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
    result = CliRunner().invoke(
        main, ["enroll", "--from-wav", str(tmp_path), "--db", str(tmp_path / "h.db")]
    )
    assert result.exit_code == 1
    assert "no enrollment recordings (01.wav to 30.wav" in result.output


def test_an_unwritable_data_folder_is_one_line(recordings: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    done = hearth("enroll", "--from-wav", str(recordings), "--db", str(blocker / "h.db"))
    assert done.returncode == 1
    assert done.stderr.startswith("Error: cannot keep the voice adaptation in ")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
