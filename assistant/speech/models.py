"""Vosk model management: the catalog, lookup, verification and installation.

Lookup order for the model Hearth uses (first hit wins):

1. `--model PATH` (or `HEARTH_MODEL`): both land in `Settings.model_path`;
   an explicit choice that is not a valid model is an error, never skipped;
2. the `models/` folder of a source checkout;
3. the user data folder (`Settings.models_dir`), where `install` puts models.

`install` is the only code in Hearth that uses the network. It downloads into
`<name>.zip.part` (resumed with an HTTP Range request), checks the sha256,
unpacks into a temporary folder beside the target and renames it into place,
so a model folder is either complete or absent.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import shutil
import struct
import tempfile
import tomllib
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.errors import ModelError
from assistant.resources import checkout_models_dir, model_catalog_path

URL_BASE_ENV = "HEARTH_MODEL_URL_BASE"
SOURCE_FILE = "hearth-source.json"
"""Written into an installed model: where it came from and its sha256."""

# What Vosk needs to load a model. The decoding graph is either one static
# HCLG.fst or a lookahead pair HCLr.fst + Gr.fst (small models).
_REQUIRED = ("am/final.mdl", "conf/model.conf")
_GRAPHS = (("graph/HCLG.fst",), ("graph/HCLr.fst", "graph/Gr.fst"))


@dataclass(frozen=True)
class CatalogEntry:
    """A downloadable model from `models/catalog.toml`.

    Attributes:
        name: the model's name, also its folder name once installed.
        language: language tag, e.g. "en-us".
        size_mb: download size in MB (approximate, for display).
        file: archive file name under the base URL.
        sha256: expected sha256 of the archive; None when no trustworthy
            checksum is known (install then prints the one it computed).
        description: one line for `hearth models list`.
    """

    name: str
    language: str
    size_mb: float
    file: str
    sha256: str | None
    description: str = ""

    def url(self, base: str) -> str:
        return f"{base.rstrip('/')}/{self.file}"


@dataclass(frozen=True)
class Catalog:
    """The catalog file: the official base URL and the known models."""

    base_url: str
    models: tuple[CatalogEntry, ...]

    def get(self, name: str) -> CatalogEntry:
        for entry in self.models:
            if entry.name == name:
                return entry
        known = ", ".join(e.name for e in self.models)
        raise ModelError(f"unknown model {name!r}; known models: {known}")


def load_catalog(path: Path | None = None) -> Catalog:
    """Read the model catalog (a clear error when it is broken)."""
    path = path or model_catalog_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        entries = tuple(
            CatalogEntry(
                name=m["name"],
                language=m["language"],
                size_mb=float(m["size_mb"]),
                file=m.get("file", f"{m['name']}.zip"),
                sha256=(m.get("sha256") or "").lower() or None,
                description=m.get("description", ""),
            )
            for m in raw.get("model", [])
        )
        return Catalog(raw["base_url"], entries)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{path}: broken model catalog ({exc})") from None


def url_base(catalog: Catalog, override: str | None = None) -> str:
    """The download base URL: `--url`, else `$HEARTH_MODEL_URL_BASE`, else the catalog's."""
    return override or os.environ.get(URL_BASE_ENV) or catalog.base_url


# -- verification and lookup -------------------------------------------------


def missing_model_files(folder: Path) -> list[str]:
    """What a folder lacks to be a Vosk model ([] when it is one)."""
    missing = [rel for rel in _REQUIRED if not (folder / rel).is_file()]
    if not any(all((folder / rel).is_file() for rel in graph) for graph in _GRAPHS):
        missing.append("graph/HCLG.fst (or graph/HCLr.fst + graph/Gr.fst)")
    return missing


def verify_model(folder: str | Path) -> Path:
    """Return the folder if it is a Vosk model; else raise naming what is missing."""
    folder = Path(folder).expanduser()
    if not folder.exists():
        raise ModelError(f"{folder}: no such model folder")
    if not folder.is_dir():
        raise ModelError(f"{folder}: not a folder (a Vosk model is a folder; unzip it first)")
    missing = missing_model_files(folder)
    if missing:
        raise ModelError(f"{folder}: not a Vosk model: missing {', '.join(missing)}")
    return folder


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@dataclass(frozen=True)
class FoundModel:
    """A model chosen by the lookup order.

    Attributes:
        path: the model folder.
        source: where it was found: "--model/HEARTH_MODEL", "checkout" or "user".
    """

    path: Path
    source: str


