//! A release's prescribable products (SCD, SBD, GPCK, BPCK) as Charta `Product`s: the
//! ingredients from the clinical drug's components (SCD → SCDC → IN) with their strengths,
//! the dose form from `has_dose_form`, brand names from the branded drugs, the DEA schedule
//! from the labels, and each ingredient matched to the vocabulary when it can be.

use super::dose_forms::{self, Counted, DoseForm};
use super::release::{stricter, Rel, Release, Tty};
use super::strength::{self, find_in_name, readable_name, Strength};
use super::vocabulary;
use crate::medications::{ControlledSchedule, Ingredient, Product, ProductSource};
use std::collections::{BTreeSet, HashSet};

/// One product ready to store, with its RxNorm term type.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub product: Product,
    pub tty: &'static str,
}

/// Everything a release yields.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub products: Vec<Built>,
    /// Distinct ingredient concepts matched to the vocabulary, and not.
    pub ingredients_matched: u32,
    pub ingredients_unmatched: u32,
    /// Products left out: suppressed or obsolete, or for animals only.
    pub skipped: u32,
}

/// An ingredient with the RxNorm concept it came from (none when only a name gave it).
type Sourced = (Option<u32>, Ingredient);

/// One ingredient of a clinical drug as read: where its name sits in the drug's name (for
/// the order), its concept, its name and its strength.
struct Part {
    at: usize,
    concept: Option<u32>,
    name: String,
    strength: Option<Strength>,
}

/// The clinical content shared by a drug and its brands and packs.
#[derive(Debug, Clone)]
struct Clinical {
    ingredients: Vec<Sourced>,
    strength: String,
    form: DoseForm,
    df_name: String,
    controlled: Option<ControlledSchedule>,
}

/// Builds every prescribable product of `release`, in RxCUI order.
pub fn build(release: &Release) -> Catalogue {
    let mut rxcuis: Vec<u32> = release
        .concepts
        .iter()
        .filter(|(_, c)| c.tty.is_product())
        .map(|(k, _)| *k)
        .collect();
    rxcuis.sort_unstable();
    let mut out = Catalogue {
        skipped: release.suppressed.len() as u32,
        ..Catalogue::default()
    };
    // Distinct ingredients, by concept (or by code when no concept names one).
    let mut matched: HashSet<String> = HashSet::new();
    let mut unmatched: HashSet<String> = HashSet::new();
    for rxcui in rxcuis {
        if release.veterinary_only(rxcui) {
            out.skipped += 1;
            continue;
        }
        let Some(built) = product(release, rxcui) else {
            continue;
        };
        for (concept, i) in &built.1 {
            let key = concept.map_or_else(|| i.code.clone(), |c| c.to_string());
            if i.code.starts_with("drug:") {
                matched.insert(key);
            } else {
                unmatched.insert(key);
            }
        }
        out.products.push(built.0);
    }
    out.ingredients_matched = matched.len() as u32;
    out.ingredients_unmatched = unmatched.len() as u32;
    out
}

fn product(release: &Release, rxcui: u32) -> Option<(Built, Vec<Sourced>)> {
    let concept = release.concept(rxcui)?;
    let (clinical, brands, extra_forms) = match concept.tty {
        Tty::Scd => (
            clinical_drug(release, rxcui),
            generic_brands(release, rxcui),
            vec![],
        ),
        Tty::Sbd => (
            branded_drug(release, rxcui),
            own_brands(release, rxcui),
            vec![],
        ),
        Tty::Gpck | Tty::Bpck => {
            let (c, forms) = pack(release, rxcui);
            let brands = if concept.tty == Tty::Bpck {
                own_brands(release, rxcui)
            } else {
                generic_brands(release, rxcui)
            };
            (c, brands, forms)
        }
        _ => return None,
    };
    let mut forms: Vec<&str> = extra_forms.iter().map(String::as_str).collect();
    forms.push(&clinical.df_name);
    let name = readable_name(&concept.name, &forms);
    let ingredients: Vec<Ingredient> = clinical
        .ingredients
        .iter()
        .map(|(_, i)| i.clone())
        .collect();
    let mut classes: Vec<String> = Vec::new();
    for i in &ingredients {
        if let Some(drug) = crate::allergens::get(&i.code) {
            for c in &drug.classes {
                if !classes.iter().any(|k| k == c) {
                    classes.push(c.to_string());
                }
            }
        }
    }
    let controlled = stricter(clinical.controlled, release.schedule.get(&rxcui).copied());
    let product = Product {
        code: format!("rx:{rxcui}"),
        rxcui: Some(rxcui.to_string()),
        name,
        ingredients,
        strength: clinical.strength,
        dose_form: clinical.form.dose_form,
        dose_unit: clinical.form.dose_unit,
        route: clinical.form.route,
        classes,
        controlled,
        brands,
        source: ProductSource::RxnormImport,
    };
    Some((
        Built {
            product,
            tty: concept.tty.as_str(),
        },
        clinical.ingredients,
    ))
}

