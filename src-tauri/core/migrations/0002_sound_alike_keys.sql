-- Search keys. Sound-alike keys so "Jon" finds John and "Smyth" finds Smith, ranked after exact matches.
ALTER TABLE patients ADD COLUMN family_sound TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN given_sound TEXT NOT NULL DEFAULT '';
UPDATE patients SET family_sound = charta_sound(family_name), given_sound = charta_sound(given_name);
-- Both indexes end in the display order, so a sound-alike page needs no sort.
CREATE INDEX patients_by_family_sound ON patients (family_sound, family_fold, given_fold);
CREATE INDEX patients_by_sounds ON patients (family_sound, given_sound, family_fold, given_fold);

-- Reversed phone digits, so the last seven digits typed without an area code find the number.
ALTER TABLE patient_phones ADD COLUMN digits_reversed TEXT NOT NULL DEFAULT '';
UPDATE patient_phones SET digits_reversed = charta_reverse(digits);
CREATE INDEX patient_phones_by_digits_reversed ON patient_phones (digits_reversed);
