//! The UI's TypeScript types, its list of error codes and its permission table are generated
//! from Rust; these tests fail when the committed `ui/src/api/bindings.ts` or
//! `ui/src/api/permissions.ts` is stale. Refresh both with
//! `CHARTA_WRITE_BINDINGS=1 cargo test -p charta-core --test ts_bindings`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::access::Actor;
use charta_core::allergens::{AllergenCategory, AllergenHit};
use charta_core::app::{AppInfo, Phase};
use charta_core::audit::actions::{self as audit_actions, AuditAction};
use charta_core::audit::{AuditEntry, AuditPage, AuditQuery, AuditSort, ChainCheck, Outcome};
use charta_core::backup::{
    BackupCheck, BackupKind, BackupPhase, BackupReport, BackupResult, BackupStatus, ListedBackup,
    RestoreReport,
};
use charta_core::chart::allergies::{
    Allergy, AllergyBadge, AllergyChange, AllergyDraft, AllergyKind, AllergyList, AllergySnapshot,
    AllergyState, AllergyStatement, AllergyStatus, AllergyVersion, BadgeSubstance, Criticality,
    Severity,
};
use charta_core::chart::common::{ErrorMark, VisitType};
use charta_core::chart::diagnoses::{DiagnosisChoice, VisitDiagnosis};
use charta_core::chart::histories::{
    EntryMeta, FamilyEntry, FamilyHistoryDraft, Histories, HistoryTable, HistoryVersions,
    SocialEntry, SocialHistoryDraft, SocialKind, SurgicalEntry, SurgicalHistoryDraft,
};
use charta_core::chart::outside_visits;
use charta_core::chart::phrases::{
    BuiltinPhrase, Expansion, PhraseBook, PhraseDraft, PhraseOwner, SmartPhrase,
};
use charta_core::chart::problems::{
    Problem, ProblemChange, ProblemDraft, ProblemFromDiagnosis, ProblemLink, ProblemStatus,
    ProblemVersion, ProblemVisit,
};
use charta_core::chart::search::{ChartHit, ChartHitKind, ChartSearchPage};
use charta_core::chart::summary::{
    ChartSummary, SummaryAllergy, SummaryDiagnosis, SummaryFamilyEntry, SummaryHistories,
    SummaryOutsideVisit, SummaryProblem, SummarySocialEntry, SummarySurgicalEntry, SummaryVisit,
    SummaryVital, Trend, VitalKind, VitalValue,
};
use charta_core::chart::templates::{NoteTemplate, TemplateDraft};
use charta_core::chart::visits;
use charta_core::chart::vitals::{
    AgeBand, BmiHeight, BpPosition, HeightUnit, LengthUnit, Reading, TemperatureUnit, VitalFlag,
    VitalsInput, VitalsSet, WeightUnit,
};
use charta_core::error::{ErrorCode, ErrorReport, FieldError};
use charta_core::icd10::{DiagnosisHit, MatchedBy};
use charta_core::patient::*;
use charta_core::permissions::{self, Operation, OperationRule, PermissionTable, Role, RoleEntry};
use charta_core::practice::{Practice, PracticeDraft};
use charta_core::schedule::recurrence::{PlannedOccurrence, SeriesBooking};
use charta_core::schedule::setup::{
    AppointmentTypeDraft, AvailabilityDraft, BlockDraft, BlockResult, ProviderCandidate, RoomDraft,
};
use charta_core::schedule::{
    Appointment, AppointmentChange, AppointmentDraft, AppointmentHistoryEntry, AppointmentStatus,
    AppointmentType, AvailabilityInterval, AvailabilityTemplate, Block, BlockKind, CancelKind,
    Collision, CollisionKind, FlowBoard, FlowRow, FreeSlot, Frequency, PatientAppointments,
    ProviderHours, RecurrenceEnd, RecurrenceRule, Room, ScheduleProvider, ScheduleRange,
    ScheduleSetup, SeriesScope, SlotQuery, Span, TimeOfDay, WaitListDraft, WaitListEntry,
    WeekdayHours,
};
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
        declaration::<ErrorCode>(&cfg),
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
        declaration::<RoleEntry>(&cfg),
        declaration::<OperationRule>(&cfg),
        declaration::<PermissionTable>(&cfg),
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
        declaration::<DiagnosisHit>(&cfg),
        declaration::<MatchedBy>(&cfg),
        declaration::<VisitType>(&cfg),
        declaration::<ErrorMark>(&cfg),
        declaration::<NoteTemplate>(&cfg),
        declaration::<AllergyState>(&cfg),
        declaration::<AuditAction>(&cfg),
        declaration::<visits::VisitDraft>(&cfg),
        declaration::<visits::SoapNote>(&cfg),
        declaration::<visits::Signature>(&cfg),
        declaration::<visits::Amendment>(&cfg),
        declaration::<visits::Visit>(&cfg),
        declaration::<visits::VisitSummary>(&cfg),
        declaration::<visits::DraftSaved>(&cfg),
        declaration::<visits::QueueItem>(&cfg),
        declaration::<outside_visits::VisitClass>(&cfg),
        declaration::<outside_visits::OutsideDiagnosis>(&cfg),
        declaration::<outside_visits::OutsideVisit>(&cfg),
        declaration::<visits::AvsDiagnosis>(&cfg),
        declaration::<visits::AvsVitals>(&cfg),
        declaration::<visits::AvsAllergy>(&cfg),
        declaration::<visits::AfterVisitSummary>(&cfg),
        declaration::<visits::Provider>(&cfg),
        declaration::<TemplateDraft>(&cfg),
        declaration::<PhraseDraft>(&cfg),
        declaration::<PhraseOwner>(&cfg),
        declaration::<SmartPhrase>(&cfg),
        declaration::<BuiltinPhrase>(&cfg),
        declaration::<PhraseBook>(&cfg),
        declaration::<Expansion>(&cfg),
        declaration::<DiagnosisChoice>(&cfg),
        declaration::<VisitDiagnosis>(&cfg),
        declaration::<ProblemStatus>(&cfg),
        declaration::<ProblemDraft>(&cfg),
        declaration::<ProblemVisit>(&cfg),
        declaration::<Problem>(&cfg),
        declaration::<ProblemChange>(&cfg),
        declaration::<ProblemVersion>(&cfg),
        declaration::<ProblemLink>(&cfg),
        declaration::<ProblemFromDiagnosis>(&cfg),
        declaration::<AllergenHit>(&cfg),
        declaration::<AllergenCategory>(&cfg),
        declaration::<AllergyBadge>(&cfg),
        declaration::<BadgeSubstance>(&cfg),
        declaration::<AllergyKind>(&cfg),
        declaration::<Severity>(&cfg),
        declaration::<Criticality>(&cfg),
        declaration::<AllergyStatus>(&cfg),
        declaration::<AllergyDraft>(&cfg),
        declaration::<AllergySnapshot>(&cfg),
        declaration::<Allergy>(&cfg),
        declaration::<AllergyChange>(&cfg),
        declaration::<AllergyVersion>(&cfg),
        declaration::<AllergyStatement>(&cfg),
        declaration::<AllergyList>(&cfg),
        declaration::<HistoryTable>(&cfg),
        declaration::<SocialKind>(&cfg),
        declaration::<SocialHistoryDraft>(&cfg),
        declaration::<EntryMeta>(&cfg),
        declaration::<SocialEntry>(&cfg),
        declaration::<FamilyHistoryDraft>(&cfg),
        declaration::<FamilyEntry>(&cfg),
        declaration::<SurgicalHistoryDraft>(&cfg),
        declaration::<SurgicalEntry>(&cfg),
        declaration::<Histories>(&cfg),
        declaration::<HistoryVersions>(&cfg),
        declaration::<BpPosition>(&cfg),
        declaration::<TemperatureUnit>(&cfg),
        declaration::<HeightUnit>(&cfg),
        declaration::<WeightUnit>(&cfg),
        declaration::<LengthUnit>(&cfg),
        declaration::<VitalsInput>(&cfg),
        declaration::<VitalFlag>(&cfg),
        declaration::<AgeBand>(&cfg),
        declaration::<Reading>(&cfg),
        declaration::<BmiHeight>(&cfg),
        declaration::<VitalsSet>(&cfg),
        declaration::<ChartSummary>(&cfg),
        declaration::<SummaryAllergy>(&cfg),
        declaration::<SummaryProblem>(&cfg),
        declaration::<SummaryDiagnosis>(&cfg),
        declaration::<VitalKind>(&cfg),
        declaration::<Trend>(&cfg),
        declaration::<VitalValue>(&cfg),
        declaration::<SummaryVital>(&cfg),
        declaration::<SummarySocialEntry>(&cfg),
        declaration::<SummaryFamilyEntry>(&cfg),
        declaration::<SummarySurgicalEntry>(&cfg),
        declaration::<SummaryHistories>(&cfg),
        declaration::<SummaryVisit>(&cfg),
        declaration::<SummaryOutsideVisit>(&cfg),
        declaration::<ChartHitKind>(&cfg),
        declaration::<ChartHit>(&cfg),
        declaration::<ChartSearchPage>(&cfg),
        declaration::<AppointmentStatus>(&cfg),
        declaration::<CancelKind>(&cfg),
        declaration::<Appointment>(&cfg),
        declaration::<AppointmentDraft>(&cfg),
        declaration::<AppointmentChange>(&cfg),
        declaration::<CollisionKind>(&cfg),
        declaration::<Collision>(&cfg),
        declaration::<SeriesScope>(&cfg),
        declaration::<Frequency>(&cfg),
        declaration::<RecurrenceEnd>(&cfg),
        declaration::<RecurrenceRule>(&cfg),
        declaration::<TimeOfDay>(&cfg),
        declaration::<Span>(&cfg),
        declaration::<ScheduleProvider>(&cfg),
        declaration::<AppointmentType>(&cfg),
        declaration::<Room>(&cfg),
        declaration::<WeekdayHours>(&cfg),
        declaration::<AvailabilityInterval>(&cfg),
        declaration::<AvailabilityTemplate>(&cfg),
        declaration::<BlockKind>(&cfg),
        declaration::<Block>(&cfg),
        declaration::<ScheduleSetup>(&cfg),
        declaration::<ProviderHours>(&cfg),
        declaration::<ScheduleRange>(&cfg),
        declaration::<AppointmentHistoryEntry>(&cfg),
        declaration::<FlowRow>(&cfg),
        declaration::<FlowBoard>(&cfg),
        declaration::<PatientAppointments>(&cfg),
        declaration::<SlotQuery>(&cfg),
        declaration::<FreeSlot>(&cfg),
        declaration::<WaitListEntry>(&cfg),
        declaration::<WaitListDraft>(&cfg),
        declaration::<PlannedOccurrence>(&cfg),
        declaration::<SeriesBooking>(&cfg),
        declaration::<ProviderCandidate>(&cfg),
        declaration::<AvailabilityDraft>(&cfg),
        declaration::<BlockDraft>(&cfg),
        declaration::<BlockResult>(&cfg),
        declaration::<AppointmentTypeDraft>(&cfg),
        declaration::<RoomDraft>(&cfg),
        declaration::<charta_core::schedule::call_list::CallListRow>(&cfg),
        // Medications (issue 9)
        declaration::<charta_core::medications::Route>(&cfg),
        declaration::<charta_core::medications::ControlledSchedule>(&cfg),
        declaration::<charta_core::medications::Ingredient>(&cfg),
        declaration::<charta_core::medications::ProductSource>(&cfg),
        declaration::<charta_core::medications::Product>(&cfg),
        declaration::<charta_core::medications::DoseLimit>(&cfg),
        declaration::<charta_core::medications::SigFrequency>(&cfg),
        declaration::<charta_core::medications::Sig>(&cfg),
        declaration::<charta_core::medications::PrescriptionDraft>(&cfg),
        declaration::<charta_core::medications::ReportedMedicationDraft>(&cfg),
        declaration::<charta_core::medications::MedicationOrigin>(&cfg),
        declaration::<charta_core::medications::MedicationStatus>(&cfg),
        declaration::<charta_core::medications::Medication>(&cfg),
        declaration::<charta_core::medications::MedicationList>(&cfg),
        declaration::<charta_core::medications::AlertKind>(&cfg),
        declaration::<charta_core::medications::AlertSeverity>(&cfg),
        declaration::<charta_core::medications::SafetyAlert>(&cfg),
        declaration::<charta_core::medications::SafetyCheck>(&cfg),
        declaration::<charta_core::medications::AlertOverride>(&cfg),
        declaration::<charta_core::medications::ReconciliationAction>(&cfg),
        declaration::<charta_core::medications::ReconciliationItem>(&cfg),
        declaration::<charta_core::medications::ReconciliationSummary>(&cfg),
        declaration::<charta_core::medications::Favourite>(&cfg),
        declaration::<charta_core::medications::FavouriteDraft>(&cfg),
        declaration::<charta_core::medications::MedicationHistoryEntry>(&cfg),
        declaration::<charta_core::medications::formulary::DrugHit>(&cfg),
        declaration::<charta_core::medications::prescriptions::SignedPrescription>(&cfg),
        declaration::<charta_core::medications::prescriptions::QueuedPrescription>(&cfg),
        declaration::<charta_core::medications::rxnorm::DrugImportReport>(&cfg),
        declaration::<charta_core::fhir::TypeCount>(&cfg),
        declaration::<charta_core::fhir::PracticeExport>(&cfg),
        declaration::<charta_core::fhir::ExportProgress>(&cfg),
        declaration::<charta_core::fhir::import::ImportIssue>(&cfg),
        declaration::<charta_core::fhir::import::ChartOutcome>(&cfg),
        declaration::<charta_core::fhir::import::Tally>(&cfg),
        declaration::<charta_core::fhir::import::ChartReport>(&cfg),
        declaration::<charta_core::fhir::import::ImportReport>(&cfg),
        declaration::<charta_core::fhir::import::ImportProgress>(&cfg),
        declaration::<charta_core::csv_import::PatientColumn>(&cfg),
        declaration::<charta_core::csv_import::DateFormat>(&cfg),
        declaration::<charta_core::csv_import::CsvOptions>(&cfg),
        declaration::<charta_core::csv_import::CellError>(&cfg),
        declaration::<charta_core::csv_import::RowOutcome>(&cfg),
        declaration::<charta_core::csv_import::CsvRow>(&cfg),
        declaration::<charta_core::csv_import::CsvImportReport>(&cfg),
        declaration::<charta_core::csv_import::AppointmentColumn>(&cfg),
        declaration::<charta_core::csv_import::CsvAppointmentOptions>(&cfg),
        declaration::<charta_core::csv_import::AppointmentRowOutcome>(&cfg),
        declaration::<charta_core::csv_import::CsvAppointmentRow>(&cfg),
        declaration::<charta_core::csv_import::CsvAppointmentReport>(&cfg),
        declaration::<charta_core::medications::print::PrescriptionPrint>(&cfg),
        declaration::<charta_core::medications::print::MedicationListPrint>(&cfg),
        declaration::<charta_core::medications::print::PrintedCopy>(&cfg),
        declaration::<charta_core::medications::sig::SigPreview>(&cfg),
        // Issue 10: the check-up (foundation; each area appends its own block below).
        declaration::<charta_core::labs::ReportSource>(&cfg),
        declaration::<charta_core::labs::ResultStatus>(&cfg),
        declaration::<charta_core::labs::LabFlag>(&cfg),
        declaration::<charta_core::labs::LabValue>(&cfg),
        declaration::<charta_core::labs::catalogue::LabUnit>(&cfg),
        declaration::<charta_core::labs::catalogue::ReferenceRange>(&cfg),
        declaration::<charta_core::labs::catalogue::LabTest>(&cfg),
        declaration::<charta_core::labs::catalogue::LabPanel>(&cfg),
        declaration::<charta_core::labs::ops::TrendPoint>(&cfg),
        declaration::<charta_core::labs::ops::LabTrend>(&cfg),
        declaration::<charta_core::results::Hl7ImportOutcome>(&cfg),
        declaration::<charta_core::immunizations::ImmunizationKind>(&cfg),
        declaration::<charta_core::immunizations::ForecastStatus>(&cfg),
        declaration::<charta_core::immunizations::SeriesForecast>(&cfg),
        declaration::<charta_core::immunizations::ImmunizationForecast>(&cfg),
        declaration::<charta_core::growth::GrowthMeasure>(&cfg),
        declaration::<charta_core::growth::GrowthPoint>(&cfg),
        declaration::<charta_core::growth::GrowthChart>(&cfg),
        declaration::<charta_core::reminders::ReminderStatus>(&cfg),
        declaration::<charta_core::reminders::Reminder>(&cfg),
        declaration::<charta_core::reminders::RegistryRow>(&cfg),
        declaration::<charta_core::reports::ReportKind>(&cfg),
        declaration::<charta_core::reports::PracticeReport>(&cfg),
        // Immunizations (issue 10)
        declaration::<charta_core::immunizations::ImmunizationDraft>(&cfg),
        declaration::<charta_core::immunizations::Immunization>(&cfg),
        declaration::<charta_core::immunizations::VaccineHit>(&cfg),
        // Preventive-care reminders
        declaration::<charta_core::reminders::ScreeningProcedureKind>(&cfg),
        declaration::<charta_core::reminders::DecisionKind>(&cfg),
        declaration::<charta_core::reminders::ReminderDecision>(&cfg),
        declaration::<charta_core::reminders::ReminderDecisionDraft>(&cfg),
        declaration::<charta_core::reminders::ProcedurePlace>(&cfg),
        declaration::<charta_core::reminders::ScreeningProcedureDraft>(&cfg),
        // Growth charts
        declaration::<charta_core::growth::GrowthReference>(&cfg),
        declaration::<charta_core::growth::GrowthCurve>(&cfg),
        // Messages and tasks inside the practice.
        declaration::<charta_core::messages::MessageKind>(&cfg),
        declaration::<charta_core::messages::Priority>(&cfg),
        declaration::<charta_core::messages::MessageStatus>(&cfg),
        declaration::<charta_core::messages::Recipient>(&cfg),
        declaration::<charta_core::messages::MessageDraft>(&cfg),
        declaration::<charta_core::messages::MessagePatient>(&cfg),
        declaration::<charta_core::messages::Message>(&cfg),
        declaration::<charta_core::messages::InboxThread>(&cfg),
        declaration::<charta_core::messages::InboxFilter>(&cfg),
        declaration::<charta_core::messages::Inbox>(&cfg),
        declaration::<charta_core::messages::InboxCounts>(&cfg),
        declaration::<charta_core::messages::StatusChange>(&cfg),
        declaration::<charta_core::messages::MessageThread>(&cfg),
        declaration::<charta_core::messages::RecipientChoice>(&cfg),
        // Documents in the chart.
        declaration::<charta_core::documents::DocumentCategory>(&cfg),
        declaration::<charta_core::documents::MediaType>(&cfg),
        declaration::<charta_core::documents::DocumentTask>(&cfg),
        declaration::<charta_core::documents::DocumentDraft>(&cfg),
        declaration::<charta_core::documents::Document>(&cfg),
        declaration::<charta_core::documents::CategoryChoice>(&cfg),
        // Letters and referrals.
        declaration::<charta_core::letters::LetterKind>(&cfg),
        declaration::<charta_core::letters::LetterTemplate>(&cfg),
        declaration::<charta_core::letters::LetterTemplateDraft>(&cfg),
        declaration::<charta_core::letters::LetterField>(&cfg),
        declaration::<charta_core::letters::LetterRequest>(&cfg),
        declaration::<charta_core::letters::LetterText>(&cfg),
        declaration::<charta_core::letters::ReferralDraft>(&cfg),
        declaration::<charta_core::letters::LetterToSign>(&cfg),
        declaration::<charta_core::letters::Letter>(&cfg),
        declaration::<charta_core::letters::ReferralStatus>(&cfg),
        declaration::<charta_core::letters::ReferralChange>(&cfg),
        declaration::<charta_core::letters::Referral>(&cfg),
        declaration::<charta_core::letters::ReferralUpdate>(&cfg),
        // Results: result files and the results inbox (results helper).
        declaration::<charta_core::results::WorstFlag>(&cfg),
        declaration::<charta_core::results::LabReportPatient>(&cfg),
        declaration::<charta_core::results::ResultLine>(&cfg),
        declaration::<charta_core::results::Review>(&cfg),
        declaration::<charta_core::results::LetterRecord>(&cfg),
        declaration::<charta_core::results::InboxItem>(&cfg),
        declaration::<charta_core::results::ResultsInbox>(&cfg),
        declaration::<charta_core::results::ResultFileRow>(&cfg),
        declaration::<charta_core::results::ResultFiles>(&cfg),
        declaration::<charta_core::results::FileObservation>(&cfg),
        declaration::<charta_core::results::FileOrder>(&cfg),
        declaration::<charta_core::results::HeldResultFile>(&cfg),
        declaration::<charta_core::results::PhysicianChoice>(&cfg),
        declaration::<charta_core::results::LetterLine>(&cfg),
        declaration::<charta_core::results::ResultsLetter>(&cfg),
        declaration::<charta_core::results::FolderRun>(&cfg),
        // Labs (issue 10)
        declaration::<charta_core::labs::ReportFlag>(&cfg),
        declaration::<charta_core::labs::LabResult>(&cfg),
        declaration::<charta_core::labs::LabReport>(&cfg),
        declaration::<charta_core::labs::LabResultDraft>(&cfg),
        declaration::<charta_core::labs::LabReportDraft>(&cfg),
        declaration::<charta_core::labs::LabCorrectionDraft>(&cfg),
        declaration::<charta_core::labs::LabTableCell>(&cfg),
        declaration::<charta_core::labs::LabTableRow>(&cfg),
        declaration::<charta_core::labs::LabResultsTable>(&cfg),
        declaration::<charta_core::labs::catalogue::CatalogueHitKind>(&cfg),
        declaration::<charta_core::labs::catalogue::CatalogueHit>(&cfg),
        declaration::<charta_core::labs::ops::LabCatalogue>(&cfg),
        declaration::<charta_core::labs::ops::LabPhysician>(&cfg),
        // Practice reports (reports helper)
        declaration::<charta_core::reports::ReportListing>(&cfg),
        declaration::<charta_core::reports::ChartStyle>(&cfg),
        declaration::<charta_core::reports::ChartSeries>(&cfg),
        declaration::<charta_core::reports::ReportChart>(&cfg),
        declaration::<charta_core::reports::ReportTable>(&cfg),
        declaration::<charta_core::reports::ReportPatient>(&cfg),
    ] {
        out.push_str(&decl);
    }
    out.push_str("export type PatientId = string;\nexport type UserId = string;\n");
    for id in [
        "VisitId",
        "AmendmentId",
        "OutsideVisitId",
        "OutsideDiagnosisId",
        "TemplateId",
        "PhraseId",
        "DiagnosisId",
        "ProblemId",
        "AllergyId",
        "AllergyStatementId",
        "VitalsId",
        "HistoryEntryId",
        "AppointmentId",
        "SeriesId",
        "MedicationId",
        "FavouriteId",
        "DrugImportId",
        "ReconciliationId",
        "PrintId",
        "AppointmentTypeId",
        "RoomId",
        "BlockId",
        "AvailabilityId",
        "WaitListId",
        "LabReportId",
        "LabResultId",
        "Hl7ImportId",
        "ImmunizationId",
        // Preventive-care reminders
        "ReminderDecisionId",
        "ScreeningProcedureId",
        "ResultsLetterId",
        "MessageId",
        "DocumentId",
        "LetterTemplateId",
        "LetterId",
        "ReferralId",
    ] {
        out.push_str(&format!("export type {id} = string;\n"));
    }
    out.push_str(&format!(
        "\n/** Every audit action with its label, in the report filter's order. */\n\
         export const AUDIT_ACTIONS: readonly AuditAction[] = {};\n",
        serde_json::to_string(&audit_actions::all()).unwrap()
    ));
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    out.push_str(&format!(
        "\n/** Every code an error can arrive with, for checking a report at run time. */\n\
         export const ERROR_CODES: readonly ErrorCode[] = {};\n",
        serde_json::to_string(&codes).unwrap()
    ));
    out
}

