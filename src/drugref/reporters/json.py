"""Results as JSON on stdout (plain `json.dumps`, never through Rich): the shapes scripts rely on, extended only."""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .. import results as r
    from ..crcl import CrclResult
    from ..dosing import Band, Plan
    from ..interactions import CheckResult, DrugInfo, Finding, Rule
    from ..medlist import MedList

# what json.dumps(ensure_ascii=False) leaves raw but a terminal would act on: C1 controls, DEL, line
# separators, bidi overrides; written as JSON's own \\u escapes (same value once decoded)
_RAW_UNSAFE = re.compile(r"[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(data: Any, indent: int | None = None) -> str:
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def show_json(result: r.ShownMonograph) -> dict[str, Any]:
    from ..sections import is_faq

    mono, chosen, match = result.monograph, result.chosen, result.match
    tops = chosen if chosen is not None else [s for s in mono.sections if not is_faq(s)]
    sections = [{"title": s.title, "path": list(s.path), "text": s.text} for top in tops if not is_faq(top)
                for s in top.walk()]
    want_faqs = chosen is None or any(is_faq(s) for s in chosen)
    return {
        "name": mono.name, "brand_names": list(mono.brand_names), "classes": list(result.classes),
        "is_banned": mono.is_banned, "last_modified": mono.last_modified, "file": mono.file,
        "match": {"query": match.query, "how": match.how, "score": match.score},
        "sources": [{"label": s.label, "sections": list(s.sections), "revised": s.revised, "url": s.url}
                    for s in mono.sources],
        "sections": sections,
        "faqs": [{"q": f.q, "a": f.a} for f in mono.faqs] if want_faqs else [],
    }


def list_json(result: r.DrugList) -> dict[str, Any]:
    return {"drugs": [{"name": e.name, "brand_names": list(e.brand_names), "aliases": list(e.aliases),
                       "classes": list(d.classes), "last_modified": e.last_modified,
                       "is_banned": e.is_banned, "file": e.file, "origin": e.origin,
                       "overrides": e.overrides} for d in result.drugs for e in (d.entry,)]}


def search_json(result: r.SearchResults) -> dict[str, Any]:
    return {"query": result.query, "results": [
        {"drug": h.drug, "file": h.file, "section": h.section,
         "snippet": h.snippet, "rank": round(h.rank, 4)}
        for h in result.hits]}


def crcl_json(result: CrclResult) -> dict[str, Any]:
    return {"crcl_ml_min": result.crcl_ml_min, "formula": result.formula,
            "inputs": {"age_years": result.age_years, "sex": result.sex, "weight_kg": result.weight_kg,
                       "height_cm": result.height_cm, "scr": result.scr_given, "scr_unit": result.scr_unit,
                       "scr_mg_dl": round(result.scr_mg_dl, 3)},
            "ideal_body_weight_kg": result.ideal_body_weight_kg and round(result.ideal_body_weight_kg, 1),
            "adjusted_body_weight_kg": result.adjusted_body_weight_kg and round(result.adjusted_body_weight_kg, 1),
            "weight_used_kg": round(result.weight_used_kg, 1), "weight_rule": result.weight_rule}


def _band_json(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {"label": band.label, "low": band.low, "high": band.high, "low_inclusive": band.low_inclusive,
            "high_inclusive": band.high_inclusive, "text": band.text, "action": band.guidance.action,
            "line": band.line, "measure": band.measure}


def titration_json(plan: Plan, crcl_result: CrclResult | None = None) -> dict[str, Any]:
    from ..dosing import as_json_amount, dated

    steps = []
    for step in plan.steps:
        first, last = dated(step, plan.start)
        steps.append({"label": step.label, "start_day": step.start_day if step.timing_stated or step.end_range is not None else None,
                      "end_day": step.end_day,
                      "end_day_range": list(step.end_range) if step.end_range is not None else None, "dose": as_json_amount(step.dose), "unit": step.unit,
                      "times_per_day": as_json_amount(step.times_per_day),
                      "daily_dose": as_json_amount(step.daily_dose),
                      "start_date": first.isoformat() if first else None, "end_date": last.isoformat() if last else None,
                      "renal_adjusted": step.renal_adjusted, "timing_stated": step.timing_stated,
                      "unread": step.unread, "text": step.text, "line": step.line, "condition": step.condition})
    regimen = plan.regimen
    data: dict[str, Any] = {
        "drug": plan.dosing.drug,
        "indication": regimen.name if regimen is not None else None,
        "regimens": [r.name for r in plan.dosing.regimens],
        "crcl_ml_min": plan.patient.crcl_ml_min, "crcl_source": plan.patient.crcl_source,
        "dialysis": plan.patient.dialysis, "child_pugh": plan.patient.child_pugh,
        "band": _band_json(plan.band), "hepatic_band": _band_json(plan.hepatic_band),
        "recommended": plan.recommended,
        "refused": plan.refused,
        "steps": steps,
        "options": [{"text": o.text, "line": o.line, "daily_dose": as_json_amount(o.daily_dose)} for o in plan.options],
        "maintenance_daily_dose": as_json_amount(plan.maintenance_daily_dose),
        "max_daily_dose": as_json_amount(plan.max_daily_dose),
        "unit": plan.unit,
        "arithmetic": list(plan.arithmetic),
        "criteria": list(plan.criteria_notes),
        "shown_as_written": [{"label": label, "line": line, "text": text} for label, line, text in plan.shown_text],
        "warnings": list(plan.warnings),
        "source": {"file": plan.dosing.file, "section": regimen.section if regimen is not None else None,
                   "renal_section": plan.dosing.renal_section},
    }
    if crcl_result is not None:
        data["cockcroft_gault"] = crcl_json(crcl_result)
    return data


def _lines_json(medlist: MedList) -> dict[str, Any]:
    from ..medlist import to_json

    return {"lines": to_json(medlist), "skipped": [{"line": n or None, "text": t, "reason": why}
                                                   for n, t, why in medlist.skipped]}


def _rule_json(rule: Rule) -> dict[str, Any]:
    return {"severity": rule.severity, "kind": rule.kind, "effect": rule.effect, "washout": rule.washout,
            "agents": [{"word": a.word, "kind": a.kind} for a in rule.agents],
            "source": {"file": rule.file, "section": rule.section, "line": rule.line, "text": rule.text}}


def single_json(drug: DrugInfo, rules: tuple[Rule, ...], has_data: bool) -> dict[str, Any]:
    return {"drugs": [{"query": drug.query, "name": drug.name, "status": drug.status}],
            "has_interaction_data": has_data, "rules": [_rule_json(r) for r in rules], "pairs": [], "burden": [],
            "highest_severity": None}


def _finding_json(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": finding.kind, "severity": finding.severity, "effect": finding.effect,
        "management": finding.management,
        "source": {"file": finding.source.file, "line": finding.source.line, "section": finding.source.section,
                   "text": finding.source.text}}
    if finding.kind == "washout":
        data["washout"] = ({"stop": finding.stop, "start": finding.start, "at_least": finding.amount}
                           if finding.amount else None)  # null: shown as written, not computed
    return data


def check_json(result: CheckResult) -> dict[str, Any]:
    return {
        "drugs": [{"query": d.query, "name": d.name, "status": d.status, "suggestion": d.suggestion,
                   "queries": list(d.queries or (d.query,)), "count": d.named_times} for d in result.drugs],
        "pairs": [{"a": p.a, "b": p.b, "status": p.status, "severity": p.severity, "kind": p.kind,
                   "summary": p.summary, "washout": p.washout, "reason": p.reason,
                   "sources": [{"file": s.file, "section": s.section, "text": s.text, "line": s.line} for s in p.sources],
                   "findings": [_finding_json(f) for f in p.findings]}
                  for p in result.pairs],
        "burden": [{"group": b.group, "class": b.drug_class, "drugs": list(b.drugs), "count": len(b.drugs),
                    "source": {"file": b.source.file, "line": b.source.line, "section": b.source.section,
                               "text": b.source.text} if b.source else None}
                   for b in result.burden],
        "highest_severity": result.highest_severity,
    }


def lint_json(result: r.LintResult) -> dict[str, Any]:
    return {"files": [{"file": r.file, "problems": [{"line": p.line, "level": p.level, "message": p.message}
                                                    for p in r.problems]} for r in result.reports]}


class JsonReporter:
    """Results as one JSON document on `out`: indented for a person at a terminal, compact for programs."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _emit(self, data: dict[str, Any]) -> None:
        try:
            indent = 2 if self.out.isatty() else None
        except (AttributeError, ValueError):
            indent = None
        self.out.write(dumps(data, indent) + "\n")

    def show(self, result: r.ShownMonograph) -> None:
        self._emit(show_json(result))

    def drug_list(self, result: r.DrugList) -> None:
        self._emit(list_json(result))

    def search(self, result: r.SearchResults) -> None:
        self._emit(search_json(result))

    def crcl(self, result: CrclResult) -> None:
        self._emit(crcl_json(result))

    def titrate(self, result: r.Titration) -> None:
        self._emit(titration_json(result.plan, result.crcl))

    def interactions(self, result: r.InteractionReport) -> None:
        self._emit({**check_json(result.check), **_lines_json(result.medlist)})

    def drug_rules(self, result: r.DrugRules) -> None:
        self._emit({**single_json(result.drug, result.rules, result.has_data), **_lines_json(result.medlist)})

    def lint(self, result: r.LintResult) -> None:
        self._emit(lint_json(result))
