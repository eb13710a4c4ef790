//! The lab tests and panels the generator draws, by LOINC code, with the fallback names,
//! units, reference and critical ranges it uses ONLY for a code the catalogue
//! (`labs::catalogue`) does not have, and the physiological limits no generated value passes.
//! Codes follow Synthea's primary-care panels (LOINC 2.7x); the fallback ranges are common US
//! adult reference intervals (conventional units), the physiological limits wider than any
//! living patient's value.

use crate::labs::catalogue::{self, LabTest, LabUnit, ReferenceRange};
use crate::patient::SexAtBirth;

/// One generated test: `(loinc, fallback name, short name, unit, decimals, range for men,
/// range for women, critical low/high, physiological limits)`.
#[derive(Debug, Clone, Copy)]
pub struct TestDef {
    pub loinc: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub unit: &'static str,
    pub decimals: u8,
    pub men: (Option<f64>, Option<f64>),
    pub women: (Option<f64>, Option<f64>),
    pub critical: (Option<f64>, Option<f64>),
    pub limits: (f64, f64),
}

#[allow(clippy::too_many_arguments)] // one row of the table
const fn t(
    loinc: &'static str,
    name: &'static str,
    short: &'static str,
    unit: &'static str,
    decimals: u8,
    men: (Option<f64>, Option<f64>),
    women: (Option<f64>, Option<f64>),
    critical: (Option<f64>, Option<f64>),
    limits: (f64, f64),
) -> TestDef {
    TestDef {
        loinc,
        name,
        short,
        unit,
        decimals,
        men,
        women,
        critical,
        limits,
    }
}

const fn r(low: f64, high: f64) -> (Option<f64>, Option<f64>) {
    (Some(low), Some(high))
}

const NONE: (Option<f64>, Option<f64>) = (None, None);

pub const GLUCOSE: &str = "2345-7";
pub const BUN: &str = "3094-0";
pub const CREATININE: &str = "2160-0";
pub const SODIUM: &str = "2951-2";
pub const POTASSIUM: &str = "2823-3";
pub const CHLORIDE: &str = "2075-0";
pub const CO2: &str = "2028-9";
pub const CALCIUM: &str = "17861-6";
pub const PROTEIN: &str = "2885-2";
pub const ALBUMIN: &str = "1751-7";
pub const BILIRUBIN: &str = "1975-2";
pub const ALP: &str = "6768-6";
pub const ALT: &str = "1742-6";
pub const AST: &str = "1920-8";
pub const EGFR: &str = "98979-8";
pub const CHOLESTEROL: &str = "2093-3";
pub const TRIGLYCERIDES: &str = "2571-8";
pub const HDL: &str = "2085-9";
pub const LDL: &str = "18262-6";
pub const WBC: &str = "6690-2";
pub const RBC: &str = "789-8";
pub const HEMOGLOBIN: &str = "718-7";
pub const HEMATOCRIT: &str = "4544-3";
pub const MCV: &str = "787-2";
pub const MCH: &str = "785-6";
pub const MCHC: &str = "786-4";
pub const PLATELETS: &str = "777-3";
pub const HBA1C: &str = "4548-4";
pub const TSH: &str = "3016-3";
pub const PSA: &str = "2857-1";
pub const UACR: &str = "14959-1";
pub const INR: &str = "6301-6";

