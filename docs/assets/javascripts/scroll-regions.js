// Keyboard access to regions that scroll sideways: Material wraps every Markdown table in a
// .md-typeset__scrollwrap at run time; one that is wider than the screen gets tabindex="0" so a
// keyboard user can focus it and scroll it with the arrow keys (axe: scrollable-region-focusable).
// Runs when the browser is idle, after the first layout, so that reading sizes costs nothing.
(function () {
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
      if (el.closest(".jupyter-wrapper")) return;   // notebook outputs scroll in their own focusable area
      if (el.scrollWidth > el.clientWidth + 1) {
        el.tabIndex = 0;
      } else {
        el.removeAttribute("tabindex");
      }
    });
  }
  var later = window.requestIdleCallback || function (f) { return setTimeout(f, 200); };
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { later(mark); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { later(mark); });
  }
  window.addEventListener("resize", mark, { passive: true });
})();
