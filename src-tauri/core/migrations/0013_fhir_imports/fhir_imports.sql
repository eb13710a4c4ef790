-- Charts made by a FHIR import (owner: fhir::import). `source` is the old system's record
-- (`system|value` of the Patient's identifier, or `Patient/id`): a second run of the same
-- files, or a run resumed after an interruption, finds the charts already made and skips them.
CREATE TABLE fhir_import_sources (
    source      TEXT PRIMARY KEY,
    patient_id  TEXT NOT NULL REFERENCES patients(id),
    imported_by TEXT NOT NULL REFERENCES users(id),
    imported_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX fhir_import_sources_patient ON fhir_import_sources(patient_id);
CREATE INDEX fhir_import_sources_user ON fhir_import_sources(imported_by);
CREATE INDEX drug_products_rxcui ON drug_products(rxcui);