fn dose_form_of(release: &Release, rxcui: u32) -> Option<(String, DoseForm)> {
    let df = release.target_of(Rel::HasDoseForm, rxcui, Tty::Df)?;
    let name = release.concept(df)?.name.clone();
    let form = dose_forms::map(&name);
    Some((name, form))
}

/// An ingredient's code: the vocabulary's when it knows the name, else `rxin:<RxCUI>`.
fn ingredient(
    concept: Option<u32>,
    name: &str,
    s: Option<&Strength>,
    counted: Counted,
) -> Ingredient {
    let code = match (vocabulary::drug_for(name), concept) {
        (Some(drug), _) => drug.code.to_string(),
        (None, Some(c)) => format!("rxin:{c}"),
        (None, None) => format!("rxname:{}", crate::text::fold(name)),
    };
    Ingredient {
        code,
        name: name.to_string(),
        amount: s.and_then(|s| s.per_dose_unit(counted)),
        unit: s.map(|s| s.unit.clone()).unwrap_or_default(),
    }
}

/// SCD: its SCDCs, each with its ingredient and strength; the strength as the drug's own name
/// writes it ("250 MG/5ML"), which RxNorm normalizes per mL in the components.
fn clinical_drug(release: &Release, rxcui: u32) -> Clinical {
    let name = release.concept(rxcui).map_or("", |c| c.name.as_str());
    let (df_name, mut form) =
        dose_form_of(release, rxcui).unwrap_or_else(|| (String::new(), dose_forms::map("")));
    let lower = name.to_lowercase();
    let mut parts: Vec<Part> = Vec::new();
    for &part in release.targets(Rel::ConsistsOf, rxcui) {
        // A branded component (SBDC) is read through the clinical one it names a brand of.
        let scdc = match release.concept(part).map(|c| c.tty) {
            Some(Tty::Scdc) => part,
            Some(Tty::Sbdc) => release
                .source_of(Rel::HasTradename, part, Tty::Scdc)
                .unwrap_or(part),
            _ => continue,
        };
        let Some(component) = release.concept(scdc) else {
            continue;
        };
        let found_in_name = find_in_name(&component.name);
        let strength = [scdc, part]
            .iter()
            .find_map(|c| release.strength.get(c).and_then(|t| strength::parse(t)))
            .or_else(|| found_in_name.as_ref().map(|(_, s)| s.clone()));
        let inn = release.target_of(Rel::HasIngredient, scdc, Tty::In);
        let ingredient_name = inn
            .and_then(|c| release.concept(c))
            .map(|c| c.name.clone())
            .or_else(|| found_in_name.map(|(n, _)| n.to_string()))
            .unwrap_or_else(|| component.name.clone());
        let at = lower
            .find(&ingredient_name.to_lowercase())
            .unwrap_or(usize::MAX);
        parts.push(Part {
            at,
            concept: inn,
            name: ingredient_name,
            strength,
        });
    }
    if parts.is_empty() {
        parts = name_parts(release, name, &df_name);
    }
    parts.sort_by(|a, b| (a.at, &a.name).cmp(&(b.at, &b.name)));
    // Insulins and other drugs dosed in units are counted in units, whatever the device.
    let in_units = !parts.is_empty()
        && parts
            .iter()
            .all(|p| p.strength.as_ref().is_some_and(|s| s.unit == "unit"));
    if in_units && form.counted == Counted::Millilitre {
        form.dose_unit = "unit".into();
        form.counted = Counted::Unmeasured;
    }
    let ingredients: Vec<Sourced> = parts
        .iter()
        .map(|p| {
            let mut i = ingredient(p.concept, &p.name, p.strength.as_ref(), form.counted);
            if in_units && form.dose_unit == "unit" {
                i.amount = Some(1.0);
            }
            (p.concept, i)
        })
        .collect();
    let strength = strength_text(release, rxcui, name, &df_name, &parts);
    Clinical {
        ingredients,
        strength,
        form,
        df_name,
        controlled: release.schedule.get(&rxcui).copied(),
    }
}

/// The drug's name without its dose form, split at " / " into "ingredient strength" parts.
fn name_strengths<'a>(name: &'a str, df_name: &str) -> Vec<(&'a str, Strength)> {
    let body = name.split(" [").next().unwrap_or(name);
    let body = if df_name.is_empty() {
        body
    } else {
        body.strip_suffix(df_name).unwrap_or(body)
    };
    body.split(" / ").filter_map(find_in_name).collect()
}

/// When no component is related: the ingredients named in the drug's own name, found among
/// the release's ingredient concepts by name.
fn name_parts(release: &Release, name: &str, df_name: &str) -> Vec<Part> {
    name_strengths(name, df_name)
        .into_iter()
        .enumerate()
        .map(|(i, (ingredient_name, s))| {
            let concept = release
                .ingredient_by_name
                .get(&ingredient_name.to_lowercase())
                .copied();
            Part {
                at: i,
                concept,
                name: ingredient_name.to_string(),
                strength: Some(s),
            }
        })
        .collect()
}

