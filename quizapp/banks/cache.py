"""The cache of parsed banks: JSON files keyed by each bank's path, checked by its sha256.

Parsing YAML is the slow part of loading the banks; the loader keeps the parsed data of each
error-free file here so that the next start-up skips the parser. JSON, so that reading a cache
entry cannot run code. An entry is used only when both the file's sha256 and the code version
match: the code version hashes every module of :mod:`quizapp.banks` and the versions of pydantic
and PyYAML, so an upgrade or an edit of the loader makes old entries miss.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import yaml

_CODE_VERSION: str | None = None


def bank_cache_dir() -> Path | None:
    """Where parsed banks are cached: ``$QUIZAPP_CACHE`` (``off`` disables the cache), else
    ``$QUIZAPP_DATA/cache/banks`` when that is set, else ``banks`` in the platform's user cache
    folder for quizapp."""
    env = os.environ.get("QUIZAPP_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else Path(env)
    data = os.environ.get("QUIZAPP_DATA")
    if data:
        return Path(data) / "cache" / "banks"
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover
        return None
    return Path(user_cache_dir("quizapp", appauthor=False)) / "banks"


def _package_modules() -> list[Path]:
    """The source files of :mod:`quizapp.banks` (this module's folder), sorted by name."""
    return sorted(Path(__file__).parent.glob("*.py"))


def _code_version() -> str:
    """Changes whenever a module of :mod:`quizapp.banks`, pydantic or PyYAML changes: old cache
    entries then miss.

    Every module of the package counts, not only this one: the schema, the messages and the
    loader all decide what a cached bank turns into. Each file's name goes in with its bytes,
    so that moving code from one module to another changes the version too."""
    global _CODE_VERSION
    if _CODE_VERSION is None:
        import pydantic

        h = hashlib.sha256()
        for module in _package_modules():
            source = module.read_bytes()
            h.update(f"{module.name}\0{len(source)}\0".encode())
            h.update(source)
        h.update(f"{pydantic.VERSION}|{yaml.__version__}".encode())
        _CODE_VERSION = h.hexdigest()[:16]
    return _CODE_VERSION


def _cache_path(cache_dir: Path, path: Path) -> Path:
    key = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:20]
    return cache_dir / f"{key}.json"


def _cache_read(cache_dir: Path, path: Path, blob: bytes) -> tuple[Any, list[int]] | None:
    try:
        entry = json.loads(_cache_path(cache_dir, path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(entry, dict) or entry.get("version") != _code_version()
            or entry.get("sha256") != hashlib.sha256(blob).hexdigest()):
        return None
    return entry.get("data"), entry.get("lines") or []


def _cache_write(cache_dir: Path, path: Path, blob: bytes, data: Any, lines: list[int]) -> None:
    try:
        text = json.dumps({"version": _code_version(), "sha256": hashlib.sha256(blob).hexdigest(),
                           "lines": lines, "data": data}, ensure_ascii=False)
        if json.loads(text)["data"] != data:  # e.g. integer keys or dates: do not cache
            return
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = _cache_path(cache_dir, path)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written is only slower
