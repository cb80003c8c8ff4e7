"""Where `translate` keeps what it can rebuild: converted models, the translation memory.

``$TRANSLATE_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/translate``, else
``~/.cache/translate``. Nothing is created here; callers create what they write.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path:
    explicit = os.environ.get("TRANSLATE_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "translate"
