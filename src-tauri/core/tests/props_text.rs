//! Property tests for the text keys: folding, sound-alike keys, prefix bounds, phone digits and
//! the invisible-character check. No input panics, and the keys keep the promises search and
//! the duplicate check rely on.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::text::{
    digits, edit_distance, fold, invisible_character, phone_key, prefix_upper_bound, sound_key,
};
use proptest::prelude::*;
use unicode_normalization::char::is_combining_mark;

/// Characters people type or paste into names, weighted towards the interesting ones.
fn name_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        3 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        2 => prop::char::range('\u{0410}', '\u{044F}'), // Cyrillic А–я
        2 => prop::char::range('\u{0391}', '\u{03C9}'), // Greek
        2 => prop::char::range('\u{4E00}', '\u{4FFF}'), // Han
        1 => prop::char::range('\u{AC00}', '\u{AD00}'), // Hangul syllables
        1 => prop::char::range('\u{3041}', '\u{3096}'), // Hiragana
        1 => prop::char::range('\u{0300}', '\u{036F}'), // combining diacritics
        1 => prop::sample::select(vec![
            ' ', '-', '\'', '.', ',', 'ß', 'ø', 'Æ', 'ı', 'İ', 'ς', '\u{200B}', '\u{200D}',
            '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{00AD}', '\u{3099}', '\u{093E}', '\u{094D}',
        ]),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(name_char(), 0..24).prop_map(|cs| cs.into_iter().collect())
}

/// Letters of one script with no marks or punctuation: a name as a person writes it.
fn plain_word() -> impl Strategy<Value = String> {
    let script = prop_oneof![
        prop::char::range('a', 'z'),
        prop::char::range('\u{0430}', '\u{0438}'), // а–и: no й, whose breve is a diacritic
        prop::char::range('\u{043A}', '\u{044F}'),
        prop::char::range('\u{03B1}', '\u{03C1}'), // α–ρ
        prop::char::range('\u{4E00}', '\u{4FFF}'),
    ];
    prop::collection::vec(script, 1..12).prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn folding_any_text_gives_a_stable_key_of_letters_digits_and_marks(s in text()) {
        let key = fold(&s);
        prop_assert_eq!(fold(&key), key.clone(), "folding a key again changes it: {:?}", s);
        for c in key.chars() {
            prop_assert!(
                c.is_alphanumeric() || is_combining_mark(c),
                "{:?} in the key of {:?}", c, s
            );
        }
        prop_assert_eq!(invisible_character(&key), None);
    }

    #[test]
    fn folding_ignores_case_in_every_cased_script(s in plain_word()) {
        prop_assert_eq!(fold(&s.to_uppercase()), fold(&s));
        prop_assert!(!fold(&s).is_empty(), "letters of every script make a key: {:?}", s);
    }

    #[test]
    fn different_lower_case_names_keep_different_keys(a in plain_word(), b in plain_word()) {
        prop_assume!(a != b);
        prop_assert_ne!(fold(&a), fold(&b));
    }

    #[test]
    fn the_key_of_a_name_starts_with_the_key_of_its_first_letters(s in plain_word(), cut in 0usize..12) {
        let head: String = s.chars().take(cut).collect();
        prop_assert!(fold(&s).starts_with(&fold(&head)));
    }

    #[test]
    fn a_prefix_range_holds_exactly_the_keys_starting_with_the_prefix(a in text(), b in text()) {
        let (prefix, key) = (fold(&a), fold(&b));
        let upper = prefix_upper_bound(&prefix);
        // Rust compares strings by their UTF-8 bytes, as SQLite's BINARY collation does.
        let in_range = prefix.as_str() <= key.as_str() && key.as_str() < upper.as_str();
        prop_assert_eq!(in_range, key.starts_with(&prefix), "{:?} / {:?}", prefix, key);
        let longer = format!("{prefix}{key}");
        prop_assert!(prefix.as_str() <= longer.as_str() && longer.as_str() < upper.as_str());
    }

    #[test]
    fn sound_keys_are_a_letter_and_up_to_three_digits(s in text()) {
        let key = sound_key(&s);
        let has_latin = fold(&s).chars().any(|c| c.is_ascii_alphabetic());
        prop_assert_eq!(key.is_empty(), !has_latin, "{:?} → {:?}", s, key);
        if let Some(first) = key.chars().next() {
            prop_assert!(first.is_ascii_uppercase());
            prop_assert!(key.len() <= 4 && key.chars().skip(1).all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn a_phone_numbers_digits_survive_any_formatting(
        number in "[0-9]{7,15}",
        seps in prop::collection::vec(prop::sample::select(vec!["", " ", "-", ".", "(", ") ", "+"]), 16),
    ) {
        let formatted: String = number
            .chars()
            .zip(seps.iter().cycle())
            .map(|(d, sep)| format!("{sep}{d}"))
            .collect();
        prop_assert_eq!(digits(&formatted), number.clone());
        prop_assert_eq!(phone_key(&formatted), phone_key(&number));
        let key = phone_key(&formatted);
        prop_assert!(number.ends_with(&key), "the key is the number, or it without a leading 1");
        prop_assert!(key.len() == number.len() || (number.len() == 11 && number.starts_with('1')));
    }

    #[test]
    fn phone_keys_of_any_text_are_digits(s in text()) {
        prop_assert!(phone_key(&s).chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn an_invisible_character_anywhere_is_found(
        s in plain_word(),
        at in 0usize..12,
        bad in prop::sample::select(vec![
            '\u{00AD}', '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}',
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2060}', '\u{2066}',
            '\u{2067}', '\u{2068}', '\u{2069}', '\u{FEFF}', '\u{FE0F}', '\u{E0041}',
        ]),
    ) {
        prop_assert_eq!(invisible_character(&s), None);
        let mut chars: Vec<char> = s.chars().collect();
        chars.insert(at.min(chars.len()), bad);
        let tainted: String = chars.into_iter().collect();
        prop_assert_eq!(invisible_character(&tainted), Some(bad));
    }

    #[test]
    fn edit_distance_is_a_distance(a in text(), b in text()) {
        let d = edit_distance(&a, &b);
        prop_assert_eq!(d, edit_distance(&b, &a));
        prop_assert_eq!(edit_distance(&a, &a), 0);
        prop_assert_eq!(d == 0, a == b);
        prop_assert!(d <= a.chars().count().max(b.chars().count()));
    }
}
