//! Class expansion, duplicate therapy, dose, renal and age cautions, ordering, and no false
//! alarms on common unrelated pairs.

use super::dose;
use super::testing::{active, allergy, candidate, ddi, limit, run, sig};
use super::{Candidate, PatientFacts};
use crate::chart::allergies::AllergyKind;
use crate::medications::{AlertKind, AlertSeverity, DoseLimit, Route, SafetyAlert, SigFrequency};

fn alerts_of(
    kind: AlertKind,
    c: &Candidate,
    active: &[super::ActiveMedication],
    p: &PatientFacts,
) -> Vec<SafetyAlert> {
    run(c, active, &[], p)
        .alerts
        .into_iter()
        .filter(|a| a.kind == kind)
        .collect()
}

#[test]
fn warfarin_with_ibuprofen_is_a_major_bleeding_alert_citing_the_warfarin_label() {
    let c = candidate(&["drug:warfarin"]);
    let check = run(
        &c,
        &[active(3, &["drug:ibuprofen"])],
        &[],
        &PatientFacts::default(),
    );
    assert!(check.needs_override);
    let a = &check.alerts[0];
    assert_eq!(a.kind, AlertKind::DrugDrug);
    assert_eq!(a.severity, AlertSeverity::Major);
    assert_eq!(a.rule_id.as_deref(), Some("warfarin-nsaids"));
    assert_eq!(
        a.key,
        "ddi:warfarin-nsaids:00000000-0000-0000-0000-000000000003"
    );
    assert_eq!(a.title, "Warfarin + ibuprofen: bleeding");
    assert!(a.source.contains("Coumadin"), "{}", a.source);
    assert_eq!(a.medication_id.map(|m| m.as_u128()), Some(3));
}

#[test]
fn a_class_rule_matches_through_the_product_classes_and_through_a_combination() {
    // Paxlovid (nirmatrelvir/ritonavir) with simvastatin: ritonavir is in the combination.
    assert!(ddi("drug:nirmatrelvir-ritonavir", "drug:simvastatin")
        .contains(&"onc-statins-cyp3a4".to_string()));
    // Hydrocodone/acetaminophen is an opioid through its hydrocodone.
    assert!(ddi("drug:hydrocodone-acetaminophen", "drug:alprazolam")
        .contains(&"opioids-benzodiazepines".to_string()));
    // Trimethoprim/sulfamethoxazole listed as one code reaches the sulfamethoxazole rule.
    assert!(ddi("drug:trimethoprim-sulfamethoxazole", "drug:warfarin")
        .contains(&"warfarin-sulfamethoxazole".to_string()));
    // An active entry known only by its classes still matches a class rule.
    let c = candidate(&["drug:sildenafil"]);
    let mut m = active(5, &[]);
    m.classes = vec!["class:nitrates".to_string()];
    assert_eq!(
        alerts_of(AlertKind::DrugDrug, &c, &[m], &PatientFacts::default()).len(),
        1
    );
}

#[test]
fn the_same_rule_through_two_members_is_one_alert_per_active_medication() {
    // Clarithromycin is in both the strong CYP3A4 inhibitors and the macrolides the rule
    // names; and a second active statin gets its own alert.
    let c = candidate(&["drug:clarithromycin"]);
    let meds = [
        active(1, &["drug:simvastatin"]),
        active(2, &["drug:lovastatin"]),
    ];
    let statin: Vec<_> = alerts_of(AlertKind::DrugDrug, &c, &meds, &PatientFacts::default())
        .into_iter()
        .filter(|a| a.rule_id.as_deref() == Some("onc-statins-cyp3a4"))
        .collect();
    assert_eq!(statin.len(), 2, "{statin:?}");
}

#[test]
fn uncoded_active_medications_and_imported_ingredients_match_nothing() {
    let c = candidate(&["drug:warfarin"]);
    let mut m = active(9, &[]);
    m.name = "aspirin-like pills from abroad".to_string();
    m.product_code = None;
    assert!(run(&c, &[m], &[], &PatientFacts::default())
        .alerts
        .is_empty());
    assert!(ddi("rxin:12345", "drug:warfarin").is_empty());
}

