//! Text keys for finding people: accent/case folding, digit extraction and a sound-alike key.
//!
//! These keys are stored in the database and compared with keys of the typed query, so their
//! output must never change for the same input; a change needs a migration that rebuilds them.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Letters and digits of every script, lower-cased, with accents and other diacritics removed:
/// "José" → "jose", "O'Brien" → "obrien", "Müller-Lüdenscheidt" → "mullerludenscheidt",
/// "Иванов" → "иванов", "王芳" → "王芳", "Ἀλέξανδρος" → "αλεξανδροσ".
///
/// Only diacritics are stripped (the combining marks of the Latin, Greek and Cyrillic
/// diacritic blocks, Hebrew points and Arabic vowel signs); marks that spell a different word
/// in their script (Devanagari vowel signs, the Japanese voicing marks of が) are kept, so two
/// different names never fold to the same key because of a dropped mark.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().flat_map(char::to_lowercase) {
        // Letters NFKD does not decompose into their base letters.
        let replacement = match c {
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'ø' => "o",
            'ł' => "l",
            'đ' | 'ð' => "d",
            'þ' => "th",
            'ı' => "i",
            // Greek final sigma is the same letter as σ.
            'ς' => "σ",
            _ => {
                // Invisible characters that are also marks (variation selectors, the
                // grapheme joiner) would otherwise survive as marks of an unseen difference.
                if is_diacritic(c) || is_invisible(c) {
                    continue;
                }
                if c.is_alphanumeric() || is_combining_mark(c) {
                    out.push(c);
                }
                continue;
            }
        };
        out.push_str(replacement);
    }
    // Recomposed, so that a Hangul name is keyed by its syllables, as it is typed.
    out.nfc().collect()
}

/// Combining marks that only decorate a letter (accents, Hebrew and Arabic vowel points).
fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'   // combining diacritical marks
        | '\u{0483}'..='\u{0489}' // Cyrillic titlo and similar
        | '\u{0591}'..='\u{05C7}' // Hebrew cantillation and points
        | '\u{0610}'..='\u{061A}' // Arabic honorifics
        | '\u{064B}'..='\u{065F}' // Arabic harakat
        | '\u{0670}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// A character that changes how text looks or reads without being visible itself: format
/// characters (zero-width spaces and joiners, bidirectional controls, the byte-order mark,
/// the soft hyphen, tags), invisible fillers and variation selectors. Two names that differ
/// only by one of these look identical on screen but are different text, and bidi controls
/// can make a name display as something else; identifying fields refuse them.
pub fn invisible_character(text: &str) -> Option<char> {
    text.chars().find(|&c| is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    matches!(c,
            '\u{00AD}'                      // soft hyphen
            | '\u{034F}'                    // combining grapheme joiner
            | '\u{0600}'..='\u{0605}'       // Arabic number signs
            | '\u{061C}'                    // Arabic letter mark
            | '\u{06DD}' | '\u{070F}' | '\u{0890}' | '\u{0891}' | '\u{08E2}'
            | '\u{115F}' | '\u{1160}'       // Hangul fillers
            | '\u{17B4}' | '\u{17B5}'       // Khmer inherent vowels (invisible)
            | '\u{180B}'..='\u{180F}'       // Mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}'       // zero-width space, joiners, LRM, RLM
            | '\u{2028}'..='\u{202E}'       // line/paragraph separators, bidi embeddings
            | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, bidi isolates
            | '\u{3164}'                    // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'       // variation selectors
            | '\u{FEFF}'                    // byte-order mark / zero-width no-break space
            | '\u{FFA0}'                    // halfwidth Hangul filler
            | '\u{FFF9}'..='\u{FFFB}'       // interlinear annotation
            | '\u{110BD}' | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}') // tags and variation selectors supplement
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

/// The smallest string greater than every key that starts with `prefix`, for index range
/// scans (`col >= prefix AND col < upper`). SQLite compares text as UTF-8 bytes, which orders
/// like code points, and no key holds the highest code point (it is not a letter or digit),
/// so appending it bounds every key of every script.
pub fn prefix_upper_bound(prefix: &str) -> String {
    let mut upper = prefix.to_string();
    upper.push(char::MAX);
    upper
}

/// Levenshtein distance between two keys in letters, for ranking sound-alike matches.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
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
    fn folding_keeps_the_letters_of_every_script() {
        assert_eq!(fold("Иванов"), "иванов");
        assert_eq!(fold("ИВАНОВ"), fold("иванов"));
        assert_eq!(fold("王芳"), "王芳");
        assert_eq!(fold("Ἀλέξανδρος"), "αλεξανδροσ");
        assert_eq!(fold("ΟΔΥΣΣΕΥΣ"), fold("Οδυσσεύς"));
        assert_eq!(fold("Ёлкин"), "елкин");
        assert_ne!(fold("Иванов"), fold("Петров"));
        assert_ne!(fold("王芳"), fold("李娜"));
        // Marks that spell a different name in their script are kept.
        assert_ne!(fold("かとう"), fold("がとう"));
        assert_ne!(fold("राम"), fold("रम"));
    }

    #[test]
    fn folding_drops_invisible_marks() {
        // Variation selectors and the grapheme joiner are marks too; a key never holds them.
        assert_eq!(fold("\u{E0100}"), "");
        assert_eq!(fold("a\u{FE0F}b\u{034F}c"), "abc");
        assert_eq!(fold("葛\u{E0100}"), "葛");
    }

    #[test]
    fn invisible_and_bidi_characters_are_found() {
        for bad in [
            "Jo\u{200B}hn",
            "\u{200D}Ann",
            "Smith\u{200E}",
            "\u{202E}htimS",
            "A\u{2066}b",
            "\u{FEFF}Ann",
            "Mül\u{00AD}ler",
            "An\u{2060}n",
            "A\u{FE0F}",
        ] {
            assert!(invisible_character(bad).is_some(), "{bad:?}");
        }
        for good in ["José", "Иванов", "王芳", "O'Brien-Smith", "Nguyễn", "राम"] {
            assert_eq!(invisible_character(good), None, "{good:?}");
        }
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
        let upper = prefix_upper_bound("иван");
        assert!("иванов" < upper.as_str());
        assert!("ивао" > upper.as_str());
        assert!("smi王" < prefix_upper_bound("smi").as_str());
    }
}
