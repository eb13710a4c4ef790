//! The LMS method (Cole and Green, 1992): a measurement's z-score from the L (Box-Cox power),
//! M (median) and S (coefficient of variation) of its age, the measurement at a given z, and
//! z as a percentile. WHO's restricted application beyond ±3 SD is here too.

/// One row of an LMS table (interpolated or not).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lms {
    pub l: f64,
    pub m: f64,
    pub s: f64,
}

/// Below this |L| the Box-Cox transform is its limit, the logarithm.
const L_ZERO: f64 = 1e-10;

impl Lms {
    /// The z-score of `x` as published: `((x/M)^L − 1) / (L·S)`, or `ln(x/M) / S` when L is 0.
    /// `None` for a value that is not positive.
    pub fn z(&self, x: f64) -> Option<f64> {
        if !(x > 0.0 && self.m > 0.0 && x.is_finite()) {
            return None;
        }
        let z = if self.l.abs() < L_ZERO {
            (x / self.m).ln() / self.s
        } else {
            ((x / self.m).powf(self.l) - 1.0) / (self.l * self.s)
        };
        z.is_finite().then_some(z)
    }

    /// The measurement whose z-score is `z`: `M·(1 + L·S·z)^(1/L)`, or `M·e^(S·z)` when L is 0.
    pub fn value_at(&self, z: f64) -> f64 {
        if self.l.abs() < L_ZERO {
            self.m * (self.s * z).exp()
        } else {
            self.m * (1.0 + self.l * self.s * z).powf(1.0 / self.l)
        }
    }

    /// The z-score with WHO's restricted application of the LMS method: beyond ±3 SD the
    /// distance is measured in units of the gap between the 2 and 3 SD lines at that age,
    /// so a skewed tail does not inflate (or squeeze) extreme weights (WHO Multicentre Growth
    /// Reference Study Group, *WHO Child Growth Standards: Methods and development*, 2006,
    /// chapter 7, "Computation of centiles and z-scores"). Used for the weight-based
    /// indicators (weight-for-age, weight-for-length/height, BMI-for-age).
    pub fn z_restricted(&self, x: f64) -> Option<f64> {
        let z = self.z(x)?;
        if z > 3.0 {
            let sd3 = self.value_at(3.0);
            let sd23 = sd3 - self.value_at(2.0);
            Some(3.0 + (x - sd3) / sd23)
        } else if z < -3.0 {
            let sd3 = self.value_at(-3.0);
            let sd23 = self.value_at(-2.0) - sd3;
            Some(-3.0 + (x - sd3) / sd23)
        } else {
            Some(z)
        }
    }

    /// Linear interpolation between two rows, `t` in 0..=1 from `self` to `next`.
    pub fn lerp(&self, next: &Lms, t: f64) -> Lms {
        Lms {
            l: self.l + (next.l - self.l) * t,
            m: self.m + (next.m - self.m) * t,
            s: self.s + (next.s - self.s) * t,
        }
    }
}

/// The percentile (0–100) of a z-score under the standard normal distribution.
pub fn percentile(z: f64) -> f64 {
    100.0 * normal_cdf(z)
}

/// Φ(z) from the complementary error function.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// erfc with a relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit),
/// far finer than a percentile shown to one decimal needs.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// The z-scores of the percentile lines drawn: 3rd, 5th, 10th, 25th, 50th, 75th, 90th, 95th
/// and 97th (Φ⁻¹ of each, to 9 decimals).
pub const CURVES: [(f64, f64); 9] = [
    (3.0, -1.880_793_608),
    (5.0, -1.644_853_627),
    (10.0, -1.281_551_566),
    (25.0, -0.674_489_750),
    (50.0, 0.0),
    (75.0, 0.674_489_750),
    (90.0, 1.281_551_566),
    (95.0, 1.644_853_627),
    (97.0, 1.880_793_608),
];
