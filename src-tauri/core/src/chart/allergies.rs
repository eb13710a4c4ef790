//! Allergies and intolerances coded against the allergen catalogue, and "no known drug
//! allergies" as a statement someone made.

use serde::Serialize;
use ts_rs::TS;

/// What the banner's allergy badge says. "Not asked" (nothing recorded) is never shown as
/// if it were "no known allergies".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum AllergyState {
    /// No allergy and no statement recorded: nobody has asked yet.
    NotAsked,
    /// The latest statement (not withdrawn) and no active allergy.
    #[serde(rename_all = "camelCase")]
    NoKnownAllergies { drugs_only: bool },
    /// Active allergies or intolerances (not entered in error).
    #[serde(rename_all = "camelCase")]
    Allergies { active: u32, high_criticality: u32 },
}
