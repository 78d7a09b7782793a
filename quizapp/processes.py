"""Child processes the app starts (a grade, an FSRS fit): stopping one with all it started."""

from __future__ import annotations

import os
import signal
import subprocess


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the child's whole process group (it was started with ``start_new_session``), or
    the child alone when the group is already gone or not ours."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        try:
            proc.kill()
        except OSError:
            pass
