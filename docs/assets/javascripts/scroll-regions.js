// Keyboard access to regions that scroll sideways: Material wraps every Markdown table in a
// .md-typeset__scrollwrap at run time, and a diagram (.mm-diagram) scrolls on a phone; one that is
// wider than the screen gets tabindex="0" so a keyboard user can focus it and scroll it with the
// arrow keys (axe: scrollable-region-focusable).
// A ResizeObserver reports each wrapper after the browser has laid it out (and again when its size
// changes, e.g. on rotating a phone), so reading its widths never forces an extra layout; all widths
// are read before any attribute is written.  Until then a wrapper can take focus: one inside a block
// the browser has not drawn yet (content-visibility, book.css) is measured only when the reader
// comes near it, and a keyboard user must not skip it on the way.
(function () {
  if (typeof ResizeObserver === "undefined") return;
  var observer = new ResizeObserver(function (entries) {
    var wide = entries.map(function (entry) {
      var el = entry.target;
      return [el, el.scrollWidth > el.clientWidth + 1];
    });
    wide.forEach(function (pair) {
      if (pair[1]) {
        pair[0].tabIndex = 0;
      } else {
        pair[0].removeAttribute("tabindex");
      }
    });
  });
  function watch() {
    observer.disconnect();
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .mm-diagram").forEach(function (el) {
      if (el.closest(".jupyter-wrapper")) return;   // notebook outputs scroll in their own focusable area
      if (!el.hasAttribute("tabindex")) el.tabIndex = 0;
      observer.observe(el);
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(watch);
  } else {
    document.addEventListener("DOMContentLoaded", watch);
  }
})();
