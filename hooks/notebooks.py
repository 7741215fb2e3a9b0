"""Notebooks: from reviewable sources in examples/ to executed, cached pages.

Pipeline, for every ``examples/<chapter>/<name>.py`` (jupytext "percent" format):

1. read it with jupytext and execute it with nbclient (a cell that raises stops
   the build; mkdocs-jupyter never executes anything itself);
2. cache the executed notebook in ``.cache/notebooks`` (``$MM_BOOK_CACHE/notebooks`` if
   set).  A cache entry is valid while the notebook source *and every mmlib file the kernel actually
   imported* are unchanged (their hashes are recorded after execution), so an
   edit to mmlib re-executes exactly the notebooks that use the edited module;
3. hand the executed ``<chapter>/<name>.ipynb`` to mkdocs-jupyter as a page; its cache of
   converted HTML is on, keyed by that notebook's bytes, which carry a stamp of this hook and of
   the converters' versions, so a rebuild converts only notebooks that changed;
4. after the build, publish next to each page an output-free ``.ipynb`` whose
   first cell tells the learner how to install mmlib from the wheel that is
   built into ``downloads/`` of the same site (works offline from file://).

Also makes mkdocs-jupyter's heading ids and TOC use the same Unicode slugs as
the Markdown pages, and removes the CDN scripts (MathJax, Mermaid) its template
adds: formulas are rendered by the site's own KaTeX.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from kernel_forkserver import ForkServer, kernel_manager_class
from source_digest import tree_digest

log = logging.getLogger("mkdocs.hooks.notebooks")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CACHE = Path(os.environ.get("MM_BOOK_CACHE") or ROOT / ".cache") / "notebooks"  # the benchmark uses a fresh one
PAGES = CACHE / "pages"           # executed notebooks handed to mkdocs-jupyter
STORE = CACHE / "store"           # cache entries: <key>.ipynb + <key>.json
PIPELINE_VERSION = "1"            # bump to invalidate every cached execution
TIMEOUT_S = 600
JUPYTEXT_HEADER = "# ---\n# jupyter:"
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

_built: dict[str, Path] = {}      # src_uri -> executed notebook path
_wheel_name: str | None = None

DEPS_PROBE = (
    "import sys as _s, json as _j\n"
    "print('__MMLIB_DEPS__' + _j.dumps(sorted({getattr(m, '__file__', None) or '' "
    "for n, m in list(_s.modules.items()) if n == 'mmlib' or n.startswith('mmlib.')} - {''})))"
)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_hash(path: Path) -> str:
    return _sha(path.read_bytes()) if path.is_file() else "missing"


def _shown(path: Path) -> str:
    """A path for messages: relative to the repository when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def sources() -> list[Path]:
    """Every notebook source under examples/ (a .py without the jupytext header is an error)."""
    found = sorted(EXAMPLES.rglob("*.py"))
    for path in found:
        if not path.read_text(encoding="utf-8").startswith(JUPYTEXT_HEADER):
            raise PluginError(f"notebooks: {_shown(path)} is not a jupytext percent notebook "
                              f"(it must start with the '# ---' jupyter header)")
    return found


def _entry_valid(meta_path: Path, source_hash: str) -> bool:
    if not meta_path.is_file():
        return False
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("source") != source_hash or meta.get("pipeline") != PIPELINE_VERSION:
        return False
    return all(_file_hash(ROOT / rel) == digest for rel, digest in meta["deps"].items())


def _entry(src: Path) -> tuple[Path, Path, str]:
    """(notebook path, metadata path, source hash) of a source's cache entry."""
    rel = src.relative_to(EXAMPLES)
    source_hash = _sha(src.read_bytes() + PIPELINE_VERSION.encode() + sys.version.encode())
    stem = "__".join(rel.with_suffix("").parts)
    return STORE / f"{stem}.ipynb", STORE / f"{stem}.json", source_hash


def cached(src: Path) -> bool:
    """Whether the source's executed notebook is in the cache and still valid."""
    nb_path, meta_path, source_hash = _entry(src)
    return _entry_valid(meta_path, source_hash) and nb_path.is_file()


