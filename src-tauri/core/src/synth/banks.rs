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

/// A reason for a same-day visit, with what its note says.
pub(crate) struct Acute {
    pub code: &'static str,
    pub reason: &'static str,
    pub subjective: &'static [&'static str],
    pub exam: &'static [&'static str],
    pub plan: &'static [&'static str],
    /// Children, adults or both.
    pub child: bool,
    pub adult: bool,
    /// Whether a fever is likely on the day.
    pub febrile: bool,
}

pub(crate) const ACUTE: &[Acute] = &[
    Acute {
        code: "J06.9",
        reason: "Cold symptoms",
        subjective: &[
            "Runny nose, sore throat and cough for three days.",
            "Congestion and sneezing since the weekend; others at home are sick.",
        ],
        exam: &["Nasal mucosa swollen, clear discharge; lungs clear."],
        plan: &[
            "Supportive care: fluids, rest, saline spray; no antibiotic needed.",
            "Return if fever lasts beyond three days or breathing gets harder.",
        ],
        child: true,
        adult: true,
        febrile: true,
    },
    Acute {
        code: "N39.0",
        reason: "Burning with urination",
        subjective: &["Burning with urination and frequency for two days, no fever or flank pain."],
        exam: &["No costovertebral angle tenderness; urine dipstick positive for nitrites."],
        plan: &[
            "Nitrofurantoin 100 mg twice daily for five days; urine culture sent.",
            "Increase fluids; call if fever or back pain develops.",
        ],
        child: false,
        adult: true,
        febrile: false,
    },
    Acute {
        code: "J01.90",
        reason: "Sinus pressure",
        subjective: &[
            "Facial pressure and thick nasal discharge for ten days, worse when bending over.",
        ],
        exam: &["Tenderness over the maxillary sinuses; purulent discharge."],
        plan: &["Amoxicillin-clavulanate for seven days; nasal steroid spray."],
        child: false,
        adult: true,
        febrile: true,
    },
    Acute {
        code: "H66.90",
        reason: "Ear pain",
        subjective: &["Ear pain and fussiness since last night, pulling at the ear."],
        exam: &["Tympanic membrane red and bulging, no drainage."],
        plan: &[
            "Amoxicillin 90 mg/kg/day divided twice daily for ten days.",
            "Ibuprofen for pain; recheck ears in three weeks.",
        ],
        child: true,
        adult: false,
        febrile: true,
    },
    Acute {
        code: "J20.9",
        reason: "Cough",
        subjective: &["Cough for two weeks, now productive, mild wheeze at night."],
        exam: &["Scattered rhonchi that clear with coughing; no crackles."],
        plan: &["Honey and fluids; albuterol inhaler as needed; no antibiotic indicated."],
        child: true,
        adult: true,
        febrile: false,
    },
    Acute {
        code: "J02.9",
        reason: "Sore throat",
        subjective: &["Sore throat and pain when swallowing for two days."],
        exam: &["Tonsils red without exudate; rapid strep test negative."],
        plan: &["Salt water gargles, acetaminophen; throat culture pending."],
        child: true,
        adult: true,
        febrile: true,
    },
    Acute {
        code: "S93.401A",
        reason: "Twisted right ankle",
        subjective: &[
            "Rolled the right ankle playing basketball yesterday, able to walk with pain.",
        ],
        exam: &["Swelling over the lateral ankle, tender at the ligament, no bony tenderness."],
        plan: &["Rest, ice, compression, elevation; ankle brace; return if unable to bear weight."],
        child: true,
        adult: true,
        febrile: false,
    },
    Acute {
        code: "M25.561",
        reason: "Right knee pain",
        subjective: &["Right knee pain for a week after a long hike, no locking or giving way."],
        exam: &["Mild effusion, full range of motion, ligaments stable."],
        plan: &["Ice and ibuprofen with food; knee x-ray if not better in two weeks."],
        child: false,
        adult: true,
        febrile: false,
    },
    Acute {
        code: "K52.9",
        reason: "Vomiting and diarrhea",
        subjective: &[
            "Nausea, vomiting and loose stools since yesterday; keeping fluids down today.",
        ],
        exam: &["Mucous membranes slightly dry; abdomen soft, mildly tender, no guarding."],
        plan: &["Oral rehydration, bland diet; return if blood in stool or unable to drink."],
        child: true,
        adult: true,
        febrile: false,
    },
    Acute {
        code: "L30.9",
        reason: "Rash",
        subjective: &["Itchy rash on both forearms after gardening."],
        exam: &["Red scaly patches on the forearms, no blisters or signs of infection."],
        plan: &["Hydrocortisone 1% cream twice daily; gentle soap and moisturizer."],
        child: true,
        adult: true,
        febrile: false,
    },
    Acute {
        code: "R51.9",
        reason: "Headache",
        subjective: &["Headache for three days, band-like, worse at the end of the workday."],
        exam: &["Neurological exam normal; no neck stiffness."],
        plan: &["Acetaminophen, regular breaks from the screen; return if worst headache of life."],
        child: false,
        adult: true,
        febrile: false,
    },
    Acute {
        code: "H10.9",
        reason: "Red eye",
        subjective: &["Red, watery left eye since this morning, crusting on waking."],
        exam: &["Conjunctival injection, vision normal, no pain with light."],
        plan: &["Warm compresses, hand washing; antibiotic drops if discharge thickens."],
        child: true,
        adult: true,
        febrile: false,
    },
];

