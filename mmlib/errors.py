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

import math
import reprlib
from typing import Any

__all__ = ["MMLibError", "InputError", "UnknownFieldError", "UnitConflictError", "shown", "SHOWN_CHARS"]

#: How many characters of a value an error message echoes (a longer value is cut, with its length).
SHOWN_CHARS = 60
#: Integers with more digits than this are described by their approximate size only.
_MAX_COUNTED_DIGITS = 100_000


def _length_note(n: int, unit_zh: str, unit_en: str, lang: str, about: bool = False) -> str:
    if lang == "zh":
        return f"（共{'约' if about else ''} {n} {unit_zh}）"
    return f" ({'about ' if about else ''}{n} {unit_en})"


def _digits_text(digits: str, lang: str) -> str:
    """A number's digits (with an optional sign), cut to :data:`SHOWN_CHARS` with the digit count."""
    if len(digits) <= SHOWN_CHARS:
        return digits
    return digits[:SHOWN_CHARS] + "…" + _length_note(len(digits.lstrip("-")), "位", "digits", lang)


def _int_text(x: int, lang: str) -> str:
    try:
        return _digits_text(str(x), lang)
    except ValueError:  # more digits than Python converts to text (4300 by default)
        pass
    a = abs(x)
    count = int(a.bit_length() * math.log10(2))
    sign = "-" if x < 0 else ""
    if count > _MAX_COUNTED_DIGITS:  # too large even to count cheaply
        return sign + "…" + _length_note(count, "位", "digits", lang, about=True)
    count += a >= 10 ** count
    lead = a // 10 ** (count - SHOWN_CHARS)
    return sign + str(lead) + "…" + _length_note(count, "位", "digits", lang)


class _ShortRepr(reprlib.Repr):
    """``repr`` bounded in depth, items and string length, and safe for huge integers."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = self.maxdeque = 6
        self.maxdict = 4
        self.maxstring = self.maxother = self.maxlong = 24

    def repr_int(self, x: int, level: int) -> str:
        text = _int_text(x, "en")
        return text if "…" in text else super().repr_int(x, level)


_REPR = _ShortRepr()


def shown(value: Any, lang: str = "en") -> str:
    """How an error message echoes ``value``: one printable line of at most about :data:`SHOWN_CHARS` characters.

    Strings are quoted (``repr``, so a control character or a lone surrogate
    is escaped); a long string or number is cut, with its length; containers
    are abbreviated.  ``lang`` (``"zh"`` or ``"en"``) is the language of the
    length note.

    >>> shown("calcium"), shown(2.6), shown([1, 2])
    ("'calcium'", '2.6', '[1, 2]')
    >>> print(shown("x" * 5_000_000, "en")[55:])
    xxxxxx'… (5000000 characters)
    >>> print(shown(chr(0xD800)))  # a lone surrogate, escaped
    '\\ud800'
    >>> shown(10 ** 5000, "zh")
    '100000000000000000000000000000000000000000000000000000000000…（共 5001 位）'
    >>> shown(int("9" * 70))
    '999999999999999999999999999999999999999999999999999999999999… (70 digits)'
    """
    if isinstance(value, str):
        if len(value) <= SHOWN_CHARS:
            return repr(value)
        return repr(value[:SHOWN_CHARS]) + "…" + _length_note(len(value), "个字符", "characters", lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return _int_text(value, lang)
    digits = getattr(value, "json_digits", None)  # a number too long to convert (mmlib.jsonio)
    if isinstance(digits, str):
        return _digits_text(digits, lang)
    text = "".join(ch if ch.isprintable() else " " for ch in _REPR.repr(value))
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


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
        zh = f"字段 {field} 的值 {shown(value, 'zh')} 无效：应为 {expected}"
        zh += f"（{zh_hint}）。" if zh_hint else "。"
        en = f"Invalid value {shown(value)} for field {field}: expected {en_expected or expected}"
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
            f"未知字段 {shown(field, 'zh')}。有效字段：{listing}。",
            f"Unknown field {shown(field)}. Valid fields: {listing}.",
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
