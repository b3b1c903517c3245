"""FHIR R4 input (issue 14, item 2): Bundles, single resources and NDJSON of MedicationRequest/MedicationStatement."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples, make_library
from drugref.errors import InvalidInput
from drugref.fhir import parse_json, read_fhir
from drugref.medlist import read_fhir_list

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"


def concept(display=None, code="000", text=None, system=RXNORM):
    out = {}
    if display:
        out["coding"] = [{"system": system, "code": code, "display": display}]
    if text:
        out["text"] = text
    return out


def request(rid, status="active", med=None, ref=None, contained=None, kind="MedicationRequest"):
    resource = {"resourceType": kind, "id": rid, "status": status, "subject": {"reference": "Patient/p1"}}
    if kind == "MedicationRequest":
        resource["intent"] = "order"
    if med is not None:
        resource["medicationCodeableConcept"] = med
    if ref is not None:
        resource["medicationReference"] = {"reference": ref}
    if contained:
        resource["contained"] = contained
    return resource


def bundle(*resources):
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": f"urn:uuid:{r.get('id', i)}", "resource": r} for i, r in enumerate(resources)]}


PATIENT = {"resourceType": "Patient", "id": "p1", "name": [{"family": "Doe"}]}
SYNTHEA = bundle(
    PATIENT,
    request("mr1", med=concept("sertraline 50 MG Oral Tablet", "312940")),
    request("mr2", med=concept("tramadol hydrochloride 50 MG Oral Tablet", "835603")),
    request("mr3", status="stopped", med=concept("Warfarin Sodium 5 MG Oral Tablet", "855332")),
    request("mr4", status="on-hold", ref="#med1",
            contained=[{"resourceType": "Medication", "id": "med1",
                        "code": concept("24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet", "860975")}]),
    request("ms1", kind="MedicationStatement", ref="urn:uuid:med2"),
    {"resourceType": "Medication", "id": "med2",
     "code": concept("Acetaminophen 325 MG / HYDROcodone Bitartrate 7.5 MG Oral Tablet", "856999")},
    request("mr5", status="entered-in-error", med=concept("Linezolid 600 MG Oral Tablet")),
    request("mr6", med={"text": "  "}),
    request("mr7", ref="Medication/missing"),
    {"resourceType": "Encounter", "id": "e1"},
)


@pytest.fixture(scope="module")
def lib():
    return make_library(bundled=True)


def test_synthea_style_bundle(lib):
    fhir = read_fhir(json.dumps(SYNTHEA))
    assert [m.resource for m in fhir.medications] == ["MedicationRequest/mr1", "MedicationRequest/mr2",
                                                      "MedicationRequest/mr4", "MedicationStatement/ms1"]
    skipped = {s.resource: s.reason for s in fhir.skipped}
    assert "--all-statuses" in skipped["MedicationRequest/mr3"]
    assert skipped["MedicationRequest/mr5"] == "status entered-in-error"
    assert "names no medication" in skipped["MedicationRequest/mr6"]
    assert "'Medication/missing'" in skipped["MedicationRequest/mr7"]
    assert fhir.ignored == {"Patient": 1, "Encounter": 1}
    medlist = read_fhir_list(lib, fhir)
    assert [[i.name for i in line.ingredients] for line in medlist.lines] == [
        ["Sertraline"], ["Tramadol"], ["Metformin"], [None, "hydrocodone"]]


def test_all_statuses_reads_stopped_but_never_entered_in_error():
    fhir = read_fhir(json.dumps(SYNTHEA), all_statuses=True)
    resources = [m.resource for m in fhir.medications]
    assert "MedicationRequest/mr3" in resources and "MedicationRequest/mr5" not in resources


def test_rxnorm_display_before_text_and_text_alone():
    both = request("a", med={"coding": [{"system": "http://snomed.info/sct", "code": "1", "display": "Zoloft"},
                                        {"system": RXNORM, "code": "2", "display": "sertraline 50 MG Oral Tablet"}],
                             "text": "Zoloft 50mg tablet"})
    text_only = request("b", med={"text": "Tramadol 50 mg PO q6h PRN"})
    fhir = read_fhir(json.dumps(bundle(both, text_only)))
    assert fhir.medications[0].texts == ("sertraline 50 MG Oral Tablet", "Zoloft 50mg tablet", "Zoloft")
    assert fhir.medications[1].texts == ("Tramadol 50 mg PO q6h PRN",)


def test_codings_naming_different_drugs_refuse(lib):
    odd = request("c", med={"coding": [{"system": RXNORM, "code": "1", "display": "sertraline 50 MG Oral Tablet"}],
                            "text": "tramadol 50 mg"})
    [line] = read_fhir_list(lib, read_fhir(json.dumps(odd))).lines
    assert line.status == "conflict" and not line.assessable


def test_r5_codeable_reference_is_read_too():
    concept_only = {"resourceType": "MedicationStatement", "id": "r5a", "status": "recorded",
                    "medication": {"concept": concept("sertraline 50 MG Oral Tablet")}}
    referenced = {"resourceType": "MedicationRequest", "id": "r5b", "status": "active",
                  "medication": {"reference": {"reference": "#m"}},
                  "contained": [{"resourceType": "Medication", "id": "m", "code": concept("tramadol 50 MG Oral Tablet")}]}
    fhir = read_fhir(json.dumps(bundle(concept_only, referenced)), all_statuses=True)
    assert [m.texts[0] for m in fhir.medications] == ["sertraline 50 MG Oral Tablet", "tramadol 50 MG Oral Tablet"]


def test_a_combination_is_never_narrowed_by_its_text(lib):
    combo = request("d", med={"coding": [{"system": RXNORM, "code": "1",
                                          "display": "zzqxvrine 10 MG / lisinopril 20 MG Oral Tablet"}],
                              "text": "lisinopril 20 mg"})
    [line] = read_fhir_list(lib, read_fhir(json.dumps(combo))).lines
    assert line.status == "partial" and [i.status for i in line.ingredients] == ["unknown", "monograph"]
    brand_only = request("e", med={"coding": [{"system": RXNORM, "code": "1", "display": "Zzqxvr 10 mg"}],
                                   "text": "sertraline 50 mg"})
    [line] = read_fhir_list(lib, read_fhir(json.dumps(brand_only))).lines
    assert line.status == "resolved" and line.ingredients[0].name == "Sertraline"


def test_versioned_and_absolute_references():
    med = {"resourceType": "Medication", "id": "m1", "code": concept("warfarin sodium 5 MG Oral Tablet")}
    versioned = request("v", ref="Medication/m1/_history/3")
    absolute = request("a", ref="https://ehr.example/fhir/Medication/m1")
    logical = {"resourceType": "MedicationRequest", "id": "l", "status": "active",
               "medicationReference": {"identifier": {"value": "123"}}}
    fhir = read_fhir(json.dumps(bundle(med, versioned, absolute, logical)))
    assert [m.resource for m in fhir.medications] == ["MedicationRequest/v", "MedicationRequest/a"]
    assert fhir.skipped[0].reason == "its medicationReference has no reference or display"


def test_ndjson_and_single_resource():
    lines = "\n".join(json.dumps(request(f"r{i}", med=concept(name))) for i, name in
                      enumerate(["sertraline 50 MG Oral Tablet", "tramadol 50 MG Oral Tablet"]))
    assert len(read_fhir(lines).medications) == 2
    assert len(read_fhir(json.dumps(request("x", med=concept("warfarin 5 MG Oral Tablet")))).medications) == 1


def test_medication_with_ingredients_only(lib):
    med = {"resourceType": "Medication", "id": "combo",
           "ingredient": [{"itemCodeableConcept": concept("amlodipine")}, {"itemCodeableConcept": concept("benazepril")}]}
    fhir = read_fhir(json.dumps(bundle(med, request("m", ref="Medication/combo"))))
    [line] = read_fhir_list(lib, fhir).lines
    assert [i.name for i in line.ingredients] == ["Amlodipine", "benazepril"]


@pytest.mark.parametrize("text, message", [
    ("", "empty"), ("{not json", "not FHIR JSON"), ('{"a": 1}', "no FHIR resources"),
    ('{"resourceType": "Patient"}\n{oops', "NDJSON line 2"),
])
def test_bad_input_is_one_clear_error(text, message):
    with pytest.raises(InvalidInput) as raised:
        parse_json(text)
    assert message in str(raised.value)


@settings(max_examples=examples(200), deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["resourceType", "status", "medicationCodeableConcept", "coding", "text",
                                         "display", "system", "entry", "resource", "medicationReference", "reference",
                                         "contained", "id", "code", "ingredient", "itemCodeableConcept"]),
                        inner, max_size=5), max_leaves=30))
def test_any_json_is_read_or_refused(document):
    try:
        read_fhir(json.dumps(document))
    except InvalidInput:
        pass


# ------------------------------------------------------------------ the command

def test_cli_fhir_bundle(run, tmp_path):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(SYNTHEA))
    code, out, err = run("interactions", "--fhir", str(path))
    assert code == 0
    assert "Sertraline + Tramadol" in out and "Warfarin" not in out.split("As read")[0]
    assert "MedicationRequest/mr3: skipped, status stopped; --all-statuses reads it" in out
    code, out, _ = run("interactions", "--fhir", str(path), "--all-statuses")
    assert "Sertraline + Warfarin" in out
    code, _, err = run("interactions", "--fhir", str(path), "--fail-on", "contraindicated")
    assert code == 1 and "MedicationStatement/ms1" in err and "Acetaminophen" in err


def test_cli_fhir_json_and_stdin(run_json):
    code, data, _ = run_json("interactions", "--fhir", "-", input=json.dumps(SYNTHEA))
    assert code == 0
    assert [line["source"] for line in data["lines"]] == ["MedicationRequest/mr1", "MedicationRequest/mr2",
                                                          "MedicationRequest/mr4", "MedicationStatement/ms1"]
    assert {s["text"] for s in data["skipped"]} >= {"MedicationRequest/mr3", "MedicationRequest/mr7"}


def test_cli_fhir_errors(run, tmp_path):
    code, _, err = run("interactions", "--fhir", str(tmp_path / "none.json"))
    assert code == 2 and "--fhir" in err
    code, _, err = run("interactions", "--fhir", "-", "--file", "-", input="{}")
    assert code == 2
    stopped = bundle(request("s", status="stopped", med=concept("warfarin 5 MG Oral Tablet")))
    code, _, err = run("interactions", "--fhir", "-", input=json.dumps(stopped))
    assert code == 2 and "MedicationRequest/s" in err
