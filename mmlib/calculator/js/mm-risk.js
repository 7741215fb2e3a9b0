// Progression risk: SMM Mayo 2018, SMM IMWG 2020, MGUS Mayo 2005 — port of mmlib/risk.py.
(function (MM) {
  "use strict";
  var R = MM.data.risk, GZ = R.group_zh;
  var M_FIELD = function () { return MM.eitherField("m_protein"); };
  var FLC_FIELDS = function () { return [MM.eitherField("flc_kappa"), MM.eitherField("flc_lambda")]; };

  // _binary: scores `points` when any check is met (Kleene or)
  function binary(name, checks, missing, points) {
    points = points === undefined ? 1 : points;
    var hit = MM.kOr.apply(null, checks.map(function (c) { return c.verdict; }));
    return hit === null ? {name: name, points: null, max: points, checks: checks, missing: missing}
      : {name: name, points: hit ? points : 0, max: points, checks: checks, missing: []};
  }

  // _banded: points of the highest band exceeded; trace shows the two edges around the value
  function banded(name, value, unit, bands, missing) {
    var top = Math.max.apply(null, bands.map(function (b) { return b[1]; }));
    if (value === null) return {name: name, points: null, max: top, checks: [MM.check(MM.T(bands[0][0]), null)],
      missing: missing};
    var passed = [];
    bands.forEach(function (b, i) { if (MM.test(MM.T(b[0]), value, unit)) passed.push(i); });
    var points = passed.length ? bands[passed[passed.length - 1]][1] : 0;
    var shown = (passed.length ? [passed[passed.length - 1]] : [])
      .concat(passed.length < bands.length ? [passed.length] : []);
    return {name: name, points: points, max: top, missing: [], checks: shown.map(function (i) {
      return MM.check(MM.T(bands[i][0]), value, unit, {note: "本项得 " + points + " 分"});
    })};
  }

  function groupOf(score, groups) {
    var g = null;
    groups.forEach(function (x) { if (x[1] === null || MM.test(MM.T(x[1]), score)) g = x[0]; });
    return g;
  }
  function groupChecks(score, groups, which) {
    return groups.filter(function (x) { return x[1] !== null; }).map(function (x) {
      var t = MM.T(x[1]);
      return MM.check(t, score, null, which ? {label: t.zh + "（" + which + "）"} : {});
    });
  }
  function uniq(a) { return a.filter(function (x, i) { return a.indexOf(x) === i; }); }

  // _grouped: sum the factors, place the score in a group, attach the group's outcomes
  function grouped(name, label, source, factors, model, extra) {
    var groups = model.groups, low = 0, high = 0, checks = [], missing = [];
    factors.forEach(function (f) {
      low += f.points || 0;
      high += f.points === null ? f.max : f.points;
      missing = missing.concat(f.missing);
      checks = checks.concat(f.checks);
    });
    missing = uniq(missing);
    var gLow = groupOf(low, groups), gHigh = groupOf(high, groups), group = gLow === gHigh ? gLow : null, summary;
    var range = MM.fmtNumber(low) + "–" + MM.fmtNumber(high);
    if (!missing.length) {
      checks = checks.concat(groupChecks(low, groups));
      summary = "总分 " + MM.fmtNumber(low);
    } else {
      checks.push(MM.info(name + ".score_range", "可能的总分范围（缺失项取最低/最高分）", range, null, {source: source}));
      checks = checks.concat(groupChecks(low, groups, "最低可能值"), groupChecks(high, groups, "最高可能值"));
      summary = group ? "部分数据缺失，但总分 " + range + " 均属" + GZ[group]
        : "数据缺失，总分可能为 " + range + "，跨越不同分组，无法判断";
    }
    var details = {score: missing.length ? null : low, score_range: [low, high], group: group, factors: {}};
    factors.forEach(function (f) { details.factors[f.name] = f.points; });
    for (var k in extra || {}) details[k] = extra[k];
    for (k in model.outcomes) details[k] = group === null ? null : model.outcomes[k][group];
    return MM.result(name, label, group, {checks: checks, missing: missing, source: source, summary: summary,
      details: details, shown: group === null ? null : GZ[group]});
  }

  function mProtein(c) { var m = c.measured("m_protein"); return m ? [m.value, m.unit] : [null, null]; }
  function flc(c, key) { var v = MM.labs.flcRatio(c).details[key]; return v === undefined ? null : v; }

  // smm_mayo2018 (Lakshman 2018 "20/2/20")
  function smmMayo2018(c) {
    var m = mProtein(c);
    return grouped("smm_mayo2018", "SMM 危险分层（Mayo 2018 “20/2/20”）", "mayo2018smm", [
      binary("bmpc", [MM.check(MM.T("mayo2018.bmpc"), c.bmpc_percent)], ["bmpc_percent"]),
      binary("m_protein", [MM.check(MM.T("mayo2018.m_protein"), m[0], m[1])], [M_FIELD()]),
      binary("flc_ratio", [MM.check(MM.T("mayo2018.flc_ratio"), flc(c, "involved_uninvolved"))], FLC_FIELDS())
    ], R.mayo2018);
  }

  // _fish_factor
  function fishFactor(c) {
    var I = R.imwg2020, oneQ = MM.cytogenetics.gain1qStatus(c), C = MM.data.genetics, missing = [];
    var checks = I.fish.map(function (f) {
      var v = f === "1q" ? oneQ : c[f];
      if (v === null) missing.push(f === "1q" ? "gain_1q" : f);
      return MM.staging.line("imwg2020.fish." + f, f === "1q" ? C.one_q_zh : C.event_names[f], v, v, "imwg2020smm",
        v ? "本项得 " + I.fish_points + " 分" : "");
    });
    return binary("fish_abnormality", checks, missing, I.fish_points);
  }

  // smm_imwg2020 (Mateos 2020)
  function smmImwg2020(c) {
    var m = mProtein(c), I = R.imwg2020;
    return grouped("smm_imwg2020", "SMM 危险评分（IMWG 2020）", "imwg2020smm", [
      banded("flc_ratio", flc(c, "involved_uninvolved"), null, I.flc_bands, FLC_FIELDS()),
      banded("m_protein", m[0], m[1], I.m_protein_bands, [M_FIELD()]),
      banded("bmpc", c.bmpc_percent, null, I.bmpc_bands, ["bmpc_percent"]),
      fishFactor(c)
    ], I);
  }

  // mgus_mayo (Rajkumar 2005)
  function mgusMayo(c) {
    var label = "MGUS 进展风险（Mayo 2005）", src = "mayo2005mgus";
    if (c.isotype === "light_chain") return MM.result("mgus_mayo", label, null, {source: src,
      details: {applicable: false}, summary: "该模型建立于有重链 M 蛋白的 MGUS，不适用于轻链型 MGUS"});
    var m = mProtein(c), ratio = flc(c, "kappa_lambda"), iso = c.isotype === null ? null : c.isotype !== "IgG";
    return grouped("mgus_mayo", label, src, [
      binary("abnormal_flc_ratio", [MM.check(MM.T("flc.ratio_low"), ratio, null, {label: "κ/λ 比值"}),
        MM.check(MM.T("flc.ratio_high"), ratio, null, {label: "κ/λ 比值"})], FLC_FIELDS()),
      binary("m_protein", [MM.check(MM.T("mayo2005.m_protein"), m[0], m[1])], [M_FIELD()]),
      binary("non_igg", [MM.staging.line("mayo2005.isotype", "M 蛋白类型为非 IgG", c.isotype, iso, src)], ["isotype"])
    ], R.mgus, {applicable: true});
  }

  var api = MM.staging.api;
  MM.risk = {smmMayo2018: api(smmMayo2018), smmImwg2020: api(smmImwg2020), mgusMayo: api(mgusMayo)};
})(globalThis.MM = globalThis.MM || {});