#[test]
fn no_false_alarms_on_common_unrelated_pairs() {
    let pairs = [
        ("drug:amoxicillin", "drug:lisinopril"),
        ("drug:amoxicillin", "drug:metformin"),
        ("drug:acetaminophen", "drug:warfarin"),
        ("drug:loratadine", "drug:sertraline"),
        ("drug:cephalexin", "drug:atorvastatin"),
        ("drug:lisinopril", "drug:metformin"),
        ("drug:amlodipine", "drug:atorvastatin"),
        ("drug:omeprazole", "drug:levothyroxine"),
        ("drug:metoprolol", "drug:amlodipine"),
        ("drug:hydrochlorothiazide", "drug:lisinopril"),
        ("drug:sertraline", "drug:amlodipine"),
        ("drug:azithromycin", "drug:atorvastatin"),
        ("drug:prednisone", "drug:amoxicillin"),
        ("drug:cetirizine", "drug:prednisone"),
        ("drug:pantoprazole", "drug:clopidogrel"),
        ("drug:rosuvastatin", "drug:clarithromycin"),
    ];
    for (a, b) in pairs {
        let c = candidate(&[a]);
        let check = run(&c, &[active(1, &[b])], &[], &PatientFacts::default());
        assert!(check.alerts.is_empty(), "{a} with {b}: {:?}", check.alerts);
        assert!(!check.needs_override);
    }
}

#[test]
fn the_same_ingredient_twice_is_a_major_duplicate_even_inside_a_combination() {
    let c = candidate(&["drug:hydrocodone-acetaminophen"]);
    let d = alerts_of(
        AlertKind::DuplicateTherapy,
        &c,
        &[active(4, &["drug:acetaminophen"])],
        &PatientFacts::default(),
    );
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, AlertSeverity::Major);
    assert_eq!(d[0].rule_id.as_deref(), Some("same-ingredient"));
    assert_eq!(d[0].key, "duplicate:00000000-0000-0000-0000-000000000004");
    assert!(d[0].title.contains("Acetaminophen"), "{}", d[0].title);
}

#[test]
fn two_members_of_a_class_whose_duplication_matters_alert() {
    let cases = [
        (
            "drug:atorvastatin",
            "drug:simvastatin",
            "dup-statins",
            AlertSeverity::Moderate,
        ),
        (
            "drug:lisinopril",
            "drug:enalapril",
            "dup-raas",
            AlertSeverity::Major,
        ),
        (
            "drug:lisinopril",
            "drug:losartan",
            "dup-raas",
            AlertSeverity::Major,
        ),
        (
            "drug:sertraline",
            "drug:fluoxetine",
            "dup-ssris-snris",
            AlertSeverity::Major,
        ),
        (
            "drug:ibuprofen",
            "drug:naproxen",
            "dup-nsaids",
            AlertSeverity::Major,
        ),
        (
            "drug:lorazepam",
            "drug:alprazolam",
            "dup-benzodiazepines",
            AlertSeverity::Moderate,
        ),
        (
            "drug:apixaban",
            "drug:warfarin",
            "dup-anticoagulants",
            AlertSeverity::Major,
        ),
    ];
    for (a, b, id, sev) in cases {
        let d = alerts_of(
            AlertKind::DuplicateTherapy,
            &candidate(&[a]),
            &[active(1, &[b])],
            &PatientFacts::default(),
        );
        assert_eq!(d.len(), 1, "{a} with {b}: {d:?}");
        assert_eq!(d[0].rule_id.as_deref(), Some(id), "{a} with {b}");
        assert_eq!(d[0].severity, sev, "{a} with {b}");
    }
}

#[test]
fn drugs_of_different_classes_for_one_condition_are_not_duplicates() {
    for (a, b) in [
        ("drug:lisinopril", "drug:amlodipine"),
        ("drug:metoprolol", "drug:hydrochlorothiazide"),
        ("drug:metformin", "drug:glipizide"),
        ("drug:aspirin", "drug:ibuprofen"),
    ] {
        let d = alerts_of(
            AlertKind::DuplicateTherapy,
            &candidate(&[a]),
            &[active(1, &[b])],
            &PatientFacts::default(),
        );
        assert!(d.is_empty(), "{a} with {b}: {d:?}");
    }
}

fn dose_alerts(c: &Candidate, p: &PatientFacts, l: &DoseLimit) -> Vec<SafetyAlert> {
    dose::alerts(c, p, |code: &str, _: Route| {
        (code == l.ingredient).then_some(l)
    })
}

fn acetaminophen(tablets: f64, frequency: SigFrequency, mg: f64) -> Candidate {
    let mut c = candidate(&["drug:acetaminophen"]);
    c.product.ingredients[0].amount = Some(mg);
    c.sig = sig(tablets, frequency);
    c
}

