//! Visit diagnoses coded in ICD-10-CM, the practice's recently used codes first.
