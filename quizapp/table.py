"""Plain-text tables for the terminal that stay aligned with Korean (double-width) text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters (Hangul) count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (on the left when ``right``)."""
    fill = " " * max(0, width - cell_width(text))
    return fill + text if right else text + fill


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], *,
                 right: frozenset[int] = frozenset(), gap: str = "  ") -> list[str]:
    """Lines of a table: every column but the last padded to its widest cell; the last one runs
    free (it holds titles and messages). ``right`` names the columns aligned right (numbers)."""
    last = len(header) - 1
    widths = [max(cell_width(row[i]) for row in [header, *rows]) for i in range(last)]

    def line(row: Sequence[str]) -> str:
        cells = [pad(row[i], widths[i], i in right) for i in range(last)]
        return gap.join([*cells, row[last]]).rstrip()

    return [line(header), *(line(row) for row in rows)]
