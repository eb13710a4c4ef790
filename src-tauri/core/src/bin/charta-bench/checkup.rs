//! The annual check-up's operations on the generated results, immunizations and growth data
//! (issue 10), as the physician: `reminders_for_patient` (random adults), `lab_trend`
//! (HbA1c, creatinine and LDL of patients who have them; `lab_trend_heavy` the same codes on
//! the 700-visit patients), `immunization_forecast` (children and adults alternately),
//! `growth_percentiles` (`growth_chart` of children with a growth history),
//! `report_due_colorectal` and `report_diabetes_control` (whole-practice reports) and
//! `hl7_import` (one generated ORU^R01 result file per sample, for an existing patient by
//! chart number). An operation whose body is not built yet prints "<op>: not built".

use super::{time, Report};
use charta_core::ids::Hl7ImportId;
use charta_core::patient::SexAtBirth;
use charta_core::reports::ReportKind;
use charta_core::synth::{GeneratedCheckup, Rng};
use charta_core::{Actor, ChartDb, CoreError, CoreResult, PatientId};
use chrono::{DateTime, Duration, Utc};
use std::io::Write;

/// The trend codes: HbA1c, creatinine, LDL (as the generator writes them).
const TREND_CODES: [&str; 3] = ["4548-4", "2160-0", "18262-6"];
/// Every op this module times.
pub const OPS: [&str; 8] = [
    "reminders_for_patient",
    "lab_trend",
    "lab_trend_heavy",
    "immunization_forecast",
    "growth_percentiles",
    "report_due_colorectal",
    "report_diabetes_control",
    "hl7_import",
];
/// Whole-practice reports are slow by design: fewer samples.
const REPORT_SAMPLES: usize = 100;

/// Whether the error is a stub's "not built yet".
fn not_built(e: &CoreError) -> bool {
    matches!(e, CoreError::Forbidden(why) if why.ends_with("is not built yet"))
}

/// Times `op` `n` times (`call(i)` each); stops and says so at a stub's "not built yet".
fn sample(
    report: &mut Report<'_>,
    name: &str,
    n: usize,
    mut call: impl FnMut(usize) -> CoreResult<()>,
) -> CoreResult<()> {
    if !report.wants(&[name]) {
        return Ok(());
    }
    let mut micros = Vec::with_capacity(n);
    for i in 0..n {
        match time(|| call(i)) {
            Ok(us) => micros.push(us),
            Err(e) if not_built(&e) => break,
            Err(e) => return Err(e),
        }
    }
    if micros.is_empty() {
        let _ = writeln!(report.out, "{name}: not built");
    } else {
        report.print(name, micros);
    }
    Ok(())
}

fn pick(rng: &mut Rng, from: &[PatientId]) -> Option<PatientId> {
    (!from.is_empty()).then(|| from[rng.below(from.len() as u64) as usize])
}

/// The generated check-up data's line of the run's summary.
pub fn generated(report: &mut Report<'_>, c: &GeneratedCheckup, seconds: f64) {
    if !report.options.json {
        let _ = writeln!(
            report.out,
            "charta-bench: check-up data ({} lab reports, {} results, {} unreviewed, {} immunizations, {} children with a growth history) generated in {seconds:.1} s",
            c.lab_reports, c.lab_results, c.unreviewed, c.immunizations, c.children.len()
        );
    }
}

