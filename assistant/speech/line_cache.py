"""Rendered lines kept for the next time they are said.

Most of what Hearth says are known lines ("Thirty seconds left.", the pause's
opening lines), and rendering one costs up to a few hundred milliseconds on a small
machine: that delay is heard after every request. So each rendered line is kept in
memory for this run and on disk (the user cache folder) for the next ones, keyed by
the text and everything that changes its sound (voice, rate, rendering volume,
pyttsx3 version).

Memory holds only what the disk does not: lines rendered this run and not yet
confirmed, and the last few lines read from disk. Reading a stored line back takes
well under a millisecond, while holding all of them (about 280 lines, 150 KB each)
added some 45 MB to a listening Hearth, for nothing heard.

Only lines Hearth was told are known (`allow`: lines from its data files, with no
value of the couple's in them) are kept: a line that reads back an appreciation or
an idea must not outlive `hearth forget` in a cache.

A line reaches the disk only after two renders of it agreed in length: the driver
can, rarely, hand over a line cut short under load, and a bad copy on disk would be
said forever. A disk that is full, read-only or holds a damaged entry costs a
render, never a line.

Each sound (voice, rate, volume, driver) has its own folder, and only the folders of
the `SOUNDS_KEPT` sounds used last are kept: every change of voice or speed renders
the lines anew, and on a small device the old sets (tens of MB each) must not pile up.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
from collections import OrderedDict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

AGREE = 0.01
"""Two renders of a line agree when their lengths differ by less than this fraction."""

SOUNDS_KEPT = 3
"""How many sounds' folders of lines are kept (the most recently used)."""


class LineCache:
    """Rendered samples by text: on disk once confirmed, in memory until then.

    Args:
        folder: where confirmed lines are stored; None keeps them in memory only.
        voice, rate, volume: the synthesizer settings the samples were rendered with.
        capacity: lines rendered this run and not on disk, kept in memory.
        recent: lines read back from disk, kept in memory (the last ones said).

    `sound_folder` is where this sound's lines are stored (a folder in `folder`).
    """

    def __init__(
        self,
        folder: Path | None,
        voice: str,
        rate: int,
        volume: float,
        capacity: int = 512,
        recent: int = 16,
    ) -> None:
        self.capacity = capacity
        self.recent = recent
        self._sound = f"{voice}\0{rate}\0{volume:.3f}\0{_driver_version()}"
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._read_back: OrderedDict[str, np.ndarray] = OrderedDict()
        self._allowed: set[str] = set()
        sound = hashlib.sha256(self._sound.encode()).hexdigest()[:16]
        self.sound_folder = None if folder is None else folder / sound
        if folder is not None:
            _keep_recent_sounds(folder, self.sound_folder)

    def allow(self, texts: Iterable[str]) -> None:
        """Mark `texts` as lines that may be kept (known lines, nothing personal)."""
        self._allowed.update(texts)

    def get(self, text: str) -> np.ndarray | None:
        """The samples of `text` if rendered before (this run, or confirmed on disk)."""
        if text not in self._allowed:
            return None
        key = self._key(text)
        for held in (self._memory, self._read_back):
            samples = held.get(key)
            if samples is not None:
                held.move_to_end(key)
                return samples
        samples = self._read(key)
        if samples is not None:
            _keep(self._read_back, key, samples, self.recent)
        return samples

    def has(self, text: str) -> bool:
        """`get(text)` would return samples, without keeping a stored line in memory
        (a damaged entry is removed, as `get` would)."""
        if text not in self._allowed:
            return False
        key = self._key(text)
        return key in self._memory or key in self._read_back or self._read(key) is not None

    def held(self) -> int:
        """How many lines are in memory now."""
        return len(self._memory) + len(self._read_back)

    def put(self, text: str, samples: np.ndarray) -> None:
        """Keep a fresh render of `text` (if allowed); store it on disk once a second
        render agrees."""
        if text not in self._allowed:
            return
        key = self._key(text)
        _keep(self._memory, key, samples, self.capacity)
        path = self._path(key)
        if path is None:
            return
        # The first render's length waits on disk (a later run may give the second).
        pending = path.with_suffix(".first")
        try:
            earlier = int(pending.read_text())
        except (OSError, ValueError):
            earlier = None
        if earlier is not None and abs(earlier - len(samples)) <= AGREE * max(earlier, 1):
            if self._write(key, samples):
                del self._memory[key]  # on disk now: read back when said
                _keep(self._read_back, key, samples, self.recent)
            with contextlib.suppress(OSError):
                pending.unlink()
            return
        try:
            pending.parent.mkdir(parents=True, exist_ok=True)
            pending.write_text(str(len(samples)))
        except OSError as exc:
            log.info("a rendered line could not be cached (%s)", exc.strerror or exc)

    # -- internals ----------------------------------------------------------------------

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self._sound}\0{text}".encode()).hexdigest()[:32]

    def _path(self, key: str) -> Path | None:
        return None if self.sound_folder is None else self.sound_folder / f"{key}.npy"

    def _read(self, key: str) -> np.ndarray | None:
        path = self._path(key)
        if path is None or not path.exists():
            return None
        try:
            samples = np.load(path, allow_pickle=False)
        except (OSError, ValueError, EOFError) as exc:
            log.info("a cached line could not be read (%s); rendering it again", type(exc).__name__)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        if samples.dtype != np.int16 or samples.ndim != 1 or samples.size == 0:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return samples

    def _write(self, key: str, samples: np.ndarray) -> bool:
        """Store `samples` on disk; False when the disk would not take them."""
        path = self._path(key)
        if path is None:
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written whole, then renamed: a reader never sees half a line.
            handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    np.save(out, np.asarray(samples, dtype=np.int16), allow_pickle=False)
                os.replace(tmp, path)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        except OSError as exc:
            log.info("a rendered line could not be cached (%s)", exc.strerror or exc)
            return False
        return True


def _keep(held: OrderedDict[str, np.ndarray], key: str, samples: np.ndarray, size: int) -> None:
    """Put `samples` last in `held`, dropping the oldest beyond `size`."""
    held[key] = samples
    held.move_to_end(key)
    while len(held) > size:
        held.popitem(last=False)


def _keep_recent_sounds(folder: Path, mine: Path) -> None:
    """Mark `mine` as used now; remove all but the `SOUNDS_KEPT` most recently used
    sound folders under `folder`, and lines stored loose there (before lines had a
    folder per sound, their sound unknown). Another Hearth still using a folder removed
    here renders its lines again."""
    with contextlib.suppress(OSError):
        os.utime(mine)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # no folder yet, or unreadable: nothing to tidy
    sounds = []
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                if entry.path != str(mine):
                    sounds.append((entry.stat().st_mtime, entry.path))
            elif entry.name.endswith((".npy", ".first", ".tmp")):
                os.unlink(entry.path)
    for _, old in sorted(sounds, reverse=True)[SOUNDS_KEPT - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def _driver_version() -> str:
    try:
        return metadata.version("pyttsx3")
    except metadata.PackageNotFoundError:  # pragma: no cover - pyttsx3 is a dependency
        return "?"
