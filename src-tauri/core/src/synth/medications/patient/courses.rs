//! Beyond the charted problems: courses for the same-day problem of single visits (with the
//! alerts some were signed with), what patients report taking, what people past fifty are
//! often prescribed, and the extra long-term medications of the few on 15 or more.

use super::super::catalogue::{self as cat, Regimen};
use super::therapies::{weighted, CROSS_REACTIVITY, PHANSALKAR};
use super::Planner;
use crate::error::CoreResult;
use crate::store::medication_seed::SeedAlert;
use chrono::Duration;

impl Planner<'_> {
    /// A course for the same-day problem of visit `i`, as its note's plan says.
    pub(super) fn acute(&mut self, i: usize) -> CoreResult<()> {
        let Some(code) = self.visit(i).primary_code.clone() else {
            return Ok(());
        };
        let age = self.age_at_visit(i);
        let penicillin = self.allergy_to(&cat::AMOXICILLIN_500)?;
        let warfarin = self.on("drug:warfarin");
        let (regimen, why): (&'static Regimen, &str) = match code.as_str() {
            "N39.0" if self.rng.chance(850) => {
                let r = weighted(
                    self.rng,
                    &[
                        (600, &cat::NITROFURANTOIN),
                        (250, &cat::SMX_TMP),
                        (100, &cat::CEPHALEXIN),
                        (50, &cat::CIPROFLOXACIN),
                    ],
                );
                (r, "urinary tract infection")
            }
            "J01.90" if self.rng.chance(800) => (
                if penicillin.is_some() {
                    &cat::DOXYCYCLINE
                } else {
                    &cat::AMOX_CLAV
                },
                "sinusitis",
            ),
            "H66.90" if age >= 6.0 && self.rng.chance(850) => (
                if penicillin.is_some() {
                    &cat::AZITHROMYCIN
                } else {
                    &cat::AMOXICILLIN_BID
                },
                "acute otitis media",
            ),
            "J02.9" if age >= 6.0 && self.rng.chance(150) => (
                if penicillin.is_some() {
                    &cat::AZITHROMYCIN
                } else {
                    &cat::PENICILLIN_V
                },
                "streptococcal pharyngitis",
            ),
            "J20.9" if age >= 12.0 && self.rng.chance(80) => {
                (&cat::PREDNISONE_BURST, "bronchitis with wheeze")
            }
            "J20.9" if self.rng.chance(300) => (&cat::ALBUTEROL, "acute bronchitis"),
            "J20.9" if age >= 18.0 && self.rng.chance(100) => {
                (&cat::AZITHROMYCIN, "acute bronchitis")
            }
            "S93.401A" | "M25.561" if age >= 12.0 && self.rng.chance(600) => {
                (&cat::NAPROXEN_COURSE, "sprain and joint pain")
            }
            "L30.9" if self.rng.chance(700) => (&cat::HYDROCORTISONE_CREAM, "dermatitis"),
            _ => return Ok(()),
        };
        if self.allergy_to(regimen)?.is_some() {
            return Ok(());
        }
        let nsaid = self.nsaid(regimen)?;
        if nsaid && self.on("drug:warfarin") && !self.rng.chance(200) {
            return Ok(());
        }
        let row = self.prescribe(regimen, i, why, None, None)?;
        let (signed_at, signed_by) = self.rows[row]
            .med
            .signed
            .clone()
            .unwrap_or((self.now, self.physician.clone()));
        let med = self.rows[row].med.id.clone();
        let ingredients = self.rows[row].med.ingredient_codes.clone();
        let warfarin_row = self
            .rows
            .iter()
            .find(|r| {
                r.med.status == "active"
                    && r.med
                        .ingredient_codes
                        .split(' ')
                        .any(|c| c == "drug:warfarin")
            })
            .map(|r| r.med.id.clone());
        if let (true, Some(w)) = (warfarin, warfarin_row) {
            let interacting = nsaid
                || ingredients
                    .split(' ')
                    .any(|c| c == "drug:sulfamethoxazole" || c == "drug:ciprofloxacin");
            if interacting {
                let name = self.rows[row].med.name.clone();
                self.alerts.push(SeedAlert {
                    medication: med.clone(),
                    key: format!("ddi:generated:{w}"),
                    kind: "drugDrug",
                    severity: "major",
                    title: format!("Warfarin + {name}: bleeding risk"),
                    source: PHANSALKAR,
                    override_reason: Some(if nsaid { "Short course with food; INR check in 5 days; patient counselled on bleeding" } else { "Culture-directed choice; INR check in 3 days" }),
                    signed_at,
                    signed_by: signed_by.clone(),
                });
            }
        }
        if let Some(p) = penicillin {
            if ingredients
                .split(' ')
                .any(|c| crate::allergens::covers("class:cephalosporins", c))
            {
                self.alerts.push(SeedAlert {
                    medication: med,
                    key: format!("allergy:{p}"),
                    kind: "drugAllergy",
                    severity: "moderate",
                    title:
                        "Penicillin allergy: cephalexin is a cephalosporin (low cross-reactivity)"
                            .into(),
                    source: CROSS_REACTIVITY,
                    override_reason: None,
                    signed_at,
                    signed_by,
                });
            }
        }
        Ok(())
    }

    /// Over-the-counter medications and supplements the patient says they take, recorded at
    /// visits; some stopped at a later visit.
    pub(super) fn reported(&mut self, age: f64) -> CoreResult<()> {
        if self.ctx.visits.is_empty() || age < 18.0 {
            return Ok(());
        }
        let count = if age >= 50.0 {
            2 + self.rng.below(3)
        } else if self.rng.chance(400) {
            1
        } else {
            0
        };
        let kidneys = self.ctx.problems.iter().any(|p| p.code.starts_with("N18"));
        let last = self.ctx.visits.len() - 1;
        for _ in 0..count {
            let (code, name, how) = *self.rng.pick(cat::REPORTED);
            let i = last - self.rng.below((last as u64 + 1).min(6)) as usize;
            if self.age_at_visit(i) < 18.0 {
                continue;
            }
            if let Some(product) = code.and_then(cat::product) {
                let already = product.ingredients.iter().any(|g| self.on(g));
                let allergic = self.ctx.allergies.iter().any(|(_, a)| {
                    a.as_deref().is_some_and(|a| {
                        product
                            .ingredients
                            .iter()
                            .any(|g| *g == a || crate::allergens::covers(a, g))
                    })
                });
                let nsaid = product
                    .ingredients
                    .iter()
                    .any(|g| crate::allergens::covers("class:nsaids", g));
                if already || allergic || (nsaid && (kidneys || self.on("drug:warfarin"))) {
                    continue;
                }
            } else if self
                .rows
                .iter()
                .any(|r| r.med.name == name && r.med.status == "active")
            {
                continue;
            }
            let row = self.report(i, code, name, how)?;
            if i < last && self.rng.chance(100) {
                let j = i + 1 + self.rng.below((last - i) as u64) as usize;
                let at = self.visit(j).started_at + Duration::minutes(8);
                let by = self.staff.recorder.clone();
                self.stop(row, at, by, "Patient stopped taking it");
            }
        }
        Ok(())
    }

    /// What people past fifty are often prescribed beyond their charted problems: a statin
    /// for a diabetic, aspirin, acid suppression, an analgesic, bone and eye medicines.
    pub(super) fn later_life(&mut self, age: f64) -> CoreResult<()> {
        if age < 50.0 || self.ctx.visits.is_empty() {
            return Ok(());
        }
        let diabetic = self.ctx.problems.iter().any(|p| p.code.starts_with("E11"));
        let female = self.ctx.patient.female;
        let kidneys = self.ctx.problems.iter().any(|p| p.code.starts_with("N18"));
        let statin = self.rows.iter().any(|r| {
            r.med.status == "active"
                && r.med
                    .ingredient_codes
                    .split(' ')
                    .any(|i| crate::allergens::covers("class:statins", i))
        });
        let pool: [(&'static Regimen, &str, u64, bool); 11] = [
            (
                &cat::ATORVASTATIN_20,
                "type 2 diabetes (cardiovascular prevention)",
                700,
                diabetic && !statin,
            ),
            (&cat::ASPIRIN_81, "cardiovascular prevention", 150, true),
            (&cat::OMEPRAZOLE, "dyspepsia", 120, true),
            (&cat::ACETAMINOPHEN_PRN, "arthritis pain", 180, true),
            (&cat::LORATADINE, "allergic rhinitis", 90, true),
            (
                &cat::ALENDRONATE,
                "osteoporosis",
                200,
                female && age >= 65.0,
            ),
            (&cat::LATANOPROST, "glaucoma", 80, age >= 60.0),
            (&cat::ALLOPURINOL, "gout", 50, true),
            (&cat::METOPROLOL_25, "palpitations", 50, true),
            (&cat::FERROUS_SULFATE, "iron deficiency anemia", 40, true),
            (&cat::FAMOTIDINE, "heartburn", 50, true),
        ];
        let fifty = self.ctx.patient.date_of_birth + chrono::Duration::days(50 * 365 + 12);
        let Some(from) =
            (0..self.ctx.visits.len()).find(|&i| self.visit(i).started_at.date_naive() >= fifty)
        else {
            return Ok(());
        };
        for (regimen, why, per_mille, eligible) in pool {
            if !eligible || !self.rng.chance(per_mille) {
                continue;
            }
            let warfarin = self.on("drug:warfarin");
            if (warfarin && std::ptr::eq(regimen, &cat::ASPIRIN_81))
                || self.same_class(regimen)?
                || !self.fits(regimen, kidneys)?
            {
                continue;
            }
            let start = from + self.rng.below((self.ctx.visits.len() - from) as u64) as usize;
            self.therapy(regimen, start, why, Vec::new())?;
        }
        Ok(())
    }

    /// Extra long-term medications for a patient on many, until `target` are active.
    pub(super) fn polypharmacy(&mut self, target: usize) -> CoreResult<()> {
        static EXTRA: &[(&Regimen, &str)] = &[
            (&cat::ATORVASTATIN_40, "coronary artery disease"),
            (&cat::METOPROLOL_50, "coronary artery disease"),
            (&cat::ASPIRIN_81, "coronary artery disease"),
            (&cat::CLOPIDOGREL, "coronary stent"),
            (&cat::CARVEDILOL, "heart failure"),
            (&cat::NITROGLYCERIN, "angina"),
            (&cat::FUROSEMIDE, "heart failure"),
            (&cat::SPIRONOLACTONE, "heart failure"),
            (&cat::LISINOPRIL_10, "heart failure"),
            (&cat::ALLOPURINOL, "gout"),
            (&cat::COLCHICINE, "gout"),
            (&cat::OMEPRAZOLE, "reflux"),
            (&cat::LEVOTHYROXINE, "hypothyroidism"),
            (&cat::DONEPEZIL, "memory loss"),
            (&cat::PREGABALIN, "diabetic neuropathy"),
            (&cat::ALENDRONATE, "osteoporosis"),
            (&cat::LATANOPROST, "glaucoma"),
            (&cat::FERROUS_SULFATE, "iron deficiency anemia"),
            (&cat::LORATADINE, "allergic rhinitis"),
            (&cat::ACETAMINOPHEN_PRN, "arthritis pain"),
            (&cat::SERTRALINE, "depression"),
            (&cat::ALBUTEROL, "shortness of breath"),
            (&cat::CARBIDOPA_LEVODOPA, "Parkinson disease"),
            (&cat::CETIRIZINE, "allergic rhinitis"),
        ];
        let half = (self.ctx.visits.len() / 2).max(1);
        let kidneys = self.ctx.problems.iter().any(|p| p.code.starts_with("N18"));
        let mut tries = 0;
        while self.active() < target && tries < EXTRA.len() * 3 {
            tries += 1;
            let (regimen, why) = EXTRA[self.rng.below(EXTRA.len() as u64) as usize];
            let warfarin = self.on("drug:warfarin");
            let antiplatelet =
                std::ptr::eq(regimen, &cat::ASPIRIN_81) || std::ptr::eq(regimen, &cat::CLOPIDOGREL);
            if (warfarin && antiplatelet)
                || self.same_class(regimen)?
                || !self.fits(regimen, kidneys)?
            {
                continue;
            }
            let start = self.rng.below(half as u64) as usize;
            self.therapy(regimen, start, why, Vec::new())?;
        }
        Ok(())
    }
}
