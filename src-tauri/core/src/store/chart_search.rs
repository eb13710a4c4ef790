//! SQL for the chart search: every searchable text of one patient, read by the patient
//! indexes (a visit's amendments and diagnoses by its visit; an outside visit's with it),
//! entries in error left out. Each row's text is tested where it lies in the row (`keep`);
//! only matches are copied out.

use super::chart_summary::id;
use super::instant_from_sql;
use crate::chart::common::VisitType;
use crate::chart::search::{ChartHitKind, ChartText};
use crate::error::CoreResult;
use crate::ids::{PatientId, VisitId};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::collections::HashMap;

fn visit_label(kind: &str) -> &'static str {
    match VisitType::parse(kind) {
        Some(VisitType::Telephone) => "Telephone visit",
        Some(VisitType::Home) => "Home visit",
        _ => "Office visit",
    }
}

/// A row's text column, borrowed from the row.
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> CoreResult<&'r str> {
    Ok(r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?)
}

/// Every searchable entry of `patient` whose text `keep` accepts (given the entry's parts:
/// title words first, then the body), in no particular order.
pub fn entries(
    conn: &Connection,
    patient: PatientId,
    keep: &mut dyn FnMut(&[&str]) -> bool,
) -> CoreResult<Vec<ChartText>> {
    let p = patient.to_string();
    let mut out = Vec::new();
    let mut visit_dates: HashMap<String, DateTime<Utc>> = HashMap::new();

    let mut stmt = conn.prepare_cached(
        "SELECT id, started_at, visit_type, reason, subjective, objective, assessment, plan
         FROM visits WHERE patient_id = ?1 AND entered_in_error_at IS NULL",
    )?;
    let mut rows = stmt.query([&p])?;
    while let Some(r) = rows.next()? {
        let vid: String = r.get(0)?;
        let date = instant_from_sql(text(r, 1)?)?;
        visit_dates.insert(vid.clone(), date);
        let label = visit_label(text(r, 2)?);
        let reason = text(r, 3)?;
        let sections = [text(r, 4)?, text(r, 5)?, text(r, 6)?, text(r, 7)?];
        if !keep(&[
            label,
            reason,
            sections[0],
            sections[1],
            sections[2],
            sections[3],
        ]) {
            continue;
        }
        let body = sections
            .iter()
            .filter(|s| !s.trim().is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        let visit_id = id(&vid, VisitId::parse, "visits")?;
        out.push(ChartText {
            kind: ChartHitKind::Note,
            id: vid,
            visit_id: Some(visit_id),
            date,
            title: format!("{label}: {reason}"),
            body,
        });
    }

    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.visit_id, a.created_at, a.reason, a.text FROM note_amendments a
         WHERE a.visit_id IN (SELECT id FROM visits WHERE patient_id = ?1)",
    )?;
    let mut rows = stmt.query([&p])?;
    while let Some(r) = rows.next()? {
        if !keep(&["Amendment", text(r, 3)?, text(r, 4)?]) {
            continue;
        }
        let vid: String = r.get(1)?;
        out.push(ChartText {
            kind: ChartHitKind::Amendment,
            id: r.get(0)?,
            visit_id: Some(id(&vid, VisitId::parse, "note_amendments")?),
            date: instant_from_sql(&r.get::<_, String>(2)?)?,
            title: format!("Amendment: {}", r.get::<_, String>(3)?),
            body: r.get(4)?,
        });
    }

    let mut stmt = conn.prepare_cached(
        "SELECT id, visit_id, code, description FROM visit_diagnoses
         WHERE patient_id = ?1 AND entered_in_error_at IS NULL",
    )?;
    let mut rows = stmt.query([&p])?;
    while let Some(r) = rows.next()? {
        let vid: String = r.get(1)?;
        // A diagnosis of a visit entered in error has no date here and is left out with it.
        let Some(date) = visit_dates.get(&vid).copied() else {
            continue;
        };
        if !keep(&["Diagnosis", text(r, 2)?, text(r, 3)?]) {
            continue;
        }
        let code: String = r.get(2)?;
        out.push(ChartText {
            kind: ChartHitKind::Diagnosis,
            id: r.get(0)?,
            visit_id: Some(id(&vid, VisitId::parse, "visit_diagnoses")?),
            date,
            title: format!("Diagnosis {code}"),
            body: r.get(3)?,
        });
    }

    let mut stmt = conn.prepare_cached(
        "SELECT id, code, description, comment, status, created_at FROM problems
         WHERE patient_id = ?1 AND entered_in_error_at IS NULL",
    )?;
    let mut rows = stmt.query([&p])?;
    while let Some(r) = rows.next()? {
        let code: Option<String> = r.get(1)?;
        let description: String = r.get(2)?;
        let comment: String = r.get(3)?;
        let status: String = r.get(4)?;
        let title = match code {
            Some(c) => format!("Problem ({status}) {c}"),
            None => format!("Problem ({status})"),
        };
        let body = join(&[&description, &comment]);
        if !keep(&[&title, &body]) {
            continue;
        }
        out.push(ChartText {
            kind: ChartHitKind::Problem,
            id: r.get(0)?,
            visit_id: None,
            date: instant_from_sql(&r.get::<_, String>(5)?)?,
            title,
            body,
        });
    }

    let mut stmt = conn.prepare_cached(
        "SELECT id, substance, reaction, comment, recorded_at FROM allergies
         WHERE patient_id = ?1 AND entered_in_error_at IS NULL",
    )?;
    let mut rows = stmt.query([&p])?;
    while let Some(r) = rows.next()? {
        let substance: String = r.get(1)?;
        let reaction: String = r.get(2)?;
        let comment: String = r.get(3)?;
        let body = join(&[&substance, &reaction, &comment]);
        if !keep(&["Allergy", &body]) {
            continue;
        }
        out.push(ChartText {
            kind: ChartHitKind::Allergy,
            id: r.get(0)?,
            visit_id: None,
            date: instant_from_sql(&r.get::<_, String>(4)?)?,
            title: "Allergy".into(),
            body,
        });
    }

    histories(conn, &p, keep, &mut out)?;
    outside_visits(conn, &p, keep, &mut out)?;
    Ok(out)
}