pub(crate) const GENERAL_SUBJECTIVE: &[&str] = &[
    "Feels well overall.",
    "Sleeping reasonably, appetite normal.",
    "No recent hospital or emergency visits.",
    "Works full time and stays active on weekends.",
    "Reviewed medication list with the patient; no changes from other providers.",
    "Brought the medication bottles today.",
    "Denies fever, chills or night sweats.",
    "No shortness of breath at rest.",
];

pub(crate) const GENERAL_EXAM: &[&str] = &[
    "Alert, in no distress.",
    "Heart regular rate and rhythm, no murmur.",
    "Lungs clear to auscultation bilaterally.",
    "Abdomen soft, non-tender.",
    "No peripheral edema.",
    "Skin warm and dry.",
    "Mood and affect appropriate.",
];

pub(crate) const GENERAL_PLAN: &[&str] = &[
    "Follow up in three months, sooner if needed.",
    "Questions answered; the patient agrees with the plan.",
    "Influenza vaccine offered.",
    "After-visit summary given.",
    "Return precautions reviewed.",
];

pub(crate) const PHYSICAL_SUBJECTIVE: &[&str] = &[
    "Here for the annual physical.",
    "No new concerns today.",
    "Exercises two to three times a week.",
    "Eats a mixed diet; drinks coffee in the morning.",
    "Up to date on dental visits.",
];

pub(crate) const PHYSICAL_PLAN: &[&str] = &[
    "Age-appropriate screening reviewed and ordered.",
    "Lipid panel and comprehensive metabolic panel today.",
    "Colon cancer screening discussed.",
    "Tetanus booster given.",
    "Seat belt use and home safety discussed.",
];

pub(crate) const CHILD_PHYSICAL: &[&str] = &[
    "Here for the well-child visit with a parent.",
    "Growing and developing normally; meets milestones for age.",
    "Eats a varied diet, drinks milk and water.",
    "Immunizations reviewed and given per schedule.",
    "Car seat and water safety discussed.",
];

pub(crate) const TELEPHONE: &[(&str, &str)] = &[
    (
        "Lab results",
        "Called the patient with the lab results; all within normal range.",
    ),
    (
        "Medication refill",
        "Refill request reviewed; prescription sent to the pharmacy.",
    ),
    (
        "Follow-up call",
        "Patient reports feeling better since the visit; no new symptoms.",
    ),
    (
        "Question about side effects",
        "Mild nausea with the new medication; advised to take it with food.",
    ),
];

