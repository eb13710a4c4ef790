//! The print operations behind the checked door: print a signed prescription or the current
//! medication list (the PDF copy stored in the chart with the audit row, in one
//! transaction), list the copies, open one.

use super::pdf::{medication_list_pdf, prescription_pdf};
use super::words::{quantity_text, refills_text};
use super::{MedicationListPrint, PrescriptionPrint, PrintedCopy};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::allergies::AllergyState;
use crate::error::{CoreError, CoreResult};
use crate::ids::{MedicationId, PatientId, PrintId};
use crate::medications::{Medication, MedicationOrigin, MedicationStatus};
use crate::patient::{Patient, PostalAddress};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use crate::store::printed_copies::{MEDICATION_LIST, PRESCRIPTION};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

fn not_found(entity: &'static str, id: impl ToString) -> CoreError {
    CoreError::NotFound {
        entity,
        id: id.to_string(),
    }
}

/// Why a medication cannot be printed as a prescription, if it cannot.
fn refusal(m: &Medication) -> Option<&'static str> {
    if m.origin == MedicationOrigin::Reported {
        return Some(
            "Only a prescription written here can be printed; this medication was reported",
        );
    }
    if m.signed_at.is_none() || m.status == MedicationStatus::Draft {
        return Some("Only a signed prescription can be printed; this one is still a draft");
    }
    match m.status {
        MedicationStatus::Active => None,
        MedicationStatus::Stopped => Some("This prescription was stopped; it cannot be printed"),
        MedicationStatus::Superseded => {
            Some("This prescription was replaced by a newer one; print that one instead")
        }
        MedicationStatus::Completed => {
            Some("This prescription's course is over; renew it to print a new one")
        }
        MedicationStatus::EnteredInError | MedicationStatus::Draft => {
            Some("This prescription was entered in error; it cannot be printed")
        }
    }
}

/// The practice's letterhead: its name and the lines under it (address lines, phone).
pub(crate) fn letterhead(conn: &Connection) -> CoreResult<(String, Vec<String>)> {
    let Some(practice) = store::practice::get(conn)? else {
        return Ok((String::new(), Vec::new()));
    };
    let mut lines: Vec<String> = practice
        .address
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    if !practice.phone.trim().is_empty() {
        lines.push(format!("Phone {}", practice.phone.trim()));
    }
    Ok((practice.name, lines))
}

