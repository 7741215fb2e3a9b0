// Renders TeX to KaTeX HTML for hooks/prerender.py, with the KaTeX copy the site vendors.
// Protocol: one JSON line in = an array of [tex, displayMode] pairs (all formulas of one page);
// one JSON line out = an array of {html} or {error} objects, in the same order.
"use strict";
const path = require("path");
const readline = require("readline");
const katex = require(path.join(__dirname, "..", "docs", "assets", "vendor", "katex", "katex.min.js"));

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let out;
  try {
    out = JSON.parse(line).map(([tex, display]) => {
      try {
        return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
      } catch (err) {
        return { error: String(err && err.message ? err.message : err) };
      }
    });
  } catch (err) {
    out = { error: "bad request: " + err };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
