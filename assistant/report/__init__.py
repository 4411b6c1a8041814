"""`hearth report`: one self-contained HTML page looking back over the last weeks.

`data` computes what to show from the log, `charts` draws it (matplotlib, inline SVG),
`page` lays it out. The written summary at the top is the spoken weekly summary's
lines, so the page and Hearth's voice say the same thing in the same words.
"""

from __future__ import annotations

from datetime import datetime

from assistant.store import Store


def summary_lines(store: Store, now: datetime) -> list[str]:
    """The spoken weekly summary as written sentences (fixed variants: the same log gives
    the same page)."""
    from assistant.dialog import actions as act
    from assistant.dialog.responses import Responses
    from assistant.dialog.skills.summary import report_actions, weekly_report

    responses = Responses(seed=0)
    return [
        a.text or responses.pick(a.key, **a.fields)
        for a in report_actions(weekly_report(store, now))
        if isinstance(a, act.Say)
    ]


def build_report(store: Store, now: datetime, weeks: int = 8) -> str:
    """The report page (HTML) for the `weeks` weeks up to `now`."""
    from assistant.report import page
    from assistant.report.data import collect

    return page.render(collect(store, now, weeks), summary_lines(store, now))
