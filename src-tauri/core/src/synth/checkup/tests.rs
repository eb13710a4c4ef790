use super::*;
use crate::testing::{staffed_practice, test_now};

fn practice(patients: u32) -> (ChartDb, GeneratedCheckup) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let now = test_now();
    let staff = staffed_practice(&mut db, now).unwrap();
    let mut generator = crate::synth::PracticeGenerator::new(21);
    db.add_generated_patients(&mut generator, patients, 1, now)
        .unwrap();
    let providers = ChartProviders {
        physicians: vec![staff.physician.user_id()],
        nurse: Some(staff.nurse.user_id()),
    };
    db.add_generated_charts(8, &providers, now).unwrap();
    db.add_generated_medications(8, &providers, now).unwrap();
    let checkup = db.add_generated_checkup(8, &providers, now).unwrap();
    (db, checkup)
}

fn number(db: &ChartDb, sql: &str) -> f64 {
    db.read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, Option<f64>>(0))?))
        .unwrap()
        .unwrap_or(0.0)
}

fn texts(db: &ChartDb, sql: &str) -> Vec<String> {
    db.read(|c| {
        let mut stmt = c.prepare(sql)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

/// Everything generated, as one comparable text.
fn fingerprint(db: &ChartDb) -> Vec<String> {
    texts(
        db,
        "SELECT id || loinc || COALESCE(value_num, '') || flag || collected_at FROM lab_results
         UNION ALL SELECT id || COALESCE(reviewed_at, '-') FROM lab_reports
         UNION ALL SELECT id || cvx || kind || given_on || COALESCE(lot, '') FROM immunizations
         ORDER BY 1",
    )
}

#[test]
fn the_same_seed_gives_the_same_results_and_immunizations() {
    let (a, ga) = practice(120);
    let (b, gb) = practice(120);
    assert_eq!(ga, gb);
    assert_eq!(fingerprint(&a), fingerprint(&b));
    assert!(ga.lab_results > 500 && ga.immunizations > 300, "{ga:?}");
}

#[test]
fn a_generated_practice_has_plausible_labs_immunizations_and_growth() {
    let (db, g) = practice(500);
    let today = "date('2026-11-26')";
    let diabetics = number(
        &db,
        "SELECT count(DISTINCT patient_id) FROM problems WHERE code = 'E11.9' AND status = 'active'",
    );
    let with_a1c = number(
        &db,
        "SELECT count(DISTINCT p.patient_id) FROM problems p JOIN lab_results r
           ON r.patient_id = p.patient_id AND r.loinc = '4548-4'
         WHERE p.code = 'E11.9' AND p.status = 'active'",
    );
    // The latest HbA1c of each diabetic, and how long ago it was.
    let latest = "SELECT p.patient_id, (SELECT r.value_num FROM lab_results r WHERE r.patient_id = p.patient_id
                    AND r.loinc = '4548-4' ORDER BY r.collected_at DESC LIMIT 1) AS v,
                  (SELECT max(r.collected_at) FROM lab_results r WHERE r.patient_id = p.patient_id
                    AND r.loinc = '4548-4') AS at
                  FROM problems p WHERE p.code = 'E11.9' AND p.status = 'active'";
    let over_nine = number(&db, &format!("SELECT count(*) FROM ({latest}) WHERE v > 9"));
    let none_in_a_year = number(
        &db,
        &format!("SELECT count(*) FROM ({latest}) WHERE at IS NULL OR at < date('2026-11-26', '-12 months')"),
    );
    let kids = number(
        &db,
        &format!("SELECT count(*) FROM patients WHERE date_of_birth > date({today}, '-19 years') AND deceased_on IS NULL"),
    );
    let kids_mmr = number(
        &db,
        &format!(
            "SELECT avg(EXISTS (SELECT 1 FROM immunizations i WHERE i.patient_id = p.id AND i.cvx = '03' AND i.kind <> 'refused'))
             FROM patients p WHERE p.date_of_birth BETWEEN date({today}, '-10 years') AND date({today}, '-2 years')"
        ),
    );
    let old_pneumo = number(
        &db,
        &format!(
            "SELECT avg(EXISTS (SELECT 1 FROM immunizations i WHERE i.patient_id = p.id AND i.cvx IN ('33', '133', '216')))
             FROM patients p WHERE p.date_of_birth < date({today}, '-70 years') AND p.deceased_on IS NULL"
        ),
    );
    let adult_flu = number(
        &db,
        &format!(
            "SELECT avg(EXISTS (SELECT 1 FROM immunizations i WHERE i.patient_id = p.id AND i.cvx IN ('140', '150', '135', '197')
               AND i.given_on > date({today}, '-3 years')))
             FROM patients p WHERE p.date_of_birth < date({today}, '-19 years') AND p.deceased_on IS NULL"
        ),
    );
    let refusals = number(
        &db,
        "SELECT count(*) FROM immunizations WHERE kind = 'refused'",
    );
    let historical = number(
        &db,
        "SELECT count(*) FROM immunizations WHERE kind = 'historical'",
    );
    println!(
        "{g:?}\ndiabetics {diabetics}, with HbA1c {with_a1c}, latest > 9 % {over_nine}, none in 12 months {none_in_a_year}; \
         children {kids} ({} with growth), MMR 2–10 {kids_mmr:.2}, pneumococcal 70+ {old_pneumo:.2}, \
         flu in 3 years {adult_flu:.2}, refusals {refusals}, historical {historical}",
        g.children.len()
    );
    assert!(diabetics >= 10.0, "{diabetics}");
    assert!(with_a1c / diabetics > 0.8, "{with_a1c} of {diabetics}");
    assert!(
        over_nine >= 1.0 && over_nine < diabetics * 0.5,
        "{over_nine}"
    );
    assert!(
        none_in_a_year >= 1.0 && none_in_a_year < diabetics * 0.5,
        "{none_in_a_year}"
    );
    assert!(
        g.children.len() as f64 > kids * 0.6,
        "{} of {kids}",
        g.children.len()
    );
    assert!(kids_mmr > 0.7 && kids_mmr < 1.0, "{kids_mmr}");
    assert!(old_pneumo > 0.3 && old_pneumo < 0.9, "{old_pneumo}");
    assert!(adult_flu > 0.4 && adult_flu < 0.95, "{adult_flu}");
    assert!(refusals >= 3.0 && historical >= 10.0);
    // Panels, not lone values: a check-up's metabolic panel has its tests.
    let cmp = number(
        &db,
        "SELECT avg(n) FROM (SELECT count(*) AS n FROM lab_results r JOIN lab_reports l ON l.id = r.report_id
         WHERE l.panel_code = '24323-8' GROUP BY r.report_id)",
    );
    assert!(cmp >= 14.0, "{cmp}");
    // The inbox: the last week's reports unreviewed, every older one signed off.
    let unreviewed_old = number(
        &db,
        "SELECT count(*) FROM lab_reports WHERE reviewed_at IS NULL AND received_at < '2026-11-18'",
    );
    let unreviewed = number(
        &db,
        "SELECT count(*) FROM lab_reports WHERE reviewed_at IS NULL",
    );
    assert_eq!(unreviewed_old, 0.0);
    assert_eq!(unreviewed, g.unreviewed as f64);
    assert!(g.unreviewed >= 1, "{g:?}");
    // Nothing breaks a rule of the schema.
    assert_eq!(
        number(&db, "SELECT count(*) FROM pragma_foreign_key_check"),
        0.0
    );
}

