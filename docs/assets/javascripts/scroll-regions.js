// Keyboard access to regions that scroll sideways: Material wraps every Markdown table in a
// .md-typeset__scrollwrap at run time; one that is wider than the screen gets tabindex="0" so a
// keyboard user can focus it and scroll it with the arrow keys (axe: scrollable-region-focusable).
(function () {
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        el.tabIndex = 0;
      } else {
        el.removeAttribute("tabindex");
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { requestAnimationFrame(mark); });
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
  window.addEventListener("resize", mark, { passive: true });
})();
