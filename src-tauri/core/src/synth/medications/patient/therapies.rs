//! What is prescribed for what: long-term therapies for the chart's problems, with their
//! renewals, changes and stops, and the checks every generated prescription passes (no
//! allergy, no NSAID with warfarin or kidney disease, no duplicate).

use super::super::catalogue::{self as cat, Regimen};
use super::Planner;
use crate::error::CoreResult;
use chrono::{Duration, TimeZone, Utc};

/// What happens to a therapy at a later visit.
pub(super) enum Event {
    /// A new prescription replaces it (dose or product), with the reason.
    Change(&'static Regimen, &'static str),
    Stop(&'static str),
}

pub(super) const PHANSALKAR: &str =
    "Phansalkar S, et al. High-priority drug-drug interactions for use in \
electronic health records. J Am Med Inform Assoc 2012;19(5):735-743";
pub(super) const CROSS_REACTIVITY: &str =
    "Joint Task Force on Practice Parameters. Drug allergy: a 2022 \
practice parameter update. J Allergy Clin Immunol 2022;150(6):1333-1393";

/// Picks by weight (per mille, summing to 1000 or less; the rest picks the last).
pub(super) fn weighted<T: Copy>(rng: &mut crate::synth::Rng, items: &[(u64, T)]) -> T {
    let mut roll = rng.below(1000);
    for (w, item) in items {
        if roll < *w {
            return *item;
        }
        roll -= w;
    }
    items[items.len() - 1].1
}

impl Planner<'_> {
    /// A long-term therapy from visit `start`: renewed at the first visit ten months or more
    /// after each signature, changed or stopped at the events' visits, stopped when the
    /// patient died. Returns the last row.
    pub(super) fn therapy(
        &mut self,
        regimen: &'static Regimen,
        start: usize,
        indication: &str,
        mut events: Vec<(usize, Event)>,
    ) -> CoreResult<usize> {
        events.sort_by_key(|e| e.0);
        let mut current = self.prescribe(regimen, start, indication, None, None)?;
        let mut regimen = regimen;
        let mut events = events.into_iter().peekable();
        for i in start + 1..self.ctx.visits.len() {
            if let Some((at, _)) = events.peek() {
                if *at == i {
                    let Some((_, event)) = events.next() else {
                        break;
                    };
                    match event {
                        Event::Change(next, why) => {
                            regimen = next;
                            current =
                                self.prescribe(next, i, indication, None, Some((current, why)))?;
                            continue;
                        }
                        Event::Stop(why) => {
                            let at = self.visit(i).started_at + Duration::minutes(20);
                            let by = self.signer(i);
                            self.stop(current, at, by, why);
                            return Ok(current);
                        }
                    }
                }
            }
            let signed = self.rows[current].med.signed.as_ref().map(|s| s.0);
            let due = signed.is_some_and(|s| self.visit(i).started_at - s >= Duration::days(300));
            if due {
                current = self.prescribe(regimen, i, indication, Some(current), None)?;
            }
        }
        if let Some(died) = self.ctx.patient.deceased_on {
            let at = Utc.from_utc_datetime(&died.and_hms_opt(18, 0, 0).unwrap_or_default());
            let by = self.physician.clone();
            self.stop(current, at, by, "Patient died");
        }
        Ok(current)
    }

    /// The first visit at or after the problem was charted.
    fn visit_from(&self, at: chrono::DateTime<Utc>) -> Option<usize> {
        (0..self.ctx.visits.len()).find(|&i| self.visit(i).started_at >= at)
    }

    /// The first visit after a resolved problem's end, to stop its therapy at.
    fn visit_after(&self, day: chrono::NaiveDate) -> Option<usize> {
        (0..self.ctx.visits.len()).find(|&i| self.visit(i).started_at.date_naive() >= day)
    }

    pub(super) fn on(&self, ingredient: &str) -> bool {
        self.rows.iter().any(|r| {
            r.med.status == "active" && r.med.ingredient_codes.split(' ').any(|i| i == ingredient)
        })
    }

    pub(super) fn nsaid(&mut self, regimen: &'static Regimen) -> CoreResult<bool> {
        let p = self.sigs.get(regimen)?;
        Ok(p.product
            .ingredient_codes
            .split(' ')
            .any(|i| crate::allergens::covers("class:nsaids", i)))
    }

