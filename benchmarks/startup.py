"""Start-up time and memory: `hearth parse` and `hearth run`, cold and warm cache.

Usage: python benchmarks/startup.py [--runs N] [--breakdown] [--baseline REV]

Each figure is a real `hearth` process, with Hearth's modules compiled to bytecode
as an installed copy has them (see `_installed_env`). "Cold" starts with an empty
cache folder (HEARTH_CACHE_DIR), which is the baseline measured in the same run: it
compiles the intent templates, the speech grammar and the language model as every
start did before the cache. "Warm" starts with the cache filled by the cold run.

- `hearth parse "we need a minute"`: wall time to the answer (target <= 0.5 s warm).
- `hearth run --input-wav` (real time, replies to a WAV file): wall time from the
  start of the process to its "Listening." line (target <= 1.5 s warm), and its
  resident memory then and at its peak (target <= 200 MB with the built-in
  PocketSphinx engine). The file is 6 s of quiet, "hey hearth, we need a minute"
  (espeak-ng) and 12 s of quiet: the peak includes hearing and answering a command,
  which a file of quiet alone never showed (the open reading's decoding and the
  reply took about 25 MB more).

`--baseline REV` also starts `hearth run` with the code of git revision REV (checked
out in a temporary worktree, its own cache and bytecode), interleaved with the current
code's runs, so the two are measured under the same load.

`--breakdown` adds where a warm `hearth run` start goes, phase by phase, in a
fresh process: imports, the cached parser and grammar, then the real
`SphinxRecognizer` start under cProfile, split into its command dictionary, its command model
search, its strict grammar follower and the rest. Then what is built later (the open
model, at the first dictation) and two variants (not what Hearth runs): the command
model's search over the full dictionary (as it was built before), and the strict
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
    env: dict[str, str], folder: Path, quiet_wav: Path, cwd: Path | None = None
) -> tuple[float, float, float, float]:
    """(seconds to "Listening.", CPU seconds used by then, RSS MB then, peak RSS MB while
    listening). CPU time grows much less than wall time when other work loads
    the machine; it leaves out the speech helper process, which starts alongside."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "run", "--input-wav", str(quiet_wav),
         "--output-wav", str(folder / "out.wav"), "--db", str(folder / "h.db")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd,
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
    trim = cumulative("trim_dictionary")
    strict = cumulative("keep_args")
    mark("PocketSphinx engine (SphinxRecognizer), of which:", total)
    marks += [
        ("  command dictionary (trim_dictionary, from the cache)", trim, marks[-1][2]),
        ("  command model search (add_lm, command words only)", lm, marks[-1][2]),
        ("  strict grammar follower (its decoder and search)", strict, marks[-1][2]),
        ("  the rest (command decoder: acoustic model)", total - lm - strict - trim,
         marks[-1][2]),
    ]  # fmt: skip
    show(marks)
    marks.clear()
    print("  later and variants (not part of the start):")
    mark("-")
    recognizer.set_mode("open")
    recognizer.set_mode("command")
    mark("open model, built when open mode is first asked for (dictation)")
    arpa, _ = compile_arpa(recognizer.grammar)
    lm_path = os.path.join(folder, "command.arpa")
    Path(lm_path).write_text(arpa, encoding="utf-8")
    mark("-")
    full = pocketsphinx.Decoder(logfn=os.devnull, dither=False, lm=None)
    full.add_lm("command", pocketsphinx.NGramModel(full.config, full.logmath, lm_path))
    mark("command model search over the full dictionary (as before; decoder and add_lm)")
    for grammar_, options, dictionary in follower_args:
        plain = {**options, "fsgusealtpron": False}
        sphinx_strict.StrictFollower(pocketsphinx, grammar_, plain, dictionary)
        mark("strict grammar follower without alternative pronunciations")
    show([m for m in marks if m[0] != "-"])
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


