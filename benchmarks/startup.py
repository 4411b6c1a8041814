"""Start-up time and memory: `hearth parse` and `hearth run`, cold and warm cache.

Usage: python benchmarks/startup.py [--runs N] [--breakdown]

Each figure is a real `hearth` process, with Hearth's modules compiled to bytecode
as an installed copy has them (see `_installed_env`). "Cold" starts with an empty
cache folder (HEARTH_CACHE_DIR), which is the baseline measured in the same run: it
compiles the intent templates, the speech grammar and the language model as every
start did before the cache. "Warm" starts with the cache filled by the cold run.

- `hearth parse "we need a minute"`: wall time to the answer (target <= 0.5 s warm).
- `hearth run --input-wav` (real time, 20 s of quiet, replies to a WAV file): wall
  time from the start of the process to its "Listening." line (target <= 1.5 s
  warm), and its resident memory then and at the end of the file (target
  <= 200 MB with the built-in PocketSphinx engine).

`--breakdown` adds where a warm `hearth run` start goes, phase by phase, in a
fresh process: imports, the cached parser and grammar, then the real
`SphinxRecognizer` start under cProfile, split into its command model search, its
strict grammar follower and the rest. Two variants (not what Hearth runs) show
what PocketSphinx's slow steps would cost otherwise: the command model's search
over the model's own words instead of the full dictionary, and the strict
follower (built from the engine's own arguments) without alternative
pronunciations.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

TEXT = "we need a minute"


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    """CPU seconds (user and system, all threads) the process has used so far."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parse_once(env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `hearth parse`."""
    start, cpu = time.perf_counter(), _children_cpu_s()
    subprocess.run(
        [sys.executable, "-m", "assistant", "parse", TEXT],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start, _children_cpu_s() - cpu


def run_once(
    env: dict[str, str], folder: Path, quiet_wav: Path
) -> tuple[float, float, float, float]:
    """(seconds to "Listening.", CPU seconds used by then, RSS MB then, peak RSS MB while
    listening). CPU time grows much less than wall time when other work loads
    the machine; it leaves out the speech helper process, which starts alongside."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "run", "--input-wav", str(quiet_wav),
         "--output-wav", str(folder / "out.wav"), "--db", str(folder / "h.db")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    listening: list[float] = []
    ready = threading.Event()

    def watch() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.strip() == "Listening." and not ready.is_set():
                listening.extend((time.perf_counter() - start, _cpu_s(proc.pid)))
                ready.set()
        ready.set()

    threading.Thread(target=watch, daemon=True).start()
    ready.wait(timeout=300)
    if not listening:
        proc.kill()
        raise SystemExit("hearth run never said it was listening")
    at_start = _rss_mb(proc.pid)
    peak = at_start
    while proc.poll() is None:
        peak = max(peak, _rss_mb(proc.pid))
        time.sleep(0.2)
    return listening[0], listening[1], at_start, peak


def _breakdown_child() -> None:
    """Print one line per start-up phase (run in a fresh process, warm cache)."""
    import cProfile
    import pstats
    import shutil

    marks: list[tuple[str, float, float]] = []
    last = time.perf_counter()

    def mark(what: str, seconds: float | None = None) -> None:
        nonlocal last
        now = time.perf_counter()
        marks.append((what, now - last if seconds is None else seconds, _rss_mb(os.getpid())))
        last = time.perf_counter()

    def show(rows: list[tuple[str, float, float]]) -> None:
        print("\n".join(f"  {s:5.2f} s  {rss:4.0f} MB  {what}" for what, s, rss in rows))

    from assistant import live  # noqa: F401  (what `hearth run` imports before the engine)

    mark("imports (live loop, dialog, store, numpy, click)")
    import pocketsphinx

    from assistant.nlu import load_parser
    from assistant.speech import sphinx_strict
    from assistant.speech.grammar import compile_arpa
    from assistant.speech.recognizer import default_grammar
    from assistant.speech.sphinx_engine import SphinxRecognizer

    mark("imports (speech engine)")
    load_parser()
    mark("intent parser from the cache")
    grammar = default_grammar("hey hearth")
    mark("command grammar from the cache")

    # The engine's own start, profiled; the strict follower's arguments are kept (its
    # dictionary file is copied) to build it once more without alternative pronunciations.
    folder = tempfile.mkdtemp(prefix="hearth-startup-")
    follower_args: list[tuple] = []
    follower_init = sphinx_strict.StrictFollower.__init__

    def keep_args(self, ps, grammar_, options, dictionary=None):  # type: ignore[no-untyped-def]
        if grammar_ is not None and dictionary:
            kept = os.path.join(folder, f"strict-{len(follower_args)}.dict")
            shutil.copy(dictionary, kept)
            follower_args.append((grammar_, options, kept))
        follower_init(self, ps, grammar_, options, dictionary)

    sphinx_strict.StrictFollower.__init__ = keep_args  # type: ignore[method-assign]
    profile = cProfile.Profile()
    started = time.perf_counter()
    recognizer = profile.runcall(SphinxRecognizer, grammar)
    total = time.perf_counter() - started
    sphinx_strict.StrictFollower.__init__ = follower_init  # type: ignore[method-assign]
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]

    def cumulative(name: str) -> float:
        return sum(v[3] for (_, _, func), v in stats.items() if func == name)

    lm = cumulative("_add_lm")
    strict = cumulative("keep_args")
    mark("PocketSphinx engine (SphinxRecognizer), of which:", total)
    marks += [
        ("  command model search (add_lm, full dictionary)", lm, marks[-1][2]),
        ("  strict grammar follower (its decoder and search)", strict, marks[-1][2]),
        ("  the rest (main decoder: acoustic model, open model, dictionary)",
         total - lm - strict, marks[-1][2]),
    ]  # fmt: skip
    show(marks)
    marks.clear()
    print("  variants (not what Hearth runs):")
    decoder = recognizer._decoder
    arpa, words = compile_arpa(recognizer.grammar)
    lm_path = os.path.join(folder, "command.arpa")
    Path(lm_path).write_text(arpa, encoding="utf-8")
    os.mkdir(os.path.join(folder, "lm"))  # grammar_dictionary names its file itself
    lm_dict = sphinx_strict.grammar_dictionary(
        decoder.config["dict"], " ".join(sorted(words)), os.path.join(folder, "lm")
    )
    mark("-")
    alone = pocketsphinx.Decoder(logfn=os.devnull, dither=False, lm=None, dict=lm_dict)
    alone.add_lm("command", pocketsphinx.NGramModel(alone.config, alone.logmath, lm_path))
    mark("command model search over its own words only (decoder and add_lm)")
    for grammar_, options, dictionary in follower_args:
        plain = {**options, "fsgusealtpron": False}
        sphinx_strict.StrictFollower(pocketsphinx, grammar_, plain, dictionary)
        mark("strict grammar follower without alternative pronunciations")
    show(marks[1:])
    shutil.rmtree(folder, ignore_errors=True)


def breakdown(env: dict[str, str]) -> None:
    print("hearth run start, phase by phase (warm cache, fresh process; time, RSS after):")
    subprocess.run(
        [sys.executable, __file__, "--breakdown-child"], env=env, check=True
    )  # fmt: skip


def _medians(timings: list[tuple[float, float]]) -> tuple[float, float]:
    """The median wall time and the median CPU time."""
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def _timing(timing: tuple[float, float]) -> str:
    return f"{timing[0]:.2f} s ({timing[1]:.2f} s CPU)"


def _installed_env(folder: Path, env: dict[str, str]) -> dict[str, str]:
    """`env` with Hearth's modules compiled to bytecode, as `pip install` leaves them.

    The bytecode goes to a private folder (PYTHONPYCACHEPREFIX), not the source tree;
    where PYTHONDONTWRITEBYTECODE is set every start would compile every module again,
    which no installed copy does."""
    import assistant

    env = {**env, "PYTHONPYCACHEPREFIX": str(folder / "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    package = str(Path(assistant.__file__).resolve().parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=env, check=True)
    return env


def _quiet(path: Path, seconds: float) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(bytes(2 * int(16000 * seconds)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm runs (median)")
    parser.add_argument("--breakdown", action="store_true", help="also time each phase")
    parser.add_argument("--breakdown-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.breakdown_child:
        _breakdown_child()
        return
    with tempfile.TemporaryDirectory(prefix="hearth-startup-") as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        env = _installed_env(folder, {**os.environ, "HEARTH_CACHE_DIR": str(cache)})
        quiet = folder / "quiet.wav"
        _quiet(quiet, 20.0)
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at start")

        cold_parse = parse_once(env)  # fills the intents entry
        warm_parse = [parse_once(env) for _ in range(args.runs)]
        warm_timing = _timing(_medians(warm_parse))
        print(f"hearth parse: cold cache {_timing(cold_parse)}, warm cache {warm_timing} "
              f"(median of {args.runs}; target <= 0.5 s)")  # fmt: skip
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            source_env = {**os.environ, "HEARTH_CACHE_DIR": str(cache)}
            from_source = [parse_once(source_env) for _ in range(args.runs)]
            print("  warm cache without bytecode (PYTHONDONTWRITEBYTECODE is set here: every "
                  f"module compiled at each start): {_timing(_medians(from_source))}")  # fmt: skip

        for entry in cache.glob("*"):
            entry.unlink()
        cold_run, cold_cpu, cold_rss, cold_peak = run_once(env, folder, quiet)
        warm = [run_once(env, folder, quiet) for _ in range(args.runs)]
        warm_run, warm_cpu = _medians([(w[0], w[1]) for w in warm])
        warm_rss = statistics.median(w[2] for w in warm)
        warm_peak = max(w[3] for w in warm)
        print(f"hearth run to listening: cold cache {_timing((cold_run, cold_cpu))}, warm "
              f"cache {_timing((warm_run, warm_cpu))} (median of {args.runs}; "
              "target <= 1.5 s)")  # fmt: skip
        print(f"RSS while listening: {warm_rss:.0f} MB at start, {warm_peak:.0f} MB peak "
              f"(cold start: {cold_rss:.0f} / {cold_peak:.0f} MB; target <= 200 MB)")  # fmt: skip
        if args.breakdown:
            breakdown(env)
        print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
