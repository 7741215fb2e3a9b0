"""The library's exceptions, in one place.

Every error raised on purpose by :mod:`mmlib` is an :class:`MMLibError`.  It
inherits :class:`ValueError`, so code that already catches ``ValueError`` keeps
working, and it always carries a message in Chinese *and* in English that names
the field, the value that was given and what was expected.

>>> err = InputError("calcium_mg_dl", 2.6, "4.0–20.0 mg/dL",
...                  zh_hint="该值像是以 mmol/L 为单位", en_hint="looks like a value in mmol/L")
>>> isinstance(err, ValueError)
True
>>> print(err)
字段 calcium_mg_dl 的值 2.6 无效：应为 4.0–20.0 mg/dL（该值像是以 mmol/L 为单位）。 / Invalid value 2.6 for field calcium_mg_dl: expected 4.0–20.0 mg/dL (looks like a value in mmol/L).
"""

from __future__ import annotations

from typing import Any

__all__ = ["MMLibError", "InputError", "UnknownFieldError", "UnitConflictError"]


class MMLibError(ValueError):
    """Base class of every error that :mod:`mmlib` raises on purpose.

    Parameters
    ----------
    zh, en:
        The full message in simplified Chinese and in English.
    field:
        The input field concerned, if any.
    value:
        The offending value, if any.

    >>> e = MMLibError("出错了", "it went wrong", field="x", value=1)
    >>> (e.field, e.value, e.zh, e.en)
    ('x', 1, '出错了', 'it went wrong')
    """

    def __init__(self, zh: str, en: str, *, field: str | None = None, value: Any = None) -> None:
        self.zh = zh
        self.en = en
        self.field = field
        self.value = value
        super().__init__(f"{zh} / {en}")


class InputError(MMLibError):
    """A field has a value of the wrong type or outside its plausible range.

    >>> str(InputError("sex", "m", "'male' 或 'female'", en_expected="'male' or 'female'"))
    "字段 sex 的值 'm' 无效：应为 'male' 或 'female'。 / Invalid value 'm' for field sex: expected 'male' or 'female'."
    """

    def __init__(
        self,
        field: str,
        value: Any,
        expected: str,
        *,
        en_expected: str | None = None,
        zh_hint: str | None = None,
        en_hint: str | None = None,
    ) -> None:
        shown = repr(value) if isinstance(value, str) else str(value)
        zh = f"字段 {field} 的值 {shown} 无效：应为 {expected}"
        zh += f"（{zh_hint}）。" if zh_hint else "。"
        en = f"Invalid value {shown} for field {field}: expected {en_expected or expected}"
        en += f" ({en_hint})." if en_hint else "."
        super().__init__(zh, en, field=field, value=value)


class UnknownFieldError(MMLibError):
    """A record names a field that the library does not know.

    >>> e = UnknownFieldError("calcium", ["calcium_mg_dl", "calcium_mmol_l"])
    >>> print(e.en)
    Unknown field 'calcium'. Valid fields: calcium_mg_dl, calcium_mmol_l.
    """

    def __init__(self, field: str, valid: list[str] | tuple[str, ...]) -> None:
        listing = ", ".join(valid)
        super().__init__(
            f"未知字段 '{field}'。有效字段：{listing}。",
            f"Unknown field '{field}'. Valid fields: {listing}.",
            field=field,
        )


class UnitConflictError(MMLibError):
    """The same quantity was given in two unit systems at once.

    >>> print(UnitConflictError("calcium_mg_dl", "calcium_mmol_l").en)
    Fields calcium_mg_dl and calcium_mmol_l give the same quantity in two units; give only one.
    """

    def __init__(self, first: str, second: str) -> None:
        super().__init__(
            f"字段 {first} 与 {second} 是同一指标的两种单位，只能给出其中一个。",
            f"Fields {first} and {second} give the same quantity in two units; give only one.",
            field=first,
        )
