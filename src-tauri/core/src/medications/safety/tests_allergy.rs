//! Drug–allergy: the same substance or class, the cited cross-reactivity rows, free-text
//! allergies, and the documented non-cross-reactions that must stay silent.

use super::testing::{allergy, candidate, run};
use super::PatientFacts;
use crate::chart::allergies::AllergyKind;
use crate::medications::{AlertKind, AlertSeverity, SafetyAlert};

fn allergy_alerts(
    drug: &str,
    code: Option<&str>,
    text: &str,
    kind: AllergyKind,
) -> Vec<SafetyAlert> {
    let c = candidate(&[drug]);
    let a = allergy(40, code, text, kind);
    run(&c, &[], &[a], &PatientFacts::default())
        .alerts
        .into_iter()
        .filter(|x| x.kind == AlertKind::DrugAllergy)
        .collect()
}

fn coded(drug: &str, allergen: &str) -> Vec<SafetyAlert> {
    allergy_alerts(drug, Some(allergen), "", AllergyKind::Allergy)
}

fn severity(alerts: &[SafetyAlert]) -> Option<AlertSeverity> {
    assert!(alerts.len() <= 1, "one alert per allergy: {alerts:?}");
    alerts.first().map(|a| a.severity)
}

#[test]
fn a_penicillin_allergy_makes_amoxicillin_a_major_alert_that_interrupts() {
    let alerts = coded("drug:amoxicillin", "class:penicillins");
    assert_eq!(severity(&alerts), Some(AlertSeverity::Major));
    let a = &alerts[0];
    assert_eq!(a.key, "allergy:00000000-0000-0000-0000-000000000028");
    assert_eq!(a.rule_id.as_deref(), Some("same-substance"));
    assert!(
        a.title.contains("Amoxicillin") && a.title.contains("Penicillins"),
        "{}",
        a.title
    );
    assert!(a.source.contains("practice parameter"), "{}", a.source);
    assert!(a.allergy_id.is_some());
    let c = candidate(&["drug:amoxicillin"]);
    let check = run(
        &c,
        &[],
        &[allergy(
            1,
            Some("class:penicillins"),
            "",
            AllergyKind::Allergy,
        )],
        &PatientFacts::default(),
    );
    assert!(check.needs_override);
}

#[test]
fn an_amoxicillin_allergy_covers_amoxicillin_clavulanate_and_the_other_way_round() {
    assert_eq!(
        severity(&coded("drug:amoxicillin-clavulanate", "drug:amoxicillin")),
        Some(AlertSeverity::Major)
    );
    assert_eq!(
        severity(&coded("drug:amoxicillin", "drug:amoxicillin-clavulanate")),
        Some(AlertSeverity::Major)
    );
}

#[test]
fn a_penicillin_allergy_with_cephalexin_is_a_moderate_low_risk_note() {
    let alerts = coded("drug:cephalexin", "class:penicillins");
    assert_eq!(severity(&alerts), Some(AlertSeverity::Moderate));
    assert!(
        alerts[0].detail.contains("Low risk"),
        "{}",
        alerts[0].detail
    );
    assert_eq!(
        alerts[0].rule_id.as_deref(),
        Some("penicillin-cephalosporin")
    );
    // Recorded against one penicillin, not the class: the same row applies.
    assert_eq!(
        severity(&coded("drug:cefdinir", "drug:amoxicillin")),
        Some(AlertSeverity::Moderate)
    );
}

#[test]
fn a_penicillin_allergy_with_a_carbapenem_is_minor() {
    assert_eq!(
        severity(&coded("drug:meropenem", "class:penicillins")),
        Some(AlertSeverity::Minor)
    );
}

#[test]
fn a_penicillin_allergy_is_silent_for_azithromycin_and_aztreonam() {
    assert!(coded("drug:azithromycin", "class:penicillins").is_empty());
    assert!(coded("drug:aztreonam", "class:penicillins").is_empty());
}

#[test]
fn a_shellfish_allergy_never_alerts_for_iodinated_contrast() {
    for food in ["food:shellfish", "food:shrimp", "food:crab"] {
        for contrast in ["drug:iohexol", "drug:iodixanol", "drug:iopamidol"] {
            assert!(coded(contrast, food).is_empty(), "{food} with {contrast}");
        }
    }
    assert!(allergy_alerts("drug:iohexol", None, "Shellfish", AllergyKind::Allergy).is_empty());
}