def execute(src: Path, server=None) -> tuple[Path, bool, float]:
    """Return (executed notebook path, cache hit?, seconds) for one source.

    ``server`` (a :class:`kernel_forkserver.ForkServer`) gives kernels forked from a process that
    has the heavy libraries imported already; without it each kernel is started the usual way.
    """
    import jupytext
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    nb_path, meta_path, source_hash = _entry(src)
    if cached(src):
        return nb_path, True, 0.0
    text = src.read_bytes()

    start = time.perf_counter()
    nb = jupytext.reads(text.decode("utf-8"), fmt="py:percent")
    nb.cells.append(nbformat.v4.new_code_cell(DEPS_PROBE))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    env_backup = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = INLINE_BACKEND
    # Unix-domain sockets between the build and its kernels, in a private folder per kernel: the
    # default TCP transport makes every kernel warn that it "is running over TCP without encryption"
    # (and opens local ports); the default ipc path ("kernel-ipc" in the working directory) would be
    # shared by the two kernels that run at once
    with tempfile.TemporaryDirectory(prefix="mm-kernel-") as sockets:
        # (the client makes, owns and shuts down the kernel manager; it passes it this config)
        transport = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "k")}})
        managers = {"kernel_manager_class": kernel_manager_class(server)} if server is not None else {}
        client = NotebookClient(nb, timeout=TIMEOUT_S, kernel_name="python3", allow_errors=False,
                                resources={"metadata": {"path": str(ROOT)}}, config=transport, **managers)
        try:
            client.execute()
        except CellExecutionError as exc:
            raise PluginError(f"notebooks: {_shown(src)} raised while executing:\n{exc}") from None
        finally:
            if env_backup is None:
                os.environ.pop("MPLBACKEND", None)
            else:
                os.environ["MPLBACKEND"] = env_backup
    probe = nb.cells.pop()
    deps_files: list[str] = []
    for out in probe.get("outputs", []):
        m = re.search(r"__MMLIB_DEPS__(\[.*\])", out.get("text", ""))
        if m:
            deps_files = json.loads(m.group(1))
    deps = {}
    for f in deps_files:
        p = Path(f).resolve()
        try:
            rel_dep = p.relative_to(ROOT)
        except ValueError:
            raise PluginError(f"notebooks: the kernel imported mmlib from {p}, not from this checkout; "
                              f"install it with 'pip install -e .'") from None
        deps[str(rel_dep)] = _file_hash(p)
    if any(d.startswith("mmlib/plotting") for d in deps):
        for data_file in sorted((ROOT / "mmlib" / "data").iterdir()):
            deps[str(data_file.relative_to(ROOT))] = _file_hash(data_file)
    STORE.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, nb_path)
    meta_path.write_text(json.dumps({"source": source_hash, "pipeline": PIPELINE_VERSION, "deps": deps},
                                    indent=1), encoding="utf-8")
    return nb_path, False, time.perf_counter() - start


