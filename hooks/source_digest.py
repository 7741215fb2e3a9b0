"""Content hashes of source folders, for the hooks' caches (shared by hooks/notebooks.py and hooks/practice.py).

Not a hook itself: the hooks import it (MkDocs puts hooks/ on the path while it loads them).
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def tree_digest(root: Path, *paths: Path) -> str:
    """SHA-256 over the path (relative to ``root`` when inside it) and bytes of every file under ``paths``.

    Folders are walked in sorted order; ``__pycache__`` is skipped, a missing path counts as missing.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     root = Path(d)
    ...     _ = (root / "pkg").mkdir(), (root / "pkg" / "a.py").write_text("x = 1")
    ...     first = tree_digest(root, root / "pkg", root / "README.md")
    ...     _ = (root / "pkg" / "a.py").write_text("x = 2")
    ...     first != tree_digest(root, root / "pkg", root / "README.md")
    True
    """
    h = hashlib.sha256()
    for path in paths:
        found = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for p in found:
            h.update((p.relative_to(root) if p.is_relative_to(root) else p).as_posix().encode() + b"\0")
            h.update(p.read_bytes() if p.is_file() else b"missing")
            h.update(b"\0")
    return h.hexdigest()
