//! Tauri commands: parse, call `charta-core`, map the error. No logic lives here.
//! The backend owns time and new ids: they are taken here, at the edge, and passed in.

pub mod patients;
pub mod practice;
