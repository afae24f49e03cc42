"""The release being served, as a digest of what makes its pages: code, templates, static
files, translations and pinned dependencies.

Cached pages and fragments are kept under it (news/page_cache.py): with a cache shared by
several processes (Redis), a new release never serves pages rendered by the one before (with
the old markup, or addresses of static files it no longer has), and during an upgrade the old
containers keep their own until they stop. The same files give the same digest on every
machine, so the processes of one release share their pages.
"""

import hashlib
from pathlib import Path

PARTS = ("pyproject.toml", "portal", "news", "radio", "templates", "static", "locale")


def digest(base: Path) -> str:
    files = hashlib.blake2b(digest_size=6)
    for part in PARTS:
        top = base / part
        for path in sorted([top] if top.is_file() else top.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files.update(path.relative_to(base).as_posix().encode() + b"\0")
                files.update(path.read_bytes())
    return files.hexdigest()
