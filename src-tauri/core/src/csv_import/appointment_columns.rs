//! What another EMR's appointment-list columns mean: a guess from the header ("Appt Date",
//! "Start", "Provider", "Visit Type"), the clock times old systems write ("9:00 AM", "0930",
//! "14:30:00"), and the status words that say how a past visit ended.

use super::columns::squashed;
use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The booking field a CSV column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AppointmentColumn {
    /// Charta's chart number (after the patients were imported, or typed in by hand).
    ChartNumber,
    FamilyName,
    GivenName,
    DateOfBirth,
    /// The day of the appointment.
    Date,
    /// Its start (a time, or a date and a time in one cell).
    StartTime,
    EndTime,
    /// Its length in minutes.
    Minutes,
    Provider,
    AppointmentType,
    Room,
    Reason,
    Note,
    /// Booked, confirmed, attended, no-show, cancelled …
    Status,
    /// Not imported (the old appointment id, insurance …).
    Ignore,
}

impl AppointmentColumn {
    pub fn label(self) -> &'static str {
        match self {
            AppointmentColumn::ChartNumber => "chart number",
            AppointmentColumn::FamilyName => "family name",
            AppointmentColumn::GivenName => "given name",
            AppointmentColumn::DateOfBirth => "date of birth",
            AppointmentColumn::Date => "appointment date",
            AppointmentColumn::StartTime => "start time",
            AppointmentColumn::EndTime => "end time",
            AppointmentColumn::Minutes => "length in minutes",
            AppointmentColumn::Provider => "provider",
            AppointmentColumn::AppointmentType => "appointment type",
            AppointmentColumn::Room => "room",
            AppointmentColumn::Reason => "reason",
            AppointmentColumn::Note => "note",
            AppointmentColumn::Status => "status",
            AppointmentColumn::Ignore => "not imported",
        }
    }
}

/// The column a header most likely means (`Ignore` when nothing fits).
pub fn guess_appointment(header: &str) -> AppointmentColumn {
    use AppointmentColumn::*;
    let h = squashed(header);
    let is = |names: &[&str]| names.contains(&h.as_str());
    if is(&[
        "mrn",
        "chart",
        "chartnumber",
        "chartno",
        "medicalrecordnumber",
    ]) {
        ChartNumber
    } else if is(&[
        "lastname",
        "last",
        "surname",
        "familyname",
        "patientlastname",
        "lname",
    ]) {
        FamilyName
    } else if is(&[
        "firstname",
        "first",
        "givenname",
        "patientfirstname",
        "fname",
    ]) {
        GivenName
    } else if is(&["dob", "dateofbirth", "birthdate", "birthday", "patientdob"]) {
        DateOfBirth
    } else if is(&[
        "date",
        "apptdate",
        "appointmentdate",
        "visitdate",
        "day",
        "scheduleddate",
    ]) {
        Date
    } else if is(&[
        "time",
        "start",
        "starttime",
        "appttime",
        "appointmenttime",
        "from",
        "starts",
        "startsat",
        "scheduledtime",
    ]) {
        StartTime
    } else if is(&["end", "endtime", "to", "ends", "endsat", "until"]) {
        EndTime
    } else if is(&[
        "minutes",
        "length",
        "duration",
        "durationminutes",
        "lengthminutes",
        "mins",
    ]) {
        Minutes
    } else if is(&[
        "provider",
        "doctor",
        "physician",
        "clinician",
        "providername",
        "seenby",
        "with",
        "resource",
    ]) {
        Provider
    } else if is(&[
        "type",
        "appttype",
        "appointmenttype",
        "visittype",
        "category",
        "apptcategory",
    ]) {
        AppointmentType
    } else if is(&["room", "exam", "examroom", "location"]) {
        Room
    } else if is(&["reason", "complaint", "chiefcomplaint", "reasonforvisit"]) {
        Reason
    } else if is(&["note", "notes", "comment", "comments", "memo"]) {
        Note
    } else if is(&["status", "apptstatus", "appointmentstatus", "outcome"]) {
        Status
    } else {
        Ignore
    }
}

