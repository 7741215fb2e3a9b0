/* mm-diagnosis.js — mmlib/labs.py (CrCl, eGFR, corrected calcium, FLC ratios) and mmlib/diagnosis.py
   (CRAB, SLiM, the IMWG 2014 classification).  Same trace labels, notes and arithmetic order as mmlib;
   the numbers and Chinese tables come from MM.data (thresholds, MM.data.labs_diagnosis). */
(function (MM) {
  "use strict";
  const X = () => MM.data.labs_diagnosis, L = () => X().labs;
  const fmt = x => MM.fmtNumber(x), T = k => MM.T(k), ef = s => MM.eitherField(s);
  const py = x => Number.isInteger(x) ? x.toFixed(1) : String(x);  // Python f"{float}"
  const verdicts = cs => cs.map(c => c.verdict);
  const uniq = a => a.filter((x, i) => a.indexOf(x) === i);

  /* ---- pow, correctly rounded (double-double exp/log).  Math.pow and numpy's power are within 1 ulp but
     differ from each other in the last bit for a few % of CKD-EPI inputs; this one is exact to the bit. ---- */
  const SPLIT = 134217729, LN2 = [0.6931471805599453, 2.3190468138462996e-17];
  function two(a, b) { const s = a + b, v = s - a; return [s, (a - (s - v)) + (b - v)]; }
  function fast(a, b) { const s = a + b; return [s, b - (s - a)]; }
  function prod(a, b) {
    const p = a * b, t = SPLIT * a, ah = t - (t - a), al = a - ah, u = SPLIT * b, bh = u - (u - b), bl = b - bh;
    return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
  }
  function add(x, y) { const s = two(x[0], y[0]); return fast(s[0], s[1] + x[1] + y[1]); }
  function mul(x, y) { const p = prod(x[0], y[0]); return fast(p[0], p[1] + x[0] * y[1] + x[1] * y[0]); }
  function mulD(x, d) { const p = prod(x[0], d); return fast(p[0], p[1] + x[1] * d); }
  function divD(x, d) { const q = x[0] / d, p = prod(q, d), s = two(x[0], -p[0]); return fast(q, (s[0] + (s[1] - p[1] + x[1])) / d); }
  function expDD(x) {  // e^x for a double-double x: x = k ln2 + r, e^(r/1024) by Taylor, squared 10 times
    const k = Math.round(x[0] / LN2[0]), r0 = add(x, mulD(LN2, -k)), r = [r0[0] / 1024, r0[1] / 1024];
    let term = r, p = r;  // p = e^s − 1
    for (let n = 2; n <= 10; n++) { term = divD(mul(term, r), n); p = add(p, term); }
    for (let i = 0; i < 10; i++) p = add(mulD(p, 2), mul(p, p));  // (1 + p)² − 1
    const y = add([1, 0], p), s = Math.pow(2, k);
    return [y[0] * s, y[1] * s];
  }
  function logDD(b) {  // ln b: Newton step y + b·e^(−y) − 1 from y = Math.log(b)
    const y = Math.log(b), e = expDD([-y, 0]);
    return add([y, 0], add(mulD(e, b), [-1, 0]));
  }
  function pow(b, e) {
    if (b === 1 || e === 0) return 1;
    const r = expDD(mulD(logDD(b), e));
    return r[0] + r[1];
  }

  /* ---- mmlib/labs.py ---- */
  const NC = () => L().not_computed;
  function missingOf(c, plain, stems) {  // labs._missing
    return plain.filter(f => c[f] === null).concat(stems.filter(s => c.measured(s) === null).map(ef));
  }
  function rangeText(lo, hi) { return fmt(T(lo).value) + "–" + fmt(T(hi).value); }
  function creatinine(c, source) {  // labs._creatinine_mg_dl
    const m = c.measured("creatinine"), scr = MM.convert("creatinine", m.value, m.unit, "mg/dL");
    const note = m.unit === "mg/dL" ? "" : `由 ${fmt(m.value)} ${m.unit} ÷ ${py(L().creatinine_factor)} 换算`;
    return [scr, MM.info("labs.creatinine", "血清肌酐", scr, "mg/dL", { source, note })];
  }
  function cgFormula(age, weight, female, scr) {  // labs.cockcroft_gault_formula
    return (140.0 - age) * weight * (female ? L().cg_female : 1.0) / (L().cg_constant * scr);
  }
  function ckdFormula(age, female, scr) {  // labs.ckd_epi_2021_formula
    const l = L(), [kappa, alpha] = l.ckd_epi[female ? "female" : "male"], s = scr / kappa;
    return MM.asRead(l.ckd_k * pow(Math.min(s, 1.0), alpha) * pow(Math.max(s, 1.0), l.ckd_high_exp) *
      pow(l.ckd_age_base, age) * (female ? l.ckd_female : 1.0));
  }
  function cockcroftGault(c) {  // labs.cockcroft_gault
    const label = "肌酐清除率（Cockcroft–Gault）", source = "cockcroft1976", name = "crcl_cockcroft_gault";
    const missing = missingOf(c, ["age_years", "sex", "weight_kg"], ["creatinine"]);
    if (missing.length) return MM.result(name, label, null, { missing, source, shown: NC() });
    const [scr, line] = creatinine(c, source), female = c.sex === "female";
    const value = cgFormula(c.age_years, c.weight_kg, female, scr);
    const note = `(140 − ${fmt(c.age_years)}) × ${fmt(c.weight_kg)} kg` + (female ? ` × ${py(L().cg_female)}` : "") +
      ` / (${fmt(L().cg_constant)} × ${fmt(scr)} mg/dL)；实际体重`;
    const checks = [line, MM.info("labs.crcl_cockcroft_gault", label, value, "mL/min", { source, note })];
    return MM.result(name, label, value, { checks, source, details: { unit: "mL/min" },
      shown: MM.fmtQuantity(value, "mL/min", 1) });
  }
  const GFR = "mL/min/1.73 m²";
  function ckdEpi2021(c) {  // labs.ckd_epi_2021
    const label = "eGFR（CKD-EPI 2021）", source = "ckdepi2021", name = "egfr_ckd_epi_2021", l = L();
    const missing = missingOf(c, ["age_years", "sex"], ["creatinine"]);
    if (missing.length) return MM.result(name, label, null, { missing, source, shown: NC() });
    const [scr, line] = creatinine(c, source), [kappa, alpha] = l.ckd_epi[c.sex], female = c.sex === "female";
    const value = ckdFormula(c.age_years, female, scr);
    const note = `${fmt(l.ckd_k)} × min(S/${py(kappa)}, 1)^${py(alpha)} × max(S/${py(kappa)}, 1)^${py(l.ckd_high_exp)}` +
      ` × ${py(l.ckd_age_base)}^${fmt(c.age_years)}` + (female ? ` × ${py(l.ckd_female)}` : "") + `，S = ${fmt(scr)} mg/dL`;
    const checks = [line, MM.info("labs.egfr_ckd_epi_2021", label, value, GFR, { source, note })];
    return MM.result(name, label, value, { checks, source, details: { unit: GFR }, shown: MM.fmtQuantity(value, GFR, 1) });
  }
  function correctedCalcium(c) {  // labs.corrected_calcium
    const label = "白蛋白校正钙", source = "payne1973", name = "corrected_calcium", l = L();
    const missing = missingOf(c, [], ["calcium", "albumin"]);
    if (missing.length) return MM.result(name, label, null, { missing, source, shown: NC() });
    const ca = c.measured("calcium"), alb = c.measured("albumin"), si = ca.unit === "mmol/L";
    const albUnit = si ? "g/L" : "g/dL", albV = MM.convert("albumin", alb.value, alb.unit, albUnit);
    const [factor, ref] = si ? [l.ca_per_g_l, l.ref_albumin_g_l] : [l.ca_per_g_dl, l.ref_albumin_g_dl];
    const value = ca.value + factor * (ref - albV);
    const note = `${fmt(ca.value)} + ${py(factor)} × (${fmt(ref)} − ${fmt(albV)} ${albUnit})` +
      `；Payne 1973 原文系数为 ${l.payne_factor.toFixed(1)}（mg/dL 每 g/dL）`;
    const both = { mg_dl: MM.convert("calcium", value, ca.unit, "mg/dL"), mmol_l: MM.convert("calcium", value, ca.unit, "mmol/L") };
    const [other, key] = si ? ["mg/dL", "mg_dl"] : ["mmol/L", "mmol_l"];
    return MM.result(name, label, value, { checks: [MM.info("labs.corrected_calcium", label, value, ca.unit, { source, note })],
      source, summary: "即 " + MM.fmtQuantity(both[key], other, 2), details: Object.assign({ unit: ca.unit }, both),
      shown: MM.fmtQuantity(value, ca.unit, 2) });
  }
  function kidneyFunction(c) {  // labs.kidney_function → [value, unit, trace line]
    if (c.crcl_ml_min !== null)
      return [c.crcl_ml_min, "mL/min", MM.info("labs.crcl_measured", "实测肌酐清除率", c.crcl_ml_min, "mL/min", { source: "imwg2014" })];
    const r = ckdEpi2021(c);
    if (r.value !== null) return [r.value, GFR, r.trace[r.trace.length - 1]];
    const e = c.egfr_ml_min_1_73m2;
    if (e !== null) return [e, GFR, MM.info("labs.egfr_reported", "检验报告的 eGFR", e, GFR, { source: "imwg2016renal" })];
    return [null, null, null];
  }
  function flcRatio(c) {  // labs.flc_ratio
    const label = "血清游离轻链比值", source = "katzmann2002", lbl = { label: "κ/λ 比值" };
    const kappa = c.flcMgL("kappa"), lam = c.flcMgL("lambda");
    if (kappa === null || lam === null) {
      const missing = [["kappa", kappa], ["lambda", lam]].filter(p => p[1] === null).map(p => ef("flc_" + p[0]));
      return MM.result("flc_ratio", label, null, { missing, source, shown: NC() });
    }
    const ratio = MM.asRead(kappa / lam), involved = c.light_chain || (kappa >= lam ? "kappa" : "lambda");
    const [inv, uninv] = involved === "kappa" ? [kappa, lam] : [lam, kappa];
    const how = c.light_chain ? "按 M 蛋白轻链类型" : "取数值较大者";
    const [lo, hi, rlo, rhi, gfrT] = ["flc.ratio_low", "flc.ratio_high", "flc.ratio_renal_low", "flc.ratio_renal_high",
      "flc.renal_range_gfr"];
    const checks = [MM.info("labs.flc_kappa", "游离 κ", kappa, "mg/L", { source }),
      MM.info("labs.flc_lambda", "游离 λ", lam, "mg/L", { source }),
      MM.check(lo, ratio, null, lbl), MM.check(hi, ratio, null, lbl)];
    const abnormalStandard = MM.test(lo, ratio) || MM.test(hi, ratio);
    const abnormalRenal = MM.test(rlo, ratio) || MM.test(rhi, ratio);
    const [gfr, gfrUnit, gfrLine] = kidneyFunction(c);
    let renal = null;
    if (gfr === null) {
      checks.push(MM.check(gfrT, null, null, { note: "肾功能未知，采用标准范围 " + rangeText(lo, hi) }));
    } else {
      renal = MM.test(gfrT, gfr, gfrUnit);
      checks.push(gfrLine, MM.check(gfrT, gfr, gfrUnit), MM.check(rlo, ratio, null, lbl), MM.check(rhi, ratio, null, lbl));
    }
    const iu = MM.asRead(inv / uninv), dflc = MM.asRead(inv - uninv);
    checks.push(MM.info("labs.flc_involved_uninvolved", "受累/非受累轻链比值", iu, "",
      { source: "imwg2014", note: `受累链为 ${involved === "kappa" ? "κ" : "λ"}，${how}` }),
    MM.info("labs.dflc", "dFLC（受累 − 非受累）", dflc, "mg/L", { source: "imwg2016response" }));
    const abnormal = renal ? abnormalRenal : abnormalStandard;
    const details = { kappa_lambda: ratio, involved, involved_mg_l: inv, uninvolved_mg_l: uninv, involved_uninvolved: iu,
      dflc_mg_l: dflc, abnormal_standard: abnormalStandard, abnormal_renal: abnormalRenal, renal_range: renal, abnormal };
    const summary = (abnormal ? "异常" : "正常") +
      (renal ? `（按肾功能不全参考范围 ${rangeText(rlo, rhi)}）` : `（参考范围 ${rangeText(lo, hi)}）`);
    return MM.result("flc_ratio", label, ratio, { checks, source, summary, details,
      shown: "κ/λ = " + MM.fmtQuantity(ratio, "", 4) });
  }

  /* ---- mmlib/diagnosis.py: CRAB and SLiM ---- */
  const I = "imwg2014.", ZHV = v => v === true ? "阳性" : v === false ? "阴性" : "无法评估";
  function part(name, label, value, checks, missing, summary) {  // diagnosis._part
    return MM.result(name, label, value, { checks, missing: value === null ? (missing || []) : [], source: "imwg2014",
      summary: summary || "" });
  }
  function crabItem(c, item, label, measured, checks, missing) {  // diagnosis._crab_item
    const stated = c.asserted(item), field = c.crab_absent ? "crab_absent" : MM.data.asserted_crab[item];
    if (stated !== null && measured !== null && stated !== measured) {
      const [zh, en] = measured ? ["阳性", "present"] : ["阴性", "absent"];
      throw MM.InputError(field, c[field], `与检验结果一致（检验结果判定 ${item} 项为${zh}）`,
        { enExpected: `consistent with the laboratory values (they decide item ${item} as ${en})` });
    }
    if (measured === null && stated !== null) {
      return part("crab." + item, label, stated, checks.concat([MM.info(`${I}crab.asserted_${item}`, label + "：病例陈述（未测量）",
        stated ? "阳性" : "阴性", null, { source: "imwg2014", note: "字段 " + field })]));
    }
    return part("crab." + item, label, measured, checks, missing);
  }
  const mv = m => m ? m.value : null, mu = m => m ? m.unit : null;
  function limitCheck(key, m, lim, analyte, sign, note) {  // the "ULN/LLN" arm of C and A
    const lv = MM.convert(analyte, lim.value, lim.unit, m.unit);
    return MM.check(key, MM.asRead(sign > 0 ? m.value - lv : lv - m.value), m.unit, { note: note(fmt(m.value), MM.fmtQuantity(lv, "", 4)) });
  }
  function crabC(c) {  // diagnosis._crab_c
    const ca = c.measured("calcium"), uln = c.measured("calcium_uln"), key = I + "crab.calcium_above_uln";
    const checks = [MM.check(I + "crab.calcium", mv(ca), mu(ca)), ca && uln
      ? limitCheck(key, ca, uln, "calcium", 1, (v, u) => `${v} − ULN ${u} ${ca.unit}`) : MM.check(key, null, mu(ca))];
    const value = MM.kOr(...verdicts(checks)), cc = correctedCalcium(c);
    if (cc.value !== null) checks.push(MM.info(I + "crab.corrected_calcium", "白蛋白校正钙（仅供参考，判断用实测血清总钙）", cc.value,
      cc.details.unit, { source: "payne1973", note: cc.trace[0].note }));
    const missing = [[ef("calcium"), ca], [ef("calcium_uln"), uln]].filter(p => p[1] === null).map(p => p[0]);
    return crabItem(c, "C", "C（高钙血症）", value, checks, missing);
  }
  function crabR(c) {  // diagnosis._crab_r
    const measured = c.crcl_ml_min !== null, crcl = measured ? c.crcl_ml_min : cockcroftGault(c).value;
    const how = measured ? "实测" : "Cockcroft–Gault 估算，实际体重", cr = c.measured("creatinine");
    const checks = [MM.check(I + "crab.crcl", crcl, "mL/min", { label: `肌酐清除率（${how}）` }),
      MM.check(I + "crab.creatinine", mv(cr), mu(cr))];
    const value = MM.kOr(...verdicts(checks)), egfr = ckdEpi2021(c);
    if (egfr.value !== null) checks.push(MM.info("imwg2016renal.egfr", "eGFR（CKD-EPI 2021，仅供参考；R 按肌酐清除率判断）",
      egfr.value, GFR, { source: "imwg2016renal" }));
    let missing = [];
    if (crcl === null) missing = ["crcl_ml_min"].concat(cockcroftGault(c).missing);
    if (cr === null && missing.indexOf(ef("creatinine")) < 0) missing.push(ef("creatinine"));
    return crabItem(c, "R", "R（肾功能不全）", value, checks, missing);
  }
  function crabA(c) {  // diagnosis._crab_a
    const hb = c.measured("hemoglobin"), lln = c.measured("hemoglobin_lln"), key = I + "crab.hemoglobin_below_lln";
    const checks = [MM.check(I + "crab.hemoglobin", mv(hb), mu(hb)), hb && lln
      ? limitCheck(key, hb, lln, "hemoglobin", -1, (v, l) => `LLN ${l} − ${v} ${hb.unit}`) : MM.check(key, null, mu(hb))];
    const missing = [[ef("hemoglobin"), hb], [ef("hemoglobin_lln"), lln]].filter(p => p[1] === null).map(p => p[0]);
    return crabItem(c, "A", "A（贫血）", MM.kOr(...verdicts(checks)), checks, missing);
  }
  function crabB(c) {  // diagnosis._crab_b with _bone_threshold
    const one = I + "crab.bone", two = I + "crab.bone_with_plasmacytoma";
    const ts = c.biopsy_proven_plasmacytoma !== true ? [one] : c.bmpc_percent === null ? [one, two]
      : MM.test(I + "bmpc", c.bmpc_percent) ? [one] : [two];
    const checks = ts.map(t => MM.check(t, c.lytic_lesions)), vs = uniq(verdicts(checks));
    return crabItem(c, "B", "B（骨病变）", vs.length === 1 ? vs[0] : null, checks,
      [c.lytic_lesions === null ? "lytic_lesions" : "bmpc_percent"]);
  }
  function crabParts(c) { return { C: crabC(c), R: crabR(c), A: crabA(c), B: crabB(c) }; }
  function slimS(c) {
    const k = MM.check(I + "slim.bmpc", c.bmpc_percent);
    return part("slim.S", "S（骨髓克隆性浆细胞）", k.verdict, [k], ["bmpc_percent"]);
  }
  function slimLi(c) {  // diagnosis._slim_li
    const r = flcRatio(c), ratioT = I + "slim.flc_ratio", invT = I + "slim.flc_involved", label = "Li（游离轻链）";
    if (r.value === null) return part("slim.Li", label, null, [MM.check(ratioT, null), MM.check(invT, null)], r.missing);
    const d = r.details, chain = d.involved === "kappa" ? "κ" : "λ";
    const checks = [MM.check(ratioT, d.involved_uninvolved, null, { note: "受累链 " + chain }),
      MM.check(invT, d.involved_mg_l, "mg/L", { label: `受累游离轻链（${chain}）` })];
    return part("slim.Li", label, MM.kAnd(...verdicts(checks)), checks);
  }
  function slimM(c) {  // diagnosis._slim_m with _mri_count
    const sizes = c.mri_lesion_sizes_mm, sizeT = I + "slim.mri_size";
    let count = c.mri_focal_lesions, lines = [];
    if (sizes !== null) {
      count = sizes.filter(s => MM.test(sizeT, s, "mm")).length;
      lines = [MM.info(I + "slim.mri_sizes", "MRI 局灶性病变直径", sizes.map(fmt).join("、") || "无", null,
        { source: "imwg2014", note: `其中 ${MM.describe(sizeT)} 的有 ${count} 个` })];
    }
    const k = MM.check(I + "slim.mri", count);
    return part("slim.M", "M（MRI 局灶性病变）", k.verdict, lines.concat([k]), ["mri_lesion_sizes_mm/mri_focal_lesions"]);
  }
  function slimParts(c) { return { S: slimS(c), Li: slimLi(c), M: slimM(c) }; }
  const vals = parts => Object.keys(parts).map(k => parts[k].value);
  function combine(name, label, parts) {  // diagnosis._combine
    const ks = Object.keys(parts), details = {};
    ks.forEach(k => { details[k] = parts[k].value; });
    return MM.result(name, label, MM.kOr(...vals(parts)), {
      checks: [].concat(...ks.map(k => parts[k].trace)), missing: uniq([].concat(...ks.map(k => parts[k].missing))),
      source: "imwg2014", summary: ks.map(k => k + " " + ZHV(parts[k].value)).join("，"), details });
  }
  const crab = c => combine("crab", "CRAB（终末器官损害）", crabParts(c));
  const slim = c => combine("slim", "SLiM（恶性生物标志）", slimParts(c));

  /* ---- the decision table (diagnosis.decide, on true/false/null flags) ---- */
  function decide(f) {
    const t = x => x === true, n = x => x === false, u = x => x === null;
    const bm = f.bmpc10, plasma = f.plasmacytoma, igm = f.is_igm, lc = f.is_lc;
    const baseTrue = t(bm) || plasma, baseFalse = n(bm) && !plasma, smmArm = t(f.smm_marker) || t(bm);
    const lcCore = t(f.lc_flc) && n(bm) && t(f.urine_lt500), mgusCore = t(f.mgus_m) && n(bm), none = n(f.mp);
    const MMy = "multiple_myeloma", SMM = "smoldering_multiple_myeloma", SP = "solitary_plasmacytoma",
      SPM = "solitary_plasmacytoma_minimal_marrow", NMG = "no_monoclonal_gammopathy", IND = "indeterminate",
      MISS = "missing_data";
    const rules = [
      [t(f.mde) && baseTrue, MMy, "", null], [igm && (t(f.smm_marker) || t(bm)), IND, "igm_outside_model", null],
      [t(f.mde) && baseFalse, IND, "mde_without_clonal_basis", null], [t(f.mde), IND, MISS, null],
      [smmArm && n(f.mde), SMM, "", null], [smmArm, IND, MISS, SMM], [plasma && u(bm), IND, MISS, null],
      [plasma && n(f.crab) && t(f.bmpc_zero), SP, "", null], [plasma && n(f.crab), SPM, "", null],
      [plasma && t(f.bmpc_zero), IND, MISS, SP], [plasma, IND, MISS, SPM],
      [none && n(bm), NMG, "", null], [none, IND, MISS, NMG],
      [lc && n(f.lc_flc), IND, "light_chain_criteria_not_met", null], [lc && lcCore && n(f.crab), "light_chain_mgus", "", null],
      [lc && lcCore, IND, MISS, "light_chain_mgus"], [lc, IND, MISS, null],
      [mgusCore && t(f.m_pos) && n(f.crab), "mgus", "", null], [mgusCore && t(f.m_pos), IND, MISS, "mgus"],
      [mgusCore && n(f.m_pos) && t(f.mp), IND, "isotype_needed", null]];
    for (const r of rules) if (r[0]) return r.slice(1);
    return [IND, MISS, null];
  }

  /* ---- classify ---- */
  function spectrumChecks(c) {  // diagnosis._spectrum_checks
    const m = c.measured("m_protein"), bm = c.bmpc_percent, urine = c.urine_m_protein_mg_24h;
    const sc = { m3: MM.check(I + "smm.m_protein", mv(m), mu(m)), urine: MM.check(I + "smm.urine", urine),
      bmpc10: MM.check(I + "bmpc", bm), m_detected: MM.check(I + "m_protein_detected", mv(m), mu(m)),
      urine_detected: MM.check(I + "urine_detected", urine) };
    if (c.biopsy_proven_plasmacytoma === true) sc.bmpc_zero = MM.check(I + "sp.bmpc", bm);
    if (c.isotype === "light_chain") {
      const ratio = flcRatio(c).value, lbl = { label: "κ/λ 比值" };
      sc.ratio_low = MM.check("flc.ratio_low", ratio, null, lbl);
      sc.ratio_high = MM.check("flc.ratio_high", ratio, null, lbl);
      sc.kappa_uln = MM.check("flc.kappa_uln", c.flcMgL("kappa"), "mg/L");
      sc.lambda_uln = MM.check("flc.lambda_uln", c.flcMgL("lambda"), "mg/L");
    }
    return sc;
  }
  function flags(c, cp, sp, sc, ratioAbnormal) {  // diagnosis._flags
    const v = k => k in sc ? sc[k].verdict : null, crabValue = MM.kOr(...vals(cp)), lc = c.isotype === "light_chain";
    const mPos = c.isotype !== null && !lc ? true : v("m_detected");  // _serum_monoclonal
    return { mde: MM.kOr(crabValue, ...vals(sp)), crab: crabValue, bmpc10: v("bmpc10"), bmpc_zero: v("bmpc_zero"),
      plasmacytoma: c.biopsy_proven_plasmacytoma === true, smm_marker: MM.kOr(v("m3"), v("urine")), mgus_m: MM.kNot(v("m3")),
      lc_flc: MM.kOr(MM.kAnd(v("ratio_high"), v("kappa_uln")), MM.kAnd(v("ratio_low"), v("lambda_uln"))),
      urine_lt500: MM.kNot(v("urine")), is_igm: c.isotype === "IgM", is_lc: lc, m_pos: mPos,
      mp: MM.kOr(mPos, lc, v("urine_detected"), ratioAbnormal) };
  }
  function missingFor(c, prov, f, cp, sp) {  // diagnosis._missing_for
    const flc = [ef("flc_kappa"), ef("flc_lambda")];
    const FF = { bmpc10: ["bmpc_percent"], mgus_m: [ef("m_protein")], lc_flc: flc, urine_lt500: ["urine_m_protein_mg_24h"],
      mp: [ef("m_protein"), "urine_m_protein_mg_24h"].concat(flc) };
    const needed = prov === "no_monoclonal_gammopathy" ? ["bmpc10"] : prov === "smoldering_multiple_myeloma" ? ["crab", "slim"]
      : prov === "solitary_plasmacytoma" || prov === "solitary_plasmacytoma_minimal_marrow" ? ["crab"]
        : f.mde === true ? ["bmpc10"] : f.plasmacytoma ? ["bmpc10", "crab"]
          : f.is_lc ? ["lc_flc", "bmpc10", "urine_lt500", "crab"] : ["mgus_m", "mp", "bmpc10", "crab"];
    const unknown = parts => [].concat(...Object.keys(parts).map(k => parts[k].value === null ? parts[k].missing : []));
    let out = [];
    for (const flag of needed) {
      if (flag === "mp") { if (f.mp === null) out = out.concat(FF.mp.filter(x => x.split("/").every(g => c[g] === null))); }
      else if (flag === "crab") out = out.concat(unknown(cp));
      else if (flag === "slim") out = out.concat(unknown(sp));
      else if (f[flag] === null) out = out.concat(FF[flag]);
    }
    return uniq(out);
  }
  function notes(c, dx, prov, f, sp) {  // diagnosis._notes
    const target = prov || dx, out = [];
    if (["mgus", "light_chain_mgus", "smoldering_multiple_myeloma", "solitary_plasmacytoma",
      "solitary_plasmacytoma_minimal_marrow"].indexOf(target) >= 0) out.push("淀粉样变性（AL）不是本模型的输入；以上诊断以无淀粉样变性为前提");
    if (f.crab === true) out.push("CRAB 须能归因于浆细胞疾病；是否可归因需临床判断，本模型按可归因处理");
    if (c.biopsy_proven_plasmacytoma === null && target !== "multiple_myeloma")
      out.push(`未提供${MM.fieldZh("biopsy_proven_plasmacytoma")}一项：按“无已知活检证实的浆细胞瘤”处理`);
    if (target === "mgus" || target === "light_chain_mgus") {
      const unknown = Object.keys(sp).filter(k => sp[k].value === null);
      if (unknown.length) out.push("IMWG 的 MGUS 定义只要求无 CRAB；未评估的 SLiM 项：" + unknown.join("、"));
    }
    if (target === "mgus" && c.urine_m_protein_mg_24h === null)
      out.push(`未提供 24 小时尿 M 蛋白；若 ${MM.describe(I + "smm.urine")} 则属 SMM`);
    if (target === "mgus" && c.isotype === "IgM")
      out.push("IgM MGUS 还要求无体质症状、高黏滞、淋巴结肿大和肝脾肿大（不在本模型输入中）；此处以骨髓克隆性浆细胞比例代替淋巴浆细胞浸润比例");
    if (dx === "multiple_myeloma" && c.circulating_pc_percent === null)
      out.push(`未提供${MM.fieldZh("circulating_pc_percent")}：若 ${MM.describe("imwg2021pcl.circulating")}，则为原发性浆细胞白血病（IMWG 2021）`);
    if (dx === "no_monoclonal_gammopathy" && c.bmpc_percent !== null && c.bmpc_percent > 0)
      out.push("骨髓中有少量克隆性浆细胞，但血清、尿中均未检出单克隆蛋白且 κ/λ 比值正常，不构成 MGUS 的诊断");
    if (target.indexOf("solitary_plasmacytoma") === 0 && sp.M.value === null)
      out.push("孤立性浆细胞瘤要求除原发灶外脊柱和骨盆 MRI（或 CT）正常；未提供 MRI 数据");
    return out;
  }
  function basis(dx, c, cp, sp, sc) {  // diagnosis._basis_zh
    const unit = mu(c.measured("m_protein")), noCrab = "且无 CRAB", d = k => MM.describe(I + k), mgusBm = d("mgus.bmpc");
    if (dx === "multiple_myeloma") {
      const base = sc.bmpc10.verdict ? ["骨髓克隆性浆细胞 " + d("bmpc")] : [];
      if (c.biopsy_proven_plasmacytoma) base.push("活检证实的浆细胞瘤");
      const events = Object.keys(cp).map(k => cp[k]).concat(Object.keys(sp).map(k => sp[k]));
      return `${base.join("、")}，且存在骨髓瘤定义事件：${events.filter(p => p.value).map(p => p.label).join("、")}`;
    }
    if (dx === "smoldering_multiple_myeloma") {
      const met = [];
      if (sc.m3.verdict) met.push("血清 M 蛋白 " + MM.describe(I + "smm.m_protein", unit));
      if (sc.urine.verdict) met.push("24 小时尿 M 蛋白 " + d("smm.urine"));
      if (sc.bmpc10.verdict) met.push(`骨髓克隆性浆细胞 ${d("bmpc")}（且 ${d("smm.bmpc_upper")}）`);
      return met.join("、") + "，且无骨髓瘤定义事件（CRAB 与 SLiM 均为阴性）";
    }
    if (dx === "mgus") return `血清 M 蛋白 ${MM.describe(I + "mgus.m_protein", unit)}、骨髓克隆性浆细胞 ${mgusBm}，${noCrab}`;
    if (dx === "light_chain_mgus")
      return `免疫固定无重链，κ/λ 比值在 ${rangeText("flc.ratio_low", "flc.ratio_high")} 之外且相应的受累轻链高于参考上限，` +
        `骨髓克隆性浆细胞 ${mgusBm}，24 小时尿 M 蛋白 ${d("lc_mgus.urine")}，${noCrab}`;
    if (dx === "solitary_plasmacytoma") return `活检证实的浆细胞瘤，骨髓未见克隆性浆细胞，${noCrab}（骨病变仅为浆细胞瘤本身）`;
    if (dx === "no_monoclonal_gammopathy")
      return "血清 M 蛋白为 0 且免疫固定未见单克隆蛋白、24 小时尿 M 蛋白为 0、κ/λ 比值在参考范围内，骨髓克隆性浆细胞 " + mgusBm;
    return `活检证实的浆细胞瘤，骨髓克隆性浆细胞 > 0 且 ${mgusBm}，${noCrab}（骨病变仅为浆细胞瘤本身）`;
  }
  function subtype(c, dx, f, pcl) {  // diagnosis._subtype
    if (dx === "mgus" && c.isotype === "IgM") return "igm_mgus";
    if (dx !== "multiple_myeloma") return null;
    if (pcl !== null && pcl.verdict) return "plasma_cell_leukemia";
    if (f.mp === false) return "non_secretory_myeloma";
    return c.isotype === "light_chain" ? "light_chain_myeloma" : null;
  }
  function classify(c) {  // diagnosis.classify
    const x = X(), cp = crabParts(c), sp = slimParts(c), sc = spectrumChecks(c), ratio = flcRatio(c);
    const f = flags(c, cp, sp, sc, ratio.value !== null ? ratio.details.abnormal : null);
    const [dx, reason, prov] = decide(f);
    let missing = reason === "missing_data" ? missingFor(c, prov, f, cp, sp) : [];
    if (reason === "isotype_needed") missing = ["isotype"];
    const pcl = dx === "multiple_myeloma" ? MM.check("imwg2021pcl.circulating", c.circulating_pc_percent) : null;
    const sub = subtype(c, dx, f, pcl), ns = notes(c, dx, prov, f, sp);
    if (ratio.value !== null && f.mp !== null)
      sc.ratio_abnormal = MM.info(I + "flc_ratio_abnormal", "κ/λ 比值是否超出参考范围（判断是否检出单克隆蛋白）",
        ratio.details.abnormal ? "是" : "否", null, { source: "katzmann2002", note: ratio.summary });
    const each = parts => [].concat(...Object.keys(parts).map(k => parts[k].trace));
    const checks = each(cp).concat(each(sp), Object.keys(sc).map(k => sc[k]), pcl === null ? [] : [pcl]);
    const bpp = c.biopsy_proven_plasmacytoma;
    checks.push(MM.info(I + "plasmacytoma", "活检证实的浆细胞瘤", bpp === true ? "有" : bpp === false ? "无" : "未提供", null,
      { source: "imwg2014" }));
    ns.forEach(n => checks.push(MM.info(I + "note", "说明", n, null, { source: "imwg2014" })));
    let summary;
    if (reason) {
      summary = x.reason_zh[reason] + (reason === "isotype_needed" ? "，缺少：" + MM.fieldZh("isotype") : "");
      if (missing.length && reason !== "isotype_needed") summary += "，缺少：" + missing.map(MM.fieldZh).join("、");
      if (prov === "no_monoclonal_gammopathy")
        summary += `；若骨髓克隆性浆细胞 ${MM.describe(I + "mgus.bmpc")}，则为${x.diagnosis_zh[prov]}`;
      else if (prov) summary += "；若缺失的事件项均为阴性，则为" + x.diagnosis_zh[prov];
    } else summary = basis(dx, c, cp, sp, sc);
    const item = parts => { const o = {}; Object.keys(parts).forEach(k => { o[k] = parts[k].value; }); return o; };
    const details = { reason, reason_zh: x.reason_zh[reason], provisional: prov, crab: item(cp), slim: item(sp), mde: f.mde,
      subtype: sub, notes: ns };
    return MM.result("diagnosis", "IMWG 2014 诊断", dx, { checks, missing, source: "imwg2014", summary, details,
      shown: sub ? x.subtype_zh[sub] : x.diagnosis_zh[dx] });
  }

  const api = f => c => f(MM.readCase(c));  // a case object or a plain {field: value} object
  MM.labs = { cockcroftGault: api(cockcroftGault), ckdEpi2021: api(ckdEpi2021), correctedCalcium: api(correctedCalcium),
    flcRatio: api(flcRatio), kidneyFunction: api(kidneyFunction), rangeText, pow,
    cockcroftGaultFormula: cgFormula, ckdEpi2021Formula: ckdFormula };
  MM.diagnosis = { crab: api(crab), slim: api(slim), crabParts: api(crabParts), slimParts: api(slimParts),
    crabItems: api(crabParts), slimItems: api(slimParts), classify: api(classify), decide };
})(globalThis.MM = globalThis.MM || {});
