"""The 动手实践 chapter's Markdown pages, rendered from the registry (the build hook calls :func:`pages`).

Each problem becomes a section of its group's page: level, the page it
practises, vignette and question, the answer format and how to check an
answer, then the hints and the worked solution in collapsed ``???`` blocks
(pymdownx.details renders them as ``<details>``, which opens without
JavaScript).  A link to a page is written only when that page exists in the
build (``exists``), so a section whose page is still being written shows its
title without a link.

>>> text = pages(lambda path: True)["chapter_practice/principles-crab.md"]
>>> "## Cockcroft–Gault 肌酐清除率 {#crcl-4410338}" in text and '??? success "参考答案与解析"' in text
True
>>> link_for(4410338)
'chapter_practice/principles-crab.md#crcl-4410338'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

from .core import LEVELS, get, listing
from .problems import SECTION_ZH

__all__ = ["Group", "GROUPS", "group_of", "link_for", "pages", "problem_markdown", "index_markdown"]


@dataclass(frozen=True)
class Group:
    """A practice page and notebook covering some sections of the book."""

    slug: str
    title: str
    sections: tuple[str, ...]
    notebook: str

    @property
    def page(self) -> str:
        return f"chapter_practice/{self.slug}.md"


_P, _A = "chapter_principles/", "chapter_applications/"
GROUPS: tuple[Group, ...] = (
    Group("principles-cells", "浆细胞与单克隆性", (_P + "plasma-cell.md", _P + "monoclonality.md"), "practice_cells"),
    Group("principles-crab", "疾病谱系与 CRAB",
          tuple(_P + s for s in ("disease-spectrum.md", "end-organ-damage.md", "bone-calcium.md", "renal.md",
                                 "anemia.md")), "practice_crab"),
    Group("principles-mechanisms", "微环境、遗传与治疗原理",
          tuple(_P + s for s in ("microenvironment.md", "genetics.md", "therapy.md")), "practice_mechanisms"),
    Group("applications-diagnosis", "诊断、分期与跨学科",
          tuple(_A + s for s in ("diagnosis.md", "staging.md", "interdisciplinary.md")), "practice_diagnosis"),
    Group("applications-therapy", "治疗、耐药与疗效评估",
          tuple(_A + s for s in ("therapy.md", "resistance.md", "response-mrd.md")), "practice_therapy"),
)


def group_of(section: str) -> Group:
    """The group whose page holds the problems of ``section``."""
    return next(g for g in GROUPS if section in g.sections)


def link_for(seed_problem_id: int) -> str:
    """Docs-relative link (``chapter_practice/<page>.md#<id>``) to the problem standing for a source problem."""
    row = next(r for r in listing() if r["seed_problem_id"] == seed_problem_id)
    return f"{group_of(row['section']).page}#{row['id']}"


def _section_link(section: str, exists: Callable[[str], bool]) -> str:
    name = SECTION_ZH[section]
    return f"[{name}](../{section})" if exists(section) else f"《{name}》"


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def _code_names(text: str) -> str:
    """``mmlib.labs.flc_ratio`` → code spans in Markdown."""
    return re.sub(r"(?<!`)\b(mmlib(?:\.\w+)+)", r"`\1`", text)


def _format_md(answer) -> str:
    """The answer format; the options of a choice or a set as a list."""
    options = getattr(answer, "options", None)
    if options is None:
        return f"**答案格式**：{answer.format_zh()}"
    if answer.kind == "mapping":
        keys = ", ".join(f'"{k}": …' for k in answer.parts)
        head = f"JSON 对象 `{{{keys}}}`，每个值从下列代码中选一个"
    elif answer.kind == "choice":
        head = "从下列代码中选一个（带引号的字符串）"
    else:
        head = "列出所有符合的代码（JSON 列表，都不符合时写 `[]`）"
    return f"**答案格式**：{head}：\n\n" + "\n".join(f"- `\"{code}\"`：{name}" for code, name in options.items())


def problem_markdown(pid: str, exists: Callable[[str], bool]) -> str:
    """One problem as a page section."""
    p = get(pid)
    example = json.dumps(p.answer.reference(), ensure_ascii=False)
    seed = f" · 对应源文档练习 {p.seed_problem_id}" if p.seed_problem_id else ""
    lines = [
        f"## {p.title} {{#{p.id}}}",
        "",
        f"**{p.level}** · 练习的内容：{_section_link(p.section, exists)} · 编号 `{p.id}`{seed}",
        "",
        p.vignette,
        "",
        f"**问题**：{p.question}",
        "",
        _format_md(p.answer),
        "",
        f"在 notebook 中用 `practice.check(\"{p.id}\", 你的答案)` 检查；或在命令行运行 "
        f"`python -m mmlib practice check {p.id} '你的答案（JSON）'`。",
        "",
    ]
    for i, hint in enumerate(p.hints, 1):
        lines += [f'??? tip "提示 {i}"', "", _indent(hint), ""]
    lines += ['??? success "参考答案与解析"', "", _indent(f"**答案**：{p.answer.shown()}（JSON：`{example}`）"), "",
              _indent(_code_names(p.explanation)), ""]
    return "\n".join(lines)


def _group_markdown(group: Group, exists: Callable[[str], bool]) -> str:
    rows = [r for r in listing() if r["section"] in group.sections]
    # the problems repeat the chapters' key words, which would crowd the chapters out of the site search;
    # the chapter's index (titles only) stays searchable
    lines = ["---", "search:", "  exclude: true", "---", "", f"# 练习：{group.title}", "",
             f"本页的 {len(rows)} 道题练习以下各节："
             + "、".join(_section_link(s, exists) for s in group.sections) + "。"
             "每道题先独立作答，再展开提示；参考答案由 `mmlib` 根据题中数值计算得出。"
             f"也可以下载本组的 notebook（[练习 notebook：{group.title}]({group.notebook}.ipynb)），"
             "在代码格中写下答案，用 `mmlib.practice.check` 得到反馈。", ""]
    for section in group.sections:
        for r in rows:
            if r["section"] == section:
                lines.append(problem_markdown(r["id"], exists))
    return "\n".join(lines)


def index_markdown(exists: Callable[[str], bool]) -> str:
    """The chapter's index: every problem by section and level."""
    rows = listing()
    count = {lv: sum(r["level"] == lv for r in rows) for lv in LEVELS}
    lines = [
        "# 动手实践", "",
        "运用所学知识解决具体的临床问题。本章共 "
        f"{len(rows)} 道练习题（基础 {count['基础']} 道、进阶 {count['进阶']} 道、综合 {count['综合']} 道），"
        "覆盖诊断分类、化验计算（肌酐清除率、校正钙、游离轻链比值、M 蛋白下降百分比、R2-ISS 计分、IMWG 2020 评分）、"
        "读图、机制推理、药物与靶点配对和疗效轨迹判读。每道题的参考答案都由 `mmlib` 根据题中给出的数值计算；"
        "答错时，检查器会用中文说明原因，并针对常见错误（例如把 g/L 的阈值用在 g/dL 的数值上、"
        "用校正钙判断 C 项、把 4 mm 的 MRI 病变算进去、用 κ/λ 代替受累/非受累比值）给出具体反馈。", "",
        "三种做题方式：", "",
        "1. 在本章页面上读题，展开“提示”和“参考答案与解析”；",
        '2. 下载<a href="../downloads/mm-practice-pack.zip" download>练习包 mm-practice-pack.zip</a>'
        "（全书 notebook、`mmlib` 安装包、固定版本的依赖清单和中文说明），"
        "在练习 notebook 中写下答案并运行 `practice.check(...)`；",
        "3. 在命令行中使用 `python -m mmlib practice list`、`show`、`check`、`solution`，"
        "或用 `python -m mmlib practice new --kind diagnosis --seed 7` 按随机种子生成新题。", "",
    ]
    for group in GROUPS:
        lines += [f"## {group.title}", "", "| 题目 | 层级 | 练习的内容 |", "|---|---|---|"]
        for section in group.sections:
            for r in rows:
                if r["section"] == section:
                    seed = f"（源文档 {r['seed_problem_id']}）" if r["seed_problem_id"] else ""
                    lines.append(f"| [{r['title']}]({group.slug}.md#{r['id']}){seed} | {r['level']} | "
                                 f"{_section_link(section, exists)} |")
        lines.append("")
    return "\n".join(lines)


def pages(exists: Callable[[str], bool]) -> dict[str, str]:
    """Docs-relative path → Markdown of every page of the chapter."""
    out = {"chapter_practice/index.md": index_markdown(exists)}
    for group in GROUPS:
        out[group.page] = _group_markdown(group, exists)
    return out
