// Small shapes the front desk's components pass between them.
import type { PatientId } from '../../../api';

/** The patient a booking is for, as the form shows them. */
export interface ChosenPatient {
  id: PatientId;
  /** "Family, Given" */
  name: string;
  dateOfBirth: string;
  mrn: number;
}
