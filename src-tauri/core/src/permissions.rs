//! The one permission table: which role may perform which operation. Every checked operation
//! in `charta-core` asks [`allows`]; the README's permission section is rendered from this table
//! and a test keeps the two equal.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    Physician,
    /// Nurse or medical assistant.
    Nurse,
    FrontDesk,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Physician, Role::Nurse, Role::FrontDesk, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Physician => "physician",
            Role::Nurse => "nurse",
            Role::FrontDesk => "frontDesk",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// As a person would say it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Physician => "physician",
            Role::Nurse => "nurse/MA",
            Role::FrontDesk => "front desk",
            Role::Admin => "practice admin",
        }
    }
}

/// Everything a user can ask Charta to do that needs permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Operation {
    EditPracticeSettings,
    SearchPatients,
    ViewDemographics,
    RegisterPatient,
    EditDemographics,
    /// Mark or unmark a chart as restricted.
    RestrictChart,
    /// Notes, problems, medications, allergies, results.
    ViewClinical,
    /// Draft notes, record vitals, allergies and histories.
    EditClinical,
    /// Sign a visit note (and co-sign a nurse's draft): locks it for good.
    SignNote,
    /// Visit diagnoses and the problem list.
    EditDiagnoses,
    /// The practice's note templates and practice-wide smart phrases.
    EditTemplates,
    /// Open a restricted chart, giving a reason; flagged for the administrator.
    EmergencyAccess,
    /// The calendar, the flow board and a patient's appointments.
    ViewSchedule,
    /// Book, move, resize, cancel and overbook appointments (with a reason); the wait list.
    BookAppointments,
    /// Check-in and the flow: confirmed, arrived, in room, with provider, checked out, no-show.
    UpdateAppointmentStatus,
    /// Providers, practice hours, availability templates, appointment types and rooms.
    EditScheduleSetup,
    /// Block time (leave, holidays, closures, meetings) or lift a block.
    BlockTime,
    /// Write a prescription draft or a renewal draft for a prescriber's queue.
    DraftPrescriptions,
    /// Sign, change or stop a prescription (a physician with an NPI).
    SignPrescriptions,
    /// The practice's favourite prescriptions.
    EditFavourites,
    /// Import RxNorm release files into the drug catalogue.
    ImportDrugCatalogue,
    /// Review a lab report in the results inbox, sign it off and notify the patient.
    SignOffResults,
    /// Import HL7 result files (a picked file or the watched folder) and match held ones.
    ImportResults,
    /// Practice reports with clinical values: reminders due, diabetes and blood-pressure
    /// control, immunization coverage.
    ViewClinicalReports,
    /// Operational reports: visits per provider per month, no-show rate.
    ViewOperationalReports,
    /// Messages, tasks, phone notes and refill requests between the people of the practice.
    SendMessages,
    /// Scan or import a document (PDF or image) into a chart; mark one entered in error.
    FileDocuments,
    /// Write and sign letters (referrals, work or school notes, results letters) from the
    /// practice's templates, and mark one entered in error.
    WriteLetters,
    ManageUsers,
    ViewAuditLog,
    ExportAuditLog,
    BackUp,
    Restore,
    /// Take every chart out as FHIR R4 (the practice's electronic health information, or one
    /// patient's): the whole record, so the practice's system administrator alone, audited.
    ExportRecords,
    /// Bring charts in from another system's FHIR R4 files, after a dry run: it registers
    /// patients and files their records in bulk, so the administrator alone, audited.
    ImportRecords,
}

impl Operation {
    pub const ALL: [Operation; 35] = [
        Operation::EditPracticeSettings,
        Operation::SearchPatients,
        Operation::ViewDemographics,
        Operation::RegisterPatient,
        Operation::EditDemographics,
        Operation::RestrictChart,
        Operation::ViewClinical,
        Operation::EditClinical,
        Operation::SignNote,
        Operation::EditDiagnoses,
        Operation::EditTemplates,
        Operation::EmergencyAccess,
        Operation::ViewSchedule,
        Operation::BookAppointments,
        Operation::UpdateAppointmentStatus,
        Operation::EditScheduleSetup,
        Operation::BlockTime,
        Operation::DraftPrescriptions,
        Operation::SignPrescriptions,
        Operation::EditFavourites,
        Operation::ImportDrugCatalogue,
        Operation::SignOffResults,
        Operation::ImportResults,
        Operation::ViewClinicalReports,
        Operation::ViewOperationalReports,
        Operation::SendMessages,
        Operation::FileDocuments,
        Operation::WriteLetters,
        Operation::ManageUsers,
        Operation::ViewAuditLog,
        Operation::ExportAuditLog,
        Operation::BackUp,
        Operation::Restore,
        Operation::ExportRecords,
        Operation::ImportRecords,
    ];

