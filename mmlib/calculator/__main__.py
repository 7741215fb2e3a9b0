"""``python -m mmlib.calculator export OUT.js`` writes the calculator script (data and rules) to OUT.js;
``python -m mmlib.calculator data OUT.js`` writes only the data script."""

from __future__ import annotations

import sys
from pathlib import Path

from .export import bundle, data_script

USAGE = "用法 / usage: python -m mmlib.calculator export|data OUT.js"


def main(argv: list[str] | None = None) -> int:
    """Write the script; exit status 2 with a one-line bilingual message on bad arguments.

    >>> main(["nonsense"])
    2
    """
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in ("export", "data"):
        print(USAGE, file=sys.stderr)
        return 2
    text = bundle() if args[0] == "export" else data_script()
    Path(args[1]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
