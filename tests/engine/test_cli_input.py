"""The command line never shows a traceback: regression tests for malformed input (issue 11, item 5).

Every test runs the real entry point :func:`mmlib.cli.main` in-process (fast), capturing standard
output and error; a few run ``python -m mmlib`` as a subprocess where the operating system matters
(file names that are not UTF-8).  Bad input ends with exit status 2 and exactly one line, in Chinese
and English, on standard error.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest

from mmlib.case import Case, CaseFormatError
from mmlib.cli import EXIT_BAD_INPUT, main
from mmlib.errors import SHOWN_CHARS, InputError, MMLibError, UnknownFieldError, shown
from mmlib.jsonio import JSONFormatError, load_json_object, parse_json_object, read_stream
from mmlib.response import ResponseFormatError, assess_response, response_from_json

ROOT = Path(__file__).resolve().parents[2]
SEED_MM = {"bmpc_percent": 12, "mri_focal_lesions": 2}
RESPONSE_PR = {"baseline": {"m_protein_g_dl": 3.0}, "current": {"m_protein_g_dl": 1.0}}
#: 5,000 nines: the integer of the issue, built without Python's 4,300-digit str → int limit.
FIVE_THOUSAND_NINES = 10 ** 5000 - 1
#: An error line is short: the message templates are a few hundred characters plus cut-short values.
MAX_LINE = 2500


def cli(*args: str, stdin: bytes | str | None = None) -> tuple[int, str, str]:
    """Run ``mmlib.cli.main`` in-process; returns (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8", "surrogatepass")
    stream = io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8")
    with mock.patch.object(sys, "stdin", stream), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def assert_one_line_error(status: int, out: str, err: str, *needles: str) -> str:
    assert status == EXIT_BAD_INPUT, err
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1 and len(err.splitlines()) == 1, err[:500]
    assert "Traceback" not in err and len(err) < MAX_LINE, err[:500]
    assert " / mmlib: " in err and any("\u4e00" <= ch <= "\u9fff" for ch in err)      # Chinese and English
    err.encode("utf-8")                                                                 # printable as UTF-8
    for needle in needles:
        assert needle in err, err
    return err


# --- lone surrogates ------------------------------------------------------------------------------
@pytest.mark.parametrize("command, text, needle", [
    ("assess", '{"\\ud800": 1}', "Unknown field '\\ud800'"),
    ("response", '{"\\ud800": 1}', "Unknown field '\\ud800'"),
    ("response", '{"baseline": {"\\udfff": 1}}', "Unknown field 'baseline.\\udfff'"),
    ("response", '{"mrd": {"\\ud800x": true}}', "Unknown field 'mrd.\\ud800x'"),
    ("assess", '{"sex": "\\ud800"}', "Invalid value '\\ud800' for field sex"),
])
def test_lone_surrogate_in_a_key_or_value(command, text, needle, tmp_path):
    assert_one_line_error(*cli(command, text), needle)
    assert_one_line_error(*cli(command, "-", stdin=text), needle)
    p = tmp_path / "x.json"
    p.write_text(text, encoding="ascii")
    assert_one_line_error(*cli(command, str(p)), needle)


def test_lone_surrogate_in_the_json_text_of_argv():
    # a non-UTF-8 byte in an argument reaches Python as a lone surrogate (surrogateescape)
    assert_one_line_error(*cli("assess", '{"sex": "\udcff"}'), "field sex")


# --- nesting ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["assess", "response"])
@pytest.mark.parametrize("opening, closing", [("[", "]"), ('{"a":', "}")])
def test_100000_nested_brackets(command, opening, closing):
    text = '{"bmpc_percent":' + opening * 100_000 + "1" + closing * 100_000 + "}"
    assert_one_line_error(*cli(command, text), "nested too deeply")
    assert_one_line_error(*cli(command, "-", stdin=text), "nested too deeply")
    # a top level that is not an object is refused before parsing
    assert_one_line_error(*cli(command, "-", stdin="[" * 100_000), "not a JSON object")


# --- huge integers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("data, error, field", [
    ({"bmpc_percent": FIVE_THOUSAND_NINES}, InputError, "bmpc_percent"),
    ({"lytic_lesions": FIVE_THOUSAND_NINES}, InputError, "lytic_lesions"),
    ({"sex": FIVE_THOUSAND_NINES}, InputError, "sex"),
    ({"del17p": FIVE_THOUSAND_NINES}, InputError, "del17p"),
    ({"mri_lesion_sizes_mm": [FIVE_THOUSAND_NINES]}, InputError, "mri_lesion_sizes_mm"),
    ({"age_years": -FIVE_THOUSAND_NINES}, InputError, "age_years"),
])
def test_5000_digit_integer_in_the_api_is_a_field_error(data, error, field):
    with pytest.raises(error) as info:
        Case.from_dict(data)
    assert info.value.field == field and len(str(info.value)) < MAX_LINE


