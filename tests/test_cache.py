"""The start-up cache: built once, reused while nothing changed, rebuilt when the data
or code changes, and never fatal (a damaged entry or an unwritable folder only costs
the time to build)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import cache
from assistant.resources import intents_dir


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def few_intents(tmp_path) -> Path:
    """An intents folder holding two of Hearth's own template files (the shared rules and
    the pause): these tests are about the cache, and compiling all the templates (every
    one of them is in tests/nlu/test_nlu_cache.py) takes most of a minute per build."""
    folder = tmp_path / "intents"
    (folder / "templates").mkdir(parents=True)
    for name in ("common.yaml", "pause.yaml"):
        shutil.copy(intents_dir() / "templates" / name, folder / "templates" / name)
    return folder


def test_built_once_then_loaded(cache_dir, tmp_path) -> None:
    data = tmp_path / "data.txt"
    data.write_text("one")
    builds = []

    def build() -> dict:
        builds.append(1)
        return {"value": data.read_text()}

    key = cache.content_key([data])
    assert cache.cached("thing", key, build) == {"value": "one"}
    assert cache.cached("thing", key, build) == {"value": "one"}
    assert len(builds) == 1
    entries = list(cache_dir.iterdir())
    assert [p.name for p in entries] == [f"thing-{key}.pickle"]  # no temporary left over

    data.write_text("two")  # the data changed: a new key, a rebuild, the old entry gone
    key2 = cache.content_key([data])
    assert key2 != key
    assert cache.cached("thing", key2, build) == {"value": "two"}
    assert len(builds) == 2
    assert [p.name for p in cache_dir.iterdir()] == [f"thing-{key2}.pickle"]


def test_a_family_keeps_its_most_recently_used_entries(cache_dir, monkeypatch) -> None:
    """One intent matcher per template folder: folders that come and go (checkouts, a
    reinstall) must not fill the disk, and the folder in use keeps its entry."""
    monkeypatch.setattr(cache, "FAMILY_KEEP", 3)
    key = cache.content_key([], "x")
    for n in range(3):
        cache.cached(f"kind-{n}", key, lambda n=n: n, family="kind")
        os.utime(cache_dir / f"kind-{n}-{key}.pickle", (1000 + n, 1000 + n))
    cache.cached("other", key, lambda: "not of the family")
    assert cache.cached("kind-0", key, lambda: pytest.fail("rebuilt")) == 0  # used now
    cache.cached("kind-3", key, lambda: 3, family="kind")  # a fourth folder
    kept = sorted(p.name.rsplit("-", 1)[0] for p in cache_dir.glob("*.pickle"))
    assert kept == ["kind-0", "kind-2", "kind-3", "other"]  # kind-1 was used longest ago


def test_a_damaged_entry_is_rebuilt(cache_dir) -> None:
    key = cache.content_key([], "x")
    cache.cached("thing", key, lambda: [1, 2, 3])
    entry = cache_dir / f"thing-{key}.pickle"
    for damage in (b"", b"not a pickle at all", entry.read_bytes()[:10]):
        entry.write_bytes(damage)
        assert cache.cached("thing", key, lambda: [1, 2, 3]) == [1, 2, 3]
        assert cache.cached("thing", key, lambda: pytest.fail("rebuilt twice")) == [1, 2, 3]


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(blocker / "cache"))
    assert cache.cached("thing", "k", lambda: "built") == "built"


def _parse(text: str, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "parse", *extra, text],
        capture_output=True, text=True, env={**os.environ, **env}, check=False, timeout=120,
    )  # fmt: skip


def test_hearth_parse_fills_uses_and_repairs_the_cache(cache_dir, few_intents) -> None:
    env = {"HEARTH_CACHE_DIR": str(cache_dir)}
    intents = ("--intents", str(few_intents))
    cold = _parse("we need a minute", env, *intents)
    assert cold.returncode == 0 and '"intent": "pause"' in cold.stdout
    (entry,) = cache_dir.glob("intents-*.pickle")
    inode = entry.stat().st_ino
    warm = _parse("we need a minute", env, *intents)
    assert warm.stdout == cold.stdout
    assert entry.stat().st_ino == inode  # loaded, not rebuilt (an entry is renamed into place)
    entry.write_bytes(b"\x80\x05garbage")
    repaired = _parse("we need a minute", env, *intents)
    assert repaired.returncode == 0 and repaired.stdout == cold.stdout
    assert "Traceback" not in repaired.stderr
    assert entry.stat().st_size > 1000  # written again, whole


def test_changed_templates_are_never_read_from_a_stale_entry(cache_dir, few_intents) -> None:
    from assistant.nlu import _compiled

    mine = few_intents
    before = _compiled(str(mine)).parse("zebra tango crossing")
    assert before.name != "time_left"
    pause = mine / "templates" / "pause.yaml"
    text = pause.read_text()
    marker = "  time_left:\n    templates:\n"
    at = text.index(marker) + len(marker)
    pause.write_text(text[:at] + '      - "zebra tango crossing"\n' + text[at:])
    assert _compiled(str(mine)).parse("zebra tango crossing").name == "time_left"
