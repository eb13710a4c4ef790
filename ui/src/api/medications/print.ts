// Commands of printed prescriptions and medication lists (see src-tauri/src/commands/prescription_print.rs).
import { call } from '../call';
import type { MedicationId, MedicationListPrint, PatientId, PrescriptionPrint, PrintId, PrintedCopy } from '../bindings';

export const prescriptionPrintApi = {
  /** Keeps a PDF copy in the chart and returns what the print view shows. */
  printPrescription: (id: MedicationId) => call<PrescriptionPrint>('print_prescription', { id }),
  printMedicationList: (patientId: PatientId) => call<MedicationListPrint>('print_medication_list', { patientId }),
  printedCopies: (patientId: PatientId) => call<PrintedCopy[]>('printed_copies', { patientId }),
  /** The PDF's bytes. */
  printedCopyPdf: (id: PrintId) => call<number[]>('printed_copy_pdf', { id }),
};