@pytest.mark.parametrize("data, field", [
    ({"mrd": {"sustained_years": FIVE_THOUSAND_NINES}}, "mrd.sustained_years"),
    ({"mrd": {"sensitivity": FIVE_THOUSAND_NINES}}, "mrd.sensitivity"),
    ({"serum_ife_negative": FIVE_THOUSAND_NINES}, "serum_ife_negative"),
    ({"baseline": {"m_protein_g_dl": FIVE_THOUSAND_NINES}}, "m_protein_g_dl"),
])
def test_5000_digit_integer_in_response_data_is_a_field_error(data, field):
    with pytest.raises(InputError) as info:
        assess_response(data)
    assert field in str(info.value) and len(str(info.value)) < MAX_LINE


@pytest.mark.parametrize("command, template, field", [
    ("assess", '{"bmpc_percent": %s}', "bmpc_percent"),
    ("assess", '{"mri_lesion_sizes_mm": [5, %s]}', "mri_lesion_sizes_mm"),
    ("response", '{"mrd": {"sustained_years": %s}}', "mrd.sustained_years"),
    ("response", '{"baseline": {"m_protein_g_dl": -%s}}', "m_protein_g_dl"),
])
def test_5000_digit_integer_in_json_names_the_field(command, template, field):
    err = assert_one_line_error(*cli(command, template % ("9" * 5000)), f"field {field}")
    assert "(5000 digits)" in err and "9" * (SHOWN_CHARS + 1) not in err


def test_long_but_convertible_integer_is_cut_short():
    err = assert_one_line_error(*cli("assess", '{"sex": %s}' % ("7" * 4000)), "(4000 digits)", "field sex")
    assert "7" * (SHOWN_CHARS + 1) not in err


# --- duplicate keys --------------------------------------------------------------------------------
@pytest.mark.parametrize("command, text, key", [
    ("assess", '{"bmpc_percent": 12, "bmpc_percent": 70}', "bmpc_percent"),
    ("assess", '{"bmpc_percent": 12, "sex": "male", "bmpc_percent": 12}', "bmpc_percent"),   # even if equal
    ("assess", '{"mri_lesion_sizes_mm": [{"a": 1, "a": 2}]}', "a"),
    ("response", '{"baseline": {"m_protein_g_dl": 3, "m_protein_g_dl": 1}}', "m_protein_g_dl"),
    ("response", '{"current": {"m_protein_g_dl": 1}, "current": {"m_protein_g_dl": 3}}', "current"),
    ("response", '{"mrd": {"negative": true, "negative": false}}', "negative"),
])
def test_duplicate_keys_are_rejected_at_every_level(command, text, key):
    err = assert_one_line_error(*cli(command, text), f"the key '{key}' occurs more than once",
                                f"键 '{key}' 在同一对象中出现了不止一次")
    assert ("Cannot read case" if command == "assess" else "Cannot read response data") in err


def test_duplicate_keys_in_the_api_readers(tmp_path):
    with pytest.raises(CaseFormatError, match="bmpc_percent"):
        Case.from_json('{"bmpc_percent": 12, "bmpc_percent": 70}')
    p = tmp_path / "r.json"
    p.write_text('{"baseline": {"m_protein_g_dl": 3}, "baseline": {"m_protein_g_dl": 2}}', encoding="utf-8")
    with pytest.raises(ResponseFormatError, match="baseline"):
        response_from_json(p)


