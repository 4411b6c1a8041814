"""The report as one self-contained HTML page: inline CSS (with a print stylesheet) and
inline SVG charts; no script, no font, image or link fetched from anywhere. A
Content-Security-Policy forbids the browser to load anything, so it stays true.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from assistant.report import charts
from assistant.report.data import Report

CALENDAR_WEEKS = 4
DAY_MARKS = {  # what happened on a day -> (colour, label in the legend)
    "checkin": (charts.SAGE, "check-in"),
    "pause": (charts.SLATE, "pause"),
    "space": (charts.GOLD, "time alone"),
    "ritual": (charts.PLUM, "ritual"),
    "win": (charts.TERRACOTTA, "win"),
}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

CSS = """
:root { --ink: #3d3530; --muted: #8a8079; --paper: #fffaf3; --card: #ffffff;
  --line: #eee5d8; --accent: #c8553d; --sage: #6f9a7a; }
* { box-sizing: border-box; }
html { background: var(--paper); }
body { margin: 0 auto; max-width: 920px; padding: 28px 24px 40px; color: var(--ink);
  font: 15px/1.55 "DejaVu Sans", "Segoe UI", system-ui, sans-serif; }
header { display: flex; align-items: baseline; justify-content: space-between;
  flex-wrap: wrap; gap: 4px 16px; margin-bottom: 14px; }
h1 { font: 600 27px/1.2 Georgia, "DejaVu Serif", serif; margin: 0; }
h2 { font: 600 17px/1.3 Georgia, "DejaVu Serif", serif; margin: 0 0 2px; }
.period { color: var(--muted); font-size: 13.5px; }
.summary { background: #fbeee4; border-left: 4px solid var(--accent); border-radius: 10px;
  padding: 14px 18px; margin-bottom: 18px; }
.summary p { margin: 0 0 6px; } .summary p:last-child { margin: 0; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; align-items: start; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 14px 16px 10px; break-inside: avoid; }
.card.wide { grid-column: 1 / -1; }
.caption { color: var(--muted); font-size: 13px; margin: 0 0 6px; }
svg.chart { width: 100%; height: auto; display: block; }
ul.words { margin: 6px 0 4px; padding-left: 0; list-style: none; }
ul.words li { padding: 5px 0; border-top: 1px solid var(--line); }
ul.words li:first-child { border-top: 0; }
.when { color: var(--muted); font-size: 12.5px; margin-right: 8px; white-space: nowrap; }
.tag { font-size: 12px; border-radius: 9px; padding: 1px 8px; margin-left: 6px;
  background: #f1ece5; color: var(--muted); white-space: nowrap; }
.tag.helped { background: #e3efe6; color: #3f6b4c; }
table.calendar { width: 100%; border-collapse: separate; border-spacing: 4px; table-layout: fixed; }
.calendar th { font-weight: normal; color: var(--muted); font-size: 12px; }
.calendar td { height: 46px; vertical-align: top; background: #faf6f0; border-radius: 7px;
  padding: 4px 6px; font-size: 11.5px; color: var(--muted); }
.calendar td.today { outline: 2px solid var(--accent); }
.calendar td.future { background: transparent; }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin: 2px 2px 0 0; }
.legend { font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend span { margin-right: 12px; white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; margin-top: 22px; text-align: center; }
@media (max-width: 700px) { .grid { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4; margin: 14mm; }
  html, body, .card, .summary { background: #fff !important; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .summary { border: 1px solid #ddd; border-left: 4px solid var(--accent); }
  .grid { grid-template-columns: 1fr 1fr; gap: 8px; }  /* A4 is narrower than 700px */
  .summary p { margin: 0 0 3px; }
  h1 { font-size: 20pt; }
  .card { border-color: #ddd; }
  .calendar td { background: #fff; border: 1px solid #e4ddd3; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _day(d: date) -> str:
    return f"{d.day} {d:%B}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _card(section: str, title: str, caption: str, body: str, wide: bool = False) -> str:
    cls = "card wide" if wide else "card"
    return (
        f'<section class="{cls}" id="{section}" data-section="{section}">'
        f"<h2>{escape(title)}</h2><p class=caption>{escape(caption)}</p>{body}</section>"
    )


def _calendar(report: Report) -> str:
    today = report.now.date()
    monday = today - timedelta(days=today.weekday()) - timedelta(weeks=CALENDAR_WEEKS - 1)
    rows = []
    for week in range(CALENDAR_WEEKS):
        cells = []
        for weekday in range(7):
            d = monday + timedelta(weeks=week, days=weekday)
            marks = report.days.get(d, {})
            dots = "".join(
                f'<span class=dot style="background:{colour}" title="{label}"></span>' * marks[kind]
                for kind, (colour, label) in DAY_MARKS.items()
                if marks.get(kind)
            )
            cls = "today" if d == today else "future" if d > today else ""
            label = f"{d.day} {d:%b}" if d.day == 1 or (week == 0 and weekday == 0) else d.day
            cells.append(f'<td class="{cls}">{label}<br>{dots}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<th>{d}</th>" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
    legend = "".join(
        f'<span><span class=dot style="background:{c}"></span>{label}</span>'
        for c, label in DAY_MARKS.values()
    )
    return (
        f"<table class=calendar><tr>{head}</tr>{''.join(rows)}</table>"
        f"<div class=legend>{legend}</div>"
    )


def _appreciations(report: Report) -> str:
    if not report.appreciations:
        return "<p class=empty>None saved in these weeks yet. Say: add an appreciation.</p>"
    items = "".join(
        f"<li><span class=when>{_day(at.date())}</span>{escape(text)}</li>"
        for at, text in report.appreciations
    )
    return f"<ul class=words>{items}</ul>"


def _ideas_list(report: Report) -> str:
    if not report.ideas:
        return "<p class=empty>The list is empty. Say: add an idea.</p>"
    items = []
    for idea in report.ideas:
        if not idea.tried:
            tag = "<span class=tag>not tried yet</span>"
        elif idea.helped:
            tag = "<span class='tag helped'>helped</span>"
        elif idea.helped is None:
            tag = "<span class=tag>tried</span>"
        else:
            tag = "<span class=tag>not this time</span>"
        items.append(f"<li>{escape(idea.text)}{tag}</li>")
    return f"<ul class=words>{''.join(items)}</ul>"


def render(report: Report, summary_lines: list[str]) -> str:
    """The whole page. `summary_lines` is the written summary, sentence by sentence."""
    weeks = report.weeks
    n = len(weeks)
    first, last = weeks[0].start.date(), report.now.date()
    checkins = sum(w.checkins for w in weeks)
    target = weeks[-1].cadence_target
    agreed = f"; agreed: {target:g} a week" if target else "; no regular time agreed yet"
    pauses = sum(w.pauses for w in weeks)
    minutes = round(sum(w.pause_minutes for w in weeks))
    spaces = sum(w.space_on_time + w.space_later + w.space_open for w in weeks)
    kept = sum(w.space_on_time for w in weeks)
    rituals = sum(report.rituals_by_kind.values())
    wins = sum(w.wins for w in weeks)
    tried = sum(1 for i in report.ideas if i.tried)
    helped = sum(1 for i in report.ideas if i.helped)
    over = f"over {_plural(n, 'week')}"
    cards = [
        _card("checkins", "Check-ins", f"{_plural(checkins, 'check-in')} {over}{agreed}",
              charts.checkins(weeks)),
        _card("pauses", "Pauses", f"{_plural(pauses, 'pause')}, {_plural(minutes, 'minute')} "
              "of quiet in all", charts.pauses(weeks)),
        _card("space", "Time alone", f"{_plural(spaces, 'time')} alone, back when you said "
              f"{_plural(kept, 'time')}", charts.space(weeks)),
        _card("rituals", "Rituals together", f"{_plural(rituals, 'ritual')} {over}",
              charts.rituals(report.rituals_by_kind)),
        _card("wins", "Small wins", f"{_plural(wins, 'win')} celebrated", charts.wins(weeks)),
        _card("ideas", "Ideas to try", f"{_plural(len(report.ideas), 'idea')} on the list, "
              f"{tried} tried, {helped} helped", charts.ideas(report.ideas) + _ideas_list(report)),
        _card("calendar", "The last four weeks", "each dot is one thing you did together",
              _calendar(report)),
        _card("appreciations", "Appreciations", "in your own words",
              _appreciations(report)),
    ]  # fmt: skip
    summary = "".join(f"<p>{escape(line)}</p>" for line in summary_lines)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hearth: looking back together</title>
<style>{CSS}</style></head>
<body>
<header><h1>Looking back together</h1>
<span class=period>{_day(first)} to {_day(last)} {last.year}</span></header>
<section class=summary id=summary>{summary}</section>
<div class=grid>
{"".join(cards)}
</div>
<footer>Made by Hearth on this device on {_day(report.now.date())} {report.now:%Y} at
{report.now:%H:%M}. Nothing on this page left your home.</footer>
</body></html>
"""
