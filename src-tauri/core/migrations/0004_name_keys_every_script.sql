-- Name keys fold the letters of every script (text.rs `fold`): before, a name in Cyrillic, Greek,
-- Han … folded to an empty key, so it could not be found and every such name looked like every
-- other. Rebuild the keys of every row with the current functions.
UPDATE patients SET
    family_fold = charta_fold(family_name),
    given_fold = charta_fold(given_name),
    family_sound = charta_sound(family_name),
    given_sound = charta_sound(given_name);
