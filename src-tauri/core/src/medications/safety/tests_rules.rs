//! One test per drug–drug rule, generated over the table: each rule fires for every member
//! of both sides (groups and classes expanded to the vocabulary's drugs), whichever of the
//! two is prescribed, and is silent for a control drug that the table pairs with neither
//! side.

use super::tables::tables;
use super::testing::{any_rule_pairs, ddi, side_members};

/// Drugs tried in turn as the unrelated control; the first that no rule pairs with either
/// side is used.
const CONTROLS: [&str; 6] = [
    "drug:acetaminophen",
    "drug:loratadine",
    "drug:cetirizine",
    "drug:amoxicillin",
    "drug:cephalexin",
    "drug:metoprolol",
];

fn assert_rule(id: &str) {
    let rule = tables()
        .rules
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("rule {id} is not in the table"));
    let left = side_members(&rule.left);
    let right = side_members(&rule.right);
    assert!(!left.is_empty(), "{id}: the left side has no drug");
    assert!(!right.is_empty(), "{id}: the right side has no drug");
    let partner = |side: &[&'static str], not: &str| -> &'static str {
        side.iter().copied().find(|c| *c != not).unwrap_or(side[0])
    };
    for l in &left {
        let r = partner(&right, l);
        assert!(
            ddi(l, r).iter().any(|x| x == id),
            "{id}: {l} prescribed with {r} active"
        );
        assert!(
            ddi(r, l).iter().any(|x| x == id),
            "{id}: {r} prescribed with {l} active"
        );
    }
    for r in &right {
        let l = partner(&left, r);
        assert!(
            ddi(r, l).iter().any(|x| x == id),
            "{id}: {r} prescribed with {l} active"
        );
        assert!(
            ddi(l, r).iter().any(|x| x == id),
            "{id}: {l} prescribed with {r} active"
        );
    }
    let (l0, r0) = (left[0], right[0]);
    let control = CONTROLS
        .iter()
        .copied()
        .find(|c| !any_rule_pairs(c, l0) && !any_rule_pairs(c, r0))
        .unwrap_or_else(|| panic!("{id}: no control drug is unrelated to {l0} and {r0}"));
    for (a, b) in [(control, l0), (l0, control), (control, r0), (r0, control)] {
        let fired = ddi(a, b);
        assert!(fired.is_empty(), "{id}: {a} with {b} fired {fired:?}");
    }
}

macro_rules! rule_tests {
    ($($name:ident => $id:literal),* $(,)?) => {
        mod each_rule_fires_for_every_member_and_is_silent_for_a_control {
            $(
                #[test]
                fn $name() {
                    super::assert_rule($id);
                }
            )*
        }

        const TESTED: &[&str] = &[$($id),*];
    };
}

