"""FHIR R4 medication input: MedicationRequest / MedicationStatement resources read to medication-list entries."""
from __future__ import annotations

import json
from typing import Any, NamedTuple

from .errors import InvalidInput

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
MEDICATION_TYPES = ("MedicationRequest", "MedicationStatement")
CURRENT = frozenset({"active", "on-hold"})  # read by default; --all-statuses reads the rest
NEVER = frozenset({"entered-in-error"})  # a record made by mistake is no medication at all
MAX_RESOURCES = 100_000

JsonObject = dict[str, Any]  # a FHIR resource as json.loads gives it


class FhirMedication(NamedTuple):
    """One medication a resource names: the texts to read, best first."""

    resource: str  # "MedicationRequest/abc"
    status: str
    texts: tuple[str, ...]  # RxNorm displays, then CodeableConcept.text, then other displays


class FhirSkipped(NamedTuple):
    resource: str  # "MedicationRequest/abc" (or the type and position when it has no id)
    reason: str


class FhirInput(NamedTuple):
    medications: tuple[FhirMedication, ...]
    skipped: tuple[FhirSkipped, ...]
    ignored: dict[str, int]  # resource type -> count of resources that are not medication statements or requests


def parse_json(text: str, where: str = "--fhir") -> list[JsonObject]:
    """The resources in a Bundle, a single resource, a JSON array of resources, or NDJSON."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InvalidInput("the FHIR input is empty", option=where)
    try:
        data = json.loads(text)
        documents = data if isinstance(data, list) else [data]
    except json.JSONDecodeError as whole_error:
        documents = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                documents.append(json.loads(line))
            except json.JSONDecodeError as exc:
                if number == 1:
                    raise InvalidInput(f"not FHIR JSON or NDJSON: line {whole_error.lineno}, column "
                                       f"{whole_error.colno}: {whole_error.msg}", option=where) from None
                raise InvalidInput(f"NDJSON line {number} is not JSON: {exc.msg}", option=where) from None
    resources: list[JsonObject] = []
    for document in documents:
        _collect(document, resources)
        if len(resources) > MAX_RESOURCES:
            raise InvalidInput(f"more than {MAX_RESOURCES:,} resources", option=where)
    if not resources:
        raise InvalidInput("no FHIR resources found (expected a Bundle, a resource or NDJSON)", option=where)
    return resources


def _collect(document: object, out: list[JsonObject], depth: int = 0) -> None:
    if not isinstance(document, dict) or depth > 5:
        return
    if document.get("resourceType") == "Bundle":
        for entry in document.get("entry") or []:
            if isinstance(entry, dict) and isinstance(entry.get("resource"), dict):
                resource = entry["resource"]
                if entry.get("fullUrl") and isinstance(entry["fullUrl"], str):
                    resource = {**resource, "_fullUrl": entry["fullUrl"]}
                if resource.get("resourceType") == "Bundle":
                    _collect(resource, out, depth + 1)
                else:
                    out.append(resource)
        return
    if isinstance(document.get("resourceType"), str):
        out.append(document)


def _label(resource: JsonObject, position: int) -> str:
    kind = resource.get("resourceType") or "resource"
    rid = resource.get("id")
    return f"{kind}/{rid}" if isinstance(rid, str) and rid else f"{kind} #{position} (no id)"


def _concept_texts(concept: object) -> list[str]:
    """RxNorm displays first, then the concept's text, then other codings' displays."""
    if not isinstance(concept, dict):
        return []
    rxnorm: list[str] = []
    other: list[str] = []
    for coding in concept.get("coding") or []:
        if isinstance(coding, dict) and isinstance(coding.get("display"), str) and coding["display"].strip():
            (rxnorm if str(coding.get("system", "")).rstrip("/") == RXNORM else other).append(coding["display"].strip())
    text = concept.get("text") if isinstance(concept.get("text"), str) and concept["text"].strip() else None
    return list(dict.fromkeys([*rxnorm, *([text.strip()] if text else []), *other]))


def _medication_texts(medication: JsonObject) -> list[str]:
    """A Medication resource: its code, else its ingredients joined as a combination."""
    texts = _concept_texts(medication.get("code"))
    if texts:
        return texts
    names = []
    for ingredient in medication.get("ingredient") or []:
        if isinstance(ingredient, dict):
            found = _concept_texts(ingredient.get("itemCodeableConcept"))
            if found:
                names.append(found[0])
    return [" / ".join(names)] if names else []


def read_resources(resources: list[JsonObject], all_statuses: bool = False) -> FhirInput:
    """Medications named by MedicationRequest/MedicationStatement resources; what cannot be used, with its id."""
    by_reference: dict[str, JsonObject] = {}
    for resource in resources:
        if resource.get("resourceType") == "Medication":
            if isinstance(resource.get("id"), str):
                by_reference[f"Medication/{resource['id']}"] = resource
            if isinstance(resource.get("_fullUrl"), str):
                by_reference[resource["_fullUrl"]] = resource
                tail = resource["_fullUrl"].rstrip("/").split("/")
                if len(tail) >= 2 and tail[-2] == "Medication":
                    by_reference[f"Medication/{tail[-1]}"] = resource
    medications: list[FhirMedication] = []
    skipped: list[FhirSkipped] = []
    ignored: dict[str, int] = {}
    for position, resource in enumerate(resources, 1):
        kind = resource.get("resourceType")
        if kind not in MEDICATION_TYPES:
            if kind != "Medication":
                ignored[str(kind)] = ignored.get(str(kind), 0) + 1
            continue
        label = _label(resource, position)
        status: str = resource["status"] if isinstance(resource.get("status"), str) else "unknown"
        if status in NEVER:
            skipped.append(FhirSkipped(label, f"status {status}"))
            continue
        if status not in CURRENT and not all_statuses:
            skipped.append(FhirSkipped(label, f"status {status}; --all-statuses reads it"))
            continue
        medication_r5: JsonObject = resource["medication"] if isinstance(resource.get("medication"), dict) else {}
        texts = _concept_texts(resource.get("medicationCodeableConcept") or medication_r5.get("concept"))
        if not texts and ("medicationReference" in resource or "reference" in medication_r5):
            # R4 medicationReference; R5's CodeableReference `medication.reference` read the same way
            reference = resource.get("medicationReference") or medication_r5.get("reference")
            ref = reference.get("reference") if isinstance(reference, dict) else None
            medication: JsonObject | None = None
            if isinstance(ref, str) and ref.startswith("#"):
                medication = next((c for c in resource.get("contained") or []
                                   if isinstance(c, dict) and c.get("resourceType") == "Medication"
                                   and c.get("id") == ref[1:]), None)
            elif isinstance(ref, str):
                plain = ref.split("/_history/", 1)[0].rstrip("/")  # a versioned reference names the same Medication
                medication = by_reference.get(ref) or by_reference.get(plain) or \
                    by_reference.get("/".join(plain.split("/")[-2:]))
            if medication is not None:
                texts = _medication_texts(medication)
            elif isinstance(reference, dict) and isinstance(reference.get("display"), str) and reference["display"].strip():
                texts = [reference["display"].strip()]
            else:
                skipped.append(FhirSkipped(label, f"its Medication {ref!r} is not in the input" if isinstance(ref, str)
                                           else "its medicationReference has no reference or display"))
                continue
        if not texts:
            skipped.append(FhirSkipped(label, "it names no medication: no RxNorm display, code text or Medication"))
            continue
        medications.append(FhirMedication(label, status, tuple(texts)))
    return FhirInput(tuple(medications), tuple(skipped), ignored)


def read_fhir(text: str, all_statuses: bool = False) -> FhirInput:
    return read_resources(parse_json(text), all_statuses)