def notebook_markdown(path: str) -> str:
    """The notebook's Markdown cells, as mkdocs-jupyter's ``nb2md`` gives them for the page TOC.

    ``nb2md`` runs nbconvert's Markdown exporter with a template that drops code cells (and
    their outputs), then removes code spans; joining the Markdown cells does the same without
    the exporter, which costs about as much as converting the page itself.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    body = "\n\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                        for c in nb["cells"] if c["cell_type"] == "markdown")
    body = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
    body = re.sub(r"`[^`\n]*`", "", body)
    return re.sub(r"`[^`]*`", lambda m: m.group() if re.search(r"^#{1,6} ", m.group(), re.M) else "", body)


def _patch_mkdocs_jupyter() -> None:
    """Unicode heading ids in notebook pages, identical to the Markdown pages' ids; a faster TOC source."""
    import markdown
    from markdown.extensions.toc import TocExtension
    from pymdownx.slugs import slugify

    import mkdocs_jupyter.convert as convert
    import mkdocs_jupyter.plugin as plugin
    import nbconvert.filters.strings as nb_strings

    for module, name in ((convert, "slugify"), (plugin, "_get_markdown_toc"),
                         (nb_strings, "_convert_header_id"), (convert, "nb2md")):
        if not hasattr(module, name):
            raise PluginError(f"notebooks: mkdocs-jupyter no longer has {module.__name__}.{name}; "
                              f"update hooks/notebooks.py for the new version")
    slug = slugify(case="lower")
    convert.slugify = lambda value: slug(value, "-")
    # nbconvert percent-encodes heading ids; the Markdown pages (and the TOC) use plain Unicode ids
    nb_strings._convert_header_id = lambda text: text.replace(" ", "-")

    def toc(markdown_source: str, toc_depth: int):
        md = markdown.Markdown(extensions=[TocExtension(toc_depth=toc_depth, slugify=slug)])
        md.convert(markdown_source)
        return md.toc_tokens

    plugin._get_markdown_toc = toc
    convert.nb2md = notebook_markdown


def on_config(config):
    _patch_mkdocs_jupyter()
    for plugin_name, plugin in config.plugins.items():
        if plugin_name.endswith("mkdocs-jupyter"):
            if plugin.config.get("execute") or plugin.config.get("include_source"):
                raise PluginError("notebooks: set mkdocs-jupyter execute and include_source to false; "
                                  "hooks/notebooks.py executes notebooks and publishes downloads")
            # its cache of converted pages, keyed by the page notebook's bytes (stamped by _render_stamp)
            plugin.config["cache"] = True
            plugin.config["cache_dir"] = str(CACHE / "html")
    return config


def _render_stamp() -> str:
    """What the converted HTML depends on besides the notebook: this hook (its patches) and the converters."""
    from importlib.metadata import version

    parts = [Path(__file__).read_bytes()]
    parts += [f"{name}={version(name)}".encode() for name in
              ("mkdocs-jupyter", "nbconvert", "pygments", "mistune", "pymdown-extensions", "markdown")]
    return _sha(b"\0".join(parts))[:16]


def _page_notebook(executed: bytes, stamp: str) -> bytes:
    """The notebook handed to mkdocs-jupyter: the executed one, stamped so its cache key follows the converters."""
    nb = json.loads(executed)
    nb.setdefault("metadata", {})["mm_book_render"] = stamp
    return json.dumps(nb, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


class _Runs:
    """The notebooks of one build, executed in the background while the Markdown pages are built.

    ``start`` submits every notebook to two worker threads (each drives one kernel at a time) and
    returns at once; a notebook page waits for its own notebook in ``wait`` (mkdocs builds the
    Markdown pages first, the notebook pages, appended last, after them), so the build's own work
    and the kernels share the two cores instead of taking turns.  ``close`` stops what is left
    (after the build, or when it fails).
    """

    def __init__(self) -> None:
        self.pending: dict[str, tuple[Path, Future]] = {}   # src_uri -> (page notebook, execution)
        self.pool: ThreadPoolExecutor | None = None
        self.fork: ForkServer | None = None
        self.started = 0.0
        self.stamp = ""

    def start(self, srcs: list[Path]) -> list[tuple[str, Path]]:
        self.close()
        self.started = time.perf_counter()
        to_run = [src for src in srcs if not cached(src)]
        # kernels forked from one process that imported the heavy libraries once (only worth it for a few)
        if len(to_run) > 2:
            self.fork = ForkServer(dict(os.environ, MPLBACKEND=INLINE_BACKEND))
            self.fork.__enter__()
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="notebook")
        self.stamp = _render_stamp()
        out = []
        for src in srcs:
            rel = src.relative_to(EXAMPLES).with_suffix(".ipynb")
            future = self.pool.submit(execute, src, self.fork)
            self.pending[rel.as_posix()] = (PAGES / rel, future)
            out.append((rel.as_posix(), PAGES / rel))
        return out

    def wait(self, uri: str) -> None:
        """Block until the notebook of page ``uri`` has run; write the page's notebook file."""
        if uri not in self.pending:
            return
        target, future = self.pending.pop(uri)
        try:
            nb_path, hit, seconds = future.result()
        except BaseException:
            self.close()
            raise
        data = _page_notebook(nb_path.read_bytes(), self.stamp)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        log.info("notebook %s: %s", uri, "cached" if hit else f"executed in {seconds:.1f} s")
        if not self.pending:
            log.info("notebooks: %d ready %.1f s after the build started them", len(_built),
                     time.perf_counter() - self.started)
            self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.fork is not None:
            self.fork.__exit__(None, None, None)
            self.fork = None


