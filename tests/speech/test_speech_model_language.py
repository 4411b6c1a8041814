"""A non-English Vosk model is never picked automatically: Hearth would be deaf to
English commands. Checked on the real Korean model's vocabulary (inside Gr.fst)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.config import Settings
from assistant.errors import ModelError
from assistant.speech import models as m
from assistant.speech.recognizer import RECOMMENDED_MODEL, choose_engine


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr(m, "checkout_models_dir", lambda: None)
    return Settings(models_dir=tmp_path / "models")


def test_the_vocabulary_is_read_from_the_real_graph(korean_model_path: Path) -> None:
    assert m._vocabulary_knows(korean_model_path, m.COMMAND_WORDS) == 0
    assert m._vocabulary_knows(korean_model_path, ("안녕하세요", "minute")) == 1
    assert not m.understands_commands(korean_model_path)


def test_a_korean_model_is_not_picked_and_the_message_says_why(
    settings: Settings, korean_model_path: Path
) -> None:
    settings.models_dir.mkdir()
    (settings.models_dir / "a-home-made-model").symlink_to(korean_model_path)
    assert [f.path.name for f in m.installed_models(settings)] == ["a-home-made-model"]
    assert m.find_model(settings) is None
    auto = choose_engine(settings)
    assert auto.engine == "sphinx"
    assert "a-home-made-model: does not know English commands" in auto.message
    with pytest.raises(ModelError) as caught:
        choose_engine(settings, "vosk")
    assert "no English Vosk model found (a-home-made-model" in str(caught.value)
    assert f"hearth models install {RECOMMENDED_MODEL}" in str(caught.value)
    # Named explicitly, it is the user's choice (the tests use it so).
    assert choose_engine(settings, "vosk", korean_model_path).engine == "vosk"


def test_catalog_languages_decide_for_a_graph_without_a_vocabulary(
    settings: Settings, model_folder
) -> None:
    """The bug: `-cn` and `-de` sort before `-en-us` and were picked first."""
    for name in ("vosk-model-small-cn-0.22", "vosk-model-small-de-0.15"):
        model_folder(settings.models_dir / name)
    assert m.find_model(settings) is None
    model_folder(settings.models_dir / "vosk-model-small-en-us-0.15")
    assert m.find_model(settings).path.name == "vosk-model-small-en-us-0.15"
    result = CliRunner().invoke(
        main, ["models", "list"], env={"HEARTH_MODELS_DIR": str(settings.models_dir)}
    )
    listed = [line for line in result.output.splitlines() if "MB  /" in line]
    assert sum("(not English: not used)" in line for line in listed) == 2


def test_installing_a_german_model_says_it_will_not_be_used(
    tmp_path, settings, model_server, model_zip
) -> None:
    data = model_zip("vosk-model-small-de-0.15", tmp_path / "src")
    model_server.files["/models/vosk-model-small-de-0.15.zip"] = data
    result = CliRunner().invoke(
        main,
        ["models", "install", "vosk-model-small-de-0.15", "--url", model_server.base],
        env={"HEARTH_MODELS_DIR": str(settings.models_dir)},
    )
    assert result.exit_code == 0, result.output
    assert "does not know Hearth's English command words" in result.output
    assert m.find_model(settings) is None
