-- Rows as Charta schema v15 stored them (synthetic people only): the v14 rows (v15 added an
-- index on patients). v16 replaced the blocks' index by end with a covering one.
INSERT INTO practice (id, name, address, phone, time_zone, is_demo, updated_at)
VALUES (1, 'Old Practice', '1 Old Road', '(555) 201-0000', 'America/Chicago', 0, '2026-01-02T03:04:05.000000Z');
INSERT INTO patients (id, mrn, family_name, given_name, middle_name, preferred_name, date_of_birth,
    sex_at_birth, status, version, created_at, updated_at, family_fold, given_fold)
VALUES
 ('00000000-0000-0000-0000-000000000001', 1001, 'Smith', 'John', NULL, NULL, '1980-03-14', 'male', 'active', 1,
  '2026-01-02T03:04:05.000000Z', '2026-01-02T03:04:05.000000Z', 'smith', 'john'),
 ('00000000-0000-0000-0000-000000000002', 1002, 'García', 'José', 'Luis', 'Pepe', '1975-07-01', 'male', 'active', 2,
  '2026-01-02T03:04:05.000000Z', '2026-02-02T03:04:05.000000Z', 'garcia', 'jose');
INSERT INTO patients (id, mrn, family_name, given_name, date_of_birth, sex_at_birth, status, deceased_on,
    version, created_at, updated_at, family_fold, given_fold)
VALUES ('00000000-0000-0000-0000-000000000003', 1003, 'Okafor', 'Ngozi', '1950-12-31', 'female', 'deceased',
  '2025-06-01', 1, '2026-01-02T03:04:05.000000Z', '2026-01-02T03:04:05.000000Z', 'okafor', 'ngozi');
INSERT INTO patient_phones (patient_id, position, kind, number, digits)
VALUES ('00000000-0000-0000-0000-000000000001', 0, 'mobile', '(555) 201-3344', '5552013344'),
       ('00000000-0000-0000-0000-000000000002', 0, 'home', '+1 555 777 1212', '5557771212');
INSERT INTO patient_revisions (patient_id, version, snapshot, replaced_at)
VALUES ('00000000-0000-0000-0000-000000000002', 1, '{}', '2026-02-02T03:04:05.000000Z');
UPDATE patients SET family_sound = 'S53', given_sound = 'J5' WHERE mrn = 1001;
UPDATE patients SET family_sound = 'G62', given_sound = 'J2' WHERE mrn = 1002;
UPDATE patients SET family_sound = 'A216', given_sound = 'N22' WHERE mrn = 1003;
UPDATE patient_phones SET digits_reversed = '4433102555' WHERE digits = '5552013344';
UPDATE patient_phones SET digits_reversed = '2121777555' WHERE digits = '5557771212';
