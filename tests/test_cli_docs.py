"""Every `hearth` command is documented in the README (as sqlite-utils does)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from assistant.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _command_paths(group: click.Group, prefix: str = "hearth") -> list[str]:
    paths = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, path))
    return paths


def test_there_are_commands_to_document() -> None:
    assert len(_command_paths(main)) >= 5


@pytest.mark.parametrize("path", _command_paths(main))
def test_command_is_in_readme(path: str) -> None:
    assert f"`{path}" in README, f"README does not document `{path}`"


@pytest.mark.parametrize("path", _command_paths(main))
def test_command_has_help_text(path: str) -> None:
    command: click.Command = main
    for name in path.split()[1:]:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert (command.help or "").strip(), f"`{path}` has no help text"