_runs = _Runs()


@event_priority(100)  # before mkdocs-jupyter wraps .ipynb files as notebook pages
def on_files(files, config):
    _built.clear()
    PAGES.mkdir(parents=True, exist_ok=True)
    for uri, target in _runs.start(sources()):
        if files.get_file_from_path(uri) is not None:
            _runs.close()
            raise PluginError(f"notebooks: docs/{uri} exists; notebooks belong in examples/")
        files.append(File(uri, src_dir=str(PAGES), dest_dir=config["site_dir"],
                          use_directory_urls=config["use_directory_urls"]))
        _built[uri] = target
    return files


@event_priority(100)  # before mkdocs-jupyter hashes the page's notebook for its cache
def on_pre_page(page, config, files):
    _runs.wait(page.file.src_uri)
    return page


def on_build_error(error) -> None:
    global _wheel_job
    _runs.close()
    if _wheel_job and _wheel_job[1] is not None:
        _wheel_job[1].kill()
        _wheel_job[1].wait()
    _wheel_job = None


CDN_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I)
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
MATHJAX_CONFIG = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)


def _strip_cdn(html: str, where: str) -> str:
    html = MATHJAX_CONFIG.sub("", html)
    html = CDN_SCRIPT.sub("", html)
    # inline scripts of the nbconvert template that import from a CDN (its Mermaid loader)
    html = INLINE_SCRIPT.sub(lambda m: "" if re.search(r"import\s*\(?\s*[\"'`]?https?://|const \w+Url = \"https?://",
                                                            m.group(0)) else m.group(0), html)
    left = re.findall(r"(?:src|href)=\"https?://[^\"]*\"|import\s[^;]*https?://", html)
    scripts = [s for s in left if "src=" in s or "import" in s]
    if scripts:
        raise PluginError(f"notebooks: {where} still loads from another host: {scripts[:3]}")
    return html


def download_box(page, notebook_text: str) -> str:
    """The download buttons of a notebook page.

    The notebook is embedded as a ``data:`` URL with a ``download`` name, because
    browsers ignore ``download`` on ``file://`` links (the offline copy would show
    the JSON as text); the same file also lies next to the page for direct links.
    """
    import base64

    nb_name = Path(page.file.src_uri).name
    data = base64.b64encode(notebook_text.encode("utf-8")).decode("ascii")
    wheel = get_relative_url(f"downloads/{_wheel_name}", page.url)
    return (
        '<div class="mm-download" markdown="0">'
        f'<a class="md-button md-button--primary" href="data:application/x-ipynb+json;base64,{data}" '
        f'download="{nb_name}">下载 Notebook（.ipynb）</a>'
        f'<a class="md-button" href="{wheel}" download="{_wheel_name}">下载 mmlib 安装包（.whl）</a>'
        "<br>在新的 Python 虚拟环境中，把两个文件放在同一目录，运行 "
        f"<code>python -m pip install ./{_wheel_name} notebook</code>，"
        "再用 Jupyter 打开 notebook，从上到下运行即可。下载的 notebook 不含输出：请在自己的电脑上运行，"
        "再与本页的结果对照。</div>"
    )


STYLE_BLOCK = re.compile(r"<style type=\"text/css\">(.*?)</style>", re.S)
SHARED_STYLE_MIN = 800            # template styles (JupyterLab theme, ~590 kB) vs. small per-output styles
_shared_css: dict[str, str] = {}  # file name -> CSS shared by every notebook page


