"""Text bars for mastery and counts (double-width text around them lines up: the bars are
single-cell characters)."""

from __future__ import annotations

from rich.text import Text

FULL, EMPTY = "█", "░"


def bar(share: float, width: int = 20, style: str = "green") -> Text:
    """A bar ``width`` cells wide, filled to ``share`` (0..1, clamped)."""
    share = min(max(share, 0.0), 1.0)
    filled = int(round(share * width))
    out = Text(FULL * filled, style=style)
    out.append(EMPTY * (width - filled), style="dim")
    return out


def recall_style(share: float) -> str:
    """Red below 50 %, yellow below 80 %, green above."""
    return "red" if share < 0.5 else ("yellow" if share < 0.8 else "green")


def pct(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"
