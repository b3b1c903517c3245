"""Cockcroft-Gault creatinine clearance, with the weight rule stated."""
from __future__ import annotations

import math
from typing import NamedTuple

from .errors import InvalidInput

UMOL_PER_MGDL = 88.42  # µmol/L of creatinine in 1 mg/dL
INCHES_PER_CM = 1 / 2.54
AGE_YEARS = (18.0, 120.0)
WEIGHT_KG = (20.0, 400.0)
HEIGHT_CM = (100.0, 250.0)
SCR_MG_DL = (0.1, 20.0)  # plausible serum creatinine
CRCL_ML_MIN = (0.0, 250.0)
FORMULA = "CrCl = (140 - age) × weight / (72 × SCr) × 0.85 if female"


class CrclResult(NamedTuple):
    """A Cockcroft-Gault estimate and everything that went into it."""

    crcl_ml_min: float
    age_years: float
    sex: str  # female | male
    weight_kg: float  # actual body weight given
    height_cm: float | None
    scr_mg_dl: float
    scr_given: float
    scr_unit: str  # mgdl | umol
    ideal_body_weight_kg: float | None
    adjusted_body_weight_kg: float | None
    weight_used_kg: float
    weight_rule: str
    formula: str = FORMULA


def _check(value: float, bounds: tuple[float, float], option: str, unit: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInput(f"must be a number, not {value!r}", option=option)
    if not math.isfinite(value):
        raise InvalidInput(f"must be a finite number, not {value!r}", option=option)
    low, high = bounds
    if not (low <= value <= high):
        raise InvalidInput(f"{value:g} {unit} is outside the plausible range {low:g}–{high:g} {unit}", option=option)
    return float(value)


def ideal_body_weight_kg(height_cm: float, sex: str) -> float:
    """Devine formula: 50 kg (male) or 45.5 kg (female) + 2.3 kg per inch over 5 feet."""
    inches_over_five_feet = max(0.0, height_cm * INCHES_PER_CM - 60.0)
    return (50.0 if sex == "male" else 45.5) + 2.3 * inches_over_five_feet


def normalise_sex(sex: str) -> str:
    value = (sex or "").strip().lower()
    if value in ("f", "female", "woman"):
        return "female"
    if value in ("m", "male", "man"):
        return "male"
    raise InvalidInput(f"must be female or male (f/m), not {sex!r}", option="--sex")


def cockcroft_gault(age_years: float, weight_kg: float, scr: float, sex: str, height_cm: float | None = None,
                    scr_unit: str = "mgdl") -> CrclResult:
    """Estimate CrCl (mL/min). With height, the weight follows the usual rule: actual weight when
    below ideal, adjusted weight (IBW + 0.4 × (actual − IBW)) when above 120% of ideal, else ideal."""
    sex = normalise_sex(sex)
    age = _check(age_years, AGE_YEARS, "--age", "years")
    weight = _check(weight_kg, WEIGHT_KG, "--weight", "kg")
    unit = (scr_unit or "").strip().lower()
    if unit in ("mgdl", "mg/dl"):
        unit = "mgdl"
        low_umol, high_umol = SCR_MG_DL[0] * UMOL_PER_MGDL, SCR_MG_DL[1] * UMOL_PER_MGDL
        if isinstance(scr, (int, float)) and scr > SCR_MG_DL[1] and low_umol <= scr <= high_umol:
            raise InvalidInput(f"{scr:g} mg/dL is outside the plausible range {SCR_MG_DL[0]:g}–{SCR_MG_DL[1]:g} mg/dL; "
                               f"if it is in µmol/L, add --scr-unit umol (or write --scr {scr:g}umol)", option="--scr")
        scr_mg_dl = _check(scr, SCR_MG_DL, "--scr", "mg/dL")
        given = scr_mg_dl
    elif unit in ("umol", "µmol", "umol/l", "µmol/l"):
        unit = "umol"
        given = _check(scr, (SCR_MG_DL[0] * UMOL_PER_MGDL, SCR_MG_DL[1] * UMOL_PER_MGDL), "--scr", "µmol/L")
        scr_mg_dl = given / UMOL_PER_MGDL
    else:
        raise InvalidInput(f"must be mgdl or umol, not {scr_unit!r}", option="--scr-unit")
    ibw = abw = None
    if height_cm is None:
        used, rule = weight, "actual body weight (no height given)"
    else:
        height = _check(height_cm, HEIGHT_CM, "--height", "cm")
        ibw = ideal_body_weight_kg(height, sex)
        abw = ibw + 0.4 * (weight - ibw)
        if weight < ibw:
            used, rule = weight, "actual body weight (it is below ideal body weight)"
        elif weight > 1.2 * ibw:
            used, rule = abw, "adjusted body weight: actual is over 120% of ideal (IBW + 0.4 × (actual − IBW))"
        else:
            used, rule = ibw, "ideal body weight (Devine), actual is within 120% of it"
    crcl = (140.0 - age) * used / (72.0 * scr_mg_dl)
    if sex == "female":
        crcl *= 0.85
    if not (CRCL_ML_MIN[0] <= crcl <= CRCL_ML_MIN[1]):
        raise InvalidInput(f"these inputs give a CrCl of {crcl:.0f} mL/min, outside 0–250: check them")
    return CrclResult(round(crcl, 1), age, sex, weight, height_cm, scr_mg_dl, given, unit, ibw, abw, used, rule)
