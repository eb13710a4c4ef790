//! What an exported chart says clinically, for the round trip to compare: each resource
//! projected on its content (no ids, references, recorders or meta), visits with their notes
//! and ranked diagnoses.

use super::super::*;

fn superseded(r: &Value) -> bool {
    r["extension"].as_array().is_some_and(|x| {
        x.iter().any(|e| {
            e["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/supersededAt"))
        })
    })
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An exported instant's day at the test practice (New York).
fn practice_day(v: &Value) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(v.as_str()?).ok()?;
    Some(
        at.with_timezone(&chrono_tz::America::New_York)
            .date_naive()
            .to_string(),
    )
}

/// What a resource says clinically, without what only the system that holds it decides:
/// ids, references, who recorded it and when, meta. Imported prescriptions come back as
/// reported medications and doses given here as historical doses (this practice did not
/// sign or give them), so those are compared on what they say, not on their resource type.
fn content(r: &Value) -> Option<(String, Value)> {
    let kind = r["resourceType"].as_str()?;
    let text = |v: &Value| v.as_str().map(str::to_string);
    let first_date = |v: &Value| text(v).map(|d| d.chars().take(10).collect::<String>());
    let coding = |v: &Value| {
        json!({
            "codes": v["coding"].as_array().map(|c| c.iter()
                .map(|c| json!([c["system"], c["code"]])).collect::<Vec<_>>()),
            "text": v["text"],
        })
    };
    let status = |v: &Value| v["coding"][0]["code"].clone();
    let erroneous = r["verificationStatus"]["coding"][0]["code"] == "entered-in-error"
        || r["status"] == "entered-in-error";
    if erroneous {
        return None;
    }
    let projected = match kind {
        "Patient" => json!({
            "name": r["name"], "birthDate": r["birthDate"], "gender": r["gender"],
            "telecom": r["telecom"].as_array().map(|t| t.iter()
                .map(|t| json!([t["system"], t["value"], t["use"]])).collect::<Vec<_>>()),
            "address": r["address"], "contact": r["contact"], "communication": r["communication"],
            "deceased": r["deceasedDateTime"], "active": r["active"],
            "extension": r["extension"], "mrn": r["identifier"][0]["value"],
        }),
        "Condition" if r["category"][0]["coding"][0]["code"] == "problem-list-item" => json!({
            "code": coding(&r["code"]), "clinical": status(&r["clinicalStatus"]),
            "onset": r["onsetDateTime"], "abatement": r["abatementDateTime"], "note": r["note"],
        }),
        "AllergyIntolerance" => json!({
            // A coded substance is named by the catalogue; free text as typed.
            "code": if r["code"]["coding"].is_array() { coding(&r["code"])["codes"].clone() } else { r["code"]["text"].clone() }, "clinical": status(&r["clinicalStatus"]),
            // The category comes from the catalogue (the generator also wrote it on free text).
            "type": r["type"], "criticality": r["criticality"],
            "category": if r["code"]["coding"].is_array() { r["category"].clone() } else { Value::Null },
            "onset": r["onsetDateTime"], "note": r["note"], "reaction": r["reaction"],
        }),
        "Immunization" => json!({
            // The name is the catalogue's for the CVX code (the generator wrote its own).
            "vaccine": coding(&r["vaccineCode"])["codes"], "status": r["status"],
            "date": r["occurrenceDateTime"], "lot": r["lotNumber"],
            "expires": r["expirationDate"], "site": r["site"], "route": r["route"],
            "dose": r["protocolApplied"], "education": r["education"],
            "statusReason": r["statusReason"],
        }),
        // BMI is derived: Charta computes it from the set's (or a recent) height, and the
        // generator wrote its own.
        "Observation" if r["code"]["coding"][0]["code"] == "39156-5" => return None,
        // A lab result: its report's grouping and review are the practice's own, and come
        // back as a result from elsewhere; the value, unit and judgement do not change.
        "Observation" if r["category"][0]["coding"][0]["code"] == "laboratory" => json!({
            "lab": coding(&r["code"])["codes"], "at": r["effectiveDateTime"],
            // The catalogue names a UCUM unit its own way (m[IU]/L is its mIU/L).
            "value": r["valueQuantity"]["value"],
            "unit": r["valueQuantity"]["unit"].as_str().map(|u| u.replace(['[', ']'], "")),
            "text": r["valueString"], "interpretation": r["interpretation"],
            "range": [r["referenceRange"][0]["low"]["value"], r["referenceRange"][0]["high"]["value"],
                r["referenceRange"][0]["text"]],
            "note": r["note"],
        }),
        "Observation" if r["category"][0]["coding"][0]["code"] == "social-history" => {
            if superseded(r) {
                return None;
            }
            json!({
                "social": r["code"], "value": r["valueCodeableConcept"],
                "asOf": r["effectiveDateTime"], "note": r["note"],
            })
        }
        "Observation" if r["category"][0]["coding"][0]["code"] == "vital-signs" => json!({
            "code": coding(&r["code"]), "at": r["effectiveDateTime"],
            "value": r["valueQuantity"]["value"].as_f64().map(|v| (v * 10.0).round() / 10.0),
            "unit": r["valueQuantity"]["code"], "component": r["component"],
        }),
        // A version Charta replaced later is not the chart's (its successor is).
        "FamilyMemberHistory" | "Procedure" if superseded(r) => return None,
        "FamilyMemberHistory" => json!({
            "relationship": r["relationship"], "condition": r["condition"],
        }),
        "Procedure" if r["category"]["coding"][0]["code"] == "387713003" => json!({
            "code": r["code"], "performed": r["performedDateTime"], "note": r["note"],
        }),
        // A screening procedure: its kind, place and score are in the extensions.
        "Procedure" if r["category"]["coding"][0]["code"] == "20135006" => json!({
            "screening": r["extension"], "code": r["code"], "performed": r["performedDateTime"],
            "location": r["location"], "outcome": r["outcome"],
        }),
        // A scanned document or a signed letter (a visit's note is its encounter's): what it
        // says — title, category, date, type, the bytes themselves. A letter comes back as a
        // correspondence document holding its PDF, dated the practice's day it was signed on.
        "DocumentReference" if r["context"]["encounter"].is_null() => {
            // The import's own document of the records it did not file is not the chart's.
            if r["description"] == "Imported records not filed in the chart" {
                return None;
            }
            let letter = r["category"][0]["text"] == "Letter";
            let ext = |name: &str, kind: &str| {
                r["extension"].as_array().and_then(|x| {
                    x.iter()
                        .find(|e| {
                            e["url"]
                                .as_str()
                                .is_some_and(|u| u.ends_with(&format!("/{name}")))
                        })
                        .map(|e| e[kind].clone())
                })
            };
            let attachment = r["content"]
                .as_array()?
                .iter()
                .map(|c| &c["attachment"])
                .find(|a| !letter || a["contentType"] == "application/pdf")?;
            let bytes = data_encoding::BASE64
                .decode(attachment["data"].as_str()?.as_bytes())
                .unwrap();
            json!({
                "title": r["description"],
                "category": if letter { json!("correspondence") } else { ext("documentCategory", "valueCode").unwrap_or_default() },
                "date": if letter { json!(practice_day(&r["date"])) } else { attachment["creation"].clone() },
                "mediaType": attachment["contentType"],
                "bytes": bytes.len(),
                "sha256": sha256(&bytes),
                "note": ext("note", "valueString").unwrap_or_else(|| json!("")),
            })
        }
        // A lab report: when it was collected and what was concluded (its results are the
        // Observations; its panel's name and its review are the practice's own).
        "DiagnosticReport" => json!({
            "at": r["effectiveDateTime"], "conclusion": r["conclusion"],
        }),
        // An appointment: when, with whom, what for and how it ended, and its place in a
        // recurring series. A visit under way or over comes back attended (checked out); its
        // visit link, its booking time and the series' ids are the practice's own.
        "Appointment" => {
            let charta = |name: &str, kind: &str| {
                r["extension"].as_array().and_then(|x| {
                    x.iter()
                        .find(|e| e["url"].as_str().is_some_and(|u| u.ends_with(name)))
                        .map(|e| e[kind].clone())
                })
            };
            let series = charta("/seriesRule", "valueString").map(|rule| {
                let mut rule: Value = serde_json::from_str(rule.as_str().unwrap()).unwrap();
                rule["splitFrom"] = json!(!rule["splitFrom"].is_null());
                json!({
                    "rule": rule,
                    "occurrence": charta("/seriesOccurrence", "valueInteger"),
                    "exception": charta("/seriesException", "valueBoolean"),
                })
            });
            let flow = r["extension"].as_array().and_then(|x| {
                x.iter()
                    .find(|e| {
                        e["url"]
                            .as_str()
                            .is_some_and(|u| u.ends_with("/appointmentStatus"))
                    })
                    .and_then(|e| e["valueCode"].as_str())
            });
            let overbook = r["extension"].as_array().and_then(|x| {
                x.iter()
                    .find(|e| {
                        e["url"]
                            .as_str()
                            .is_some_and(|u| u.ends_with("/overbookReason"))
                    })
                    .map(|e| e["valueString"].clone())
            });
            let outcome = match flow {
                Some("arrived" | "inRoom" | "withProvider" | "checkedOut") => "attended",
                other => other.unwrap_or(""),
            };
            let others: Vec<&Value> = r["participant"]
                .as_array()?
                .iter()
                .map(|p| &p["actor"])
                .filter(|a| {
                    !a["reference"]
                        .as_str()
                        .is_some_and(|r| r.starts_with("Patient/"))
                })
                .collect();
            json!({
                "start": r["start"], "end": r["end"], "type": r["appointmentType"],
                "reason": r["reasonCode"], "comment": r["comment"], "outcome": outcome,
                "cancelled": r["cancelationReason"], "overbook": overbook, "with": others,
                "series": series,
            })
        }
        "MedicationRequest" | "MedicationStatement" => {
            let stopped = matches!(r["status"].as_str(), Some("stopped"));
            json!({
                "drug": coding(&r["medicationCodeableConcept"]),
                "status": if stopped { "stopped" } else { r["status"].as_str().unwrap_or("") },
                "dosage": r["dosageInstruction"][0]["text"].as_str()
                    .or(r["dosage"][0]["text"].as_str()),
                "start": first_date(&r["dispenseRequest"]["validityPeriod"]["start"])
                    .or_else(|| first_date(&r["effectivePeriod"]["start"])),
            })
        }
        _ => return None,
    };
    let kind = if kind.starts_with("Medication") {
        "Medication"
    } else if projected.get("lab").is_some() {
        "LabResult"
    } else if projected.get("social").is_some() {
        "SocialHistory"
    } else if projected.get("screening").is_some() {
        "ScreeningProcedure"
    } else if projected.get("sha256").is_some() {
        "Document"
    } else {
        kind
    };
    Some((kind.to_string(), projected))
}

