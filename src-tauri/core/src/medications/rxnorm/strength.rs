//! RxNorm strengths ("10 MG", "250 MG/5ML", "0.09 MG/ACTUAT") read into numbers and units,
//! and RxNorm names rewritten in the case a prescriber reads ("lisinopril 10 mg oral tablet").

use super::dose_forms::Counted;

/// A strength as RxNorm writes it: an amount of the ingredient, optionally per an amount of
/// something else (a volume, an actuation, an hour).
#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    pub amount: f64,
    /// As written ("0.09"), for display.
    pub amount_text: String,
    /// Charta's unit ("mg", "mcg", "unit", "mEq" …).
    pub unit: String,
    pub per: Option<Per>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Per {
    pub amount: f64,
    /// As written ("5"; "" when RxNorm gives none, i.e. 1).
    pub amount_text: String,
    pub unit: String,
}

/// RxNorm's unit codes and Charta's words for them.
const UNITS: &[(&str, &str)] = &[
    ("MG", "mg"),
    ("MCG", "mcg"),
    ("G", "g"),
    ("KG", "kg"),
    ("ML", "mL"),
    ("L", "L"),
    ("UNT", "unit"),
    ("MEQ", "mEq"),
    ("MMOL", "mmol"),
    ("ACTUAT", "actuation"),
    ("HR", "hr"),
    ("%", "%"),
    ("BAU", "BAU"),
    ("AU", "AU"),
    ("CELLS", "cells"),
    ("PNU", "PNU"),
    ("SQCM", "sq cm"),
];

fn unit_word(code: &str) -> Option<&'static str> {
    UNITS.iter().find(|(c, _)| *c == code).map(|(_, w)| *w)
}

fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().any(|b| b.is_ascii_digit())
}

/// Splits "5ML" into ("5", "ML"); "ML" into ("", "ML").
fn split_amount(text: &str) -> (&str, &str) {
    let at = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    text.split_at(at)
}

/// Reads "10 MG", "50 MG/ML", "250 MG/5ML"; `None` for anything else.
pub fn parse(text: &str) -> Option<Strength> {
    let mut words = text.split_whitespace();
    let amount_text = words.next()?;
    let unit_text = words.next()?;
    if words.next().is_some() || !is_number(amount_text) {
        return None;
    }
    let amount: f64 = amount_text.parse().ok()?;
    let (unit_code, per_text) = match unit_text.split_once('/') {
        Some((u, p)) => (u, Some(p)),
        None => (unit_text, None),
    };
    let unit = unit_word(unit_code)?.to_string();
    let per = match per_text {
        None => None,
        Some(p) => {
            let (n, u) = split_amount(p);
            let per_amount = if n.is_empty() { 1.0 } else { n.parse().ok()? };
            if per_amount <= 0.0 {
                return None;
            }
            Some(Per {
                amount: per_amount,
                amount_text: n.to_string(),
                unit: unit_word(u)?.to_string(),
            })
        }
    };
    Some(Strength {
        amount,
        amount_text: amount_text.to_string(),
        unit,
        per,
    })
}

impl Strength {
    /// As printed: "10 mg", "50 mg/mL", "250 mg/5 mL", "100 units/mL".
    pub fn display(&self) -> String {
        let unit = if self.unit == "unit" && self.amount != 1.0 {
            "units"
        } else {
            self.unit.as_str()
        };
        let mut out = format!("{} {unit}", self.amount_text);
        if let Some(per) = &self.per {
            out.push('/');
            if !per.amount_text.is_empty() {
                out.push_str(&per.amount_text);
                out.push(' ');
            }
            out.push_str(&per.unit);
        }
        out
    }

    /// The amount in one dose unit of a product counted as `counted`, when the strength says.
    pub fn per_dose_unit(&self, counted: Counted) -> Option<f64> {
        let per_unit = self.per.as_ref().map(|p| (p.amount, p.unit.as_str()));
        match (counted, per_unit) {
            (Counted::Each, None) => Some(self.amount),
            (Counted::Millilitre, Some((n, "mL")))
            | (Counted::Actuation, Some((n, "actuation"))) => Some(self.amount / n),
            _ => None,
        }
    }
}

/// The strength inside an RxNorm component name ("amoxicillin 50 MG/ML" → "50 MG/ML"): the
/// first number followed by a unit, with what follows it. Also returns the text before it (the
/// ingredient's name).
pub fn find_in_name(name: &str) -> Option<(&str, Strength)> {
    // Each word with its byte offset in `name`.
    let words: Vec<(usize, &str)> = name
        .split(' ')
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    words.windows(2).find_map(|pair| {
        let [(start, number), (_, unit)] = pair else {
            return None;
        };
        if !is_number(number) {
            return None;
        }
        parse(&format!("{number} {unit}")).map(|s| (name[..*start].trim_end(), s))
    })
}

/// A whole-word token made of unit codes and numbers ("MG/5ML", "ACTUAT") in Charta's
/// words ("mg/5 mL"); `None` when the token is anything else, so names are left alone.
fn readable_token(token: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut any_unit = false;
    for part in token.split('/') {
        if is_number(part) {
            parts.push(part.to_string());
            continue;
        }
        let (n, u) = split_amount(part);
        let word = unit_word(u)?;
        any_unit = true;
        parts.push(if n.is_empty() {
            word.to_string()
        } else {
            format!("{n} {word}")
        });
    }
    any_unit.then(|| parts.join("/"))
}

/// An RxNorm name in the case a prescriber reads: unit codes as words and the dose forms
/// in lower case ("lisinopril 10 MG Oral Tablet [Zestril]" → "lisinopril 10 mg oral tablet
/// [Zestril]"). Ingredient and brand names keep RxNorm's case (its tall-man lettering).
pub fn readable_name(name: &str, dose_forms: &[&str]) -> String {
    let mut text = name.to_string();
    let mut forms: Vec<&str> = dose_forms
        .iter()
        .copied()
        .filter(|f| !f.is_empty())
        .collect();
    // Longer first, so "Extended Release Oral Tablet" is not cut by "Oral Tablet".
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    for form in forms {
        text = text.replace(form, &form.to_lowercase());
    }
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            // Keep brackets and parentheses around a token: "(Norethindrone", "Tablet)".
            let start = word
                .find(|c: char| !"({[".contains(c))
                .unwrap_or(word.len());
            let end = word
                .rfind(|c: char| !")}]".contains(c))
                .map_or(start, |i| i + 1)
                .max(start);
            let core = &word[start..end];
            match readable_token(core) {
                Some(r) => format!("{}{r}{}", &word[..start], &word[end..]),
                None => word.to_string(),
            }
        })
        .collect();
    words.join(" ")
}