#[test]
fn an_adult_dose_above_the_daily_maximum_alerts_and_the_maximum_itself_does_not() {
    let l = limit("drug:acetaminophen", Some(4000.0), Some(75.0), Some(4000.0));
    let adult = PatientFacts {
        age_years: Some(40),
        ..PatientFacts::default()
    };
    // 2 × 500 mg four times a day = 4000 mg: at the maximum.
    assert!(dose_alerts(
        &acetaminophen(2.0, SigFrequency::FourTimesDaily, 500.0),
        &adult,
        &l
    )
    .is_empty());
    // 2 × 500 mg every 4 hours = 6000 mg.
    let over = dose_alerts(
        &acetaminophen(2.0, SigFrequency::Every4Hours, 500.0),
        &adult,
        &l,
    );
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].severity, AlertSeverity::Major);
    assert_eq!(over[0].key, "dose:drug:acetaminophen");
    assert_eq!(
        over[0].title,
        "Acetaminophen 6000 mg a day is above the maximum of 4000 mg"
    );
    assert_eq!(over[0].source, "test limit");
    // Age unknown counts as an adult.
    assert_eq!(
        dose_alerts(
            &acetaminophen(2.0, SigFrequency::Every4Hours, 500.0),
            &PatientFacts::default(),
            &l
        )
        .len(),
        1
    );
}

#[test]
fn a_child_dose_is_checked_by_weight_and_capped() {
    let l = limit("drug:acetaminophen", Some(4000.0), Some(75.0), Some(4000.0));
    let child = |kg: f64| PatientFacts {
        age_years: Some(6),
        weight_kg: Some(kg),
        ..PatientFacts::default()
    };
    // 20 kg: at most 1500 mg a day. 1 × 375 mg four times a day = 1500: at the maximum.
    assert!(dose_alerts(
        &acetaminophen(1.0, SigFrequency::FourTimesDaily, 375.0),
        &child(20.0),
        &l
    )
    .is_empty());
    let over = dose_alerts(
        &acetaminophen(1.0, SigFrequency::FourTimesDaily, 400.0),
        &child(20.0),
        &l,
    );
    assert_eq!(over.len(), 1, "1600 mg for 20 kg");
    assert!(over[0].detail.contains("20 kg"), "{}", over[0].detail);
    // 80 kg: 6000 by weight, capped at 4000.
    assert_eq!(
        dose_alerts(
            &acetaminophen(1.0, SigFrequency::FourTimesDaily, 1100.0),
            &child(80.0),
            &l
        )
        .len(),
        1
    );
    assert!(dose_alerts(
        &acetaminophen(1.0, SigFrequency::FourTimesDaily, 1000.0),
        &child(80.0),
        &l
    )
    .is_empty());
}

#[test]
fn a_dose_without_a_limit_or_in_an_unknown_unit_is_not_checked() {
    let l = limit("drug:acetaminophen", Some(4000.0), None, None);
    let mut c = acetaminophen(10.0, SigFrequency::Every4Hours, 500.0);
    assert!(dose::alerts(
        &c,
        &PatientFacts::default(),
        |_: &str, _: Route| -> Option<&DoseLimit> { None }
    )
    .is_empty());
    c.sig.dose_unit = "spoonful".to_string();
    assert!(dose_alerts(&c, &PatientFacts::default(), &l).is_empty());
    // A damaged amount is not judged.
    let mut broken = acetaminophen(10.0, SigFrequency::Every4Hours, 500.0);
    broken.product.ingredients[0].amount = Some(f64::NAN);
    assert!(dose_alerts(&broken, &PatientFacts::default(), &l).is_empty());
    // A sig written in mg for a single-ingredient product counts the mg.
    c.sig.dose_unit = "mg".to_string();
    c.sig.dose = 1500.0;
    assert_eq!(dose_alerts(&c, &PatientFacts::default(), &l).len(), 1);
}

fn facts(age: Option<u32>, egfr: Option<f64>) -> PatientFacts {
    PatientFacts {
        age_years: age,
        egfr,
        ..PatientFacts::default()
    }
}

fn cautions(drug: &str, p: &PatientFacts) -> Vec<(String, AlertSeverity)> {
    run(&candidate(&[drug]), &[], &[], p)
        .alerts
        .into_iter()
        .filter(|a| matches!(a.kind, AlertKind::Renal | AlertKind::Age))
        .map(|a| (a.key, a.severity))
        .collect()
}