    /// What it is called in the audit log and the permission table.
    pub fn name(self) -> &'static str {
        match self {
            Operation::EditPracticeSettings => "edit practice settings",
            Operation::SearchPatients => "search patients",
            Operation::ViewDemographics => "view demographics",
            Operation::RegisterPatient => "register patient",
            Operation::EditDemographics => "edit demographics",
            Operation::RestrictChart => "restrict chart",
            Operation::ViewClinical => "view clinical record",
            Operation::EditClinical => "edit clinical record",
            Operation::SignNote => "sign visit note",
            Operation::EditDiagnoses => "edit diagnoses and problems",
            Operation::EditTemplates => "edit note templates",
            Operation::EmergencyAccess => "emergency access",
            Operation::ViewSchedule => "view schedule",
            Operation::BookAppointments => "book appointments",
            Operation::UpdateAppointmentStatus => "check in and update visit flow",
            Operation::EditScheduleSetup => "edit schedule set-up",
            Operation::BlockTime => "block time",
            Operation::DraftPrescriptions => "draft prescriptions and renewals",
            Operation::SignPrescriptions => "sign, change or stop prescriptions",
            Operation::EditFavourites => "edit favourite prescriptions",
            Operation::ImportDrugCatalogue => "import the RxNorm drug catalogue",
            Operation::SignOffResults => "sign off results and notify patients",
            Operation::ImportResults => "import and match lab result files",
            Operation::ViewClinicalReports => "view clinical practice reports",
            Operation::ViewOperationalReports => "view operational practice reports",
            Operation::SendMessages => "send and read practice messages and tasks",
            Operation::FileDocuments => "file scanned documents in a chart",
            Operation::WriteLetters => "write and sign letters and referrals",
            Operation::ManageUsers => "manage users",
            Operation::ViewAuditLog => "view audit log",
            Operation::ExportAuditLog => "export audit log",
            Operation::BackUp => "back up",
            Operation::Restore => "restore backup",
            Operation::ExportRecords => "export health records (FHIR)",
            Operation::ImportRecords => "import health records (FHIR)",
        }
    }

    /// Operations on one patient's data, which a restricted chart guards.
    pub fn touches_patient(self) -> bool {
        matches!(
            self,
            Operation::ViewDemographics
                | Operation::EditDemographics
                | Operation::ViewClinical
                | Operation::EditClinical
                | Operation::SignNote
                | Operation::EditDiagnoses
                | Operation::DraftPrescriptions
                | Operation::SignPrescriptions
                | Operation::SignOffResults
        )
    }
}

