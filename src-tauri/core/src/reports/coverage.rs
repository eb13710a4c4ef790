//! Immunization coverage by age band: which CVX codes count toward which antigen (combination
//! vaccines count toward each of theirs), and the band measures — the 2-year-olds' 7-vaccine
//! series (CMS117v12 / HEDIS CIS Combination 3), the 13-year-olds' adolescent measure (HEDIS
//! IMA), adults ≥ 65 (pneumococcal, CMS127v12; zoster, HEDIS AIS-E) and this season's
//! influenza (CMS147v13 season).
//!
//! The groups are the reports' own until the immunizations module's `series_of` is merged;
//! then `cvx_group` should answer from it (the codes are the CDC's CVX table, 2024 edition:
//! <https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx>).

use crate::store::reports::DosesOnRecord;
use chrono::NaiveDate;

/// The antigens the coverage report counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CvxGroup {
    Dtap,
    Polio,
    Mmr,
    Hib,
    HepB,
    Varicella,
    Pcv,
    Tdap,
    MenAcwy,
    Hpv,
    Pneumococcal,
    Zoster,
    Influenza,
}

impl CvxGroup {
    pub fn label(self) -> &'static str {
        match self {
            CvxGroup::Dtap => "DTaP",
            CvxGroup::Polio => "IPV",
            CvxGroup::Mmr => "MMR",
            CvxGroup::Hib => "Hib",
            CvxGroup::HepB => "HepB",
            CvxGroup::Varicella => "VAR",
            CvxGroup::Pcv => "PCV",
            CvxGroup::Tdap => "Tdap",
            CvxGroup::MenAcwy => "MenACWY",
            CvxGroup::Hpv => "HPV",
            CvxGroup::Pneumococcal => "Pneumococcal",
            CvxGroup::Zoster => "Zoster",
            CvxGroup::Influenza => "Influenza",
        }
    }
}

use CvxGroup::*;

/// CVX code → the antigens it counts toward.
const GROUPS: &[(&str, &[CvxGroup])] = &[
    ("01", &[Dtap]),                    // DTP
    ("20", &[Dtap]),                    // DTaP
    ("106", &[Dtap]),                   // DTaP, 5 pertussis antigens
    ("107", &[Dtap]),                   // DTaP, unspecified
    ("22", &[Dtap, Hib]),               // DTP-Hib
    ("50", &[Dtap, Hib]),               // DTaP-Hib
    ("102", &[Dtap, Hib, HepB]),        // DTP-Hib-HepB
    ("110", &[Dtap, HepB, Polio]),      // DTaP-HepB-IPV (Pediarix)
    ("120", &[Dtap, Hib, Polio]),       // DTaP-Hib-IPV (Pentacel)
    ("130", &[Dtap, Polio]),            // DTaP-IPV (Kinrix, Quadracel)
    ("146", &[Dtap, Polio, Hib, HepB]), // DTaP-IPV-Hib-HepB (Vaxelis)
    ("02", &[Polio]),                   // OPV
    ("10", &[Polio]),                   // IPV
    ("89", &[Polio]),                   // polio, unspecified
    ("03", &[Mmr]),                     // MMR
    ("94", &[Mmr, Varicella]),          // MMRV
    ("17", &[Hib]),                     // Hib, unspecified
    ("46", &[Hib]),                     // Hib (PRP-D)
    ("47", &[Hib]),                     // Hib (HbOC)
    ("48", &[Hib]),                     // Hib (PRP-T)
    ("49", &[Hib]),                     // Hib (PRP-OMP)
    ("51", &[Hib, HepB]),               // Hib-HepB
    ("148", &[Hib]),                    // Hib-MenCY
    ("08", &[HepB]),                    // HepB, adolescent or pediatric
    ("42", &[HepB]),                    // HepB, adolescent 2-dose
    ("43", &[HepB]),                    // HepB, adult
    ("44", &[HepB]),                    // HepB, dialysis
    ("45", &[HepB]),                    // HepB, unspecified
    ("104", &[HepB]),                   // HepA-HepB
    ("189", &[HepB]),                   // HepB-CpG (Heplisav-B)
    ("21", &[Varicella]),               // varicella
    ("100", &[Pcv, Pneumococcal]),      // PCV7
    ("133", &[Pcv, Pneumococcal]),      // PCV13
    ("152", &[Pcv, Pneumococcal]),      // pneumococcal conjugate, unspecified
    ("215", &[Pcv, Pneumococcal]),      // PCV15
    ("216", &[Pcv, Pneumococcal]),      // PCV20
    ("33", &[Pneumococcal]),            // PPSV23
    ("109", &[Pneumococcal]),           // pneumococcal, unspecified
    ("115", &[Tdap]),                   // Tdap
    ("32", &[MenAcwy]),                 // MPSV4
    ("108", &[MenAcwy]),                // meningococcal ACWY, unspecified
    ("114", &[MenAcwy]),                // MenACWY-D (Menactra)
    ("136", &[MenAcwy]),                // MenACWY-CRM (Menveo)
    ("147", &[MenAcwy]),                // MenACWY, unspecified
    ("203", &[MenAcwy]),                // MenACWY-TT (MenQuadfi)
    ("62", &[Hpv]),                     // HPV, quadrivalent
    ("118", &[Hpv]),                    // HPV, bivalent
    ("137", &[Hpv]),                    // HPV, unspecified
    ("165", &[Hpv]),                    // HPV9
    ("121", &[Zoster]),                 // zoster live (ZVL)
    ("187", &[Zoster]),                 // zoster recombinant (RZV)
    ("188", &[Zoster]),                 // zoster, unspecified
    ("88", &[Influenza]),               // influenza, unspecified
    ("111", &[Influenza]),              // LAIV3
    ("135", &[Influenza]),              // IIV3 high dose
    ("140", &[Influenza]),              // IIV3 preservative free
    ("141", &[Influenza]),              // IIV3
    ("144", &[Influenza]),              // IIV3 intradermal
    ("149", &[Influenza]),              // LAIV4
    ("150", &[Influenza]),              // IIV4 preservative free
    ("153", &[Influenza]),              // ccIIV4
    ("155", &[Influenza]),              // RIV3
    ("158", &[Influenza]),              // IIV4
    ("161", &[Influenza]),              // IIV4 pediatric
    ("166", &[Influenza]),              // IIV4 intradermal
    ("168", &[Influenza]),              // aIIV3
    ("171", &[Influenza]),              // ccIIV4
    ("185", &[Influenza]),              // RIV4
    ("186", &[Influenza]),              // ccIIV4 multidose
    ("197", &[Influenza]),              // IIV4 high dose
    ("205", &[Influenza]),              // aIIV4
    ("320", &[Influenza]),              // IIV3 (2024–25 trivalent)
];