#[test]
fn metformin_renal_cautions_fire_at_their_thresholds() {
    let at = |e: f64| cautions("drug:metformin", &facts(Some(50), Some(e)));
    assert_eq!(
        at(29.9),
        vec![(
            "renal:metformin-egfr-30".to_string(),
            AlertSeverity::Contraindicated
        )]
    );
    assert_eq!(
        at(30.0),
        vec![(
            "renal:metformin-egfr-45".to_string(),
            AlertSeverity::Moderate
        )]
    );
    assert_eq!(
        at(44.9),
        vec![(
            "renal:metformin-egfr-45".to_string(),
            AlertSeverity::Moderate
        )]
    );
    assert!(at(45.0).is_empty());
    assert!(
        cautions("drug:metformin", &facts(Some(50), None)).is_empty(),
        "no eGFR, no alert"
    );
}

#[test]
fn nsaid_and_nitrofurantoin_renal_cautions_fire_below_30() {
    for drug in ["drug:ibuprofen", "drug:naproxen", "drug:nitrofurantoin"] {
        assert_eq!(cautions(drug, &facts(None, Some(25.0))).len(), 1, "{drug}");
        assert!(
            cautions(drug, &facts(None, Some(30.0))).is_empty(),
            "{drug}"
        );
    }
}

#[test]
fn beers_cautions_fire_from_65_and_not_before() {
    for drug in [
        "drug:diphenhydramine",
        "drug:lorazepam",
        "drug:glyburide",
        "drug:cyclobenzaprine",
        "drug:zolpidem",
    ] {
        assert_eq!(
            cautions(drug, &facts(Some(65), None)).len(),
            1,
            "{drug} at 65"
        );
        assert!(
            cautions(drug, &facts(Some(64), None)).is_empty(),
            "{drug} at 64"
        );
        assert!(
            cautions(drug, &facts(None, None)).is_empty(),
            "{drug}, age unknown"
        );
    }
}

#[test]
fn pediatric_cautions_fire_below_their_ages() {
    let age = |drug: &str, years: u32| cautions(drug, &facts(Some(years), None));
    assert_eq!(
        age("drug:codeine", 11),
        vec![(
            "age:codeine-tramadol-under-12".to_string(),
            AlertSeverity::Contraindicated
        )]
    );
    assert_eq!(
        age("drug:tramadol", 12),
        vec![(
            "age:codeine-tramadol-under-18".to_string(),
            AlertSeverity::Major
        )]
    );
    assert!(age("drug:codeine", 18).is_empty());
    assert_eq!(age("drug:aspirin", 17).len(), 1);
    assert!(age("drug:aspirin", 18).is_empty());
    assert_eq!(age("drug:ciprofloxacin", 10).len(), 1);
    assert_eq!(age("drug:tetracycline", 7).len(), 1);
    assert!(age("drug:tetracycline", 8).is_empty());
    assert_eq!(age("drug:doxycycline", 7)[0].1, AlertSeverity::Minor);
    let infant = PatientFacts {
        age_years: Some(1),
        age_months: Some(23),
        ..PatientFacts::default()
    };
    assert_eq!(cautions("drug:promethazine", &infant).len(), 1);
    assert!(age("drug:promethazine", 2).is_empty());
}

#[test]
fn alerts_come_most_serious_first_with_needs_override_set() {
    let c = candidate(&["drug:ibuprofen"]);
    let meds = [active(1, &["drug:warfarin"]), active(2, &["drug:naproxen"])];
    let allergies = [allergy(
        3,
        Some("drug:aspirin"),
        "",
        AllergyKind::Intolerance,
    )];
    let check = run(&c, &meds, &allergies, &facts(Some(70), Some(20.0)));
    let sev: Vec<AlertSeverity> = check.alerts.iter().map(|a| a.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(sev, sorted);
    let kinds: Vec<AlertKind> = check.alerts.iter().map(|a| a.kind).collect();
    for k in [
        AlertKind::DrugDrug,
        AlertKind::DrugAllergy,
        AlertKind::DuplicateTherapy,
        AlertKind::Renal,
        AlertKind::Age,
    ] {
        assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
    }
    let mut keys: Vec<&str> = check.alerts.iter().map(|a| a.key.as_str()).collect();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n, "each finding once");
    assert!(check.needs_override);
}

#[test]
fn moderate_and_minor_alerts_do_not_need_an_override() {
    let c = candidate(&["drug:ciprofloxacin"]);
    let check = run(
        &c,
        &[active(1, &["drug:calcium-carbonate"])],
        &[],
        &PatientFacts::default(),
    );
    assert_eq!(check.alerts.len(), 1);
    assert_eq!(check.alerts[0].severity, AlertSeverity::Moderate);
    assert!(!check.needs_override);
}
