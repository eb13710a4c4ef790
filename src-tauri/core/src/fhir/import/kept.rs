//! The chart's document of the records Charta does not file ("Imported records not filed in
//! the chart"): the plan's kept resources and the appointments the book refused, listed in
//! one readable PDF with their counts and reasons; and the booking of the chart's
//! appointments that decides which of those are refused (and puts Charta's recurring
//! occurrences back in their series).

use super::appointments::SeriesLink;
use super::plan::Plan;
use super::write::Context;
use crate::documents::{DocumentCategory, MediaType, MAX_DOCUMENT_BYTES};
use crate::error::{CoreError, CoreResult};
use crate::ids::{AppointmentId, DocumentId, PatientId, SeriesId};
use crate::store;
use crate::store::series::NewSeries;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};

/// An appointment the book would not take, and why.
pub(super) type Refused<'a> = (&'a serde_json::Value, String);

pub(super) fn kept_counts(plan: &Plan<'_>, refused: &[Refused<'_>]) -> BTreeMap<String, u32> {
    let mut counts = plan.kept_counts.clone();
    for (_, why) in refused {
        *counts.entry(format!("Appointment: {why}")).or_default() += 1;
    }
    counts
}

/// The chart's appointments into the practice's book, after its other records: each one the
/// book refuses is kept in the document instead, with why.
pub(super) fn book_appointments<'a>(
    tx: &Connection,
    plan: &Plan<'_>,
    appointments: &[(&'a super::appointments::ImportedAppointment, AppointmentId)],
    patient: PatientId,
    ctx: &Context<'_>,
) -> CoreResult<Vec<Refused<'a>>> {
    let mut refused = Vec::new();
    // The series made so far, by their ids in the exporting practice.
    let mut series = HashMap::new();
    for (a, id) in appointments {
        let source = plan.patient.source.as_str();
        let said = super::appointments::book(tx, ctx, a, patient, *id, source)?;
        if let Some(why) = said {
            refused.push((&a.resource, format!("not booked, {why}")));
        } else if let Some(link) = &a.series {
            let made = series_for(tx, ctx, &mut series, link, patient, source)?;
            store::series::attach(tx, *id, made, link.occurrence, link.exception)?;
        }
    }
    Ok(refused)
}

/// The series an imported occurrence joins: made (with its rule, first start and end) the
/// first time one of its occurrences is booked.
fn series_for(
    tx: &Connection,
    ctx: &Context<'_>,
    made: &mut HashMap<String, SeriesId>,
    link: &SeriesLink,
    patient: PatientId,
    source: &str,
) -> CoreResult<SeriesId> {
    if let Some(id) = made.get(&link.source_id) {
        return Ok(*id);
    }
    let id = SeriesId::from_u128(ctx.ids.derive(&[source, "series", &link.source_id]));
    let by = ctx.actor.user_id();
    let new = NewSeries {
        patient,
        rule: link.rule,
        first_local: link.first_local,
        split_from: link.split_from.as_ref().and_then(|s| made.get(s)).copied(),
    };
    store::series::insert(tx, id, &new, by, ctx.now)?;
    if let Some(last) = link.ended_after {
        store::series::end_after(tx, id, last, by, ctx.now)?;
    }
    made.insert(link.source_id.clone(), id);
    Ok(id)
}

/// The resources Charta does not file, kept in the chart as one readable PDF document.
pub(super) fn keep_documents(
    tx: &Connection,
    plan: &Plan<'_>,
    refused: &[Refused<'_>],
    patient: PatientId,
    ctx: &Context<'_>,
) -> CoreResult<usize> {
    if plan.kept.is_empty() && refused.is_empty() {
        return Ok(0);
    }
    let mut kept = plan.kept.clone();
    kept.extend(refused.iter().map(|(resource, _)| *resource));
    let name = plan.patient.display.as_str();
    let title = format!("Imported records not filed in the chart: {name}");
    let from = format!(
        "From {}, imported {}",
        plan.patient.source,
        ctx.now.format("%-d %b %Y %H:%M UTC")
    );
    let bytes = crate::fhir::readable::resources_pdf(&title, &[from], &kept, ctx.now);
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(CoreError::invalid(
            "files",
            format!(
                "{}: the records Charta does not file make a document over the size limit",
                plan.resource
            ),
        ));
    }
    let listed: Vec<String> = kept_counts(plan, refused)
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let note: String = format!("From {}: {}", plan.patient.source, listed.join(", "))
        .chars()
        .take(1900)
        .collect();
    let id = DocumentId::from_u128(ctx.ids.derive(&[&plan.patient.source, "kept"]));
    let sha256 = crate::results::import::sha256_hex(&bytes);
    store::documents::insert(
        tx,
        &store::documents::NewDocument {
            id,
            patient,
            category: DocumentCategory::OutsideRecord,
            title: "Imported records not filed in the chart",
            document_date: ctx.today,
            media_type: MediaType::Pdf,
            file_name: "imported-records.pdf",
            sha256: &sha256,
            note: &note,
            by: ctx.actor.user_id(),
            at: ctx.now,
            task: None,
            content: &bytes,
        },
    )?;
    Ok(1)
}