def _share_template_css(html: str, page, shared: dict[str, str]) -> str:
    """Move the large stylesheets nbconvert inlines into every notebook page into one file (``shared``)."""
    blocks = [m.group(1) for m in STYLE_BLOCK.finditer(html) if len(m.group(1)) >= SHARED_STYLE_MIN]
    if not blocks:
        return html
    css = "\n".join(blocks)
    name = f"assets/stylesheets/notebook.{_sha(css.encode())[:10]}.css"
    shared[name] = css
    html = STYLE_BLOCK.sub(lambda m: "" if len(m.group(1)) >= SHARED_STYLE_MIN else m.group(0), html)
    return f'<link rel="stylesheet" href="{get_relative_url(name, page.url)}">' + html


MD_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]+\.md)(#[^"]*)?"', re.I)


def _md_links_to_pages(html: str, page, files) -> str:
    """Relative links to ``*.md`` pages in a notebook's Markdown, pointed at the built pages.

    MkDocs does this for Markdown pages; mkdocs-jupyter leaves notebook links as written, which
    would leave ``diagnosis.md`` broken on the site.  A link to a missing page is a warning
    (an error under ``--strict``), as it is for a Markdown page.
    """
    import posixpath

    base = posixpath.dirname(page.file.src_uri)

    def repoint(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(base, m.group(1)))
        file = files.get_file_from_path(target)
        if file is None:
            log.warning("notebooks: %s links to '%s', but %s is not a page of the book",
                        page.file.src_uri, m.group(1), target)
            return m.group(0)
        return f'href="{get_relative_url(file.url, page.url)}{m.group(2) or ""}"'

    return MD_LINK.sub(repoint, html)


_downloads: dict[str, str] = {}   # src_uri -> text of the learner's notebook
PAGE_CACHE = CACHE / "page-content"   # a notebook page's HTML after this hook, and its download
_HOOK_SOURCE = Path(__file__).read_bytes()
_page_cache_used: set[Path] = set()   # entries this build read or wrote; the others are removed after it


def _processed(html: str, page, uri: str) -> tuple[str, str]:
    """(page body, learner's notebook) of a notebook page, cached by content; sets ``_shared_css``.

    Writing the download and moving and checking the template's stylesheets take about 45 ms a
    page; the result depends only on the converted HTML, the page's URL, the executed notebook,
    the wheel's name and this hook, so a rebuild reads it back.
    """
    import nbformat

    key = _sha(b"\0".join([html.encode("utf-8"), page.url.encode(), str(_wheel_name).encode(),
                            _built[uri].read_bytes(), _HOOK_SOURCE]))
    entry_path = PAGE_CACHE / f"{key[:32]}.json"
    _page_cache_used.add(entry_path)
    if entry_path.is_file():
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        css_files = [PAGE_CACHE / f"{_sha(name.encode())[:16]}.css" for name in entry["css"]]
        _page_cache_used.update(css_files)
        if all(f.is_file() for f in css_files):
            for name, f in zip(entry["css"], css_files):
                _shared_css[name] = f.read_text(encoding="utf-8")
            return entry["body"], entry["download"]
    download = nbformat.writes(download_notebook(_built[uri], _wheel_name))
    # the template's stylesheets (~590 kB of the page) go first, so the other passes read only the cells
    # (the shared stylesheet itself is checked for other hosts with every file of the site: offline_assets)
    shared: dict[str, str] = {}
    body = _strip_cdn(_share_template_css(html, page, shared), uri)
    PAGE_CACHE.mkdir(parents=True, exist_ok=True)
    for name, css in shared.items():
        css_file = PAGE_CACHE / f"{_sha(name.encode())[:16]}.css"
        css_file.write_text(css, encoding="utf-8")
        _page_cache_used.add(css_file)
    _shared_css.update(shared)
    entry_path.write_text(json.dumps({"body": body, "download": download, "css": sorted(shared)},
                                     ensure_ascii=False), encoding="utf-8")
    return body, download


def on_page_content(html: str, page, config, files):
    uri = page.file.src_uri
    if uri not in _built:
        return html
    body, _downloads[uri] = _processed(html, page, uri)
    return download_box(page, _downloads[uri]) + _md_links_to_pages(body, page, files)


def install_cell_text(wheel_name: str) -> str:
    return (
        "**安装（只需一次）**：本 notebook 需要本书的 `mmlib` 库。请从本书网站（或离线版）"
        f"的 `downloads/` 目录下载 `{wheel_name}`，与本 notebook 放在同一目录，"
        "在新的虚拟环境中运行：\n\n"
        f"```bash\npython -m pip install ./{wheel_name} notebook\n```\n\n"
        "然后用 Jupyter 打开本 notebook，从上到下依次运行。本 notebook 下载时不含输出，"
        "运行后可与书中页面的结果对照。*教学材料，不构成临床建议。*"
    )


def download_notebook(executed: Path, wheel_name: str):
    """The learner's copy: outputs cleared, install instruction as the first cell."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("mm_book_render", None)
    # a fixed id (nbformat would draw a random one): the same notebook gives the same download
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(install_cell_text(wheel_name), id="mm-book-install"))
    return nb


_wheel_job: tuple[Path, subprocess.Popen | None] | None = None   # (cache folder, pip) started by on_pre_build


def start_wheel() -> tuple[Path, subprocess.Popen | None]:
    """Start building the mmlib wheel in the background, unless the cache has it (keyed by the sources)."""
    digest = tree_digest(ROOT, ROOT / "mmlib", ROOT / "pyproject.toml", ROOT / "README.md")
    cached_dir = CACHE / "wheel" / digest[:16]
    if cached_dir.is_dir() and list(cached_dir.glob("mmlib-*.whl")):
        return cached_dir, None
    cached_dir.mkdir(parents=True, exist_ok=True)
    # pip's messages go to a file, read if it fails (a pipe read only at the end could fill and stall it)
    with open(cached_dir / "pip.log", "wb") as log_file:
        return cached_dir, subprocess.Popen(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
             "-w", str(cached_dir), str(ROOT)],
            stdout=subprocess.DEVNULL, stderr=log_file)


def build_wheel(out_dir: Path) -> str:
    """Copy the mmlib wheel (started by ``on_pre_build``) into ``out_dir``; its file name."""
    global _wheel_job
    cached_dir, proc = _wheel_job or start_wheel()
    _wheel_job = None
    if proc is not None:
        if proc.wait() != 0:
            err = (cached_dir / "pip.log").read_text(encoding="utf-8", errors="replace")
            raise PluginError(f"notebooks: building the mmlib wheel failed:\n{err[-2000:]}")
    wheels = list(cached_dir.glob("mmlib-*.whl"))
    if not wheels:
        raise PluginError(f"notebooks: building the mmlib wheel left no wheel in {cached_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheels[0].name
    target.write_bytes(wheels[0].read_bytes())
    return wheels[0].name


def on_pre_build(config):
    global _wheel_name, _wheel_job
    # name only; the file itself is copied after the build from the wheel built meanwhile
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    _wheel_name = f"mmlib-{version}-py3-none-any.whl"
    _wheel_job = start_wheel()


def on_post_build(config):
    for uri in list(_runs.pending):   # a notebook whose page was not built still has to run (and pass)
        _runs.wait(uri)
    _runs.close()
    if PAGE_CACHE.is_dir() and _page_cache_used:
        for old in PAGE_CACHE.iterdir():
            if old not in _page_cache_used:
                old.unlink()
    _page_cache_used.clear()
    site = Path(config["site_dir"])
    for name, css in _shared_css.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(css, encoding="utf-8")
    name = build_wheel(site / "downloads")
    if name != _wheel_name:
        raise PluginError(f"notebooks: built {name}, pages link {_wheel_name}")
    for uri, text in _downloads.items():
        target = site / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
