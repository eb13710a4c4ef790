//! An ORU^R01 message read into what Charta stores: the patient as the file names them (PID),
//! and each order (OBR) with its observations (OBX) and comments (NTE). Everything is checked
//! before anything is written: a wrong message type, a missing PID or OBR, a bad date, a value
//! that does not fit its value type, an unknown status — each an error naming the segment.

use super::{error_at, Hl7Error, Message, Segment};
use crate::labs::{LabValue, ResultStatus};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The patient as the file names them.
#[derive(Debug, Clone, PartialEq)]
pub struct FilePatient {
    /// PID-3's MR identifier (or its first one) as sent.
    pub mrn: Option<String>,
    pub family_name: String,
    pub given_name: String,
    pub date_of_birth: Option<NaiveDate>,
    /// PID-8 as sent (F, M, U …).
    pub sex: String,
}

impl FilePatient {
    pub fn name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
            .trim()
            .to_string()
    }

    /// "John Smith, born 1970-01-01, MRN 1234" — what the queue shows of the file.
    pub fn describe(&self) -> String {
        let mut out = if self.name().is_empty() {
            "no name".to_string()
        } else {
            self.name()
        };
        if let Some(d) = self.date_of_birth {
            out.push_str(&format!(", born {d}"));
        }
        if let Some(m) = &self.mrn {
            out.push_str(&format!(", MRN {m}"));
        }
        out
    }
}

/// OBR-16: who ordered it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderingProvider {
    pub id: String,
    pub family_name: String,
    pub given_name: String,
}

impl OrderingProvider {
    pub fn name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
            .trim()
            .to_string()
    }
}

/// One OBX.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub line: usize,
    pub value_type: String,
    pub code: String,
    pub name: String,
    pub value: LabValue,
    pub unit: Option<String>,
    pub ref_text: Option<String>,
    pub ref_low: Option<f64>,
    pub ref_high: Option<f64>,
    /// OBX-8 as sent (H, L, HH, LL, A, N …).
    pub lab_flag: Option<String>,
    pub status: ResultStatus,
    pub comments: Vec<String>,
}

/// One OBR with its observations.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub line: usize,
    pub placer_order: Option<String>,
    pub panel_code: Option<String>,
    pub panel_name: String,
    pub collected_at: DateTime<Utc>,
    pub ordering: Option<OrderingProvider>,
    pub status: ResultStatus,
    pub comments: Vec<String>,
    pub observations: Vec<Observation>,
}

/// A whole ORU^R01 message.
#[derive(Debug, Clone, PartialEq)]
pub struct OruMessage {
    pub control_id: String,
    pub sending_facility: Option<String>,
    pub patient: FilePatient,
    pub orders: Vec<Order>,
}

fn nonempty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// HL7 DT / TS: `YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]`; without an offset, the practice zone.
pub fn parse_instant(text: &str, zone: Tz) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let (stamp, offset) = match text.find(['+', '-']) {
        Some(i) => (&text[..i], Some(&text[i..])),
        None => (text, None),
    };
    let stamp = stamp.split('.').next().unwrap_or("");
    if stamp.len() < 8 || stamp.len() > 14 || !stamp.len().is_multiple_of(2) {
        return None;
    }
    if !stamp.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n = |a: usize, b: usize| stamp.get(a..b).and_then(|s| s.parse::<u32>().ok());
    let date = NaiveDate::from_ymd_opt(n(0, 4)? as i32, n(4, 6)?, n(6, 8)?)?;
    let time = NaiveTime::from_hms_opt(
        n(8, 10).unwrap_or(0),
        n(10, 12).unwrap_or(0),
        n(12, 14).unwrap_or(0),
    )?;
    let local = NaiveDateTime::new(date, time);
    match offset {
        Some(o) => {
            if o.len() != 5 || !o[1..].chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let hours: i32 = o[1..3].parse().ok()?;
            let minutes: i32 = o[3..5].parse().ok()?;
            let secs = (hours * 3600 + minutes * 60) * if o.starts_with('-') { -1 } else { 1 };
            let fixed = chrono::FixedOffset::east_opt(secs)?;
            fixed
                .from_local_datetime(&local)
                .single()
                .map(|t| t.with_timezone(&Utc))
        }
        None => zone
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc)),
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let digits = t.get(..8)?;
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(digits, "%Y%m%d").ok()
}

fn status(seg: &Segment, field: &str, raw: &str) -> Result<ResultStatus, Hl7Error> {
    match raw.trim() {
        "" | "F" => Ok(ResultStatus::Final),
        "P" | "R" | "S" | "I" | "A" => Ok(ResultStatus::Preliminary),
        "C" => Ok(ResultStatus::Corrected),
        other => Err(error_at(
            seg,
            format!("{field} status {other:?} is not one Charta reads (F final, P preliminary, C corrected)"),
        )),
    }
}

