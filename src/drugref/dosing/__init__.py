"""Dosing: read a monograph's regimens, renal and hepatic bands, and apply them to one patient.

`read_dosing` reads (phrases.py holds the grammar, bands.py the band tables, read.py the structure);
`plan` computes one answer per patient — a schedule, a verdict, or a refusal with the monograph's words —
which every output (terminal, plain text, JSON, iCalendar) renders.
"""
from .model import (
           Amount,
           Band,
           Criteria,
           Dosing,
           Guidance,
           Option,
           Patient,
           Plan,
           Regimen,
           Step,
           dated,
)
from .phrases import multiply, per_administration
from .plan import (
           as_json_amount,
           check_crcl,
           fmt_amount,
           lower,
           plan,
           upper,
)
from .read import read_dosing

__all__ = ["Amount", "Band", "Criteria", "Dosing", "Guidance", "Option", "Patient", "Plan", "Regimen", "Step",
           "as_json_amount", "check_crcl", "dated", "fmt_amount", "lower", "multiply", "per_administration", "plan",
           "read_dosing", "upper"]
