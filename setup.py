"""The one build step pyproject.toml cannot say: the default data goes into the wheel.

``configs/``, ``glossaries/`` and ``locale/`` stay at the repository root, where editors edit
them. A wheel carries a copy under ``translate/data/`` (same folders, same relations:
``configs/../glossaries``, ``<data>/locale``), found with importlib.resources
(``translate.config.DATA_ROOT``). An editable install copies nothing: it reads the checkout's
folders.

Why not setuptools' ``package-dir`` (``translate.data.configs`` → ``configs``): its editable
finder cannot import a mapped sub-package that has no ``__init__.py``, and a checkout run from
``sys.path`` (``PYTHONPATH``) does not see the mapping at all.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# Root folder → the files of it that ship (MANIFEST.in lists the same for the sdist).
DATA = {"configs": ["*.toml"], "glossaries": ["*.toml"], "locale": ["*.pot", "*/LC_MESSAGES/*.po"]}


class BuildWithData(build_py):
    """build_py, then the data folders copied to ``translate/data/`` in the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib, "translate", "data")
        for folder, patterns in DATA.items():
            for pattern in patterns:
                for source in sorted((ROOT / folder).glob(pattern)):
                    destination = target / source.relative_to(ROOT)
                    self.mkpath(str(destination.parent))
                    self.copy_file(str(source), str(destination))


setup(cmdclass={"build_py": BuildWithData})
