//! The generated chart's other banks: same-day problems with their real ICD-10-CM codes, the
//! general, physical and telephone sentences, allergens, family and surgical histories,
//! occupations and amendments. Invented teaching-style text; no real person is described.

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
        Some("class:sulfonamide-antibiotics"),
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
        Some("env:latex"),
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
        Some("env:bee-venom"),
        "environment",
        "Bee venom",
        &["Swelling at the sting site"],
    ),
    (None, "other", "Adhesive tape", &["Skin irritation"]),
    (None, "drug", "Erythromycin", &["Stomach cramps"]),
];

/// Values of the histories form's relative list (`chart::histories::RELATIVES`), so a
/// generated entry edits like a typed one.
pub(crate) const RELATIVES: &[&str] = &[
    "mother",
    "father",
    "sister",
    "brother",
    "maternal_grandmother",
    "paternal_grandfather",
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
