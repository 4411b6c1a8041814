"""Build the shipped fallback classifier (`intents/fallback.npz`) in a checkout:

    python -m assistant.nlu.train_fallback

Run it after changing the templates, the tuning sets or `assistant/nlu/fallback.py`
(a test says when the shipped model is out of date). Takes a few minutes.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.nlu.fallback import (
    FALLBACK,
    MODEL_FILE,
    Fallback,
    build_key,
    save,
    templates_key,
    tuning_lines,
)


def main() -> None:
    """Train the fallback on a checkout's templates and tuning sets; write it shipped."""
    from assistant.nlu import load_parser
    from assistant.nlu.loader import template_files
    from assistant.resources import data_root, intents_dir

    root = data_root()
    config = replace(FALLBACK, data_files=tuning_lines(root), data_root=str(root))
    if not config.data_files:
        raise SystemExit("no tuning sets under tests/nlu/data: build it in a checkout")
    folder = intents_dir()
    templates = template_files(folder)
    fallback = Fallback.train(load_parser(fallback=False), config)
    target = folder / MODEL_FILE
    save(fallback, target, templates_key(templates, config), build_key(templates, config))
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
