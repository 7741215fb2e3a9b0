"""Fuzzing the command line: arbitrary bytes and arbitrary JSON never give a traceback (issue 11, item 5).

Each example runs the real entry point :func:`mmlib.cli.main` in-process with the input on standard
input (as bytes) or as an argument, capturing both streams.  Whatever the input, the exit status is 0
(a result) or 2 (bad input), standard error has at most one line, and no traceback is printed.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mmlib.case import FIELD_NAMES

from mm_cases import case_dicts
from test_cli_input import cli

COMMANDS = st.sampled_from(["assess", "response"])
#: Text with every code point, lone surrogates included.
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=12)
#: Keys that reach the validators (case fields and response keys) as well as arbitrary ones.
KEYS = st.one_of(st.sampled_from(FIELD_NAMES + ("baseline", "nadir", "current", "mrd", "method", "negative",
                                                "sensitivity", "sustained_years", "serum_ife_negative")),
                 ANY_TEXT)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10 ** 30, max_value=10 ** 30),
                    st.floats(allow_nan=False, allow_infinity=False), ANY_TEXT)
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(KEYS, inner, max_size=4)),
                           max_leaves=12)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(status: int, out: str, err: str) -> None:
    assert status in (0, 2), err
    assert len(err.splitlines()) <= 1 and err.count("\n") <= 1, err[:300]
    assert "Traceback" not in err and "Traceback" not in out
    if status == 0:
        assert out and not err
    else:
        assert not out and err.endswith("\n") and " / mmlib: " in err
    err.encode("utf-8")                     # what reached the stream can be written as UTF-8


@SETTINGS
@given(COMMANDS, st.binary(max_size=200))
@example("assess", b'{"\\ud800": 1}')
@example("response", b'\xef\xbb\xbf{"baseline": {"m_protein_g_dl": 3}, "current": {"m_protein_g_dl": 1}}')
@example("assess", b"\xff\xfe{")
def test_arbitrary_bytes_on_stdin(command, data):
    check(*cli(command, "-", stdin=data))


@SETTINGS
@given(COMMANDS, st.binary(max_size=60).map(lambda b: b"{" + b))
def test_arbitrary_bytes_after_a_brace(command, data):
    check(*cli(command, "-", stdin=data))


@SETTINGS
@given(COMMANDS, JSON_VALUES, st.booleans(), st.booleans())
def test_arbitrary_json_values(command, value, ascii_only, as_argument):
    text = json.dumps(value, ensure_ascii=ascii_only)
    if as_argument:
        check(*cli(command, text, "--json"))
    else:
        check(*cli(command, "-", stdin=text.encode("utf-8", "surrogatepass")))


@SETTINGS
@given(COMMANDS, st.dictionaries(KEYS, JSON_VALUES, max_size=6), st.booleans())
def test_arbitrary_json_objects(command, value, full):
    args = ["--full"] if full and command == "assess" else []
    check(*cli(command, json.dumps(value), *args))


@SETTINGS
@given(case_dicts(), st.one_of(st.none(), st.tuples(KEYS, JSON_VALUES)), st.sampled_from([[], ["--json"], ["--full"]]))
def test_valid_cases_with_one_arbitrary_field(case, change, args):
    """A valid case runs (exit 0); the same case with one arbitrary key or value is a result or one error line."""
    if change is not None:
        case = {**case, change[0]: change[1]}
    status, out, err = cli("assess", json.dumps(case), *args)
    check(status, out, err)
    if change is None:
        assert status == 0