# --- byte-order mark and encodings ------------------------------------------------------------------
BOM = b"\xef\xbb\xbf"


def test_bom_is_accepted_in_files_stdin_and_text(tmp_path):
    p = tmp_path / "bom.json"
    p.write_bytes(BOM + json.dumps(SEED_MM).encode())
    for args, stdin in (((str(p), "--json"), None), (("-", "--json"), BOM + json.dumps(SEED_MM).encode()),
                        (("\ufeff" + json.dumps(SEED_MM), "--json"), None)):
        status, out, err = cli("assess", *args, stdin=stdin)
        assert (status, err) == (0, "") and json.loads(out)["diagnosis"] == "multiple_myeloma"
    assert Case.from_json(p) == Case.from_dict(SEED_MM)
    r = tmp_path / "r.json"
    r.write_bytes(BOM + json.dumps(RESPONSE_PR).encode())
    assert response_from_json(r).value == "PR"
    status, out, _ = cli("response", "-", "--json", stdin=BOM + json.dumps(RESPONSE_PR).encode())
    assert status == 0 and json.loads(out)["value"] == "PR"


@pytest.mark.parametrize("data, byte", [(b'{"a": 1}\xff', 9), (b"\xff\xfe{}", 1), (BOM + b'{"\xc3"}', 3)])
def test_bytes_that_are_not_utf8(tmp_path, data, byte):
    p = tmp_path / "x.json"
    p.write_bytes(data)
    assert_one_line_error(*cli("assess", str(p)), f"not UTF-8 encoded (byte {byte})")
    assert_one_line_error(*cli("response", "-", stdin=data), f"not UTF-8 encoded (byte {byte})", "<standard input>")


def test_read_stream_of_text_without_a_byte_buffer():
    assert read_stream(io.StringIO('\ufeff{"a": 1}')) == '{"a": 1}'


# --- huge strings ------------------------------------------------------------------------------------
@pytest.mark.parametrize("command, data", [
    ("assess", {"sex": "x" * 5_000_000}),
    ("assess", {"y" * 5_000_000: 1}),
    ("response", {"baseline": {"z" * 5_000_000: 1}}),
    ("response", {"mrd": {"method": "w" * 5_000_000}}),
])
def test_a_5_mb_string_is_not_echoed(command, data):
    err = assert_one_line_error(*cli(command, "-", stdin=json.dumps(data)), "characters)")
    assert len(err) < MAX_LINE


def test_shown_cuts_every_kind_of_value():
    assert shown("a" * 61).startswith("'" + "a" * 60 + "'…")
    assert shown("a" * 61, "zh").endswith("（共 61 个字符）")
    assert shown(10 ** 5000) == "1" + "0" * 59 + "… (5001 digits)"
    assert shown(-FIVE_THOUSAND_NINES, "zh") == "-" + "9" * 60 + "…（共 5000 位）"
    assert shown(10 ** 200_000) == "… (about 200000 digits)"
    assert shown(12) == "12" and shown(True) == "True" and shown(None) == "None"
    nested: list = []
    for _ in range(2000):
        nested = [nested]
    assert len(shown(nested)) <= SHOWN_CHARS + 1
    assert len(shown(list(range(10 ** 5)))) <= SHOWN_CHARS + 1
    assert "\n" not in shown({"k": "line\nbreak\u2028"}) and "\u2028" not in shown("\u2028")
    assert len(shown([10 ** 5000])) <= SHOWN_CHARS + 1


def test_error_messages_of_the_api_stay_short():
    with pytest.raises(UnknownFieldError) as info:
        Case.from_dict({"q" * 10_000: 1})
    assert len(info.value.zh) < MAX_LINE and len(info.value.en) < MAX_LINE
    with pytest.raises(InputError) as info:
        Case.from_dict({"mri_lesion_sizes_mm": [[[[[[1]]]]]]})
    assert "[[[" in info.value.en