    /// Whether the regimen's product shares a drug class with an active medication (the
    /// extra ones of a patient on many never duplicate a therapy).
    pub(super) fn same_class(&mut self, regimen: &'static Regimen) -> CoreResult<bool> {
        let p = self.sigs.get(regimen)?;
        let classes = |codes: &str| -> Vec<&'static str> {
            codes
                .split(' ')
                .filter_map(crate::allergens::get)
                .flat_map(|a| a.classes.iter().copied())
                .collect()
        };
        let mine = classes(&p.product.ingredient_codes);
        Ok(self.rows.iter().any(|r| {
            r.med.status == "active"
                && classes(&r.med.ingredient_codes)
                    .iter()
                    .any(|c| mine.contains(c))
        }))
    }

    /// Whether a regimen may be given: no allergy to it, no NSAID with warfarin or kidney
    /// disease, nothing already taken.
    pub(super) fn fits(&mut self, regimen: &'static Regimen, kidneys: bool) -> CoreResult<bool> {
        if self.allergy_to(regimen)?.is_some() {
            return Ok(false);
        }
        if (kidneys || self.on("drug:warfarin")) && self.nsaid(regimen)? {
            return Ok(false);
        }
        let p = self.sigs.get(regimen)?;
        Ok(!p.product.ingredient_codes.split(' ').any(|i| self.on(i)))
    }

    /// Long-term therapies for every charted problem that has one.
    pub(super) fn therapies(&mut self) -> CoreResult<()> {
        let problems = self.ctx.problems.clone();
        let kidneys = problems.iter().any(|p| p.code.starts_with("N18"));
        // Atrial fibrillation first, so the anticoagulant is known to the others.
        let mut order: Vec<&crate::store::medication_seed::ChartProblem> =
            problems.iter().collect();
        order.sort_by_key(|p| p.code != "I48.91");
        for problem in order {
            let Some(start) = self.visit_from(problem.created_at) else {
                continue;
            };
            let end = problem
                .resolved
                .and_then(|d| self.visit_after(d))
                .filter(|&e| e > start);
            let stop_resolved = |why: &'static str| end.map(|e| (e, Event::Stop(why)));
            let adult = self.age_at_visit(start) >= 18.0;
            match problem.code.as_str() {
                "I10" => self.hypertension(start, kidneys)?,
                "E11.9" => {
                    let first = if self.rng.chance(600) {
                        &cat::METFORMIN_500
                    } else {
                        &cat::METFORMIN_ER
                    };
                    let mut events = Vec::new();
                    if std::ptr::eq(first, &cat::METFORMIN_500) && self.rng.chance(250) {
                        if let Some(v) = self.later_visit(start, 180) {
                            events.push((
                                v,
                                Event::Change(
                                    &cat::METFORMIN_1000,
                                    "A1c above goal; dose increased",
                                ),
                            ));
                        }
                    }
                    self.therapy(first, start, "type 2 diabetes", events)?;
                    if self.rng.chance(250) {
                        if let Some(v) = self.later_visit(start, 365) {
                            self.therapy(&cat::CANAGLIFLOZIN, v, "type 2 diabetes", Vec::new())?;
                        }
                    }
                }
                "E78.5" => {
                    let statin = weighted(
                        self.rng,
                        &[
                            (350, &cat::ATORVASTATIN_20),
                            (100, &cat::ATORVASTATIN_10),
                            (150, &cat::ATORVASTATIN_40),
                            (100, &cat::SIMVASTATIN_20),
                            (50, &cat::SIMVASTATIN_40),
                            (150, &cat::ROSUVASTATIN_10),
                            (100, &cat::PRAVASTATIN_40),
                        ],
                    );
                    let mut events = Vec::new();
                    let simva = std::ptr::eq(statin, &cat::SIMVASTATIN_20)
                        || std::ptr::eq(statin, &cat::SIMVASTATIN_40);
                    if simva && self.rng.chance(300) {
                        if let Some(v) = self.later_visit(start, 60) {
                            events.push((
                                v,
                                Event::Change(&cat::ROSUVASTATIN_5, "Leg cramps on simvastatin"),
                            ));
                        }
                    } else if self.rng.chance(60) {
                        if let Some(v) = self.later_visit(start, 90) {
                            events.push((v, Event::Stop("Muscle aches; patient declines statins")));
                        }
                    }
                    self.therapy(statin, start, "hyperlipidemia", events)?;
                }
                "J45.909" => {
                    let child = self.age_at_visit(start) < 12.0;
                    self.therapy(
                        &cat::ALBUTEROL,
                        start,
                        "asthma",
                        stop_resolved("Asthma quiet for a year")
                            .into_iter()
                            .collect(),
                    )?;
                    if self.rng.chance(600) {
                        let ics = if child {
                            &cat::FLUTICASONE_44
                        } else if self.rng.chance(500) {
                            &cat::FLUTICASONE_110
                        } else {
                            &cat::BUDESONIDE
                        };
                        self.therapy(
                            ics,
                            start,
                            "asthma",
                            stop_resolved("Asthma quiet for a year")
                                .into_iter()
                                .collect(),
                        )?;
                    }
                }
                "K21.9" => {
                    let r = if self.rng.chance(800) {
                        &cat::OMEPRAZOLE
                    } else {
                        &cat::FAMOTIDINE
                    };
                    self.therapy(
                        r,
                        start,
                        "reflux",
                        stop_resolved("Symptoms resolved").into_iter().collect(),
                    )?;
                }
                "E03.9" => {
                    self.therapy(&cat::LEVOTHYROXINE, start, "hypothyroidism", Vec::new())?;
                }
                "F32.A" => {
                    let r = weighted(
                        self.rng,
                        &[
                            (450, &cat::SERTRALINE),
                            (250, &cat::FLUOXETINE),
                            (200, &cat::ESCITALOPRAM),
                            (100, &cat::DULOXETINE),
                        ],
                    );
                    if adult || !std::ptr::eq(r, &cat::DULOXETINE) {
                        self.therapy(
                            r,
                            start,
                            "depression",
                            stop_resolved("In remission; tapered off")
                                .into_iter()
                                .collect(),
                        )?;
                    }
                }
                "F41.1" => {
                    let on_ssri = self.on("drug:sertraline")
                        || self.on("drug:fluoxetine")
                        || self.on("drug:escitalopram");
                    let r = if on_ssri || self.rng.chance(250) {
                        &cat::BUSPIRONE
                    } else {
                        &cat::ESCITALOPRAM
                    };
                    if self.fits(r, kidneys)? && (!on_ssri || self.rng.chance(400)) {
                        self.therapy(
                            r,
                            start,
                            "anxiety",
                            stop_resolved("Anxiety improved with therapy")
                                .into_iter()
                                .collect(),
                        )?;
                    }
                }
                "M17.9" => {
                    let r = if self.rng.chance(350) && self.fits(&cat::NAPROXEN_PRN, kidneys)? {
                        &cat::NAPROXEN_PRN
                    } else {
                        &cat::ACETAMINOPHEN_PRN
                    };
                    if self.fits(r, kidneys)? {
                        self.therapy(r, start, "knee osteoarthritis", Vec::new())?;
                    }
                    if self.rng.chance(50) && self.fits(&cat::TRAMADOL, kidneys)? {
                        if let Some(v) = self.later_visit(start, 365) {
                            let row = self.prescribe(
                                &cat::TRAMADOL,
                                v,
                                "knee osteoarthritis",
                                None,
                                None,
                            )?;
                            if let Some(w) = self.later_visit(v, 60) {
                                let at = self.visit(w).started_at + Duration::minutes(20);
                                let by = self.signer(w);
                                self.stop(row, at, by, "Pain controlled without it");
                            }
                        }
                    }
                }
                "J44.9" => {
                    self.therapy(&cat::ALBUTEROL, start, "COPD", Vec::new())?;
                    if self.rng.chance(750) {
                        self.therapy(&cat::FLUTICASONE_SALMETEROL, start, "COPD", Vec::new())?;
                    }
                }
                "I48.91" => {
                    if self.rng.chance(850) && self.fits(&cat::WARFARIN, kidneys)? {
                        self.therapy(&cat::WARFARIN, start, "atrial fibrillation", Vec::new())?;
                    }
                    let rate = if self.rng.chance(850) {
                        &cat::METOPROLOL_25
                    } else {
                        &cat::DIGOXIN
                    };
                    if self.fits(rate, kidneys)? {
                        self.therapy(
                            rate,
                            start,
                            "atrial fibrillation (rate control)",
                            Vec::new(),
                        )?;
                    }
                }
                "G43.909" if adult && self.rng.chance(800) => {
                    self.therapy(
                        &cat::SUMATRIPTAN,
                        start,
                        "migraine",
                        stop_resolved("Migraines stopped").into_iter().collect(),
                    )?;
                }
                "M54.50" => {
                    let r = if self.fits(&cat::NAPROXEN_COURSE, kidneys)? {
                        &cat::NAPROXEN_COURSE
                    } else {
                        &cat::ACETAMINOPHEN_PRN
                    };
                    if std::ptr::eq(r, &cat::NAPROXEN_COURSE) || self.fits(r, kidneys)? {
                        self.prescribe(r, start, "low back pain", None, None)?;
                    }
                }
                "E55.9" => {
                    let row =
                        self.report(start, None, "vitamin D3 2000 units", "1 softgel daily")?;
                    if let Some(e) = end {
                        let at = self.visit(e).started_at + Duration::minutes(20);
                        self.stop(row, at, self.signer(e), "Vitamin D level normal");
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// First-line drug, then for some a second one, a dose increase, or an ACE inhibitor's
    /// cough and the switch to an ARB.
    fn hypertension(&mut self, start: usize, kidneys: bool) -> CoreResult<()> {
        let mut first = weighted(
            self.rng,
            &[
                (350, &cat::LISINOPRIL_10),
                (250, &cat::AMLODIPINE_5),
                (150, &cat::HCTZ_25),
                (150, &cat::LOSARTAN_50),
                (50, &cat::LISINOPRIL_HCTZ),
                (50, &cat::ATENOLOL_50),
            ],
        );
        if std::ptr::eq(first, &cat::AMLODIPINE_5) && self.age_at_visit(start) >= 75.0 {
            first = &cat::AMLODIPINE_2_5;
        }
        if !self.fits(first, kidneys)? {
            first = &cat::AMLODIPINE_5;
        }
        if !self.fits(first, kidneys)? {
            return Ok(());
        }
        let ace = std::ptr::eq(first, &cat::LISINOPRIL_10);
        let mut events = Vec::new();
        let mut switched = None;
        if ace && self.rng.chance(80) {
            if let Some(v) = self.later_visit(start, 30) {
                events.push((v, Event::Stop("Dry cough on lisinopril")));
                switched = Some(v);
            }
        } else if ace && self.rng.chance(200) {
            if let Some(v) = self.later_visit(start, 90) {
                events.push((
                    v,
                    Event::Change(
                        &cat::LISINOPRIL_20,
                        "Blood pressure above goal; dose increased",
                    ),
                ));
                if self.rng.chance(250) {
                    if let Some(w) = self.later_visit(v, 180) {
                        events.push((
                            w,
                            Event::Change(&cat::LISINOPRIL_40, "Blood pressure still above goal"),
                        ));
                    }
                }
            }
        } else if std::ptr::eq(first, &cat::LOSARTAN_50) && self.rng.chance(200) {
            if let Some(v) = self.later_visit(start, 90) {
                events.push((
                    v,
                    Event::Change(
                        &cat::LOSARTAN_100,
                        "Blood pressure above goal; dose increased",
                    ),
                ));
            }
        }
        self.therapy(first, start, "hypertension", events)?;
        if let Some(v) = switched {
            if self.fits(&cat::LOSARTAN_50, kidneys)? {
                self.therapy(&cat::LOSARTAN_50, v, "hypertension", Vec::new())?;
            }
        }
        if self.rng.chance(350) {
            if let Some(v) = self.later_visit(start, 180) {
                let second = if std::ptr::eq(first, &cat::AMLODIPINE_5) {
                    &cat::LISINOPRIL_10
                } else if self.rng.chance(500) {
                    &cat::AMLODIPINE_5
                } else {
                    &cat::HCTZ_25
                };
                if self.fits(second, kidneys)? {
                    self.therapy(second, v, "hypertension", Vec::new())?;
                }
            }
        }
        Ok(())
    }
}
