"""A disk cache for what Hearth compiles at start-up (the intent matcher, the speech
grammar, PocketSphinx's command language model), so a restart takes a fraction of a
second instead of seconds.

An entry is a pickle in the user cache folder (`HEARTH_CACHE_DIR` overrides it),
named by a key: a hash of the content of every file the result was built from (the
data files and the modules that build it), Hearth's version, the Python version and
any parameters. A change to any of them makes a new key, so a stale entry is never
used. Entries are written atomically (a temporary file renamed into place) and carry
a SHA-256 of their content: an entry that cannot be read, or whose bytes changed on
disk (a bit flipped in an array still unpickles), is rebuilt; a cache folder that
cannot be written only costs the time to build. Nothing here is ever fatal.

Entries of one name replace each other. Names can also form a family (one intent
matcher per template folder: "intents-<folder hash>"); a family keeps its
`FAMILY_KEEP` most recently used entries, so folders that come and go (checkouts,
test folders, a reinstall elsewhere) do not fill the disk.

Everything is generic: the cache pickles whatever object `build` returns and knows
nothing of its internals.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from assistant import __version__

log = logging.getLogger(__name__)

T = TypeVar("T")

_MAGIC = b"hearth-cache 2\n"
"""An entry is this, the SHA-256 of the pickle, then the pickle."""
_DIGEST = hashlib.sha256().digest_size

_PACKAGE = Path(__file__).resolve().parent

FAMILY_KEEP = 4
"""How many entries of one family are kept (the most recently used)."""


def cache_dir() -> Path:
    """Where entries live: `$HEARTH_CACHE_DIR`, else the user cache folder."""
    override = os.environ.get("HEARTH_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("hearth", appauthor=False))


def code_files(*packages: str) -> list[Path]:
    """The Python files of Hearth's sub-packages `packages` (e.g. "nlu"): a result built
    by their code is rebuilt when that code changes."""
    files: list[Path] = []
    for name in packages:
        folder = _PACKAGE / name
        files += sorted(folder.glob("*.py")) if folder.is_dir() else [folder.with_suffix(".py")]
    return files


def content_key(files: Iterable[Path], *params: Any) -> str:
    """A hash of the files' content, Hearth's and Python's versions, and `params`."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}|{sys.version_info[:3]}|{params!r}".encode())
    for path in sorted(Path(f) for f in files):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def cached(name: str, key: str, build: Callable[[], T], family: str | None = None) -> T:
    """The object stored under `name` and `key`, or `build()` stored there now.
    `family`, a prefix of `name`, caps how many such names keep an entry."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle"
    value = _load(path)
    if value is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the family's cap keeps the recently used
        return value
    value = build()
    _store(folder, name, path, value)
    if family is not None:
        _keep_recent(folder, family, path)
    return value


def _load(path: Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError:
        return None  # not cached yet (or unreadable): build it
    head, digest = data[: len(_MAGIC)], data[len(_MAGIC) : len(_MAGIC) + _DIGEST]
    body = memoryview(data)[len(_MAGIC) + _DIGEST :]
    if head != _MAGIC or hashlib.sha256(body).digest() != digest:
        log.info("cache entry %s damaged or of an older format; rebuilding it", path.name)
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    # Unpickling makes many small objects: the collector would scan them again and
    # again meanwhile (it roughly doubled the load time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(body)
    except Exception as exc:  # a damaged or foreign entry: rebuild it, never fail
        log.info("cache entry %s unreadable (%s); rebuilding it", path.name, type(exc).__name__)
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    finally:
        if enabled:
            gc.enable()


def _store(folder: Path, name: str, path: Path, value: Any) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + hashlib.sha256(data).digest())
                out.write(data)
            os.replace(temporary, path)  # readers see the old entry or the whole new one
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    except Exception as exc:  # a full disk or an object that will not pickle: only slower
        log.info("could not cache %s (%s); it is rebuilt at each start", name, exc)
        return
    for stale in folder.glob(f"{name}-*.pickle"):  # entries of older data or code
        if stale != path:
            with contextlib.suppress(OSError):
                stale.unlink()


def _keep_recent(folder: Path, family: str, fresh: Path) -> None:
    """Remove all but the `FAMILY_KEEP` most recently used entries of `family`."""
    entries = []
    for entry in folder.glob(f"{family}-*.pickle"):
        with contextlib.suppress(OSError):
            entries.append((entry == fresh, entry.stat().st_mtime, entry))
    entries.sort(reverse=True)  # the fresh entry first, then the most recently used
    for _, _, old in entries[FAMILY_KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
