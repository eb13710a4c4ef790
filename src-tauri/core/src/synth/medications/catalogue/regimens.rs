//! The regimens generated prescriptions are written with: dose, frequency, PRN reason,
//! course length, label extras and dispensing. Each is a `static`, so the sig cache keys it by
//! address.

use super::Regimen;
use crate::medications::SigFrequency;

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
pub(crate) static AMLODIPINE_5: Regimen = daily("charta:amlodipine-5-mg-oral-tablet");
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
    ..twice("charta:metformin-hydrochloride-500-mg-oral-tablet")
};
pub(crate) static METFORMIN_1000: Regimen = Regimen {
    dose: 2.0,
    quantity: 360.0,
    extra: "with meals",
    ..twice("charta:metformin-hydrochloride-500-mg-oral-tablet")
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
