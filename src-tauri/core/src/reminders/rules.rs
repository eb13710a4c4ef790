//! The rule table (`assets/preventive-care/rules.tsv`, compiled in) parsed into rules: who a
//! rule applies to, what satisfies it and for how long, what makes it not applicable.

use crate::error::{CoreError, CoreResult};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

const RULES_TSV: &str = include_str!("../../../../assets/preventive-care/rules.tsv");

/// A screening procedure Charta records for the reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ScreeningProcedureKind {
    Colonoscopy,
    Fit,
    FitDna,
    CtColonography,
    FlexSigmoidoscopy,
    Mammogram,
    CervicalCytology,
    HpvTest,
    CoTest,
    Ldct,
    Dexa,
    AaaUltrasound,
    Phq9,
}

impl ScreeningProcedureKind {
    pub const ALL: [ScreeningProcedureKind; 13] = [
        Self::Colonoscopy,
        Self::Fit,
        Self::FitDna,
        Self::CtColonography,
        Self::FlexSigmoidoscopy,
        Self::Mammogram,
        Self::CervicalCytology,
        Self::HpvTest,
        Self::CoTest,
        Self::Ldct,
        Self::Dexa,
        Self::AaaUltrasound,
        Self::Phq9,
    ];

    /// As stored (and written in the rule table).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Colonoscopy => "colonoscopy",
            Self::Fit => "fit",
            Self::FitDna => "fit_dna",
            Self::CtColonography => "ct_colonography",
            Self::FlexSigmoidoscopy => "flex_sigmoidoscopy",
            Self::Mammogram => "mammogram",
            Self::CervicalCytology => "cervical_cytology",
            Self::HpvTest => "hpv_test",
            Self::CoTest => "co_test",
            Self::Ldct => "ldct",
            Self::Dexa => "dexa",
            Self::AaaUltrasound => "aaa_ultrasound",
            Self::Phq9 => "phq9",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// As a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Colonoscopy => "colonoscopy",
            Self::Fit => "FIT",
            Self::FitDna => "FIT-DNA",
            Self::CtColonography => "CT colonography",
            Self::FlexSigmoidoscopy => "flexible sigmoidoscopy",
            Self::Mammogram => "mammogram",
            Self::CervicalCytology => "cervical cytology",
            Self::HpvTest => "hrHPV test",
            Self::CoTest => "cytology + hrHPV co-test",
            Self::Ldct => "low-dose CT",
            Self::Dexa => "DEXA scan",
            Self::AaaUltrasound => "aortic ultrasound",
            Self::Phq9 => "PHQ-9",
        }
    }
}

/// Who a rule applies to by sex at birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSex {
    Any,
    Female,
    Male,
}

/// An eligibility condition beyond age and sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    None,
    /// The latest BMI in vitals is 25 or more.
    Overweight,
    /// The smoking history says former or current.
    EverSmoked,
    /// 20 pack-years or more, and smoking now or quit within 15 years.
    LungScreening,
}

/// What a satisfier is matched against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SatisfierKind {
    /// A lab result with this LOINC code (any source: typed, from a file or outside).
    Lab(String),
    Procedure(ScreeningProcedureKind),
    /// A blood pressure in vitals.
    BloodPressure,
    /// An immunization (given or historical) with this CVX code.
    Immunization(String),
}

/// One thing that satisfies a rule, and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Satisfier {
    pub kind: SatisfierKind,
    /// 0: once satisfies for good.
    pub months: u32,
}

impl Satisfier {
    /// As a person reads it ("colonoscopy", "FIT (lab)").
    pub fn label(&self) -> String {
        match &self.kind {
            SatisfierKind::Lab(code) => lab_label(code).to_string(),
            SatisfierKind::Procedure(p) => p.label().to_string(),
            SatisfierKind::BloodPressure => "blood pressure reading".to_string(),
            SatisfierKind::Immunization(cvx) => format!("vaccine CVX {cvx}"),
        }
    }
}

impl Satisfier {
    /// The label without saying it is a lab result, for the rule in words ("FIT").
    pub fn short_label(&self) -> String {
        self.label().replace(" (lab result)", "")
    }
}