/// Visits recorded elsewhere, each with its diagnoses (those of one marked in error are left
/// out with it).
fn outside_visits(
    conn: &Connection,
    p: &str,
    keep: &mut dyn FnMut(&[&str]) -> bool,
    out: &mut Vec<ChartText>,
) -> CoreResult<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.started_at, v.reason, v.visit_type, v.clinician, v.place, v.note,
                (SELECT group_concat(trim(coalesce(d.code, '') || ' ' || d.description), '; ')
                 FROM (SELECT code, description FROM outside_visit_diagnoses
                       WHERE outside_visit_id = v.id ORDER BY position) d)
         FROM outside_visits v WHERE v.patient_id = ?1 AND v.entered_in_error_at IS NULL",
    )?;
    let mut rows = stmt.query([p])?;
    while let Some(r) = rows.next()? {
        let (reason, kind) = (text(r, 2)?, text(r, 3)?);
        let (clinician, place, note) = (text(r, 4)?, text(r, 5)?, text(r, 6)?);
        let diagnoses = r
            .get_ref(7)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?;
        let diagnoses = diagnoses.unwrap_or_default();
        if !keep(&[
            "Outside visit",
            reason,
            kind,
            clinician,
            place,
            diagnoses,
            note,
        ]) {
            continue;
        }
        let what = if reason.trim().is_empty() {
            kind
        } else {
            reason
        };
        out.push(ChartText {
            kind: ChartHitKind::OutsideVisit,
            id: r.get(0)?,
            visit_id: None,
            date: instant_from_sql(text(r, 1)?)?,
            title: join(&[&format!("Outside visit: {what}"), clinician, place]),
            body: join(&[diagnoses, note]),
        });
    }
    Ok(())
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" — ")
}

/// The current history entries (versions replaced by a newer one are not searched).
fn histories(
    conn: &Connection,
    p: &str,
    keep: &mut dyn FnMut(&[&str]) -> bool,
    out: &mut Vec<ChartText>,
) -> CoreResult<()> {
    let current = "patient_id = ?1 AND superseded_at IS NULL AND entered_in_error_at IS NULL";
    let sql = format!(
        "SELECT id, 'social', kind || ': ' || replace(status, '_', ' '), detail, recorded_at
         FROM social_history WHERE {current}
         UNION ALL
         SELECT id, 'family', 'Family history: ' || relative, condition || ' ' || comment,
                recorded_at FROM family_history WHERE {current}
         UNION ALL
         SELECT id, 'surgical', 'Past surgery', procedure || ' ' || comment, recorded_at
         FROM surgical_history WHERE {current}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([p])?;
    while let Some(r) = rows.next()? {
        let title: String = r.get(2)?;
        let mut title_chars = title.chars();
        let title = match title_chars.next() {
            Some(first) => first.to_uppercase().chain(title_chars).collect(),
            None => title,
        };
        let body = r.get::<_, String>(3)?.trim().to_string();
        if !keep(&[&title, &body]) {
            continue;
        }
        out.push(ChartText {
            kind: ChartHitKind::History,
            id: r.get(0)?,
            visit_id: None,
            date: instant_from_sql(&r.get::<_, String>(4)?)?,
            title,
            body,
        });
    }
    Ok(())
}
