"""The seed-overlap check: no passage of a kata copied from the source documents.

It runs ``seed_overlap.py``, a tool that lives beside a source checkout of the project (in
``shared/tools``), in a child process and maps its report back to the kata folders. An installed
quizapp has no such tool: the check is then skipped with a note, not failed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from quizapp import paths
from quizapp.katalint.grades import _one_line

#: Beside a source checkout only: an installed quizapp has none, and skips that check.
SEED_TOOL: Path | None = (paths.source_checkout().parent / "shared" / "tools" / "seed_overlap.py"
                          if paths.source_checkout() is not None else None)


def seed_overlap(folders: list[Path], tool: Path | None = SEED_TOOL,
                 timeout_s: float = 600) -> tuple[dict[Path, list[str]], str | None]:
    """Run the seed-overlap tool on ``folders``: (folder -> copied passages, note or None)."""
    if not folders:
        return {}, None
    if tool is None:
        return {}, "seed-overlap check skipped: it needs a source checkout of quizapp"
    if not tool.is_file():
        return {}, f"seed-overlap check skipped: {tool} not found"
    try:
        done = subprocess.run([sys.executable, str(tool), *map(str, folders)], capture_output=True,
                              text=True, timeout=timeout_s, encoding="utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {}, f"seed-overlap check could not run: {exc}"
    found: dict[Path, list[str]] = {}
    for line in done.stdout.splitlines():
        match = re.match(r"^(.*?): (\d+\+ chars copied from .*)$", line)
        if not match:
            continue
        path = Path(match.group(1))
        for folder in folders:
            if path == folder or folder in path.parents:
                found.setdefault(folder, []).append(
                    f"copied from the sources: {path.relative_to(folder)}: {match.group(2)}")
                break
    if done.returncode not in (0, 1):
        return found, f"seed-overlap check failed (exit {done.returncode}): {_one_line(done.stderr)}"
    return found, None
