"""`hearth config path|show|init`: which configuration file, what is in effect, a starter."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.errors import HearthError


@click.group("config")
def config_group() -> None:
    """Show or start Hearth's configuration file (TOML)."""


@config_group.command("path")
def config_path_command() -> None:
    """Print the configuration file in use, how it was chosen, and whether it exists."""
    from assistant.config import config_path

    path, chosen_by = config_path()
    state = "exists" if path.is_file() else "does not exist (defaults apply)"
    click.echo(f"{path}  ({chosen_by}; {state})")


@config_group.command("show")
def config_show() -> None:
    """Print every effective setting and where it came from (default, file, environment)."""
    from dataclasses import fields

    from assistant.config import Settings, load_config, toml_value

    loaded = load_config()
    state = "" if loaded.exists else " (not there: defaults apply)"
    click.echo(f"# file: {loaded.path}{state}")
    for item in fields(Settings):
        value = getattr(loaded.settings, item.name)
        shown = "(not set)" if value is None else toml_value(value)
        click.echo(f"{item.name} = {shown}  # {loaded.sources[item.name]}")


@config_group.command("init")
@click.option("--force", is_flag=True, help="Overwrite a file that is already there.")
def config_init(force: bool) -> None:
    """Write a commented starting file at the configuration path."""
    from assistant.config import config_path, starter_file

    path, _ = config_path()
    if path.exists() and not force:
        raise HearthError(f"{path}: already exists; keep it, or use --force to overwrite it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(starter_file(), encoding="utf-8")
    except OSError as exc:
        raise HearthError(f"{path}: cannot write: {exc.strerror}") from None
    click.echo(f"Wrote {path}; edit it, then check it with `hearth config show`.")


COMMANDS: list[click.Command] = [config_group]
