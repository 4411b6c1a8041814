"""The report's charts, drawn by matplotlib as inline SVG (text kept as text, no scripts,
nothing fetched), one function per chart. matplotlib is imported here only, so only
`hearth report` pays for it; a missing install is one clear line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from assistant.errors import HearthError
from assistant.report.data import Idea, WeekCounts

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# A warm, quiet palette that stays readable in greyscale print.
SAGE, TERRACOTTA, SAND, GOLD, SLATE, PLUM, MIST = (
    "#6f9a7a",
    "#c8553d",
    "#e9c48f",
    "#e0a23b",
    "#4f6272",
    "#8e6c8a",
    "#d9d4cc",
)
INK, MUTED = "#3d3530", "#8a8079"
STYLE = {
    "svg.fonttype": "none",  # text stays text: smaller, crisp, selectable
    "svg.hashsalt": "hearth",  # stable ids, so the same data gives the same page
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial"],
    "font.size": 10,
    "axes.edgecolor": MIST,
    "axes.labelcolor": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#ece6dd",
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "ytick.left": False,
    "legend.frameon": False,
    "legend.fontsize": 8.5,
    "text.color": INK,
}


def _matplotlib() -> Any:
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise HearthError(
            "hearth report draws its charts with matplotlib, which is not installed: "
            "pip install 'hearth[report]' (or: pip install matplotlib)"
        ) from None
    return matplotlib, Figure


@contextmanager
def _figure(
    width: float = 5.0,
    height: float = 2.3,
    left: float = 0.35,
    top: float = 0.32,
    right: float = 0.1,
) -> Iterator[tuple[Figure, Axes]]:
    """A figure with fixed margins in inches (`left` for the tick labels, `top` for the
    legend): a tight bounding box would cost one more full drawing per chart."""
    matplotlib, figure_class = _matplotlib()
    with matplotlib.rc_context(STYLE):
        fig = figure_class(figsize=(width, height))
        fig.subplots_adjust(
            left=left / width, right=1 - right / width, bottom=0.3 / height, top=1 - top / height
        )
        fig.patch.set_alpha(0)
        ax = fig.add_subplot()
        ax.patch.set_alpha(0)
        yield fig, ax


def to_svg(fig: Figure, name: str) -> str:
    """The figure as an <svg> element for inlining: no XML prolog, ids made unique to
    this chart (several SVGs share one page), scaled by CSS."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)  # a date, a licence URL
    svg = re.sub(r'(id="|url\(#|href="#)', rf"\g<1>{name}-", svg)
    svg = re.sub(r'\s(width|height)="[\d.]+pt"', "", svg, count=2)
    label = f'role="img" aria-label="{name} chart" class="chart"'
    return svg.replace("<svg ", f"<svg {label} ", 1)


