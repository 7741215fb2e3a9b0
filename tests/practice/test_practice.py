"""mmlib.practice: reference answers, the common mistakes' feedback, the generator, and the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from mmlib import practice
from mmlib.cli import main
from mmlib.practice import core, generator
from mmlib.practice.answers import AnswerError, ChoiceAnswer, MappingAnswer, NumberAnswer, SetAnswer
from mmlib.practice.problems import PROBLEMS, SECTION_ZH, SEED_PROBLEM_IDS

ROOT = Path(__file__).resolve().parents[2]
IDS = [s["id"] for s in PROBLEMS]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mmlib", "practice", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8")


# --- the registry --------------------------------------------------------------------------

def test_at_least_forty_problems_graded_across_both_chapters():
    assert len(PROBLEMS) >= 40 and len(set(IDS)) == len(IDS)
    levels = Counter(s["level"] for s in PROBLEMS)
    assert set(levels) == set(practice.LEVELS) and min(levels.values()) >= 5
    chapters = Counter(s["section"].split("/")[0] for s in PROBLEMS)
    assert chapters["chapter_principles"] >= 20 and chapters["chapter_applications"] >= 10
    assert {s["section"] for s in PROBLEMS} <= set(SECTION_ZH)


def test_sections_exist_and_are_named_by_their_titles():
    for section, title in SECTION_ZH.items():
        page = ROOT / "docs" / section
        if page.is_file() or section.startswith("chapter_principles/"):
            h1 = next(line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
            shown = re.sub(r"\s*\([A-Z]\)\s*", "", h1[2:]).replace(" ", "")   # "骨骼病变 (B) 与…" → "骨骼病变与…"
            assert title.replace(" ", "") in shown, (section, h1)


def test_every_cited_source_problem_has_exactly_one_problem():
    seeds = Counter(s["seed_problem_id"] for s in PROBLEMS if s["seed_problem_id"] is not None)
    assert set(seeds) == set(SEED_PROBLEM_IDS) and set(seeds.values()) == {1}


@pytest.mark.parametrize("pid", IDS)
def test_reference_answer_is_judged_correct_by_its_own_checker(pid):
    p = practice.get(pid)
    assert p.hints and p.explanation and p.vignette and p.question
    assert "{" not in p.vignette + p.question + p.explanation  # every template field was filled
    result = practice.check(pid, json.loads(json.dumps(practice.solution(pid)["answer"])), attempt=1)
    assert result == {"correct": True, "feedback": result["feedback"], "hint": None}
    assert result["feedback"].startswith("正确")


def _trap_answer(answer, trap):
    ref = answer.reference()
    if isinstance(answer, NumberAnswer):
        return trap.value
    if isinstance(answer, ChoiceAnswer):
        return trap.value
    if isinstance(answer, SetAnswer):
        given = set(ref)
        (given.add if trap.value[0] == "+" else given.discard)(trap.value[1:])
        return sorted(given)
    key, _, value = trap.value.partition("=")
    return {**ref, key: float(value) if isinstance(answer.parts[key], NumberAnswer) else value}


TRAPS = [(pid, t.key) for pid in IDS for t in practice.get(pid).answer.traps]


def test_most_problems_have_a_common_mistake():
    assert len({pid for pid, _ in TRAPS}) >= 0.8 * len(IDS)


@pytest.mark.parametrize("pid,key", TRAPS)
def test_each_common_wrong_answer_gets_its_specific_feedback(pid, key):
    p = practice.get(pid)
    trap = next(t for t in p.answer.traps if t.key == key)
    result = practice.check(pid, _trap_answer(p.answer, trap), attempt=1)
    assert result["correct"] is False
    assert result["feedback"].startswith(trap.feedback) or trap.feedback in result["feedback"]
    assert p.section in result["feedback"]            # the link back to the page
    assert result["hint"] == p.hints[0]


def test_the_named_mistakes_of_the_issue():
    # g/L threshold applied to a g/dL value: 3.5 g/dL read as "below 30"
    assert "g/L 表示的阈值" in practice.check("spectrum-smm-units", "mgus")["feedback"]
    # corrected calcium where the criterion uses measured calcium
    assert "校正钙" in practice.check("crab-c-measured-calcium", "yes")["feedback"]
    # a 4 mm MRI lesion counted
    assert "4 mm" in practice.check("spectrum-mri-4mm", "multiple_myeloma")["feedback"]
    # κ/λ instead of involved/uninvolved: λ 780 / κ 6.5 = 120; κ/λ = 0.0083
    assert "κ/λ" in practice.check("spectrum-flc-ratio", 6.5 / 780)["feedback"]
    assert practice.check("spectrum-flc-ratio", 120)["correct"]


def test_values_from_the_formulas():
    # Cockcroft–Gault: (140 − 72) × 52 / (72 × 1.6) × 0.85 = 26.09 mL/min
    assert practice.solution("crcl-4410338")["answer"] == pytest.approx(26.1, abs=0.05)
    # corrected calcium: 10.4 + 0.8 × (4.0 − 2.5) = 11.6 mg/dL; SI: 2.55 + 0.02 × (40 − 25) = 2.85 mmol/L
    assert practice.solution("corrected-calcium-4410309")["answer"] == pytest.approx(11.6)
    assert practice.solution("corrected-calcium-si")["answer"] == pytest.approx(2.85)
    # (4.2 − 1.8) / 4.2 = 57.1 %
    assert practice.solution("response-percent-reduction")["answer"] == pytest.approx(57.1)
    # R2-ISS: ISS II (1) + LDH (1) + t(4;14) (1) + 1q (0.5) = 3.5
    assert practice.solution("r2iss-points")["answer"] == 3.5
    # IMWG 2020: ratio 30 → 3, M 2.5 → 3, BMPC 25 → 3, FISH → 2 = 11, high-intermediate (> 8, ≤ 12)
    assert practice.solution("smm-imwg2020-score")["answer"] == {"score": 11, "group": "high_intermediate"}
    assert practice.solution("spectrum-mm-mri-4410328")["answer"] == "multiple_myeloma"
    assert practice.solution("calcium-boundary-mmol")["answer"] == "no"     # "> 2.75", not "≥"


def test_units_are_understood():
    assert practice.check("corrected-calcium-4410309", "11.6 mg/dL")["correct"]
    assert practice.check("corrected-calcium-4410309", {"value": 2.894, "unit": "mmol/L"})["correct"]
    wrong_unit = practice.check("corrected-calcium-4410309", 2.89, attempt=1)
    assert not wrong_unit["correct"] and "mmol/L" in wrong_unit["feedback"]
    assert practice.check("spep-quantify-spike", "28 g/L")["correct"]


def test_hints_come_progressively():
    practice.reset_attempts()
    hints = [practice.check("crcl-umol", 10)["hint"] for _ in range(4)]
    p = practice.get("crcl-umol")
    assert hints == [p.hints[0], p.hints[1], p.hints[1], p.hints[1]]
    assert practice.check("crcl-umol", practice.solution("crcl-umol")["answer"])["hint"] is None
    assert practice.check("crcl-umol", 10)["hint"] == p.hints[0]       # a right answer resets the count


@pytest.mark.parametrize("pid,answer", [
    ("crcl-4410338", "abc"), ("crcl-4410338", [1]), ("crcl-4410338", "30 furlongs"),
    ("spectrum-mgus-basic", 12), ("spectrum-mgus-basic", "not_a_code"), ("crab-items-basic", "C"),
    ("crab-items-basic", ["X"]), ("iss-stage-iii", {"stage": "II", "points": 1}), ("iss-stage-iii", {"x": 1}),
])
def test_wrong_answer_type_is_an_error(pid, answer):
    with pytest.raises(AnswerError) as err:
        practice.check(pid, answer)
    assert err.value.zh and err.value.en


def test_mapping_accepts_a_bare_value_and_names_the_wrong_part():
    assert practice.check("iss-stage-iii", "III")["correct"]
    r = practice.check("smm-imwg2020-score", {"score": 11, "group": "high"}, attempt=1)
    assert not r["correct"] and r["feedback"].startswith("group")


# --- the generator -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(generator.KINDS))
def test_generator_gives_valid_distinct_problems_for_200_seeds(kind):
    vignettes = set()
    answers = Counter()
    for seed in range(200):
        p = practice.new(kind, seed)
        assert p.id == f"gen-{kind}-{seed}" and practice.get(p.id).vignette == p.vignette
        ref = practice.solution(p.id)["answer"]
        assert ref not in (None, "indeterminate")
        assert practice.check(p.id, json.loads(json.dumps(ref)), attempt=1)["correct"]
        assert "其他：" in p.vignette                      # distractors
        assert not re.search(r"\d\.\d{3,}", p.vignette)    # realistic precision
        vignettes.add(p.vignette)
        answers[json.dumps(ref, sort_keys=True)] += 1
    assert len(vignettes) == 200
    assert len(answers) >= 3                              # not one answer for every seed


def test_generated_diagnoses_cover_the_spectrum():
    found = {practice.solution(f"gen-diagnosis-{s}")["answer"] for s in range(60)}
    assert {"mgus", "smoldering_multiple_myeloma", "multiple_myeloma"} <= found


@pytest.mark.parametrize("pid", ["gen-x-1", "gen-diagnosis-", "gen-diagnosis-1x", "gen-crab--3", "other"])
def test_unknown_ids(pid):
    with pytest.raises(practice.UnknownProblemError):
        practice.get(pid)


# --- the command line ----------------------------------------------------------------------

def test_cli_list_json():
    r = run("list", "--json")
    assert r.returncode == 0
    rows = json.loads(r.stdout)
    assert [x["id"] for x in rows] == IDS
    assert all(set(x) == {"id", "title", "section", "level", "seed_problem_id"} for x in rows)
    assert "\\u" not in r.stdout


def test_cli_show_check_solution_new():
    r = run("show", "crcl-4410338")
    assert r.returncode == 0 and "72 岁女性" in r.stdout and "问题：" in r.stdout
    r = run("check", "crcl-4410338", "26.1", "--json")
    assert json.loads(r.stdout) == {"correct": True, "feedback": json.loads(r.stdout)["feedback"], "hint": None}
    r = run("check", "iss-stage-iii", '{"stage": "II"}', "--json")
    out = json.loads(r.stdout)
    assert r.returncode == 0 and out["correct"] is False and out["hint"]
    r = run("solution", "spectrum-mgus-basic", "--json")
    assert json.loads(r.stdout)["answer"] == "mgus" and json.loads(r.stdout)["explanation"]
    r = run("new", "--kind", "staging", "--seed", "11", "--json")
    new = json.loads(r.stdout)
    assert new["id"] == "gen-staging-11" and new["vignette"]
    ans = json.loads(run("solution", new["id"], "--json").stdout)["answer"]
    assert json.loads(run("check", new["id"], json.dumps(ans), "--json").stdout)["correct"] is True
    assert run("new", "--seed", "11").stdout == run("new", "--seed", "11").stdout


@pytest.mark.parametrize("args", [
    ("show", "no-such-problem"), ("check", "no-such-problem", "1"), ("solution", "gen-nothing-3"),
    ("check", "crcl-4410338", "abc"), ("check", "crcl-4410338", '"thirty"'), ("check", "crcl-4410338", "NaN"),
    ("check", "spectrum-mgus-basic", "12"), ("check", "crab-items-basic", '"C"'), ("new", "--kind", "x", "--seed", "1"),
    ("new", "--seed", "-4"), ("check", "crcl-4410338"),
])
def test_cli_bad_input_exit_2_one_bilingual_line(args):
    r = run(*args)
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert re.search(r"[\u4e00-\u9fff]", lines[0]) and re.search(r"[A-Za-z]{4,}", lines[0])


def test_cli_in_process(capsys):
    assert main(["practice", "check", "calcium-boundary-mmol", '"yes"']) == 0
    out = capsys.readouterr().out
    assert out.startswith("✗") and "提示：" in out
    assert main(["practice", "solution", "calcium-boundary-mmol"]) == 0
    assert main(["practice", "list"]) == 0 and main(["practice", "new", "--seed", "1"]) == 0
    assert main(["practice", "show", "crcl-4410338", "--json"]) == 0


def test_figures_only_for_figure_problems():
    import matplotlib

    matplotlib.use("Agg")
    assert len(practice.draw("spep-polyclonal").axes) == 1
    with pytest.raises(practice.UnknownProblemError.__mro__[1]):
        practice.draw("crcl-4410338")


def test_set_answer_names_what_was_added_and_missed():
    r = practice.check("crab-thresholds-4410334", ["R", "A", "B"], attempt=1)   # reference: R and A
    assert not r["correct"] and r["feedback"].startswith("不正确：多选了 B")
    r = practice.check("crab-thresholds-4410334", ["A"], attempt=1)
    assert r["feedback"].startswith("不正确：漏选了 R")
