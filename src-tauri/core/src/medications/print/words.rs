//! Quantities in digits and words, as a prescription must show them so a figure cannot be
//! altered: "30 (thirty) tablets", refills "2 (two)". The rule for fractions: halves and
//! quarters are said as such ("7.5 (seven and one half) mL", "0.25 (one quarter)"); any
//! other decimal is read digit by digit after "point" ("2.4 (two point four) mL").

use crate::medications::sig::{decimal, unit_for};

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A whole number in words: 0 → "zero", 42 → "forty-two", 1250 → "one thousand two hundred
/// fifty".
pub fn whole_in_words(n: u64) -> String {
    if n < 20 {
        return ONES[n as usize].to_string();
    }
    if n < 100 {
        let (tens, ones) = (n / 10, n % 10);
        return if ones == 0 {
            TENS[tens as usize].to_string()
        } else {
            format!("{}-{}", TENS[tens as usize], ONES[ones as usize])
        };
    }
    for (size, name) in [
        (1_000_000_000_u64, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
        (100, "hundred"),
    ] {
        if n >= size {
            let (head, rest) = (n / size, n % size);
            let mut text = format!("{} {name}", whole_in_words(head));
            if rest > 0 {
                text.push(' ');
                text.push_str(&whole_in_words(rest));
            }
            return text;
        }
    }
    String::new()
}

/// A quantity in words by the rule above; negative or non-finite amounts (never valid on a
/// prescription) read as their digits.
pub fn amount_in_words(amount: f64) -> String {
    if !amount.is_finite() || amount < 0.0 {
        return decimal(amount);
    }
    // Two decimals is all a prescription prints (see `decimal`).
    let hundredths = (amount * 100.0).round() as u64;
    let (whole, part) = (hundredths / 100, hundredths % 100);
    let fraction = match part {
        0 => return whole_in_words(whole),
        25 => "one quarter",
        50 => "one half",
        75 => "three quarters",
        _ => {
            let digits = decimal(amount);
            let after = digits.split('.').nth(1).unwrap_or("");
            let spoken: Vec<&str> = after
                .chars()
                .filter_map(|c| c.to_digit(10).map(|d| ONES[d as usize]))
                .collect();
            return format!("{} point {}", whole_in_words(whole), spoken.join(" "));
        }
    };
    if whole == 0 {
        fraction.to_string()
    } else {
        format!("{} and {fraction}", whole_in_words(whole))
    }
}

/// "30 (thirty) tablets", "1 (one) inhaler", "7.5 (seven and one half) mL"; without a unit
/// just the figure and its words.
pub fn quantity_text(quantity: f64, unit: &str) -> String {
    let figure = format!("{} ({})", decimal(quantity), amount_in_words(quantity));
    if unit.trim().is_empty() {
        figure
    } else {
        format!("{figure} {}", unit_for(quantity, unit))
    }
}

/// Refills as printed: "2 (two)", and "none" when there are none, so a blank cannot be
/// filled in.
pub fn refills_text(refills: u32) -> String {
    if refills == 0 {
        "none".into()
    } else {
        format!("{refills} ({})", whole_in_words(u64::from(refills)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_read_as_words() {
        let table = [
            (0, "zero"),
            (1, "one"),
            (13, "thirteen"),
            (20, "twenty"),
            (21, "twenty-one"),
            (30, "thirty"),
            (99, "ninety-nine"),
            (100, "one hundred"),
            (120, "one hundred twenty"),
            (1000, "one thousand"),
            (1250, "one thousand two hundred fifty"),
            (2_000_005, "two million five"),
        ];
        for (n, words) in table {
            assert_eq!(whole_in_words(n), words, "{n}");
        }
    }

    #[test]
    fn halves_and_quarters_are_said_and_other_decimals_read_digit_by_digit() {
        assert_eq!(amount_in_words(7.5), "seven and one half");
        assert_eq!(amount_in_words(0.5), "one half");
        assert_eq!(amount_in_words(0.25), "one quarter");
        assert_eq!(amount_in_words(2.75), "two and three quarters");
        assert_eq!(amount_in_words(2.4), "two point four");
        assert_eq!(amount_in_words(0.05), "zero point zero five");
        assert_eq!(amount_in_words(150.0), "one hundred fifty");
    }

    #[test]
    fn quantities_show_digits_words_and_a_unit_in_the_right_number() {
        assert_eq!(quantity_text(30.0, "tablet"), "30 (thirty) tablets");
        assert_eq!(quantity_text(1.0, "inhaler"), "1 (one) inhaler");
        assert_eq!(quantity_text(7.5, "mL"), "7.5 (seven and one half) mL");
        assert_eq!(quantity_text(2.0, "tube"), "2 (two) tubes");
        assert_eq!(quantity_text(4.0, ""), "4 (four)");
    }

    #[test]
    fn refills_show_digits_and_words_or_none() {
        assert_eq!(refills_text(2), "2 (two)");
        assert_eq!(refills_text(11), "11 (eleven)");
        assert_eq!(refills_text(0), "none");
    }
}
