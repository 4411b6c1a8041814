"""Household voice adaptation for the built-in PocketSphinx model (`hearth enroll`).

The bundled acoustic model learned English from other people's voices. Each partner
reads Hearth's enrollment prompts once; from that speech SphinxTrain estimates one
MLLR transform, a small linear map that moves the model's sound units toward how this
household sounds. Every decoder then loads it (`mllr`). On the rooms benchmark's
held-out voices, commands heard right went from 29% to 34% and talk acted on from 6 to
4 of 108 (docs/hearing.md).

What is kept: per enrollment, the summed statistics SphinxTrain's `bw` writes
(`gauden_counts`: sums over sound units, no words, no audio) and the transform solved
from all of them (a few hundred numbers). The prompts' audio and features live only in
a temporary folder, removed when the session ends, whatever happens.

SphinxTrain is a Debian package, not a pip one: `apt install sphinxtrain
sphinxbase-utils pocketsphinx` gives `bw`, `mllr_solve`, `sphinx_fe` and
`pocketsphinx_mdef_convert`. Without them enrollment says so in one line; recognition
never needs them.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.errors import HearthError
from assistant.speech.sphinx_dict import read_dictionary
from assistant.speech.types import SAMPLE_RATE
from assistant.speech.wav import write_wav

if TYPE_CHECKING:
    from assistant.config import Settings

TRANSFORM_NAME = "mllr_matrix"
SESSIONS_DIR = "sessions"
COUNTS_NAME = "gauden_counts"
MIN_ALIGNED = 0.5
"""Fewer than this share of an enrollment's utterances could be used: the session is
refused and nothing changes."""
_SPHINXTRAIN_DIRS = ("/usr/lib/sphinxtrain", "/usr/local/lib/sphinxtrain")
_APT_HINT = "apt install sphinxtrain sphinxbase-utils pocketsphinx"
# The features the bundled model was trained on (its feat.params), for sphinx_fe and bw.
_FE_ARGS = ["-lowerf", "130", "-upperf", "6800", "-nfilt", "25", "-transform", "dct"]
_FE_ARGS += ["-lifter", "22", "-samprate", str(SAMPLE_RATE), "-dither", "no"]
_FE_ARGS += ["-remove_silence", "no"]
_BW_FEATURES = ["-feat", "1s_c_d_dd", "-svspec", "0-12/13-25/26-38", "-cmn", "batch"]
_BW_FEATURES += ["-agc", "none", "-ts2cbfn", ".ptm."]


class AdaptationError(HearthError):
    """Enrollment cannot run or its speech did not match the prompts."""


@dataclass(frozen=True)
class Tools:
    """The SphinxTrain and SphinxBase programs enrollment runs.

    Attributes:
        sphinx_fe: computes the model's features (MFCC) from WAV files.
        bw: aligns each utterance to its prompt and sums the statistics.
        mllr_solve: solves the transform from the summed statistics.
        mdef_convert: writes the model's definition as text, the form `bw` reads.
    """

    sphinx_fe: Path
    bw: Path
    mllr_solve: Path
    mdef_convert: Path


def find_tools() -> Tools:
    """The programs, from PATH or SphinxTrain's library folder; one line if missing."""

    def find(name: str) -> Path | None:
        found = shutil.which(name)
        if found:
            return Path(found)
        for folder in _SPHINXTRAIN_DIRS:
            candidate = Path(folder) / name
            if os.access(candidate, os.X_OK):
                return candidate
        return None

    names = ("sphinx_fe", "bw", "mllr_solve", "pocketsphinx_mdef_convert")
    paths = {name: find(name) for name in names}
    missing = [name for name, path in paths.items() if path is None]
    if missing:
        raise AdaptationError(
            f"voice enrollment needs SphinxTrain ({', '.join(missing)} not found): {_APT_HINT}"
        )
    return Tools(*paths.values())  # type: ignore[arg-type]


