//! Deterministic synthetic practices: the demo data and the benchmark's patients.
//!
//! Names are drawn with realistic frequencies (see `assets/synthetic-names/README.md`);
//! every phone number uses area code 555, which is not assigned to any real place, and every
//! email address is at example.com. No real person's data is ever produced.

mod banks;
pub mod chart;
pub mod checkup;
pub mod correspondence;
pub mod medications;
pub mod schedule;
mod visit_banks;

pub use chart::{ChartProviders, GeneratedCharts};
pub use checkup::{CheckupScenarios, GeneratedCheckup};
pub use medications::{DemoScenarios, GeneratedMedications};
pub use schedule::{GeneratedSchedule, ScheduleProviders};

use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::patient::{
    EmergencyContact, PatientDraft, PatientStatus, Phone, PhoneKind, PostalAddress, SexAtBirth,
    ValidPatient,
};
use crate::practice::PracticeDraft;
use crate::store;
use chrono::{DateTime, Duration, NaiveDate, Utc};

const SURNAMES: &str = include_str!("../../../assets/synthetic-names/surnames.csv");
const FEMALE: &str = include_str!("../../../assets/synthetic-names/given-female.csv");
const MALE: &str = include_str!("../../../assets/synthetic-names/given-male.csv");

const STREETS: &[&str] = &[
    "Maple Street",
    "Oak Avenue",
    "Cedar Lane",
    "Elm Street",
    "Pine Road",
    "Birch Court",
    "Willow Way",
    "Lakeview Drive",
    "Hillside Avenue",
    "River Road",
    "Sunset Boulevard",
    "Meadow Lane",
    "Chestnut Street",
    "Park Place",
    "Orchard Road",
];
const CITIES: &[(&str, &str, &str)] = &[
    ("Springfield", "IL", "627"),
    ("Riverton", "IL", "625"),
    ("Fairview", "IL", "622"),
    ("Greenville", "IL", "622"),
    ("Franklin", "IL", "626"),
    ("Clinton", "IL", "617"),
];
const LANGUAGES: &[&str] = &[
    "Spanish",
    "Vietnamese",
    "Polish",
    "Arabic",
    "Mandarin",
    "Korean",
];
const RELATIONSHIPS: &[&str] = &[
    "Spouse", "Partner", "Mother", "Father", "Daughter", "Son", "Friend",
];
/// Share of patients in each ten-year age band, 0–9 up to 90–99 (US-like, per mille).
const AGE_BANDS: &[u32] = &[120, 125, 130, 135, 125, 125, 120, 75, 35, 10];

/// SplitMix64: tiny, fast, and fixed forever, so a seed always gives the same practice.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Names with cumulative weights for frequency-true sampling.
#[derive(Debug)]
struct WeightedNames {
    names: Vec<String>,
    cumulative: Vec<u64>,
}

impl WeightedNames {
    fn parse(csv: &str) -> Self {
        let mut names = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0u64;
        for line in csv.lines().skip(1) {
            let Some((name, weight)) = line.rsplit_once(',') else {
                continue;
            };
            let Ok(weight) = weight.trim().parse::<u64>() else {
                continue;
            };
            if weight == 0 {
                continue;
            }
            total += weight;
            names.push(name.trim().to_string());
            cumulative.push(total);
        }
        WeightedNames { names, cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let target = rng.below(total);
        let index = self.cumulative.partition_point(|&c| c <= target);
        self.names.get(index).map_or("Doe", String::as_str)
    }
}

/// Generates synthetic patients from a seed; the same seed gives the same patients.
#[derive(Debug)]
pub struct PracticeGenerator {
    rng: Rng,
    surnames: WeightedNames,
    female: WeightedNames,
    male: WeightedNames,
    /// Birth dates are drawn relative to this day, so output does not depend on the clock.
    reference_day: NaiveDate,
    last_home_phone: Option<(String, String)>,
    /// Drafts handed out before any generated one (the demo's scenario patients).
    queued: std::collections::VecDeque<PatientDraft>,
}

impl PracticeGenerator {
    pub fn new(seed: u64) -> Self {
        PracticeGenerator {
            rng: Rng::new(seed),
            surnames: WeightedNames::parse(SURNAMES),
            female: WeightedNames::parse(FEMALE),
            male: WeightedNames::parse(MALE),
            reference_day: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            last_home_phone: None,
            queued: std::collections::VecDeque::new(),
        }
    }

    /// Makes `draft` the next patient [`PracticeGenerator::patient_draft`] hands out, so a
    /// chosen synthetic patient is registered through the same path as generated ones.
    pub fn queue(&mut self, draft: PatientDraft) {
        self.queued.push_back(draft);
    }

    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }

