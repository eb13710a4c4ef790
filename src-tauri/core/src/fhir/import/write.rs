//! One patient's import inside one transaction: matched (already imported, or a possible
//! duplicate) or checked whole — the registration and every record through the checks the
//! chart's own forms use — and only then written, with its audit row. Any issue means
//! nothing of this patient is written.

use super::plan::{Plan, Record};
use super::{tallies, ChartOutcome, ChartReport, IdSpace, ImportIssue};
use crate::access::Actor;
use crate::audit::{self, Outcome};
use crate::chart::allergies::{self, AllergyChange};
use crate::chart::problems::{self, ProblemChange};
use crate::chart::vitals::{self, validate::validate as validate_vitals};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{
    AllergyId, AllergyStatementId, AppointmentId, DocumentId, HistoryEntryId, ImmunizationId,
    LabReportId, MedicationId, OutsideDiagnosisId, OutsideVisitId, PatientId, ProblemId,
    ScreeningProcedureId, VitalsId,
};
use crate::immunizations::{validate_immunization, Recorder};
use crate::medications::prescriptions::{insert_reported, validate_reported};
use crate::medications::{Medication, MedicationStatus};
use crate::patient::{duplicates, validate_draft, ValidPatient};
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use std::collections::BTreeMap;

pub(super) struct Context<'a> {
    pub actor: &'a Actor,
    pub ids: IdSpace,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub tz: Tz,
    /// The schedule's providers, types and rooms, read once for the whole import.
    pub book: crate::csv_import::appointment_rows::Book,
}

/// Where in the resource a form field came from, for the issue's path.
fn fhir_path(record: Option<&Record>, field: &str) -> String {
    if let Some(Record::Document(d)) = record {
        return d.path_of(field);
    }
    let path = match (record, field) {
        (None, "familyName") => "name.family",
        (None, "givenName") => "name.given",
        (None, "middleName") => "name.given",
        (None, "dateOfBirth") => "birthDate",
        (None, "deceasedOn") => "deceasedDateTime",
        (None, "email") => "telecom",
        (None, f) if f.starts_with("phones") => "telecom",
        (None, f) if f.starts_with("address") => "address",
        (None, f) if f.starts_with("emergency") => "contact",
        (Some(Record::Problem(_)), "code") => "code.coding",
        (Some(Record::Problem(_)), "description") => "code.text",
        (Some(Record::Problem(_)), "onset") => "onsetDateTime",
        (Some(Record::Problem(_)), "resolved") => "abatementDateTime",
        (Some(Record::Allergy(_)), "substance" | "substanceCode") => "code",
        (Some(Record::Allergy(_)), "onset") => "onsetDateTime",
        (Some(Record::Allergy(_)), "reaction") => "reaction",
        (Some(Record::Medication(_)), "name" | "productCode") => "medicationCodeableConcept",
        (Some(Record::Medication(_)), "howTaken") => "dosage",
        (Some(Record::Medication(_)), "startDate") => "effectivePeriod.start",
        (Some(Record::Immunization(_)), "cvx") => "vaccineCode",
        (Some(Record::Immunization(_)), "givenOn") => "occurrenceDateTime",
        (Some(Record::Immunization(_)), "lot") => "lotNumber",
        (Some(Record::Immunization(_)), "expiresOn") => "expirationDate",
        (Some(Record::Immunization(_)), "doseNumber") => "protocolApplied",
        (Some(Record::Immunization(_)), "visDate") => "education",
        (Some(Record::Immunization(_)), "givenByName") => "performer",
        (Some(Record::Immunization(_)), "sourceNote") => "reportOrigin",
        (Some(Record::Vitals(_)), "takenAt") => "effectiveDateTime",
        (Some(Record::Family(_)), "relative") => "relationship",
        (Some(Record::Family(_)), "code" | "condition") => "condition.code",
        (Some(Record::Family(_)), "onsetAge") => "condition.onsetAge",
        (Some(Record::Surgical(_)), "procedure") => "code",
        (Some(Record::Surgical(_)), "performedOn") => "performedDateTime",
        (Some(Record::Screening(_)), "procedure") => "code",
        (Some(Record::Screening(_)), "performedOn") => "performed[x]",
        (Some(Record::Screening(_)), "facility") => "location.display",
        (Some(Record::Screening(_)), "score") => "extension",
        (Some(Record::Screening(_)), "resultNote") => "outcome.text",
        (Some(Record::Social(..)), "status") => "valueCodeableConcept",
        (Some(Record::Social(..)), "asOf") => "effectiveDateTime",
        (Some(Record::Social(..)), _) => "note",
        (Some(Record::Vitals(_)), _) => "valueQuantity.value",
        (Some(Record::OutsideVisit(_)), "startedAt") => "period.start",
        (Some(Record::OutsideVisit(_)), "endedAt") => "period.end",
        (Some(Record::OutsideVisit(_)), "visitType") => "type",
        (Some(Record::OutsideVisit(_)), "reason") => "reasonCode",
        (Some(Record::OutsideVisit(_)), "clinician") => "participant",
        (Some(Record::OutsideVisit(_)), "place") => "serviceProvider",
        (Some(Record::OutsideVisit(_)), "note") => "DocumentReference.content",
        (Some(Record::OutsideVisit(_)), f) if f.starts_with("diagnoses") => "Condition.code",
        (_, f) => f,
    };
    if path == field {
        path.to_string()
    } else {
        format!("{path} ({field})")
    }
}