#[test]
fn no_generated_lab_value_is_outside_physiological_limits() {
    let (db, _) = practice(300);
    for d in TESTS {
        let (low, high) = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT min(value_num), max(value_num) FROM lab_results WHERE loinc = ?1",
                    [d.loinc],
                    |r| Ok((r.get::<_, Option<f64>>(0)?, r.get::<_, Option<f64>>(1)?)),
                )?)
            })
            .unwrap();
        if let (Some(low), Some(high)) = (low, high) {
            assert!(
                low >= d.limits.0 && high <= d.limits.1,
                "{} {low}..{high}",
                d.short
            );
        }
    }
    let text_values = number(
        &db,
        "SELECT count(*) FROM lab_results WHERE value_num IS NULL",
    );
    assert_eq!(text_values, 0.0);
}

#[test]
fn every_generated_loinc_and_cvx_code_is_in_the_generators_lists() {
    let (db, _) = practice(300);
    for loinc in texts(&db, "SELECT DISTINCT loinc FROM lab_results") {
        assert!(TESTS.iter().any(|d| d.loinc == loinc), "{loinc}");
    }
    let panels = [
        tests_table::CMP.0,
        tests_table::BMP.0,
        tests_table::LIPIDS.0,
        tests_table::CBC.0,
    ];
    for code in texts(&db, "SELECT DISTINCT panel_code FROM lab_reports") {
        assert!(
            panels.contains(&code.as_str()) || TESTS.iter().any(|d| d.loinc == code),
            "{code}"
        );
    }
    for cvx in texts(&db, "SELECT DISTINCT cvx FROM immunizations") {
        assert!(VACCINES.iter().any(|v| v.0 == cvx), "{cvx}");
    }
    // And every row of the vaccine table is a distinct code.
    let mut codes: Vec<&str> = VACCINES.iter().map(|v| v.0).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), VACCINES.len());
}

