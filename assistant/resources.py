"""Find Hearth's data files both in a checkout and in an installed wheel.

In a wheel the top-level `intents/` and `models/catalog.toml` are copied into
`assistant/_data/`; in a checkout (or an editable install) they sit beside the
package. The wheel copy wins when both exist.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder that holds `intents/` (and `models/catalog.toml`)."""
    bundled = _PACKAGE_DIR / "_data"
    if (bundled / "intents").is_dir():
        return bundled
    return _PACKAGE_DIR.parent


def intents_dir() -> Path:
    """Intent templates, spoken responses and check-in questions."""
    return data_root() / "intents"


def model_catalog_path() -> Path:
    """The catalog of known downloadable speech models."""
    return data_root() / "models" / "catalog.toml"


def checkout_models_dir() -> Path | None:
    """`models/` of a source checkout, or None when running from a wheel."""
    candidate = _PACKAGE_DIR.parent / "models"
    return candidate if (_PACKAGE_DIR.parent / "pyproject.toml").is_file() else None
