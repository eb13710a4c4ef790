//! A deterministic synthetic RxNorm release of any size, in the real RRF format, for the
//! import's tests and its benchmark (`charta-bench` op `rxnorm_import_10k`). Not RxNorm
//! content: made-up RxCUIs from 90,000,000 up, ingredient names partly real (so some match the
//! vocabulary) and partly invented, with the rows a real release has around each product (its
//! components, ingredients, dose form, brand, attributes and some unrelated atoms).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// What [`write_release`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeneratedRelease {
    /// Prescribable products (SCD + SBD + GPCK), all importable.
    pub products: u32,
    pub clinical: u32,
    pub branded: u32,
    pub packs: u32,
    /// Products marked controlled (DCSA).
    pub controlled: u32,
    /// Lines of the three files.
    pub lines: u64,
}

/// Real ingredient names the vocabulary knows, then invented ones.
const KNOWN: &[&str] = &[
    "lisinopril",
    "amoxicillin",
    "metformin",
    "atorvastatin",
    "amlodipine",
    "warfarin",
    "ibuprofen",
    "sertraline",
    "omeprazole",
    "levothyroxine",
    "losartan",
    "simvastatin",
];
const SYLLABLES: &[&str] = &[
    "zor", "va", "ti", "nib", "pra", "lo", "mex", "cil", "dra", "fen", "quo", "sta", "rin", "tol",
    "vi", "mab", "del", "xo",
];
const DOSE_FORMS: &[&str] = &[
    "Oral Tablet",
    "Oral Capsule",
    "Extended Release Oral Tablet",
    "Oral Suspension",
    "Topical Cream",
    "Metered Dose Inhaler",
    "Injectable Solution",
];
const STRENGTHS: &[&str] = &[
    "5 MG", "10 MG", "20 MG", "25 MG", "50 MG", "100 MG", "250 MG", "500 MG",
];
const LIQUID_STRENGTHS: &[&str] = &["25 MG/ML", "50 MG/ML", "10 MG/ML"];
const INHALED_STRENGTHS: &[&str] = &["0.09 MG/ACTUAT", "0.05 MG/ACTUAT"];

const BASE: u32 = 90_000_000;

fn ingredient_name(i: usize) -> String {
    if i < KNOWN.len() {
        return KNOWN[i].to_string();
    }
    let n = i - KNOWN.len();
    let pick = |k: usize| SYLLABLES[(n / SYLLABLES.len().pow(k as u32)) % SYLLABLES.len()];
    format!(
        "{}{}{}{}",
        pick(0),
        pick(1),
        pick(2),
        ["ine", "ol", "ide", "ate"][n % 4]
    )
}

struct Writer {
    conso: BufWriter<File>,
    rel: BufWriter<File>,
    sat: BufWriter<File>,
    next_aui: u32,
    lines: u64,
}

impl Writer {
    fn atom(&mut self, rxcui: u32, sab: &str, tty: &str, name: &str) -> std::io::Result<()> {
        self.next_aui += 1;
        self.lines += 1;
        writeln!(
            self.conso,
            "{rxcui}|ENG||||||{aui}||||{sab}|{tty}|{code}|{name}||N|4096|",
            aui = self.next_aui,
            code = if sab == "RXNORM" {
                rxcui.to_string()
            } else {
                "NOCODE".into()
            },
        )
    }

    /// Both rows of a relation, as a release lists them: "`from` RELA `to`" and its inverse.
    fn relate(&mut self, from: u32, rela: &str, inverse: &str, to: u32) -> std::io::Result<()> {
        self.lines += 2;
        writeln!(
            self.rel,
            "{to}||CUI|RO|{from}||CUI|{rela}|||RXNORM||||N|4096|"
        )?;
        writeln!(
            self.rel,
            "{from}||CUI|RO|{to}||CUI|{inverse}|||RXNORM||||N|4096|"
        )
    }

    fn attribute(&mut self, rxcui: u32, atn: &str, sab: &str, atv: &str) -> std::io::Result<()> {
        self.lines += 1;
        writeln!(self.sat, "{rxcui}||||||||{atn}|{sab}|{atv}|N|4096|")
    }
}