def load_prompts(path: Path | None = None) -> list[str]:
    """The enrollment sentences (intents/enrollment_prompts.txt), without the wake
    phrase; a broken file is named with its line."""
    from assistant.errors import IntentFileError
    from assistant.resources import intents_dir

    path = path or intents_dir() / "enrollment_prompts.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IntentFileError(path, 0, f"cannot read the enrollment prompts ({exc})") from None
    prompts = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if not all(part.replace("'", "").isalpha() for part in line.split()):
            raise IntentFileError(path, number, "a prompt holds only words (letters, ')")
        prompts.append(line.lower())
    if not prompts:
        raise IntentFileError(path, 0, "no enrollment prompts")
    return prompts


def model_folder() -> Path:
    """The bundled PocketSphinx acoustic model (the folder with `means`, `mdef`)."""
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "en-us"


def dictionary_path() -> Path:
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"


def unknown_words(sentences: Iterable[str]) -> list[str]:
    """Words of the sentences missing from the model's dictionary, sorted."""
    wanted = {word for sentence in sentences for word in sentence.split()}
    return sorted(wanted - _dictionary_words())


@cache
def _dictionary_words() -> frozenset[str]:
    return frozenset(read_dictionary(dictionary_path()))


def read_transform(path: Path) -> np.ndarray:
    """The transform's numbers, checked: PocketSphinx's text format (classes, streams,
    then per stream its size n, an n x n matrix, a bias of n and a variance scale of n).
    Raises ValueError when it is not a usable single-class transform."""
    words = path.read_text(encoding="ascii").split()
    n_class, n_stream = int(words[0]), int(words[1])
    if n_class != 1 or n_stream < 1:
        raise ValueError(f"{n_class} classes, {n_stream} streams")
    pos, values = 2, []
    for _ in range(n_stream):
        size = int(words[pos])
        count = size * size + 2 * size
        values += [float(w) for w in words[pos + 1 : pos + 1 + count]]
        pos += 1 + count
    numbers = np.array(values)
    if pos != len(words) or not np.all(np.isfinite(numbers)):
        raise ValueError(f"{len(words)} fields where {pos} finite ones belong")
    return numbers


