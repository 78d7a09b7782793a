"""The exit codes of every ``quizapp`` command: one home, so that scripts and CI can rely on them.

The grading contract (``../shared/DESIGN.md``): 0 pass, 1 fail, 2 bad invocation. Every other
command follows the same meaning: 0 all good, 1 the command ran and found problems, 2 it could not
run as asked (unknown id, missing file, bad option).
"""

OK = 0
FAIL = 1          # ran, and something did not pass (a grade, a lint, a refused import)
USAGE = 2         # bad invocation: unknown kata, missing file, an option out of range
INTERRUPTED = 130  # ctrl+c, as shells report it