/// Writes `RXNCONSO.RRF`, `RXNREL.RRF` and `RXNSAT.RRF` with `products` prescribable
/// products into `dir`: four clinical drugs in five, one branded drug in five, one pack in
/// fifty (taking a clinical drug's place), the same files for the same count.
pub fn write_release(dir: &Path, products: u32) -> std::io::Result<GeneratedRelease> {
    let mut w = Writer {
        conso: BufWriter::new(File::create(dir.join("RXNCONSO.RRF"))?),
        rel: BufWriter::new(File::create(dir.join("RXNREL.RRF"))?),
        sat: BufWriter::new(File::create(dir.join("RXNSAT.RRF"))?),
        next_aui: BASE,
        lines: 0,
    };
    let mut next = BASE;
    let mut new_id = || {
        next += 1;
        next
    };
    let forms: Vec<u32> = DOSE_FORMS.iter().map(|_| new_id()).collect();
    for (rxcui, name) in forms.iter().zip(DOSE_FORMS) {
        w.atom(*rxcui, "RXNORM", "DF", name)?;
    }
    let ingredient_count = (products as usize / 8).max(KNOWN.len());
    let ingredients: Vec<(u32, String)> = (0..ingredient_count)
        .map(|i| (new_id(), ingredient_name(i)))
        .collect();
    for (rxcui, name) in &ingredients {
        w.atom(*rxcui, "RXNORM", "IN", name)?;
    }
    let mut out = GeneratedRelease {
        products: 0,
        clinical: 0,
        branded: 0,
        packs: 0,
        controlled: 0,
        lines: 0,
    };
    let mut last_clinical: Option<(u32, String, bool)> = None;
    let mut n = 0usize;
    while out.products < products {
        n += 1;
        if n.is_multiple_of(5) {
            if let Some((scd, scd_name, controlled)) = last_clinical.take() {
                let (sbd, bn) = (new_id(), new_id());
                let brand = format!("Brand{n}");
                w.atom(bn, "RXNORM", "BN", &brand)?;
                w.atom(sbd, "RXNORM", "SBD", &format!("{scd_name} [{brand}]"))?;
                w.relate(scd, "has_tradename", "tradename_of", sbd)?;
                w.relate(sbd, "has_ingredient", "ingredient_of", bn)?;
                w.attribute(sbd, "RXN_HUMAN_DRUG", "RXNORM", "US")?;
                out.branded += 1;
                out.products += 1;
                out.controlled += u32::from(controlled);
                continue;
            }
        }
        let form = n % DOSE_FORMS.len();
        let strengths = match DOSE_FORMS[form] {
            "Oral Suspension" | "Injectable Solution" => LIQUID_STRENGTHS,
            "Metered Dose Inhaler" => INHALED_STRENGTHS,
            _ => STRENGTHS,
        };
        let parts = if n.is_multiple_of(7) { 2 } else { 1 };
        let mut names = Vec::new();
        let mut scdcs = Vec::new();
        for k in 0..parts {
            // Each clinical drug takes the next ingredient in turn, so every one is used.
            let (inn, in_name) = &ingredients[(out.clinical as usize + k * 17) % ingredients.len()];
            let strength = strengths[(n + k) % strengths.len()];
            let scdc = new_id();
            let scdc_name = format!("{in_name} {strength}");
            w.atom(scdc, "RXNORM", "SCDC", &scdc_name)?;
            w.relate(scdc, "has_ingredient", "ingredient_of", *inn)?;
            w.attribute(scdc, "RXN_STRENGTH", "RXNORM", strength)?;
            names.push(scdc_name);
            scdcs.push(scdc);
        }
        let scd = new_id();
        let scd_name = format!("{} {}", names.join(" / "), DOSE_FORMS[form]);
        w.atom(scd, "RXNORM", "SCD", &scd_name)?;
        w.atom(scd, "RXNORM", "PSN", &scd_name.to_uppercase())?;
        w.atom(scd, "MTHSPL", "DP", &scd_name.to_uppercase())?;
        for scdc in &scdcs {
            w.relate(scd, "consists_of", "constitutes", *scdc)?;
        }
        w.relate(scd, "has_dose_form", "dose_form_of", forms[form])?;
        w.attribute(scd, "RXN_HUMAN_DRUG", "RXNORM", "US")?;
        let controlled = n % 40 == 3;
        if controlled {
            w.attribute(scd, "DCSA", "MTHSPL", "CIV")?;
            out.controlled += 1;
        }
        out.clinical += 1;
        out.products += 1;
        if n.is_multiple_of(50) && out.products < products {
            let gpck = new_id();
            w.atom(
                gpck,
                "RXNORM",
                "GPCK",
                &format!("{{28 ({scd_name}) }} Pack"),
            )?;
            w.relate(gpck, "contains", "contained_in", scd)?;
            w.attribute(gpck, "RXN_HUMAN_DRUG", "RXNORM", "US")?;
            out.packs += 1;
            out.products += 1;
        }
        last_clinical = Some((scd, scd_name, controlled));
    }
    w.conso.flush()?;
    w.rel.flush()?;
    w.sat.flush()?;
    out.lines = w.lines;
    Ok(out)
}
