"""`.ci/run` and the README say the same: the system packages the tests need, and the
one test command (CI must run exactly what the README tells a developer to run)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _ci_apt_packages() -> set[str]:
    """The packages of `.ci/run`'s `apt-get install` (continued lines joined)."""
    joined = CI.replace("\\\n", " ")
    line = next(x for x in joined.splitlines() if "apt-get install" in x)
    words = line.split("apt-get install", 1)[1].split(">")[0].split()
    return {w for w in words if not w.startswith("-")}


def _readme_packages() -> set[str]:
    """The README's one list: the backticked words after "The tests need these system
    packages (...):"."""
    start = README.index("The tests need these system packages")
    listed = re.search(r"\):\s*`([^`]+)`", README[start:])
    assert listed is not None
    return set(listed.group(1).split())


def test_the_readme_lists_every_package_ci_installs() -> None:
    # python3 itself is on every machine that reads the README; CI installs it for
    # bare images.
    assert _readme_packages() == _ci_apt_packages() - {"python3"}


def test_ci_runs_the_readmes_test_command() -> None:
    command = re.search(r"```sh\n(python3 -m pytest[^\n]*)\n```", README)
    assert command is not None
    assert CI.rstrip().splitlines()[-1] == command.group(1)
