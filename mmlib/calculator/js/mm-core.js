/* mm-core.js — the plumbing of the calculator rules: numbers as read, thresholds, trace lines,
   Kleene logic, units and the case record.  Mirrors mmlib/trace.py, tristate.py, units.py, case.py
   and errors.py; the values themselves come from MM_DATA (exported from mmlib at build time). */
(function (MM) {
  "use strict";
  var D = MM.data = globalThis.MM_DATA;
  var POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

  /* Python's round(x) for a float: to the nearest integer, ties to even. */
  function roundHalfEven(x) {
    var f = Math.floor(x), d = x - f;
    if (d < 0.5) return f;
    if (d > 0.5) return f + 1;
    return f % 2 === 0 ? f : f + 1;
  }

  /* trace.as_read: the value rounded to 12 significant digits (same steps as _as_read_scalar). */
  function asRead(a) {
    if (a === null || a === undefined) return a;
    if (!isFinite(a) || a === 0) return a;
    var exponent = Math.floor(Math.log10(Math.abs(a)));
    var decimals = Math.min(Math.max(D.significant_digits - 1 - exponent, -300), 300);
    if (Math.abs(decimals) > 22) return a;
    var p = POW10[Math.abs(decimals)];
    return decimals >= 0 ? roundHalfEven(a * p) / p : roundHalfEven(a / p) * p;
  }

  /* A tie in decimal rounding of the exact binary value: `exact` has the digits kept, then "5000…". */
  function isTie(tail) { return /^50*$/.test(tail); }

  /* Python f"{x:.{d}f}": exact value, ties to even (JS toFixed breaks ties upwards). */
  function pyFixed(x, d) {
    var s = x.toFixed(d);
    if (Math.abs(x) >= 1e21) return s;
    var exact = Math.abs(x).toFixed(Math.min(100, d + 40)), point = exact.indexOf(".");
    if (isTie(exact.slice(point + 1 + d))) {
      var kept = exact.slice(0, point + (d ? 1 + d : 0)), last = +kept.charAt(kept.length - 1);
      if (last % 2 === 0) s = (x < 0 ? "-" : "") + kept;
    }
    return s;
  }

  /* Python float(f"{x:.{p}g}"): x rounded to p significant digits, ties to even. */
  function pySig(x, p) {
    if (!isFinite(x) || x === 0) return x;
    var s = x.toExponential(p - 1);
    var exact = Math.abs(x).toExponential(Math.min(100, p - 1 + 40));
    var mant = exact.split("e")[0].replace(".", "");
    if (isTie(mant.slice(p))) {
      var kept = mant.slice(0, p);
      if (+kept.charAt(p - 1) % 2 === 0) s = (x < 0 ? "-" : "") + kept.charAt(0) + (p > 1 ? "." + kept.slice(1) : "") + "e" + exact.split("e")[1];
    }
    return Number(s);
  }

  /* Python round(x, d) for a float. */
  function pyRound(x, d) { return Number(pyFixed(x, d)); }

  function intText(x) {
    return Math.abs(x) < 1e21 ? String(x) : BigInt(x).toString();
  }

  /* trace.fmt_number: no trailing zeros, at most 4 decimals. */
  function fmtNumber(x) {
    if (typeof x === "boolean") return x ? "True" : "False";
    if (Number.isInteger(x)) return intText(x);
    return pyFixed(x, 4).replace(/0+$/, "").replace(/\.$/, "");
  }

  function unitSuffix(u) { return !u ? "" : (u === "%" ? u : " " + u); }

  function fmtQuantity(x, unit, digits) {
    var n = fmtNumber(digits === undefined || digits === null ? x : pyRound(x, digits));
    return n + unitSuffix(unit || "");
  }

  var CJK = /[\u3400-\u9fff]/, LATIN_END = /[A-Za-z0-9)\]+%κλβµ]/, LATIN_START = /[A-Za-z0-9(κλβµ]/;
  /* trace.zh_join */
  function zhJoin() {
    var out = "";
    for (var i = 0; i < arguments.length; i++) {
      var part = arguments[i];
      if (out && part && ((CJK.test(out.charAt(out.length - 1)) && LATIN_START.test(part.charAt(0))) ||
          (LATIN_END.test(out.charAt(out.length - 1)) && CJK.test(part.charAt(0))))) out += " ";
      out += part;
    }
    return out;
  }

  /* ---- errors (mmlib/errors.py) ---- */
  var SHOWN = 60;
  function pyStr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var body = s.replace(/[\\\n\r\t]|[\u0000-\u001f\u007f-\u009f]|[\ud800-\udfff]/g, function (ch, i) {
      var c = ch.charCodeAt(0);
      if (ch === "\\") return "\\\\";
      if (ch === "\n") return "\\n";
      if (ch === "\r") return "\\r";
      if (ch === "\t") return "\\t";
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && /[\udc00-\udfff]/.test(s.charAt(i + 1))) return ch;
      if (c >= 0xdc00 && c <= 0xdfff && i > 0 && /[\ud800-\udbff]/.test(s.charAt(i - 1))) return ch;
      var h = c.toString(16);
      return c < 0x100 ? "\\x" + ("0" + h).slice(-2) : "\\u" + ("000" + h).slice(-4);
    });
    if (q === "'") body = body.replace(/'/g, "\\'");
    return q + body + q;
  }
  /* Python repr of a JSON value (numbers that are whole are ints, as JSON.stringify writes them). */
  function pyRepr(v, level) {
    level = level || 0;
    if (v === null || v === undefined) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "number") {
      if (!isFinite(v)) return isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
      if (Number.isInteger(v)) return intText(v);
      var s = String(v), m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s), e = m ? +(m[2] + m[3]) : null;
      if (e === null) {
        var exp = Math.floor(Math.log10(Math.abs(v)));
        if (exp < -4) { s = v.toExponential(); m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s); e = +(m[2] + m[3]); }
        else return s;
      }
      return m[1] + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    if (typeof v === "string") return pyStr(v.length > 24 && level > 0 ? v.slice(0, 9) + "..." + v.slice(-12) : v);
    if (Array.isArray(v)) {
      if (level >= 3) return "[...]";
      var items = v.slice(0, 6).map(function (x) { return pyRepr(x, level + 1); });
      return "[" + items.join(", ") + (v.length > 6 ? ", ...]" : "]");
    }
    if (level >= 3) return "{...}";
    var keys = Object.keys(v), parts = keys.slice(0, 4).map(function (k) { return pyRepr(k, level + 1) + ": " + pyRepr(v[k], level + 1); });
    return "{" + parts.join(", ") + (keys.length > 4 ? ", ...}" : "}");
  }
  /* errors.shown */
  function shown(value, lang) {
    if (typeof value === "string") {
      if (value.length <= SHOWN) return pyStr(value);
      return pyStr(value.slice(0, SHOWN)) + "…" + (lang === "zh" ? "（共 " + value.length + " 个字符）" : " (" + value.length + " characters)");
    }
    var text = pyRepr(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
    return text.length <= SHOWN ? text : text.slice(0, SHOWN) + "…";
  }

  function MMError(zh, en, field, value) {
    var e = new Error(zh + " / " + en);
    e.name = "MMLibError"; e.zh = zh; e.en = en; e.field = field === undefined ? null : field; e.value = value;
    return e;
  }
  /* errors.InputError */
  function InputError(field, value, expected, opts) {
    opts = opts || {};
    var zh = "字段 " + field + " 的值 " + shown(value, "zh") + " 无效：应为 " + expected + (opts.zhHint ? "（" + opts.zhHint + "）。" : "。");
    var en = "Invalid value " + shown(value) + " for field " + field + ": expected " + (opts.enExpected || expected) + (opts.enHint ? " (" + opts.enHint + ")." : ".");
    var e = MMError(zh, en, field, value);
    e.name = "InputError";
    return e;
  }
  function UnknownFieldError(field, valid) {
    var listing = valid.join(", ");
    var e = MMError("未知字段 " + shown(field, "zh") + "。有效字段：" + listing + "。",
      "Unknown field " + shown(field) + ". Valid fields: " + listing + ".", field);
    e.name = "UnknownFieldError";
    return e;
  }
  function conflictError(first, second, kind) {
    var e = kind === "unit"
      ? MMError("字段 " + first + " 与 " + second + " 是同一指标的两种单位，只能给出其中一个。",
        "Fields " + first + " and " + second + " give the same quantity in two units; give only one.", first)
      : MMError("字段 " + first + " 与 " + second + " 描述同一项检查，只能给出其中一个。",
        "Fields " + first + " and " + second + " describe the same finding; give only one.", first);
    e.name = kind === "unit" ? "UnitConflictError" : "FieldConflictError";
    return e;
  }

  /* ---- thresholds and trace (mmlib/trace.py) ---- */
  var OPS = {
    ">": function (a, b) { return a > b; }, "≥": function (a, b) { return a >= b; },
    "<": function (a, b) { return a < b; }, "≤": function (a, b) { return a <= b; }
  };
  function T(key) {
    if (typeof key !== "string") return key;
    var t = D.thresholds[key];
    if (!t) throw MMError("未知阈值 " + key + "。", "Unknown threshold " + key + ".", "threshold", key);
    return t;
  }
  function valueIn(t, unit) {
    t = T(t);
    if (unit === t.unit) return t.value;
    if (t.si !== null && unit === t.si_unit) return t.si;
    throw MMError("阈值 " + t.key + " 没有以 " + unit + " 表示的版本（可用：" + t.unit + (t.si_unit ? "、" + t.si_unit : "") + "）。",
      "Threshold " + t.key + " is not published in " + unit + " (available: " + t.unit + (t.si_unit ? ", " + t.si_unit : "") + ").", t.key, unit);
  }
  function test(t, value, unit) {
    t = T(t);
    return OPS[t.op](asRead(value), valueIn(t, unit === undefined || unit === null ? t.unit : unit));
  }
  function describe(t, unit) {
    t = T(t);
    var u = unit === undefined || unit === null ? t.unit : unit;
    return t.op + " " + fmtNumber(valueIn(t, u)) + unitSuffix(u);
  }
  function derive(t, key, zh, op) {
    t = T(t);
    return { key: key, zh: zh || t.zh, op: op || t.op, value: t.value, unit: t.unit, si: t.si, si_unit: t.si_unit, source: t.source };
  }
  function negate(t, key, zh) { return derive(t, key, zh, D.negated[T(t).op]); }
  function relabel(t, key, zh) { return derive(t, key, zh); }

  /* Threshold.check → Check.to_dict() */
  function check(t, value, unit, opts) {
    t = T(t); opts = opts || {};
    var u = unit === undefined || unit === null ? t.unit : unit;
    return {
      criterion: t.key, label: opts.label || t.zh, value: value === undefined ? null : value, unit: u,
      threshold: valueIn(t, u), comparison: t.op, verdict: value === null || value === undefined ? null : test(t, value, u),
      source: t.source, note: opts.note || ""
    };
  }
  /* trace.info */
  function info(criterion, label, value, unit, opts) {
    opts = opts || {};
    return { criterion: criterion, label: label, value: value, unit: unit === undefined ? null : unit, threshold: null,
      comparison: null, verdict: null, source: opts.source, note: opts.note || "" };
  }
  /* RuleResult.to_dict() (plus the fields explain() reads) */
  function result(name, label, value, opts) {
    opts = opts || {};
    return { name: name, label: label, value: value === undefined ? null : value, shown: opts.shown === undefined ? null : opts.shown,
      missing: opts.missing || [], source: opts.source || "imwg2014", summary: opts.summary || "",
      details: opts.details || {}, trace: opts.checks || [] };
  }
  /* Check.explain */
  function explainCheck(c) {
    var text;
    if (c.value === null) text = c.label + "：缺少数据，无法评估";
    else {
      var v = typeof c.value === "number" ? fmtNumber(c.value) : c.value === true ? "是" : c.value === false ? "否" : String(c.value);
      var unit = unitSuffix(c.unit);
      text = c.label + (typeof c.value === "string" && c.comparison === null ? "：" : " = ") + v + unit;
      if (c.comparison !== null && c.threshold !== null) text += "，标准 " + c.comparison + " " + fmtNumber(c.threshold) + unit;
      if (c.verdict !== null) text += " → " + (c.verdict ? "符合" : "不符合");
    }
    if (c.note) text += "（" + c.note + "）";
    return text + " [" + (D.sources[c.source] || c.source) + "]";
  }

  /* ---- Kleene logic (mmlib/tristate.py) ---- */
  function kOr() {
    var unknown = false;
    for (var i = 0; i < arguments.length; i++) { if (arguments[i] === true) return true; if (arguments[i] === null) unknown = true; }
    return unknown ? null : false;
  }
  function kAnd() {
    var unknown = false;
    for (var i = 0; i < arguments.length; i++) { if (arguments[i] === false) return false; if (arguments[i] === null) unknown = true; }
    return unknown ? null : true;
  }
  function kNot(x) { return x === null ? null : !x; }

  /* ---- units (mmlib/units.py) ---- */
  function convert(analyte, value, from, to) {
    var a = D.analytes[analyte];
    if (!a) throw MMError("未知检验项目 " + shown(analyte, "zh") + "。", "Unknown analyte " + shown(analyte) + ".", "analyte", analyte);
    [from, to].forEach(function (u) {
      if (u !== a.conventional_unit && u !== a.si_unit)
        throw MMError(a.zh + " 的单位 " + shown(u, "zh") + " 无效：应为 " + a.conventional_unit + " 或 " + a.si_unit + "。",
          "Invalid unit " + shown(u) + " for " + analyte + ": expected " + a.conventional_unit + " or " + a.si_unit + ".", analyte, u);
    });
    if (from === to) return value;
    return to === a.si_unit ? value * a.factor : value / a.factor;
  }
  /* Measured.to: the value in `unit`, 6 significant digits */
  function toUnit(m, unit) {
    var stem = D.fields[m.field].stem;
    return pySig(convert(D.measured[stem].analyte, m.value, m.unit, unit), 6);
  }

  /* ---- the case record (mmlib/case.py) ---- */
  function mixupHint(name, x) {
    var f = D.fields[name];
    if (f.sibling) {
      var o = D.fields[f.sibling];
      if (o.plausible[0] <= x && x <= o.plausible[1])
        return ["看起来像 " + o.unit + " 单位的数值；请改用字段 " + f.sibling, "looks like a value in " + o.unit + "; use field " + f.sibling];
    }
    var hints = f.hints || [];
    for (var i = 0; i < hints.length; i++) if (hints[i][0] <= x && x < hints[i][1]) return [hints[i][2], hints[i][3]];
    return [null, null];
  }
  function number(name, v) {
    var f = D.fields[name];
    if (typeof v !== "number") throw InputError(name, v, "数值（" + f.range_text + "）", { enExpected: "a number (" + f.range_text + ")" });
    if (!isFinite(v)) throw InputError(name, v, "有限数值（" + f.range_text + "）", { enExpected: "a finite number (" + f.range_text + ")" });
    if (!(f.plausible[0] <= v && v <= f.plausible[1])) {
      var h = mixupHint(name, v);
      if (v < 0) h = ["不能为负数", "must not be negative"];
      throw InputError(name, v, f.range_text, { zhHint: h[0], enHint: h[1] });
    }
    return v;
  }
  /* case.validate_field */
  function validateField(name, v) {
    var f = D.fields[name];
    if (!f) throw UnknownFieldError(name, D.field_order);
    if (v === null || v === undefined) return null;
    if (f.kind === "choice") {
      if (typeof v !== "string" || f.choices.indexOf(v) < 0)
        throw InputError(name, v, "以下之一：" + f.choices.join("、"), { enExpected: "one of " + f.choices.join(", ") });
      return v;
    }
    if (f.kind === "bool") {
      if (typeof v !== "boolean") throw InputError(name, v, "true 或 false（布尔值）", { enExpected: "true or false (a boolean)" });
      return v;
    }
    if (f.kind === "list") {
      if (!Array.isArray(v)) throw InputError(name, v, "病灶直径列表（mm）", { enExpected: "a list of lesion diameters (mm)" });
      var most = D.fields.mri_focal_lesions.plausible[1];
      if (v.length > most) throw InputError(name, "<" + v.length + " 项>", "不超过 1000 个病灶", { enExpected: "at most 1000 lesions" });
      return v.map(function (x) { return number(name, x); });
    }
    var x = number(name, v);
    if (f.kind === "int" && !Number.isInteger(x))
      throw InputError(name, v, "整数（" + f.range_text + "）", { enExpected: "a whole number (" + f.range_text + ")" });
    return x;
  }

  function Case(values) { for (var k in values) this[k] = values[k]; }
  Case.prototype.measured = function (stem) {
    var s = D.measured[stem];
    if (!s) throw UnknownFieldError(stem, Object.keys(D.measured));
    if (this[s.conventional_field] !== null) return { value: this[s.conventional_field], unit: s.conventional_unit, field: s.conventional_field };
    if (this[s.si_field] !== null) return { value: this[s.si_field], unit: s.si_unit, field: s.si_field };
    return null;
  };
  Case.prototype.flcMgL = function (chain) {
    var m = this.measured("flc_" + chain);
    return m === null ? null : asRead(convert("flc", m.value, m.unit, "mg/L"));
  };
  Case.prototype.asserted = function (item) {
    if (this.crab_absent) return false;
    return this[D.asserted_crab[item]];
  };
  Case.prototype.given = function () {
    var self = this;
    return D.field_order.filter(function (n) { return self[n] !== null; });
  };
  Case.prototype.toDict = function () {
    var out = {}, self = this;
    this.given().forEach(function (n) { out[n] = Array.isArray(self[n]) ? self[n].slice() : self[n]; });
    return out;
  };

  /* Case.from_dict */
  function readCase(obj) {
    if (obj instanceof Case) return obj;
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
      var kind = obj === null ? "NoneType" : Array.isArray(obj) ? "list" : typeof obj === "string" ? "str" : typeof obj === "number" ? (Number.isInteger(obj) ? "int" : "float") : typeof obj === "boolean" ? "bool" : typeof obj;
      var e = MMError("无法读取病例 " + shown(kind, "zh") + "：病例应为键值对象（dict / JSON 对象）。",
        "Cannot read case " + shown(kind) + ": a case must be a mapping (dict / JSON object).", null, kind);
      e.name = "CaseFormatError";
      throw e;
    }
    Object.keys(obj).forEach(function (k) { if (!D.fields[k]) throw UnknownFieldError(k, D.field_order); });
    var values = {};
    D.field_order.forEach(function (n) { values[n] = validateField(n, obj[n]); });
    D.exclusive.forEach(function (p) {
      if (values[p[0]] !== null && values[p[1]] !== null) throw conflictError(p[0], p[1], p[2]);
    });
    if (values.crab_absent === false)
      throw InputError("crab_absent", false, "true（如存在 CRAB 表现，请逐项陈述 hypercalcemia、renal_insufficiency、anemia、bone_lesions）",
        { enExpected: "true (state a present CRAB item by its own field: hypercalcemia, renal_insufficiency, anemia, bone_lesions)" });
    if (values.crab_absent !== null) {
      Object.keys(D.asserted_crab).forEach(function (k) {
        var item = D.asserted_crab[k];
        if (values[item] !== null) throw conflictError("crab_absent", item, "field");
      });
    }
    return new Case(values);
  }

  function eitherField(stem) { var s = D.measured[stem]; return s.conventional_field + "/" + s.si_field; }
  /* case.field_zh */
  function fieldZh(name) {
    var parts = name.split("/");
    var label = D.either_zh[name] || (D.fields[parts[0]] && D.fields[parts[0]].zh);
    return label ? label + "（" + parts.join(" 或 ") + "）" : name;
  }

  var api = {
    asRead: asRead, roundHalfEven: roundHalfEven, pyFixed: pyFixed, pySig: pySig, pyRound: pyRound, fmtNumber: fmtNumber,
    unitSuffix: unitSuffix, fmtQuantity: fmtQuantity, zhJoin: zhJoin, shown: shown, pyRepr: pyRepr,
    MMError: MMError, InputError: InputError, UnknownFieldError: UnknownFieldError, conflictError: conflictError,
    OPS: OPS, T: T, valueIn: valueIn, test: test, describe: describe, negate: negate, relabel: relabel,
    check: check, info: info, result: result, explainCheck: explainCheck,
    kOr: kOr, kAnd: kAnd, kNot: kNot, convert: convert, toUnit: toUnit,
    validateField: validateField, readCase: readCase, Case: Case, eitherField: eitherField, fieldZh: fieldZh
  };
  for (var k in api) MM[k] = api[k];
})(globalThis.MM = globalThis.MM || {});
