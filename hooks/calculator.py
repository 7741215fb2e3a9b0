"""On-page calculators: one script with mmlib's data and rules, and forms rendered at build time.

1. ``on_files``: write ``assets/calculator/mm-calculator.js`` — the data exported
   from mmlib (:func:`mmlib.calculator.calculator_data` plus the ``ui`` words of
   :mod:`mmlib.calculator.ui`) followed by ``mmlib/calculator/js/*.js`` in their
   load order (:data:`mmlib.calculator.JS_FILES`; files not written yet are
   skipped), minified by terser (:func:`minify`: local names shortened; budget
   40 KB gzip).  The script is cached in ``.cache/calculator`` by the hash of mmlib's
   sources, so an unchanged library is not exported again.
2. ``on_post_page``: a Markdown comment ``<!-- mm-calculator: NAME -->`` becomes
   the form ``NAME`` of :data:`FORMS` (labels, units, ranges and choices from the
   exported field table), with its result region; the page's head gets the
   calculator's style sheet and script.  Forms are added after the search index
   has read the page, so their labels do not crowd the search results.  An
   unknown NAME stops the build.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.calculator")

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("MM_BOOK_CACHE") or ROOT / ".cache") / "calculator"
TERSER = ROOT / "tools" / "npm" / "node_modules" / "terser" / "bin" / "terser"
SCRIPT = "assets/calculator/mm-calculator.js"
STYLE = "assets/calculator/mm-calculator.css"
MARKER = re.compile(r"<!-- mm-calculator: ([\w-]+) -->")
ANY_MARKER = re.compile(r"<!--\s*mm-calculator\b.*?-->", re.S)   # to catch a misspelt marker

# A form: title, the result blocks it shows, the trace sections it lists, and groups of fields
# (legend, fields, open?).  A field is a case field, the stem of a two-unit quantity ("calcium":
# conventional and SI field with a unit switch), or for the response form a dotted input path.
CRAB_FIELDS = ["calcium", "calcium_uln", "creatinine", "crcl_ml_min", "hemoglobin", "hemoglobin_lln",
               "lytic_lesions", "mri_lesion_sizes_mm", "mri_focal_lesions"]
PROTEIN_FIELDS = ["isotype", "light_chain", "m_protein", "urine_m_protein_mg_24h", "flc_kappa", "flc_lambda"]
ASSERTED = ("陈述的 CRAB 表现（仅用于只有文字描述的病例）",
            ["hypercalcemia", "renal_insufficiency", "anemia", "bone_lesions", "crab_absent"], False)
FISH = ["del17p", "del17p_ccf_percent", "tp53_mutation", "t4_14", "t14_16", "t14_20", "t11_14", "gain_1q",
        "amp_1q", "del1p32", "del1p32_biallelic", "del13q", "hyperdiploid"]
RESPONSE_LABS = ["m_protein", "urine_m_protein_mg_24h", "flc_kappa_mg_l", "flc_lambda_mg_l"]
RESPONSE_IMAGING = ["lesion_spd_cm2", "lesion_longest_diameter_cm", "lesion_short_axis_cm",
                    "circulating_pc_per_ul"]

FORMS: dict[str, dict[str, Any]] = {
    "diagnosis": {
        "title": "诊断计算器（IMWG 2014）", "show": "dx crab slim labs",
        "trace": "diagnosis crab slim flc_ratio crcl",
        "groups": [("单克隆蛋白", PROTEIN_FIELDS, True),
                   ("骨髓与浆细胞瘤", ["bmpc_percent", "biopsy_proven_plasmacytoma", "circulating_pc_percent"], True),
                   ("CRAB：钙、肾、血、骨", CRAB_FIELDS + ["egfr_ml_min_1_73m2"], True),
                   ("计算肌酐清除率所需", ["age_years", "sex", "weight_kg"], True),
                   ASSERTED]},
    "labs": {
        "title": "实验室计算器", "show": "labs", "trace": "crcl egfr corrected_calcium flc_ratio",
        "groups": [("肌酐清除率与 eGFR", ["age_years", "sex", "weight_kg", "creatinine", "crcl_ml_min"], True),
                   ("白蛋白校正钙", ["calcium", "albumin"], True),
                   ("血清游离轻链", ["flc_kappa", "flc_lambda", "light_chain"], True)]},
    "staging": {
        "title": "分期与细胞遗传学危险分层计算器", "show": "stages cyto",
        "trace": "iss riss r2iss cytogenetic_risk",
        "groups": [("血清学指标", ["beta2m_mg_l", "albumin", "ldh_u_l", "ldh_uln_u_l", "creatinine"], True),
                   ("FISH 与分子检测", FISH, True)]},
    "risk": {
        "title": "SMM 与 MGUS 进展风险计算器", "show": "dx risk",
        "trace": "diagnosis smm_risk_mayo2018 smm_risk_imwg2020 mgus_risk_mayo",
        "groups": [("单克隆蛋白", PROTEIN_FIELDS, True),
                   ("骨髓", ["bmpc_percent"], True),
                   ("FISH（IMWG 2020 计分）", ["t4_14", "t14_16", "gain_1q", "del13q"], True),
                   ("排除活动性骨髓瘤：CRAB 与 SLiM 所需", CRAB_FIELDS + ["age_years", "sex", "weight_kg"], False),
                   ASSERTED]},
    "response": {
        "title": "疗效评估计算器（IMWG 2016）", "show": "response", "trace": "",
        "groups": [("基线", [f"baseline.{f}" for f in RESPONSE_LABS], True),
                   ("最低值（nadir，无则留空）", [f"nadir.{f}" for f in RESPONSE_LABS], False),
                   ("本次评估", [f"current.{f}" for f in RESPONSE_LABS] + ["bmpc_percent", "serum_ife_negative",
                    "urine_ife_negative", "soft_tissue_plasmacytoma_present", "clonal_pc_by_ihc_absent"], True),
                   ("疾病进展的其他表现", ["new_lesions", "hypercalcemia", "spd_lesion_count"]
                    + [f"{p}.{f}" for p in ("baseline", "current") for f in RESPONSE_IMAGING] + ["prior_cr"], False),
                   ("微小残留病（MRD）", ["mrd.negative", "mrd.method", "mrd.sensitivity", "mrd.pet_negative",
                                      "mrd.sustained_years"], False)]},
    # compact forms embedded in the chapters that teach them
    "spectrum": {
        "title": "试一试：疾病谱系", "show": "dx crab slim", "trace": "diagnosis",
        "groups": [("", ["m_protein", "bmpc_percent", "flc_kappa", "flc_lambda", "calcium", "calcium_uln",
                         "crcl_ml_min", "hemoglobin", "hemoglobin_lln", "lytic_lesions", "mri_focal_lesions"], True)]},
    "crab": {
        "title": "试一试：逐项评估 CRAB", "show": "crab", "trace": "crab crcl",
        "groups": [("", CRAB_FIELDS[:7] + ["age_years", "sex", "weight_kg"], True)]},
    "staging-compact": {
        "title": "试一试：ISS、R-ISS 与 R2-ISS", "show": "stages", "trace": "iss riss r2iss",
        "groups": [("", ["beta2m_mg_l", "albumin", "ldh_u_l", "ldh_uln_u_l", "del17p", "t4_14", "t14_16",
                         "gain_1q", "amp_1q"], True)]},
}


# --------------------------------------------------------------------------
# the script
# --------------------------------------------------------------------------

def calculator_data() -> dict[str, Any]:
    """mmlib's export plus the interface's words."""
    from mmlib.calculator import calculator_data as export
    from mmlib.calculator.ui import ui_data

    data = export()
    data.update({k: v for k, v in ui_data().items() if k not in data})
    return data


def source_hash() -> str:
    """Hash of every file the script is made from (this hook, mmlib's Python and the JavaScript)."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    lib = ROOT / "mmlib"
    for path in sorted(p for p in lib.rglob("*") if p.suffix in (".py", ".js") and p.is_file()):
        h.update(path.relative_to(lib).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def minify(js: str) -> str:
    r"""The script with comments and whitespace removed and local names shortened (terser ``--mangle``, run by
    Node; property names, strings and numbers are not touched, nothing is rewritten otherwise).

    >>> minify("(function () { var longName = 1; /* why */ return longName; })();")
    '(function(){var n=1;return n})();\n'
    """
    node = shutil.which("node")
    if node is None or not TERSER.is_file():
        raise PluginError("calculator: the calculator script is minified with terser (Node); "
                          "run 'python3 tools/book.py setup' (npm ci in tools/npm)")
    proc = subprocess.run([node, str(TERSER), "--ecma", "2017", "--mangle", "--comments", "false"],
                          input=js, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise PluginError(f"calculator: terser failed:\n{proc.stderr[-2000:]}")
    return proc.stdout


def _cached(kind: str, make) -> str:
    """``make()`` kept in ``.cache/calculator/KIND.<hash of the sources>`` (older versions are removed)."""
    cached = CACHE / f"{kind}.{source_hash()}"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    text = make()
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(f"{kind}.*"):
        old.unlink()
    cached.write_text(text, encoding="utf-8")
    return text


def cached_data() -> dict[str, Any]:
    """:func:`calculator_data`, from the cache when mmlib did not change (the export imports all of mmlib)."""
    return json.loads(_cached("data-json", lambda: json.dumps(calculator_data(), ensure_ascii=False)))


def script_text() -> str:
    """The calculator script (data, then rules, then interface), from the cache when mmlib did not change."""
    from mmlib.calculator import bundle

    return _cached("mm-calculator-js", lambda: minify(bundle(data=cached_data())))


_state: dict[str, Any] = {}


def on_files(files, config):
    text = script_text()
    out = CACHE / "site"
    style = Path(__file__).with_name("calculator.css").read_text(encoding="utf-8")
    for uri, body in ((SCRIPT, text), (STYLE, style)):
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != body:
            target.write_text(body, encoding="utf-8")
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"calculator: docs/{uri} exists; it is generated by hooks/calculator.py")
        files.append(File(uri, src_dir=str(out), dest_dir=config["site_dir"],
                          use_directory_urls=config["use_directory_urls"]))
    _state["version"] = hashlib.sha256(text.encode()).hexdigest()[:10]
    _state["data"] = None
    return files


# --------------------------------------------------------------------------
# the forms
# --------------------------------------------------------------------------

def _data() -> dict[str, Any]:
    if _state.get("data") is None:
        _state["data"] = cached_data()
    return _state["data"]


def _esc(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _options(pairs: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{_esc(v)}">{_esc(t)}</option>' for v, t in pairs)


def _response_meta(path: str, data: dict[str, Any]) -> dict[str, Any]:
    """Label, kind, unit and choices of an input of the response form."""
    from mmlib import response as resp

    words = data["ui"]["response"]
    last = path.rsplit(".", 1)[-1]
    if path.startswith("mrd."):
        kinds = {"negative": "bool", "pet_negative": "bool", "method": "choice", "sensitivity": "number",
                 "sustained_years": "number"}
        meta = {"zh": words[path], "kind": kinds[last], "unit": "年" if last == "sustained_years" else ""}
        if last == "method":
            meta["choices"] = [(c, words[f"mrd.method.{c}"]) for c in ("flow", "ngs")]
        return meta
    if last in resp._EXTRA_LABS:
        return {"zh": words[last], "kind": "number", "unit": resp._EXTRA_LABS[last][1]}
    if last in words:
        return {"zh": words[last], "kind": "int" if last == "spd_lesion_count" else "bool", "unit": ""}
    return dict(data["fields"][last])


def _field_meta(name: str, data: dict[str, Any]) -> tuple[str, dict[str, Any], list[tuple[str, str]]]:
    """(default control name, field metadata, [(field, unit)] of a two-unit quantity or [])."""
    prefix, _, last = name.rpartition(".")
    if last in data["measured"]:
        m = data["measured"][last]
        pre = f"{prefix}." if prefix else ""
        units = [(pre + m["conventional_field"], m["conventional_unit"]), (pre + m["si_field"], m["si_unit"])]
        return units[0][0], data["fields"][m["conventional_field"]], units
    if prefix or last not in data["fields"]:
        return name, _response_meta(name, data), []
    return name, data["fields"][name], []


def render_field(form: str, name: str, data: dict[str, Any]) -> str:
    """One labelled control (``name`` = the mmlib field name), its unit and its error line."""
    from mmlib.trace import fmt_number, zh_join

    control, meta, units = _field_meta(name, data)
    ident = f"mm-{form}-{name.replace('.', '-')}"
    label = meta["zh"]
    if name.split(".")[0] in ("baseline", "nadir", "current"):
        label = zh_join(data["ui"]["response"][name.split(".")[0]], label)
    kind = meta["kind"]
    err = f"{ident}-e"
    common = f'id="{ident}" name="{_esc(control)}" data-kind="{kind}" aria-describedby="{err}"'
    hint = ""
    if kind in ("bool", "choice"):
        if kind == "bool":
            pairs = [("", "未知"), ("true", "是"), ("false", "否")]
        else:
            names = data["ui"]["choice"].get(control, {})
            pairs = [("", "未知")] + [c if isinstance(c, tuple) else (c, names.get(c, c))
                                    for c in meta["choices"]]
        widget = f"<select {common}>{_options(pairs)}</select>"
    else:
        mode = "numeric" if kind == "int" else "decimal"
        plausible = meta.get("plausible")
        shown = f' placeholder="{fmt_number(plausible[0])}–{fmt_number(plausible[1])}"' if plausible else ""
        widget = (f'<input {common} type="text" inputmode="{mode}" autocomplete="off" spellcheck="false"'
                  f"{shown}>")
        if units:
            widget += (f'<select class="mm-u" data-for="{ident}" aria-label="{_esc(label)}的单位">'
                       f"{_options(units)}</select>")
        elif meta.get("unit"):
            widget += f'<span class="mm-unit" aria-hidden="true">{_esc(meta["unit"])}</span>'
        if kind == "list":
            hint = '<span class="mm-hint">多个病灶的直径用逗号分隔</span>'
    unit_text = "" if units or not meta.get("unit") else f'<span class="mm-sr">（{_esc(meta["unit"])}）</span>'
    return (f'<div class="mm-f"><label for="{ident}">{_esc(label)}{unit_text}{hint}</label>'
            f'<div class="mm-in">{widget}</div><p class="mm-e" id="{err}"></p></div>')


def render_form(form: str, data: dict[str, Any] | None = None) -> str:
    """The HTML of the form ``form`` of :data:`FORMS` with its buttons and result region."""
    if form not in FORMS:
        raise PluginError(f"calculator: unknown form {form!r} in <!-- mm-calculator: {form} -->; "
                          f"known: {', '.join(FORMS)}")
    spec, data = FORMS[form], data or _data()
    kind = "response" if form == "response" else "assess"
    two_units = any(_field_meta(f, data)[2] for _, fields, _ in spec["groups"] for f in fields)
    parts = [f'<form class="mm-calc" id="mm-{form}" data-mm-calculator="{form}" data-mm-kind="{kind}" '
             f'data-mm-show="{spec["show"]}" data-mm-trace="{spec["trace"]}" novalidate '
             f'aria-labelledby="mm-{form}-t">',
             f'<p class="mm-title" id="mm-{form}-t">{_esc(spec["title"])}</p>']
    if two_units:
        parts.append(f'<p class="mm-bar"><label for="mm-{form}-units">单位制</label>'
                     f'<select id="mm-{form}-units" data-mm-units>'
                     f'{_options([("0", "常规单位（mg/dL、g/dL）"), ("1", "国际单位（mmol/L、g/L）")])}</select></p>')
    for legend, fields, is_open in spec["groups"]:
        body = "".join(render_field(form, f, data) for f in fields)
        if not legend:
            parts.append(f'<div class="mm-grid">{body}</div>')
        elif is_open:
            parts.append(f'<fieldset><legend>{_esc(legend)}</legend><div class="mm-grid">{body}</div></fieldset>')
        else:
            parts.append(f'<details class="mm-more"><summary>{_esc(legend)}</summary>'
                         f'<fieldset><legend class="mm-sr">{_esc(legend)}</legend><div class="mm-grid">{body}</div>'
                         f'</fieldset></details>')
    file_name = "response.json" if kind == "response" else "case.json"
    parts.append(f'<p class="mm-actions"><button type="button" class="md-button" data-mm-download="{file_name}">'
                 '下载 JSON</button><button type="button" class="md-button" data-mm-link>复制链接</button>'
                 '<button type="reset" class="md-button">清空</button>'
                 '<span class="mm-said" role="status"></span>'
                 '<span class="mm-note">JSON 文件可用 <code>python -m mmlib '
                 f'{"response" if kind == "response" else "assess"} {file_name}</code> 核对</span></p>')
    parts.append(f'<p class="mm-e mm-form-e" id="mm-{form}-e"></p>')
    parts.append(f'<section class="mm-result" data-mm-result="" aria-labelledby="mm-{form}-rt">'
                 f'<p class="mm-title" id="mm-{form}-rt">结果</p>'
                 '<div class="mm-summary" aria-live="polite" aria-atomic="true">'
                 '<p>结果在浏览器中计算，需要 JavaScript。</p></div>'
                 '<details class="mm-trace"><summary>推理过程（每一项核对）</summary><div></div></details>'
                 '<p class="mm-disclaimer">教学材料，不构成临床建议；本计算器不给出任何治疗建议。</p>'
                 '</section></form>')
    return "".join(parts)


def check_markers(text: str, where: str) -> list[str]:
    """The form names of the markers in ``text``; a marker not written as ``<!-- mm-calculator: NAME -->`` with a
    known NAME stops the build.

    >>> check_markers("<p>x</p><!-- mm-calculator: crab -->", "x.md")
    ['crab']
    >>> check_markers("<!--mm-calculator:crab-->", "x.md")
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: calculator: x.md: write the marker as <!-- mm-calculator: NAME -->: '<!--mm-calculator:crab-->'
    """
    names = MARKER.findall(text)
    for found in ANY_MARKER.findall(text):
        if not MARKER.fullmatch(found):
            raise PluginError(f"calculator: {where}: write the marker as <!-- mm-calculator: NAME -->: {found!r}")
    for name in names:
        if name not in FORMS:
            raise PluginError(f"calculator: {where}: unknown form {name!r} in <!-- mm-calculator: {name} -->; "
                              f"known: {', '.join(FORMS)}")
    return names


def on_post_page(output: str, page, config):
    if not check_markers(output, page.file.src_uri):
        return output
    data = _data()
    output = MARKER.sub(lambda m: render_form(m.group(1), data), output)
    base = posixpath.dirname(page.file.dest_uri)
    version = _state.get("version", "")
    head = (f'<link rel="stylesheet" href="{posixpath.relpath(STYLE, base)}?v={version}">'
            f'<script src="{posixpath.relpath(SCRIPT, base)}?v={version}" defer></script>')
    if "</head>" not in output:
        raise PluginError(f"calculator: no </head> in {page.file.src_uri}")
    return output.replace("</head>", head + "</head>", 1)