rule_tests! {
    onc_amphetamines_maois => "onc-amphetamines-maois",
    onc_atazanavir_ppis => "onc-atazanavir-ppis",
    onc_febuxostat_thiopurines => "onc-febuxostat-thiopurines",
    onc_serotonergic_maois => "onc-serotonergic-maois",
    onc_irinotecan_cyp3a4 => "onc-irinotecan-cyp3a4",
    onc_opioids_maois => "onc-opioids-maois",
    onc_tcas_maois => "onc-tcas-maois",
    onc_qt_qt => "onc-qt-qt",
    onc_ramelteon_cyp1a2 => "onc-ramelteon-cyp1a2",
    onc_inducers_protease_inhibitors => "onc-inducers-protease-inhibitors",
    onc_statins_cyp3a4 => "onc-statins-cyp3a4",
    onc_ergots_cyp3a4 => "onc-ergots-cyp3a4",
    onc_tizanidine_cyp1a2 => "onc-tizanidine-cyp1a2",
    onc_tranylcypromine_procarbazine => "onc-tranylcypromine-procarbazine",
    onc_triptans_maois => "onc-triptans-maois",
    bupropion_maois => "bupropion-maois",
    thioridazine_cyp2d6 => "thioridazine-cyp2d6",
    linezolid_serotonergic => "linezolid-serotonergic",
    tramadol_ssris_snris => "tramadol-ssris-snris",
    triptans_ssris_snris => "triptans-ssris-snris",
    opioids_benzodiazepines => "opioids-benzodiazepines",
    opioids_gabapentinoids => "opioids-gabapentinoids",
    opioids_cyp3a4_inhibitors => "opioids-cyp3a4-inhibitors",
    warfarin_nsaids => "warfarin-nsaids",
    warfarin_antiplatelets => "warfarin-antiplatelets",
    warfarin_azoles => "warfarin-azoles",
    warfarin_nitroimidazoles => "warfarin-nitroimidazoles",
    warfarin_sulfamethoxazole => "warfarin-sulfamethoxazole",
    warfarin_fluoroquinolones => "warfarin-fluoroquinolones",
    warfarin_macrolides => "warfarin-macrolides",
    warfarin_amiodarone => "warfarin-amiodarone",
    doacs_antithrombotics => "doacs-antithrombotics",
    doacs_inhibitors_inducers => "doacs-inhibitors-inducers",
    simvastatin_gemfibrozil_cyclosporine => "simvastatin-gemfibrozil-cyclosporine",
    lovastatin_gemfibrozil_cyclosporine => "lovastatin-gemfibrozil-cyclosporine",
    atorvastatin_cyp3a4 => "atorvastatin-cyp3a4",
    simvastatin_dose_caps => "simvastatin-dose-caps",
    lovastatin_dose_caps => "lovastatin-dose-caps",
    raas_potassium_sparing => "raas-potassium-sparing",
    raas_potassium => "raas-potassium",
    potassium_sparing_potassium => "potassium-sparing-potassium",
    aliskiren_raas => "aliskiren-raas",
    eplerenone_cyp3a4 => "eplerenone-cyp3a4",
    trimethoprim_spironolactone => "trimethoprim-spironolactone",
    pde5_nitrates => "pde5-nitrates",
    methotrexate_trimethoprim => "methotrexate-trimethoprim",
    methotrexate_nsaids => "methotrexate-nsaids",
    lithium_nsaids => "lithium-nsaids",
    lithium_thiazides => "lithium-thiazides",
    lithium_raas => "lithium-raas",
    clopidogrel_omeprazole => "clopidogrel-omeprazole",
    colchicine_cyp3a4_pgp => "colchicine-cyp3a4-pgp",
    allopurinol_thiopurines => "allopurinol-thiopurines",
    digoxin_raisers => "digoxin-raisers",
    theophylline_cyp1a2 => "theophylline-cyp1a2",
    carbamazepine_macrolides => "carbamazepine-macrolides",
    ketorolac_nsaids => "ketorolac-nsaids",
    aspirin_ibuprofen => "aspirin-ibuprofen",
    quinolones_cations => "quinolones-cations",
    levothyroxine_cations => "levothyroxine-cations",
    sulfonylureas_fluoroquinolones => "sulfonylureas-fluoroquinolones",
}

#[test]
fn every_rule_of_the_table_has_its_own_test() {
    let mut table: Vec<&str> = tables().rules.iter().map(|r| r.id).collect();
    let mut tested = TESTED.to_vec();
    table.sort_unstable();
    tested.sort_unstable();
    assert_eq!(
        table, tested,
        "add or remove the rule's line in rule_tests!"
    );
}

#[test]
fn the_onc_high_priority_list_is_covered_by_its_fifteen_rules() {
    let onc: Vec<&str> = tables()
        .rules
        .iter()
        .map(|r| r.id)
        .filter(|id| id.starts_with("onc-"))
        .collect();
    assert_eq!(onc.len(), 15, "{onc:?}");
    for rule in tables().rules.iter().filter(|r| r.id.starts_with("onc-")) {
        assert!(
            rule.citation.contains("Phansalkar"),
            "{} must cite Phansalkar 2012",
            rule.id
        );
    }
}
