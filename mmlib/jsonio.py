"""Reading JSON input, in one place: cases, response data and the command line.

Every JSON record that :mod:`mmlib` reads passes through
:func:`parse_json_object`, so every reader applies the same rules:

* the top level is a JSON object ``{...}``;
* a key may occur only once in an object, at every nesting level — a record
  with two values for one field is ambiguous, so it is rejected, not resolved
  by "the last one wins";
* ``NaN``, ``Infinity`` and ``-Infinity`` (accepted by Python's :mod:`json`,
  not part of JSON) are rejected;
* a UTF-8 byte-order mark (BOM) at the start is ignored; bytes that are not
  UTF-8 are an error;
* an integer too long to convert (more than 4,300 digits) is read as an
  infinite number that remembers its digits, so the field's own check rejects
  it and the message names the field;
* nesting too deep for the parser is an error, not a crash.

Every failure is a :class:`JSONFormatError` (an :class:`~mmlib.errors.MMLibError`)
with a one-line message in Chinese and English; echoed values are cut short
(:func:`mmlib.errors.shown`).

>>> parse_json_object('\\ufeff{"a": {"b": 1}}')
{'a': {'b': 1}}
>>> parse_json_object('{"a": {"b": 1, "b": 2}}')
Traceback (most recent call last):
...
mmlib.jsonio.JSONFormatError: 无法读取输入数据 '<JSON 文本>'：键 'b' 在同一对象中出现了不止一次（同一字段有两个值，含义不明确）。 / Cannot read JSON input '<JSON text>': the key 'b' occurs more than once in one object (two values for one field are ambiguous).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

from .errors import MMLibError, shown

__all__ = ["JSONFormatError", "parse_json_object", "load_json_object", "read_stream", "decode", "TEXT_LABEL",
           "STDIN_LABEL", "MAX_INT_DIGITS"]

#: How the source is named in messages when it is JSON text (not a file): (Chinese, English).
TEXT_LABEL = ("<JSON 文本>", "<JSON text>")
#: ... and when it is standard input.
STDIN_LABEL = ("<标准输入>", "<standard input>")
#: Longest integer Python converts from text by default (``sys.get_int_max_str_digits``).
MAX_INT_DIGITS = 4300


class JSONFormatError(MMLibError):
    """The input is not a readable JSON object (file, encoding, syntax, duplicate key, nesting).

    ``what`` is a file path (echoed, cut short) or a (Chinese, English)
    label such as :data:`TEXT_LABEL`.  Subclasses set the noun naming what was
    being read (:class:`mmlib.case.CaseFormatError`: 病例 / case).

    >>> print(JSONFormatError("/tmp/x.json", "文件不存在", "no such file").en)
    Cannot read JSON input '/tmp/x.json': no such file.
    """

    noun_zh = "输入数据"
    noun_en = "JSON input"

    def __init__(self, what: str | tuple[str, str], zh_reason: str, en_reason: str) -> None:
        zh_what, en_what = (f"'{what[0]}'", f"'{what[1]}'") if isinstance(what, tuple) else \
            (shown(what, "zh"), shown(what))
        super().__init__(f"无法读取{self.noun_zh} {zh_what}：{zh_reason}。",
                         f"Cannot read {self.noun_en} {en_what}: {en_reason}.", field="json",
                         value=what if isinstance(what, str) else what[1])


class _LongInteger(float):
    """An integer literal too long for :func:`int`: infinite as a number, its digits kept for messages."""

    json_digits: str

    def __new__(cls, digits: str) -> "_LongInteger":
        self = super().__new__(cls, "-inf" if digits.startswith("-") else "inf")
        self.json_digits = digits
        return self


def _parse_int(digits: str) -> int | float:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else _LongInteger(digits)


def _reject_constant(name: str) -> Any:
    raise _Problem(f"JSON 中不允许 {name}", f"{name} is not allowed in JSON")


class _Problem(Exception):
    """Raised inside the parser's hooks; turned into the caller's error class with the source label."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Problem(f"键 {shown(key, 'zh')} 在同一对象中出现了不止一次（同一字段有两个值，含义不明确）",
                           f"the key {shown(key)} occurs more than once in one object "
                           "(two values for one field are ambiguous)")
        out[key] = value
    return out


