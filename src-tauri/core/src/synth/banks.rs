//! The generated chart's sentence banks and code lists: conditions with their real ICD-10-CM
//! billable codes (descriptions come from the embedded code set), and clinical sentences keyed
//! to them. All of it is invented teaching-style text; no real person is described.

/// A long-term condition a generated patient may have, with what its notes say.
pub(crate) struct Chronic {
    pub code: &'static str,
    /// Lowest age (years) it is given at, and the chance per mille at or above that age.
    pub min_age: u32,
    pub per_mille: u64,
    pub name: &'static str,
    pub subjective: &'static [&'static str],
    pub plan: &'static [&'static str],
    /// Resolves in some patients (the problem becomes resolved).
    pub may_resolve: bool,
}

pub(crate) const CHRONIC: &[Chronic] = &[
    Chronic {
        code: "I10",
        min_age: 30,
        per_mille: 260,
        name: "hypertension",
        subjective: &[
            "Checks blood pressure at home, readings mostly in the 130s over 80s.",
            "Taking lisinopril daily without missed doses; no cough or dizziness.",
            "Denies chest pain, headaches or visual changes.",
            "Home readings occasionally above 150 systolic after salty meals.",
            "Tolerating amlodipine well apart from mild ankle swelling in the evenings.",
        ],
        plan: &[
            "Continue lisinopril 20 mg daily; basic metabolic panel before next visit.",
            "Reduce sodium intake, aim for 150 minutes of walking per week.",
            "Increase amlodipine to 10 mg daily and recheck in four weeks.",
            "Keep a home blood pressure log and bring it to the next appointment.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "E11.9",
        min_age: 35,
        per_mille: 110,
        name: "type 2 diabetes",
        subjective: &[
            "Fasting sugars at home between 110 and 150; no hypoglycemic episodes.",
            "Taking metformin 1000 mg twice daily with meals, mild loose stools at first.",
            "Reports more thirst over the past month and some weight gain over the holidays.",
            "Has been walking after dinner and cut down on sweetened drinks.",
            "No numbness or tingling in the feet; last eye exam was this spring.",
        ],
        plan: &[
            "Continue metformin; hemoglobin A1c and urine albumin today.",
            "Foot exam done, monofilament sensation intact; annual retinal exam reminded.",
            "Add empagliflozin 10 mg daily; discussed genital hygiene and hydration.",
            "Referral to diabetes education for meal planning.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "E78.5",
        min_age: 35,
        per_mille: 200,
        name: "hyperlipidemia",
        subjective: &[
            "Taking atorvastatin nightly, no muscle aches.",
            "Stopped simvastatin on own because of leg cramps; wants to discuss options.",
            "Has been trying a lower fat diet with more vegetables.",
        ],
        plan: &[
            "Continue atorvastatin 40 mg; fasting lipid panel in three months.",
            "Restart statin at a lower dose, rosuvastatin 5 mg, and recheck CK if symptoms recur.",
            "Ten-year cardiovascular risk reviewed with the patient.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "J45.909",
        min_age: 3,
        per_mille: 80,
        name: "asthma",
        subjective: &[
            "Using albuterol inhaler about twice a week, more with exercise.",
            "Night cough twice in the past month; no emergency visits.",
            "Symptoms worse with cold air and when around cats.",
        ],
        plan: &[
            "Continue fluticasone inhaler twice daily; rinse mouth after use.",
            "Asthma action plan reviewed and a copy given.",
            "Spacer technique checked and corrected.",
        ],
        may_resolve: true,
    },
    Chronic {
        code: "K21.9",
        min_age: 20,
        per_mille: 100,
        name: "reflux",
        subjective: &[
            "Heartburn after late meals, better with omeprazole.",
            "No trouble swallowing, no black stools, no weight loss.",
        ],
        plan: &[
            "Continue omeprazole 20 mg before breakfast; try tapering in eight weeks.",
            "Avoid meals within three hours of bedtime, raise the head of the bed.",
        ],
        may_resolve: true,
    },
    Chronic {
        code: "E03.9",
        min_age: 25,
        per_mille: 60,
        name: "hypothyroidism",
        subjective: &[
            "Taking levothyroxine every morning on an empty stomach.",
            "Some fatigue and feeling cold; no palpitations.",
        ],
        plan: &[
            "TSH today; adjust levothyroxine dose by result.",
            "Continue levothyroxine 75 mcg daily.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "F32.A",
        min_age: 15,
        per_mille: 70,
        name: "depression",
        subjective: &[
            "Mood better since starting sertraline; sleeping six to seven hours.",
            "Feels low most days, less interest in hobbies; denies thoughts of self-harm.",
            "PHQ-9 score today lower than at the last visit.",
        ],
        plan: &[
            "Continue sertraline 50 mg daily; counseling referral renewed.",
            "Safety plan reviewed; patient knows how to reach the crisis line.",
            "Increase sertraline to 100 mg daily, follow up in four weeks.",
        ],
        may_resolve: true,
    },
    Chronic {
        code: "F41.1",
        min_age: 15,
        per_mille: 60,
        name: "anxiety",
        subjective: &[
            "Worry about work most days, trouble falling asleep.",
            "Panic symptoms less frequent since starting therapy.",
        ],
        plan: &[
            "Continue escitalopram 10 mg; cognitive behavioral therapy weekly.",
            "Sleep hygiene discussed; limit caffeine after noon.",
        ],
        may_resolve: true,
    },
    Chronic {
        code: "M17.9",
        min_age: 50,
        per_mille: 100,
        name: "knee osteoarthritis",
        subjective: &[
            "Knee pain worse on stairs and after long walks, stiffness in the morning.",
            "Acetaminophen helps somewhat; ibuprofen upsets the stomach.",
            "Knee swelling after gardening last weekend.",
        ],
        plan: &[
            "Physical therapy for quadriceps strengthening; topical diclofenac gel.",
            "Weight loss discussed as the most effective measure for knee pain.",
            "Offered steroid injection; patient prefers to wait.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "J44.9",
        min_age: 45,
        per_mille: 45,
        name: "COPD",
        subjective: &[
            "Short of breath climbing one flight of stairs; sputum unchanged.",
            "Using tiotropium daily and albuterol as needed.",
        ],
        plan: &[
            "Continue tiotropium; pulmonary rehabilitation referral.",
            "Pneumococcal and influenza vaccines up to date.",
            "Smoking cessation counseling given; nicotine patch offered.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "N18.30",
        min_age: 60,
        per_mille: 40,
        name: "chronic kidney disease",
        subjective: &[
            "No swelling or change in urination.",
            "Avoiding ibuprofen as advised.",
        ],
        plan: &[
            "Renal function and potassium in three months; avoid NSAIDs.",
            "Blood pressure goal below 130/80 discussed.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "E66.9",
        min_age: 18,
        per_mille: 120,
        name: "obesity",
        subjective: &[
            "Trying to eat smaller portions; weight up two pounds since last visit.",
            "Joined a gym three weeks ago.",
        ],
        plan: &[
            "Nutrition referral; goal of five percent weight loss in six months.",
            "Discussed medication options for weight management.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "I48.91",
        min_age: 60,
        per_mille: 35,
        name: "atrial fibrillation",
        subjective: &[
            "Occasional palpitations, no fainting; taking apixaban twice daily.",
            "No bleeding or bruising on anticoagulation.",
        ],
        plan: &[
            "Continue apixaban 5 mg twice daily and metoprolol; ECG today.",
            "Stroke risk reviewed; anticoagulation continues.",
        ],
        may_resolve: false,
    },
    Chronic {
        code: "G43.909",
        min_age: 12,
        per_mille: 50,
        name: "migraine",
        subjective: &[
            "Two to three headaches a month with light sensitivity and nausea.",
            "Sumatriptan works within an hour when taken early.",
        ],
        plan: &[
            "Continue sumatriptan as needed; headache diary.",
            "Discussed triggers: missed meals, poor sleep, red wine.",
        ],
        may_resolve: true,
    },
    Chronic {
        code: "M54.50",
        min_age: 20,
        per_mille: 80,
        name: "low back pain",
        subjective: &[
            "Low back pain after lifting boxes, no leg weakness or numbness.",
            "Pain better with heat and stretching; still stiff in the mornings.",
        ],
        plan: &[
            "Stay active, core strengthening exercises; naproxen for one week.",
            "Physical therapy referral; return if numbness or bladder changes.",
        ],
        may_resolve: true,
    },
    Chronic {
        code: "E55.9",
        min_age: 20,
        per_mille: 50,
        name: "vitamin D deficiency",
        subjective: &["Taking vitamin D supplement most days."],
        plan: &["Continue vitamin D3 2000 units daily; recheck level in the spring."],
        may_resolve: true,
    },
];

pub(crate) use super::visit_banks::*;