/// Field errors from a form's checks, as issues of the resource(s) they came from.
fn issues_from(
    error: CoreError,
    from: &[String],
    record: Option<&Record>,
) -> CoreResult<Vec<ImportIssue>> {
    match error {
        CoreError::Invalid(errors) => Ok(errors
            .into_iter()
            .map(|e: FieldError| {
                ImportIssue::new(from.join(", "), &fhir_path(record, &e.field), e.message)
            })
            .collect()),
        other => Err(other),
    }
}

fn report(plan: &Plan<'_>, outcome: ChartOutcome, mrn: Option<u32>, detail: String) -> ChartReport {
    filed_report(plan, outcome, mrn, detail, &[])
}

/// The report, with the appointments the book refused counted as kept, not as records.
fn filed_report(
    plan: &Plan<'_>,
    outcome: ChartOutcome,
    mrn: Option<u32>,
    detail: String,
    refused: &[super::kept::Refused<'_>],
) -> ChartReport {
    let mut records: BTreeMap<String, u32> = BTreeMap::new();
    for item in &plan.items {
        *records.entry(item.record.label().to_string()).or_default() += 1;
    }
    if let Some(n) = records.get_mut("appointments") {
        *n = n.saturating_sub(u32::try_from(refused.len()).unwrap_or(u32::MAX));
    }
    records.retain(|_, n| *n > 0);
    ChartReport {
        resource: plan.resource.clone(),
        name: plan.patient.display.clone(),
        birth_date: plan.patient.draft.date_of_birth.clone(),
        outcome,
        mrn,
        detail,
        records: tallies(&records),
        kept: tallies(&super::kept::kept_counts(plan, refused)),
        skipped: tallies(&plan.skipped),
        issues: plan.issues.clone(),
        shown: Vec::new(),
    }
}

/// A checked record, ready to write (a document's bytes still the plan's).
enum Checked<'a> {
    Problem(ProblemId, problems::ValidProblem),
    Allergy(AllergyId, allergies::AllergySnapshot),
    NoKnownAllergies(AllergyStatementId, bool),
    Medication(Box<Medication>),
    Immunization(Box<crate::immunizations::NewImmunization>),
    Vitals(VitalsId, Box<vitals::validate::ValidVitals>),
    LabReport(Box<crate::labs::NewLabReport>, Option<&'a str>),
    Family(HistoryEntryId, crate::chart::histories::ValidFamily),
    Surgical(HistoryEntryId, crate::chart::histories::ValidSurgical),
    Screening(ScreeningProcedureId, crate::reminders::ValidProcedure),
    Social(
        HistoryEntryId,
        crate::chart::histories::SocialKind,
        crate::chart::histories::ValidSocial,
    ),
    OutsideVisit(
        OutsideVisitId,
        Box<crate::chart::outside_visits::OutsideVisitDraft>,
        Vec<OutsideDiagnosisId>,
    ),
    Document(Box<super::documents::ValidDocument<'a>>),
    /// Booked by `book_appointments` once the chart's records are written.
    Appointment(&'a super::appointments::ImportedAppointment, AppointmentId),
}

pub(super) fn apply(
    tx: &Connection,
    plan: &Plan<'_>,
    ctx: &Context<'_>,
    dry_run: bool,
) -> CoreResult<ChartReport> {
    let source = plan.patient.source.as_str();
    if let Some((_, mrn)) = store::fhir_imports::find(tx, source)? {
        return Ok(report(
            plan,
            ChartOutcome::AlreadyImported,
            Some(mrn),
            format!("{source} was imported before, as chart {mrn}"),
        ));
    }
    let mut issues = plan.issues.clone();
    let valid = match validate_draft(&plan.patient.draft, ctx.today) {
        Ok(v) => Some(v),
        Err(e) => {
            issues.extend(issues_from(e, std::slice::from_ref(&plan.resource), None)?);
            None
        }
    };
    let Some(valid) = valid else {
        return Ok(invalid(plan, issues));
    };
    let candidates = duplicates(tx, &valid, None, ctx.today)?;
    if let Some(first) = candidates.first() {
        let shown: Vec<PatientId> = candidates.iter().map(|c| c.patient.id).collect();
        let mut matched = report(
            plan,
            ChartOutcome::PossibleDuplicate,
            Some(first.patient.mrn),
            format!(
                "may be {} {} (chart {}, born {}), already registered; not imported (merge by hand, or register separately)",
                first.patient.given_name, first.patient.family_name, first.patient.mrn, first.patient.date_of_birth
            ),
        );
        matched.shown = shown;
        return Ok(matched);
    }
    let id = PatientId::from_uuid(uuid::Uuid::from_u128(ctx.ids.derive(&[source, "patient"])));
    let mut checked = Vec::new();
    for (n, item) in plan.items.iter().enumerate() {
        let key = format!("{n}");
        let derive = |what: &str| ctx.ids.derive(&[source, what, &key]);
        let from_charta = plan.patient.mrn.is_some();
        let result = check(tx, &item.record, id, &valid, ctx, from_charta, derive);
        match result {
            Ok(c) => checked.push(c),
            Err(e) => issues.extend(issues_from(e, &item.from, Some(&item.record))?),
        }
    }
    if !issues.is_empty() {
        return Ok(invalid(plan, issues));
    }
    let mrn = match plan.patient.mrn {
        Some(m) if !store::patients::mrn_taken(tx, m)? => m,
        _ => store::patients::next_mrn(tx)?,
    };
    store::patients::insert(tx, id, mrn, &valid, ctx.now)?;
    if plan.patient.restricted {
        store::patients::set_restricted(tx, id, true)?;
    }
    store::fhir_imports::insert(tx, source, id, ctx.actor.user_id(), ctx.now)?;
    let mut appointments = Vec::new();
    for c in checked {
        match c {
            Checked::Appointment(a, at) => appointments.push((a, at)),
            other => write(tx, other, id, ctx)?,
        }
    }
    let refused = super::kept::book_appointments(tx, plan, &appointments, id, ctx)?;
    let documents = super::kept::keep_documents(tx, plan, &refused, id, ctx)?;
    let filed = plan
        .items
        .iter()
        .filter(|i| matches!(i.record, Record::Document(_)))
        .count();
    // The documents filed are records of the chart like the others, audited with them here.
    let event = ctx
        .actor
        .event(ctx.now, "import_fhir_patient", Outcome::Ok)
        .entity("patient", id)
        .patient(id)
        .detail(format!(
            "from {source}: {} records ({filed} of them documents), {} resources kept in {documents} documents{}",
            plan.items.len() - refused.len(),
            plan.kept.len() + refused.len(),
            if plan.patient.restricted {
                "; restricted chart"
            } else {
                ""
            }
        ));
    audit::append(tx, &event)?;
    let outcome = if dry_run {
        ChartOutcome::WouldCreate
    } else {
        ChartOutcome::Created
    };
    Ok(filed_report(
        plan,
        outcome,
        Some(mrn),
        String::new(),
        &refused,
    ))
}

fn invalid(plan: &Plan<'_>, issues: Vec<ImportIssue>) -> ChartReport {
    let mut r = report(
        plan,
        ChartOutcome::Invalid,
        None,
        format!(
            "{} problem{} in this patient's resources; nothing of them was imported",
            issues.len(),
            if issues.len() == 1 { "" } else { "s" }
        ),
    );
    r.issues = issues;
    r
}

fn check<'a>(
    tx: &Connection,
    record: &'a Record,
    patient: PatientId,
    valid: &ValidPatient,
    ctx: &Context<'_>,
    from_charta: bool,
    derive: impl Fn(&str) -> u128,
) -> CoreResult<Checked<'a>> {
    let born = valid.date_of_birth;
    Ok(match record {
        Record::Problem(d) => Checked::Problem(
            ProblemId::from_u128(derive("problem")),
            problems::validate(d, ctx.today)?,
        ),
        Record::Allergy(d) => {
            let mut d = d.clone();
            // Another system's substance named exactly as in the catalogue is coded, so the
            // prescribing checks see it; Charta's own export already says what was coded.
            if d.substance_code.is_none() && !from_charta {
                d.substance_code = crate::allergens::search(&d.substance, 5)
                    .into_iter()
                    .find(|h| h.name.eq_ignore_ascii_case(d.substance.trim()))
                    .map(|h| h.code);
            }
            Checked::Allergy(
                AllergyId::from_u128(derive("allergy")),
                allergies::validate(&d, ctx.today)?,
            )
        }
        Record::NoKnownAllergies { drugs_only } => Checked::NoKnownAllergies(
            AllergyStatementId::from_u128(derive("allergy-statement")),
            *drugs_only,
        ),
        Record::Immunization(d) => {
            let id = ImmunizationId::from_u128(derive("immunization"));
            let recorder = Recorder {
                user: ctx.actor.user_id(),
                at: ctx.now,
            };
            Checked::Immunization(Box::new(validate_immunization(
                d, id, patient, born, ctx.today, recorder,
            )?))
        }
        Record::Vitals(input) => Checked::Vitals(
            VitalsId::from_u128(derive("vitals")),
            Box::new(validate_vitals(input, ctx.now, born, ctx.tz)?),
        ),
        Record::Family(d) => Checked::Family(
            HistoryEntryId::from_u128(derive("family-history")),
            crate::chart::histories::validate::family(d)?,
        ),
        Record::Surgical(d) => Checked::Surgical(
            HistoryEntryId::from_u128(derive("surgical-history")),
            crate::chart::histories::validate::surgical(d, ctx.today)?,
        ),
        // The form's own check, so the reminders count only what the form would have taken.
        Record::Screening(d) => Checked::Screening(
            ScreeningProcedureId::from_u128(derive("screening-procedure")),
            crate::reminders::validate::procedure(d, ctx.today)?,
        ),
        // Another system's record, taken as it was written: only what cannot be true (a
        // visit in the future, one ending before it starts) is refused.
        Record::OutsideVisit(d) => {
            crate::chart::outside_visits::validate::draft(d, ctx.now)?;
            let diagnoses = (0..d.diagnoses.len())
                .map(|i| OutsideDiagnosisId::from_u128(derive(&format!("outside-diagnosis {i}"))))
                .collect();
            Checked::OutsideVisit(
                OutsideVisitId::from_u128(derive("outside-visit")),
                d.clone(),
                diagnoses,
            )
        }
        Record::Appointment(a) => {
            Checked::Appointment(a, AppointmentId::from_u128(derive("appointment")))
        }
        Record::Document(d) => Checked::Document(Box::new(super::documents::validate(
            d,
            DocumentId::from_u128(derive("document")),
            patient,
            ctx.today,
            crate::schedule::time::practice_zone(tx)?,
        )?)),
        Record::Social(kind, d) => Checked::Social(
            HistoryEntryId::from_u128(derive("social-history")),
            *kind,
            crate::chart::histories::validate::social(*kind, d, ctx.today)?,
        ),
        Record::LabReport(g) => {
            use crate::labs::{catalogue, validate, NewLabReport, ResultStatus};
            let id = LabReportId::from_u128(derive("lab-report"));
            let who = super::labs::judged_for(&born.to_string(), Some(valid.sex_at_birth))
                .ok_or_else(|| CoreError::Corrupt("an imported birth date does not read".into()))?;
            let on = g.collected_at.with_timezone(&ctx.tz).date_naive();
            let results = validate::results(&super::labs::draft_of(g.rows.clone()), id, who, on)?;
            let panel_name = results
                .iter()
                .filter_map(|r| catalogue::test(&r.loinc))
                .map(|t| t.short_name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let comment = g.comment.as_deref();
            Checked::LabReport(
                Box::new(NewLabReport {
                    id,
                    patient,
                    source: crate::labs::ReportSource::Outside,
                    panel_code: None,
                    panel_name,
                    responsible: None,
                    collected_at: g.collected_at,
                    received_at: ctx.now,
                    performing_lab: (!g.performing_lab.is_empty())
                        .then(|| g.performing_lab.clone()),
                    status: ResultStatus::Final,
                    hl7_import: None,
                    placer_order: None,
                    entered_by: ctx.actor.user_id(),
                    entered_at: ctx.now,
                    results,
                }),
                comment,
            )
        }
        Record::Medication(m) => {
            let mut draft = m.draft.clone();
            if let Some(rxcui) = &m.rxcui {
                draft.product_code = store::drug_products::code_for_rxcui(tx, rxcui)?;
            }
            let v = validate_reported(tx, &draft, ctx.today)?;
            let ended = m.status == MedicationStatus::Stopped;
            let fallback_rxcui = m.rxcui.clone();
            let reported = v.into_medication(
                MedicationId::from_u128(derive("medication")),
                patient,
                ctx.actor.user_id(),
                ctx.actor.display_name().to_string(),
                ctx.now,
            );
            Checked::Medication(Box::new(Medication {
                status: m.status,
                rxcui: reported.rxcui.clone().or(fallback_rxcui),
                end_date: m.end_date,
                ended_reason: m.ended_reason.clone(),
                ended_by_name: ended.then(|| ctx.actor.display_name().to_string()),
                ended_at: ended.then_some(ctx.now),
                ..reported
            }))
        }
    })
}

fn history_entry(
    id: HistoryEntryId,
    patient: PatientId,
    ctx: &Context<'_>,
) -> store::histories::NewEntry {
    store::histories::NewEntry {
        id,
        patient,
        replaces: None,
        by: ctx.actor.user_id(),
        at: ctx.now,
    }
}

fn write(tx: &Connection, c: Checked<'_>, patient: PatientId, ctx: &Context<'_>) -> CoreResult<()> {
    let by = ctx.actor.user_id();
    match c {
        Checked::Problem(id, v) => {
            store::problems::insert(tx, id, patient, &v, by, ctx.now)?;
            store::problems::record_version(tx, id, ProblemChange::Created, None)?;
        }
        Checked::Allergy(id, s) => {
            store::allergies::insert(tx, id, patient, &s, by, ctx.now)?;
            store::allergies::append_history(
                tx,
                id,
                1,
                AllergyChange::Created,
                &s,
                by,
                ctx.now,
                None,
            )?;
        }
        Checked::NoKnownAllergies(id, drugs_only) => {
            store::allergies::insert_statement(tx, id, patient, drugs_only, by, ctx.now)?;
        }
        Checked::Medication(m) => {
            insert_reported(tx, &m)?;
        }
        Checked::Immunization(row) => store::immunizations::insert(tx, &row)?,
        Checked::LabReport(report, comment) => {
            store::lab_results::insert_report_commented(tx, &report, comment)?
        }
        Checked::Family(id, v) => {
            store::histories::insert_family(tx, &history_entry(id, patient, ctx), &v)?
        }
        Checked::Surgical(id, v) => {
            store::histories::insert_surgical(tx, &history_entry(id, patient, ctx), &v)?
        }
        Checked::Screening(id, v) => {
            store::reminders::insert_procedure(tx, id, patient, &v, by, ctx.now)?
        }
        Checked::OutsideVisit(id, draft, diagnosis_ids) => store::outside_visits::insert(
            tx,
            &store::outside_visits::NewOutsideVisit {
                id,
                patient,
                draft: &draft,
                diagnosis_ids: &diagnosis_ids,
                imported_by: by,
                imported_at: ctx.now,
            },
        )?,
        Checked::Document(v) => super::documents::insert(tx, &v, patient, by, ctx.now)?,
        // Booked after the chart's records, by `book_appointments`.
        Checked::Appointment(..) => {}
        Checked::Social(id, kind, v) => {
            store::histories::insert_social(tx, &history_entry(id, patient, ctx), kind, &v)?
        }
        Checked::Vitals(id, valid) => {
            let born = store::vitals::birth_date(tx, patient)?.ok_or_else(|| {
                CoreError::Corrupt("a patient just imported has no birth date".into())
            })?;
            let (bmi, bmi_height_from) = vitals::ops::bmi_for(tx, patient, &valid, born, ctx.tz)?;
            store::vitals::insert(
                tx,
                &store::vitals::NewVitals {
                    id,
                    patient,
                    visit: None,
                    valid: &valid,
                    bmi,
                    bmi_height_from,
                    recorded_by: by,
                    recorded_at: ctx.now,
                },
            )?;
        }
    }
    Ok(())
}
