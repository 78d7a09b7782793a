"""Build step: ship the top-level ``katas/`` and ``questions/`` folders inside the package.

The metadata lives in pyproject.toml; this file only adds one build step. The design keeps the
content at the top of the source tree, beside ``quizapp/``, so a plain package-data rule cannot
reach it. ``build_py`` therefore copies both folders into the built package as
``quizapp/_content/katas`` and ``quizapp/_content/questions`` (``quizapp.paths`` looks there
through ``importlib.resources``). Every file of a kata folder goes along (kata.yaml, starter,
reference, cases, probe, ``wrong/``, anything else); Python's caches do not.

An editable install reads the source tree directly, so nothing is copied then.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import FileError

ROOT = Path(__file__).resolve().parent
#: Copied into the package; the same names as ``quizapp.paths.CONTENT_FOLDERS``.
CONTENT_FOLDERS = ("katas", "questions")
#: Where they go inside the built package; the same as ``quizapp.paths.BUNDLED_CONTENT``.
BUNDLED_CONTENT = Path("quizapp", "_content")
SKIPPED_SUFFIXES = (".pyc", ".pyo")


def content_files() -> list[Path]:
    """Every file of the content folders, relative to the project root, caches left out."""
    files = []
    for name in CONTENT_FOLDERS:
        folder = ROOT / name
        if not folder.is_dir():
            # An sdist that lost the folder would otherwise build a wheel with no katas.
            raise FileError(f"{folder} not found: the package's content is missing "
                            "(an sdist must include it, see MANIFEST.in)")
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(ROOT)
            if (path.is_file() and "__pycache__" not in relative.parts
                    and path.suffix not in SKIPPED_SUFFIXES):
                files.append(relative)
    return files


class BuildPyWithContent(build_py):
    """``build_py`` that also copies the content folders into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib, BUNDLED_CONTENT)
        # A reused build folder may hold a kata deleted since: start the copy afresh.
        self.execute(shutil.rmtree, (target, True), f"removing stale {target}")
        for destination, source in self._content_mapping().items():
            self.mkpath(str(Path(destination).parent))
            self.copy_file(source, destination, preserve_mode=True)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if self.editable_mode:
            return outputs
        return outputs + list(self._content_mapping())

    def _content_mapping(self) -> dict[str, str]:
        """Destination in the build folder -> source file, for every content file."""
        return {str(Path(self.build_lib, BUNDLED_CONTENT, relative)): str(ROOT / relative)
                for relative in content_files()}


setup(cmdclass={"build_py": BuildPyWithContent})