class HouseholdAdaptation:
    """The household's enrollments and the transform solved from them.

    Args:
        folder: where they live (`adaptation_for(settings)`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def transform(self) -> Path:
        """The MLLR transform the recognizer loads (it may not exist)."""
        return self.folder / TRANSFORM_NAME

    def usable_transform(self) -> Path | None:
        """The transform when there is one and it reads as one, else None."""
        try:
            read_transform(self.transform)
        except (OSError, ValueError, IndexError, UnicodeDecodeError):
            return None
        return self.transform

    def sessions(self) -> list[Path]:
        """One folder of statistics per enrollment, oldest first."""
        root = self.folder / SESSIONS_DIR
        if not root.is_dir():
            return []
        return sorted(p for p in root.iterdir() if (p / COUNTS_NAME).is_file())

    def enroll(self, utterances: Sequence[tuple[bytes, str]], tools: Tools | None = None) -> int:
        """Add one person's enrollment and solve the transform again from every one.

        Args:
            utterances: (16 kHz mono int16 audio, the sentence read) per prompt.
            tools: the programs (default: `find_tools()`).

        Returns the number of utterances used. Raises AdaptationError, keeping the
        earlier enrollments and transform, when fewer than `MIN_ALIGNED` were (bw
        aligns any speech to its sentence: the caller checks that speech was heard).
        """
        tools = tools or find_tools()
        if not utterances:
            raise AdaptationError("no speech to enroll")
        unknown = unknown_words(sentence for _, sentence in utterances)
        if unknown:
            raise AdaptationError(f"words the model cannot spell out: {', '.join(unknown)}")
        model = prepared_model(tools)
        with tempfile.TemporaryDirectory(prefix="hearth-enroll-") as scratch:
            work = Path(scratch)
            aligned = _accumulate(utterances, work, model, tools)
            if aligned < MIN_ALIGNED * len(utterances):
                raise AdaptationError(
                    f"only {aligned} of {len(utterances)} sentences could be used; "
                    "nothing was changed (try again somewhere quieter, closer to the device)"
                )
            try:
                session = self._new_session_folder()
                shutil.copy(work / "acc" / COUNTS_NAME, session / (COUNTS_NAME + ".part"))
                (session / (COUNTS_NAME + ".part")).replace(session / COUNTS_NAME)
            except OSError as exc:
                raise AdaptationError(
                    f"cannot keep the voice adaptation in {self.folder}: {exc.strerror or exc}"
                ) from None
        try:
            self.solve(tools)
        except AdaptationError:
            shutil.rmtree(session, ignore_errors=True)
            raise
        return aligned

    def _new_session_folder(self) -> Path:
        root = self.folder / SESSIONS_DIR
        root.mkdir(parents=True, exist_ok=True)
        number = 1 + max((int(p.name) for p in root.iterdir() if p.name.isdigit()), default=0)
        session = root / f"{number:03d}"
        session.mkdir()
        return session

    def solve(self, tools: Tools | None = None) -> Path:
        """Solve the transform from every enrollment's statistics; replaces it whole."""
        tools = tools or find_tools()
        sessions = self.sessions()
        if not sessions:
            raise AdaptationError("no enrollment yet: run `hearth enroll`")
        model = prepared_model(tools)
        partial = self.folder / (TRANSFORM_NAME + ".part")
        command = [str(tools.mllr_solve), "-meanfn", str(model / "means")]
        command += ["-varfn", str(model / "variances"), "-outmllrfn", str(partial)]
        # One comma-separated list; relative to the folder, so no path holds a comma.
        listed = ",".join(str(p.relative_to(self.folder)) for p in sessions)
        command += ["-accumdir", listed]
        _run(command, self.folder, "mllr_solve")
        try:
            read_transform(partial)
        except (OSError, ValueError, IndexError) as exc:
            partial.unlink(missing_ok=True)
            raise AdaptationError(f"mllr_solve wrote no usable transform ({exc})") from None
        partial.replace(self.transform)
        return self.transform

    def forget(self) -> bool:
        """Remove every enrollment and the transform; True if there was anything."""
        existed = self.folder.exists()
        shutil.rmtree(self.folder, ignore_errors=True)
        return existed


def adaptation_for(settings: Settings) -> HouseholdAdaptation:
    """The household's adaptation, beside its log database (so a test's or a second
    household's `--db` folder has its own)."""
    return HouseholdAdaptation(Path(settings.db_path).parent / "voice-adaptation")


# -- the model in the form SphinxTrain reads -----------------------------------------


def prepared_model(tools: Tools) -> Path:
    """A copy of the bundled model with a text `mdef` and float `mixture_weights`
    (it ships a binary mdef and quantized weights, `sendump`), in the cache folder,
    made once per model."""
    from assistant.cache import cache_dir

    source = model_folder()
    stamp = "|".join(f"{p.name}:{p.stat().st_size}" for p in sorted(source.iterdir()))
    key = hashlib.sha1(stamp.encode()).hexdigest()[:12]
    target = cache_dir() / f"sphinxtrain-model-{key}"
    if (target / "mixture_weights").is_file():
        return target
    partial = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=_ensure(cache_dir())))
    for name in ("means", "variances", "transition_matrices", "noisedict", "feat.params"):
        shutil.copy(source / name, partial / name)
    _run([str(tools.mdef_convert), "-text", str(source / "mdef"), "mdef"], partial, "mdef")
    write_mixture_weights(read_sendump(source / "sendump"), partial / "mixture_weights")
    try:
        partial.replace(target)
    except OSError:  # another enrollment made it meanwhile
        shutil.rmtree(partial, ignore_errors=True)
    return target


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def read_sendump(path: Path) -> np.ndarray:
    """PocketSphinx's quantized mixture weights as probabilities, shaped (senones,
    streams, densities). The file: length-prefixed header strings up to an empty one,
    then the densities and senones counts, then per stream and density one byte per
    senone: -log base 1.0001 of the weight, shifted right by 10 bits."""
    data = path.read_bytes()
    pos = 0

    def int32() -> int:
        nonlocal pos
        (value,) = struct.unpack_from("<i", data, pos)
        pos += 4
        return value

    fields: dict[str, int] = {}
    length = int32()
    pos += length  # the title
    while (length := int32()) != 0:
        words = data[pos : pos + length].rstrip(b"\0").split()
        pos += length
        if len(words) == 2 and words[1].isdigit():
            fields[words[0].decode()] = int(words[1])
    if fields.get("cluster_count", 0) != 0:
        raise ValueError("clustered mixture weights are not supported")
    streams, shift = fields.get("feature_count", 1), fields.get("mixw_shift", 10)
    densities, senones = int32(), int32()
    if pos + streams * densities * senones != len(data):
        raise ValueError("sendump size does not match its header")
    raw = np.frombuffer(data, dtype=np.uint8, offset=pos).reshape(streams, densities, senones)
    weights = np.exp(-(raw.astype(np.float64) * (1 << shift)) * math.log(1.0001))
    return weights.transpose(2, 0, 1)


