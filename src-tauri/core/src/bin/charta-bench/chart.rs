//! The chart's timed operations: opening a chart, searching within it, the note editor's
//! reads, and the diagnosis pickers (ICD-10-CM by words and by code).

use super::*;

/// Words a physician looks for in one long chart.
const CHART_QUERIES: &[&str] = &[
    "metformin",
    "knee pain",
    "lisinopril",
    "follow hypert",
    "rash",
    "amox",
    "A1c",
    "chest",
];

/// The chart: opening a patient's summary (random patients, then a 700-visit one), searching
/// and searching that long chart.
pub(super) fn chart_ops(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    doc: &Actor,
    picks: &[PatientId],
    heavy: &[PatientId],
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let mut micros = Vec::with_capacity(picks.len());
    for id in picks {
        micros.push(time(|| db.as_user(doc).chart_summary(*id, now))?);
    }
    report.print("chart_summary", micros);
    db.checkpoint()?;
    if heavy.is_empty() {
        let _ = writeln!(
            report.out,
            "(no 700-visit patient below 100 patients: chart_summary_heavy and chart_text_search_heavy skipped)"
        );
    } else {
        let samples = report.options.samples;
        let mut micros = Vec::with_capacity(samples);
        for id in heavy.iter().cycle().take(samples) {
            micros.push(time(|| db.as_user(doc).chart_summary(*id, now))?);
        }
        report.print("chart_summary_heavy", micros);
        db.checkpoint()?;
        let mut micros = Vec::with_capacity(samples);
        for (i, q) in CHART_QUERIES.iter().cycle().take(samples).enumerate() {
            let id = heavy[i % heavy.len()];
            micros.push(time(|| db.as_user(doc).search_chart(id, q, now))?);
        }
        report.print("chart_text_search_heavy", micros);
        db.checkpoint()?;
    }
    Ok(())
}

/// Charting a visit: each sample starts a visit on a picked patient (untimed), then times the
/// editor's autosave of a note of realistic length (`save_draft`, twice: the first save and
/// one later in the visit) and the physician's signature (`sign_note`).
pub(super) fn note_ops(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    doc: &Actor,
    picks: &[PatientId],
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let draft = VisitDraft {
        visit_type: VisitType::Office,
        reason: "Follow-up of blood pressure".into(),
        started_at: None,
        provider_id: None,
        template_id: None,
    };
    let sentence =
        "Home readings average 138/86; taking lisinopril daily without cough or dizziness. ";
    let note = |n: usize| SoapNote {
        subjective: sentence.repeat(n),
        objective: "BP 136/84 sitting, P 72. Heart regular, no murmur. Lungs clear. No oedema."
            .into(),
        assessment: "Essential hypertension, above goal.".into(),
        plan: "Increase lisinopril to 20 mg daily. BMP in 2 weeks. Recheck in 4 weeks.".into(),
    };
    let mut saves = Vec::with_capacity(picks.len() * 2);
    let mut signs = Vec::with_capacity(picks.len());
    for (i, patient) in picks.iter().enumerate() {
        let visit = VisitId::from_u128(0xBE4C_0000_0000 + i as u128);
        db.as_user(doc).start_visit(*patient, &draft, visit, now)?;
        saves.push(time(|| {
            db.as_user(doc).save_draft(visit, 0, &note(8), now)
        })?);
        saves.push(time(|| {
            db.as_user(doc).save_draft(visit, 1, &note(16), now)
        })?);
        signs.push(time(|| db.as_user(doc).sign_note(visit, 2, now))?);
    }
    report.print("save_draft", saves);
    report.print("sign_note", signs);
    db.checkpoint()?;
    Ok(())
}

/// Words as a physician types them at a visit: prefixes, abbreviations, several words.
const DIAGNOSIS_WORDS: &[&str] = &[
    "diab typ 2 kidn",
    "fracture femur",
    "chest pain",
    "htn",
    "dm2",
    "copd exac",
    "acute otitis media",
    "low back pain",
    "hyperlip",
    "major depress recur",
    "sprain ankle left",
    "pneumonia",
    "uti",
    "asthma",
    "migraine without aura",
    "f",
];

const DIAGNOSIS_CODES: &[&str] = &[
    "E11.2", "e112", "I10", "S72.0", "M54.5", "J44", "Z00.00", "F32", "R07.9", "N39.0", "E11",
    "S72", "T36.0X1A",
];

/// Diagnosis search over the embedded ICD-10-CM table (the index build, timed before the
/// charting is generated, printed here), then each query kind cycles through its set.
pub(super) fn diagnosis_search(
    report: &mut Report<'_>,
    index_micros: f64,
) -> Result<(), CoreError> {
    report.print_once("icd10_index_build", index_micros);
    for (op, queries) in [
        ("icd10_search_words", DIAGNOSIS_WORDS),
        ("icd10_search_code", DIAGNOSIS_CODES),
    ] {
        let mut micros = Vec::with_capacity(report.options.samples);
        for q in queries.iter().cycle().take(report.options.samples) {
            micros.push(time(|| charta_core::icd10::search(q, 20))?);
        }
        report.print(op, micros);
    }
    Ok(())
}

/// The diagnosis picker's search as the physician meets it: through the checked door, with the
/// chapter/block path and the practice's recent codes (as many as the practice has used) first.
pub(super) fn icd_search(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    doc: &charta_core::Actor,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let queries: Vec<&str> = DIAGNOSIS_WORDS
        .iter()
        .chain(DIAGNOSIS_CODES)
        .copied()
        .chain([""])
        .collect();
    let mut micros = Vec::with_capacity(report.options.samples);
    for q in queries.iter().cycle().take(report.options.samples) {
        micros.push(time(|| db.as_user(doc).diagnosis_search(q, 20, now))?);
    }
    report.print("icd_search", micros);
    Ok(())
}