    /// The demo practice's settings.
    pub fn demo_practice() -> PracticeDraft {
        PracticeDraft::new(
            "Maple Street Family Medicine",
            "400 Maple Street, Suite 2\nSpringfield, IL 62701",
            "(555) 201-0100",
            "America/Chicago",
        )
    }

    fn phone(&mut self) -> String {
        let exchange = 200 + self.rng.below(800);
        let line = self.rng.below(10_000);
        format!("(555) {exchange:03}-{line:04}")
    }

    /// A person's birth date, drawn from a US-like age pyramid.
    pub fn birth_date(&mut self) -> NaiveDate {
        let total: u32 = AGE_BANDS.iter().sum();
        let mut target = self.rng.below(u64::from(total)) as u32;
        let mut band = 0;
        for (i, share) in AGE_BANDS.iter().enumerate() {
            if target < *share {
                band = i;
                break;
            }
            target -= share;
        }
        let days_old = (band as i64 * 10 * 365) + self.rng.below(10 * 365) as i64;
        self.reference_day - Duration::days(days_old.max(1))
    }

    /// The next synthetic patient's registration form.
    pub fn patient_draft(&mut self) -> PatientDraft {
        if let Some(draft) = self.queued.pop_front() {
            return draft;
        }
        let sex = match self.rng.below(1000) {
            0..=502 => SexAtBirth::Female,
            503..=997 => SexAtBirth::Male,
            _ => SexAtBirth::Unknown,
        };
        let names = if sex == SexAtBirth::Male {
            &self.male
        } else {
            &self.female
        };
        let given_name = names.sample(&mut self.rng).to_string();
        let middle_name = if self.rng.chance(550) {
            names.sample(&mut self.rng).to_string()
        } else {
            String::new()
        };
        let family_name = self.surnames.sample(&mut self.rng).to_string();
        let date_of_birth = self.birth_date();
        let (city, region, zip3) = *self.rng.pick(CITIES);

        let mut phones = vec![Phone {
            kind: PhoneKind::Mobile,
            number: self.phone(),
        }];
        // A tenth of patients share a household (and its home phone) with the previous one.
        let home = match self.last_home_phone.take() {
            Some((surname, phone)) if self.rng.chance(100) && surname == family_name => phone,
            _ => self.phone(),
        };
        if self.rng.chance(400) {
            phones.push(Phone {
                kind: PhoneKind::Home,
                number: home.clone(),
            });
        }
        self.last_home_phone = Some((family_name.clone(), home));

        let email = if self.rng.chance(450) {
            format!(
                "{}.{}{}@example.com",
                crate::text::fold(&given_name),
                crate::text::fold(&family_name),
                self.rng.below(100)
            )
        } else {
            String::new()
        };
        let status_roll = self.rng.below(1000);
        let (status, deceased_on) = if status_roll < 15 {
            let lived = (self.reference_day - date_of_birth).num_days().max(2);
            let died = date_of_birth + Duration::days(1 + self.rng.below(lived as u64 - 1) as i64);
            (PatientStatus::Deceased, died.to_string())
        } else if status_roll < 75 {
            (PatientStatus::Inactive, String::new())
        } else {
            (PatientStatus::Active, String::new())
        };
        let emergency_contact = self.rng.chance(600).then(|| EmergencyContact {
            name: format!("{} {}", self.female.sample(&mut self.rng), family_name),
            relationship: self.rng.pick(RELATIONSHIPS).to_string(),
            phone: self.phone(),
        });
        PatientDraft {
            preferred_name: if self.rng.chance(60) {
                given_name.chars().take(3).collect()
            } else {
                String::new()
            },
            family_name,
            given_name,
            middle_name,
            date_of_birth: date_of_birth.to_string(),
            sex_at_birth: Some(sex),
            gender_identity: String::new(),
            pronouns: String::new(),
            phones,
            email,
            address: PostalAddress {
                line1: format!("{} {}", 1 + self.rng.below(9999), self.rng.pick(STREETS)),
                line2: String::new(),
                city: city.into(),
                region: region.into(),
                postal_code: format!("{zip3}{:02}", self.rng.below(100)),
                country: "US".into(),
            },
            preferred_language: if self.rng.chance(120) {
                self.rng.pick(LANGUAGES).to_string()
            } else {
                String::new()
            },
            emergency_contact,
            status,
            deceased_on,
        }
    }
}