def write_mixture_weights(weights: np.ndarray, path: Path) -> None:
    """SphinxTrain's binary 3-d float file: a text header, the byte-order mark, the
    three sizes and the count, then the values (normalized per senone and stream)."""
    weights = weights / weights.sum(axis=2, keepdims=True)
    with open(path, "wb") as out:
        out.write(b"s3\nversion 1.0\nendhdr\n")
        out.write(struct.pack("<I", 0x11223344))
        out.write(struct.pack("<4I", *weights.shape, weights.size))
        out.write(weights.astype("<f4").tobytes())


# -- one enrollment's statistics -------------------------------------------------------


def _accumulate(
    utterances: Sequence[tuple[bytes, str]], work: Path, model: Path, tools: Tools
) -> int:
    """Features and `bw` statistics for the utterances, in `work`; how many aligned."""
    ids, lines = [], []
    for n, (pcm, sentence) in enumerate(utterances):
        name = f"u{n:03d}"
        write_wav(work / f"{name}.wav", with_noise_floor(pcm, seed=n))
        ids.append(name)
        lines.append(f"<s> {sentence} </s> ({name})")
    (work / "fileids").write_text("\n".join(ids) + "\n", encoding="utf-8")
    (work / "transcription").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fe = [str(tools.sphinx_fe), *_FE_ARGS, "-c", "fileids", "-di", ".", "-do", "."]
    _run([*fe, "-ei", "wav", "-eo", "mfc", "-mswav", "yes"], work, "sphinx_fe")
    (work / "acc").mkdir()
    bw = [str(tools.bw), "-hmmdir", str(model), "-moddeffn", str(model / "mdef")]
    bw += [*_BW_FEATURES, "-dictfn", str(dictionary_path())]
    bw += ["-fdictfn", str(model / "noisedict"), "-ctlfn", "fileids"]
    bw += ["-lsnfn", "transcription", "-accumdir", "acc", "-cepdir", ".", "-timing", "no"]
    log = _run(bw, work, "bw")
    if not (work / "acc" / COUNTS_NAME).is_file():
        return 0
    # bw prints one "utt>" line per utterance it used; one it could not read (too short,
    # a word it does not know) is left out with a complaint.
    return sum(1 for line in log.splitlines() if line.startswith("utt>"))


def with_noise_floor(pcm: bytes, seed: int) -> bytes:
    """The audio with the recognizer's own faint noise floor (`NOISE_FLOOR_DB`) added,
    as every decoder hears it: digital silence (exact zeros) upsets the features."""
    from assistant.speech.sphinx_engine import NOISE_FLOOR_DB, add_noise, noise_level

    return add_noise(pcm, noise_level(NOISE_FLOOR_DB), np.random.default_rng(seed))


def _run(command: list[str], cwd: Path, what: str) -> str:
    try:
        done = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AdaptationError(f"{what} could not run: {exc}") from None
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
        raise AdaptationError(f"{what} failed: {last}")
    return done.stdout + done.stderr