def model_dirs(settings: Settings) -> list[tuple[str, Path]]:
    """Folders that hold installed models, in lookup order, labelled."""
    dirs: list[tuple[str, Path]] = []
    checkout = checkout_models_dir()
    if checkout is not None:
        dirs.append(("checkout", checkout))
    dirs.append(("user", settings.models_dir))
    return dirs


def installed_models(settings: Settings) -> list[FoundModel]:
    """Every valid model folder in the model folders, in lookup order."""
    found: list[FoundModel] = []
    for label, parent in model_dirs(settings):
        if not parent.is_dir():
            continue
        for child in sorted(parent.iterdir()):
            if child.is_dir() and not child.name.startswith(".") and not missing_model_files(child):
                found.append(FoundModel(child, label))
    return found


COMMAND_WORDS = ("minute", "check", "pause", "space", "appreciate")
"""Words of Hearth's commands that an English model's vocabulary has (4 of 5 suffice)."""


def _vocabulary_knows(folder: Path, words: tuple[str, ...]) -> int | None:
    """How many of `words` the model's vocabulary has; None when it cannot be read.

    The vocabulary is graph/words.txt, else the word symbol table OpenFst stores
    inside graph/Gr.fst or graph/HCLG.fst (each symbol a little-endian int32 length
    followed by its UTF-8 bytes): what Vosk itself reads when words.txt is absent.
    """
    words_txt = folder / "graph" / "words.txt"
    if words_txt.is_file():
        try:
            with words_txt.open(encoding="utf-8", errors="replace") as lines:
                vocabulary = {line.split(maxsplit=1)[0] for line in lines if line.strip()}
        except OSError:
            return None
        return sum(word in vocabulary for word in words)
    for name in ("Gr.fst", "HCLG.fst"):
        graph = folder / "graph" / name
        if not graph.is_file():
            continue
        try:
            with (
                graph.open("rb") as handle,
                mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
            ):
                if data.find(struct.pack("<i", 5) + b"<eps>") < 0:
                    return None  # no symbol table stored in this graph
                encoded = [word.encode("utf-8") for word in words]
                return sum(data.find(struct.pack("<i", len(w)) + w) >= 0 for w in encoded)
        except (OSError, ValueError):
            return None
    return None


def model_language(folder: Path) -> str | None:
    """The catalog language of an installed model (by folder name), else None."""
    try:
        entries = load_catalog().models
    except ModelError:
        return None
    return next((e.language for e in entries if e.name == folder.name), None)


def understands_commands(folder: Path) -> bool:
    """Whether Hearth can use this model: its vocabulary has the command words, or (when
    the vocabulary cannot be read) the catalog says it is an English model."""
    known = _vocabulary_knows(folder, COMMAND_WORDS)
    if known is not None:
        return known >= len(COMMAND_WORDS) - 1
    language = model_language(folder)
    return language is not None and language.startswith("en")


def unusable_models(settings: Settings) -> list[FoundModel]:
    """Installed models that are never picked automatically (not English)."""
    return [f for f in installed_models(settings) if not understands_commands(f.path)]


def find_model(settings: Settings, model: str | Path | None = None) -> FoundModel | None:
    """The Vosk model to use, by the lookup order; None when there is none.

    An explicit model (`model` argument or `settings.model_path`) must be
    valid: a mistyped path is reported, not silently replaced. Found by lookup,
    only a model that knows Hearth's command words is picked (a German or
    Chinese model would leave Hearth deaf to English commands).
    """
    explicit = model or settings.model_path
    if explicit:
        return FoundModel(verify_model(explicit), "--model/HEARTH_MODEL")
    usable = (f for f in installed_models(settings) if understands_commands(f.path))
    return next(usable, None)


# -- installation ---------------------------------------------------------------

Progress = Callable[[int, int | None], None]
"""Called with (bytes so far, total bytes or None) while downloading."""