fn permissions_module() -> String {
    format!(
        "// Generated from charta-core's permission table (src-tauri/core/src/permissions.rs) by\n\
         // tests/ts_bindings.rs. Do not edit. The core checks every operation itself; the UI\n\
         // uses this only to hide what a role will never be allowed.\n\
         import type {{ PermissionTable }} from './bindings';\n\n\
         export const PERMISSION_TABLE: PermissionTable = {};\n",
        serde_json::to_string_pretty(&permissions::table()).unwrap()
    )
}

/// Writes `fresh` when asked to, then fails unless the committed file equals it.
fn check_committed(relative: &str, fresh: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("CHARTA_WRITE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{relative} is stale; run CHARTA_WRITE_BINDINGS=1 cargo test -p charta-core --test ts_bindings"
    );
}

#[test]
fn committed_typescript_bindings_match_the_rust_types() {
    check_committed("../../ui/src/api/bindings.ts", &generated());
}

#[test]
fn the_committed_ui_permission_table_is_the_core_table() {
    check_committed("../../ui/src/api/permissions.ts", &permissions_module());
}

#[test]
fn the_list_of_error_codes_is_every_code_of_the_generated_union() {
    // The union comes from the enum itself, the list from `ErrorCode::ALL`: equal sets mean
    // no variant was left out of the list the UI checks reports against.
    let decl = ErrorCode::decl(&Config::new());
    let mut union: Vec<String> = decl
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    let mut listed: Vec<String> = ErrorCode::ALL.iter().map(|c| c.to_string()).collect();
    union.sort();
    listed.sort();
    assert_eq!(listed, union, "{decl}");
    assert!(union.contains(&"wrong_key".to_string()));
}
