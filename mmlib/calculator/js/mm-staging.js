// Staging: ISS, R-ISS, R2-ISS — port of mmlib/staging.py (each function returns RuleResult.to_dict()).
(function (MM) {
  "use strict";
  var D = MM.data.staging, STAGES = D.stages, P = D.r2iss_points;
  var B3 = "iss2005.b2m_iii", B1 = "iss2005.b2m_i", ALB = "iss2005.albumin_i", LDH = "riss2015.ldh";
  var LDH_MISSING = ["ldh_u_l", "ldh_uln_u_l"];

  // a trace line whose verdict is given (mmlib.trace.Check(...) with threshold/comparison None)
  function line(criterion, label, value, verdict, source, note) {
    return {criterion: criterion, label: label, value: value, unit: null, threshold: null, comparison: null,
      verdict: verdict, source: source, note: note || ""};
  }
  function stageZh(s) { return s === null ? null : s + " 期"; }

  // iss_codes on Kleene values → "I".."III" | null
  function issStage(iii, one) {
    if (iii === true) return "III";
    if (one === true) return "I";
    return iii === false && one === false ? "II" : null;
  }

  // _iss_parts
  function issParts(c) {
    var alb = c.measured("albumin"), t3 = MM.T(B3), t1 = MM.T(B1), ta = MM.T(ALB);
    var c3 = MM.check(t3, c.beta2m_mg_l, null, {label: t3.zh + "（III 期界值）"});
    var c1 = MM.check(t1, c.beta2m_mg_l, null, {label: t1.zh + "（I 期界值）"});
    var ca = MM.check(ta, alb ? alb.value : null, alb ? alb.unit : null, {label: ta.zh + "（I 期界值）"});
    var missing = [];
    if (c.beta2m_mg_l === null) missing.push("beta2m_mg_l");
    if (!alb) missing.push(MM.eitherField("albumin"));
    return {iii: c3.verdict, one: MM.kAnd(c1.verdict, ca.verdict), checks: [c3, c1, ca], missing: missing};
  }

  // iss (Greipp 2005)
  function iss(c) {
    var p = issParts(c), stage = issStage(p.iii, p.one), out = stage ? D.iss_outcomes[stage] : {};
    var details = {stage: stage, points: null};
    for (var k in out) details[k] = out[k];
    return MM.result("iss", "ISS 分期", stage, {checks: p.checks, missing: stage === null ? p.missing : [],
      source: "iss2005", details: details, shown: stageZh(stage),
      summary: stage ? "原始队列中位总生存期（OS）" + out.median_os_months + " 个月" : ""});
  }

  // _ldh
  function ldh(c) {
    var t = MM.T(LDH);
    if (c.ldh_u_l === null || c.ldh_uln_u_l === null) return {high: null, check: MM.check(t, null)};
    var ratio = c.ldh_u_l / c.ldh_uln_u_l;
    return {high: MM.test(t, ratio), check: MM.check(t, ratio, null,
      {note: MM.fmtNumber(c.ldh_u_l) + " / " + MM.fmtNumber(c.ldh_uln_u_l) + " U/L"})};
  }

  var POS = function (v) { return v === true ? "阳性" : v === false ? "阴性" : "未提供"; };
  var FISH = [["del17p", "del(17p)"], ["t4_14", "t(4;14)"], ["t14_16", "t(14;16)"]];

  // riss (Palumbo 2015)
  function riss(c) {
    var p = issParts(c), caHigh = MM.kOr(c.del17p, c.t4_14, c.t14_16), l = ldh(c);
    var one = MM.kAnd(p.one, MM.kNot(caHigh), MM.kNot(l.high)), three = MM.kAnd(p.iii, MM.kOr(caHigh, l.high));
    var stage = one === true ? "I" : three === true ? "III" : one === false && three === false ? "II" : null;
    var checks = p.checks.concat(FISH.map(function (f) {
      return MM.info("riss2015." + f[0], f[1], POS(c[f[0]]), null, {source: "riss2015"});
    }));
    checks.push(MM.info("riss2015.ca", "高危细胞遗传学（任一阳性）",
      caHigh === true ? "是" : caHigh === false ? "否" : "无法判断", null, {source: "riss2015"}), l.check);
    var missing = p.missing.slice();
    if (stage === null) {
      FISH.forEach(function (f) { if (c[f[0]] === null) missing.push(f[0]); });
      if (l.high === null) missing = missing.concat(LDH_MISSING);
    }
    var details = {stage: stage, points: null, high_risk_ca: caHigh, ldh_high: l.high};
    var out = stage ? D.riss_outcomes[stage] : {};
    for (var k in out) details[k] = out[k];
    return MM.result("riss", "R-ISS 分期", stage, {checks: checks, missing: stage === null ? missing : [],
      source: "riss2015", details: details, shown: stageZh(stage),
      summary: stage ? "原始队列 5 年总生存率（OS）" + out.five_year_os_percent + "%" : ""});
  }

  // r2iss_group
  function group(points) {
    return 1 + D.r2iss_groups.filter(function (k) { return MM.test(MM.T(k), points, "分"); }).length;
  }

  // r2iss (D'Agostino 2022)
  function r2iss(c) {
    var p = issParts(c), l = ldh(c), q1 = MM.cytogenetics.gain1qStatus(c), iii = p.iii, one = p.one;
    // r2iss_range: the ISS share, then each factor in Python's order
    var lo = iii === true ? P.iss_iii : one === true ? 0.0 : one === false ? P.iss_ii : 0.0;
    var hi = iii === true ? P.iss_iii : one === true ? 0.0 : iii === false ? P.iss_ii : P.iss_iii;
    var factors = [["del17p", c.del17p], ["ldh_high", l.high], ["t4_14", c.t4_14], ["gain_or_amp_1q", q1]];
    factors.forEach(function (f) {
      lo = lo + (f[1] === true ? P[f[0]] : 0.0);
      hi = hi + (f[1] === false ? 0.0 : P[f[0]]);
    });
    var gLo = group(lo), gHi = group(hi), stage = gLo === gHi ? STAGES[gLo - 1] : null;
    var points = lo === hi ? lo : null, issSt = issStage(iii, one);
    var issPts = issSt === "I" ? 0.0 : issSt === "II" ? P.iss_ii : issSt === "III" ? P.iss_iii : null;
    var labels = {del17p: "del(17p) 计分", ldh_high: "LDH 高于 ULN 计分", t4_14: "t(4;14) 计分",
      gain_or_amp_1q: MM.data.genetics.one_q_zh + "计分"};
    var checks = p.checks.concat([l.check, MM.info("r2iss2022.iss", issSt ? "ISS " + issSt + " 期计分" : "ISS 分期（未定）计分",
      issPts, "分", {source: "r2iss2022"})]);
    factors.forEach(function (f) {
      checks.push(MM.info("r2iss2022." + f[0], labels[f[0]], f[1] === null ? null : f[1] ? P[f[0]] : 0.0, "分",
        {source: "r2iss2022"}));
    });
    var range = MM.fmtNumber(lo) + "–" + MM.fmtNumber(hi);
    checks.push(MM.info("r2iss2022.t14_16", "t(14;16)", "R2-ISS 不计分", null, {source: "r2iss2022"}),
      MM.info("r2iss2022.total", "R2-ISS 总分", points !== null ? points : range + "（部分因素未知）",
        points !== null ? "分" : null, {source: "r2iss2022"}));
    if (points !== null) {
      D.r2iss_groups.forEach(function (k, i) {
        checks.push(MM.check(MM.T(k), points, "分", {label: "R2-ISS 总分（" + STAGES[i + 1] + " 组下限）"}));
      });
    }
    var missing = p.missing.slice();
    if (stage === null) {
      ["del17p", "t4_14"].forEach(function (n) { if (c[n] === null) missing.push(n); });
      if (l.high === null) missing = missing.concat(LDH_MISSING);
      if (q1 === null) missing.push("gain_1q");
    }
    var details = {stage: stage, points: points, points_min: lo, points_max: hi,
      factors: {iss: issSt, del17p: c.del17p, ldh_high: l.high, t4_14: c.t4_14, gain_or_amp_1q: q1},
      outcomes_note: D.r2iss_outcome_note};
    return MM.result("r2iss", "R2-ISS 分期", stage, {checks: checks, missing: stage === null ? missing : [],
      source: "r2iss2022", details: details, shown: stageZh(stage),
      summary: points !== null ? "总分 " + MM.fmtNumber(points) : "总分可能为 " + range + "（部分因素未知）"});
  }

  // the exported rules take a case (MM.readCase result) or a plain object of case fields
  function api(fn) { return function (c) { return fn(MM.readCase(c)); }; }
  MM.staging = {iss: api(iss), riss: api(riss), r2iss: api(r2iss), line: line, api: api};
})(globalThis.MM = globalThis.MM || {});
