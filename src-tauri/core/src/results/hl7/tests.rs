//! Tests of the HL7 reader: segments, escapes, repetitions, line ends and malformed files.

use super::oru::{self, parse_instant, parse_range};
use super::Message;
use crate::labs::{LabValue, ResultStatus};
use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

pub const TWO_PANELS_CR: &str = include_str!("../../../tests/fixtures/hl7/oru_two_panels_cr.hl7");
pub const CORRECTION_CRLF: &str =
    include_str!("../../../tests/fixtures/hl7/oru_correction_crlf.hl7");
pub const BY_NAME_LF: &str =
    include_str!("../../../tests/fixtures/hl7/oru_by_name_unknown_doctor_lf.hl7");

const NY: Tz = chrono_tz::America::New_York;

fn refused(text: &str) -> String {
    match oru::read(text, NY) {
        Ok(m) => panic!("read a malformed file: {m:?}"),
        Err(e) => e.0,
    }
}

#[test]
fn a_file_with_cr_line_ends_reads_two_orders_with_their_results_and_comments() {
    let m = oru::read(TWO_PANELS_CR, NY).unwrap();
    assert_eq!(m.control_id, "MSG00001");
    assert_eq!(m.sending_facility.as_deref(), Some("ACME LAB"));
    assert_eq!(m.patient.mrn.as_deref(), Some("1001"));
    assert_eq!(m.patient.family_name, "Quenneville");
    assert_eq!(m.patient.given_name, "Ada");
    assert_eq!(m.patient.date_of_birth.unwrap().to_string(), "1974-03-15");
    assert_eq!(m.patient.sex, "F");
    assert_eq!(m.orders.len(), 2);
    let bmp = &m.orders[0];
    assert_eq!(bmp.panel_code.as_deref(), Some("24321-2"));
    assert_eq!(bmp.panel_name, "Basic metabolic panel");
    assert_eq!(bmp.placer_order.as_deref(), Some("ORD448811"));
    assert_eq!(
        bmp.collected_at,
        Utc.with_ymd_and_hms(2026, 11, 24, 12, 15, 0).unwrap()
    );
    assert_eq!(bmp.ordering.as_ref().unwrap().id, "1234567893");
    assert_eq!(bmp.status, ResultStatus::Final);
    assert_eq!(bmp.observations.len(), 4);
    let glucose = &bmp.observations[0];
    assert_eq!(glucose.code, "2345-7");
    assert_eq!(glucose.value, LabValue::Number(182.0));
    assert_eq!(glucose.unit.as_deref(), Some("mg/dL"));
    assert_eq!(
        (glucose.ref_low, glucose.ref_high),
        (Some(70.0), Some(99.0))
    );
    assert_eq!(glucose.lab_flag.as_deref(), Some("H"));
    let lipids = &m.orders[1];
    assert_eq!(lipids.comments, vec!["Patient fasted 12 hours."]);
    assert_eq!(lipids.observations[0].ref_high, Some(200.0));
    assert_eq!(lipids.observations[1].ref_low, Some(40.0));
}

#[test]
fn escapes_are_undone_in_comments_and_values() {
    let m = oru::read(TWO_PANELS_CR, NY).unwrap();
    let creatinine = &m.orders[0].observations[3];
    assert_eq!(
        creatinine.comments,
        vec!["Fasting specimen & received chilled\\ see lab policy | 12^b"]
    );
    let ldl = &m.orders[1].observations[2];
    assert_eq!(ldl.value, LabValue::Text("see comment".into()));
    assert_eq!(
        ldl.comments,
        vec!["Triglycerides too high to calculate LDL\nDirect LDL recommended."]
    );
}

#[test]
fn repeated_fields_are_split_the_mr_identifier_chosen_and_text_repeats_joined() {
    let m = oru::read(TWO_PANELS_CR, NY).unwrap();
    assert_eq!(m.patient.mrn.as_deref(), Some("1001"));
    let note = &m.orders[1].observations[3];
    assert_eq!(
        note.value,
        LabValue::Text("Line one of the report\nLine two of the report".into())
    );
    // The PI identifier listed first is not taken for the MRN.
    let swapped = TWO_PANELS_CR.replace(
        "1001^^^TESTPRACTICE^MR~99887766^^^ACME^PI",
        "99887766^^^ACME^PI~1001^^^TESTPRACTICE^MR",
    );
    assert_eq!(
        oru::read(&swapped, NY).unwrap().patient.mrn.as_deref(),
        Some("1001")
    );
}

#[test]
fn crlf_and_lf_files_read_the_same_and_a_corrected_status_is_kept() {
    let m = oru::read(CORRECTION_CRLF, NY).unwrap();
    assert_eq!(m.orders[0].status, ResultStatus::Corrected);
    assert_eq!(m.orders[0].observations[0].status, ResultStatus::Corrected);
    assert_eq!(
        m.orders[0].observations[0].comments,
        vec!["Corrected: instrument recalibrated."]
    );
    let lf = oru::read(&CORRECTION_CRLF.replace("\r\n", "\n"), NY).unwrap();
    assert_eq!(lf, m);
    let by_name = oru::read(BY_NAME_LF, NY).unwrap();
    assert_eq!(by_name.patient.mrn, None);
    // No offset: the practice's zone (New York, EST in November).
    assert_eq!(
        by_name.orders[0].collected_at,
        Utc.with_ymd_and_hms(2026, 11, 24, 14, 0, 0).unwrap()
    );
}