fn strength_text(
    release: &Release,
    rxcui: u32,
    name: &str,
    df_name: &str,
    parts: &[Part],
) -> String {
    let from_name: Vec<String> = name_strengths(name, df_name)
        .iter()
        .map(|(_, s)| s.display())
        .collect();
    if !from_name.is_empty() {
        return from_name.join(" / ");
    }
    if let Some(text) = release.available_strength.get(&rxcui) {
        let shown: Vec<String> = text
            .split(" / ")
            .map(|t| strength::parse(t).map_or_else(|| t.to_string(), |s| s.display()))
            .collect();
        return shown.join(" / ");
    }
    parts
        .iter()
        .filter_map(|p| p.strength.as_ref().map(Strength::display))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// SBD: the clinical drug it is a tradename of, with its own dose form when it has one;
/// without one, its own name read like a clinical drug's.
fn branded_drug(release: &Release, rxcui: u32) -> Clinical {
    let generic = release.source_of(Rel::HasTradename, rxcui, Tty::Scd);
    let mut clinical = clinical_drug(release, generic.unwrap_or(rxcui));
    if let Some((name, form)) = dose_form_of(release, rxcui) {
        if clinical.df_name.is_empty() {
            clinical.form = form;
            clinical.df_name = name;
        }
    }
    clinical.controlled = stricter(clinical.controlled, release.schedule.get(&rxcui).copied());
    clinical
}

/// GPCK/BPCK: the union of what the contained drugs hold; an amount is kept when every
/// component containing the ingredient has the same amount.
fn pack(release: &Release, rxcui: u32) -> (Clinical, Vec<String>) {
    let mut components: Vec<Clinical> = Vec::new();
    for &c in release.targets(Rel::Contains, rxcui) {
        match release.concept(c).map(|k| k.tty) {
            Some(Tty::Scd) => components.push(clinical_drug(release, c)),
            Some(Tty::Sbd) => components.push(branded_drug(release, c)),
            _ => {}
        }
    }
    let forms: Vec<DoseForm> = components.iter().map(|c| c.form.clone()).collect();
    let mut form = dose_forms::pack(&forms);
    if let Some((_, own)) = dose_form_of(release, rxcui) {
        if own.dose_form != "pack" {
            form = own;
        }
    }
    let mut ingredients: Vec<Sourced> = Vec::new();
    for c in &components {
        for (concept, i) in &c.ingredients {
            match ingredients.iter_mut().find(|(_, k)| k.code == i.code) {
                Some((_, k)) => {
                    if k.amount != i.amount {
                        k.amount = None;
                    }
                }
                None => ingredients.push((*concept, i.clone())),
            }
        }
    }
    if forms.iter().any(|f| f.dose_unit != form.dose_unit) {
        for (_, i) in &mut ingredients {
            i.amount = None;
        }
    }
    let strengths: BTreeSet<&str> = components
        .iter()
        .map(|c| c.strength.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let controlled = components
        .iter()
        .fold(release.schedule.get(&rxcui).copied(), |acc, c| {
            stricter(acc, c.controlled)
        });
    let df_names = components.iter().map(|c| c.df_name.clone()).collect();
    let own_df = dose_form_of(release, rxcui)
        .map(|(n, _)| n)
        .unwrap_or_default();
    (
        Clinical {
            ingredients,
            strength: strengths.into_iter().collect::<Vec<_>>().join("; "),
            form,
            df_name: own_df,
            controlled,
        },
        df_names,
    )
}

/// A branded product's brand names: its BN ingredients, else the name in brackets.
fn own_brands(release: &Release, rxcui: u32) -> Vec<String> {
    let mut brands: Vec<String> = release
        .targets(Rel::HasIngredient, rxcui)
        .iter()
        .filter_map(|c| release.concept(*c).filter(|k| k.tty == Tty::Bn))
        .map(|k| k.name.clone())
        .collect();
    if brands.is_empty() {
        if let Some(name) = release.concept(rxcui).map(|c| c.name.as_str()) {
            if let Some(inside) = name
                .rfind(" [")
                .map(|at| &name[at + 2..])
                .and_then(|t| t.strip_suffix(']'))
            {
                brands.push(inside.to_string());
            }
        }
    }
    brands.sort();
    brands.dedup();
    brands
}

/// A clinical drug's (or pack's) brand names: those of its branded versions.
fn generic_brands(release: &Release, rxcui: u32) -> Vec<String> {
    let mut brands: Vec<String> = release
        .targets(Rel::HasTradename, rxcui)
        .iter()
        .flat_map(|b| own_brands(release, *b))
        .collect();
    brands.sort();
    brands.dedup();
    brands
}
