//! The authored table of primary-care abbreviations a physician types for a diagnosis.
//!
//! These are common clinical abbreviations, authored by Charta (not part of ICD-10-CM). Each
//! expands to words searched like typed words; where an abbreviation has a usual code, its
//! narrower expansion comes first so that code leads the results (HTN → I10 before the rest of
//! hypertension).

/// Abbreviation (folded: lower case, letters and digits only) → expansions, searched in order.
const TABLE: &[(&str, &[&str])] = &[
    ("afib", &["atrial fibrillation"]),
    ("af", &["atrial fibrillation"]),
    ("aki", &["acute kidney failure"]),
    ("bph", &["benign prostatic hyperplasia"]),
    ("cad", &["atherosclerotic heart disease native coronary"]),
    ("chf", &["heart failure"]),
    ("ckd", &["chronic kidney disease"]),
    ("copd", &["chronic obstructive pulmonary disease"]),
    ("cva", &["cerebral infarction"]),
    ("dm", &["diabetes mellitus"]),
    ("dm1", &["type 1 diabetes mellitus"]),
    (
        "dm2",
        &[
            "type 2 diabetes mellitus without complications",
            "type 2 diabetes mellitus",
        ],
    ),
    ("dvt", &["embolism thrombosis deep vein"]),
    ("gerd", &["gastro esophageal reflux disease"]),
    ("hld", &["hyperlipidemia"]),
    ("htn", &["essential hypertension", "hypertension"]),
    ("ibs", &["irritable bowel syndrome"]),
    ("mdd", &["major depressive disorder"]),
    ("mi", &["myocardial infarction"]),
    ("oa", &["osteoarthritis unspecified site", "osteoarthritis"]),
    ("osa", &["obstructive sleep apnea"]),
    ("pe", &["pulmonary embolism"]),
    ("ra", &["rheumatoid arthritis"]),
    ("t1dm", &["type 1 diabetes mellitus"]),
    (
        "t2dm",
        &[
            "type 2 diabetes mellitus without complications",
            "type 2 diabetes mellitus",
        ],
    ),
    ("tia", &["transient cerebral ischemic attack"]),
    ("uri", &["acute upper respiratory infection"]),
    ("uti", &["urinary tract infection"]),
];

/// The expansions of one folded query word, if it is an abbreviation in the table.
pub(super) fn expansions(word: &str) -> Option<&'static [&'static str]> {
    TABLE
        .iter()
        .find(|(abbr, _)| *abbr == word)
        .map(|(_, e)| *e)
}

#[cfg(test)]
pub(super) fn all() -> &'static [(&'static str, &'static [&'static str])] {
    TABLE
}
