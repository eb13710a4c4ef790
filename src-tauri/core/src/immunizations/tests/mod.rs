//! Tests of the immunization area: the assets, the rule table per series, recording.

mod asset;
mod engine;
mod ops;
