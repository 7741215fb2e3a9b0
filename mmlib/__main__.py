"""``python -m mmlib`` runs the command-line interface (:mod:`mmlib.cli`)."""

from .cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    raise SystemExit(main())
