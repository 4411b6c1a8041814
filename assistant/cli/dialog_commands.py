"""Dialog commands: `hearth simulate`, `hearth chat`, and queries over the log
(`hearth summary`, `hearth history`, `hearth forget`). Thin: options in, library out."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import click

from assistant.errors import HearthError

_DB_HELP = "the SQLite log (default: $HEARTH_DB or the user data folder)"


def _settings(db: Path | None):
    from assistant.config import load_settings

    return load_settings().with_overrides(db_path=db)


def _open_store(db: Path | None):
    from assistant.store import Store

    return Store(_settings(db).db_path)


def _parse_start(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise HearthError(f"--start: not an ISO date and time: {value!r}") from None


@click.command()
@click.argument("script", type=click.Path(path_type=Path))
@click.option(
    "--start", "start", metavar="ISO", help="wall-clock date and time at t=0 (default: now)"
)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    help="keep the log in this SQLite file (default: a throwaway in-memory log)",
)
def simulate(script: Path, start: str | None, db: Path | None) -> None:
    """Run a SCRIPT of timed utterances on a virtual clock; print JSON lines.

    SCRIPT lines: '@SECONDS utterance', '@SECONDS' alone (run the clock), '# comment'.
    """
    from assistant.dialog.simulate import read_script, run_script
    from assistant.store import Store

    steps = read_script(script)
    begin = _parse_start(start)
    if steps and begin is not None:
        try:
            begin + timedelta(seconds=steps[-1].t)
        except OverflowError:
            raise HearthError(
                f"{script}:{steps[-1].line}: time {steps[-1].t:g} s after --start {start} "
                "is past the year 9999"
            ) from None
    store = Store(db) if db else Store(":memory:")
    try:
        run_script(steps, sys.stdout, start=begin, store=store, settings=_settings(None))
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
@click.option("-v", "--verbose", is_flag=True, help="also show events (timers, logging)")
def chat(db: Path | None, verbose: bool) -> None:
    """Talk to Hearth by typing; replies are printed. Timers keep running. Ctrl-D ends."""
    import queue
    import threading

    from assistant.clock import RealClock
    from assistant.dialog.engine import Engine
    from assistant.dialog.output import TerminalOutput
    from assistant.lock import InstanceLock
    from assistant.scheduler import run_realtime
    from assistant.store import Store

    settings = _settings(db)
    _lock = InstanceLock(settings.db_path).acquire()  # held until the process ends
    store = Store(settings.db_path)
    engine = Engine(store, TerminalOutput(sys.stdout, verbose), RealClock(), settings=settings)
    engine.parser  # noqa: B018 - load templates now, not on the first line typed
    inbox: queue.Queue[str | None] = queue.Queue()

    def read_stdin() -> None:  # the only other thread: it just feeds the queue
        for line in sys.stdin:
            inbox.put(line.rstrip("\n"))
        inbox.put(None)

    threading.Thread(target=read_stdin, daemon=True, name="hearth-stdin").start()
    if sys.stdin.isatty():
        click.echo("Type what you would say to Hearth (Ctrl-D to quit).")
    try:
        engine.start()
        run_realtime(engine, inbox)
    except KeyboardInterrupt:
        pass
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
def summary(db: Path | None) -> None:
    """Print this week against last week, as Hearth would say it."""
    from assistant.dialog import actions as act
    from assistant.dialog.responses import Responses
    from assistant.dialog.skills.summary import report_actions, weekly_report

    store = _open_store(db)
    try:
        responses = Responses()
        for action in report_actions(weekly_report(store, datetime.now())):
            if isinstance(action, act.Say):
                click.echo(action.text or responses.pick(action.key, **action.fields))
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
@click.option("-n", "--limit", default=20, show_default=True, help="how many events")
@click.option("--kind", help="only events of this kind (e.g. command, feedback)")
def history(db: Path | None, limit: int, kind: str | None) -> None:
    """Print the most recent logged events as JSON lines, newest first."""
    import json

    store = _open_store(db)
    try:
        for event in store.events(kind=kind, limit=max(1, limit)):
            click.echo(json.dumps(event, ensure_ascii=False))
    finally:
        store.close()


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=_DB_HELP)
@click.option("--yes", is_flag=True, help="do not ask for confirmation")
def forget(db: Path | None, yes: bool) -> None:
    """Erase every stored row (history, appreciations, ideas) and compact the file."""
    store = _open_store(db)
    try:
        if not yes and not click.confirm(
            f"Erase everything Hearth stored in {store.path}?", default=False
        ):
            click.echo("Nothing was erased.")
            return
        store.forget()
        click.echo("Everything was erased.")
    finally:
        store.close()


COMMANDS: list[click.Command] = [simulate, chat, summary, history, forget]
