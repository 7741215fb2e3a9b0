"""mmlib: calculators and teaching models for an executable textbook of multiple myeloma.

``mmlib.assess`` and ``mmlib.Case`` are imported lazily, on first use, so that
``import mmlib`` stays fast (numpy is loaded only when a rule runs).
``mmlib.assess`` is the :mod:`mmlib.assess` module made callable: calling it
runs :func:`mmlib.assess.assess`.

>>> import mmlib
>>> mmlib.assess({"bmpc_percent": 12, "mri_focal_lesions": 2}).diagnosis
'multiple_myeloma'

Teaching material, not clinical advice.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["assess", "Assessment", "Case"]

_LAZY = {"assess": "mmlib.assess", "Assessment": "mmlib.assess", "Case": "mmlib.case"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(_LAZY[name])
        value = module if name == "assess" else getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'mmlib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_LAZY))