/// The table. Exhaustive on purpose: a new operation or role does not compile until it has
/// a rule here.
pub fn allows(role: Role, operation: Operation) -> bool {
    use Operation::*;
    match role {
        Role::Physician => match operation {
            SearchPatients
            | ViewDemographics
            | RegisterPatient
            | EditDemographics
            | RestrictChart
            | ViewClinical
            | EditClinical
            | SignNote
            | EditDiagnoses
            | EditTemplates
            | EmergencyAccess
            | ViewSchedule
            | BookAppointments
            | UpdateAppointmentStatus
            | DraftPrescriptions
            | SignPrescriptions
            | EditFavourites
            | SignOffResults
            | ImportResults
            | ViewClinicalReports
            | ViewOperationalReports
            | SendMessages
            | FileDocuments
            | WriteLetters => true,
            EditPracticeSettings | ManageUsers | ViewAuditLog | ExportAuditLog | BackUp
            | Restore | EditScheduleSetup | BlockTime | ImportDrugCatalogue | ExportRecords
            | ImportRecords => false,
        },
        Role::Nurse => match operation {
            SearchPatients
            | ViewDemographics
            | RegisterPatient
            | EditDemographics
            | ViewClinical
            | EditClinical
            | EmergencyAccess
            | ViewSchedule
            | BookAppointments
            | UpdateAppointmentStatus
            | DraftPrescriptions
            | ImportResults
            | ViewClinicalReports
            | ViewOperationalReports
            | SendMessages
            | FileDocuments => true,
            // A nurse drafts; only a physician signs, diagnoses, prescribes, signs off results
            // or edits the templates.
            SignNote | EditDiagnoses | EditTemplates | SignPrescriptions | EditFavourites
            | SignOffResults | WriteLetters => false,
            RestrictChart | EditPracticeSettings | ManageUsers | ViewAuditLog | ExportAuditLog
            | BackUp | Restore | EditScheduleSetup | BlockTime | ImportDrugCatalogue
            | ExportRecords | ImportRecords => false,
        },
        // Demographics and scheduling only: never notes, diagnoses or medications.
        Role::FrontDesk => match operation {
            SearchPatients
            | ViewDemographics
            | RegisterPatient
            | EditDemographics
            | ViewSchedule
            | BookAppointments
            | UpdateAppointmentStatus
            | BlockTime
            | ViewOperationalReports
            | SendMessages
            | FileDocuments => true,
            RestrictChart | ViewClinical | EditClinical | SignNote | EditDiagnoses
            | EditTemplates | EmergencyAccess | EditPracticeSettings | ManageUsers
            | ViewAuditLog | ExportAuditLog | BackUp | Restore | EditScheduleSetup
            | DraftPrescriptions | SignPrescriptions | EditFavourites | ImportDrugCatalogue
            | SignOffResults | ImportResults | ViewClinicalReports | WriteLetters
            | ExportRecords | ImportRecords => false,
        },
        // Runs the practice's system; sees patients only through the audit report.
        Role::Admin => match operation {
            EditPracticeSettings
            | ManageUsers
            | ViewAuditLog
            | ExportAuditLog
            | BackUp
            | Restore
            | RestrictChart
            | EditTemplates
            | EditScheduleSetup
            | BlockTime
            | ImportDrugCatalogue
            | ViewOperationalReports
            | ExportRecords
            | ImportRecords => true,
            // The set-up, not the bookings: those name patients; messages are about them.
            SearchPatients
            | ViewDemographics
            | RegisterPatient
            | EditDemographics
            | ViewClinical
            | EditClinical
            | SignNote
            | EditDiagnoses
            | EmergencyAccess
            | ViewSchedule
            | BookAppointments
            | UpdateAppointmentStatus
            | DraftPrescriptions
            | SignPrescriptions
            | EditFavourites
            | SignOffResults
            | ImportResults
            | ViewClinicalReports
            | SendMessages
            | FileDocuments
            | WriteLetters => false,
        },
    }
}

/// Whether any of `roles` allows `operation`.
pub fn any_allows(roles: &[Role], operation: Operation) -> bool {
    roles.iter().any(|r| allows(*r, operation))
}

/// The roles that may do `operation`, for a denial that says who can.
pub fn roles_allowed(operation: Operation) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| allows(*r, operation))
        .collect()
}

/// One role as the UI lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoleEntry {
    pub role: Role,
    /// As a person would say it, e.g. "nurse/MA".
    pub label: String,
}

/// One row of the table: an operation and the roles that may do it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OperationRule {
    pub operation: Operation,
    /// What the audit log and the README call it.
    pub name: String,
    pub roles: Vec<Role>,
}

/// The whole table, for the UI: generated into `ui/src/api/permissions.ts` by the bindings
/// test (which fails when the committed file is stale), so the screens a role sees are
/// decided by this very table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PermissionTable {
    /// In the table's column order.
    pub roles: Vec<RoleEntry>,
    pub operations: Vec<OperationRule>,
}

/// The table as data.
pub fn table() -> PermissionTable {
    PermissionTable {
        roles: Role::ALL
            .into_iter()
            .map(|role| RoleEntry {
                role,
                label: role.label().to_string(),
            })
            .collect(),
        operations: Operation::ALL
            .into_iter()
            .map(|operation| OperationRule {
                operation,
                name: operation.name().to_string(),
                roles: roles_allowed(operation),
            })
            .collect(),
    }
}