pub fn checkup_ops(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    doc: &Actor,
    checkup: &GeneratedCheckup,
    heavy: &[PatientId],
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let samples = report.options.samples;
    let mut rng = Rng::new(report.options.seed ^ 0xC4EC_0B0A);
    let adults: Vec<PatientId> = (0..samples)
        .filter_map(|_| pick(&mut rng, &checkup.adults))
        .collect();
    if !adults.is_empty() {
        sample(report, "reminders_for_patient", adults.len(), |i| {
            db.as_user(doc)
                .reminders_for_patient(adults[i], now)
                .map(drop)
        })?;
        db.checkpoint()?;
    }

    let lists = [
        &checkup.with_hba1c,
        &checkup.with_creatinine,
        &checkup.with_ldl,
    ];
    let trends: Vec<(PatientId, &str)> = (0..samples)
        .filter_map(|i| pick(&mut rng, lists[i % 3]).map(|p| (p, TREND_CODES[i % 3])))
        .collect();
    if !trends.is_empty() {
        sample(report, "lab_trend", trends.len(), |i| {
            let (patient, code) = trends[i];
            db.as_user(doc).lab_trend(patient, code, now).map(drop)
        })?;
    }
    if !heavy.is_empty() {
        sample(report, "lab_trend_heavy", samples, |i| {
            let patient = heavy[i % heavy.len()];
            db.as_user(doc)
                .lab_trend(patient, TREND_CODES[i % 3], now)
                .map(drop)
        })?;
    }
    db.checkpoint()?;

    let both: Vec<PatientId> = (0..samples)
        .filter_map(|i| {
            let from = if i % 2 == 0 {
                &checkup.children
            } else {
                &checkup.adults
            };
            pick(&mut rng, from).or_else(|| pick(&mut rng, &checkup.adults))
        })
        .collect();
    if !both.is_empty() {
        sample(report, "immunization_forecast", both.len(), |i| {
            db.as_user(doc)
                .immunization_forecast(both[i], now)
                .map(drop)
        })?;
    }
    let children: Vec<PatientId> = (0..samples)
        .filter_map(|_| pick(&mut rng, &checkup.children))
        .collect();
    if children.is_empty() {
        let _ = writeln!(
            report.out,
            "(no child with a growth history: growth_percentiles skipped)"
        );
    } else {
        sample(report, "growth_percentiles", children.len(), |i| {
            db.as_user(doc).growth_chart(children[i], now).map(drop)
        })?;
    }
    db.checkpoint()?;

    let n = samples.min(REPORT_SAMPLES);
    let colorectal = ReportKind::RemindersDue {
        rule: "colorectal".into(),
    };
    sample(report, "report_due_colorectal", n, |_| {
        db.as_user(doc).practice_report(&colorectal, now).map(drop)
    })?;
    sample(report, "report_diabetes_control", n, |_| {
        db.as_user(doc)
            .practice_report(&ReportKind::DiabetesControl, now)
            .map(drop)
    })?;
    db.checkpoint()?;

    if report.wants(&["hl7_import"]) && !checkup.adults.is_empty() {
        let n = samples.min(500);
        let mut files = Vec::with_capacity(n);
        for i in 0..n {
            let Some(id) = pick(&mut rng, &checkup.adults) else {
                break;
            };
            let p = db.as_user(doc).patient(id, now)?;
            let who = Identity {
                mrn: p.mrn,
                family: p.family_name,
                given: p.given_name,
                dob: p.date_of_birth,
                sex: match p.sex_at_birth {
                    SexAtBirth::Female => "F",
                    SexAtBirth::Male => "M",
                    _ => "U",
                },
            };
            files.push(oru_r01(i, &who, &mut rng, now));
        }
        sample(report, "hl7_import", files.len(), |i| {
            let id = Hl7ImportId::from_u128(0xB7_0000_0000 + i as u128);
            db.as_user(doc)
                .import_hl7(&format!("bench-{i:05}.hl7"), files[i].as_bytes(), id, now)
                .map(drop)
        })?;
        db.checkpoint()?;
    }
    Ok(())
}

/// `(LOINC, name, unit, range, low, high)` of the generated file's comprehensive metabolic panel.
const CMP_FILE: &[(&str, &str, &str, &str, f64, f64)] = &[
    ("2345-7", "Glucose", "mg/dL", "70-99", 70.0, 99.0),
    ("3094-0", "Urea nitrogen", "mg/dL", "6-24", 6.0, 24.0),
    ("2160-0", "Creatinine", "mg/dL", "0.59-1.35", 0.59, 1.35),
    ("2951-2", "Sodium", "mmol/L", "135-145", 135.0, 145.0),
    ("2823-3", "Potassium", "mmol/L", "3.5-5.1", 3.5, 5.1),
    ("2075-0", "Chloride", "mmol/L", "98-107", 98.0, 107.0),
    ("2028-9", "Carbon dioxide", "mmol/L", "22-29", 22.0, 29.0),
    ("17861-6", "Calcium", "mg/dL", "8.6-10.3", 8.6, 10.3),
    ("2885-2", "Protein", "g/dL", "6.0-8.3", 6.0, 8.3),
    ("1751-7", "Albumin", "g/dL", "3.5-5.0", 3.5, 5.0),
    ("1975-2", "Bilirubin", "mg/dL", "0.1-1.2", 0.1, 1.2),
    (
        "6768-6",
        "Alkaline phosphatase",
        "U/L",
        "44-147",
        44.0,
        147.0,
    ),
    ("1742-6", "ALT", "U/L", "7-56", 7.0, 56.0),
    ("1920-8", "AST", "U/L", "10-40", 10.0, 40.0),
];

