-- The calendar, the flow board and every list of appointments name each row's patient:
-- hundreds of rows a day, each joined on patients.id. This index holds the columns such a
-- list shows, so the join reads one small index page per patient instead of the id index
-- and then the wide patients row (measured: day_view at 100,000 patients, BENCHMARKS.md).
CREATE INDEX patients_named_by_id ON patients (id, family_name, given_name, mrn, date_of_birth);