#[test]
fn generated_results_and_immunizations_are_never_rewritten_or_deleted() {
    let (db, _) = practice(120);
    let write = |sql: &str| db.read(|c| Ok(c.execute(sql, [])?));
    assert!(write("UPDATE lab_results SET value_num = value_num + 1 WHERE rowid = 1").is_err());
    assert!(write("DELETE FROM lab_results WHERE rowid = 1").is_err());
    assert!(write("DELETE FROM lab_reports WHERE rowid = 1").is_err());
    assert!(write("UPDATE immunizations SET cvx = '03' WHERE rowid = 1").is_err());
    assert!(write("DELETE FROM immunizations WHERE rowid = 1").is_err());
    // A signed-off report takes no second review.
    assert!(write(
        "UPDATE lab_reports SET review_comment = 'again' WHERE rowid = (SELECT min(rowid) FROM lab_reports WHERE reviewed_at IS NOT NULL)"
    )
    .is_err());
}

#[test]
fn the_bulk_entry_is_audited_and_refused_into_a_practice_with_results() {
    let (mut db, g) = practice(120);
    let rows = number(
        &db,
        "SELECT count(*) FROM audit_log WHERE action = 'add_generated_checkup' AND outcome = 'ok'",
    );
    assert_eq!(rows, 1.0, "one transaction of 120 patients");
    assert!(g.lab_reports > 0);
    let providers = ChartProviders {
        physicians: vec![UserId::from_u128(1)],
        nurse: None,
    };
    let again = db.add_generated_checkup(8, &providers, test_now());
    assert!(matches!(again, Err(CoreError::Forbidden(_))), "{again:?}");
}

