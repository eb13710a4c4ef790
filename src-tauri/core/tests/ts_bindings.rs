//! The UI's TypeScript types are generated from these Rust types; this test fails when the
//! committed `ui/src/api/bindings.ts` is stale. Refresh it with
//! `CHARTA_WRITE_BINDINGS=1 cargo test -p charta-core --test ts_bindings`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::access::Actor;
use charta_core::app::{AppInfo, Phase};
use charta_core::audit::{AuditEntry, AuditPage, AuditQuery, AuditSort, ChainCheck, Outcome};
use charta_core::backup::{
    BackupCheck, BackupKind, BackupPhase, BackupReport, BackupResult, BackupStatus, ListedBackup,
    RestoreReport,
};
use charta_core::error::{ErrorReport, FieldError};
use charta_core::patient::*;
use charta_core::permissions::{Operation, Role};
use charta_core::practice::{Practice, PracticeDraft};
use charta_core::session::SessionView;
use charta_core::users::{User, UserDraft};
use charta_core::workstation::{SetupRequest, Startup};
use ts_rs::{Config, TS};

fn declaration<T: TS>(cfg: &Config) -> String {
    format!("export {}\n", T::decl(cfg))
}

fn generated() -> String {
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from charta-core's Rust types by tests/ts_bindings.rs. Do not edit.\n\n",
    );
    for decl in [
        declaration::<AppInfo>(&cfg),
        declaration::<ErrorReport>(&cfg),
        declaration::<FieldError>(&cfg),
        declaration::<Practice>(&cfg),
        declaration::<PracticeDraft>(&cfg),
        declaration::<Patient>(&cfg),
        declaration::<PatientDraft>(&cfg),
        declaration::<PatientSummary>(&cfg),
        declaration::<Phone>(&cfg),
        declaration::<PhoneKind>(&cfg),
        declaration::<PostalAddress>(&cfg),
        declaration::<EmergencyContact>(&cfg),
        declaration::<SexAtBirth>(&cfg),
        declaration::<PatientStatus>(&cfg),
        declaration::<SearchRequest>(&cfg),
        declaration::<SearchPage>(&cfg),
        declaration::<SearchHit>(&cfg),
        declaration::<MatchKind>(&cfg),
        declaration::<RegisterOutcome>(&cfg),
        declaration::<DuplicateCandidate>(&cfg),
        declaration::<DuplicateReason>(&cfg),
        declaration::<Role>(&cfg),
        declaration::<Operation>(&cfg),
        declaration::<Actor>(&cfg),
        declaration::<User>(&cfg),
        declaration::<UserDraft>(&cfg),
        declaration::<AuditEntry>(&cfg),
        declaration::<AuditPage>(&cfg),
        declaration::<AuditQuery>(&cfg),
        declaration::<AuditSort>(&cfg),
        declaration::<Outcome>(&cfg),
        declaration::<ChainCheck>(&cfg),
        declaration::<Phase>(&cfg),
        declaration::<SessionView>(&cfg),
        declaration::<SetupRequest>(&cfg),
        declaration::<Startup>(&cfg),
        declaration::<BackupReport>(&cfg),
        declaration::<RestoreReport>(&cfg),
        declaration::<ListedBackup>(&cfg),
        declaration::<BackupCheck>(&cfg),
        declaration::<BackupStatus>(&cfg),
        declaration::<BackupResult>(&cfg),
        declaration::<BackupKind>(&cfg),
        declaration::<BackupPhase>(&cfg),
    ] {
        out.push_str(&decl);
    }
    out.push_str("export type PatientId = string;\nexport type UserId = string;\n");
    out
}

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/bindings.ts");
    let fresh = generated();
    if std::env::var_os("CHARTA_WRITE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/api/bindings.ts is stale; run CHARTA_WRITE_BINDINGS=1 cargo test -p charta-core --test ts_bindings"
    );
}
