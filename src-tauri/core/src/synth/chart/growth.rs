//! A generated child's growth: length/height, weight and head circumference drawn around the
//! real reference medians for the child's age and sex at a percentile the child keeps (height
//! from the adult height it grows into, weight and head size drawn once and drifting a little
//! between visits), so every child plots a curve, not noise. The medians are rounded from the
//! WHO Child Growth Standards 2006 (birth to 2 years) and the CDC 2000 growth charts (2 to
//! 20 years); the spreads are approximate. This is a generator's table, not the growth
//! charts' reference data (that is `crate::growth`, from the published LMS tables).

use super::super::Rng;

/// Ages (years) of the table's points.
const AGES: [f64; 20] = [
    0.0,
    1.0 / 12.0,
    2.0 / 12.0,
    4.0 / 12.0,
    0.5,
    0.75,
    1.0,
    1.25,
    1.5,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    8.0,
    10.0,
    12.0,
    14.0,
    16.0,
    18.0,
];
/// Median length/height, cm (WHO 2006 to 2 years, CDC 2000 stature after).
const HEIGHT_BOYS: [f64; 20] = [
    49.9, 54.7, 58.4, 63.9, 67.6, 72.0, 75.7, 79.1, 82.3, 87.1, 96.1, 103.3, 110.0, 116.0, 127.3,
    138.4, 149.1, 163.2, 173.4, 176.8,
];
const HEIGHT_GIRLS: [f64; 20] = [
    49.1, 53.7, 57.1, 62.1, 65.7, 70.1, 74.0, 77.5, 80.7, 85.7, 95.1, 102.7, 109.4, 115.1, 126.6,
    138.3, 151.5, 159.8, 162.5, 163.7,
];
/// Median weight, kg.
const WEIGHT_BOYS: [f64; 20] = [
    3.3, 4.5, 5.6, 7.0, 7.9, 8.9, 9.6, 10.3, 10.9, 12.2, 14.3, 16.3, 18.4, 20.7, 25.6, 31.9, 40.5,
    51.3, 61.2, 68.9,
];
const WEIGHT_GIRLS: [f64; 20] = [
    3.2, 4.2, 5.1, 6.4, 7.3, 8.2, 8.9, 9.6, 10.2, 11.5, 13.9, 16.1, 18.2, 20.2, 25.6, 32.5, 41.5,
    49.4, 53.5, 56.6,
];
/// Spread of log weight (weight is skewed: heavier children spread further).
const WEIGHT_LOG_SD: [f64; 20] = [
    0.13, 0.13, 0.12, 0.12, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11, 0.12, 0.13, 0.14, 0.16, 0.19,
    0.20, 0.20, 0.19, 0.18,
];
/// Median head circumference to 3 years, cm (WHO 2006 to 2, CDC 2000 after).
const HEAD_AGES: [f64; 10] = [
    0.0,
    1.0 / 12.0,
    2.0 / 12.0,
    4.0 / 12.0,
    0.5,
    0.75,
    1.0,
    1.5,
    2.0,
    3.0,
];
const HEAD_BOYS: [f64; 10] = [34.5, 37.3, 39.1, 41.6, 43.3, 45.0, 46.1, 47.4, 48.3, 49.5];
const HEAD_GIRLS: [f64; 10] = [33.9, 36.5, 38.3, 40.6, 42.2, 43.8, 44.9, 46.2, 47.2, 48.5];
/// Coefficient of variation of height, and the SD of head circumference (cm).
const HEIGHT_CV: f64 = 0.038;
const HEAD_SD: f64 = 1.25;

/// The percentiles (as z-scores) a child grows along.
#[derive(Debug, Clone)]
pub(crate) struct Growth {
    pub female: bool,
    pub z_height: f64,
    pub z_weight: f64,
    pub z_head: f64,
}

impl Growth {
    /// The child's curves: height from the adult height it reaches (the adult generator's
    /// ranges: 152–174 cm for women, 165–189 cm for men), weight partly following height.
    pub fn new(rng: &mut Rng, female: bool, adult_height: f64, obese: bool) -> Growth {
        let z_height = if female {
            (adult_height - 163.0) / 6.5
        } else {
            (adult_height - 177.0) / 7.2
        };
        let z_height = z_height.clamp(-2.3, 2.3);
        let z_weight =
            (0.5 * z_height + 0.8 * normal(rng) + if obese { 1.3 } else { 0.0 }).clamp(-2.5, 2.8);
        let z_head = (0.3 * z_height + 0.9 * normal(rng)).clamp(-2.3, 2.3);
        Growth {
            female,
            z_height,
            z_weight,
            z_head,
        }
    }

