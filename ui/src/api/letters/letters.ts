// Commands of letters, their templates and referrals (see src-tauri/src/commands/letters.rs).
import { call } from '../call';
import type {
  Letter,
  LetterField,
  LetterId,
  LetterRequest,
  LetterTemplate,
  LetterTemplateDraft,
  LetterTemplateId,
  LetterText,
  LetterToSign,
  PatientId,
  Referral,
  ReferralId,
  ReferralUpdate,
} from '../bindings';

export const lettersApi = {
  templates: () => call<LetterTemplate[]>('letter_templates'),
  fields: () => call<LetterField[]>('letter_fields'),
  saveTemplate: (id: LetterTemplateId | null, draft: LetterTemplateDraft) =>
    call<LetterTemplate>('save_letter_template', { id, draft }),
  draftLetter: (request: LetterRequest) => call<LetterText>('draft_letter', { request }),
  signLetter: (letter: LetterToSign) => call<Letter>('sign_letter', { letter }),
  patientLetters: (patientId: PatientId) => call<Letter[]>('patient_letters', { patientId }),
  /** The signed letter's PDF copy. */
  letterPdf: async (id: LetterId) => new Uint8Array(await call<ArrayBuffer>('letter_pdf', { id })),
  enteredInError: (id: LetterId, reason: string) => call<Letter>('letter_entered_in_error', { id, reason }),
  patientReferrals: (patientId: PatientId) => call<Referral[]>('patient_referrals', { patientId }),
  updateReferral: (id: ReferralId, update: ReferralUpdate) => call<Referral>('update_referral', { id, update }),
};