/// Every test the generator writes (fallback table: used only where the catalogue lacks the
/// code).
#[rustfmt::skip]
pub const TESTS: &[TestDef] = &[
    t(GLUCOSE, "Glucose [Mass/volume] in Serum or Plasma", "Glucose", "mg/dL", 0, r(70.0, 99.0), r(70.0, 99.0), r(40.0, 500.0), (20.0, 800.0)),
    t(BUN, "Urea nitrogen [Mass/volume] in Serum or Plasma", "BUN", "mg/dL", 0, r(6.0, 24.0), r(6.0, 24.0), NONE, (2.0, 150.0)),
    t(CREATININE, "Creatinine [Mass/volume] in Serum or Plasma", "Creatinine", "mg/dL", 2, r(0.74, 1.35), r(0.59, 1.04), NONE, (0.2, 15.0)),
    t(SODIUM, "Sodium [Moles/volume] in Serum or Plasma", "Sodium", "mmol/L", 0, r(135.0, 145.0), r(135.0, 145.0), r(120.0, 160.0), (110.0, 170.0)),
    t(POTASSIUM, "Potassium [Moles/volume] in Serum or Plasma", "Potassium", "mmol/L", 1, r(3.5, 5.1), r(3.5, 5.1), r(2.8, 6.2), (2.0, 8.0)),
    t(CHLORIDE, "Chloride [Moles/volume] in Serum or Plasma", "Chloride", "mmol/L", 0, r(98.0, 107.0), r(98.0, 107.0), NONE, (70.0, 130.0)),
    t(CO2, "Carbon dioxide, total [Moles/volume] in Serum or Plasma", "CO2", "mmol/L", 0, r(22.0, 29.0), r(22.0, 29.0), r(10.0, 40.0), (5.0, 50.0)),
    t(CALCIUM, "Calcium [Mass/volume] in Serum or Plasma", "Calcium", "mg/dL", 1, r(8.6, 10.3), r(8.6, 10.3), r(6.5, 13.0), (5.0, 15.0)),
    t(PROTEIN, "Protein [Mass/volume] in Serum or Plasma", "Total protein", "g/dL", 1, r(6.0, 8.3), r(6.0, 8.3), NONE, (3.0, 12.0)),
    t(ALBUMIN, "Albumin [Mass/volume] in Serum or Plasma", "Albumin", "g/dL", 1, r(3.5, 5.0), r(3.5, 5.0), NONE, (1.0, 6.5)),
    t(BILIRUBIN, "Bilirubin.total [Mass/volume] in Serum or Plasma", "Bilirubin", "mg/dL", 1, r(0.1, 1.2), r(0.1, 1.2), NONE, (0.0, 30.0)),
    t(ALP, "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma", "ALP", "U/L", 0, r(44.0, 147.0), r(44.0, 147.0), NONE, (10.0, 1500.0)),
    t(ALT, "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "ALT", "U/L", 0, r(7.0, 56.0), r(7.0, 56.0), NONE, (2.0, 2000.0)),
    t(AST, "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "AST", "U/L", 0, r(10.0, 40.0), r(10.0, 40.0), NONE, (2.0, 2000.0)),
    t(EGFR, "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)", "eGFR", "mL/min/{1.73_m2}", 0, (Some(60.0), None), (Some(60.0), None), NONE, (2.0, 200.0)),
    t(CHOLESTEROL, "Cholesterol [Mass/volume] in Serum or Plasma", "Cholesterol", "mg/dL", 0, (None, Some(199.0)), (None, Some(199.0)), NONE, (50.0, 600.0)),
    t(TRIGLYCERIDES, "Triglyceride [Mass/volume] in Serum or Plasma", "Triglycerides", "mg/dL", 0, (None, Some(149.0)), (None, Some(149.0)), NONE, (20.0, 3000.0)),
    t(HDL, "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "HDL", "mg/dL", 0, (Some(40.0), None), (Some(50.0), None), NONE, (10.0, 150.0)),
    t(LDL, "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay", "LDL", "mg/dL", 0, (None, Some(99.0)), (None, Some(99.0)), NONE, (10.0, 400.0)),
    t(WBC, "Leukocytes [#/volume] in Blood by Automated count", "WBC", "10*3/uL", 1, r(4.5, 11.0), r(4.5, 11.0), r(1.5, 30.0), (0.5, 100.0)),
    t(RBC, "Erythrocytes [#/volume] in Blood by Automated count", "RBC", "10*6/uL", 2, r(4.7, 6.1), r(4.2, 5.4), NONE, (1.5, 8.0)),
    t(HEMOGLOBIN, "Hemoglobin [Mass/volume] in Blood", "Hemoglobin", "g/dL", 1, r(13.5, 17.5), r(12.0, 15.5), r(7.0, 20.0), (4.0, 22.0)),
    t(HEMATOCRIT, "Hematocrit [Volume Fraction] of Blood by Automated count", "Hematocrit", "%", 1, r(41.0, 53.0), r(36.0, 46.0), NONE, (12.0, 66.0)),
    t(MCV, "MCV [Entitic volume] by Automated count", "MCV", "fL", 1, r(80.0, 100.0), r(80.0, 100.0), NONE, (50.0, 130.0)),
    t(MCH, "MCH [Entitic mass] by Automated count", "MCH", "pg", 1, r(27.0, 33.0), r(27.0, 33.0), NONE, (15.0, 45.0)),
    t(MCHC, "MCHC [Mass/volume] by Automated count", "MCHC", "g/dL", 1, r(32.0, 36.0), r(32.0, 36.0), NONE, (25.0, 40.0)),
    t(PLATELETS, "Platelets [#/volume] in Blood by Automated count", "Platelets", "10*3/uL", 0, r(150.0, 400.0), r(150.0, 400.0), r(20.0, 1000.0), (10.0, 1500.0)),
    t(HBA1C, "Hemoglobin A1c/Hemoglobin.total in Blood", "HbA1c", "%", 1, r(4.0, 5.6), r(4.0, 5.6), NONE, (3.5, 18.0)),
    t(TSH, "Thyrotropin [Units/volume] in Serum or Plasma", "TSH", "m[IU]/L", 2, r(0.45, 4.5), r(0.45, 4.5), NONE, (0.01, 100.0)),
    t(PSA, "Prostate specific Ag [Mass/volume] in Serum or Plasma", "PSA", "ng/mL", 2, (None, Some(4.0)), NONE, NONE, (0.0, 200.0)),
    t(UACR, "Microalbumin/Creatinine [Mass Ratio] in Urine", "UACR", "mg/g", 0, (None, Some(29.0)), (None, Some(29.0)), NONE, (0.0, 5000.0)),
    t(INR, "INR in Platelet poor plasma by Coagulation assay", "INR", "{INR}", 1, r(0.8, 1.2), r(0.8, 1.2), (None, Some(5.0)), (0.5, 10.0)),
];

/// `(code, fallback name, tests)`: the panels the generator orders (LOINC panel codes).
#[rustfmt::skip]
pub const CMP: (&str, &str, &[&str]) = (
    "24323-8",
    "Comprehensive metabolic panel",
    &[GLUCOSE, BUN, CREATININE, EGFR, SODIUM, POTASSIUM, CHLORIDE, CO2, CALCIUM, PROTEIN, ALBUMIN, BILIRUBIN, ALP, ALT, AST],
);
pub const BMP: (&str, &str, &[&str]) = (
    "51990-0",
    "Basic metabolic panel",
    &[
        GLUCOSE, BUN, CREATININE, EGFR, SODIUM, POTASSIUM, CHLORIDE, CO2, CALCIUM,
    ],
);
pub const LIPIDS: (&str, &str, &[&str]) = (
    "57698-3",
    "Lipid panel",
    &[CHOLESTEROL, TRIGLYCERIDES, HDL, LDL],
);
pub const CBC: (&str, &str, &[&str]) = (
    "58410-2",
    "CBC panel",
    &[WBC, RBC, HEMOGLOBIN, HEMATOCRIT, MCV, MCH, MCHC, PLATELETS],
);

/// The fallback definition of a generated code.
pub fn def(loinc: &str) -> Option<&'static TestDef> {
    TESTS.iter().find(|d| d.loinc == loinc)
}

/// What a generated result is judged against: the catalogue's test when the catalogue has the
/// code, else one built from the fallback row.
#[derive(Debug)]
pub struct Judging {
    pub def: &'static TestDef,
    /// The catalogue's test, or one built from the fallback row.
    pub test: LabTest,
}

/// Every generated test prepared for judging, in [`TESTS`] order.
pub fn prepare() -> Vec<Judging> {
    TESTS
        .iter()
        .map(|d| match catalogue::test(d.loinc) {
            Some(test) => Judging {
                def: d,
                test: test.clone(),
            },
            None => Judging {
                def: d,
                test: fallback(d),
            },
        })
        .collect()
}

fn fallback(d: &TestDef) -> LabTest {
    let range = |sex, (low, high): (Option<f64>, Option<f64>)| ReferenceRange {
        sex,
        min_age_days: Some(18 * 365),
        max_age_days: None,
        low,
        high,
        critical_low: d.critical.0,
        critical_high: d.critical.1,
        source: "the generator's fallback table".into(),
    };
    LabTest {
        loinc: d.loinc.into(),
        name: d.name.into(),
        short_name: d.short.into(),
        canonical_unit: Some(d.unit.into()),
        units: vec![LabUnit {
            unit: d.unit.into(),
            to_canonical: 1.0,
            offset: 0.0,
        }],
        ranges: vec![
            range(Some(SexAtBirth::Male), d.men),
            range(Some(SexAtBirth::Female), d.women),
        ],
        expected_text: None,
        decimals: d.decimals,
        plausible_low: None,
        plausible_high: None,
        source: "the generator's fallback table".into(),
        keywords: Vec::new(),
    }
}

/// A panel's name as shown: the catalogue's, else the fallback.
pub fn panel_name(code: &str, fallback: &str) -> String {
    catalogue::panel(code)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| fallback.to_string())
}
