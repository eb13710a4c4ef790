//! Typed identifiers: a `PatientId` can never be passed where another id is meant.

use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct PatientId(Uuid);

impl PatientId {
    /// A fresh random id. Only the edges of the system (commands, demo seeding) call this;
    /// logic takes ids as inputs so tests can control them.
    pub fn random() -> Self {
        PatientId(Uuid::new_v4())
    }

    pub fn from_uuid(uuid: Uuid) -> Self {
        PatientId(uuid)
    }

    /// A deterministic id, for generated practices and tests.
    pub fn from_u128(value: u128) -> Self {
        PatientId(Uuid::from_u128(value))
    }

    pub fn as_uuid(&self) -> Uuid {
        self.0
    }

    pub fn parse(text: &str) -> Option<Self> {
        Uuid::parse_str(text).ok().map(PatientId)
    }
}

impl fmt::Display for PatientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A user account of the practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct UserId(Uuid);

impl UserId {
    pub fn random() -> Self {
        UserId(Uuid::new_v4())
    }

    pub fn from_u128(value: u128) -> Self {
        UserId(Uuid::from_u128(value))
    }

    pub fn parse(text: &str) -> Option<Self> {
        Uuid::parse_str(text).ok().map(UserId)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