def decode(data: bytes, what: str | tuple[str, str], error: type[JSONFormatError] = JSONFormatError) -> str:
    """UTF-8 bytes as text, without a leading byte-order mark.

    >>> decode(b"\\xef\\xbb\\xbf{}", TEXT_LABEL)
    '{}'
    >>> decode(b"{\\xff}", TEXT_LABEL)
    Traceback (most recent call last):
    ...
    mmlib.jsonio.JSONFormatError: 无法读取输入数据 '<JSON 文本>'：不是 UTF-8 编码（第 2 个字节）。 / Cannot read JSON input '<JSON text>': not UTF-8 encoded (byte 2).
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(what, f"不是 UTF-8 编码（第 {exc.start + 1} 个字节）",
                    f"not UTF-8 encoded (byte {exc.start + 1})") from None


def read_stream(stream: IO[Any] | None = None, error: type[JSONFormatError] = JSONFormatError) -> str:
    """All of ``stream`` (default: standard input) as text, read as UTF-8 bytes when the stream has them.

    >>> import io
    >>> read_stream(io.TextIOWrapper(io.BytesIO(b'\\xef\\xbb\\xbf{"a": 1}')))
    '{"a": 1}'
    """
    stream = sys.stdin if stream is None else stream
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return decode(buffer.read(), STDIN_LABEL, error)
    text = stream.read()
    return decode(text, STDIN_LABEL, error) if isinstance(text, bytes) else text.removeprefix("\ufeff")


def parse_json_object(text: str, what: str | tuple[str, str] = TEXT_LABEL,
                      error: type[JSONFormatError] = JSONFormatError) -> dict[str, Any]:
    """Parse ``text`` as a JSON object with the rules of this module; ``what`` names the source in errors.

    >>> parse_json_object('{"n": 1, "x": [1.5, null]}')
    {'n': 1, 'x': [1.5, None]}
    >>> parse_json_object("[1]")
    Traceback (most recent call last):
    ...
    mmlib.jsonio.JSONFormatError: 无法读取输入数据 '<JSON 文本>'：不是 JSON 对象（应以 { 开头）。 / Cannot read JSON input '<JSON text>': not a JSON object (it must start with {).
    >>> parse_json_object('{"n": 1,')
    Traceback (most recent call last):
    ...
    mmlib.jsonio.JSONFormatError: 无法读取输入数据 '<JSON 文本>'：JSON 格式错误（第 1 行第 9 列）。 / Cannot read JSON input '<JSON text>': invalid JSON (line 1, column 9).
    """
    text = text.removeprefix("\ufeff")
    if not text.lstrip(" \t\r\n").startswith("{"):
        raise error(what, "不是 JSON 对象（应以 { 开头）", "not a JSON object (it must start with {)")
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant,
                          parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise error(what, f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列）",
                    f"invalid JSON (line {exc.lineno}, column {exc.colno})") from None
    except _Problem as exc:
        raise error(what, exc.zh, exc.en) from None
    except RecursionError:
        raise error(what, "嵌套层数过多", "nested too deeply") from None


def load_json_object(text_or_path: str | Path, error: type[JSONFormatError] = JSONFormatError) -> dict[str, Any]:
    """Parse JSON text (a string starting with ``{`` or ``[``) or read a JSON file.

    >>> load_json_object(' {"a": 1}')
    {'a': 1}
    >>> load_json_object("/no/such/case.json")
    Traceback (most recent call last):
    ...
    mmlib.jsonio.JSONFormatError: 无法读取输入数据 '/no/such/case.json'：文件不存在。 / Cannot read JSON input '/no/such/case.json': no such file.
    """
    if isinstance(text_or_path, str) and text_or_path.removeprefix("\ufeff").lstrip().startswith(("{", "[")):
        return parse_json_object(text_or_path, TEXT_LABEL, error)
    path = str(text_or_path)
    try:
        data = Path(text_or_path).read_bytes()
    except FileNotFoundError:
        raise error(path, "文件不存在", "no such file") from None
    except (OSError, ValueError) as exc:  # unreadable, a directory, a NUL in the path, a name too long
        raise error(path, f"无法读取文件（{type(exc).__name__}）",
                    f"the file cannot be read ({type(exc).__name__})") from None
    return parse_json_object(decode(data, path, error), path, error)
