//! Tests of the results inbox: order, the nav count, sign-off once (the trigger too), a
//! critical report's comment, the results letter's content and its printed record, and who
//! may do each.

use super::hl7::tests::TWO_PANELS_CR;
use super::tests::{audit_rows, count, import, practice, CRITICAL};
use super::{Hl7ImportOutcome, WorstFlag};
use crate::error::CoreError;
use crate::ids::{LabReportId, ResultsLetterId};
use crate::testing::test_now;
use chrono::Duration;

fn reports_of(outcome: Hl7ImportOutcome) -> Vec<LabReportId> {
    match outcome {
        Hl7ImportOutcome::Matched { reports, .. } => reports,
        other => panic!("not matched: {other:?}"),
    }
}

/// A normal-only file (the sodium line of the fixture alone), collected earlier.
fn normal_file() -> String {
    TWO_PANELS_CR
        .split('\r')
        .filter(|l| !l.starts_with("OBX") || l.starts_with("OBX|3|NM|2951-2"))
        .take(6)
        .collect::<Vec<_>>()
        .join("\r")
        .replace("20261124071500-0500", "20261120071500-0500")
        .replace("MSG00001", "MSG00077")
}

#[test]
fn the_inbox_lists_critical_then_abnormal_then_normal_oldest_first_within() {
    let mut p = practice();
    let normal = reports_of(import(&mut p, &normal_file(), 1).unwrap());
    let abnormal = reports_of(import(&mut p, TWO_PANELS_CR, 2).unwrap());
    let critical = reports_of(import(&mut p, CRITICAL, 3).unwrap());
    let doc = p.staff.physician.clone();
    let inbox = p.db.as_user(&doc).results_inbox(test_now()).unwrap();
    let order: Vec<LabReportId> = inbox.unreviewed.iter().map(|i| i.report_id).collect();
    assert_eq!(
        order,
        vec![critical[0], abnormal[0], abnormal[1], normal[0]]
    );
    let flags: Vec<WorstFlag> = inbox.unreviewed.iter().map(|i| i.worst_flag).collect();
    assert_eq!(
        flags,
        vec![
            WorstFlag::Critical,
            WorstFlag::Abnormal,
            WorstFlag::Abnormal,
            WorstFlag::Normal
        ]
    );
    let bmp = &inbox.unreviewed[1];
    assert_eq!(bmp.patient.name, "Quenneville, Ada");
    assert_eq!(bmp.panel_name, "Basic metabolic panel");
    assert_eq!(bmp.result_count, 4);
    assert_eq!(bmp.flagged.len(), 1);
    assert_eq!(
        bmp.flagged[0].name,
        "Glucose [Mass/volume] in Serum or Plasma"
    );
    assert_eq!(
        p.db.as_user(&doc).results_inbox_count(test_now()).unwrap(),
        4
    );
    assert_eq!(audit_rows(&p.db, "view_results_inbox").len(), 1);
}

#[test]
fn a_report_is_signed_off_once_and_leaves_the_inbox_for_the_recent_list() {
    let mut p = practice();
    let reports = reports_of(import(&mut p, TWO_PANELS_CR, 1).unwrap());
    let doc = p.staff.physician.clone();
    let item =
        p.db.as_user(&doc)
            .sign_off_results(
                reports[0],
                "  Repeat fasting glucose in 3 months  ",
                test_now(),
            )
            .unwrap();
    let review = item.review.unwrap();
    assert_eq!(
        review.comment.as_deref(),
        Some("Repeat fasting glucose in 3 months")
    );
    assert_eq!(review.by, doc.user_id());
    let again =
        p.db.as_user(&doc)
            .sign_off_results(reports[0], "again", test_now() + Duration::minutes(1))
            .unwrap_err();
    assert!(
        matches!(&again, CoreError::Invalid(f) if f[0].message.starts_with("Already signed off by Test doc")),
        "{again:?}"
    );
    // The trigger allows the review columns once, whatever the caller.
    let rewrite = p.db.write(|tx| {
        Ok(tx.execute(
            "UPDATE lab_reports SET review_comment = 'changed' WHERE reviewed_at IS NOT NULL",
            [],
        )?)
    });
    assert!(rewrite.is_err());
    let inbox = p.db.as_user(&doc).results_inbox(test_now()).unwrap();
    assert_eq!(inbox.unreviewed.len(), 1);
    assert_eq!(inbox.recently_signed.len(), 1);
    assert_eq!(inbox.recently_signed[0].report_id, reports[0]);
    let audit = audit_rows(&p.db, "sign_off_results");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].1, reports[0].to_string());
    assert_eq!(audit[0].2.as_deref(), Some(p.ada.to_string().as_str()));
}

