"""Geometry of the public dashboard's charts (I4, W3 f), drawn as inline SVG.

The charts are pictures of data that is also given as a table beside each one, so a screen
reader user reads the table; the SVG carries a text title and description. Status is told by
shape and label as well as colour.
"""

from __future__ import annotations

from datetime import date

WIDTH = 720
LANE = 720  # width of a milestone lane, in SVG units
MARGIN = 12  # room for a mark at either end


def status_bar(levels, unreported):
    """One stacked bar: commitments per completion level (``levels`` from completion_counts)."""
    segments = [(label, value, n) for label, value, n in levels if n]
    if unreported:
        segments.append((None, "unreported", unreported))
    total = sum(n for _label, _value, n in segments) or 1
    x, bars = 0.0, []
    for label, value, n in segments:
        width = WIDTH * n / total
        bars.append({"x": round(x, 1), "width": round(width, 1), "value": value,
                     "label": label, "n": n, "text_x": round(x + width / 2, 1)})
        x += width
    return {"width": WIDTH, "height": 40, "bars": bars}


def milestone_timeline(rows, *, start: date, end: date, today: date):
    """One lane per commitment, a mark per milestone at its planned date.

    Each lane is its own small SVG under the commitment's name (HTML text that wraps on a
    phone), all on one horizontal scale, ``LANE`` units wide, so years and marks line up.
    """
    span = max((end - start).days, 1)
    inner = LANE - 2 * MARGIN

    def x_of(day: date) -> float:
        clamped = min(max(day, start), end)
        return round(MARGIN + inner * (clamped - start).days / span, 1)

    lines = []
    for row in rows:
        marks = []
        for m in row.milestones:
            if m.milestone.due_on is None:
                continue
            completed = m.latest is not None and m.latest.completion == "complete"
            state = "overdue" if m.overdue_days else ("done" if completed else "planned")
            marks.append({"x": x_of(m.milestone.due_on), "state": state,
                          "due": m.milestone.due_on, "title": m.milestone.title,
                          "label": f"{row.commitment.number}.{m.milestone.number}"})
        lines.append({"commitment": row.commitment, "marks": marks})
    years = [date(year, 1, 1) for year in range(start.year + 1, end.year + 1)]
    return {
        "width": LANE, "lines": lines,
        "today": x_of(today) if start <= today <= end else None,
        "ticks": [{"x": x_of(day), "label": day.year} for day in years],
    }


def monthly_bars(months: list[tuple[date, int]]):
    """Updates published per month, as vertical bars."""
    if not months:
        return None
    height, top = 160, 10
    peak = max(n for _month, n in months) or 1
    step = (WIDTH - 40) / len(months)
    bars = []
    for index, (month, n) in enumerate(months):
        h = round((height - 30) * n / peak, 1)
        bars.append({"x": round(30 + index * step, 1), "width": round(max(step - 3, 2), 1),
                     "y": round(top + (height - 30) - h, 1), "height": h, "month": month,
                     "n": n, "label_x": round(30 + index * step + step / 2, 1)})
    return {"width": WIDTH, "height": height, "bars": bars, "base": top + height - 30,
            "peak": peak, "every": max(1, len(months) // 8)}


def bar_rows(items):
    """``(label, n)`` pairs with the length of their bar, in percent of the largest: a table
    that is its own chart (each row's bar drawn beside its figure)."""
    peak = max((n for _label, n in items), default=0) or 1
    return [{"label": label, "n": n, "length": round(100 * n / peak, 1)} for label, n in items]
