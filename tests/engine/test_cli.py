"""The command line, run as a subprocess: reports, JSON, and bilingual one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mmlib.assess import CONTRACT_KEYS
from mmlib.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED_MM = {"bmpc_percent": 12, "mri_focal_lesions": 2}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mmlib", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, encoding="utf-8")


def test_assess_report(tmp_path):
    p = tmp_path / "case.json"
    p.write_text(json.dumps(SEED_MM), encoding="utf-8")
    r = run("assess", str(p))
    assert r.returncode == 0 and r.stderr == ""
    assert "诊断（IMWG 2014）：多发性骨髓瘤（MM）" in r.stdout
    assert "教学材料" in r.stdout.splitlines()[-1]


def test_assess_json_from_stdin():
    r = run("assess", "-", "--json", stdin=json.dumps(SEED_MM))
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert tuple(out) == CONTRACT_KEYS and out["diagnosis"] == "multiple_myeloma"
    assert "\\u" not in r.stdout            # ensure_ascii=False: Chinese is printed as is
    assert "骨髓" in r.stdout


@pytest.mark.parametrize("args, stdin, needle", [
    (("assess", "/no/such/case.json"), None, "no such file"),
    (("assess", "-"), "{bad json", "invalid JSON"),
    (("assess", "-"), "not json at all", "not a JSON object"),
    (("assess", "-"), '{"calcium_mg_dl": 2.6}', "calcium_mmol_l"),
    (("assess", "-"), '{"calcium": 2.6}', "Unknown field"),
    (("assess", "-"), '{"del17p": "yes"}', "boolean"),
    (("assess", "-"), '{"calcium_mg_dl": 10, "calcium_mmol_l": 2.5}', "two units"),
    (("frobnicate",), None, "invalid arguments"),
    (("response", "-"), "[]", "JSON object"),
])
def test_bad_input_exit_2_one_bilingual_line(args, stdin, needle):
    r = run(*args, stdin=stdin)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    line = lines[0]
    assert "Traceback" not in r.stderr
    assert needle in line
    assert " / " in line and any("\u4e00" <= ch <= "\u9fff" for ch in line)   # Chinese and English


def test_response_delegates(tmp_path):
    data = {"baseline": {"m_protein_g_dl": 3.0}, "current": {"m_protein_g_dl": 1.0}}
    p = tmp_path / "resp.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    r = run("response", str(p), "--json")
    assert r.returncode == 0, r.stderr
    assert isinstance(json.loads(r.stdout), dict)
    r = run("response", str(p))
    assert r.returncode == 0 and r.stdout.startswith("IMWG 2016 疗效评估：PR（部分缓解）")
    assert "教学材料" in r.stdout.splitlines()[-1]


def test_main_in_process(capsys):
    assert main(["assess", json.dumps(SEED_MM)]) == 0
    assert "多发性骨髓瘤" in capsys.readouterr().out
    assert main(["assess", '{"age_years": -1}']) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "age_years" in err


def test_main_unreadable_path(tmp_path, capsys):
    assert main(["assess", str(tmp_path)]) == 2            # a directory
    assert "Cannot read case" in capsys.readouterr().err