#[test]
fn segment_lines_count_every_line_end_kind() {
    let text = TWO_PANELS_CR.replacen('\r', "\r\n", 2);
    let msg = Message::parse(&text).unwrap();
    assert_eq!(msg.segments[4].name, "OBX");
    assert_eq!(msg.segments[4].line, 5);
}

#[test]
fn a_value_that_is_not_a_number_names_the_obx_and_its_line() {
    let text = TWO_PANELS_CR.replace("||0.9|mg/dL", "||12,4|mg/dL");
    assert_eq!(
        refused(&text),
        "OBX 4 (line 8): OBX-5 \"12,4\" is not a number for value type NM"
    );
}

#[test]
fn each_malformed_file_names_its_segment() {
    let cases: Vec<(String, &str)> = vec![
        (
            "PID|1||1001||Ada".to_string(),
            "MSH (line 1): the file must start with an MSH segment",
        ),
        (
            TWO_PANELS_CR.replace("ORU^R01^ORU_R01", "ADT^A01"),
            "MSH (line 1): MSH-9 message type \"ADT^A01\" is not a result message",
        ),
        (
            TWO_PANELS_CR.replace("MSH|^~\\&|", "MSH|^~|"),
            "MSH (line 1): MSH-2 encoding characters",
        ),
        (
            TWO_PANELS_CR.replace("MSH|^~\\&|", "MSH|^^\\&|"),
            "MSH (line 1): MSH-2 encoding characters \"^^\\\\&\" must be four different",
        ),
        (
            remove_line(TWO_PANELS_CR, "PID"),
            "OBR 1 (line 3): OBR before the PID segment",
        ),
        (
            keep_until(TWO_PANELS_CR, "ORC").replace("PID|1||1001", "NTE|1||1001"),
            "MSH (line 1): the file has no PID segment",
        ),
        (
            keep_until(TWO_PANELS_CR, "ORC"),
            "MSH (line 1): the file has no OBR segment",
        ),
        (
            TWO_PANELS_CR.replacen("20261124071500-0500", "20261324071500-0500", 1),
            "OBR 1 (line 4): OBR-7 collection time \"20261324071500-0500\" is not an HL7 date",
        ),
        (
            TWO_PANELS_CR.replace("||19740315|F", "||1974-03-15|F"),
            "PID (line 2): PID-7 date of birth \"1974-03-15\" is not a date",
        ),
        (
            TWO_PANELS_CR.replace("OBX|2|NM|2823-3", "OBX|2|ZZ|2823-3"),
            "OBX 2 (line 6): OBX-2 value type \"ZZ\" is not one Charta reads",
        ),
        (
            TWO_PANELS_CR.replace("|3.5-5.1|N|||F", "|3.5-5.1|N|||Q"),
            "OBX 2 (line 6): OBX-11 status \"Q\"",
        ),
        (
            TWO_PANELS_CR.replace(
                "ORC|RE|ORD448811|LAB77001||CM\r",
                "OBX|9|NM|1-1^X^LN||1|||||F\r",
            ),
            "OBX 9 (line 3): OBX before any OBR",
        ),
        (
            TWO_PANELS_CR.replace("NTE|1|L|Patient", "nte|1|L|Patient"),
            "line 12: \"nte\" is not a segment name",
        ),
    ];
    for (text, expected) in cases {
        let got = refused(&text);
        assert!(
            got.starts_with(expected),
            "expected {expected:?}, got {got:?}"
        );
    }
}

fn remove_line(text: &str, name: &str) -> String {
    text.split('\r')
        .filter(|l| !l.starts_with(name))
        .collect::<Vec<_>>()
        .join("\r")
}

fn keep_until(text: &str, name: &str) -> String {
    text.split('\r')
        .take_while(|l| !l.starts_with(name))
        .collect::<Vec<_>>()
        .join("\r")
}

#[test]
fn hl7_times_read_with_and_without_offsets_and_bad_ones_are_refused() {
    assert_eq!(
        parse_instant("202611240715-0500", NY),
        Some(Utc.with_ymd_and_hms(2026, 11, 24, 12, 15, 0).unwrap())
    );
    assert_eq!(
        parse_instant("20260704", NY),
        Some(Utc.with_ymd_and_hms(2026, 7, 4, 4, 0, 0).unwrap())
    );
    assert_eq!(
        parse_instant("20261124071500.1234+0000", NY),
        Some(Utc.with_ymd_and_hms(2026, 11, 24, 7, 15, 0).unwrap())
    );
    for bad in [
        "",
        "2026",
        "2026112",
        "20261131",
        "202611241",
        "20261124-05",
        "2026112407155x",
    ] {
        assert_eq!(parse_instant(bad, NY), None, "{bad}");
    }
}

#[test]
fn ranges_read_as_labs_write_them() {
    assert_eq!(parse_range("3.5-5.1"), (Some(3.5), Some(5.1)));
    assert_eq!(parse_range("-1.0-2"), (Some(-1.0), Some(2.0)));
    assert_eq!(parse_range("<200"), (None, Some(200.0)));
    assert_eq!(parse_range(">=60"), (Some(60.0), None));
    assert_eq!(parse_range("negative"), (None, None));
}

proptest! {
    #[test]
    fn random_bytes_never_panic_the_reader(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = crate::results::import::decode(&bytes);
        let _ = oru::read(&text, NY);
    }

    #[test]
    fn random_edits_of_a_real_file_never_panic_the_reader(at in 0usize..1400, junk in "[|^~\\\\&\\rA-Z0-9.\\-]{0,12}") {
        let mut text = TWO_PANELS_CR.to_string();
        let at = (0..=at.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        text.insert_str(at, &junk);
        let _ = oru::read(&text, NY);
    }
}