/// A note's text as lines, without the headings Charta gives the amendments it folds into an
/// outside visit's note (`Amendment, 2026-10-29: reason`): what the note says, in order.
fn note_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("Amendment, ") && !l.starts_with("Amendment:"))
        .map(str::to_string)
        .collect()
}

/// A visit that took place (signed here, or recorded elsewhere) as what it says clinically:
/// when, what kind, why, its note (the signed note, then the amendments by date) and its
/// diagnoses' codes in rank order. Charta's own visits come back as outside visits, so the
/// same visit is one Encounter, its DocumentReferences and Conditions either way; an unsigned
/// draft stays in the import's document.
fn encounter_content(r: &Value, resources: &[&Value]) -> Option<Value> {
    if r["status"] != "finished" {
        return None;
    }
    let reference = format!("Encounter/{}", r["id"].as_str()?);
    let mut notes: Vec<(bool, String, String)> = resources
        .iter()
        .filter(|d| d["resourceType"] == "DocumentReference" && d["status"] != "entered-in-error")
        .filter(|d| d["context"]["encounter"][0]["reference"] == reference.as_str())
        .map(|d| {
            let data = d["content"][0]["attachment"]["data"].as_str().unwrap_or("");
            let bytes = data_encoding::BASE64.decode(data.as_bytes()).unwrap();
            (
                d["docStatus"] == "amended",
                d["date"].as_str().unwrap_or("").to_string(),
                String::from_utf8(bytes).unwrap(),
            )
        })
        .collect();
    notes.sort();
    let note: Vec<String> = notes.iter().flat_map(|(_, _, t)| note_lines(t)).collect();
    let mut ranked: Vec<(u64, &str)> = r["diagnosis"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| Some((d["rank"].as_u64()?, d["condition"]["reference"].as_str()?)))
        .collect();
    ranked.sort();
    let diagnoses: Vec<Value> = ranked
        .iter()
        .filter_map(|(_, target)| {
            let id = target.strip_prefix("Condition/")?;
            resources
                .iter()
                .find(|c| c["resourceType"] == "Condition" && c["id"] == id)
                .map(|c| {
                    json!([
                        c["code"]["coding"][0]["system"],
                        c["code"]["coding"][0]["code"],
                        c["code"]["text"]
                    ])
                })
        })
        .collect();
    Some(json!({
        "start": r["period"]["start"], "class": r["class"]["code"], "type": r["type"][0]["text"],
        "reason": r["reasonCode"][0]["text"], "note": note, "diagnoses": diagnoses,
    }))
}

pub(super) fn contents(bundle: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(bundle).unwrap();
    let resources: Vec<&Value> = v["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .collect();
    let mut out: Vec<(String, String)> = resources
        .iter()
        .filter_map(|r| match r["resourceType"].as_str() {
            Some("Encounter") => {
                encounter_content(r, &resources).map(|p| ("Encounter".to_string(), p))
            }
            _ => content(r),
        })
        .filter(|(kind, p)| kind != "Medication" || p["status"] != "draft")
        .map(|(k, p)| (k, p.to_string()))
        .collect();
    out.sort();
    out
}
