"""Build mmlib/data/NotoSansSC-mmlib.otf, the CJK font bundled for plots.

Chinese plot labels must render as real glyphs on the site *and* on a
learner's machine that has no CJK font, so mmlib ships a subset of Noto Sans
CJK SC (SIL Open Font License 1.1, which allows subsetting and redistribution
under a new name).  The subset holds every GB 2312 character (the 6,763 common
simplified hanzi), ASCII, Latin-1, Greek and the symbols used in medical
plots.  It is generated once and committed; rerun after changing the set:

    apt-get install fonts-noto-cjk
    python tools/make_plot_font.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FAMILY_INDEX = 2  # "Noto Sans CJK SC" inside the collection
OUT = ROOT / "mmlib" / "data" / "NotoSansSC-mmlib.otf"
FAMILY = "Noto Sans SC mmlib"


def gb2312_chars() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted() -> set[str]:
    chars = gb2312_chars()
    chars |= {chr(c) for c in range(0x20, 0x7F)}
    chars |= {chr(c) for c in range(0xA0, 0x180)}
    chars |= {chr(c) for c in range(0x370, 0x400)}  # Greek: κ λ α β µ …
    chars |= set("−≥≤≈≠±×÷→←↑↓⇒∞∑∫√∆°‰‱·•…—–‘’“”、。，：；！？（）【】《》「」『』〔〕·＋－＝％")
    # and every character already used in the book and the library
    for path in list((ROOT / "docs").rglob("*.md")) + list((ROOT / "mmlib").rglob("*.py")) + list(
            (ROOT / "examples").rglob("*.py")):
        chars |= set(path.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable()}


def main() -> None:
    font = TTCollection(str(SOURCE)).fonts[FAMILY_INDEX]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["kern", "liga", "locl"]
    options.notdef_outline = True
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(text="".join(sorted(wanted())))
    sub.subset(font)
    # rename: a modified font must not pass as the original (the OFL reserves the name "Source" for this family)
    names = font["name"]
    for rec in names.names:
        if rec.nameID in (1, 16):
            rec.string = FAMILY
        elif rec.nameID == 4:
            rec.string = FAMILY + " Regular"
        elif rec.nameID == 6:
            rec.string = "NotoSansSC-mmlib-Regular"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(OUT))
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB, {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    main()