# --- the JSON reader ----------------------------------------------------------------------------------
def test_one_reader_for_every_caller(tmp_path):
    for bad in ("[1]", "", "  ", "null", "1", '"text"'):
        with pytest.raises(JSONFormatError, match="not a JSON object"):
            parse_json_object(bad)
    with pytest.raises(JSONFormatError, match="NaN is not allowed"):
        parse_json_object('{"a": NaN}')
    with pytest.raises(JSONFormatError, match="no such file"):
        load_json_object(tmp_path / "missing.json")
    with pytest.raises(JSONFormatError, match="cannot be read"):
        load_json_object(tmp_path)
    with pytest.raises(JSONFormatError, match="cannot be read"):
        load_json_object("x" * 5000)                                       # a file name too long
    assert issubclass(CaseFormatError, JSONFormatError) and issubclass(ResponseFormatError, JSONFormatError)
    assert issubclass(JSONFormatError, MMLibError)


# --- exit statuses -----------------------------------------------------------------------------------
def test_exit_statuses():
    assert cli("assess", json.dumps(SEED_MM))[0] == 0
    assert cli("response", json.dumps(RESPONSE_PR))[0] == 0
    assert cli("--help")[0] == 0
    assert_one_line_error(*cli("assess"), "invalid arguments")
    assert_one_line_error(*cli("assess", "x.json", "--frob", "\udcff" * 10_000), "invalid arguments")
    assert_one_line_error(*cli("response", '{"baseline": {"m_protein_g_dl": -1}}'), "m_protein_g_dl")


def test_an_unreadable_stdin_is_one_line():
    class Broken(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, b):  # noqa: ARG002
            raise OSError(5, "Input/output error")

    out, err = io.StringIO(), io.StringIO()
    with mock.patch.object(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Broken()))), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["assess", "-"])
    assert_one_line_error(status, out.getvalue(), err.getvalue(), "cannot read input")


# --- subprocesses: what the operating system hands over -----------------------------------------------
def run(*args: bytes | str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mmlib", *args], cwd=ROOT, input=stdin, capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": ""})


def check_process(r: subprocess.CompletedProcess, status: int, needle: str = "") -> None:
    assert r.returncode == status, r.stderr
    assert b"Traceback" not in r.stderr
    if status:
        assert r.stdout == b"" and r.stderr.count(b"\n") == 1
        assert needle.encode() in r.stderr
        r.stderr.decode("utf-8")


def test_non_utf8_file_name_as_bytes(tmp_path):
    missing = os.fsencode(tmp_path) + b"/\xff\xfe.json"
    check_process(run("assess", missing), 2, "no such file")
    present = os.fsencode(tmp_path) + b"/case\xff.json"
    with open(present, "wb") as fh:
        fh.write(json.dumps(SEED_MM).encode())
    r = run("assess", present, "--json")
    check_process(r, 0)
    assert json.loads(r.stdout)["diagnosis"] == "multiple_myeloma"
    check_process(run("response", missing), 2, "Cannot read response data")


def test_surrogate_key_and_bytes_in_argv_subprocess():
    check_process(run("assess", "-", stdin=b'{"\\ud800": 1}'), 2, "Unknown field '\\ud800'")
    check_process(run("response", "-", stdin=b'{"baseline": {"\\ud800": 1}}'), 2, "baseline.\\ud800")
    check_process(run("assess", b'{"sex": "\xff"}'), 2, "field sex")
    check_process(run("assess", "x.json", b"--\xff"), 2, "invalid arguments")


def test_deep_nesting_and_bom_subprocess():
    check_process(run("assess", "-", stdin=b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}"), 2, "nested too deeply")
    check_process(run("assess", "-", "--json", stdin=BOM + json.dumps(SEED_MM).encode()), 0)


def test_an_internal_error_is_one_line_with_status_1(monkeypatch):
    import mmlib.assess

    def broken(_case):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(mmlib.assess, "assess", broken)
    status, out, err = cli("assess", json.dumps(SEED_MM))
    assert status == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "internal error (RuntimeError)" in err and "内部错误" in err