    /// Height (cm) at `age` years (under 18).
    pub fn height(&self, age: f64) -> f64 {
        let median = at(&AGES, self.pick(&HEIGHT_BOYS, &HEIGHT_GIRLS), age);
        median * (1.0 + HEIGHT_CV * self.z_height)
    }

    /// Weight (kg) at `age` years, the weight percentile drifting a little per visit.
    pub fn weight(&mut self, rng: &mut Rng, age: f64) -> f64 {
        self.z_weight = (self.z_weight + 0.12 * normal(rng)).clamp(-2.5, 2.8);
        let median = at(&AGES, self.pick(&WEIGHT_BOYS, &WEIGHT_GIRLS), age);
        median * (at(&AGES, &WEIGHT_LOG_SD, age) * self.z_weight).exp()
    }

    /// Head circumference (cm) at `age` years (under 3).
    pub fn head(&self, age: f64) -> f64 {
        let median = at(&HEAD_AGES, self.pick(&HEAD_BOYS, &HEAD_GIRLS), age);
        median + HEAD_SD * self.z_head
    }

    fn pick<'a>(&self, boys: &'a [f64], girls: &'a [f64]) -> &'a [f64] {
        if self.female {
            girls
        } else {
            boys
        }
    }
}

/// Linear interpolation of `values` at `age` (clamped to the table's ends).
fn at(ages: &[f64], values: &[f64], age: f64) -> f64 {
    let last = ages.len() - 1;
    if age <= ages[0] {
        return values[0];
    }
    if age >= ages[last] {
        return values[last];
    }
    let i = ages
        .iter()
        .rposition(|a| *a <= age)
        .unwrap_or(0)
        .min(last - 1);
    let f = (age - ages[i]) / (ages[i + 1] - ages[i]);
    values[i] + (values[i + 1] - values[i]) * f
}

/// A standard normal draw (Box–Muller).
pub(crate) fn normal(rng: &mut Rng) -> f64 {
    let u1 = (rng.below(1 << 52) as f64 + 1.0) / (1u64 << 52) as f64;
    let u2 = rng.below(1 << 52) as f64 / (1u64 << 52) as f64;
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Ages (days) of the AAP/Bright Futures well-child visits: the newborn visit, 1, 2, 4, 6, 9,
/// 12, 15, 18, 24 and 30 months, then yearly from 3 to 18 years.
pub(super) fn well_child_ages() -> impl Iterator<Item = i64> {
    [4, 30, 61, 122, 183, 274, 365, 456, 548, 730, 913]
        .into_iter()
        .chain((3..=18).map(|y| y * 365 + y / 4))
}

/// Whether a family brings the child to the visit at this age (infant visits are kept more
/// than the yearly ones of school age; a few families skip many).
pub(super) fn attends(rng: &mut Rng, age_days: i64, keeps: u64) -> bool {
    let base = if age_days < 800 { 920 } else { 620 };
    rng.chance(base * keeps / 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_median_child_is_at_the_reference_medians() {
        let g = Growth {
            female: false,
            z_height: 0.0,
            z_weight: 0.0,
            z_head: 0.0,
        };
        assert!((g.height(1.0) - 75.7).abs() < 1e-9);
        assert!((g.head(0.5) - 43.3).abs() < 1e-9);
        // Between points: interpolated, growing.
        assert!(g.height(1.1) > 75.7 && g.height(1.1) < 79.1);
    }

    #[test]
    fn a_tall_child_stays_tall_and_grows_every_year() {
        let mut rng = Rng::new(3);
        let g = Growth::new(&mut rng, true, 172.0, false);
        assert!(g.z_height > 1.0);
        let mut last = 0.0;
        for year in 0..18 {
            let h = g.height(year as f64);
            assert!(h > last, "{year}: {h}");
            last = h;
        }
        assert!((g.height(17.99) - 172.0).abs() < 3.0, "{}", g.height(17.99));
    }

    #[test]
    fn standard_normal_draws_have_mean_zero_and_unit_spread() {
        let mut rng = Rng::new(9);
        let xs: Vec<f64> = (0..20_000).map(|_| normal(&mut rng)).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(
            mean.abs() < 0.03 && (var - 1.0).abs() < 0.05,
            "{mean} {var}"
        );
    }
}
