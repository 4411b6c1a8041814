"""What Hearth does once it has understood a request: dialog state, skills, spoken lines.

Public API: `Engine` and the `Output` protocol (assistant.dialog.engine), `Responses`
(assistant.dialog.responses), `run_script` / `parse_script` (assistant.dialog.simulate).
"""

from assistant.dialog.engine import Engine, Output

__all__ = ["Engine", "Output"]