/// Who a result file is for, as its PID segment names them.
struct Identity {
    mrn: u32,
    family: String,
    given: String,
    dob: chrono::NaiveDate,
    sex: &'static str,
}

/// One HL7 v2.5.1 ORU^R01 result file (MSH, PID, ORC, OBR, OBX per result; segments ended by
/// a carriage return) with a comprehensive metabolic panel for the patient, matched by chart
/// number, some values out of range.
fn oru_r01(i: usize, p: &Identity, rng: &mut Rng, now: DateTime<Utc>) -> String {
    let ts = |t: DateTime<Utc>| t.format("%Y%m%d%H%M%S").to_string();
    let collected = ts(now - Duration::hours(20 + (i % 24) as i64));
    let received = ts(now - Duration::hours(2));
    let placer = format!("BENCH{i:06}");
    let filler = format!("PSL{i:06}");
    let mut obr = vec![""; 26];
    obr[0] = "OBR";
    obr[1] = "1";
    obr[2] = &placer;
    obr[3] = &filler;
    obr[4] = "24323-8^Comprehensive metabolic panel^LN";
    obr[7] = &collected;
    obr[14] = &collected;
    obr[22] = &received;
    obr[25] = "F";
    let mut out = format!(
        "MSH|^~\\&|PSL|PRAIRIE STATE LAB|CHARTA|PRACTICE|{received}||ORU^R01^ORU_R01|MSG{i:08}|P|2.5.1\r\
         PID|1||{mrn}^^^CHARTA^MR||{family}^{given}||{dob}|{sex}\r\
         ORC|RE|{placer}|{filler}\r{obr}\r",
        mrn = p.mrn,
        family = p.family,
        given = p.given,
        dob = p.dob.format("%Y%m%d"),
        sex = p.sex,
        obr = obr.join("|"),
    );
    for (n, (code, name, unit, range, low, high)) in CMP_FILE.iter().enumerate() {
        // Mostly inside the range, now and then a little outside it.
        let spread = (high - low) * (rng.below(1200) as f64 / 1000.0 - 0.1);
        let value = ((low + spread) * 100.0).round() / 100.0;
        let flag = if value < *low {
            "L"
        } else if value > *high {
            "H"
        } else {
            "N"
        };
        out.push_str(&format!(
            "OBX|{}|NM|{code}^{name}^LN||{value}|{unit}|{range}|{flag}|||F|||{collected}\r",
            n + 1
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_generated_result_file_is_an_oru_r01_with_its_patient_and_one_obx_per_result() {
        let who = Identity {
            mrn: 1234,
            family: "Doe".into(),
            given: "Jane".into(),
            dob: chrono::NaiveDate::from_ymd_opt(1970, 5, 6).unwrap(),
            sex: "F",
        };
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0).unwrap();
        let file = oru_r01(7, &who, &mut Rng::new(1), now);
        let segments: Vec<&str> = file.split('\r').filter(|s| !s.is_empty()).collect();
        let ids: Vec<&str> = segments.iter().map(|s| &s[..3]).collect();
        assert_eq!(&ids[..4], ["MSH", "PID", "ORC", "OBR"]);
        assert_eq!(ids.iter().filter(|s| **s == "OBX").count(), CMP_FILE.len());
        let msh: Vec<&str> = segments[0].split('|').collect();
        assert_eq!(msh[8], "ORU^R01^ORU_R01");
        assert_eq!(msh[11], "2.5.1");
        let pid: Vec<&str> = segments[1].split('|').collect();
        assert_eq!(
            (pid[3], pid[5], pid[7], pid[8]),
            ("1234^^^CHARTA^MR", "Doe^Jane", "19700506", "F")
        );
        let obr: Vec<&str> = segments[3].split('|').collect();
        assert_eq!((obr[2], obr[25]), ("BENCH000007", "F"));
        for obx in &segments[4..] {
            let f: Vec<&str> = obx.split('|').collect();
            assert_eq!(f[2], "NM");
            assert!(f[5].parse::<f64>().is_ok(), "{obx}");
            assert!(["N", "H", "L"].contains(&f[8]), "{obx}");
            assert_eq!(f[11], "F");
        }
    }
}
