//! The chart search over a generated practice: words in any order and by prefix, newest first,
//! marked spans that spell the query, one patient only, and an audit row without the words.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::chart::search::ChartHitKind;
use charta_core::synth::{ChartProviders, PracticeGenerator};
use charta_core::testing::{staffed_practice, test_now, Staff};
use charta_core::{ChartDb, CoreError, PatientId};
use chrono::Duration;

fn practice() -> (ChartDb, Staff, PatientId, Vec<PatientId>) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let ids = db
        .add_generated_patients(&mut PracticeGenerator::new(4), 120, 1, test_now())
        .unwrap();
    let providers = ChartProviders {
        physicians: vec![staff.physician.user_id()],
        nurse: Some(staff.nurse.user_id()),
    };
    let charts = db.add_generated_charts(17, &providers, test_now()).unwrap();
    (db, staff, charts.heavy[0], ids)
}

/// The marked text of a hit, lower-cased.
fn marked(snippet: &str, spans: &[(u32, u32)]) -> Vec<String> {
    spans
        .iter()
        .map(|(s, e)| {
            snippet
                .chars()
                .skip(*s as usize)
                .take((e - s) as usize)
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
}

#[test]
fn words_in_any_order_and_by_prefix_find_the_same_entries_newest_first() {
    let (mut db, staff, heavy, _) = practice();
    let mut search = |q: &str| {
        db.as_user(&staff.physician)
            .search_chart(heavy, q, test_now())
            .unwrap()
    };
    let one = search("follow up");
    let other = search("UP Follo");
    assert!(
        one.total > 10,
        "a 700-visit chart has follow-ups: {}",
        one.total
    );
    assert_eq!(one.total, other.total);
    assert_eq!(
        one.hits.iter().map(|h| &h.id).collect::<Vec<_>>(),
        other.hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    assert!(one.hits.len() <= 50);
    assert!(one.hits.windows(2).all(|w| w[0].date >= w[1].date));
    for hit in &one.hits {
        let marks = marked(&hit.snippet, &hit.highlights);
        assert!(
            marks
                .iter()
                .all(|m| m == "follo" || m == "up" || m.starts_with("follow") || m == "follow"),
            "{marks:?} in {:?}",
            hit.snippet
        );
    }
    let narrower = search("follow up nosuchwordanywhere");
    assert_eq!(narrower.total, 0);
}

#[test]
fn diagnoses_are_found_by_code_and_notes_by_their_words() {
    let (mut db, staff, heavy, _) = practice();
    let summary = db
        .as_user(&staff.physician)
        .chart_summary(heavy, test_now())
        .unwrap();
    let code = summary.diagnoses[0].code.clone();
    let page = db
        .as_user(&staff.physician)
        .search_chart(heavy, &code, test_now())
        .unwrap();
    assert!(page
        .hits
        .iter()
        .any(|h| h.kind == ChartHitKind::Diagnosis && h.title.contains(&code)));
    assert!(page
        .hits
        .iter()
        .all(|h| h.visit_id.is_some() || h.kind != ChartHitKind::Diagnosis));
    let latest = &summary.visits[0];
    let word = latest.reason.split_whitespace().next().unwrap().to_string();
    let notes = db
        .as_user(&staff.physician)
        .search_chart(heavy, &word, test_now())
        .unwrap();
    assert!(
        notes
            .hits
            .iter()
            .any(|h| h.kind == ChartHitKind::Note && h.visit_id == Some(latest.id)),
        "{word:?}"
    );
}

#[test]
fn a_search_sees_only_the_patients_own_chart() {
    let (mut db, staff, heavy, ids) = practice();
    let other = *ids.iter().find(|id| **id != heavy).unwrap();
    let own: Vec<String> = db
        .as_user(&staff.physician)
        .search_chart(other, "visit", test_now())
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    let heavy_hits: Vec<String> = db
        .as_user(&staff.physician)
        .search_chart(heavy, "visit", test_now())
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert!(own.iter().all(|id| !heavy_hits.contains(id)));
}

#[test]
fn the_audit_row_says_how_many_hits_and_never_the_words() {
    let (mut db, staff, heavy, _) = practice();
    let page = db
        .as_user(&staff.nurse)
        .search_chart(heavy, "metformin confidential", test_now())
        .unwrap();
    let q = AuditQuery {
        action: Some("search_chart".into()),
        ..Default::default()
    };
    let audit = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(1))
        .unwrap()
        .entries;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].patient_id, Some(heavy));
    assert_eq!(audit[0].detail, format!("{} hits", page.total));
    assert!(!audit[0].detail.contains("metformin"));
}

#[test]
fn the_front_desk_cannot_search_a_chart_and_an_empty_query_finds_nothing() {
    let (mut db, staff, heavy, _) = practice();
    let err = db
        .as_user(&staff.front_desk)
        .search_chart(heavy, "knee", test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    let q = AuditQuery {
        action: Some("search_chart".into()),
        ..Default::default()
    };
    let denied = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(1))
        .unwrap()
        .entries;
    assert_eq!(denied[0].outcome, Outcome::Denied);
    let page = db
        .as_user(&staff.physician)
        .search_chart(heavy, " ,.; ", test_now())
        .unwrap();
    assert_eq!((page.total, page.hits.len()), (0, 0));
}
