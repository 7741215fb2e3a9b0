// IMWG 2016 response: port of mmlib/response.py (assess_response, assess_visits).
// MM.response(obj) returns ResponseResult.to_dict() / SeriesResult.to_dict(), as `mmlib response --json`.
(function (MM) {
  "use strict";
  const D = () => MM.data.response;
  const T = (n) => MM.T(D().t[n]);
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const get = (o, k, dflt = null) => (own(o, k) ? (o[k] === undefined ? null : o[k]) : dflt);
  const isNum = (v) => typeof v === "number";
  const has = (a, x) => a.indexOf(x) >= 0;
  const any = (a) => a.some((v) => v === true);
  const fmt = (x) => MM.fmtNumber(x);
  const SERUM_F = "current.m_protein_g_dl/current.m_protein_g_l";
  const URINE_F = "current.urine_m_protein_mg_24h";
  const FLC_F = "current.flc_kappa_mg_l/current.flc_lambda_mg_l";
  const CR_MRD = ["sCR", "CR"];
  const LABS0 = { serum: null, unit: "g/dL", urine: null, kappa: null, lam: null, bmpc: null, spd: null,
    ld: null, short_axis: null, cpc: null };

  const R6 = (x) => MM.pyRound(x, D().ndigits);

  // --- errors -------------------------------------------------------------------------
  const inputError = (field, value, zh, en) => MM.InputError(field, value, zh, { enExpected: en });
  // the value echoed as the Python float it is after validation (12 → "12.0")
  function floatError(field, v, zh, en) {
    const e = inputError(field, v, zh, en), a = MM.shown(v);
    if (Number.isInteger(v) && Math.abs(v) < 1e16) {
      for (const k of ["zh", "en"]) e[k] = e[k].replace(` ${a} `, ` ${a}.0 `);
      e.message = `${e.zh} / ${e.en}`;
    }
    return e;
  }

  // --- input parsing (_mapping, _labs, _measure, _count, _flag, _years, _parse_mrd, _assessment_part, _parse)
  function mapping(field, value, valid) {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw inputError(field, value, "一个对象（字典）", "an object (dict)");
    for (const k of Object.keys(value))
      if (!has(valid, k)) throw MM.UnknownFieldError(field !== "data" ? `${field}.${k}` : k, valid);
    return value;
  }
  function flag(field, v) {
    if (v === null || typeof v === "boolean") return v;
    throw inputError(field, v, "true 或 false", "true or false");
  }
  function measure(field, v, upper, unit) {
    if (v === null) return null;
    if (!isNum(v) || !(0 <= v && v <= upper)) {
      const t = `0–${fmt(upper)} ${unit}`;
      throw inputError(field, v, t, t);
    }
    return v;
  }
  function count(field, v) {
    if (v === null) return null;
    const max = D().max_lesions;
    if (!Number.isInteger(v) || !(1 <= v && v <= max)) throw inputError(field, v, `1–${max} 的整数`, `an integer 1–${max}`);
    return v;
  }
  function years(field, v) {
    const max = D().max_years;
    if (!isNum(v) || !(0 <= v && v <= max)) {
      const t = `0–${fmt(max)}`;
      throw inputError(field, v, `${t} 年`, `${t} years`);
    }
    return v;
  }
  function labs(field, raw) {
    const d = mapping(field, raw, D().lab_keys), extra = D().extra_labs, v = {};
    if (get(d, "m_protein_g_dl") !== null && get(d, "m_protein_g_l") !== null)
      throw MM.conflictError(`${field}.m_protein_g_dl`, `${field}.m_protein_g_l`, "unit");
    for (const k of D().lab_keys) if (!own(extra, k)) v[k] = MM.validateField(k, get(d, k));
    for (const k of Object.keys(extra)) v[k] = measure(`${field}.${k}`, get(d, k), extra[k][0], extra[k][1]);
    const unit = v.m_protein_g_l !== null ? "g/L" : "g/dL";
    return { serum: unit === "g/L" ? v.m_protein_g_l : v.m_protein_g_dl, unit, urine: v.urine_m_protein_mg_24h,
      kappa: v.flc_kappa_mg_l, lam: v.flc_lambda_mg_l, bmpc: v.bmpc_percent, spd: v.lesion_spd_cm2,
      ld: v.lesion_longest_diameter_cm, short_axis: v.lesion_short_axis_cm, cpc: v.circulating_pc_per_ul };
  }
  function parseMrd(raw, p) {
    if (raw === null) return null;
    const d = mapping(`${p}mrd`, raw, D().mrd_keys), method = get(d, "method"), sens = get(d, "sensitivity");
    if (method !== null && method !== "flow" && method !== "ngs")
      throw inputError(`${p}mrd.method`, method, "'flow' 或 'ngs'", "'flow' or 'ngs'");
    if (sens !== null && (!isNum(sens) || !(0 < sens && sens < 1)))
      throw inputError(`${p}mrd.sensitivity`, sens, "0 与 1 之间的小数，如 1e-5", "a fraction between 0 and 1, e.g. 1e-5");
    const y = get(d, "sustained_years");
    const negative = flag(`${p}mrd.negative`, get(d, "negative"));
    const pet = flag(`${p}mrd.pet_negative`, get(d, "pet_negative"));
    return { method, negative, sensitivity: sens, pet_negative: pet,
      sustained_years: y === null ? null : years(`${p}mrd.sustained_years`, y) };
  }
  function part(d, p = "") {
    let c = labs(`${p}current`, get(d, "current", {}));
    if (get(d, "bmpc_percent") !== null) {
      const m = MM.validateField("bmpc_percent", d.bmpc_percent);
      if (c.bmpc !== null && c.bmpc !== m)
        throw floatError(`${p}bmpc_percent`, m, `与 current.bmpc_percent（${fmt(c.bmpc)}）一致`,
          `the same as current.bmpc_percent (${fmt(c.bmpc)})`);
      c = Object.assign({}, c, { bmpc: m });
    }
    const flags = {};
    for (const k of D().flag_keys) flags[k] = flag(`${p}${k}`, get(d, k));
    if (flags.serum_ife_negative && c.serum)
      throw floatError(`${p}current.m_protein_${c.unit === "g/L" ? "g_l" : "g_dl"}`, c.serum, "0（血清免疫固定电泳阴性时电泳不可能检出 M 蛋白）",
        "0 (an M-spike cannot be seen when serum immunofixation is negative)");
    if (flags.urine_ife_negative && c.urine)
      throw floatError(`${p}current.urine_m_protein_mg_24h`, c.urine, "0（尿免疫固定电泳阴性）",
        "0 (urine immunofixation is negative)");
    c = Object.assign({}, c, { serum: flags.serum_ife_negative && c.serum === null ? 0 : c.serum,
      urine: flags.urine_ife_negative && c.urine === null ? 0 : c.urine });
    const mrd = parseMrd(get(d, "mrd"), p);
    return { current: c, flags, mrd, spd_lesions: count(`${p}spd_lesion_count`, get(d, "spd_lesion_count")) };
  }
  function parse(data) {
    const d = mapping("data", data, D().top_keys);
    const baseline = labs("baseline", get(d, "baseline", {}));
    const nadir = get(d, "nadir") === null ? null : labs("nadir", d.nadir);
    const inp = Object.assign({ baseline, nadir }, part(d));
    inp.prior_cr = flag("prior_cr", get(d, "prior_cr"));
    return inp;
  }

  // --- small helpers -------------------------------------------------------------------
  function serumIn(l, unit) {
    if (l.serum === null || unit === l.unit) return l.serum;
    return MM.pySig(MM.convert("m_protein", l.serum, l.unit, unit), 6);
  }
  // Python min(): the first of equal values
  function low(vals) {
    let m = null;
    for (const v of vals) if (v !== null && (m === null || v < m)) m = v;
    return m;
  }
  const lowest = (a, b) => low([a, b]);
  const fall = (b, a) => (b === null || a === null || b <= 0 ? null : R6((b - a) / b * 100));
  function involved(l) {
    if (l.kappa === null || l.lam === null || l.lam === 0) return null;
    const r = l.kappa / l.lam;
    if (MM.test(T("FLC_RATIO_HIGH"), r)) return "kappa";
    return MM.test(T("FLC_RATIO_LOW"), r) ? "lambda" : null;
  }
  function dflc(l, chain) {
    if (chain === null || l.kappa === null || l.lam === null) return null;
    return chain === "kappa" ? R6(l.kappa - l.lam) : R6(l.lam - l.kappa);
  }
  function ratioNormal(l) {
    const r = l.kappa === null || !l.lam ? null : R6(l.kappa / l.lam);
    return [MM.check(T("FLC_RATIO_NORMAL_FROM"), r), MM.check(T("FLC_RATIO_NORMAL_TO"), r)];
  }
  const mk = (criterion, label, value, unit, threshold, comparison, verdict, note = "") =>
    ({ criterion, label, value, unit, threshold, comparison, verdict, source: D().src, note });
  const fact = (key, label, value) => mk(`imwg2016.${key}`, label, value, null, null, null, value);
  function relativeRise(t, ref, cur) {
    if (ref === null || cur === null) return MM.check(t, null);
    if (ref > 0) return MM.check(t, R6((cur - ref) / ref * 100));
    return Object.assign(mk(t.key, MM.zhJoin(t.zh, "（最低值为 0）"), cur, null, 0, ">", cur > 0,
      `最低值为 0，任何升高都满足 ${MM.describe(t)}`), { source: t.source });
  }
  function lesionReference(b, n) {
    if (n.ld !== null && (b.ld === null || n.ld <= b.ld)) return [n.ld, n.short_axis];
    return [b.ld, b.short_axis];
  }
  function reappeared(neg, spike) {
    if (neg === false || (spike !== null && spike > 0)) return true;
    return neg ? false : null;
  }

  // --- the rule (_Assessment) ------------------------------------------------------------
  function assessment(inp) {
    const s = { checks: [], notes: [], level: "PD", missing: {}, fields: [], provisional: null, relapse: null };
    const b = inp.baseline, c = inp.current, f = inp.flags, checks = s.checks, notes = s.notes;
    let imagingReported = false;
    const unit = (s.unit = b.serum !== null ? b.unit : c.unit);
    const chain = (s.chain = involved(b));
    const serum = b.serum !== null ? MM.check(T("SERUM_MEASURABLE"), b.serum, unit) : null;
    const urine = b.urine !== null ? MM.check(T("URINE_MEASURABLE"), b.urine) : null;
    const serumM = !!(serum && serum.verdict), urineM = !!(urine && urine.verdict);
    for (const x of [serum, urine]) if (x !== null) checks.push(x);
    const inv = chain === null ? null : chain === "kappa" ? b.kappa : b.lam;
    if (serumM || urineM) {
      s.basis = [["serum", serumM], ["urine", urineM]].filter((x) => x[1]).map((x) => x[0]).join("+");
    } else {
      const flc = MM.check(T("FLC_MEASURABLE"), inv, "mg/L", {
        label: `基线受累游离轻链（${{ kappa: "κ", lambda: "λ" }[chain] || "未定"}）`,
        note: inv !== null ? "且 κ/λ 比值异常" : "κ/λ 比值正常或缺失" });
      checks.push(flc);
      if (flc.verdict) s.basis = "flc";
      else {
        const marrow = MM.check(T("MARROW_MEASURABLE"), b.bmpc);
        checks.push(marrow);
        s.basis = marrow.verdict ? "marrow" : null;
      }
    }
    const basis = s.basis;
    function need(field, value) {
      if (value === null) {
        const fs = (s.missing[s.level] = s.missing[s.level] || []);
        if (!has(fs, field)) fs.push(field);
      }
      return value;
    }
    // -- progressive disease
    function rise(label, ref, cur, absolute, u, field) {
      const lab = MM.zhJoin(label, "较最低值升高");
      if (ref === null || need(field, cur) === null) {
        checks.push(MM.check(T("PD_RISE"), null, undefined, { label: lab }));
        return null;
      }
      const r = R6(cur - ref), t = T("PD_RISE");
      const rel = ref > 0 ? MM.check(t, R6(r / ref * 100), undefined, { label: lab })
        : Object.assign(mk(t.key, MM.zhJoin(label, "较最低值（0）升高"), r, u, 0, ">", r > 0,
          `最低值为 0，任何升高都满足 ${MM.describe(t)}`), { source: t.source });
      const abs = MM.check(absolute, r, u);
      checks.push(rel, abs);
      return !!(rel.verdict && abs.verdict);
    }
    function circulating(ref, cur) {
      if (ref === null && cur === null) return [];
      if (ref === null || need("current.circulating_pc_per_ul", cur) === null) {
        checks.push(MM.check(T("PD_CPC_RISE"), null));
        return [null];
      }
      const rel = relativeRise(T("PD_CPC_RISE"), ref, cur), floor = MM.check(T("PD_CPC_MIN"), cur);
      checks.push(rel, floor);
      return [MM.kAnd(rel.verdict, floor.verdict)];
    }
    function imaging(n) {
      const items = [], refSpd = lowest(b.spd, n.spd);
      imagingReported = c.spd !== null || c.ld !== null;
      if (c.spd !== null) {
        const r = relativeRise(T("PD_SPD_RISE"), refSpd, c.spd);
        const k = MM.check(T("PD_SPD_LESIONS"), need("spd_lesion_count", inp.spd_lesions));
        checks.push(r, k);
        items.push(MM.kAnd(r.verdict, k.verdict));
      }
      if (c.ld !== null) {
        const [ref, axis] = lesionReference(b, n);
        const r = relativeRise(T("PD_LD_RISE"), ref, c.ld);
        const k = MM.check(T("PD_SHORT_AXIS"), need("lesion_short_axis_cm", axis));
        checks.push(r, k);
        items.push(MM.kAnd(r.verdict, k.verdict));
      }
      return items.length ? MM.kOr(...items) : null;
    }
    function progression() {
      const n = inp.nadir || LABS0, verdicts = [];
      const refS = lowest(serumIn(b, unit), serumIn(n, unit)), curS = serumIn(c, unit);
      if (refS !== null) {
        verdicts.push(rise("血清 M 蛋白", refS, curS, T("PD_SERUM_RISE"), unit, SERUM_F));
        const hn = T("PD_SERUM_HIGH_NADIR");
        if (MM.test(hn, refS, unit)) {
          const r = curS === null ? null : R6(curS - refS);
          const high = MM.check(T("PD_SERUM_RISE_HIGH_NADIR"), r, unit,
            { note: `最低值 ${MM.describe(hn, unit)}，此项单独即足够` });
          checks.push(high);
          verdicts.push(high.verdict);
        }
      }
      const refU = lowest(b.urine, n.urine);
      if (refU !== null)
        verdicts.push(rise("24 小时尿 M 蛋白", refU, c.urine, T("PD_URINE_RISE"), D().urine_unit, URINE_F));
      if (basis === "flc")
        verdicts.push(rise("dFLC", lowest(dflc(b, chain), dflc(n, chain)), dflc(c, chain), T("PD_DFLC_RISE"), "mg/L",
          FLC_F));
      if (basis === "marrow" || basis === null)
        verdicts.push(rise("骨髓浆细胞", lowest(b.bmpc, n.bmpc), c.bmpc, T("PD_MARROW_RISE"), "%", "bmpc_percent"));
      if (basis === null) verdicts.push(...circulating(lowest(b.cpc, n.cpc), c.cpc));
      const img = imaging(n), lesions = f.new_lesions;
      checks.push(fact("pd.new_lesions", "出现新的骨病变或软组织浆细胞瘤", lesions));
      if (lesions || img || any(verdicts)) return true;
      if (verdicts.some((v) => v === null) || (img === null && imagingReported)) {
        notes.push("部分 PD 条目因缺少数据未能评估，PD 不能完全排除。");
        return null;
      }
      return false;
    }
    // -- response levels
    function ife(kind, label, negative, spike) {
      if (negative === null && spike)
        return mk(`imwg2016.cr.${kind}_ife`, label, false, null, null, null, false,
          "未报告免疫固定结果，但电泳仍可见 M 蛋白，故必然阳性");
      return fact(`cr.${kind}_ife`, label, negative);
    }
    function complete() {
      const cs = [ife("serum", "血清免疫固定电泳阴性", f.serum_ife_negative, c.serum),
        ife("urine", "尿免疫固定电泳阴性", f.urine_ife_negative, c.urine),
        fact("cr.plasmacytoma", "软组织浆细胞瘤已消失", MM.kNot(f.soft_tissue_plasmacytoma_present)),
        MM.check(T("CR_MARROW"), c.bmpc)];
      const fields = ["serum_ife_negative", "urine_ife_negative", "soft_tissue_plasmacytoma_present", "bmpc_percent"];
      if (basis === "flc") {
        cs.push(...ratioNormal(c));
        fields.push(FLC_F, FLC_F);
      }
      fields.forEach((fl, i) => need(fl, cs[i].verdict === null ? null : true));
      checks.push(...cs);
      const verdict = MM.kAnd(...cs.map((x) => x.verdict));
      if (verdict === null && any(cs.map((x) => x.verdict)))
        notes.push("CR 未能确认：" + cs.filter((x) => x.verdict === null).map((x) => x.label).join("、") + " 缺失。");
      return verdict;
    }
    function stringent() {
      const cs = [...ratioNormal(c), fact("scr.ihc", "骨髓活检免疫组化未见克隆性浆细胞", f.clonal_pc_by_ihc_absent)];
      checks.push(...cs);
      return MM.kAnd(...cs.map((x) => x.verdict));
    }
    const serumFall = (t) => {
      const cur = need(SERUM_F, serumIn(c, unit));
      return MM.check(t, fall(serumIn(b, unit), cur));
    };
    const urineCur = () => need(URINE_F, c.urine);
    const urineFall = (t) => MM.check(t, fall(b.urine, urineCur()));
    const flcFall = (t) => {
      const cur = need(FLC_F, dflc(c, chain));
      return MM.check(t, fall(dflc(b, chain), cur));
    };
    function level(items) {
      const verdicts = [];
      for (const item of items) {
        const g = Array.isArray(item) ? item : [item];
        checks.push(...g);
        verdicts.push(MM.kOr(...g.map((x) => x.verdict)));
      }
      return MM.kAnd(...verdicts);
    }
    function veryGood() {
      if (basis === "flc") return level([flcFall(T("VGPR_DFLC_FALL"))]);
      if (basis === "marrow") return false;
      if (c.serum === 0 && c.urine === 0) {
        checks.push(fact("vgpr.ife_only", "血、尿 M 蛋白仅免疫固定电泳可见（电泳为 0）", true));
        return true;
      }
      const items = [];
      if (serumM) items.push(serumFall(T("VGPR_SERUM_FALL")));
      items.push(MM.check(T("VGPR_URINE"), urineCur()));
      return level(items);
    }
    function partial() {
      if (basis === "flc") return level([flcFall(T("PR_DFLC_FALL"))]);
      if (basis === "marrow") return level([MM.check(T("PR_MARROW_FALL"), fall(b.bmpc, need("bmpc_percent", c.bmpc)))]);
      const items = [];
      if (serumM) items.push(serumFall(T("PR_SERUM_FALL")));
      if (urineM || c.urine !== null) items.push([urineFall(T("PR_URINE_FALL")), MM.check(T("PR_URINE"), urineCur())]);
      return level(items);
    }
    function minimal() {
      if (basis === "flc" || basis === "marrow") return false;
      const items = [];
      if (serumM) items.push(serumFall(T("MR_SERUM_FALL")));
      if (urineM) items.push(urineFall(T("MR_URINE_FALL")));
      return level(items);
    }
    function relapseFromCr() {
      if (inp.prior_cr !== true) return null;
      const cs = [fact("relapse_cr.serum", "血清 M 蛋白重新出现（免疫固定或电泳）", reappeared(f.serum_ife_negative, c.serum)),
        fact("relapse_cr.urine", "尿 M 蛋白重新出现（免疫固定或电泳）", reappeared(f.urine_ife_negative, c.urine)),
        MM.check(T("RELAPSE_CR_MARROW"), c.bmpc),
        fact("relapse_cr.lesions", "新的浆细胞瘤或溶骨性病变", f.new_lesions),
        fact("relapse_cr.calcium", "高钙血症（归因于浆细胞疾病）", f.hypercalcemia)];
      checks.push(...cs);
      return MM.kOr(...cs.map((x) => x.verdict));
    }
    function mrd(category) {
      const m = inp.mrd;
      if (m === null) return null;
      if (!has(CR_MRD, category)) {
        notes.push("MRD 仅在达到 CR 及以上时评估；本次未达 CR，MRD 结果不予分级。");
        return null;
      }
      if (m.negative !== true) {
        notes.push(m.negative === null ? "MRD 未报告为阴性。" : "MRD 阳性。");
        return null;
      }
      const t = T("MRD_CELLS");
      const sens = MM.check(t, m.sensitivity === null ? null : R6(1 / m.sensitivity));
      checks.push(sens);
      if (!sens.verdict || m.method === null) {
        notes.push("MRD 阴性需注明检测方法（流式或测序，即 method 为 flow 或 ngs），" +
          `且检测灵敏度 ${MM.describe(t)}；条件不满足，不予分级。`);
        return null;
      }
      const label = m.method === "flow" ? "flow_mrd_negative" : "sequencing_mrd_negative";
      const pet = fact("mrd.pet", "PET/CT 示原有摄取灶消失", m.pet_negative);
      checks.push(pet);
      if (!pet.verdict) return label;
      const sus = MM.check(T("MRD_SUSTAINED_YEARS"), m.sustained_years);
      checks.push(sus);
      return sus.verdict ? "sustained_mrd_negative" : "imaging_plus_mrd_negative";
    }
    function conclude(category, undecided, pd) {
      const levels = (pd === null ? ["PD"] : []).concat(undecided);
      s.fields = [];
      for (const l of levels) for (const x of s.missing[l] || []) if (!has(s.fields, x)) s.fields.push(x);
      const zh = D().missing_zh;
      if (undecided.length) {
        const u0 = (s.provisional = undecided[0]);
        const shown = s.fields.map((x) => (own(zh, x) ? zh[x] : x)).join("、") || "部分数据";
        const reported = category ? MM.zhJoin("按已能确认的最高等级", category, "报告") : "目前无法给出任何等级";
        notes.push(MM.zhJoin("缺少", shown, "：", u0, "无法确认，", reported, "（暂定上限：", u0, "）。"));
      }
      const prmr = category === "PR" || category === "MR";
      if (prmr && serumM && b.urine === null && c.urine === null) {
        s.fields.push(...["baseline.urine_m_protein_mg_24h", URINE_F].filter((x) => !has(s.fields, x)));
        notes.push("未提供 24 小时尿 M 蛋白：假定尿 M 蛋白不可测量，PR/MR 仅依据血清 M 蛋白判定。");
      }
      if (prmr && f.soft_tissue_plasmacytoma_present)
        notes.push("仍有软组织浆细胞瘤：PR/MR 还要求其大小（SPD）相应缩小；此项本模型未核对。");
    }
    s.run = function () {
      const pd = progression();
      s.relapse = relapseFromCr();
      if (pd) return ["PD", null];
      if (basis === null) {
        notes.push("基线无可测量病灶（血清、尿、FLC 与骨髓均未达标准），IMWG 疗效分级不适用。");
        conclude(null, [], pd);
        return [null, null];
      }
      const undecided = [];
      for (const [name, fn] of [["CR", complete], ["VGPR", veryGood], ["PR", partial], ["MR", minimal]]) {
        s.level = name;
        const verdict = fn();
        if (verdict) {
          const category = name === "CR" ? (stringent() ? "sCR" : "CR") : name;
          conclude(category, undecided, pd);
          return [category, mrd(category)];
        }
        if (verdict === null) undecided.push(name);
      }
      conclude(undecided.length ? null : "SD", undecided, pd);
      if (undecided.length) {
        notes.push("因缺少数据，无法确认任何缓解等级，也不能判为 SD。");
        return [null, null];
      }
      mrd("SD");
      return ["SD", null];
    };
    return s;
  }

  // _evaluate → ResponseResult.to_dict()
  function evaluate(inp) {
    const a = assessment(inp), [category, mrd] = a.run(), src = D().src;
    const details = { category, mrd, measurable_disease: a.basis, involved_light_chain: a.chain, serum_unit: a.unit,
      provisional: a.provisional, relapse_from_cr: a.relapse, missing: a.fields.slice(), notes: a.notes };
    return { name: "imwg2016_response", value: category,
      shown: category ? `${category}（${D().category_gloss[category]}）` : null,
      missing: a.fields.slice(), source: src, details, trace: a.checks, category, mrd,
      measurable_disease: a.basis, provisional: a.provisional, relapse_from_cr: a.relapse };
  }

  // --- series (assess_visits) ------------------------------------------------------------
  const pad = (x, n) => String(x).padStart(n, "0");
  const iso = (y, m, d) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  const utc = (y, m, d) => { const t = new Date(0); t.setUTCFullYear(y, m - 1, d); return t.getTime(); };
  const leap = (y) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const mdays = (y, m) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  // date.fromisoformat (CPython 3.11 C parser: 7, 8 or 10 UTF-8 bytes; trailing bytes of the short forms unchecked)
  function isoDate(s) {
    let n, m, y, mo, d;
    try { n = unescape(encodeURIComponent(s)).length; } catch (e) { return null; }
    if (n !== 7 && n !== 8 && n !== 10) return null;
    if ((m = /^(\d{4})(?:-W(\d\d)(?:-(\d))?$|W(\d\d)(\d)?)/.exec(s))) {
      const w = +(m[2] || m[4]), wd = m[2] ? +(m[3] || 1) : n === 7 ? 1 : +(m[5] || 0);
      const first = (new Date(utc((y = +m[1]), 1, 1)).getUTCDay() + 6) % 7;
      if (!wd || wd > 7 || ((w < 1 || w > 52) && !(w === 53 && (first === 3 || (first === 2 && leap(y)))))) return null;
      const t = new Date(utc(y, 1, 1 - first + (first > 3 ? 7 : 0) + (w - 1) * 7 + wd - 1));
      [y, mo, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
    } else if ((m = /^(\d{4})(?:-(\d\d)-(\d\d)$|(\d\d)(\d\d))/.exec(s))) {
      [y, mo, d] = [+m[1], +(m[2] || m[4]), +(m[3] || m[5])];
    } else return null;
    return y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays(y, mo) ? null : iso(y, mo, d);
  }
  function date(field, v) {
    const r = typeof v === "string" ? isoDate(v) : null;
    if (r === null) throw inputError(field, v, "ISO 日期，如 2024-03-01", "an ISO date such as 2024-03-01");
    return r;
  }
  function seriesNadir(seen, unit, chain) {
    const flc = seen.filter((x) => dflc(x, chain) !== null);
    let fl = LABS0, ll = LABS0;
    for (const x of flc) if (fl === LABS0 || (dflc(x, chain) || 0) < (dflc(fl, chain) || 0)) fl = x;
    for (const x of seen.filter((x) => x.ld !== null)) if (ll === LABS0 || (x.ld || 0) < (ll.ld || 0)) ll = x;
    const lo = (k) => low(seen.map((x) => x[k]));
    return { serum: low(seen.map((x) => serumIn(x, unit))), unit, urine: lo("urine"), kappa: fl.kappa, lam: fl.lam,
      bmpc: lo("bmpc"), spd: lo("spd"), ld: ll.ld, short_axis: ll.short_axis, cpc: lo("cpc") };
  }
  const nadirDict = (n) => ({ [n.unit === "g/L" ? "m_protein_g_l" : "m_protein_g_dl"]: n.serum,
    urine_m_protein_mg_24h: n.urine, bmpc_percent: n.bmpc });
  function yearsLater(day, k) {
    const [y, m, d] = day.split("-").map(Number);
    if (y + k > 9999) return null;
    return m === 2 && d === 29 && !leap(y + k) ? iso(y + k, 3, 1) : iso(y + k, m, d);
  }
  function sustainedMrd(results, assessed) {
    const t = T("MRD_SUSTAINED_YEARS"), k = Math.trunc(t.value), ok = ["imaging_plus_mrd_negative", "sustained_mrd_negative"];
    let start = null;
    results.forEach(([when, r], i) => {
      const d = r.details;
      if (r.value === "PD" || d.relapse_from_cr || (assessed[i] && !has(ok, d.mrd))) {
        start = null;
        return;
      }
      if (!assessed[i]) return;
      start = start || when;
      const later = yearsLater(start, k);
      if (d.mrd === "imaging_plus_mrd_negative" && later !== null && when >= later) {
        d.mrd = "sustained_mrd_negative";
        d.notes.push(`骨髓与影像学 MRD 阴性自 ${start} 起持续，间隔 ${MM.describe(t)}：持续 MRD 阴性。`);
      }
    });
  }
  function confirmed(category, following) {
    const C = D().categories, nxt = following ? following.value : null;
    if (category === null || nxt === null) return null;
    if (category === "PD" || nxt === "PD") return category === nxt;
    if (C.indexOf(nxt) >= C.indexOf(category)) return true;
    const open = following.details.provisional;
    return open && C.indexOf(open) >= C.indexOf(category) ? null : false;
  }
  function visits(data) {
    const d = mapping("data", data, D().series_keys), raw = get(d, "visits");
    if (!Array.isArray(raw) || !raw.length)
      throw inputError("visits", raw, "非空的随访列表（每项含 date）", "a non-empty list of visits, each with a date");
    const baseline = labs("baseline", get(d, "baseline", {})), parsed = [];
    let last = null;
    raw.forEach((r, i) => {
      const v = mapping(`visits[${i}]`, r, ["date"].concat(D().visit_keys));
      const when = date(`visits[${i}].date`, get(v, "date"));
      if (last !== null && when <= last)
        throw inputError(`visits[${i}].date`, get(v, "date"), `晚于上一次随访（${last}）`,
          `later than the previous visit (${last})`);
      last = when;
      parsed.push([when, part(v, `visits[${i}].`)]);
    });
    const unit = baseline.serum !== null ? baseline.unit : parsed[0][1].current.unit, chain = involved(baseline);
    const results = [];
    parsed.forEach(([when, p], i) => {
      const earlier = parsed.slice(0, i).map((x) => x[1].current);
      const nadir = earlier.length ? seriesNadir(earlier, unit, chain) : null;
      const priorCr = results.some(([, r]) => has(CR_MRD, r.value));
      const result = evaluate(Object.assign({ baseline, nadir }, p, { prior_cr: priorCr }));
      result.details.nadir = nadirDict(seriesNadir([baseline].concat(earlier), unit, chain));
      results.push([when, result]);
    });
    sustainedMrd(results, parsed.map(([, p]) => p.mrd !== null));
    const vs = results.map(([when, r], i) => {
      const dd = r.details;
      return { date: when, category: r.value, confirmed: confirmed(r.value, i + 1 < results.length ? results[i + 1][1] : null),
        provisional: dd.provisional, relapse_from_cr: dd.relapse_from_cr, mrd: dd.mrd, missing: dd.missing,
        nadir: dd.nadir };
    });
    const pdDates = vs.filter((v) => v.category === "PD" && v.confirmed).map((v) => v.date);
    const progression = pdDates.length ? pdDates[0] : null, C = D().categories;
    let best = null;
    for (const v of vs)
      if (v.confirmed && v.category !== null && v.category !== "PD" && (progression === null || v.date < progression)
        && (best === null || C.indexOf(v.category) > C.indexOf(best))) best = v.category;
    return { name: "imwg2016_response_series", source: D().src, visits: vs, best_confirmed_response: best,
      progression_date: progression };
  }

  // assess_response: one assessment, or a series when the object has "visits"
  MM.response = function (data) {
    if (data !== null && typeof data === "object" && !Array.isArray(data) && own(data, "visits")) return visits(data);
    return evaluate(parse(data));
  };
  MM.response.visits = visits;
})(globalThis.MM = globalThis.MM || {});