def _week_axis(ax: Axes, weeks: list[WeekCounts]) -> list[int]:
    xs = list(range(len(weeks)))
    step = max(1, -(-len(weeks) // 8))  # at most eight labels
    long = len(weeks) > 20  # months then, with the year: "Mar 2025"
    labels = [f"{w.start:%b %Y}" if long else f"{w.start:%b} {w.start.day}" for w in weeks]
    if long:
        step = max(step, -(-len(weeks) // 6))
    ax.set_xticks(xs[::step], labels[::step])
    ax.tick_params(axis="x", length=0, pad=4)
    ax.set_xlim(-0.6, len(weeks) - 0.4)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return xs


def _bars(
    ax: Axes,
    xs: list[int],
    heights: list[float],
    color: str,
    label: str,
    bottom: list[float] | None = None,
    width: float = 0.65,
) -> None:
    """Vertical bars as one PolyCollection: a hundred weeks draw as fast as eight (one
    Rectangle artist per bar, as `Axes.bar` makes, costs about 10 ms each)."""
    import numpy as np
    from matplotlib.collections import PolyCollection

    x = np.asarray(xs, dtype=float)
    lo = np.zeros_like(x) if bottom is None else np.asarray(bottom, dtype=float)
    hi = lo + np.asarray(heights, dtype=float)
    left, right = x - width / 2, x + width / 2
    verts = np.stack(
        [np.column_stack(c) for c in ((left, lo), (left, hi), (right, hi), (right, lo))], axis=1
    )
    ax.add_collection(PolyCollection(verts, facecolors=color, edgecolors="none", label=label))
    ax.update_datalim(np.column_stack([np.r_[left, right], np.r_[lo, hi]]))
    ax.autoscale_view()


def _headroom(ax: Axes) -> None:
    """A count axis goes up to at least 2, so one event is not a full-height bar."""
    if ax.get_ylim()[1] < 2:
        ax.set_ylim(0, 2)


def _nothing_yet(ax: Axes, total: float, words: str = "nothing logged yet") -> None:
    """Say so on an empty chart."""
    if not total:
        ax.set_ylim(0, 1)
        ax.text(0.5, 0.5, words, transform=ax.transAxes, ha="center", va="center", color=MUTED)


def _legend(ax: Axes, columns: int) -> None:
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=columns, handlelength=1)


def checkins(weeks: list[WeekCounts]) -> str:
    """Check-ins per week, with the agreed cadence as a dashed line."""
    with _figure() as (fig, ax):
        xs = _week_axis(ax, weeks)
        _bars(ax, xs, [w.checkins for w in weeks], SAGE, "check-ins")
        targets = [w.cadence_target for w in weeks]
        if any(t is not None for t in targets):
            ys = [t if t is not None else float("nan") for t in targets]
            ax.step(xs, ys, where="mid", color=TERRACOTTA, linestyle="--", label="agreed cadence")
        _legend(ax, 2)
        _nothing_yet(ax, sum(w.checkins for w in weeks) + sum(t or 0 for t in targets))
        _headroom(ax)
        return to_svg(fig, "checkins")


def pauses(weeks: list[WeekCounts]) -> str:
    """Pauses per week (ran their time / ended early) and the minutes spent in them."""
    with _figure() as (fig, ax):
        xs = _week_axis(ax, weeks)
        full = [w.pauses_full for w in weeks]
        early = [w.pauses_early for w in weeks]
        _bars(ax, xs, full, SLATE, "ran their time")
        _bars(ax, xs, early, SAND, "ended early, ready", bottom=full)
        minutes = [round(w.pause_minutes) for w in weeks]
        if len(weeks) <= 16:
            for x, f, e, m in zip(xs, full, early, minutes, strict=True):
                if m:
                    ax.annotate(f"{m} min", (x, f + e), ha="center", va="bottom", fontsize=7.5,
                                color=MUTED, xytext=(0, 2), textcoords="offset points")  # fmt: skip
            ax.margins(y=0.18)
        elif any(minutes):  # too many weeks to label: the minutes as a line on their own axis
            fig.subplots_adjust(right=1 - 0.4 / fig.get_figwidth())
            minutes_ax = ax.twinx()
            minutes_ax.plot(xs, minutes, color=TERRACOTTA, linewidth=1, label="minutes")
            minutes_ax.set_ylim(bottom=0)
            minutes_ax.grid(visible=False)
            minutes_ax.tick_params(axis="y", length=0, colors=TERRACOTTA)
            minutes_ax.spines[:].set_visible(False)
            ax.plot([], [], color=TERRACOTTA, linewidth=1, label="minutes (right)")
        _legend(ax, 3)
        _nothing_yet(ax, sum(full) + sum(early))
        _headroom(ax)
        return to_svg(fig, "pauses")


def space(weeks: list[WeekCounts]) -> str:
    """Times alone per week: back when said, needed longer, no known return."""
    with _figure() as (fig, ax):
        xs = _week_axis(ax, weeks)
        on_time = [w.space_on_time for w in weeks]
        later = [w.space_later for w in weeks]
        unknown = [w.space_open for w in weeks]
        _bars(ax, xs, on_time, SAGE, "back when you said")
        _bars(ax, xs, later, GOLD, "needed longer", bottom=on_time)
        base = [a + b for a, b in zip(on_time, later, strict=True)]
        _bars(ax, xs, unknown, MIST, "no answer", bottom=base)
        _legend(ax, 3)
        _nothing_yet(ax, sum(base) + sum(unknown))
        _headroom(ax)
        return to_svg(fig, "space")


def rituals(by_kind: dict[str, int]) -> str:
    """Rituals done in the period, by kind."""
    items = sorted(by_kind.items(), key=lambda kv: (kv[1], kv[0]))
    height = max(1.3, 0.34 * len(items) + 0.45)
    with _figure(height=height, left=0.95, top=0.1, right=0.2) as (fig, ax):
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        names = [n for n, _ in items]
        ax.barh(names, [c for _, c in items], color=PLUM, height=0.6)
        for y, (_, c) in enumerate(items):
            ax.annotate(str(c), (c, y), va="center", xytext=(4, 0), textcoords="offset points",
                        color=MUTED)  # fmt: skip
        ax.tick_params(axis="y", length=0)
        ax.xaxis.get_major_locator().set_params(integer=True)
        if items:
            ax.set_xlim(0, max(c for _, c in items) * 1.12)  # room for the counts
        if not items:
            ax.set_yticks([])
            ax.set_xticks([])
        _nothing_yet(ax, len(items), "no rituals yet")
        return to_svg(fig, "rituals")


def wins(weeks: list[WeekCounts]) -> str:
    """Wins celebrated per week."""
    with _figure(height=1.9, top=0.1) as (fig, ax):
        xs = _week_axis(ax, weeks)
        values = [w.wins for w in weeks]
        ax.vlines(xs, 0, values, color=GOLD, linewidth=2.5)
        ax.plot([x for x, v in zip(xs, values, strict=True) if v], [v for v in values if v],
                "o", color=GOLD, markersize=7)  # fmt: skip
        ax.set_ylim(bottom=0)
        _nothing_yet(ax, sum(values))
        _headroom(ax)
        return to_svg(fig, "wins")


def ideas(items: list[Idea]) -> str:
    """The idea list at a glance: not tried yet, tried and helped, tried and did not."""
    groups = {
        "helped": sum(1 for i in items if i.tried and i.helped),
        "tried, no word yet": sum(1 for i in items if i.tried and i.helped is None),
        "not this time": sum(1 for i in items if i.tried and i.helped is False),
        "not tried yet": sum(1 for i in items if not i.tried),
    }
    colours = [SAGE, SAND, MIST, "#f4efe8"]
    with _figure(height=1.25, left=0.1, top=0.55) as (fig, ax):
        ax.grid(visible=False)
        left = 0
        for (label, count), colour in zip(groups.items(), colours, strict=True):
            ax.barh([0], [count], left=left, color=colour, height=0.6, label=f"{label}: {count}",
                    edgecolor="#cfc6ba" if colour == "#f4efe8" else colour)  # fmt: skip
            if count:
                ax.text(left + count / 2, 0, str(count), ha="center", va="center", color=INK)
            left += count
        ax.set_yticks([])
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
        ax.set_xlim(0, max(left, 1))
        _legend(ax, 2)
        _nothing_yet(ax, left, "no ideas on the list yet")
        return to_svg(fig, "ideas")
