//! What the importer keeps of a release: the RxNorm concepts of the term types it uses, the
//! relations between them and the few attributes it reads. Each file is streamed once and
//! every line is checked (field count, identifiers) even when it is not kept, so a damaged
//! file is refused whole.
//!
//! Kept: atoms with SAB=RXNORM and SUPPRESS `N` (or empty). RxNorm marks `O` obsolete names,
//! `Y` names its editors suppressed and `E` unquantified forms that are not prescribable when a
//! quantified one exists; none of them is offered for prescribing. Relations with SAB=RXNORM
//! and SUPPRESS other than `O`/`Y`. Attributes: `RXN_STRENGTH` and `RXN_AVAILABLE_STRENGTH`
//! (RxNorm's), `RXN_HUMAN_DRUG` / `RXN_VET_DRUG` (a veterinary-only product is skipped) and
//! `DCSA`, the DEA schedule the FDA labels (SAB=MTHSPL) carry on the product's concept.

use super::rrf::{for_each_record, line_error, parse_id, parse_optional_id, RrfFile};
use crate::error::CoreResult;
use crate::medications::ControlledSchedule;
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

/// The RxNorm term types the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tty {
    In,
    Pin,
    Scdc,
    Sbdc,
    Scd,
    Sbd,
    Gpck,
    Bpck,
    Bn,
    Df,
}

impl Tty {
    fn parse(text: &str) -> Option<Tty> {
        Some(match text {
            "IN" => Tty::In,
            "PIN" => Tty::Pin,
            "SCDC" => Tty::Scdc,
            "SBDC" => Tty::Sbdc,
            "SCD" => Tty::Scd,
            "SBD" => Tty::Sbd,
            "GPCK" => Tty::Gpck,
            "BPCK" => Tty::Bpck,
            "BN" => Tty::Bn,
            "DF" => Tty::Df,
            _ => return None,
        })
    }

    /// The products a prescriber picks.
    pub fn is_product(self) -> bool {
        matches!(self, Tty::Scd | Tty::Sbd | Tty::Gpck | Tty::Bpck)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tty::In => "IN",
            Tty::Pin => "PIN",
            Tty::Scdc => "SCDC",
            Tty::Sbdc => "SBDC",
            Tty::Scd => "SCD",
            Tty::Sbd => "SBD",
            Tty::Gpck => "GPCK",
            Tty::Bpck => "BPCK",
            Tty::Bn => "BN",
            Tty::Df => "DF",
        }
    }
}

/// One RxNorm concept: its term type and its name.
#[derive(Debug, Clone)]
pub struct Concept {
    pub tty: Tty,
    pub name: String,
}

/// The relations the importer follows, each read "from → to" (the forward direction of the
/// RELA: an SCD `has_dose_form` its DF). A release lists each relation in both directions;
/// either row is enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rel {
    /// SCD → SCDC, SBD → SBDC.
    ConsistsOf,
    /// SCDC → IN, SBD/BPCK/SBDC → BN.
    HasIngredient,
    /// SCD/SBD/GPCK/BPCK → DF.
    HasDoseForm,
    /// SCD → SBD, SCDC → SBDC, GPCK → BPCK.
    HasTradename,
    /// GPCK/BPCK → SCD/SBD.
    Contains,
}

/// A RELA in either direction: the relation, and whether the row is its inverse.
fn relation(rela: &str) -> Option<(Rel, bool)> {
    Some(match rela {
        "consists_of" => (Rel::ConsistsOf, false),
        "constitutes" => (Rel::ConsistsOf, true),
        "has_ingredient" => (Rel::HasIngredient, false),
        "ingredient_of" => (Rel::HasIngredient, true),
        "has_dose_form" => (Rel::HasDoseForm, false),
        "dose_form_of" => (Rel::HasDoseForm, true),
        "has_tradename" => (Rel::HasTradename, false),
        "tradename_of" => (Rel::HasTradename, true),
        "contains" => (Rel::Contains, false),
        "contained_in" => (Rel::Contains, true),
        _ => return None,
    })
}