#[test]
fn children_grow_along_their_curves_with_head_circumference_under_three() {
    let (db, g) = practice(400);
    assert!(!g.children.is_empty());
    for child in &g.children {
        let rows = db
            .read(|c| {
                let mut stmt = c.prepare(
                    "SELECT v.height_cm, v.head_circumference_cm,
                        julianday(v.taken_at) - julianday(p.date_of_birth)
                     FROM vitals v JOIN patients p ON p.id = v.patient_id
                     WHERE v.patient_id = ?1 ORDER BY v.taken_at",
                )?;
                let rows = stmt
                    .query_map([child.to_string()], |r| {
                        Ok((
                            r.get::<_, f64>(0)?,
                            r.get::<_, Option<f64>>(1)?,
                            r.get::<_, f64>(2)?,
                        ))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(rows)
            })
            .unwrap();
        let mut last = 0.0;
        for (height, head, age_days) in rows {
            assert!(height + 1e-9 >= last, "{child}: {height} after {last}");
            last = height;
            if age_days < 3.0 * 365.0 {
                let head = head.unwrap_or(0.0);
                assert!(
                    (30.0..56.0).contains(&head),
                    "{child}: head {head} at {age_days} days"
                );
            }
        }
    }
}

#[test]
fn the_demo_has_the_checkup_scenario_patients_with_their_data() {
    let dir = std::env::temp_dir().join(format!("charta-checkup-demo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let ws = crate::workstation::Workstation::set_up_demo_with(
        &dir.join("demo.db"),
        40,
        test_now(),
        crate::vault::KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    let db = ws.db();
    assert_eq!(db.patient_count().unwrap(), 40);
    let one = |sql: &str, name: (&str, &str)| -> f64 {
        db.read(|c| Ok(c.query_row(sql, [name.0, name.1], |r| r.get::<_, Option<f64>>(0))?))
            .unwrap()
            .unwrap_or(-1.0)
    };
    let mrn = "SELECT mrn FROM patients WHERE family_name = ?1 AND given_name = ?2";
    // Stable chart numbers: the three just before Walter Ibsen and Paula Brennan (MRN 999 + N).
    assert_eq!(one(mrn, CHECKUP_UNSCREENED), 996.0 + 40.0);
    assert_eq!(one(mrn, CHECKUP_TODDLER), 997.0 + 40.0);
    assert_eq!(one(mrn, CHECKUP_DIABETIC), 998.0 + 40.0);
    assert_eq!(
        one(mrn, crate::synth::medications::WALTER_IBSEN),
        999.0 + 40.0
    );
    // Gregory: 52, a physical with labs, and nothing of colorectal screening anywhere.
    let age = "SELECT (julianday('2026-11-26') - julianday(date_of_birth)) / 365.25 FROM patients
               WHERE family_name = ?1 AND given_name = ?2";
    assert_eq!(one(age, CHECKUP_UNSCREENED).floor(), 52.0);
    let screening = one(
        "SELECT count(*) FROM lab_results r JOIN patients p ON p.id = r.patient_id
         WHERE p.family_name = ?1 AND p.given_name = ?2 AND r.loinc IN ('2335-8', '77353-1', '57905-2', '27396-1')",
        CHECKUP_UNSCREENED,
    ) + one(
        "SELECT count(*) FROM surgical_history s JOIN patients p ON p.id = s.patient_id
         WHERE p.family_name = ?1 AND p.given_name = ?2 AND lower(s.procedure) LIKE '%colonoscopy%'",
        CHECKUP_UNSCREENED,
    ).max(0.0);
    assert_eq!(screening, 0.0);
    // Maya: two, ten well-child visits with weight, length and head circumference, vaccines.
    assert_eq!(one(age, CHECKUP_TODDLER).floor(), 2.0);
    let growth = one(
        "SELECT count(*) FROM vitals v JOIN patients p ON p.id = v.patient_id WHERE p.family_name = ?1
         AND p.given_name = ?2 AND v.weight_kg > 0 AND v.height_cm > 0 AND v.head_circumference_cm > 0",
        CHECKUP_TODDLER,
    );
    assert_eq!(growth, 10.0);
    let doses = one(
        "SELECT count(*) FROM immunizations i JOIN patients p ON p.id = i.patient_id
         WHERE p.family_name = ?1 AND p.given_name = ?2 AND i.kind IN ('given', 'historical')",
        CHECKUP_TODDLER,
    );
    assert!(doses >= 24.0, "{doses}");
    // Denise: her 9.8 % HbA1c and a critical potassium unreviewed in drreyes's inbox.
    let a1c = one(
        "SELECT r.value_num FROM lab_results r JOIN lab_reports l ON l.id = r.report_id
         JOIN patients p ON p.id = r.patient_id JOIN users u ON u.id = l.responsible_id
         WHERE p.family_name = ?1 AND p.given_name = ?2 AND r.loinc = '4548-4'
           AND l.reviewed_at IS NULL AND u.username = 'drreyes'",
        CHECKUP_DIABETIC,
    );
    assert_eq!(a1c, 9.8);
    let potassium = one(
        "SELECT r.value_num FROM lab_results r JOIN lab_reports l ON l.id = r.report_id
         JOIN patients p ON p.id = r.patient_id
         WHERE p.family_name = ?1 AND p.given_name = ?2 AND r.loinc = '2823-3' AND l.reviewed_at IS NULL",
        CHECKUP_DIABETIC,
    );
    assert!(
        potassium > 6.2,
        "critical by the fallback range: {potassium}"
    );
    // The rest of the demo has results and immunizations too.
    let with_results = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(DISTINCT patient_id) FROM lab_reports",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .unwrap();
    assert!(with_results > 10, "{with_results}");
    drop(ws);
    let _ = std::fs::remove_dir_all(&dir);
}
