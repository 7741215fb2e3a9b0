// Cytogenetic risk: classic IMWG (Sonneveld 2016) and IMS/IMWG 2025 — port of mmlib/cytogenetics.py.
(function (MM) {
  "use strict";
  var C = MM.data.genetics, SRC = "ims2025highrisk";
  function line() { return MM.staging.line.apply(null, arguments); }
  function rz(v) { return C.risk_zh[v === null ? "null" : v]; }
  function code(v) { return v === true ? "high" : v === false ? "standard" : null; }
  function unknown(c, fields) { return fields.filter(function (f) { return c[f] === null; }); }

  // gain_1q_status
  function gain1qStatus(c) {
    if (c.gain_1q || c.amp_1q) return true;
    return c.gain_1q === false ? false : null;
  }
  // _present
  function present(field, value, src, note) {
    return line("cytogenetics." + field, field === "1q" ? C.one_q_zh : C.event_names[field], value, value,
      src || SRC, note);
  }

  // _classic
  function classic(c, oneQ) {
    var vals = C.classic_high_risk.map(function (f) { return f === "1q" ? oneQ : c[f]; });
    var checks = C.classic_high_risk.map(function (f, i) { return present(f, vals[i], "sonneveld2016"); });
    var nonhyper = c.hyperdiploid === false;
    checks.push(line("cytogenetics.non_hyperdiploid", "非超二倍体", MM.kNot(c.hyperdiploid), nonhyper, "sonneveld2016",
      c.hyperdiploid === null ? "倍体未检测：不计为非超二倍体，也不妨碍判为标准危" : ""));
    var verdict = MM.kOr.apply(null, vals.concat([nonhyper]));
    var missing = ["t4_14", "del17p", "t14_16", "t14_20"].filter(function (f) {
      return vals[C.classic_high_risk.indexOf(f)] === null;
    });
    if (oneQ === null) missing.push("gain_1q");
    return [code(verdict), checks, verdict === null ? missing : []];
  }

  // _criterion_1
  function crit1(c) {
    var missing = [], checks, big, t = MM.T("ims2025.del17p_ccf");
    if (c.del17p) {
      var ccf = MM.check(t, c.del17p_ccf_percent, null, {note: c.del17p_ccf_percent !== null ? ""
        : "del(17p) 阳性但未给出 CCF：无法判断是否 " + MM.describe(t) + "，不作默认假设"});
      checks = [present("del17p", true), ccf];
      big = ccf.verdict;
      if (big === null) missing.push("del17p_ccf_percent");
    } else {
      checks = [present("del17p", c.del17p)];
      big = c.del17p === null ? null : false;
      missing = missing.concat(unknown(c, ["del17p"]));
    }
    checks.push(present("tp53_mutation", c.tp53_mutation));
    missing = missing.concat(unknown(c, ["tp53_mutation"]));
    return [MM.kOr(big, c.tp53_mutation), checks, missing];
  }

  // _criterion_2
  function crit2(c, oneQ) {
    var igh = MM.kOr.apply(null, C.igh_high_risk.map(function (f) { return c[f]; }));
    var partner = MM.kOr(oneQ, c.del1p32);
    var missing = igh === null ? unknown(c, C.igh_high_risk) : [];
    if (partner === null) missing = missing.concat(oneQ === null ? ["gain_1q"] : [], unknown(c, ["del1p32"]));
    var lines = C.igh_high_risk.map(function (f) { return present(f, c[f]); }).concat([present("1q", oneQ)]);
    return [MM.kAnd(igh, partner), lines, missing];
  }

  // _criterion_3
  function crit3(c, oneQ) {
    var bi = c.del1p32 === false ? false : c.del1p32_biallelic;
    var checks = [present("del1p32", c.del1p32), line("cytogenetics.del1p32_biallelic", "del(1p32) 双等位缺失", bi, bi, SRC)];
    var verdict = MM.kOr(bi, MM.kAnd(c.del1p32, oneQ)), missing = [];
    if (verdict === null) {
      missing = unknown(c, ["del1p32"]).concat(bi === null ? ["del1p32_biallelic"] : []);
      if (oneQ === null && c.del1p32 !== false) missing.push("gain_1q");
    }
    return [verdict, checks, missing];
  }

  // _criterion_4
  function crit4(c) {
    var b2m = MM.check(MM.T("ims2025.beta2m"), c.beta2m_mg_l), crea = c.measured("creatinine");
    var normal = MM.check(MM.T("ims2025.creatinine_normal"), crea ? crea.value : null, crea ? crea.unit : null);
    var verdict = MM.kAnd(b2m.verdict, normal.verdict), missing = [];
    if (verdict === null) {
      if (b2m.verdict === null) missing.push("beta2m_mg_l");
      if (normal.verdict === null) missing.push(MM.eitherField("creatinine"));
    }
    return [verdict, [b2m, normal], missing];
  }

  // _events
  function events(c, fields) {
    return fields.filter(function (f) { return c[f]; }).map(function (f) {
      return C.event_names[f] + (f === "del1p32" && c.del1p32_biallelic ? "（双等位）" : "");
    });
  }

  // cytogenetic_risk
  function cytogeneticRisk(c) {
    var oneQ = gain1qStatus(c), cl = classic(c, oneQ);
    var checks = [MM.info("cytogenetics.classic", C.classic_zh, rz(cl[0]), null, {source: "sonneveld2016"})]
      .concat(cl[1]);
    var results = [crit1(c), crit2(c, oneQ), crit3(c, oneQ), crit4(c)], criteria = [], missing = [];
    results.forEach(function (r, i) {
      criteria.push(r[0]);
      checks.push(line("ims2025.criterion", C.criteria_zh[i], r[0], r[0], SRC));
      checks = checks.concat(r[1]);
      missing = missing.concat(r[2]);
    });
    var ims = code(MM.kOr.apply(null, criteria));
    var details = {
      classic: cl[0], ims2025: ims, riss_high_risk_ca: MM.kOr.apply(null, C.riss_high_risk.map(function (f) {
        return c[f];
      })),
      criteria: criteria, primary: events(c, C.primary), secondary: events(c, C.secondary),
      primary_fields: C.primary.filter(function (f) { return c[f]; }),
      secondary_fields: C.secondary.filter(function (f) { return c[f]; }),
      missing_classic: cl[2]
    };
    return MM.result("cytogenetic_risk", "细胞遗传学危险分层（IMS/IMWG 2025）", ims, {checks: checks,
      missing: ims === null ? missing.filter(function (x, i) { return missing.indexOf(x) === i; }) : [],
      source: SRC, summary: C.classic_zh + "：" + rz(cl[0]), details: details, shown: ims === null ? null : rz(ims)});
  }

  MM.cytogenetics = {cytogeneticRisk: MM.staging.api(cytogeneticRisk), gain1qStatus: gain1qStatus};
})(globalThis.MM = globalThis.MM || {});
