// The table itself is generated from charta-core (src/api/permissions.ts, checked for staleness
// by the Rust bindings test); these tests check how the UI reads it.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type Operation } from '../api';
import { actorCan, allowed, PERMISSIONS, ROLE_LABELS, ROLES, rolesLabel } from './permissions';

describe('permission table', () => {
  it('has a rule for every operation and lists the roles in the core order', () => {
    const operations: Operation[] = [
      'editPracticeSettings', 'searchPatients', 'viewDemographics', 'registerPatient',
      'editDemographics', 'restrictChart', 'viewClinical', 'editClinical', 'signNote',
      'editDiagnoses', 'editTemplates', 'emergencyAccess', 'viewSchedule', 'bookAppointments',
      'updateAppointmentStatus', 'editScheduleSetup', 'blockTime', 'draftPrescriptions', 'signPrescriptions',
      'editFavourites', 'importDrugCatalogue', 'signOffResults', 'importResults', 'viewClinicalReports', 'viewOperationalReports', 'sendMessages', 'fileDocuments', 'writeLetters', 'manageUsers', 'viewAuditLog', 'exportAuditLog', 'backUp', 'restore', 'exportRecords', 'importRecords',
    ];
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...operations].sort());
    expect(ROLES).toEqual(['physician', 'nurse', 'frontDesk', 'admin']);
  });

  it('lets a user do what any of their roles allows', () => {
    expect(allowed(['admin'], 'searchPatients')).toBe(false);
    expect(allowed(['admin', 'physician'], 'searchPatients')).toBe(true);
    expect(allowed(['frontDesk'], 'viewClinical')).toBe(false);
    expect(actorCan(null, 'searchPatients')).toBe(false);
  });

  it('labels roles as a person would, capitalised', () => {
    expect(ROLE_LABELS.nurse).toBe('Nurse/MA');
    expect(rolesLabel(['admin', 'frontDesk'])).toBe('Front desk, Practice admin');
  });
});

describe('error codes', () => {
  it('include every code the core and the desktop shell send', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['wrong_key', 'invalid_input', 'no_data_dir', 'window_system']));
  });
});
