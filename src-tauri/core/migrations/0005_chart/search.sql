-- The chart search and the summary (owner: chart::search, chart::summary). The search needs no
-- index of its own: it reads one patient's rows by the patient indexes and matches in Rust.
-- These small partial indexes hold only the rare rows (entered in error, unsigned), so the
-- summary's counts come from indexes without reading a 700-visit patient's rows.
CREATE INDEX visits_in_error_by_patient ON visits (patient_id) WHERE entered_in_error_at IS NOT NULL;
CREATE INDEX visits_unsigned_by_patient ON visits (patient_id)
    WHERE signed_at IS NULL AND entered_in_error_at IS NULL;
CREATE INDEX vitals_in_error_by_patient ON vitals (patient_id) WHERE entered_in_error_at IS NOT NULL;
