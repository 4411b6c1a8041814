"""Intent data and spoken lines are found from an installed wheel, not only a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("hearth-*.whl")
    return built


def test_wheel_carries_the_data_files(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("assistant/_data/intents/templates/") for n in names)
    assert any(n.startswith("assistant/_data/intents/responses/") for n in names)
    assert "assistant/_data/models/catalog.toml" in names


def test_installed_wheel_finds_and_uses_its_own_data(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import json, assistant.resources as r; from assistant.nlu import load_parser;"
        "print(json.dumps([str(r.intents_dir()),"
        " load_parser().parse('hey hearth we need a minute').to_json_dict()]))"
    )
    # -I: isolated mode, so the checkout on sys.path cannot leak in.
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {probe}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    import json

    data_dir, parsed = json.loads(result.stdout)
    assert data_dir.startswith(str(site))
    assert parsed["intent"] == "pause"
    assert parsed["slots"] == {"seconds": 60}
