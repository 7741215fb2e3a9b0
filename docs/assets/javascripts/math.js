// Render formulas with the KaTeX copy served by the site itself (no CDN).
// Markdown pages: pymdownx.arithmatex (generic) wraps math in .arithmatex with \( \) / \[ \].
// Notebook pages: Markdown cells keep $...$ / $$...$$ as written.
(function () {
  function render() {
    if (typeof renderMathInElement === "undefined") return;
    document.querySelectorAll(".arithmatex").forEach(function (el) {
      renderMathInElement(el, {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true },
        ],
        throwOnError: false,
      });
    });
    document.querySelectorAll(".jupyter-wrapper .jp-RenderedMarkdown, .jupyter-wrapper .jp-MarkdownOutput").forEach(function (el) {
      renderMathInElement(el, {
        delimiters: [
          { left: "$$", right: "$$", display: true },
          { left: "$", right: "$", display: false },
        ],
        throwOnError: false,
      });
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(render);
  } else {
    document.addEventListener("DOMContentLoaded", render);
  }
})();
