//! Text keys for finding people: accent/case folding, digit extraction and a sound-alike key.
//!
//! These keys are stored in the database and compared with keys of the typed query, so their
//! output must never change for the same input; a change needs a migration that rebuilds them.

use unicode_normalization::UnicodeNormalization;

/// Lower-case ASCII letters and digits only: "José" → "jose", "O'Brien" → "obrien",
/// "Müller-Lüdenscheidt" → "mullerludenscheidt".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // Letters NFKD does not decompose into ASCII.
        let replacement = match c {
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ø' | 'Ø' => "o",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' | 'ð' | 'Ð' => "d",
            'þ' | 'Þ' => "th",
            'ı' => "i",
            _ => "",
        };
        out.push_str(replacement);
    }
    out
}

/// Only the digits of `text`: "(555) 201-3344" → "5552013344".
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The digits under which a phone number is stored and searched: a North American number
/// typed with its leading country code 1 is stored without it, so "+1 555 201 3344" and
/// "555-201-3344" are the same number.
pub fn phone_key(text: &str) -> String {
    let d = digits(text);
    match d.strip_prefix('1') {
        Some(rest) if d.len() == 11 => rest.to_string(),
        _ => d,
    }
}

/// A sound-alike key in the spirit of American Soundex, with the first letter grouped too so
/// that Catherine/Katherine and Philip/Filip agree: "Jon" and "John" → "J5", "Smyth" and
/// "Smith" → "S53". Empty for input with no letters.
pub fn sound_key(name: &str) -> String {
    let folded: String = fold(name)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let bytes = folded.as_bytes();
    let Some(&first) = bytes.first() else {
        return String::new();
    };
    // Spelling variants at the start that sound alike.
    let (head, rest_from) = match bytes {
        [b'p', b'h', ..] => (b'f', 2),
        [b'k', b'n', ..] | [b'g', b'n', ..] | [b'p', b'n', ..] => (b'n', 2),
        [b'w', b'r', ..] => (b'r', 2),
        [b'w', b'h', ..] => (b'w', 2),
        [b'x', ..] => (b's', 1),
        [b'c' | b'q', ..] => (b'k', 1),
        [b'y' | b'e' | b'i' | b'o' | b'u', ..] => (b'a', 1),
        _ => (first, 1),
    };
    let mut key = String::with_capacity(4);
    key.push(head.to_ascii_uppercase() as char);
    let mut last = code(head);
    for &b in &bytes[rest_from..] {
        let c = code(b);
        match c {
            0 => last = 0, // vowels separate equal codes
            7 => {}        // h and w do not
            _ if c != last => {
                key.push((b'0' + c) as char);
                last = c;
                if key.len() == 4 {
                    break;
                }
            }
            _ => {}
        }
    }
    key
}

fn code(letter: u8) -> u8 {
    match letter {
        b'b' | b'f' | b'p' | b'v' => 1,
        b'c' | b'g' | b'j' | b'k' | b'q' | b's' | b'x' | b'z' => 2,
        b'd' | b't' => 3,
        b'l' => 4,
        b'm' | b'n' => 5,
        b'r' => 6,
        b'h' | b'w' => 7,
        _ => 0,
    }
}

/// The smallest string greater than every string that starts with `prefix`, for index range
/// scans (`col >= prefix AND col < upper`). Folded keys are ASCII, so appending the highest
/// ASCII character is enough.
pub fn prefix_upper_bound(prefix: &str) -> String {
    let mut upper = prefix.to_string();
    upper.push('\u{7f}');
    upper
}

/// Levenshtein distance between two ASCII keys, for ranking sound-alike matches.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_letter_changes() {
        assert_eq!(edit_distance("jon", "john"), 1);
        assert_eq!(edit_distance("smith", "smyth"), 1);
        assert_eq!(edit_distance("jon", "joanna"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn folding_removes_accents_case_and_punctuation() {
        assert_eq!(fold("José"), "jose");
        assert_eq!(fold("O'Brien"), "obrien");
        assert_eq!(fold("Müller-Lüdenscheidt"), "mullerludenscheidt");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Łukasz Søren"), "lukaszsoren");
        assert_eq!(fold("ZOË"), "zoe");
    }

    #[test]
    fn phone_keys_ignore_formatting_and_north_american_country_code() {
        assert_eq!(phone_key("(555) 201-3344"), "5552013344");
        assert_eq!(phone_key("+1 555 201 3344"), "5552013344");
        assert_eq!(phone_key("555.201.3344"), "5552013344");
        assert_eq!(phone_key("+44 20 7946 0958"), "442079460958");
    }

    #[test]
    fn sound_keys_match_common_spelling_variants() {
        for (a, b) in [
            ("Jon", "John"),
            ("Smyth", "Smith"),
            ("Catherine", "Katherine"),
            ("Philip", "Filip"),
            ("Stephen", "Steven"),
            ("Rodriguez", "Rodrigues"),
        ] {
            assert_eq!(sound_key(a), sound_key(b), "{a} should sound like {b}");
        }
        assert_ne!(sound_key("Smith"), sound_key("Jones"));
        assert_eq!(sound_key(""), "");
        assert_eq!(sound_key("'"), "");
    }

    #[test]
    fn prefix_bounds_cover_exactly_the_prefix() {
        let upper = prefix_upper_bound("smi");
        assert!("smith" < upper.as_str());
        assert!("smj" > upper.as_str());
    }
}
