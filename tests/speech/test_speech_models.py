"""Model catalog, lookup order, verification and installation (local HTTP server only)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ModelError
from assistant.speech import models as m
from assistant.speech.models import find_model, install, load_catalog, verify_model


def test_catalog_lists_official_models_with_real_checksums() -> None:
    catalog = load_catalog()
    assert catalog.base_url == "https://alphacephei.com/vosk/models"
    small = catalog.get("vosk-model-small-en-us-0.15")
    assert small.language == "en-us"
    assert small.sha256 == "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"
    assert small.url(catalog.base_url).endswith("/vosk-model-small-en-us-0.15.zip")
    assert all(e.sha256 is None or len(e.sha256) == 64 for e in catalog.models)
    with pytest.raises(ModelError, match="unknown model 'nope'"):
        catalog.get("nope")


def test_verify_names_what_is_missing(tmp_path: Path, model_folder) -> None:
    broken = tmp_path / "broken"
    (broken / "am").mkdir(parents=True)
    (broken / "am" / "final.mdl").write_bytes(b"x")
    with pytest.raises(ModelError) as err:
        verify_model(broken)
    assert "conf/model.conf" in str(err.value)
    assert "graph/HCLG.fst" in str(err.value)
    assert "am/final.mdl" not in str(err.value)
    with pytest.raises(ModelError, match="no such model folder"):
        verify_model(tmp_path / "absent")
    assert verify_model(model_folder(tmp_path / "good")) == tmp_path / "good"


def test_real_korean_model_verifies(korean_model_path: Path) -> None:
    assert verify_model(korean_model_path) == korean_model_path  # lookahead graph: HCLr + Gr


def english(folder: Path) -> Path:
    """A placeholder model whose vocabulary has the English command words."""
    words = "".join(f"{w} {i}\n" for i, w in enumerate(["<eps>", *m.COMMAND_WORDS]))
    (folder / "graph" / "words.txt").write_text(words, encoding="utf-8")
    return folder


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, model_folder) -> None:
    checkout = tmp_path / "checkout"
    user = tmp_path / "user"
    monkeypatch.setattr(m, "checkout_models_dir", lambda: checkout)
    settings = Settings(models_dir=user)
    assert find_model(settings) is None

    english(model_folder(user / "b-user-model"))
    assert find_model(settings).path == user / "b-user-model"
    assert find_model(settings).source == "user"

    english(model_folder(checkout / "z-checkout-model"))
    (checkout / "not-a-model").mkdir()
    assert find_model(settings).path == checkout / "z-checkout-model"  # checkout before user

    explicit = model_folder(tmp_path / "explicit")
    env_settings = Settings(models_dir=user, model_path=explicit)  # HEARTH_MODEL
    assert find_model(env_settings).path == explicit
    flag = model_folder(tmp_path / "flag")
    assert find_model(env_settings, flag).path == flag  # --model beats HEARTH_MODEL

    # An explicit model that is not one is an error, not silently skipped.
    with pytest.raises(ModelError, match="not a Vosk model"):
        find_model(Settings(models_dir=user, model_path=tmp_path / "checkout"))


def _settings(tmp_path: Path) -> Settings:
    return Settings(models_dir=tmp_path / "models")


def test_install_downloads_verifies_and_unpacks(
    tmp_path, model_server, catalog_for, model_zip
) -> None:
    data = model_zip("vosk-model-test", tmp_path / "src")
    model_server.files["/models/vosk-model-test.zip"] = data
    catalog = load_catalog(catalog_for("vosk-model-test", data))
    seen: list[tuple[int, int | None]] = []
    result = install(
        "vosk-model-test",
        _settings(tmp_path),
        base=model_server.base,
        catalog=catalog,
        progress=lambda done, total: seen.append((done, total)),
    )
    target = tmp_path / "models" / "vosk-model-test"
    assert result.path == target and result.verified and not result.already
    assert verify_model(target) == target
    assert seen[-1] == (len(data), len(data))
    source = json.loads((target / m.SOURCE_FILE).read_text())
    assert source["sha256"] == hashlib.sha256(data).hexdigest() and source["verified"]
    # Nothing else is left beside the model: no .part, no temporary folder.
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["vosk-model-test"]
    again = install("vosk-model-test", _settings(tmp_path), base=model_server.base, catalog=catalog)
    assert again.already
    assert len(model_server.requests) == 1


def test_install_resumes_a_dropped_download(tmp_path, model_server, catalog_for, model_zip) -> None:
    data = model_zip("vosk-model-test", tmp_path / "src")
    model_server.files["/models/vosk-model-test.zip"] = data
    catalog = load_catalog(catalog_for("vosk-model-test", data))
    model_server.truncate_next = len(data) // 3
    with pytest.raises(ModelError, match=r"interrupted.*again to resume"):
        install("vosk-model-test", _settings(tmp_path), base=model_server.base, catalog=catalog)
    part = tmp_path / "models" / "vosk-model-test.zip.part"
    assert part.stat().st_size == len(data) // 3
    assert not (tmp_path / "models" / "vosk-model-test").exists()

    result = install(
        "vosk-model-test", _settings(tmp_path), base=model_server.base, catalog=catalog
    )
    assert result.verified
    assert model_server.requests[-1][1] == f"bytes={len(data) // 3}-"  # resumed, not restarted
    assert not part.exists()
    verify_model(result.path)


def test_install_rejects_a_checksum_mismatch(
    tmp_path, model_server, catalog_for, model_zip
) -> None:
    data = model_zip("vosk-model-test", tmp_path / "src")
    model_server.files["/models/vosk-model-test.zip"] = data[:-10] + b"0123456789"
    catalog = load_catalog(catalog_for("vosk-model-test", data))
    with pytest.raises(ModelError, match="checksum mismatch"):
        install("vosk-model-test", _settings(tmp_path), base=model_server.base, catalog=catalog)
    assert list((tmp_path / "models").iterdir()) == []  # nothing half-written


def test_install_without_known_checksum_records_the_computed_one(
    tmp_path, model_server, catalog_for, model_zip
) -> None:
    data = model_zip("vosk-model-test", tmp_path / "src")
    model_server.files["/models/vosk-model-test.zip"] = data
    catalog = load_catalog(catalog_for("vosk-model-test", data, checksum=False))
    result = install(
        "vosk-model-test", _settings(tmp_path), base=model_server.base, catalog=catalog
    )
    assert not result.verified
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert json.loads((result.path / m.SOURCE_FILE).read_text())["verified"] is False


def test_install_of_a_zip_that_is_not_a_model_leaves_nothing(
    tmp_path, model_server, catalog_for
) -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("vosk-model-test/README", "hello")
    data = buf.getvalue()
    model_server.files["/models/vosk-model-test.zip"] = data
    catalog = load_catalog(catalog_for("vosk-model-test", data))
    with pytest.raises(ModelError, match=r"not a Vosk model: missing am/final\.mdl"):
        install("vosk-model-test", _settings(tmp_path), base=model_server.base, catalog=catalog)
    assert not (tmp_path / "models" / "vosk-model-test").exists()
    assert not [p for p in (tmp_path / "models").iterdir() if p.is_dir()]


def test_install_offline_fails_with_one_line(tmp_path, closed_port, catalog_for) -> None:
    catalog = load_catalog(catalog_for("vosk-model-test", b"x"))
    with pytest.raises(ModelError) as err:
        install(
            "vosk-model-test",
            _settings(tmp_path),
            base=f"http://127.0.0.1:{closed_port}/models",
            catalog=catalog,
            timeout=5,
        )
    assert "cannot download" in str(err.value) and "\n" not in str(err.value)
    assert not (tmp_path / "models" / "vosk-model-test").exists()
    assert not (tmp_path / "models" / "vosk-model-test.zip.part").exists()


def test_url_base_comes_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = load_catalog()
    assert m.url_base(catalog) == catalog.base_url
    monkeypatch.setenv("HEARTH_MODEL_URL_BASE", "http://127.0.0.1:1/mirror")
    assert m.url_base(catalog) == "http://127.0.0.1:1/mirror"
    assert m.url_base(catalog, "http://127.0.0.1:2/x") == "http://127.0.0.1:2/x"