/// What one release holds for the importer.
#[derive(Debug, Default)]
pub struct Release {
    pub concepts: HashMap<u32, Concept>,
    forward: HashMap<(Rel, u32), Vec<u32>>,
    backward: HashMap<(Rel, u32), Vec<u32>>,
    pub strength: HashMap<u32, String>,
    pub available_strength: HashMap<u32, String>,
    pub schedule: HashMap<u32, ControlledSchedule>,
    human: HashSet<u32>,
    vet: HashSet<u32>,
    /// Products left out because every RxNorm name of theirs is suppressed or obsolete.
    pub suppressed: HashSet<u32>,
    /// Ingredient concepts by lower-cased name, for names no relation explains.
    pub ingredient_by_name: HashMap<String, u32>,
    /// Lines read in each file.
    pub lines: u64,
}

impl Release {
    /// Concepts related to `from` by `rel` ("the SCDCs this SCD consists of").
    pub fn targets(&self, rel: Rel, from: u32) -> &[u32] {
        self.forward.get(&(rel, from)).map_or(&[], Vec::as_slice)
    }

    /// Concepts that relate to `to` by `rel` ("the SCD this SBD is a tradename of").
    pub fn sources(&self, rel: Rel, to: u32) -> &[u32] {
        self.backward.get(&(rel, to)).map_or(&[], Vec::as_slice)
    }

    pub fn concept(&self, rxcui: u32) -> Option<&Concept> {
        self.concepts.get(&rxcui)
    }

    /// The first related concept of term type `tty`.
    pub fn target_of(&self, rel: Rel, from: u32, tty: Tty) -> Option<u32> {
        self.targets(rel, from)
            .iter()
            .copied()
            .find(|c| self.concept(*c).is_some_and(|k| k.tty == tty))
    }

    pub fn source_of(&self, rel: Rel, to: u32, tty: Tty) -> Option<u32> {
        self.sources(rel, to)
            .iter()
            .copied()
            .find(|c| self.concept(*c).is_some_and(|k| k.tty == tty))
    }

    /// Labelled for animals only.
    pub fn veterinary_only(&self, rxcui: u32) -> bool {
        self.vet.contains(&rxcui) && !self.human.contains(&rxcui)
    }

    fn relate(&mut self, rel: Rel, from: u32, to: u32) {
        let targets = self.forward.entry((rel, from)).or_default();
        if targets.contains(&to) {
            return;
        }
        targets.push(to);
        self.backward.entry((rel, to)).or_default().push(from);
    }
}

/// Reads the three files, RXNCONSO first (the relations and attributes refer to its atoms).
pub fn read(conso: impl BufRead, rel: impl BufRead, sat: impl BufRead) -> CoreResult<Release> {
    let mut release = Release::default();
    let mut atoms: HashMap<u32, u32> = HashMap::new();
    release.lines += read_conso(conso, &mut release, &mut atoms)?;
    release.lines += read_rel(rel, &mut release, &atoms)?;
    release.lines += read_sat(sat, &mut release)?;
    Ok(release)
}

fn suppressed(flag: &str) -> bool {
    matches!(flag, "O" | "Y" | "E")
}

fn read_conso(
    input: impl BufRead,
    release: &mut Release,
    atoms: &mut HashMap<u32, u32>,
) -> CoreResult<u64> {
    const F: RrfFile = RrfFile::Conso;
    let mut hidden: HashSet<u32> = HashSet::new();
    let lines = for_each_record(F, input, |line, f| {
        let rxcui = parse_id(F, line, "RXCUI", f[0])?;
        let rxaui = parse_id(F, line, "RXAUI", f[7])?;
        let (sab, tty, name, suppress) = (f[11], f[12], f[14], f[16]);
        if sab != "RXNORM" {
            return Ok(());
        }
        let Some(tty) = Tty::parse(tty) else {
            return Ok(());
        };
        if name.trim().is_empty() {
            return Err(line_error(F, line, "STR (the name) is empty"));
        }
        if suppressed(suppress) {
            if tty.is_product() {
                hidden.insert(rxcui);
            }
            return Ok(());
        }
        atoms.insert(rxaui, rxcui);
        if tty == Tty::In {
            release
                .ingredient_by_name
                .entry(name.to_lowercase())
                .or_insert(rxcui);
        }
        release.concepts.entry(rxcui).or_insert_with(|| Concept {
            tty,
            name: name.trim().to_string(),
        });
        Ok(())
    })?;
    release.suppressed = hidden
        .into_iter()
        .filter(|c| !release.concepts.contains_key(c))
        .collect();
    Ok(lines)
}