impl ChartDb {
    /// Adds generated patients in large transactions, without the duplicate check a person
    /// at the desk gets. A deliberate public operation outside [`AsUser`](crate::AsUser): the
    /// demo practice and the benchmarks seed through it. It writes through the same store
    /// functions (and validation) as a registration, with one audit row per transaction, and
    /// reads nothing back. Returns the ids, in order.
    pub fn add_generated_patients(
        &mut self,
        generator: &mut PracticeGenerator,
        count: u32,
        first_id: u128,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<PatientId>> {
        let today = crate::practice::practice_today(self, now)?;
        let mut ids = Vec::with_capacity(count as usize);
        let mut remaining = count;
        while remaining > 0 {
            let batch = remaining.min(5_000);
            self.write(|tx| {
                let first_mrn = store::patients::next_mrn(tx)?;
                for mrn in first_mrn..first_mrn + batch {
                    let draft = generator.patient_draft();
                    let valid: ValidPatient = crate::patient::validate_draft(&draft, today)
                        .map_err(|e| {
                            CoreError::Corrupt(format!("generator made a bad patient: {e}"))
                        })?;
                    let id = PatientId::from_u128(first_id + ids.len() as u128);
                    store::patients::insert(tx, id, mrn, &valid, now)?;
                    ids.push(id);
                }
                // Synthetic or not, a write of patient rows is audited in its own transaction.
                let event =
                    AuditEvent::new(now, None, "setup", "add_generated_patients", Outcome::Ok)
                        .detail(format!(
                            "{batch} synthetic patients, chart numbers {first_mrn}–{}",
                            first_mrn + batch - 1
                        ));
                crate::audit::append(tx, &event)?;
                Ok(())
            })?;
            remaining -= batch;
        }
        Ok(ids)
    }

    /// Seeds a new database with the demo practice (if none is set up yet) and `count`
    /// synthetic patients, audited as one `seed_demo` row. Public on purpose (the first-run
    /// demo and `charta-admin`); refused when patients exist: demo data never mixes with real.
    pub fn seed_demo(&mut self, count: u32, now: DateTime<Utc>) -> CoreResult<()> {
        if self.patient_count()? > 0 {
            return Err(CoreError::Forbidden(
                "Demo patients go only into an empty practice".into(),
            ));
        }
        if self.practice()?.is_none() {
            self.set_up_practice(&PracticeGenerator::demo_practice(), now)?;
        }
        self.mark_demo(true)?;
        let mut generator = PracticeGenerator::new(2026);
        self.add_generated_patients(&mut generator, count, 0xDE40_0000_0000, now)?;
        let event = AuditEvent::new(now, None, "setup", "seed_demo", Outcome::Ok)
            .detail(format!("{count} synthetic demo patients"));
        self.audit(&event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_same_seed_gives_the_same_patients() {
        let a: Vec<_> = (0..50)
            .map({
                let mut g = PracticeGenerator::new(7);
                move |_| g.patient_draft()
            })
            .collect();
        let b: Vec<_> = (0..50)
            .map({
                let mut g = PracticeGenerator::new(7);
                move |_| g.patient_draft()
            })
            .collect();
        assert_eq!(a, b);
        let mut other = PracticeGenerator::new(8);
        assert_ne!(a[0], other.patient_draft());
    }

    #[test]
    fn generated_patients_pass_validation_and_use_fictional_contacts() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut g = PracticeGenerator::new(1);
        for _ in 0..2000 {
            let d = g.patient_draft();
            crate::patient::validate_draft(&d, today).unwrap();
            assert!(
                d.phones.iter().all(|p| p.number.starts_with("(555)")),
                "{:?}",
                d.phones
            );
            assert!(d.email.is_empty() || d.email.ends_with("@example.com"));
        }
    }

    #[test]
    fn common_names_are_common() {
        let mut g = PracticeGenerator::new(3);
        let smiths = (0..10_000)
            .filter(|_| g.patient_draft().family_name == "Smith")
            .count();
        // Smith is about 2.4 M of roughly 90 M people in the list: some 2–3 % of patients.
        assert!((150..450).contains(&smiths), "{smiths} Smiths in 10,000");
    }

    #[test]
    fn generated_patients_are_audited_in_each_transaction_that_writes_them() {
        let mut db = ChartDb::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        db.set_up_practice(&PracticeGenerator::demo_practice(), now)
            .unwrap();
        let before = db.read(crate::audit::verify_chain).unwrap().rows;
        let mut generator = PracticeGenerator::new(5);
        db.add_generated_patients(&mut generator, 5_001, 1, now)
            .unwrap();
        let chain = db.read(crate::audit::verify_chain).unwrap();
        assert!(chain.ok(), "{chain:?}");
        assert_eq!(chain.rows, before + 2, "two transactions, two audit rows");
    }

    #[test]
    fn demo_seeding_fills_the_practice() {
        let mut db = ChartDb::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        db.seed_demo(300, now).unwrap();
        assert_eq!(db.patient_count().unwrap(), 300);
        assert!(db.practice().unwrap().unwrap().is_demo);
    }
}
