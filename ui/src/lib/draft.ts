// Patient drafts: the empty registration draft, a draft pre-filled from a saved patient, and the
// clean-up done just before sending (empty phone rows dropped, empty emergency contact as null).
import type { EmergencyContact, Patient, PatientDraft, Phone } from '../api';

export function emptyPhone(): Phone {
  return { kind: 'mobile', number: '' };
}

export function emptyEmergencyContact(): EmergencyContact {
  return { name: '', relationship: '', phone: '' };
}

/**
 * The form's working copy. Unlike PatientDraft, the emergency contact is always present so its
 * inputs can bind, and an unchosen sex is '' (a plain `<option value="">`); `toSubmission` turns
 * both back into null.
 */
export type FormDraft = Omit<PatientDraft, 'emergencyContact' | 'sexAtBirth'> & {
  emergencyContact: EmergencyContact;
  sexAtBirth: NonNullable<PatientDraft['sexAtBirth']> | '';
};

export function emptyDraft(): FormDraft {
  return {
    familyName: '',
    givenName: '',
    middleName: '',
    preferredName: '',
    dateOfBirth: '',
    sexAtBirth: '',
    genderIdentity: '',
    pronouns: '',
    phones: [emptyPhone()],
    email: '',
    address: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    preferredLanguage: '',
    emergencyContact: emptyEmergencyContact(),
    status: 'active',
    deceasedOn: '',
  };
}

/** A saved patient as an editable draft; dates are shown again as ISO text. */
export function draftFromPatient(p: Patient): FormDraft {
  return {
    familyName: p.familyName,
    givenName: p.givenName,
    middleName: p.middleName ?? '',
    preferredName: p.preferredName ?? '',
    dateOfBirth: p.dateOfBirth,
    sexAtBirth: p.sexAtBirth,
    genderIdentity: p.genderIdentity ?? '',
    pronouns: p.pronouns ?? '',
    phones: p.phones.length ? p.phones.map((ph) => ({ ...ph })) : [emptyPhone()],
    email: p.email ?? '',
    address: { ...p.address },
    preferredLanguage: p.preferredLanguage ?? '',
    emergencyContact: p.emergencyContact ? { ...p.emergencyContact } : emptyEmergencyContact(),
    status: p.status,
    deceasedOn: p.deceasedOn ?? '',
  };
}

/** What is sent to the core: no empty phone rows, null emergency contact when all blank. */
export function toSubmission(d: FormDraft): PatientDraft {
  const ec = d.emergencyContact;
  const ecEmpty = !ec.name.trim() && !ec.relationship.trim() && !ec.phone.trim();
  return {
    ...d,
    sexAtBirth: d.sexAtBirth === '' ? null : d.sexAtBirth,
    phones: d.phones.filter((p) => p.number.trim() !== '').map((p) => ({ ...p })),
    address: { ...d.address },
    emergencyContact: ecEmpty ? null : { ...ec },
    deceasedOn: d.status === 'deceased' ? d.deceasedOn : '',
  };
}

/**
 * Field errors name phone rows by their index in the *sent* list; map them back to the rows the
 * user sees (empty rows were dropped before sending).
 */
export function remapPhoneErrors(d: FormDraft, errors: Record<string, string>): Record<string, string> {
  const sentToShown: number[] = [];
  d.phones.forEach((p, i) => {
    if (p.number.trim() !== '') sentToShown.push(i);
  });
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const m = /^phones\.(\d+)\.(.+)$/.exec(field);
    const shown = m ? sentToShown[Number(m[1])] : undefined;
    out[m && shown !== undefined ? `phones.${shown}.${m[2]}` : field] = message;
  }
  return out;
}
