// Anaemia mechanisms (teaching heuristic) — port of mmlib.mechanisms.anemia_mechanisms.
(function (MM) {
  "use strict";
  var D = MM.data.mechanisms;
  function measured(c, stem) { var m = c.measured(stem); return m ? [m.value, m.unit] : [null, null]; }
  function chk(key, v, opts) { return MM.check(MM.T(key), v[0], v[1], opts || {}); }
  function zh(names) { return names.map(function (n) { return D.zh[n]; }).join("、") || "无"; }

  // anemia_mechanisms
  function anemiaMechanisms(c) {
    var bmpc = chk("mechanisms.bmpc", [c.bmpc_percent, null], {note: "教学界值：借用 IMWG 2016 骨髓可作为可测病灶的水平"});
    var ferritin = chk("mechanisms.ferritin", measured(c, "ferritin"));
    var tsat = chk("mechanisms.tsat", [c.transferrin_saturation_percent, null]);
    var hb = chk("imwg2014.crab.hemoglobin", measured(c, "hemoglobin"));
    var epo = chk("mechanisms.epo", [c.epo_miu_ml, null]);
    var crea = chk("imwg2014.crab.creatinine", measured(c, "creatinine"), {note: "肾脏是 EPO 的主要来源；非必需条件"});
    var verdicts = {
      marrow_infiltration: bmpc.verdict,
      functional_iron_deficiency: MM.kAnd(ferritin.verdict, tsat.verdict),
      inappropriately_low_epo: MM.kAnd(hb.verdict, epo.verdict)
    };
    var inputs = {
      marrow_infiltration: [[bmpc, "bmpc_percent"]],
      functional_iron_deficiency: [[ferritin, MM.eitherField("ferritin")], [tsat, "transferrin_saturation_percent"]],
      inappropriately_low_epo: [[hb, MM.eitherField("hemoglobin")], [epo, "epo_miu_ml"]]
    };
    var checks = [], missing = [], explanations = {};
    D.order.forEach(function (name) {
      var v = verdicts[name], ins = inputs[name];
      checks.push(MM.staging.line("mechanisms." + name, "机制：" + D.zh[name], v, v, ins[ins.length - 1][0].source,
        D.teaching));
      ins.forEach(function (x) { checks.push(x[0]); if (v === null && x[0].verdict === null) missing.push(x[1]); });
      if (v) explanations[name] = D.why_zh[name];
    });
    checks.push(crea);
    if (verdicts.inappropriately_low_epo) {
      explanations.inappropriately_low_epo += crea.verdict === true ? "肌酐升高，肾功能受损是 EPO 分泌不足的最可能原因。"
        : crea.verdict === false ? "肌酐不高：EPO 不足也可由炎症细胞因子抑制 EPO 产生引起（Beguin 1992）。"
          : "未提供肌酐，无法判断是否由肾功能受损所致。";
    }
    var shown = D.order.filter(function (n) { return verdicts[n]; });
    var value = D.order.every(function (n) { return verdicts[n] === null; }) ? null : shown;
    return MM.result("anemia_mechanisms", "贫血机制（教学启发式）", value, {checks: checks, missing: missing,
      source: "beguin1992", summary: D.teaching + "。" + (value && !value.length ? "未见上述机制的证据。" : ""),
      details: {mechanisms: verdicts, renal_impairment: crea.verdict, anaemia: hb.verdict, explanations: explanations,
        teaching_heuristic: true}, shown: value === null ? null : zh(value)});
  }

  MM.mechanisms = {anemiaMechanisms: MM.staging.api(anemiaMechanisms)};
})(globalThis.MM = globalThis.MM || {});
