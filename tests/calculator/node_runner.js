// Runs the calculator bundle in Node for the parity tests (tests/calculator/jsrun.py).
// Usage: node node_runner.js BUNDLE.js < inputs.jsonl > outputs.jsonl
// Each input line: {"fn": "assess" | "diagnosis.classify" | ..., "arg": <JSON>, "case": true|false}
// ("case": true reads arg with MM.readCase first; "spread": true passes the items of arg as the arguments). Each output line: {"ok": result} or
// {"error": {"name", "field", "zh", "en"}} for an input error, or {"crash": text} for anything else.
"use strict";
const fs = require("fs");
const vm = require("vm");
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"), { filename: process.argv[2] });
const MM = globalThis.MM;
const lines = fs.readFileSync(0, "utf8").split("\n");
const out = [];
for (const line of lines) {
  if (!line.trim()) continue;
  const job = JSON.parse(line);
  let fn = MM;
  for (const part of job.fn.split(".")) fn = fn && fn[part];
  try {
    if (typeof fn !== "function") throw new Error("no function MM." + job.fn);
    const arg = job.case ? MM.readCase(job.arg) : job.arg;
    const result = job.spread ? fn.apply(null, arg) : fn(arg);
    out.push(JSON.stringify({ ok: result === undefined ? null : result }));
  } catch (e) {
    if (e && e.zh !== undefined) out.push(JSON.stringify({ error: { name: e.name, field: e.field, zh: e.zh, en: e.en } }));
    else out.push(JSON.stringify({ crash: String(e && e.stack || e) }));
  }
}
fs.writeSync(1, out.join("\n") + "\n");
