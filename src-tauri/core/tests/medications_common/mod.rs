//! What the medication tests share: a staffed practice with a patient, imported test
//! products (codes the formulary does not use, so the imported rows are the ones found),
//! drafts and audit counts.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::ids::{MedicationId, UserId};
use charta_core::medications::{
    ControlledSchedule, Ingredient, PrescriptionDraft, Product, ProductSource, Route, Sig,
    SigFrequency,
};
use charta_core::permissions::Role;
use charta_core::testing::{
    insert_test_product, person, staffed_practice, test_now, user_draft, Staff,
};
use charta_core::{Actor, ChartDb, CoreError, PatientId};
use chrono::Duration;

pub const AMOXICILLIN: &str = "rx:9900001";
pub const WARFARIN: &str = "rx:9900002";
pub const WARFARIN_2MG: &str = "rx:9900003";
pub const OXYCODONE: &str = "rx:9900004";
pub const IBUPROFEN: &str = "rx:9900005";

fn product(
    code: &str,
    name: &str,
    ingredient: &str,
    unit: &str,
    controlled: Option<ControlledSchedule>,
) -> Product {
    Product {
        code: code.into(),
        rxcui: Some(code.trim_start_matches("rx:").into()),
        name: name.into(),
        ingredients: vec![Ingredient {
            code: format!("drug:{ingredient}"),
            name: ingredient.into(),
            amount: Some(5.0),
            unit: "mg".into(),
        }],
        strength: "5 mg".into(),
        dose_form: unit.into(),
        dose_unit: unit.into(),
        route: Route::Oral,
        classes: Vec::new(),
        controlled,
        brands: Vec::new(),
        source: ProductSource::RxnormImport,
    }
}

pub struct World {
    pub db: ChartDb,
    pub staff: Staff,
    pub patient: PatientId,
}

pub fn world() -> World {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let patient = PatientId::from_u128(900);
    db.as_user(&staff.front_desk)
        .register_patient(
            &person("Okafor", "Ada", "1961-05-20", ""),
            true,
            patient,
            test_now(),
        )
        .unwrap();
    let by = staff.admin.user_id();
    for p in [
        product(
            AMOXICILLIN,
            "amoxicillin 500 mg oral capsule",
            "amoxicillin",
            "capsule",
            None,
        ),
        product(
            WARFARIN,
            "warfarin sodium 5 mg oral tablet",
            "warfarin",
            "tablet",
            None,
        ),
        product(
            WARFARIN_2MG,
            "warfarin sodium 2 mg oral tablet",
            "warfarin",
            "tablet",
            None,
        ),
        product(
            IBUPROFEN,
            "ibuprofen 400 mg oral tablet",
            "ibuprofen",
            "tablet",
            None,
        ),
        product(
            OXYCODONE,
            "oxycodone hydrochloride 5 mg oral tablet",
            "oxycodone",
            "tablet",
            Some(ControlledSchedule::CII),
        ),
    ] {
        insert_test_product(&mut db, &p, by, test_now()).unwrap();
    }
    World { db, staff, patient }
}

/// A physician account made by the admin, with only the credentials given.
pub fn physician_with(w: &mut World, name: &str, npi: &str, dea: &str, n: u128) -> Actor {
    let mut d = user_draft(name, &[Role::Physician]);
    d.npi = npi.into();
    d.dea = dea.into();
    d.licence_number = "TEST-999".into();
    let admin = w.staff.admin.clone();
    let u =
        w.db.as_user(&admin)
            .create_user(&d, UserId::from_u128(n), test_now())
            .unwrap();
    w.db.actor(u.id).unwrap()
}

/// "1 tablet by mouth twice daily for 10 days, 20 tablets".
pub fn draft(code: &str) -> PrescriptionDraft {
    PrescriptionDraft {
        product_code: code.into(),
        sig: Sig {
            dose: 1.0,
            dose_unit: "tablet".into(),
            route: Route::Oral,
            frequency: SigFrequency::TwiceDaily,
            prn: false,
            prn_indication: String::new(),
            duration_days: Some(10),
            extra: String::new(),
        },
        quantity: 20.0,
        quantity_unit: "tablet".into(),
        refills: 0,
        dispense_as_written: false,
        note_to_pharmacist: String::new(),
        indication: "test".into(),
        visit_id: None,
        start_date: None,
    }
}

/// An ongoing (no duration) draft.
pub fn ongoing(code: &str) -> PrescriptionDraft {
    let mut d = draft(code);
    d.sig.duration_days = None;
    d.sig.frequency = SigFrequency::OnceDaily;
    d.quantity = 30.0;
    d
}

pub fn fields(err: &CoreError) -> Vec<String> {
    err.field_errors().iter().map(|e| e.field.clone()).collect()
}

/// How many audit rows have this action and outcome.
pub fn audited(w: &mut World, action: &str, outcome: Outcome) -> usize {
    let q = AuditQuery {
        action: Some(action.into()),
        limit: Some(1000),
        ..Default::default()
    };
    let admin = w.staff.admin.clone();
    w.db.as_user(&admin)
        .audit_report(&q, test_now() + Duration::days(400))
        .unwrap()
        .entries
        .into_iter()
        .filter(|e| e.outcome == outcome)
        .count()
}

/// The physician drafts and signs `d` (no alerts expected from the test products' pairs).
pub fn prescribe(w: &mut World, d: &PrescriptionDraft, n: u128) -> MedicationId {
    let id = MedicationId::from_u128(n);
    let doc = w.staff.physician.clone();
    let m =
        w.db.as_user(&doc)
            .draft_prescription(w.patient, d, id, test_now())
            .unwrap();
    let overrides = answer_all(w, id);
    w.db.as_user(&doc)
        .sign_prescription(id, m.version, &overrides, test_now())
        .unwrap();
    id
}

/// An override reason for every alert the checks raise on `id` now (none while the engine
/// raises none), so the lifecycle tests do not depend on which rules exist.
pub fn answer_all(w: &mut World, id: MedicationId) -> Vec<charta_core::medications::AlertOverride> {
    let doc = w.staff.physician.clone();
    w.db.as_user(&doc)
        .check_prescription(id, test_now())
        .unwrap()
        .alerts
        .into_iter()
        .map(|a| charta_core::medications::AlertOverride {
            key: a.key,
            reason: "reviewed with the patient".into(),
            title: String::new(),
            severity: None,
        })
        .collect()
}