/// A reference range as labs write it: "3.5-5.1", "<200", ">=60", "negative".
pub fn parse_range(text: &str) -> (Option<f64>, Option<f64>) {
    let t = text.trim();
    let num = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    if let Some(rest) = t.strip_prefix("<=").or_else(|| t.strip_prefix('<')) {
        return (None, num(rest));
    }
    if let Some(rest) = t.strip_prefix(">=").or_else(|| t.strip_prefix('>')) {
        return (num(rest), None);
    }
    // The dash between the bounds, not a minus sign on the low bound.
    if let Some(i) = t.get(1..).and_then(|s| s.find('-')).map(|i| i + 1) {
        if let (Some(lo), Some(hi)) = (num(&t[..i]), num(&t[i + 1..])) {
            return (Some(lo), Some(hi));
        }
    }
    (None, None)
}

fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() || t.contains(',') {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

impl Message {
    fn coded(&self, seg: &Segment, n: usize) -> (String, String) {
        let value = self.repetitions(seg, n).into_iter().next().unwrap_or("");
        (
            self.component(value, 1).trim().to_string(),
            self.component(value, 2).trim().to_string(),
        )
    }

    fn read_patient(&self, pid: &Segment) -> Result<FilePatient, Hl7Error> {
        let ids = self.repetitions(pid, 3);
        let mr = ids
            .iter()
            .find(|r| self.component(r, 5).trim() == "MR")
            .or(ids.first())
            .map(|r| self.component(r, 1).trim().to_string())
            .filter(|s| !s.is_empty());
        let name = self.repetitions(pid, 5).into_iter().next().unwrap_or("");
        let family_name = self.component(name, 1).trim().to_string();
        let given_name = self.component(name, 2).trim().to_string();
        if mr.is_none() && family_name.is_empty() {
            return Err(error_at(
                pid,
                "PID-3 (MRN) and PID-5 (name) are both empty; the file names no patient",
            ));
        }
        let dob_text = self.text(pid, 7);
        let date_of_birth = if dob_text.trim().is_empty() {
            None
        } else {
            Some(parse_date(&dob_text).ok_or_else(|| {
                error_at(
                    pid,
                    format!(
                        "PID-7 date of birth {:?} is not a date (YYYYMMDD)",
                        dob_text.trim()
                    ),
                )
            })?)
        };
        Ok(FilePatient {
            mrn: mr,
            family_name,
            given_name,
            date_of_birth,
            sex: self.text(pid, 8).trim().to_string(),
        })
    }

    fn read_order(&self, obr: &Segment, zone: Tz) -> Result<Order, Hl7Error> {
        let placer = self.component(self.raw_first(obr, 2), 1);
        let filler = self.component(self.raw_first(obr, 3), 1);
        let (code, name) = self.coded(obr, 4);
        if code.is_empty() && name.is_empty() {
            return Err(error_at(obr, "OBR-4 (the test or panel ordered) is empty"));
        }
        let collected_text = self.text(obr, 7);
        let collected_at = parse_instant(&collected_text, zone).ok_or_else(|| {
            error_at(
                obr,
                format!(
                    "OBR-7 collection time {:?} is not an HL7 date and time (YYYYMMDDHHMM)",
                    collected_text.trim()
                ),
            )
        })?;
        let provider = self.raw_first(obr, 16);
        let ordering = OrderingProvider {
            id: self.component(provider, 1).trim().to_string(),
            family_name: self.component(provider, 2).trim().to_string(),
            given_name: self.component(provider, 3).trim().to_string(),
        };
        let ordering =
            (!(ordering.id.is_empty() && ordering.family_name.is_empty())).then_some(ordering);
        Ok(Order {
            line: obr.line,
            placer_order: nonempty(placer).or_else(|| nonempty(filler)),
            panel_code: nonempty(code.clone()),
            panel_name: if name.is_empty() { code } else { name },
            collected_at,
            ordering,
            status: status(obr, "OBR-25", &self.text(obr, 25))?,
            comments: Vec::new(),
            observations: Vec::new(),
        })
    }

    fn raw_first<'a>(&self, seg: &'a Segment, n: usize) -> &'a str {
        self.repetitions(seg, n).into_iter().next().unwrap_or("")
    }

    fn read_observation(&self, obx: &Segment) -> Result<Observation, Hl7Error> {
        let value_type = self.text(obx, 2).trim().to_string();
        let (code, name) = self.coded(obx, 3);
        if code.is_empty() {
            return Err(error_at(obx, "OBX-3 (the observation's code) is empty"));
        }
        let reps: Vec<String> = self
            .repetitions(obx, 5)
            .into_iter()
            .map(|r| self.unescape(r))
            .collect();
        let first = reps.first().cloned().unwrap_or_default();
        let value = match value_type.as_str() {
            "NM" => LabValue::Number(number(&first).ok_or_else(|| {
                error_at(
                    obx,
                    format!("OBX-5 {:?} is not a number for value type NM", first.trim()),
                )
            })?),
            "ST" | "TX" | "FT" => {
                let joined = reps.join("\n");
                let text = joined.trim();
                if text.is_empty() {
                    return Err(error_at(obx, format!("OBX-5 is empty for value type {value_type}")));
                }
                LabValue::Text(text.to_string())
            }
            "CE" | "CWE" => {
                let raw = self.raw_first(obx, 5);
                let shown = self.component(raw, 2);
                let shown = if shown.trim().is_empty() { self.component(raw, 1) } else { shown };
                if shown.trim().is_empty() {
                    return Err(error_at(obx, format!("OBX-5 is empty for value type {value_type}")));
                }
                LabValue::Text(shown.trim().to_string())
            }
            "SN" => {
                // Structured numeric: comparator^number (">^90"); a bare number stays a number.
                let raw = self.raw_first(obx, 5);
                let cmp = self.component(raw, 1);
                let n = self.component(raw, 2);
                match (cmp.trim(), number(&n)) {
                    ("" | "=", Some(v)) => LabValue::Number(v),
                    (c, Some(v)) => LabValue::Text(format!("{c}{v}")),
                    _ => {
                        return Err(error_at(
                            obx,
                            format!("OBX-5 {:?} is not a structured number for value type SN", self.unescape(raw)),
                        ))
                    }
                }
            }
            "" => return Err(error_at(obx, "OBX-2 (the value type) is empty")),
            other => {
                return Err(error_at(
                    obx,
                    format!("OBX-2 value type {other:?} is not one Charta reads (NM, SN, ST, TX, FT, CE, CWE)"),
                ))
            }
        };
        let unit = self.component(self.raw_first(obx, 6), 1);
        let ref_text = nonempty(self.text(obx, 7));
        let (ref_low, ref_high) = ref_text.as_deref().map(parse_range).unwrap_or((None, None));
        Ok(Observation {
            line: obx.line,
            value_type,
            code,
            name,
            value,
            unit: nonempty(unit),
            ref_text,
            ref_low,
            ref_high,
            lab_flag: nonempty(self.text(obx, 8)),
            status: status(obx, "OBX-11", &self.text(obx, 11))?,
            comments: Vec::new(),
        })
    }

    /// Reads the message as an ORU^R01 (times without an offset are in `zone`).
    pub fn oru(&self, zone: Tz) -> Result<OruMessage, Hl7Error> {
        let msh = &self.segments[0];
        let kind = self.raw_first(msh, 9);
        let (event_type, trigger) = (self.component(kind, 1), self.component(kind, 2));
        if event_type.trim() != "ORU" || trigger.trim() != "R01" {
            return Err(error_at(
                msh,
                format!(
                    "MSH-9 message type {:?} is not a result message (ORU^R01)",
                    self.unescape(kind)
                ),
            ));
        }
        let mut patient = None;
        let mut orders: Vec<Order> = Vec::new();
        for seg in &self.segments[1..] {
            match seg.name.as_str() {
                "PID" => {
                    if patient.is_some() {
                        return Err(error_at(
                            seg,
                            "a second PID: one result file is for one patient",
                        ));
                    }
                    patient = Some(self.read_patient(seg)?);
                }
                "OBR" => {
                    if patient.is_none() {
                        return Err(error_at(seg, "OBR before the PID segment"));
                    }
                    orders.push(self.read_order(seg, zone)?);
                }
                "OBX" => {
                    let obs = self.read_observation(seg)?;
                    let Some(order) = orders.last_mut() else {
                        return Err(error_at(
                            seg,
                            "OBX before any OBR: which order is it a result of?",
                        ));
                    };
                    order.observations.push(obs);
                }
                "NTE" => {
                    let text = self
                        .repetitions(seg, 3)
                        .into_iter()
                        .map(|r| self.unescape(r))
                        .collect::<Vec<_>>()
                        .join("\n");
                    let text = text.trim().to_string();
                    if text.is_empty() {
                        continue;
                    }
                    if let Some(order) = orders.last_mut() {
                        match order.observations.last_mut() {
                            Some(obs) => obs.comments.push(text),
                            None => order.comments.push(text),
                        }
                    }
                }
                _ => {}
            }
        }
        let Some(patient) = patient else {
            return Err(error_at(
                msh,
                "the file has no PID segment (which patient is it for?)",
            ));
        };
        if orders.is_empty() {
            return Err(error_at(
                msh,
                "the file has no OBR segment (no results in it)",
            ));
        }
        if let Some(empty) = orders.iter().find(|o| o.observations.is_empty()) {
            return Err(Hl7Error(format!(
                "OBR (line {}): {} has no OBX results",
                empty.line, empty.panel_name
            )));
        }
        Ok(OruMessage {
            control_id: self.text(msh, 10).trim().to_string(),
            sending_facility: nonempty(self.component(self.raw_first(msh, 4), 1)),
            patient,
            orders,
        })
    }
}

/// Reads a whole file as an ORU^R01.
pub fn read(text: &str, zone: Tz) -> Result<OruMessage, Hl7Error> {
    Message::parse(text)?.oru(zone)
}