fn read_rel(
    input: impl BufRead,
    release: &mut Release,
    atoms: &HashMap<u32, u32>,
) -> CoreResult<u64> {
    const F: RrfFile = RrfFile::Rel;
    for_each_record(F, input, |line, f| {
        // A relation joins two concepts (RXCUI) or two atoms (RXAUI); one of each end is given.
        let cui1 = parse_optional_id(F, line, "RXCUI1", f[0])?;
        let aui1 = parse_optional_id(F, line, "RXAUI1", f[1])?;
        let cui2 = parse_optional_id(F, line, "RXCUI2", f[4])?;
        let aui2 = parse_optional_id(F, line, "RXAUI2", f[5])?;
        if cui1.is_none() && aui1.is_none() {
            return Err(line_error(F, line, "RXCUI1 and RXAUI1 are both empty"));
        }
        if cui2.is_none() && aui2.is_none() {
            return Err(line_error(F, line, "RXCUI2 and RXAUI2 are both empty"));
        }
        let (rela, sab, suppress) = (f[7], f[10], f[14]);
        if sab != "RXNORM" || matches!(suppress, "O" | "Y") {
            return Ok(());
        }
        let Some((rel, inverse)) = relation(rela) else {
            return Ok(());
        };
        let end = |cui: Option<u32>, aui: Option<u32>| {
            cui.or_else(|| aui.and_then(|a| atoms.get(&a).copied()))
        };
        let (Some(first), Some(second)) = (end(cui1, aui1), end(cui2, aui2)) else {
            return Ok(());
        };
        if !release.concepts.contains_key(&first) || !release.concepts.contains_key(&second) {
            return Ok(());
        }
        // Read right to left: the second concept RELA the first.
        let (from, to) = if inverse {
            (first, second)
        } else {
            (second, first)
        };
        release.relate(rel, from, to);
        Ok(())
    })
}

/// "CII", "C-II", "2", "Schedule II" → the schedule; CI (not prescribable) and anything
/// else → none.
pub fn parse_schedule(text: &str) -> Option<ControlledSchedule> {
    let t = text.trim().to_ascii_uppercase();
    let t = t.strip_prefix("SCHEDULE").unwrap_or(&t).trim();
    let t = t
        .strip_prefix("C-")
        .or_else(|| t.strip_prefix('C'))
        .unwrap_or(t);
    let t = t.trim_end_matches('N').trim();
    Some(match t {
        "II" | "2" => ControlledSchedule::CII,
        "III" | "3" => ControlledSchedule::CIII,
        "IV" | "4" => ControlledSchedule::CIV,
        "V" | "5" => ControlledSchedule::CV,
        _ => return None,
    })
}

/// The stricter of two schedules (CII over CIV).
pub fn stricter(
    a: Option<ControlledSchedule>,
    b: Option<ControlledSchedule>,
) -> Option<ControlledSchedule> {
    let rank = |s: ControlledSchedule| ControlledSchedule::ALL.iter().position(|x| *x == s);
    match (a, b) {
        (Some(x), Some(y)) => Some(if rank(x) <= rank(y) { x } else { y }),
        (x, None) => x,
        (None, y) => y,
    }
}

fn read_sat(input: impl BufRead, release: &mut Release) -> CoreResult<u64> {
    const F: RrfFile = RrfFile::Sat;
    for_each_record(F, input, |line, f| {
        let rxcui = parse_id(F, line, "RXCUI", f[0])?;
        let (atn, sab, atv, suppress) = (f[8], f[9], f[10], f[11]);
        if matches!(suppress, "O" | "Y") {
            return Ok(());
        }
        match (atn, sab) {
            ("RXN_STRENGTH", "RXNORM") => {
                release.strength.insert(rxcui, atv.trim().to_string());
            }
            ("RXN_AVAILABLE_STRENGTH", "RXNORM") => {
                release
                    .available_strength
                    .insert(rxcui, atv.trim().to_string());
            }
            ("RXN_HUMAN_DRUG", _) => {
                release.human.insert(rxcui);
            }
            ("RXN_VET_DRUG", _) => {
                release.vet.insert(rxcui);
            }
            ("DCSA", _) => {
                if let Some(s) = parse_schedule(atv) {
                    let current = release.schedule.get(&rxcui).copied();
                    if let Some(s) = stricter(current, Some(s)) {
                        release.schedule.insert(rxcui, s);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })
}