/// The names of the LOINC codes the rule table uses, for the why; others show their code.
fn lab_label(code: &str) -> &str {
    match code {
        "29771-3" | "57905-2" => "FIT (lab result)",
        "77353-1" => "FIT-DNA (lab result)",
        "10524-7" | "19762-4" => "cervical cytology (lab result)",
        "21440-3" | "30167-1" => "hrHPV (lab result)",
        "2093-3" => "total cholesterol",
        "2085-9" => "HDL cholesterol",
        "13457-7" | "18262-6" => "LDL cholesterol",
        "4548-4" | "17856-6" => "HbA1c",
        "1558-6" => "fasting glucose",
        "56888-1" | "75622-1" => "HIV-1/2 Ag/Ab",
        "7917-8" => "HIV-1 antibody",
        "16128-1" | "13955-0" => "hepatitis C antibody",
        other => other,
    }
}

/// One row of the rule table.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub sex: RuleSex,
    pub min_age: u32,
    pub max_age: Option<u32>,
    pub condition: Condition,
    /// ICD-10-CM prefixes on the problem list that make the rule not applicable.
    pub not_applicable: Vec<String>,
    pub satisfiers: Vec<Satisfier>,
    /// How long a "done elsewhere" decision (with its date) satisfies it; 0: for good.
    pub elsewhere_months: u32,
    pub grade: String,
    pub published: String,
    pub url: String,
    pub citation: String,
}

