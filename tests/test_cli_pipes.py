"""Every command may be piped into a reader that stops early (`| head -1`)."""

from __future__ import annotations

import subprocess
import sys


def test_a_closed_pipe_ends_quietly():
    command = (f"{sys.executable} -m quizapp kata list | head -c 10 >/dev/null; "
               "echo ${PIPESTATUS[0]}")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.stdout.strip() == "0"
