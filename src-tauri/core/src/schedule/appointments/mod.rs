//! Appointments (owner: the booking helper): booking with the rules of `schedule::rules` and
//! overbooking with a reason, moves, resizes and reassignments, cancellation, the status
//! flow with its history, the calendar's range, the flow board, a patient's appointments, and
//! starting the chart visit from an arrived appointment. Each area is its own file: `ops`
//! (book, check, change, cancel), `flow` (the status flow and starting the visit), `views`
//! (the reads), `validate` (the checks before the rules).

mod flow;
mod ops;
mod validate;
mod views;

pub use flow::is_forward;
pub(crate) use ops::{book_in, record_past_in, PastImport, PastOutcome};
pub use views::MAX_RANGE_DAYS;