#[test]
fn a_critical_report_needs_a_comment_to_be_signed_off() {
    let mut p = practice();
    let reports = reports_of(import(&mut p, CRITICAL, 1).unwrap());
    let doc = p.staff.physician.clone();
    let err =
        p.db.as_user(&doc)
            .sign_off_results(reports[0], "   ", test_now())
            .unwrap_err();
    assert!(matches!(&err, CoreError::Invalid(f) if f[0].field == "comment"));
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_reports WHERE reviewed_at IS NOT NULL"
        ),
        0
    );
    p.db.as_user(&doc)
        .sign_off_results(reports[0], "Called patient; repeat today in ED", test_now())
        .unwrap();
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_reports WHERE reviewed_at IS NOT NULL"
        ),
        1
    );
}

#[test]
fn the_results_letter_says_each_value_in_plain_words_with_the_comment_and_is_kept_when_printed() {
    let mut p = practice();
    let reports = reports_of(import(&mut p, TWO_PANELS_CR, 1).unwrap());
    let doc = p.staff.physician.clone();
    let early =
        p.db.as_user(&doc)
            .results_letter(reports[0], test_now())
            .unwrap_err();
    assert!(
        matches!(&early, CoreError::Invalid(f) if f[0].message.contains("Sign the report off"))
    );
    p.db.as_user(&doc)
        .sign_off_results(
            reports[0],
            "Your sugar is high; please book a visit.",
            test_now(),
        )
        .unwrap();
    let letter =
        p.db.as_user(&doc)
            .results_letter(reports[0], test_now())
            .unwrap();
    assert_eq!(letter.practice_name, "Test Practice");
    assert_eq!(letter.patient_name, "Ada Quenneville");
    assert_eq!(letter.greeting, "Dear Ada Quenneville,");
    assert_eq!(letter.panel_name, "Basic metabolic panel");
    assert_eq!(letter.collected_on.to_string(), "2026-11-24");
    let glucose = &letter.lines[0];
    assert_eq!(glucose.value, "182 mg/dL");
    assert_eq!(glucose.range.as_deref(), Some("usual range 70–99 mg/dL"));
    assert_eq!(glucose.meaning, "higher than the usual range");
    assert_eq!(letter.lines[1].meaning, "within the usual range");
    assert_eq!(
        letter.summary,
        "One result is outside the usual range; your physician's comment is below."
    );
    assert_eq!(
        letter.comment.as_deref(),
        Some("Your sugar is high; please book a visit.")
    );
    assert_eq!(letter.physician_name, "Test doc");
    let record =
        p.db.as_user(&doc)
            .print_results_letter(reports[0], ResultsLetterId::from_u128(1), test_now())
            .unwrap();
    assert_eq!(record.printed_by_name, "Test doc");
    let body =
        p.db.read(|c| crate::store::result_inbox::letter_body(c, record.id))
            .unwrap()
            .unwrap();
    assert!(body.contains("- Glucose [Mass/volume] in Serum or Plasma: 182 mg/dL — higher than the usual range (usual range 70–99 mg/dL)"), "{body}");
    assert!(body.contains("Your sugar is high"));
    let inbox = p.db.as_user(&doc).results_inbox(test_now()).unwrap();
    assert_eq!(inbox.recently_signed[0].letters.len(), 1);
    assert_eq!(
        audit_rows(&p.db, "print_results_letter")[0].2.as_deref(),
        Some(p.ada.to_string().as_str())
    );
    let rewrite =
        p.db.write(|tx| Ok(tx.execute("UPDATE results_letters SET body = ''", [])?));
    assert!(rewrite.is_err());
}

#[test]
fn a_nurse_imports_but_cannot_sign_off_and_desk_and_admin_see_no_inbox() {
    let mut p = practice();
    let reports = reports_of(import(&mut p, TWO_PANELS_CR, 1).unwrap());
    let staff = p.staff.clone();
    for actor in [&staff.nurse, &staff.front_desk, &staff.admin] {
        assert!(matches!(
            p.db.as_user(actor).results_inbox(test_now()),
            Err(CoreError::Forbidden(_))
        ));
        assert!(matches!(
            p.db.as_user(actor)
                .sign_off_results(reports[0], "ok", test_now()),
            Err(CoreError::Forbidden(_))
        ));
        assert!(matches!(
            p.db.as_user(actor).results_inbox_count(test_now()),
            Err(CoreError::Forbidden(_))
        ));
    }
    assert_eq!(
        audit_rows(&p.db, "sign_off_results")
            .iter()
            .filter(|r| r.0 == "denied")
            .count(),
        3
    );
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_reports WHERE reviewed_at IS NOT NULL"
        ),
        0
    );
}
