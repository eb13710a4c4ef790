// Generated from charta-core's permission table (src-tauri/core/src/permissions.rs) by
// tests/ts_bindings.rs. Do not edit. The core checks every operation itself; the UI
// uses this only to hide what a role will never be allowed.
import type { PermissionTable } from './bindings';

export const PERMISSION_TABLE: PermissionTable = {
  "roles": [
    {
      "role": "physician",
      "label": "physician"
    },
    {
      "role": "nurse",
      "label": "nurse/MA"
    },
    {
      "role": "frontDesk",
      "label": "front desk"
    },
    {
      "role": "admin",
      "label": "practice admin"
    }
  ],
  "operations": [
    {
      "operation": "editPracticeSettings",
      "name": "edit practice settings",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "searchPatients",
      "name": "search patients",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "viewDemographics",
      "name": "view demographics",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "registerPatient",
      "name": "register patient",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "editDemographics",
      "name": "edit demographics",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "restrictChart",
      "name": "restrict chart",
      "roles": [
        "physician",
        "admin"
      ]
    },
    {
      "operation": "viewClinical",
      "name": "view clinical record",
      "roles": [
        "physician",
        "nurse"
      ]
    },
    {
      "operation": "editClinical",
      "name": "edit clinical record",
      "roles": [
        "physician",
        "nurse"
      ]
    },
    {
      "operation": "signNote",
      "name": "sign visit note",
      "roles": [
        "physician"
      ]
    },
    {
      "operation": "editDiagnoses",
      "name": "edit diagnoses and problems",
      "roles": [
        "physician"
      ]
    },
    {
      "operation": "editTemplates",
      "name": "edit note templates",
      "roles": [
        "physician",
        "admin"
      ]
    },
    {
      "operation": "emergencyAccess",
      "name": "emergency access",
      "roles": [
        "physician",
        "nurse"
      ]
    },
    {
      "operation": "viewSchedule",
      "name": "view schedule",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "bookAppointments",
      "name": "book appointments",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "updateAppointmentStatus",
      "name": "check in and update visit flow",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "editScheduleSetup",
      "name": "edit schedule set-up",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "blockTime",
      "name": "block time",
      "roles": [
        "frontDesk",
        "admin"
      ]
    },
    {
      "operation": "draftPrescriptions",
      "name": "draft prescriptions and renewals",
      "roles": [
        "physician",
        "nurse"
      ]
    },
    {
      "operation": "signPrescriptions",
      "name": "sign, change or stop prescriptions",
      "roles": [
        "physician"
      ]
    },
    {
      "operation": "editFavourites",
      "name": "edit favourite prescriptions",
      "roles": [
        "physician"
      ]
    },
    {
      "operation": "importDrugCatalogue",
      "name": "import the RxNorm drug catalogue",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "signOffResults",
      "name": "sign off results and notify patients",
      "roles": [
        "physician"
      ]
    },
    {
      "operation": "importResults",
      "name": "import and match lab result files",
      "roles": [
        "physician",
        "nurse"
      ]
    },
    {
      "operation": "viewClinicalReports",
      "name": "view clinical practice reports",
      "roles": [
        "physician",
        "nurse"
      ]
    },
    {
      "operation": "viewOperationalReports",
      "name": "view operational practice reports",
      "roles": [
        "physician",
        "nurse",
        "frontDesk",
        "admin"
      ]
    },
    {
      "operation": "sendMessages",
      "name": "send and read practice messages and tasks",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "fileDocuments",
      "name": "file scanned documents in a chart",
      "roles": [
        "physician",
        "nurse",
        "frontDesk"
      ]
    },
    {
      "operation": "writeLetters",
      "name": "write and sign letters and referrals",
      "roles": [
        "physician"
      ]
    },
    {
      "operation": "manageUsers",
      "name": "manage users",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "viewAuditLog",
      "name": "view audit log",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "exportAuditLog",
      "name": "export audit log",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "backUp",
      "name": "back up",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "restore",
      "name": "restore backup",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "exportRecords",
      "name": "export health records (FHIR)",
      "roles": [
        "admin"
      ]
    },
    {
      "operation": "importRecords",
      "name": "import health records (FHIR)",
      "roles": [
        "admin"
      ]
    }
  ]
};
