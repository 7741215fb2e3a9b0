// One entry point — port of mmlib.assess.assess(...).to_dict() (JSON contract version 1).
(function (MM) {
  "use strict";
  var A = MM.data.report;
  var OPTIONAL = {
    smm_risk_mayo2018: function () { return MM.risk.smmMayo2018; },
    smm_risk_imwg2020: function () { return MM.risk.smmImwg2020; },
    mgus_risk_mayo: function () { return MM.risk.mgusMayo; },
    cytogenetic_risk: function () { return MM.cytogenetics && MM.cytogenetics.cytogeneticRisk; },
    anemia_mechanisms: function () { return MM.mechanisms && MM.mechanisms.anemiaMechanisms; }
  };

  // a Check's identity as Python's frozen-dataclass equality sees it (True == 1 == 1.0, -0.0 == 0.0)
  function identity(c) {
    return JSON.stringify(["criterion", "label", "value", "unit", "threshold", "comparison", "verdict", "source",
      "note"].map(function (k) { var v = c[k]; return typeof v === "boolean" ? +v : v; }));
  }

  // assess(...): every rule the fields allow → {results (in Python's order), skipped}
  function run(obj) {
    var c = MM.readCase(obj), L = MM.labs, Dx = MM.diagnosis, results = {}, skipped = {};
    var kf = c.crcl_ml_min;
    results.crcl = kf === null ? L.cockcroftGault(c) : MM.result("crcl_measured", "肌酐清除率（实测）", kf, {
      checks: [MM.info("labs.crcl_measured", "实测肌酐清除率", kf, "mL/min", {source: "imwg2014"})],
      source: "imwg2014", shown: MM.fmtQuantity(kf, "mL/min")});
    results.egfr = L.ckdEpi2021(c);
    results.corrected_calcium = L.correctedCalcium(c);
    results.flc_ratio = L.flcRatio(c);
    results.crab = Dx.crab(c);
    results.slim = Dx.slim(c);
    var dx = results.diagnosis = Dx.classify(c);
    results.iss = MM.staging.iss(c);
    results.riss = MM.staging.riss(c);
    results.r2iss = MM.staging.r2iss(c);
    var target = dx.value !== "indeterminate" ? dx.value : dx.details.provisional;
    A.optional.forEach(function (key) {
      var fn = OPTIONAL[key](), gate = A.gates[key];
      if (!fn) { skipped[key] = "模块尚未提供"; return; }
      if (gate && gate.indexOf(target) < 0) {
        skipped[key] = "仅适用于" + gate.map(function (g) { return A.diagnosis_zh[g]; }).join("、");
        return;
      }
      results[key] = fn(c);
    });
    var cyto = results.cytogenetic_risk;
    if (cyto && cyto.value !== null && dx.value !== "multiple_myeloma" && "summary" in cyto) {
      cyto.summary = MM.zhJoin(cyto.summary, "；", A.mm_only_caveat);
    }
    return {case: c, results: results, skipped: skipped};
  }

  function get(d, k) { var v = d[k]; return v === undefined ? null : v; }

  // Assessment.to_dict
  function toDict(a) {
    var r = a.results, dx = r.diagnosis, cc = r.corrected_calcium, seen = {}, trace = [];
    function stage(k) { return r[k].value === null ? null : {stage: r[k].value, points: get(r[k].details, "points")}; }
    function score(k) {
      return !r[k] || r[k].value === null ? null : {score: get(r[k].details, "score"), group: r[k].value};
    }
    Object.keys(r).forEach(function (key) {
      r[key].trace.forEach(function (c) {
        var id = identity(c);
        if (seen[id]) return;
        seen[id] = true;
        var row = {section: key};
        for (var k in c) row[k] = c[k];
        trace.push(row);
      });
    });
    var cy = r.cytogenetic_risk, an = r.anemia_mechanisms;
    return {
      contract_version: A.contract_version,
      diagnosis: dx.value,
      diagnosis_detail: {reason: dx.details.reason, reason_zh: dx.details.reason_zh,
        provisional: dx.details.provisional, subtype: dx.details.subtype, missing: dx.missing.slice(), notes: dx.details.notes.slice()},
      crab: Object.assign({}, r.crab.details),
      slim: Object.assign({}, r.slim.details),
      flc_ratio_involved_uninvolved: get(r.flc_ratio.details, "involved_uninvolved"),
      flc_ratio_kappa_lambda: r.flc_ratio.value,
      involved_light_chain: get(r.flc_ratio.details, "involved"),
      crcl_ml_min: r.crcl.value,
      egfr_ml_min_1_73m2: r.egfr.value,
      corrected_calcium_mg_dl: cc.value === null ? null : cc.details.mg_dl,
      iss: stage("iss"), riss: stage("riss"), r2iss: stage("r2iss"),
      smm_risk_mayo2018: score("smm_risk_mayo2018"),
      smm_risk_imwg2020: score("smm_risk_imwg2020"),
      mgus_risk_mayo: score("mgus_risk_mayo"),
      cytogenetic_risk: !cy || (cy.value === null && get(cy.details, "classic") === null) ? null
        : {ims2025: cy.value, classic: get(cy.details, "classic")},
      anemia_mechanisms: !an || an.value === null ? null : {value: an.value, details: an.details},
      trace: trace
    };
  }

  MM.assessRun = run;
  MM.assessToDict = toDict;
  MM.assess = function (obj) { return toDict(run(obj)); };
})(globalThis.MM = globalThis.MM || {});
