/* mm-ui.js — the page interface: binds the forms rendered by hooks/calculator.py (every control's name is
   the mmlib field name), runs MM.assess / MM.response on each input, shows the result and the Chinese trace,
   keeps the case in the URL fragment.  window.mmCalculator is the interface for checks (CONTRACT.md). */
(function (MM) {
  "use strict";
  var D = MM.data || {}, UI = D.ui || {};
  var api = {
    assess: function (c) { return MM.assess(c); },
    response: function (d) { return MM.response(d); },
    lastMs: null
  };
  if (typeof window === "undefined" || typeof document === "undefined") return;
  window.mmCalculator = api;

  var TRI = { "true": "是", "false": "否", "null": "无法评估" };
  var MEASURABLE = { serum: "血清 M 蛋白", urine: "尿 M 蛋白", flc: "血清游离轻链", marrow: "骨髓浆细胞" };
  var NUM = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  /* full-width digits, point, comma and minus as typed with a Chinese input method */
  function norm(s) {
    return s.replace(/[\uff10-\uff19\uff0e\uff0c\uff0d\uff0b]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); }).trim();
  }
  function num(s) { return NUM.test(s) ? Number(s) : s; }
  /* the value of a control as mmlib reads it (undefined = left empty); malformed text stays a string */
  function valueOf(el) {
    var s = norm(el.value), k = el.getAttribute("data-kind");
    if (s === "") return undefined;
    if (k === "bool") return s === "true";
    if (k === "choice") return s;
    if (k === "list") return s.split(/[,;、\s]+/).filter(Boolean).map(num);
    return num(s);
  }
  function controls(form) { return [].slice.call(form.querySelectorAll("[data-kind]")); }
  function setPath(obj, path, v) {
    var keys = path.split("."), o = obj;
    for (var i = 0; i < keys.length - 1; i++) o = o[keys[i]] = o[keys[i]] || {};
    o[keys[keys.length - 1]] = v;
  }
  /* the case (or response input) object of a form, and the filled controls */
  function readForm(form) {
    var obj = {}, items = [];
    controls(form).forEach(function (el) {
      var v = valueOf(el);
      if (v === undefined) return;
      setPath(obj, el.name, v);
      items.push({ el: el, name: el.name, value: v, raw: norm(el.value) });
    });
    return { obj: obj, items: items };
  }

  /* ---- errors ---- */
  function errBox(el) { return document.getElementById(el.getAttribute("aria-describedby")); }
  function clearErrors(form) {
    controls(form).forEach(function (el) { el.removeAttribute("aria-invalid"); errBox(el).textContent = ""; });
    form.querySelector(".mm-form-e").textContent = "";
  }
  function unitSelect(el) { return el.form.querySelector('select.mm-u[data-for="' + el.id + '"]'); }
  /* mmlib's message, for a person: the field's Chinese name instead of its key, the unit instead of the sibling key */
  function friendly(text, field) {
    var f = D.fields && D.fields[String(field).split(".").pop()];
    if (f) text = text.replace("字段 " + field + " 的值", f.zh + "的值");
    return text.replace(/请改用字段 (\w+)/, function (all, k) { return D.fields[k] ? "请把单位改为 " + D.fields[k].unit : all; });
  }
  function showError(el, e) {
    var box = errBox(el), m = /请改用字段 ([\w.]+)/.exec(e.zh || ""), sel = unitSelect(el);
    el.setAttribute("aria-invalid", "true");
    box.textContent = e.zh ? friendly(e.zh, e.field) : String(e.message);
    if (m && sel) {
      var prefix = el.name.slice(0, el.name.lastIndexOf(".") + 1);
      [].forEach.call(sel.options, function (o) {
        if (o.value !== prefix + m[1]) return;
        var b = document.createElement("button");
        b.type = "button"; b.className = "mm-fix"; b.textContent = "改用 " + o.textContent;
        b.addEventListener("click", function () { sel.value = o.value; rename(sel); update(el.form); el.focus(); });
        box.appendChild(document.createTextNode(" ")); box.appendChild(b);
      });
    }
  }
  /* per-field check with mmlib's own rule (validate_field), for the inline messages */
  function fieldError(name, v) {
    var last = name.split(".").pop();
    if (!D.fields || !D.fields[last]) return null;
    try { MM.validateField(last, v); return null; } catch (e) { return e; }
  }
  function controlNamed(form, name) {
    return name ? form.querySelector('[data-kind][name="' + String(name).replace(/"/g, "") + '"]') : null;
  }

  /* ---- result ---- */
  function tri(v) { return TRI[String(v)]; }
  function row(label, value, cls) {
    return '<p class="mm-row' + (cls ? " " + cls : "") + '"><span class="mm-k">' + esc(label) + "：</span><strong>" + esc(value) + "</strong></p>";
  }
  /* the fields a section lacks: its RuleResult's `missing` (MM.assessRun), else its trace lines without a value */
  function missingOf(r, section) {
    var seen = {}, res = r._run && r._run.results[section];
    if (res) return (res.missing || []).map(function (n) { return n.split("/").map(function (f) { return (D.either_zh || {})[n] || (D.fields[f] || {}).zh || f; })[0]; })
      .filter(function (z) { return !seen[z] && (seen[z] = 1); });
    return r.trace.filter(function (t) { return t.section === section && t.value === null && !seen[t.label] && (seen[t.label] = 1); })
      .map(function (t) { return t.label; });
  }
  function undecided(r, section) {
    var m = missingOf(r, section);
    return "无法判断" + (m.length ? "（缺少：" + m.join("、") + "）" : "");
  }
  function items(title, obj, names) {
    return '<p class="mm-k">' + title + "</p><ul class=\"mm-items\">" + Object.keys(obj).map(function (k) {
      return '<li class="mm-' + String(obj[k]).charAt(0) + '"><span>' + esc(names[k] || k) + "</span> <strong>" + tri(obj[k]) + "</strong></li>";
    }).join("") + "</ul>";
  }
  function q(x, unit, digits) { return x === null ? null : MM.fmtQuantity(x, unit, digits); }
  function renderAssess(r, show) {
    var h = [], dd = r.diagnosis_detail, dx = UI.diagnosis || {};
    if (show.dx) {
      h.push(row("诊断（IMWG 2014）", dx[r.diagnosis] || r.diagnosis, "mm-main"));
      if (dd.subtype) h.push(row("亚型", (UI.subtype || {})[dd.subtype] || dd.subtype));
      if (dd.reason_zh) h.push('<p class="mm-row">' + esc(dd.reason_zh) + "</p>");
      if (dd.provisional) h.push(row("若缺少的数据均无异常，则为", dx[dd.provisional] || dd.provisional));
      if (dd.missing.length) h.push(row("诊断缺少的数据", dd.missing.map(MM.fieldZh).join("、")));
    }
    if (show.crab) h.push(items("CRAB（终末器官损害）", r.crab, UI.crab || {}));
    if (show.slim) h.push(items("SLiM（恶性生物标志）", r.slim, UI.slim || {}));
    if (show.labs) {
      [["肌酐清除率（Cockcroft–Gault 或实测）", q(r.crcl_ml_min, "mL/min", 1), "crcl"],
        ["eGFR（CKD-EPI 2021）", q(r.egfr_ml_min_1_73m2, "mL/min/1.73 m²", 1), "egfr"],
        ["白蛋白校正钙", r.corrected_calcium_mg_dl === null ? null : q(r.corrected_calcium_mg_dl, "mg/dL", 2) + "（" +
          q(MM.convert("calcium", r.corrected_calcium_mg_dl, "mg/dL", "mmol/L"), "mmol/L", 2) + "）", "corrected_calcium"],
        ["游离轻链比值 κ/λ", q(r.flc_ratio_kappa_lambda, "", 2), "flc_ratio"],
        ["受累/未受累游离轻链比值", r.flc_ratio_involved_uninvolved === null ? null :
          q(r.flc_ratio_involved_uninvolved, "", 2) + "（受累：" + (r.involved_light_chain === "kappa" ? "κ" : "λ") + "）", "flc_ratio"]
      ].forEach(function (x) { h.push(row(x[0], x[1] === null ? "无法计算" + undecided(r, x[2]).slice(4) : x[1])); });
    }
    if (show.stages) {
      [["ISS", "iss"], ["R-ISS", "riss"], ["R2-ISS", "r2iss"]].forEach(function (x) {
        var s = r[x[1]];
        h.push(row(x[0] + " 分期", s ? s.stage + " 期" + (s.points !== null && s.points !== undefined ? "（" + MM.fmtNumber(s.points) + " 分）" : "") : undecided(r, x[1]), "mm-main"));
      });
    }
    if (show.risk) {
      [["smm_risk_mayo2018", "smoldering_multiple_myeloma"], ["smm_risk_imwg2020", "smoldering_multiple_myeloma"], ["mgus_risk_mayo", "mgus"]].forEach(function (x) {
        var s = r[x[0]], applies = r.diagnosis === x[1] || dd.provisional === x[1] || (x[1] === "mgus" && /mgus/.test(r.diagnosis + dd.provisional));
        h.push(row((UI.section || {})[x[0]] || x[0], s ? (UI.group || {})[s.group] + (s.score !== null ? "（" + MM.fmtNumber(s.score) + " 分）" : "")
          : applies ? undecided(r, x[0]) : "未计算（仅适用于" + (dx[x[1]] || x[1]) + "）", "mm-main"));
      });
    }
    if (show.cyto) {
      var c = r.cytogenetic_risk || {}, cz = UI.cyto || {};
      h.push(row("细胞遗传学危险分层（IMS/IMWG 2025）", c.ims2025 ? cz[c.ims2025] : undecided(r, "cytogenetic_risk"), "mm-main"));
      h.push(row("经典 IMWG 高危标准（Sonneveld 2016）", c.classic ? cz[c.classic] : "无法判断"));
    }
    if (show.dx && dd.notes.length) h.push('<ul class="mm-notes">' + dd.notes.map(function (n) { return "<li>" + esc(n) + "</li>"; }).join("") + "</ul>");
    return h.join("");
  }
  function renderResponse(r) {
    var d = r.details || {}, h = [], cz = UI.category || {}, miss = UI.response_missing || {};
    h.push(row("疗效（IMWG 2016）", r.category ? cz[r.category] || r.category : "无法判断", "mm-main"));
    if (r.provisional) h.push(row("缺少的数据可能使疗效达到", cz[r.provisional] || r.provisional));
    if (r.missing && r.missing.length) h.push(row("缺少的数据", r.missing.map(function (m) { return miss[m] || m; }).join("、")));
    if (r.mrd) h.push(row("MRD", (UI.mrd || {})[r.mrd] || r.mrd));
    h.push(row("可测量病变", r.measurable_disease ? r.measurable_disease.split("+").map(function (m) { return MEASURABLE[m] || m; }).join(" + ") : "无法判断"));
    if (r.relapse_from_cr !== null && r.relapse_from_cr !== undefined) h.push(row("完全缓解后复发", tri(r.relapse_from_cr)));
    if (d.notes && d.notes.length) h.push('<ul class="mm-notes">' + d.notes.map(function (n) { return "<li>" + esc(n) + "</li>"; }).join("") + "</ul>");
    return h.join("");
  }
  function traceLine(t) {
    return '<li class="mm-' + String(t.verdict).charAt(0) + '">' + esc(MM.explainCheck(t)) + ' <code>' + esc(t.criterion) + "</code></li>";
  }
  function renderTrace(r, sections) {
    if (!sections.length) return '<ul class="mm-lines">' + r.trace.map(traceLine).join("") + "</ul>";
    return sections.map(function (s) {
      var lines = r.trace.filter(function (t) { return t.section === s; });
      return lines.length ? '<p class="mm-k">' + esc((UI.section || {})[s] || s) + '</p><ul class="mm-lines">' + lines.map(traceLine).join("") + "</ul>" : "";
    }).join("");
  }
  function drawTrace(form) {
    var box = form.querySelector(".mm-trace > div");
    if (form.mmOut && !box.firstChild)
      box.innerHTML = renderTrace(form.mmOut, (form.getAttribute("data-mm-trace") || "").split(" ").filter(Boolean));
  }
  function flags(s) { var o = {}; (s || "").split(" ").forEach(function (k) { if (k) o[k] = true; }); return o; }

  /* ---- the update on each input ---- */
  function update(form) {
    var t0 = performance.now(), st = readForm(form), res = form.querySelector("[data-mm-result]"), out;
    var response = form.getAttribute("data-mm-kind") === "response";
    clearErrors(form);
    st.items.forEach(function (it) { var e = fieldError(it.name, it.value); if (e) showError(it.el, e); });
    var run = null;
    if (typeof (response ? MM.response : MM.assess) !== "function") {
      res.querySelector(".mm-summary").textContent = "本版本尚未包含这个计算器的规则。";
      return null;
    }
    try {
      if (response) out = api.response(st.obj);
      else if (MM.assessRun && MM.assessToDict) { run = MM.assessRun(st.obj); out = MM.assessToDict(run); }
      else out = api.assess(st.obj);
    }
    catch (e) {
      out = { error: { field: e.field === undefined ? null : e.field, zh: e.zh || String(e.message), en: e.en || "" } };
      var el = controlNamed(form, e.field);
      if (el && !el.hasAttribute("aria-invalid")) showError(el, e);
      else if (!el) form.querySelector(".mm-form-e").textContent = out.error.zh;
    }
    res.setAttribute("data-mm-result", JSON.stringify(out));
    var summary = res.querySelector(".mm-summary"), trace = res.querySelector(".mm-trace > div");
    if (out.error) {
      summary.innerHTML = '<p class="mm-row mm-bad">输入有误，请按提示修改：' + esc(friendly(out.error.zh, out.error.field)) + "</p>";
      trace.innerHTML = "";
    } else {
      summary.innerHTML = response ? renderResponse(out) : renderAssess(Object.assign({ _run: run }, out), flags(form.getAttribute("data-mm-show")));
      form.mmOut = out;
      trace.innerHTML = "";
      if (trace.parentNode.open) drawTrace(form);  /* else drawn when the reader opens it */
    }
    api.lastMs = performance.now() - t0;
    clearTimeout(form.mmTimer);  /* the address bar can wait: replaceState costs milliseconds */
    if (!loading) form.mmTimer = setTimeout(function () { saveHash(form, st); }, 300);
    return out;
  }

  /* ---- units ---- */
  /* a unit switch: the control takes the other field's name and shows that field's plausible range */
  function rename(sel) {
    var el = document.getElementById(sel.getAttribute("data-for")), f = D.fields[sel.value.split(".").pop()];
    el.name = sel.value;
    if (f && f.plausible) el.placeholder = MM.fmtNumber(f.plausible[0]) + "–" + MM.fmtNumber(f.plausible[1]);
  }
  function allUnits(form, index) {
    [].forEach.call(form.querySelectorAll("select.mm-u"), function (s) { s.selectedIndex = index; rename(s); });
  }

  /* ---- the URL fragment: #mm-FORM?field=value&... ---- */
  var loading = true;
  function hashOf(form, st) {
    var qs = st.items.map(function (it) { return encodeURIComponent(it.name) + "=" + encodeURIComponent(it.raw); }).join("&");
    return qs ? "#" + form.id + "?" + qs : "";
  }
  function saveHash(form, st) {
    if (loading) return;
    var h = hashOf(form, st);
    if (h === location.hash || (!h && location.hash.indexOf("#" + form.id + "?") !== 0)) return;
    try { history.replaceState(null, "", h || location.pathname + location.search); } catch (e) { /* file:// in some browsers */ }
  }
  function setControl(form, name, v) {
    var el = controlNamed(form, name);
    if (!el) {
      var opt = form.querySelector('select.mm-u option[value="' + name.replace(/"/g, "") + '"]');
      if (!opt) return;
      opt.parentNode.value = name; rename(opt.parentNode); el = controlNamed(form, name);
    }
    el.value = v;
  }
  function fill(form, values) {
    if (typeof form === "string") form = document.getElementById(form);
    controls(form).forEach(function (el) { el.value = ""; });
    var u = form.querySelector("[data-mm-units]");
    if (u) u.selectedIndex = 0;
    allUnits(form, 0);
    Object.keys(values).forEach(function (k) { setControl(form, k, values[k]); });
    return update(form);
  }
  function loadHash() {
    var h = location.hash.slice(1), i = h.indexOf("?");
    if (i < 0) return;
    var form = document.getElementById(h.slice(0, i));
    if (!form || !form.hasAttribute("data-mm-calculator")) return;
    var values = {};
    h.slice(i + 1).split("&").forEach(function (kv) {
      var j = kv.indexOf("=");
      if (j > 0) try { values[decodeURIComponent(kv.slice(0, j))] = decodeURIComponent(kv.slice(j + 1)); } catch (e) { /* bad escape */ }
    });
    fill(form, values);
    form.scrollIntoView();
  }

  function download(form, name) {
    var text = JSON.stringify(readForm(form).obj, null, 2) + "\n";
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    a.download = name;
    document.body.appendChild(a); a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    return text;
  }

  function bind(form) {
    var link = form.querySelector("[data-mm-link]"), said = form.querySelector(".mm-said");
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("input", function (ev) {
      var t = ev.target;
      if (t.classList.contains("mm-u")) rename(t);
      else if (t.hasAttribute("data-mm-units")) allUnits(form, +t.value);
      said.textContent = "";
      update(form);
    });
    form.addEventListener("reset", function () { setTimeout(function () { allUnits(form, 0); said.textContent = ""; update(form); }, 0); });
    /* the address bar also follows the headings as one scrolls (Material), so the link is made here */
    link.addEventListener("click", function () {
      var h = hashOf(form, readForm(form)), url = location.href.split("#")[0] + h;
      try { history.replaceState(null, "", h || location.pathname); } catch (e) { /* file:// */ }
      var done = function () { said.textContent = "已复制本病例的链接"; };
      var shown = function () { said.textContent = "链接已显示在地址栏：" + url; };
      if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, shown); else shown();
    });
    form.querySelector(".mm-trace").addEventListener("toggle", function () { drawTrace(form); });
    var dl = form.querySelector("[data-mm-download]");
    dl.addEventListener("click", function () { download(form, dl.getAttribute("data-mm-download")); });
    update(form);
  }

  api.update = update; api.fill = fill; api.readForm = function (f) { return readForm(f).obj; };
  api.download = download;
  [].forEach.call(document.querySelectorAll("form[data-mm-calculator]"), bind);
  loadHash();
  loading = false;
  window.addEventListener("hashchange", loadHash);
})(globalThis.MM = globalThis.MM || {});