/// A clock time as old systems write it: "09:00", "9:00", "9:00 AM", "9am", "0930",
/// "14:30:00". `None` when it is not one.
pub fn clock_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim().to_lowercase().replace('.', "");
    let (digits, half) = if let Some(rest) = t.strip_suffix("am") {
        (rest.trim(), Some(false))
    } else if let Some(rest) = t.strip_suffix("pm") {
        (rest.trim(), Some(true))
    } else {
        (t.as_str(), None)
    };
    let parts: Vec<&str> = digits.split(':').collect();
    let (hour, minute, second) = match parts.as_slice() {
        [hm] if hm.len() == 4 && half.is_none() => (hm.get(..2)?, hm.get(2..)?, "0"),
        [h] if half.is_some() => (*h, "0", "0"),
        [h, m] => (*h, *m, "0"),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(hour) && all_digits(minute) && all_digits(second)) {
        return None;
    }
    let (mut h, m, s): (u32, u32, u32) = (
        hour.parse().ok()?,
        minute.parse().ok()?,
        second.parse().ok()?,
    );
    match half {
        Some(pm) if (1..=12).contains(&h) => h = h % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    NaiveTime::from_hms_opt(h, m, s)
}

/// How an appointment stands in the earlier system's book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusWord {
    Booked,
    Confirmed,
    Attended,
    NoShow,
    CancelledByPatient,
    CancelledByPractice,
}

/// A status as old systems write it; `None` when it is not one Charta knows. Blank is booked.
pub fn status_word(text: &str) -> Option<StatusWord> {
    use StatusWord::*;
    let s = squashed(text);
    Some(match s.as_str() {
        "" | "booked" | "scheduled" | "pending" | "open" | "new" | "planned" => Booked,
        "confirmed" | "reminded" => Confirmed,
        "attended" | "arrived" | "seen" | "kept" | "completed" | "complete" | "done"
        | "checkedout" | "checkedin" | "fulfilled" | "finished" => Attended,
        "noshow" | "dna" | "didnotattend" | "missed" | "failed" => NoShow,
        "cancelledbypractice"
        | "canceledbypractice"
        | "cancelledbyprovider"
        | "canceledbyprovider"
        | "cancelledbyclinic"
        | "canceledbyclinic" => CancelledByPractice,
        "cancelled" | "canceled" | "cancelledbypatient" | "canceledbypatient" | "cancel"
        | "lcancel" | "latecancel" | "latecancellation" => CancelledByPatient,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_as_old_systems_write_them() {
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(clock_time("09:00"), hm(9, 0));
        assert_eq!(clock_time("9:05"), hm(9, 5));
        assert_eq!(clock_time("9:00 AM"), hm(9, 0));
        assert_eq!(clock_time("12:15 a.m."), hm(0, 15));
        assert_eq!(clock_time("12:30pm"), hm(12, 30));
        assert_eq!(clock_time("2:30 PM"), hm(14, 30));
        assert_eq!(clock_time("3pm"), hm(15, 0));
        assert_eq!(clock_time("0930"), hm(9, 30));
        assert_eq!(clock_time("14:30:00"), hm(14, 30));
        for bad in [
            "",
            "25:00",
            "9",
            "13:00 PM",
            "half past nine",
            "9:7x",
            "09:60",
        ] {
            assert_eq!(clock_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn headers_and_status_words() {
        assert_eq!(guess_appointment("Appt Date"), AppointmentColumn::Date);
        assert_eq!(
            guess_appointment("Start Time"),
            AppointmentColumn::StartTime
        );
        assert_eq!(
            guess_appointment("Visit Type"),
            AppointmentColumn::AppointmentType
        );
        assert_eq!(guess_appointment("Seen by"), AppointmentColumn::Provider);
        assert_eq!(guess_appointment("MRN"), AppointmentColumn::ChartNumber);
        assert_eq!(guess_appointment("Insurance"), AppointmentColumn::Ignore);
        assert_eq!(status_word("No Show"), Some(StatusWord::NoShow));
        assert_eq!(status_word("Checked out"), Some(StatusWord::Attended));
        assert_eq!(
            status_word("Canceled"),
            Some(StatusWord::CancelledByPatient)
        );
        assert_eq!(
            status_word("Cancelled by practice"),
            Some(StatusWord::CancelledByPractice)
        );
        assert_eq!(status_word(""), Some(StatusWord::Booked));
        assert_eq!(status_word("rescheduled?"), None);
    }
}
