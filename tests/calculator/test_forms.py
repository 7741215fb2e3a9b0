"""The calculator forms rendered by hooks/calculator.py, checked without a browser.

Every control is named after an mmlib input (a case field, or a key of the response input), is
labelled with mmlib's Chinese name, offers both units of a two-unit quantity, and a page that
asks for a form that does not exist stops the build.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from mmlib import response as resp
from mmlib.case import BOOL_FIELDS, CHOICES, FIELD_NAMES, FIELD_ZH, MEASURED

ROOT = Path(__file__).resolve().parents[2]
# the hook by its path (the name "calculator" is this test package's)
_spec = importlib.util.spec_from_file_location("mm_calculator_hook", ROOT / "hooks" / "calculator.py")
hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hook)


@pytest.fixture(scope="module")
def data():
    return hook.calculator_data()


def controls(markup: str) -> list[dict[str, str]]:
    """Attributes of every control that carries a value (``data-kind``)."""
    out = []
    for tag in re.findall(r"<(?:input|select)\b[^>]*\bdata-kind=[^>]*>", markup):
        out.append(dict(re.findall(r'([\w-]+)="([^"]*)"', tag)))
    return out


def response_path_is_valid(name: str) -> bool:
    head, _, last = name.partition(".")
    if head in ("baseline", "nadir", "current"):
        return last in resp._LAB_KEYS
    if head == "mrd":
        return last in resp._MRD_KEYS
    return name in resp._TOP_KEYS


@pytest.mark.parametrize("form", list(hook.FORMS))
def test_every_control_is_named_after_an_mmlib_input(form, data):
    markup = hook.render_form(form, data)
    found = controls(markup)
    assert found
    for c in found:
        name = c["name"]
        if form == "response":
            assert response_path_is_valid(name), name
        else:
            assert name in FIELD_NAMES, name
        label = re.search(rf'<label for="{c["id"]}">([^<]*)', markup).group(1)
        field = name.rsplit(".", 1)[-1]
        if field in FIELD_ZH:
            assert FIELD_ZH[field] in label
    ids = re.findall(r'\sid="([^"]+)"', markup)
    assert len(ids) == len(set(ids))


def test_booleans_and_choices_are_selects_with_unknown_first(data):
    markup = hook.render_form("diagnosis", data) + hook.render_form("staging", data)
    for name in ("biopsy_proven_plasmacytoma", "del17p", "crab_absent"):
        assert name in BOOL_FIELDS
        select = re.search(rf'<select [^>]*name="{name}"[^>]*>(.*?)</select>', markup).group(1)
        assert re.findall(r'<option value="([^"]*)">([^<]*)', select) == [("", "未知"), ("true", "是"), ("false", "否")]
    select = re.search(r'<select [^>]*name="isotype"[^>]*>(.*?)</select>', markup).group(1)
    assert [v for v in re.findall(r'<option value="([^"]*)"', select)] == ["", *CHOICES["isotype"]]


def test_two_unit_quantities_offer_both_fields(data):
    markup = hook.render_form("diagnosis", data)
    for stem in ("calcium", "creatinine", "hemoglobin", "m_protein", "flc_kappa"):
        spec = MEASURED[stem]
        options = re.search(rf'<select class="mm-u" data-for="mm-diagnosis-{stem}"[^>]*>(.*?)</select>', markup)
        assert options, stem
        assert re.findall(r'<option value="([^"]*)">([^<]*)', options.group(1)) == [
            (spec.conventional_field, spec.conventional_unit), (spec.si_field, spec.si_unit)]
    assert 'name="mri_lesion_sizes_mm" data-kind="list"' in markup
    # the plausible range of mmlib.case.PLAUSIBLE as the placeholder (calcium 4–20 mg/dL; 2.6 would be mmol/L)
    assert re.search(r'name="calcium_mg_dl"[^>]*placeholder="4–20"', markup)


def test_every_form_has_a_live_result_and_the_teaching_notice(data):
    for form in hook.FORMS:
        markup = hook.render_form(form, data)
        assert 'data-mm-result=""' in markup and 'aria-live="polite"' in markup
        assert "不构成临床建议" in markup and "data-mm-download" in markup


def test_an_unknown_form_stops_the_build(data):
    with pytest.raises(PluginError, match="unknown form 'diagnosys'"):
        hook.render_form("diagnosys", data)


def test_the_script_holds_the_data_and_the_interface():
    text = hook.script_text()
    assert text.startswith("globalThis.MM_DATA={")
    assert "ui:{" in text and "asRead:" in text and "window.mmCalculator" in text
    assert text.index("asRead:") < text.index("window.mmCalculator")   # the core before the interface


def test_the_minified_script_computes_what_the_files_compute(tmp_path):
    """The shipped script (minified by terser) gives the same result in Node."""
    import json
    import subprocess

    from mmlib.calculator import bundle

    case = {"m_protein_g_dl": 3.5, "bmpc_percent": 12, "calcium_mg_dl": 11.5, "beta2m_mg_l": 6, "albumin_g_dl": 3}
    out = []
    for name, text in (("full.js", bundle(data=hook.calculator_data())), ("minified.js", hook.script_text())):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        proc = subprocess.run(["node", "-e", f"require({json.dumps(str(path))});"
                               f"process.stdout.write(JSON.stringify(MM.assess({json.dumps(case)})))"],
                              capture_output=True, text=True, check=True)
        out.append(json.loads(proc.stdout))
    assert out[0] == out[1]
    assert len(hook.script_text()) < len(bundle(data=hook.calculator_data()))


@pytest.mark.parametrize("text, message", [
    ("<!-- mm-calculator: diagnosys -->", "unknown form 'diagnosys'"),
    ("<!--mm-calculator: crab -->", "write the marker as"),
    ("<!-- mm-calculator crab -->", "write the marker as"),
])
def test_a_misspelt_marker_stops_the_build(text, message):
    with pytest.raises(PluginError, match=message):
        hook.check_markers(f"<p>前文</p>{text}<p>后文</p>", "chapter_x/page.md")


def test_the_pages_use_every_form_and_only_known_ones():
    used = set()
    for page in (ROOT / "docs").rglob("*.md"):
        used |= set(hook.check_markers(page.read_text(encoding="utf-8"), str(page)))
    assert used == set(hook.FORMS)