#[test]
fn a_free_text_penicillin_allergy_fires_like_a_coded_one() {
    let alerts = allergy_alerts(
        "drug:amoxicillin",
        None,
        "  Penicillin ",
        AllergyKind::Allergy,
    );
    assert_eq!(severity(&alerts), Some(AlertSeverity::Major));
    let brand = allergy_alerts("drug:amoxicillin", None, "augmentin", AllergyKind::Allergy);
    assert_eq!(severity(&brand), Some(AlertSeverity::Major));
}

#[test]
fn free_text_that_names_nothing_in_the_vocabulary_is_silent() {
    assert!(allergy_alerts(
        "drug:amoxicillin",
        None,
        "the pink pills",
        AllergyKind::Allergy
    )
    .is_empty());
    assert!(allergy_alerts("drug:amoxicillin", None, "penicil", AllergyKind::Allergy).is_empty());
}

#[test]
fn a_sulfonamide_antibiotic_allergy_is_only_a_minor_note_for_furosemide_and_major_for_bactrim() {
    let furosemide = coded("drug:furosemide", "class:sulfonamide-antibiotics");
    assert_eq!(severity(&furosemide), Some(AlertSeverity::Minor));
    assert!(
        furosemide[0].detail.contains("unlikely"),
        "{}",
        furosemide[0].detail
    );
    assert_eq!(
        severity(&coded("drug:celecoxib", "drug:sulfamethoxazole")),
        Some(AlertSeverity::Minor)
    );
    assert_eq!(
        severity(&coded(
            "drug:trimethoprim-sulfamethoxazole",
            "class:sulfonamide-antibiotics"
        )),
        Some(AlertSeverity::Major)
    );
    assert!(coded("drug:lisinopril", "class:sulfonamide-antibiotics").is_empty());
}

#[test]
fn an_ibuprofen_allergy_cross_reacts_with_naproxen_but_celecoxib_is_usually_tolerated() {
    assert_eq!(
        severity(&coded("drug:naproxen", "drug:ibuprofen")),
        Some(AlertSeverity::Major)
    );
    assert_eq!(
        severity(&coded("drug:aspirin", "drug:ibuprofen")),
        Some(AlertSeverity::Major)
    );
    assert_eq!(
        severity(&coded("drug:celecoxib", "drug:ibuprofen")),
        Some(AlertSeverity::Minor)
    );
    assert!(coded("drug:acetaminophen", "drug:ibuprofen").is_empty());
}

#[test]
fn a_codeine_allergy_is_moderate_for_morphine_and_minor_for_fentanyl() {
    assert_eq!(
        severity(&coded("drug:morphine", "drug:codeine")),
        Some(AlertSeverity::Moderate)
    );
    assert_eq!(
        severity(&coded("drug:fentanyl", "drug:codeine")),
        Some(AlertSeverity::Minor)
    );
    assert_eq!(
        severity(&coded("drug:acetaminophen-codeine", "drug:codeine")),
        Some(AlertSeverity::Major)
    );
    assert_eq!(
        severity(&coded("drug:oxycodone", "class:opioids")),
        Some(AlertSeverity::Major)
    );
}

#[test]
fn an_aromatic_anticonvulsant_allergy_is_major_for_the_others_and_silent_for_levetiracetam() {
    assert_eq!(
        severity(&coded("drug:phenytoin", "drug:carbamazepine")),
        Some(AlertSeverity::Major)
    );
    assert_eq!(
        severity(&coded("drug:lamotrigine", "drug:oxcarbazepine")),
        Some(AlertSeverity::Major)
    );
    assert!(coded("drug:levetiracetam", "drug:carbamazepine").is_empty());
}

#[test]
fn an_intolerance_is_shown_without_interrupting() {
    let alerts = allergy_alerts(
        "drug:codeine",
        Some("drug:codeine"),
        "",
        AllergyKind::Intolerance,
    );
    assert_eq!(severity(&alerts), Some(AlertSeverity::Moderate));
    assert!(
        alerts[0].title.contains("intolerance"),
        "{}",
        alerts[0].title
    );
}

#[test]
fn a_food_or_environmental_allergy_is_silent_for_drugs() {
    for (drug, allergen) in [
        ("drug:amoxicillin", "food:peanut"),
        ("drug:lidocaine", "env:latex"),
        ("drug:warfarin", "food:egg"),
    ] {
        assert!(coded(drug, allergen).is_empty(), "{allergen} with {drug}");
    }
}