@dataclass(frozen=True)
class Installed:
    """The result of `install`.

    Attributes:
        path: the model folder.
        sha256: sha256 of the downloaded archive.
        verified: True when it matched the catalog's checksum; False when the
            catalog has none (the computed one is recorded and printed).
        already: True when the model was already installed (nothing downloaded).
    """

    path: Path
    sha256: str
    verified: bool
    already: bool = False


def install(
    name: str,
    settings: Settings,
    base: str | None = None,
    progress: Progress | None = None,
    catalog: Catalog | None = None,
    timeout: float = 30.0,
) -> Installed:
    """Download, check and unpack a catalog model into `settings.models_dir`."""
    catalog = catalog or load_catalog()
    entry = catalog.get(name)
    target = settings.models_dir / entry.name
    if target.is_dir() and not missing_model_files(target):
        recorded = _read_source(target)
        return Installed(target, recorded.get("sha256", ""), recorded.get("verified", False), True)
    try:
        settings.models_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create {settings.models_dir}: {exc.strerror or exc}") from None
    url = entry.url(url_base(catalog, base))
    part = settings.models_dir / f"{entry.file}.part"
    _download(url, part, progress, timeout)
    digest = _sha256(part)
    if entry.sha256 and digest != entry.sha256:
        part.unlink(missing_ok=True)  # bad bytes: resuming them would never succeed
        raise ModelError(
            f"{entry.file}: checksum mismatch (expected {entry.sha256}, got {digest}); "
            "the download was removed, please try again"
        )
    _unpack(part, target, {"url": url, "sha256": digest, "verified": bool(entry.sha256)})
    part.unlink(missing_ok=True)
    return Installed(target, digest, bool(entry.sha256))


def _read_source(folder: Path) -> dict:
    try:
        return json.loads((folder / SOURCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _download(url: str, part: Path, progress: Progress | None, timeout: float) -> None:
    """Fetch `url` into `part`, resuming from its current size with HTTP Range."""
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "hearth"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # nothing left to fetch: the .part is complete
            return
        raise ModelError(f"cannot download {url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"cannot download {url}: {reason} (offline?)") from None
    with response:
        resumed = response.status == 206
        if not resumed:
            have = 0  # the server ignored Range: start over
        length = response.headers.get("Content-Length")
        total = have + int(length) if length and length.isdigit() else None
        try:
            with part.open("ab" if resumed else "wb") as out:
                if progress:
                    progress(have, total)
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    have += len(chunk)
                    if progress:
                        progress(have, total)
        except (OSError, urllib.error.URLError) as exc:
            raise ModelError(
                f"download of {url} was interrupted ({exc}); run the same command again to resume"
            ) from None
    if total is not None and have < total:
        raise ModelError(
            f"download of {url} was interrupted at {have} of {total} bytes; "
            "run the same command again to resume"
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while block := data.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _unpack(archive: Path, target: Path, source: dict) -> None:
    """Extract beside `target`, check it is a model, then rename it into place."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                root = tmp.resolve()
                for member in zf.namelist():
                    dest = (tmp / member).resolve()
                    if dest != root and root not in dest.parents:
                        raise ModelError(f"{archive.name}: unsafe path in archive: {member}")
                zf.extractall(tmp)
        except zipfile.BadZipFile:
            archive.unlink(missing_ok=True)
            raise ModelError(f"{archive.name}: the download is not a zip archive") from None
        entries = [p for p in tmp.iterdir() if not p.name.startswith("__MACOSX")]
        model_root = entries[0] if len(entries) == 1 and entries[0].is_dir() else tmp
        missing = missing_model_files(model_root)
        if missing:
            raise ModelError(f"{archive.name}: not a Vosk model: missing {', '.join(missing)}")
        (model_root / SOURCE_FILE).write_text(json.dumps(source, indent=2), encoding="utf-8")
        if target.exists():  # an older, broken copy: move it aside, then drop it
            stale = target.with_name(f".{target.name}.stale")
            shutil.rmtree(stale, ignore_errors=True)
            target.rename(stale)
            shutil.rmtree(stale, ignore_errors=True)
        model_root.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
