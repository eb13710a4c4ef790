//! The units vitals are typed in, their conversion to the stored (metric) units, and the
//! rounding applied before storing: one decimal for °C, cm and kg, which is finer than any
//! office thermometer, stadiometer or scale reads.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TemperatureUnit {
    #[default]
    Celsius,
    Fahrenheit,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum HeightUnit {
    #[default]
    Cm,
    In,
    /// Feet and inches, typed in two boxes.
    FtIn,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum WeightUnit {
    #[default]
    Kg,
    Lb,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LengthUnit {
    #[default]
    Cm,
    In,
}

pub const CM_PER_INCH: f64 = 2.54;
pub const KG_PER_POUND: f64 = 0.453_592_37;

/// Rounds to one decimal place.
pub fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub fn fahrenheit_to_celsius(f: f64) -> f64 {
    (f - 32.0) * 5.0 / 9.0
}

pub fn inches_to_cm(inches: f64) -> f64 {
    inches * CM_PER_INCH
}

pub fn pounds_to_kg(lb: f64) -> f64 {
    lb * KG_PER_POUND
}

/// Body mass index (kg/m²), one decimal.
pub fn bmi(weight_kg: f64, height_cm: f64) -> Option<f64> {
    if height_cm <= 0.0 {
        return None;
    }
    let m = height_cm / 100.0;
    Some(one_decimal(weight_kg / (m * m)))
}

impl TemperatureUnit {
    pub fn symbol(self) -> &'static str {
        match self {
            TemperatureUnit::Celsius => "°C",
            TemperatureUnit::Fahrenheit => "°F",
        }
    }

    pub fn to_celsius(self, value: f64) -> f64 {
        match self {
            TemperatureUnit::Celsius => value,
            TemperatureUnit::Fahrenheit => fahrenheit_to_celsius(value),
        }
    }
}

impl WeightUnit {
    pub fn symbol(self) -> &'static str {
        match self {
            WeightUnit::Kg => "kg",
            WeightUnit::Lb => "lb",
        }
    }

    pub fn to_kg(self, value: f64) -> f64 {
        match self {
            WeightUnit::Kg => value,
            WeightUnit::Lb => pounds_to_kg(value),
        }
    }
}

impl LengthUnit {
    pub fn symbol(self) -> &'static str {
        match self {
            LengthUnit::Cm => "cm",
            LengthUnit::In => "in",
        }
    }

    pub fn to_cm(self, value: f64) -> f64 {
        match self {
            LengthUnit::Cm => value,
            LengthUnit::In => inches_to_cm(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_units_convert_to_the_stored_ones() {
        assert_eq!(one_decimal(fahrenheit_to_celsius(98.6)), 37.0);
        assert_eq!(one_decimal(inches_to_cm(67.0)), 170.2);
        assert_eq!(one_decimal(pounds_to_kg(150.0)), 68.0);
        assert_eq!(bmi(70.0, 175.0), Some(22.9));
        assert_eq!(bmi(70.0, 0.0), None);
    }
}
