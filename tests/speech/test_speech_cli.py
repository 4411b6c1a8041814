"""`hearth transcribe`, `hearth models ...` and the engine choice, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import Settings
from assistant.errors import ModelError
from assistant.speech import models as m
from assistant.speech.recognizer import choose_engine, create_recognizer, describe_engine
from assistant.speech.transcribe import transcribe_file


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """An isolated user: empty models dir, no config, no checkout models."""
    monkeypatch.setattr(m, "checkout_models_dir", lambda: None)
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")  # a named file must exist
    values = {
        "HEARTH_MODELS_DIR": str(tmp_path / "models"),
        "HEARTH_CONFIG": str(tmp_path / "empty.toml"),
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("HEARTH_MODEL", raising=False)
    monkeypatch.delenv("HEARTH_MODEL_URL_BASE", raising=False)
    return values


def test_transcribe_prints_json(env, synth) -> None:
    wav = synth("hey hearth stop")
    result = CliRunner().invoke(main, ["transcribe", str(wav), "--engine", "sphinx"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["engine"] == "sphinx" and data["text"] == "hey hearth stop"
    assert [w["word"] for w in data["words"]] == ["hey", "hearth", "stop"]
    assert all(w["end"] > w["start"] >= 0 for w in data["words"])
    assert 0 < data["confidence"] <= 1


def test_transcribe_with_vosk_model_path(env, synth, korean_model_path, korean_model) -> None:
    wav = synth("안녕하세요", ["-v", "ko", "-s", "140"])
    result = CliRunner().invoke(
        main, ["transcribe", str(wav), "--model", str(korean_model_path), "--mode", "open"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["engine"] == "vosk" and data["mode"] == "open" and data["text"]


def test_transcribe_errors_are_one_line(env, tmp_path) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio")
    for args in (
        ["transcribe", str(bad)],
        ["transcribe", str(tmp_path / "absent.wav")],
        ["transcribe", str(bad), "--engine", "vosk"],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1
        assert result.output.startswith("Error: ") and result.output.count("\n") == 1
        assert "Traceback" not in result.output


def test_vosk_without_model_says_how_to_get_one(env, synth) -> None:
    result = CliRunner().invoke(main, ["transcribe", str(synth("stop")), "--engine", "vosk"])
    assert result.exit_code == 1
    assert "hearth models install vosk-model-small-en-us-0.15" in result.output


def english_words(folder: Path) -> Path:
    """Give a placeholder model the vocabulary an English model has."""
    words = "<eps> 0\nminute 1\ncheck 2\npause 3\nspace 4\nappreciate 5\n"
    (folder / "graph" / "words.txt").write_text(words, encoding="utf-8")
    return folder


def test_engine_choice_and_message(
    env, tmp_path, model_folder, korean_model_path, korean_model
) -> None:
    settings = Settings(models_dir=tmp_path / "models")
    auto = choose_engine(settings)
    assert auto.engine == "sphinx"
    assert "PocketSphinx" in auto.message and "hearth models install" in auto.message
    assert choose_engine(settings, "sphinx").engine == "sphinx"
    with pytest.raises(ModelError):
        choose_engine(settings, "vosk")
    english_words(model_folder(tmp_path / "models" / "vosk-model-x"))
    found = choose_engine(settings)
    assert found.engine == "vosk" and "vosk-model-x" in found.message
    assert "Vosk" in describe_engine(settings)
    # auto with a real model builds a real Vosk recognizer
    rec = create_recognizer(settings, model=korean_model_path, grammar=None)
    assert rec.name == "vosk" and rec.mode == "command"


def test_transcribe_file_api(env, synth) -> None:
    result = transcribe_file(synth("hey hearth"), engine="sphinx")
    assert result["text"] == "hey hearth" and result["engine"] == "sphinx"
    assert set(result) == {"text", "confidence", "words", "engine", "mode"}


def test_models_verify_and_list(env, tmp_path, korean_model_path) -> None:
    runner = CliRunner()
    broken = tmp_path / "broken"
    broken.mkdir()
    result = runner.invoke(main, ["models", "verify", str(broken)])
    assert result.exit_code == 1 and "missing am/final.mdl" in result.output
    result = runner.invoke(main, ["models", "verify", str(korean_model_path)])
    assert result.exit_code == 0 and "is a Vosk model" in result.output
    result = runner.invoke(main, ["models", "verify"])
    assert result.exit_code == 1 and "no Vosk model found" in result.output
    result = runner.invoke(main, ["models", "list"])
    assert result.exit_code == 0
    assert "vosk-model-small-en-us-0.15" in result.output and "(none)" in result.output


def test_models_install_via_cli(env, tmp_path, model_server, model_zip) -> None:
    # The catalog has no checksum for this one: install prints the computed sha256.
    data = model_zip("vosk-model-small-de-0.15", tmp_path / "src")
    model_server.files["/models/vosk-model-small-de-0.15.zip"] = data
    runner = CliRunner()
    result = runner.invoke(
        main, ["models", "install", "vosk-model-small-de-0.15", "--url", model_server.base]
    )
    assert result.exit_code == 0, result.output
    import hashlib

    assert hashlib.sha256(data).hexdigest() in result.output
    assert "could not be verified" in result.output
    assert (tmp_path / "models" / "vosk-model-small-de-0.15" / "am" / "final.mdl").is_file()
    result = runner.invoke(main, ["models", "list"])
    assert "installed" in result.output
    result = runner.invoke(main, ["models", "install", "vosk-model-small-de-0.15"])
    assert result.exit_code == 0 and "already installed" in result.output


def test_models_install_offline_is_one_line(env, tmp_path, closed_port) -> None:
    result = CliRunner().invoke(
        main,
        [
            "models",
            "install",
            "vosk-model-small-en-us-0.15",
            "--url",
            f"http://127.0.0.1:{closed_port}/x",
        ],
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot download") and result.output.count("\n") == 1
    assert not (tmp_path / "models" / "vosk-model-small-en-us-0.15").exists()