impl Rule {
    /// The procedures that satisfy this rule (offered by "record a procedure").
    pub fn procedures(&self) -> Vec<ScreeningProcedureKind> {
        self.satisfiers
            .iter()
            .filter_map(|s| match s.kind {
                SatisfierKind::Procedure(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    /// The rule in words: "Recommended for women aged 40–74: mammogram every 2 years."
    pub fn in_words(&self) -> String {
        let who = match self.sex {
            RuleSex::Any => "adults",
            RuleSex::Female => "women",
            RuleSex::Male => "men",
        };
        let who = if self.min_age < 18 && self.sex == RuleSex::Any {
            "people"
        } else {
            who
        };
        let ages = match self.max_age {
            Some(max) => format!("aged {}–{max}", self.min_age),
            None => format!("aged {} or older", self.min_age),
        };
        let condition = match self.condition {
            Condition::None => "",
            Condition::Overweight => " with overweight or obesity (BMI 25 or more)",
            Condition::EverSmoked => " who have ever smoked",
            Condition::LungScreening => {
                " with 20 or more pack-years who smoke now or quit within the last 15 years"
            }
        };
        let mut how: Vec<String> = Vec::new();
        for s in &self.satisfiers {
            let text = format!("{} {}", s.short_label(), interval_words(s.months));
            if !how.contains(&text) {
                how.push(text);
            }
        }
        format!(
            "Recommended for {who} {ages}{condition}: {}.",
            how.join("; ")
        )
    }

    /// "USPSTF: … (grade B, 2024-04-30), uspreventiveservicestaskforce.org/…"
    pub fn source(&self) -> String {
        format!(
            "{} — grade {}, published {}; {}",
            self.citation, self.grade, self.published, self.url
        )
    }
}

/// "every 10 years", "every year", "every 2 years", "once".
pub fn interval_words(months: u32) -> String {
    match months {
        0 => "once".to_string(),
        12 => "every year".to_string(),
        m if m % 12 == 0 => format!("every {} years", m / 12),
        m => format!("every {m} months"),
    }
}

fn bad(line: usize, what: impl std::fmt::Display) -> CoreError {
    CoreError::Corrupt(format!("preventive-care rules, line {line}: {what}"))
}

fn months(text: &str, line: usize) -> CoreResult<u32> {
    text.parse()
        .map_err(|_| bad(line, format!("{text:?} is not a number of months")))
}

fn satisfier(text: &str, line: usize) -> CoreResult<Satisfier> {
    let parts: Vec<&str> = text.split(':').collect();
    let [kind, code, m] = parts.as_slice() else {
        return Err(bad(
            line,
            format!("satisfier {text:?} is not kind:code:months"),
        ));
    };
    let kind = match *kind {
        "lab" => SatisfierKind::Lab((*code).to_string()),
        "procedure" => SatisfierKind::Procedure(
            ScreeningProcedureKind::parse(code)
                .ok_or_else(|| bad(line, format!("unknown procedure {code:?}")))?,
        ),
        "vital" if *code == "bp" => SatisfierKind::BloodPressure,
        "immunization" => SatisfierKind::Immunization((*code).to_string()),
        other => return Err(bad(line, format!("unknown satisfier kind {other:?}"))),
    };
    Ok(Satisfier {
        kind,
        months: months(m, line)?,
    })
}

/// Parses a rule table (the header line first). A malformed table is an error, never a panic.
pub fn parse(text: &str) -> CoreResult<Vec<Rule>> {
    let mut lines = text.lines().enumerate();
    let header = lines.next().map(|(_, l)| l).unwrap_or("");
    if !header.starts_with("id\ttitle\tsex\t") {
        return Err(bad(1, "the header is missing"));
    }
    let mut rules: Vec<Rule> = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, title, sex, min_age, max_age, condition, na, sats, elsewhere, grade, published, url, citation] =
            cols.as_slice()
        else {
            return Err(bad(n, format!("{} columns, expected 13", cols.len())));
        };
        let sex = match *sex {
            "any" => RuleSex::Any,
            "female" => RuleSex::Female,
            "male" => RuleSex::Male,
            other => return Err(bad(n, format!("unknown sex {other:?}"))),
        };
        let condition = match *condition {
            "-" => Condition::None,
            "bmi25" => Condition::Overweight,
            "ever_smoked" => Condition::EverSmoked,
            "lung_ldct" => Condition::LungScreening,
            other => return Err(bad(n, format!("unknown condition {other:?}"))),
        };
        let min_age: u32 = min_age
            .parse()
            .map_err(|_| bad(n, "min_age is not whole years"))?;
        let max_age: Option<u32> = match *max_age {
            "-" => None,
            t => Some(
                t.parse()
                    .map_err(|_| bad(n, "max_age is not whole years"))?,
            ),
        };
        if max_age.is_some_and(|m| m < min_age) {
            return Err(bad(n, "max_age is below min_age"));
        }
        let satisfiers = sats
            .split(';')
            .map(|s| satisfier(s, n))
            .collect::<CoreResult<Vec<_>>>()?;
        if rules.iter().any(|r| r.id == *id) || id.is_empty() {
            return Err(bad(n, format!("rule id {id:?} is empty or repeated")));
        }
        rules.push(Rule {
            id: (*id).to_string(),
            title: (*title).to_string(),
            sex,
            min_age,
            max_age,
            condition,
            not_applicable: if *na == "-" {
                Vec::new()
            } else {
                na.split(',').map(|p| p.trim().to_string()).collect()
            },
            satisfiers,
            elsewhere_months: months(elsewhere, n)?,
            grade: (*grade).to_string(),
            published: (*published).to_string(),
            url: (*url).to_string(),
            citation: (*citation).to_string(),
        });
    }
    Ok(rules)
}

/// The compiled-in rule table (parsed once; a broken table is an error, never a panic, and
/// a test proves the committed one parses).
pub fn rules() -> CoreResult<&'static [Rule]> {
    static RULES: OnceLock<Result<Vec<Rule>, String>> = OnceLock::new();
    match RULES.get_or_init(|| parse(RULES_TSV).map_err(|e| e.to_string())) {
        Ok(rules) => Ok(rules),
        Err(e) => Err(CoreError::Corrupt(e.clone())),
    }
}

/// One rule by id; an unknown id is a field error on `rule`.
pub fn rule(id: &str) -> CoreResult<&'static Rule> {
    rules()?
        .iter()
        .find(|r| r.id == id)
        .ok_or_else(|| CoreError::invalid("rule", format!("There is no reminder {id:?}")))
}