def _installed_env(
    folder: Path, env: dict[str, str], package: Path | None = None
) -> dict[str, str]:
    """`env` with Hearth's modules (`package`, default: the imported one) compiled to
    bytecode, as `pip install` leaves them.

    The bytecode goes to a private folder (PYTHONPYCACHEPREFIX), not the source tree;
    where PYTHONDONTWRITEBYTECODE is set every start would compile every module again,
    which no installed copy does."""
    if package is None:
        import assistant

        package = Path(assistant.__file__).resolve().parent
    env = {**env, "PYTHONPYCACHEPREFIX": str(folder / "bytecode")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], env=env, check=True)
    return env


def _runs_line(what: str, cold: tuple, warm: list[tuple], runs: int) -> str:
    """Two lines: time to "Listening." and RSS, cold and warm (median of `runs`)."""
    warm_run, warm_cpu = _medians([(w[0], w[1]) for w in warm])
    warm_rss = statistics.median(w[2] for w in warm)
    warm_peak = max(w[3] for w in warm)
    return (
        f"{what}hearth run to listening: cold cache {_timing((cold[0], cold[1]))}, warm "
        f"cache {_timing((warm_run, warm_cpu))} (median of {runs}; target <= 1.5 s)\n"
        f"{what}RSS while listening: {warm_rss:.0f} MB at start, {warm_peak:.0f} MB peak "
        f"(cold start: {cold[2]:.0f} / {cold[3]:.0f} MB; target <= 200 MB)\n"
        f"{what}  peak of each warm run: {' / '.join(f'{w[3]:.0f}' for w in warm)} MB (the "
        "first also renders the spoken lines a second time, to confirm them on disk)"
    )


def _quiet(path: Path, seconds: float) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(bytes(2 * int(16000 * seconds)))


def _with_a_command(path: Path) -> None:
    """6 s of quiet, a command, 12 s of quiet (quiet alone when espeak-ng is missing)."""
    said = path.with_suffix(".said.wav")
    try:
        subprocess.run(
            ["espeak-ng", "-v", "en-us", "-w", str(said), "hey hearth, we need a minute"],
            check=True, capture_output=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        print("espeak-ng is missing: the run hears 20 s of quiet, no command")
        _quiet(path, 20.0)
        return
    from assistant.speech.wav import load_pcm16, write_wav

    quiet = bytes(2 * 16000)
    write_wav(path, quiet * 6 + load_pcm16(said) + quiet * 12)  # 16 kHz mono


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm runs (median)")
    parser.add_argument("--breakdown", action="store_true", help="also time each phase")
    parser.add_argument("--breakdown-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--baseline", metavar="REV", help="also run `hearth run` at REV")
    args = parser.parse_args()
    if args.breakdown_child:
        _breakdown_child()
        return
    if args.baseline:
        from baseline_tree import checkout

        with checkout(args.baseline) as tree:
            _measure(args, tree)
    else:
        _measure(args, None)


def _measure(args: argparse.Namespace, baseline: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="hearth-startup-") as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        env = _installed_env(folder, {**os.environ, "HEARTH_CACHE_DIR": str(cache)})
        quiet = folder / "heard.wav"
        _with_a_command(quiet)
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
        # `python -m` puts the working folder first on the path: each code runs from
        # its own tree.
        envs = {"": (env, Path(__file__).resolve().parents[1])}
        if baseline is not None:
            base = folder / "baseline"
            base_env = {**os.environ, "HEARTH_CACHE_DIR": str(base / "cache"),
                        "PYTHONPATH": str(baseline)}  # fmt: skip
            base_env = _installed_env(base, base_env, baseline / "assistant")
            envs[f"baseline {args.baseline}: "] = (base_env, baseline)
        cold = {what: run_once(e, folder, quiet, cwd) for what, (e, cwd) in envs.items()}
        warm: dict[str, list[tuple]] = {what: [] for what in envs}
        for _ in range(args.runs):  # interleaved: both see the same load
            for what, (e, cwd) in envs.items():
                warm[what].append(run_once(e, folder, quiet, cwd))
        for what in envs:
            print(_runs_line(what, cold[what], warm[what], args.runs))
        if args.breakdown:
            breakdown(env)
        print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