pub(crate) const WELLNESS_ADULT: &str = "Z00.00";
pub(crate) const WELLNESS_ADULT_FINDINGS: &str = "Z00.01";
pub(crate) const WELLNESS_CHILD: &str = "Z00.129";

/// `(code, category, substance, reactions)`; a `None` code is free text, shown uncoded.
pub(crate) const ALLERGENS: &[(Option<&str>, &str, &str, &[&str])] = &[
    (
        Some("class:penicillins"),
        "drug_class",
        "Penicillins",
        &["Hives", "Rash"],
    ),
    (
        Some("drug:amoxicillin"),
        "drug",
        "Amoxicillin",
        &["Rash", "Hives"],
    ),
    (
        Some("class:sulfonamide_antibiotics"),
        "drug_class",
        "Sulfonamide antibiotics",
        &["Rash"],
    ),
    (
        Some("drug:codeine"),
        "drug",
        "Codeine",
        &["Nausea and vomiting"],
    ),
    (
        Some("class:nsaids"),
        "drug_class",
        "NSAIDs",
        &["Stomach upset", "Wheezing"],
    ),
    (
        Some("drug:lisinopril"),
        "drug",
        "Lisinopril",
        &["Cough", "Swelling of the lips"],
    ),
    (
        Some("class:cephalosporins"),
        "drug_class",
        "Cephalosporins",
        &["Rash"],
    ),
    (
        Some("environment:latex"),
        "environment",
        "Latex",
        &["Contact dermatitis"],
    ),
    (
        Some("food:peanut"),
        "food",
        "Peanut",
        &["Anaphylaxis", "Throat tightness"],
    ),
    (Some("food:shellfish"), "food", "Shellfish", &["Hives"]),
    (
        Some("environment:bee_venom"),
        "environment",
        "Bee venom",
        &["Swelling at the sting site"],
    ),
    (None, "other", "Adhesive tape", &["Skin irritation"]),
    (None, "drug", "Erythromycin", &["Stomach cramps"]),
];

pub(crate) const RELATIVES: &[&str] = &[
    "mother",
    "father",
    "sister",
    "brother",
    "maternal grandmother",
    "paternal grandfather",
];

/// `(condition, ICD-10-CM code, typical onset age)`.
pub(crate) const FAMILY_CONDITIONS: &[(&str, &str, u32)] = &[
    ("Type 2 diabetes", "E11.9", 55),
    ("Hypertension", "I10", 50),
    ("Myocardial infarction", "I21.9", 62),
    ("Breast cancer", "C50.919", 58),
    ("Colon cancer", "C18.9", 65),
    ("Stroke", "I63.9", 70),
    ("Alzheimer disease", "G30.9", 78),
    ("Depression", "F32.A", 30),
];

pub(crate) const SURGERIES: &[&str] = &[
    "Appendectomy",
    "Laparoscopic cholecystectomy",
    "Tonsillectomy",
    "Right knee arthroscopy",
    "Cesarean section",
    "Inguinal hernia repair",
    "Cataract extraction, left eye",
    "Carpal tunnel release",
];

pub(crate) const OCCUPATIONS: &[&str] = &[
    "Teacher",
    "Nurse",
    "Truck driver",
    "Office manager",
    "Electrician",
    "Retail sales",
    "Software developer",
    "Farmer",
    "Cook",
    "Accountant",
];

pub(crate) const AMENDMENT_REASONS: &[(&str, &str)] = &[
    (
        "Lab result received after signing",
        "Addendum: A1c result 7.2%, reviewed with the patient by phone.",
    ),
    (
        "Wrong side documented",
        "Correction: the exam findings refer to the left side, not the right.",
    ),
    (
        "Medication dose clarified",
        "Correction: the dose is 25 mg daily, not 50 mg.",
    ),
];