/// "1 Main St", "Apt 2", "Springfield, IL 62701", country — the non-empty ones.
pub(crate) fn address_lines(a: &PostalAddress) -> Vec<String> {
    let place = [a.region.trim(), a.postal_code.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let town = [a.city.trim(), place.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    [
        a.line1.trim(),
        a.line2.trim(),
        town.as_str(),
        a.country.trim(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .map(String::from)
    .collect()
}

pub(crate) fn full_name(p: &Patient) -> String {
    match p.middle_name.as_deref().map(str::trim) {
        Some(middle) if !middle.is_empty() => {
            format!("{} {middle} {}", p.given_name, p.family_name)
        }
        _ => format!("{} {}", p.given_name, p.family_name),
    }
}

fn patient(conn: &Connection, id: PatientId, today: NaiveDate) -> CoreResult<Patient> {
    store::patients::get(conn, id, today)?.ok_or_else(|| not_found("patient", id))
}

impl AsUser<'_> {
    /// Prints a signed prescription: stores its PDF copy under `print_id` in the chart and
    /// returns the content for the print view (audited `print_prescription`).
    pub fn print_prescription(
        &mut self,
        id: MedicationId,
        print_id: PrintId,
        now: DateTime<Utc>,
    ) -> CoreResult<PrescriptionPrint> {
        let found = self
            .db
            .read(|c| store::printed_copies::prescription_for_print(c, id))?
            .ok_or_else(|| not_found("medication", id))?;
        let patient_id = found.patient_id;
        let access = self.require_for_patient(
            Operation::ViewClinical,
            "print_prescription",
            patient_id,
            now,
        )?;
        let date = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write(|tx| {
            // Read again inside the transaction: what is printed is what is stored now.
            let m = store::printed_copies::prescription_for_print(tx, id)?
                .ok_or_else(|| not_found("medication", id))?;
            if let Some(why) = refusal(&m) {
                return Err(CoreError::invalid("id", why));
            }
            let prescriber_id = m.signed_by.ok_or_else(|| not_found("user", "signer"))?;
            let prescriber = store::users::get(tx, prescriber_id)?
                .ok_or_else(|| not_found("user", prescriber_id))?;
            let p = patient(tx, patient_id, date)?;
            let (practice_name, practice_lines) = letterhead(tx)?;
            let controlled = m.controlled.map(|c| c.as_str().to_string());
            let print = PrescriptionPrint {
                print_id,
                practice_name,
                practice_lines,
                prescriber_name: prescriber.display_name.clone(),
                prescriber_credentials: prescriber
                    .roles
                    .iter()
                    .map(|r| capitalised(r.label()))
                    .collect::<Vec<_>>()
                    .join(", "),
                licence_number: prescriber.licence_number.clone(),
                npi: prescriber.npi.clone(),
                // The DEA number is printed for controlled substances only (a pharmacy needs
                // it there; anywhere else it is an invitation to forgery).
                dea: controlled.as_ref().and(prescriber.dea.clone()),
                patient_name: full_name(&p),
                patient_mrn: p.mrn,
                patient_date_of_birth: Some(p.date_of_birth),
                patient_address: address_lines(&p.address),
                date,
                quantity_text: m
                    .quantity
                    .map(|q| quantity_text(q, &m.quantity_unit))
                    .unwrap_or_else(|| "not stated".into()),
                refills_text: refills_text(m.refills),
                controlled,
                printed_at: now,
                medication: m,
            };
            let pdf = prescription_pdf(&print, now);
            store::printed_copies::insert(
                tx,
                print_id,
                patient_id,
                Some(id),
                PRESCRIPTION,
                actor.user_id(),
                now,
                &pdf,
            )?;
            let event = actor
                .event(now, "print_prescription", Outcome::Ok)
                .patient(patient_id)
                .entity("medication", id)
                .emergency(access == Access::Emergency)
                .detail(format!("print {print_id}"));
            audit::append(tx, &event)?;
            Ok(print)
        })
    }

    /// Prints the patient's current medication list (PDF copy kept; audited
    /// `print_medication_list`).
    pub fn print_medication_list(
        &mut self,
        patient_id: PatientId,
        print_id: PrintId,
        now: DateTime<Utc>,
    ) -> CoreResult<MedicationListPrint> {
        let access = self.require_for_patient(
            Operation::ViewClinical,
            "print_medication_list",
            patient_id,
            now,
        )?;
        let date = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let p = patient(tx, patient_id, date)?;
            let (practice_name, practice_lines) = letterhead(tx)?;
            let allergies: Vec<String> = store::visits::active_allergies(tx, patient_id)?
                .into_iter()
                .map(|a| {
                    let mut text = a.substance;
                    if !a.reaction.trim().is_empty() {
                        text.push_str(&format!(" ({})", a.reaction.trim()));
                    }
                    if a.kind == "intolerance" {
                        text.push_str(", intolerance");
                    }
                    text
                })
                .collect();
            let allergy_statement = match store::allergies::state(tx, patient_id)? {
                AllergyState::Allergies { .. } => None,
                AllergyState::NoKnownAllergies { drugs_only: true } => {
                    Some("No known drug allergies".to_string())
                }
                AllergyState::NoKnownAllergies { drugs_only: false } => {
                    Some("No known allergies".to_string())
                }
                AllergyState::NotAsked => Some("Allergies not recorded".to_string()),
            };
            let list = MedicationListPrint {
                print_id,
                practice_name,
                practice_lines,
                patient_name: full_name(&p),
                patient_mrn: p.mrn,
                patient_date_of_birth: Some(p.date_of_birth),
                date,
                active: store::printed_copies::active_for_print(tx, patient_id)?,
                allergies,
                allergy_statement,
                printed_at: now,
            };
            let pdf = medication_list_pdf(&list, now);
            store::printed_copies::insert(
                tx,
                print_id,
                patient_id,
                None,
                MEDICATION_LIST,
                actor.user_id(),
                now,
                &pdf,
            )?;
            let event = actor
                .event(now, "print_medication_list", Outcome::Ok)
                .patient(patient_id)
                .entity("print", print_id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// The patient's printed copies, newest first (audited `view_printed_copies`).
    pub fn printed_copies(
        &mut self,
        patient_id: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<PrintedCopy>> {
        let access = self.require_for_patient(
            Operation::ViewClinical,
            "view_printed_copies",
            patient_id,
            now,
        )?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let copies = store::printed_copies::list(tx, patient_id)?;
            let event = actor
                .event(now, "view_printed_copies", Outcome::Ok)
                .patient(patient_id)
                .entity("patient", patient_id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(copies)
        })
    }

    /// The bytes of one stored PDF copy (audited `open_printed_copy`).
    pub fn printed_copy_pdf(&mut self, id: PrintId, now: DateTime<Utc>) -> CoreResult<Vec<u8>> {
        let patient_id = self
            .db
            .read(|c| store::printed_copies::patient_of(c, id))?
            .ok_or_else(|| not_found("printed copy", id))?;
        let access = self.require_for_patient(
            Operation::ViewClinical,
            "open_printed_copy",
            patient_id,
            now,
        )?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let copy =
                store::printed_copies::get(tx, id)?.ok_or_else(|| not_found("printed copy", id))?;
            let pdf =
                store::printed_copies::pdf(tx, id)?.ok_or_else(|| not_found("printed copy", id))?;
            let mut event = actor
                .event(now, "open_printed_copy", Outcome::Ok)
                .patient(patient_id)
                .entity("print", id)
                .emergency(access == Access::Emergency)
                .detail(&copy.kind);
            if let Some(m) = copy.medication_id {
                event = event.detail(format!("{} of medication {m}", copy.kind));
            }
            audit::append(tx, &event)?;
            Ok(pdf)
        })
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
