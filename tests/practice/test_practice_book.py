"""The 动手实践 chapter in the book: pages, links from the text, notebooks' exercises, and the practice pack."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import jupytext
import pytest

from mmlib import practice
from mmlib.practice.problems import PROBLEMS, SEED_PROBLEM_IDS
from mmlib.practice.render import GROUPS, group_of, index_markdown, link_for, pages

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PRINCIPLES = sorted((EXAMPLES / "chapter_principles").glob("*.py"))
PRACTICE_NBS = sorted((EXAMPLES / "chapter_practice").glob("*.py"))
IDS = {s["id"] for s in PROBLEMS}
PID = re.compile(r'practice\.(?:show|attempt|check)\("([^"]+)"')


def _cells(path: Path):
    return jupytext.read(path, fmt="py:percent").cells


# --- pages ---------------------------------------------------------------------------------

def test_every_problem_is_on_its_group_page_with_collapsed_hints_and_solution():
    rendered = pages(lambda path: False)
    for spec in PROBLEMS:
        text = rendered[group_of(spec["section"]).page]
        block = text.split(f"{{#{spec['id']}}}")[1].split("\n## ")[0]
        assert '??? tip "提示 1"' in block and '??? success "参考答案与解析"' in block, spec["id"]
        assert block.index("**问题**") < block.index("??? tip")                 # question shown, hints collapsed
    assert set(rendered) == {"chapter_practice/index.md", *(g.page for g in GROUPS)}


def test_index_lists_every_problem_by_section_and_level():
    text = index_markdown(lambda path: True)
    for spec in PROBLEMS:
        assert f"#{spec['id']})" in text and spec["title"] in text
    assert "../chapter_principles/renal.md" in text
    assert "](../chapter_applications/" not in index_markdown(lambda path: path.startswith("chapter_principles"))


def test_source_problem_markers_became_links_to_their_problems():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "chapter_principles").glob("*.md"))
    assert "<!-- problem:" not in text
    linked = re.findall(r"\]\(\.\./(chapter_practice/[^)]+)\)", text)
    for n in SEED_PROBLEM_IDS:
        assert link_for(n) in linked, n
    for target in linked:
        page, _, anchor = target.partition("#")
        assert anchor in IDS and page == group_of(practice.get(anchor).section).page


# --- notebooks -----------------------------------------------------------------------------

@pytest.mark.parametrize("src", PRINCIPLES, ids=[p.stem for p in PRINCIPLES])
def test_case_and_model_notebooks_open_with_goals_and_end_with_a_checkable_exercise(src):
    cells = _cells(src)
    first_md = next(c for c in cells if c.cell_type == "markdown")
    assert "学完本页你能" in first_md.source
    assert not any("!!! " in c.source or "??? " in c.source for c in cells if c.cell_type == "markdown")
    exercise = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("## 练习")]
    assert exercise and re.search(r"^\d+\. ", cells[exercise[-1]].source, re.M)   # a numbered Markdown list
    assert "mmlib.practice" in cells[exercise[-1]].source
    tail = "\n".join(c.source for c in cells[exercise[-1]:] if c.cell_type == "code")
    assert "practice.attempt(" in tail and set(PID.findall(tail)) <= IDS and PID.findall(tail)


@pytest.mark.parametrize("group", GROUPS, ids=[g.slug for g in GROUPS])
def test_each_practice_notebook_asks_every_problem_of_its_group(group):
    src = EXAMPLES / "chapter_practice" / f"{group.notebook}.py"
    asked = set(PID.findall(src.read_text(encoding="utf-8")))
    expected = {s["id"] for s in PROBLEMS if s["section"] in group.sections}
    assert asked == expected
    assert "学完本页你能" in _cells(src)[0].source
    assert [p.stem for p in PRACTICE_NBS] == sorted(g.notebook for g in GROUPS)


# --- the practice pack ---------------------------------------------------------------------

def _load_hook():
    spec = importlib.util.spec_from_file_location("book_practice_hook", ROOT / "hooks" / "practice.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "hooks"))  # as MkDocs does while it loads hooks (their shared helpers)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    return module


def test_pack_requirements_are_pinned_and_readme_gives_the_commands():
    hook = _load_hook()
    req = hook.requirements("mmlib-0.1.0-py3-none-any.whl").splitlines()
    assert req[0] == "./mmlib-0.1.0-py3-none-any.whl"
    assert all(re.fullmatch(r"[a-z]+==[\w.]+", line) for line in req[1:])
    text = hook.readme("mmlib-0.1.0-py3-none-any.whl", ["chapter_practice/practice_crab.ipynb"])
    assert "pip install -r requirements.txt" in text and "jupyter notebook" in text and "python -m venv" in text


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    site = ROOT / "site"
    zpath = site / "downloads" / "mm-practice-pack.zip"
    if not zpath.is_file():
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return zpath


@pytest.mark.slow
def test_pack_holds_every_notebook_the_wheel_requirements_and_readme(pack):
    names = zipfile.ZipFile(pack).namelist()
    nbs = {n.split("notebooks/", 1)[1] for n in names if n.endswith(".ipynb")}
    expected = {p.relative_to(EXAMPLES).with_suffix(".ipynb").as_posix() for p in EXAMPLES.rglob("*.py")}
    assert nbs == expected
    assert {"mm-practice-pack/README.md", "mm-practice-pack/requirements.txt"} <= set(names)
    assert any(re.fullmatch(r"mm-practice-pack/mmlib-[\d.]+-py3-none-any\.whl", n) for n in names)
    with zipfile.ZipFile(pack) as z:
        for n in names:
            if n.endswith(".ipynb"):
                nb = json.loads(z.read(n))
                assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), n


@pytest.mark.slow
def test_pack_installs_in_a_fresh_venv_as_the_readme_says_and_runs_every_practice_notebook(pack, tmp_path):
    with zipfile.ZipFile(pack) as z:
        z.extractall(tmp_path)
    folder = tmp_path / "mm-practice-pack"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "python -m pip install -r requirements.txt" in readme
    env_dir = folder / ".venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER", "MPL"))}
    env.update(PATH=f"{bindir}:{env.get('PATH', '')}", HOME=str(tmp_path / "home"))
    subprocess.run(["python", "-m", "pip", "install", "-q", "-r", "requirements.txt"], cwd=folder, env=env,
                   check=True, timeout=1800)
    assert (bindir / "jupyter").is_file()                               # the README's last command exists
    probe = subprocess.run(["python", "-c", "import mmlib; print(mmlib.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, check=True)
    assert str(env_dir) in probe.stdout                                 # mmlib from the pack's wheel
    for nb in sorted((folder / "notebooks" / "chapter_practice").glob("*.ipynb")):
        r = subprocess.run(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--stdout", str(nb)],
                           cwd=folder, capture_output=True, text=True, timeout=600, env=env)
        assert r.returncode == 0, r.stderr[-2000:]
        out = json.loads(r.stdout)
        texts = "".join("".join(o.get("text", "")) for c in out["cells"] if c["cell_type"] == "code"
                        for o in c.get("outputs", []))
        assert "还没有作答" in texts and "Traceback" not in texts
