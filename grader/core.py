"""Grade one submission file for one kata: the cold path, a pool of one slot.

The slot's process (the sandbox importing torch) is started first; the grader imports torch,
validates the kata and plans it while that runs; then the submission runs in the slot exactly as
it would in a warm pool (``grader.pool``), so a one-off grade and a pool's grade agree.
"""

from __future__ import annotations

from pathlib import Path

from grader.messages import DEFAULT_LANG, msg
from grader.pool import Pool, UsageError, check_lang, resolve_device
from grader.report import Report

__all__ = ["grade", "UsageError", "resolve_device"]


def grade(kata_dir: str | Path, submission: str | Path, *, device: str = "auto",
          isolation: str = "auto", timeout_s: float | None = None, lang: str = DEFAULT_LANG) -> Report:
    """Grade ``submission`` against the kata in ``kata_dir``; raise UsageError on bad invocation.
    ``lang`` ("ko" or "en", default English) is the language of the report: check names,
    messages, diagnoses and the kata's own texts in both languages (a ``why``)."""
    lang = check_lang(lang)
    folder = Path(kata_dir)
    if not (folder / "kata.yaml").is_file():
        raise UsageError(msg("usage.not_kata", lang, path=folder))
    if not Path(submission).exists():
        raise UsageError(msg("usage.no_file", lang, path=submission))
    with Pool(1, isolation=isolation, device=device, warm_meta=_needs_meta(folder),
              warm_training=False, lang=lang) as pool:
        return pool.grade(folder, submission, timeout_s=timeout_s)


def _needs_meta(folder: Path) -> bool:
    """Does the kata have a device check (whose meta kernels the slot should load at start)?

    Read from the raw file, before the slower validation, so that the slot starts at once."""
    import yaml

    try:
        data = yaml.load((folder / "kata.yaml").read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return any(isinstance(c, dict) and c.get("kind") == "device" for c in data.get("checks") or [])
    except Exception:  # noqa: BLE001 - validation reports a broken kata.yaml properly
        return True
