//! Prescriptions and medication safety: the formulary and the practice's imported RxNorm
//! products, structured sigs, the patient's medication list and its reconciliation, offline
//! safety checks (drug–drug, drug–allergy, duplicate therapy, dose, renal and age cautions),
//! favourites, and printed prescriptions. Each area's operations are `impl AsUser` methods in
//! its own module (see `access.rs` for the door); its SQL lives in `store/`; its tables in
//! `migrations/0007_medications/`. Reference tables are compiled in from `assets/`.

pub mod favourites;
pub mod formulary;
pub mod prescriptions;
pub mod print;
pub mod rxnorm;
pub mod safety;
pub mod sig;
mod types;

pub use types::*;