/// The antigens a CVX code counts toward (none for a code the table does not know).
pub fn cvx_group(cvx: &str) -> &'static [CvxGroup] {
    let cvx = cvx.trim();
    GROUPS
        .iter()
        .find(|(code, _)| {
            *code == cvx || code.trim_start_matches('0') == cvx.trim_start_matches('0')
        })
        .map_or(&[], |(_, groups)| *groups)
}

/// Every CVX code counting toward `group` (for the whole-practice influenza count).
pub fn codes_of(group: CvxGroup) -> Vec<&'static str> {
    GROUPS
        .iter()
        .filter(|(_, groups)| groups.contains(&group))
        .map(|(code, _)| *code)
        .collect()
}

/// One antigen's requirement: `doses` distinct days between the `from`th and `by`th birthdays.
#[derive(Debug, Clone, Copy)]
pub struct Requirement {
    pub group: CvxGroup,
    pub doses: usize,
    pub from_birthday: u32,
    pub by_birthday: u32,
}

const fn req(group: CvxGroup, doses: usize, from_birthday: u32, by_birthday: u32) -> Requirement {
    Requirement {
        group,
        doses,
        from_birthday,
        by_birthday,
    }
}

/// CMS117v12 / HEDIS CIS Combination 3, by the 2nd birthday (MMR and VAR on or after the
/// first).
pub const CHILD: &[Requirement] = &[
    req(Dtap, 4, 0, 2),
    req(Polio, 3, 0, 2),
    req(Mmr, 1, 1, 2),
    req(Hib, 3, 0, 2),
    req(HepB, 3, 0, 2),
    req(Varicella, 1, 1, 2),
    req(Pcv, 4, 0, 2),
];

/// HEDIS IMA, by the 13th birthday: Tdap from the 10th, MenACWY from the 11th, HPV (two
/// doses) from the 9th.
pub const ADOLESCENT: &[Requirement] = &[
    req(Tdap, 1, 10, 13),
    req(MenAcwy, 1, 11, 13),
    req(Hpv, 2, 9, 13),
];

/// Adults 65 and older: any pneumococcal vaccine from the 19th birthday (CMS127v12), and the
/// zoster series from the 50th (HEDIS AIS-E: two doses, or one of the live vaccine, counted
/// here as any two zoster doses or one ZVL).
pub const OLDER_ADULT: &[Requirement] = &[req(Pneumococcal, 1, 19, 200), req(Zoster, 2, 50, 200)];

fn birthday(born: NaiveDate, years: u32) -> NaiveDate {
    born.checked_add_months(chrono::Months::new(12 * years.min(150)))
        .unwrap_or(NaiveDate::MAX)
}

/// How many distinct days `patient` had a dose of `r.group` in its window.
pub fn doses_in_window(patient: &DosesOnRecord, r: &Requirement) -> usize {
    let from = birthday(patient.who.date_of_birth, r.from_birthday);
    let by = birthday(patient.who.date_of_birth, r.by_birthday);
    let mut days: Vec<NaiveDate> = patient
        .doses
        .iter()
        .filter(|(cvx, on)| *on >= from && *on <= by && cvx_group(cvx).contains(&r.group))
        .map(|(_, on)| *on)
        .collect();
    days.dedup();
    // A live zoster dose (CVX 121) completes the series on its own.
    if r.group == Zoster
        && patient
            .doses
            .iter()
            .any(|(cvx, on)| cvx.trim() == "121" && *on >= from && *on <= by)
    {
        return r.doses.max(days.len());
    }
    days.len()
}

/// The requirements `patient` misses, as "DTaP 3 of 4".
pub fn missing(patient: &DosesOnRecord, requirements: &[Requirement]) -> Vec<String> {
    requirements
        .iter()
        .filter_map(|r| {
            let n = doses_in_window(patient, r);
            (n < r.doses).then(|| format!("{} {} of {}", r.group.label(), n, r.doses))
        })
        .collect()
}