/// The table as Markdown, for the README.
pub fn render_markdown() -> String {
    let mut out = String::from(
        "Generated from `src-tauri/core/src/permissions.rs` (test \
         `readme_permission_table_matches_the_code`); do not edit by hand. A user may hold several \
         roles and may do what any of them allows. Every operation is checked in \
         `charta-core`, and every denial is written to the audit log.\n\n\
         A restricted chart's demographics and clinical record open only through emergency \
         access (with a reason, for 30 minutes, flagged in the audit report), for roles that \
         are allowed the operation at all.\n\n| operation |",
    );
    for role in Role::ALL {
        out.push_str(&format!(" {} |", role.label()));
    }
    out.push_str("\n|---|");
    for _ in Role::ALL {
        out.push_str(":---:|");
    }
    out.push('\n');
    for op in Operation::ALL {
        out.push_str(&format!("| {} |", op.name()));
        for role in Role::ALL {
            out.push_str(if allows(role, op) {
                " ✅ allow |"
            } else {
                " — deny |"
            });
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table written out by hand, row by row: the test walks every operation × role and
    /// compares, so a changed rule is a visible, reviewed change here too.
    const EXPECTED: &[(Operation, [bool; 4])] = &[
        //                                  physician nurse frontDesk admin
        (Operation::EditPracticeSettings, [false, false, false, true]),
        (Operation::SearchPatients, [true, true, true, false]),
        (Operation::ViewDemographics, [true, true, true, false]),
        (Operation::RegisterPatient, [true, true, true, false]),
        (Operation::EditDemographics, [true, true, true, false]),
        (Operation::RestrictChart, [true, false, false, true]),
        (Operation::ViewClinical, [true, true, false, false]),
        (Operation::EditClinical, [true, true, false, false]),
        (Operation::SignNote, [true, false, false, false]),
        (Operation::EditDiagnoses, [true, false, false, false]),
        (Operation::EditTemplates, [true, false, false, true]),
        (Operation::EmergencyAccess, [true, true, false, false]),
        (Operation::ViewSchedule, [true, true, true, false]),
        (Operation::BookAppointments, [true, true, true, false]),
        (
            Operation::UpdateAppointmentStatus,
            [true, true, true, false],
        ),
        (Operation::EditScheduleSetup, [false, false, false, true]),
        (Operation::BlockTime, [false, false, true, true]),
        (Operation::DraftPrescriptions, [true, true, false, false]),
        (Operation::SignPrescriptions, [true, false, false, false]),
        (Operation::EditFavourites, [true, false, false, false]),
        (Operation::ImportDrugCatalogue, [false, false, false, true]),
        (Operation::SignOffResults, [true, false, false, false]),
        (Operation::ImportResults, [true, true, false, false]),
        (Operation::ViewClinicalReports, [true, true, false, false]),
        (Operation::ViewOperationalReports, [true, true, true, true]),
        (Operation::SendMessages, [true, true, true, false]),
        (Operation::FileDocuments, [true, true, true, false]),
        (Operation::WriteLetters, [true, false, false, false]),
        (Operation::ManageUsers, [false, false, false, true]),
        (Operation::ViewAuditLog, [false, false, false, true]),
        (Operation::ExportAuditLog, [false, false, false, true]),
        (Operation::BackUp, [false, false, false, true]),
        (Operation::Restore, [false, false, false, true]),
        (Operation::ExportRecords, [false, false, false, true]),
        (Operation::ImportRecords, [false, false, false, true]),
    ];

    #[test]
    fn every_operation_and_role_matches_the_written_table() {
        assert_eq!(
            EXPECTED.len(),
            Operation::ALL.len(),
            "an operation has no row in EXPECTED"
        );
        for op in Operation::ALL {
            let row = EXPECTED.iter().find(|(o, _)| *o == op).map(|(_, r)| r);
            let row = row.unwrap_or_else(|| panic!("{op:?} has no row in EXPECTED"));
            for (i, role) in Role::ALL.into_iter().enumerate() {
                assert_eq!(allows(role, op), row[i], "{role:?} × {op:?}");
            }
        }
    }

    #[test]
    fn front_desk_never_reaches_clinical_data() {
        for op in [
            Operation::ViewClinical,
            Operation::EditClinical,
            Operation::SignNote,
            Operation::EditDiagnoses,
            Operation::EmergencyAccess,
            Operation::DraftPrescriptions,
            Operation::SignPrescriptions,
        ] {
            assert!(!allows(Role::FrontDesk, op));
        }
    }

    #[test]
    fn readme_permission_table_matches_the_code() {
        const START: &str = "<!-- permissions:start -->\n";
        const END: &str = "<!-- permissions:end -->";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
            panic!("README.md lacks the {START:?} … {END:?} markers");
        };
        let committed = &readme[start + START.len()..end];
        if committed != render_markdown() && std::env::var_os("CHARTA_WRITE_DOCS").is_some() {
            let fresh = format!(
                "{}{START}{}{}",
                &readme[..start],
                render_markdown(),
                &readme[end..]
            );
            std::fs::write(&path, fresh).unwrap();
            return;
        }
        assert!(
            committed == render_markdown(),
            "README.md's permission table is stale: CHARTA_WRITE_DOCS=1 cargo test -p charta-core readme_permission"
        );
    }
}
