//! Finding patients from one search box: what the typed text means, and ranking the tiers.

use super::PatientSummary;
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::dates::parse_typed_date;
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store::patient_search::{self as sql, NameRange};
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most results one page may hold.
pub const MAX_PAGE_SIZE: u32 = 100;
const DEFAULT_PAGE_SIZE: u32 = 25;
/// How deep paging may go; past this the user should type more.
const MAX_OFFSET: u32 = 1000;
/// Sound-alike matching needs enough letters to mean something.
const SOUND_MIN_LETTERS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    pub query: String,
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            limit: None,
            offset: None,
        }
    }
}

/// Why a patient is in the results, in rank order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MatchKind {
    ChartNumber,
    Phone,
    DateOfBirth,
    Name,
    SoundsLike,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub patient: PatientSummary,
    pub matched_by: MatchKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchPage {
    /// The query this page answers, so a UI can drop answers to text it no longer shows.
    pub query: String,
    pub hits: Vec<SearchHit>,
    pub offset: u32,
    /// More results exist past this page.
    pub has_more: bool,
}

/// What the typed text asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Interpretation {
    Nothing,
    BirthDate(NaiveDate),
    /// Digits only: a chart number and/or part of a phone number.
    Digits(String),
    /// "family, given": both prefixes, in that order only.
    FamilyGiven(String, String),
    /// Words without a comma: the first and last in either order, or all as a family name.
    Words(Vec<String>),
}

pub(crate) fn interpret(query: &str) -> Interpretation {
    let q = query.trim();
    if q.is_empty() {
        return Interpretation::Nothing;
    }
    if let Some(date) = parse_typed_date(q) {
        return Interpretation::BirthDate(date);
    }
    if q.chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        let d = text::digits(q);
        return if d.is_empty() {
            Interpretation::Nothing
        } else {
            Interpretation::Digits(d)
        };
    }
    if let Some((family, given)) = q.split_once(',') {
        let (family, given) = (text::fold(family), text::fold(given));
        return match (family.is_empty(), given.is_empty()) {
            (true, true) => Interpretation::Nothing,
            (false, true) => Interpretation::Words(vec![family]),
            (true, false) => Interpretation::Words(vec![given]),
            (false, false) => Interpretation::FamilyGiven(family, given),
        };
    }
    let words: Vec<String> = q
        .split_whitespace()
        .map(text::fold)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        Interpretation::Nothing
    } else {
        Interpretation::Words(words)
    }
}

impl AsUser<'_> {
    /// One page of patients matching `request.query`, best matches first: chart number,
    /// phone, birth date, then name prefixes, then names that sound alike. The search and
    /// how many it found are audited.
    pub fn search_patients(
        &mut self,
        request: &SearchRequest,
        now: DateTime<Utc>,
    ) -> CoreResult<SearchPage> {
        self.require(Operation::SearchPatients, "search_patients", now)?;
        let page = self.db.search_unaudited(request, now)?;
        let shown: Vec<PatientId> = page.hits.iter().map(|h| h.patient.id).collect();
        let event = self
            .actor
            .event(now, "search_patients", Outcome::Ok)
            .detail(format!(
                "{}; query {:?}",
                super::shown_detail(&shown),
                request.query
            ));
        self.db.write_relaxed(|tx| audit::append(tx, &event))?;
        Ok(page)
    }
}

impl ChartDb {
    fn search_unaudited(
        &self,
        request: &SearchRequest,
        now: DateTime<Utc>,
    ) -> CoreResult<SearchPage> {
        let limit = request.limit.unwrap_or(DEFAULT_PAGE_SIZE);
        if limit == 0 || limit > MAX_PAGE_SIZE {
            return Err(CoreError::invalid(
                "limit",
                format!("A page holds 1 to {MAX_PAGE_SIZE} results"),
            ));
        }
        let offset = request.offset.unwrap_or(0);
        if offset > MAX_OFFSET {
            return Err(CoreError::invalid(
                "offset",
                "Too many results to page through; type more of the name",
            ));
        }
        if request.query.chars().count() > 200 {
            return Err(CoreError::invalid("query", "Search text is too long"));
        }
        let today = practice_today(self, now)?;
        // One more than the page, to know whether another page exists.
        let wanted = (offset + limit + 1) as usize;
        let mut ranked = Ranked {
            hits: Vec::new(),
            wanted,
        };
        self.read(|conn| {
            match interpret(&request.query) {
                Interpretation::Nothing => {}
                Interpretation::BirthDate(date) => {
                    ranked.add(
                        sql::by_birth_date(conn, date, ranked.room(), today)?,
                        MatchKind::DateOfBirth,
                    );
                }
                Interpretation::Digits(digits) => {
                    if let Ok(mrn) = digits.parse::<u32>() {
                        ranked.add(sql::by_mrn(conn, mrn, today)?, MatchKind::ChartNumber);
                    }
                    let key = text::phone_key(&digits);
                    if key.len() >= 3 {
                        ranked.add(
                            sql::by_phone_prefix(conn, &key, ranked.room(), today)?,
                            MatchKind::Phone,
                        );
                    }
                    if key.len() >= 7 {
                        ranked.add(
                            sql::by_phone_suffix(conn, &key, ranked.room(), today)?,
                            MatchKind::Phone,
                        );
                    }
                }
                Interpretation::FamilyGiven(family, given) => {
                    let range = NameRange::new(&family, Some(&given));
                    ranked.add(
                        sql::by_family_given(conn, &range, ranked.room(), today)?,
                        MatchKind::Name,
                    );
                    sound_alike(conn, &mut ranked, &family, Some(&given), today)?;
                }
                Interpretation::Words(words) => {
                    let first = &words[0];
                    match words.last().filter(|_| words.len() > 1) {
                        None => {
                            let range = NameRange::new(first, None);
                            ranked.add(
                                sql::by_family_given(conn, &range, ranked.room(), today)?,
                                MatchKind::Name,
                            );
                            for (family, given) in unspaced_splits(first) {
                                let range = NameRange::exact_family(family, given);
                                ranked.add(
                                    sql::by_family_given(conn, &range, ranked.room(), today)?,
                                    MatchKind::Name,
                                );
                            }
                            sound_alike(conn, &mut ranked, first, None, today)?;
                        }
                        Some(last) => {
                            // "smith john", "john smith", and "de la cruz" as one family name.
                            let joined = words.concat();
                            let mut rows = Vec::new();
                            for (family, given) in
                                [(first, Some(last)), (last, Some(first)), (&joined, None)]
                            {
                                let range = NameRange::new(family, given.map(String::as_str));
                                for p in sql::by_family_given(conn, &range, ranked.room(), today)? {
                                    // Whole words typed in full outrank prefixes: "john smith"
                                    // puts John Smith before Smith Johnson.
                                    let whole = usize::from(text::fold(&p.family_name) == *family)
                                        + usize::from(
                                            given.is_some_and(|g| text::fold(&p.given_name) == *g),
                                        );
                                    rows.push((whole, p));
                                }
                            }
                            rows.sort_by_key(|(whole, _)| std::cmp::Reverse(*whole));
                            ranked.add(rows.into_iter().map(|(_, p)| p).collect(), MatchKind::Name);
                            sound_alike(conn, &mut ranked, first, Some(last), today)?;
                            sound_alike(conn, &mut ranked, last, Some(first), today)?;
                        }
                    }
                }
            }
            Ok(())
        })?;
        let has_more = ranked.hits.len() > (offset + limit) as usize;
        let hits = ranked
            .hits
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .collect();
        Ok(SearchPage {
            query: request.query.clone(),
            hits,
            offset,
            has_more,
        })
    }
}

/// Longest name typed without spaces that is tried as family name + given name.
const UNSPACED_MAX_LETTERS: usize = 8;

/// Chinese, Japanese and Korean full names are written family name first with no space
/// ("王芳" is family 王, given 芳): a short word with no Latin letters is also tried split at
/// every letter, as an exact family name followed by the start of a given name.
fn unspaced_splits(word: &str) -> Vec<(&str, &str)> {
    let letters = word.chars().count();
    if !(2..=UNSPACED_MAX_LETTERS).contains(&letters) || word.chars().any(|c| c.is_ascii()) {
        return Vec::new();
    }
    word.char_indices()
        .skip(1)
        .map(|(at, _)| word.split_at(at))
        .collect()
}

fn sound_alike(
    conn: &rusqlite::Connection,
    ranked: &mut Ranked,
    family: &str,
    given: Option<&str>,
    today: NaiveDate,
) -> CoreResult<()> {
    let too_short = |name: &str| name.chars().count() < SOUND_MIN_LETTERS;
    if too_short(family) || given.is_some_and(too_short) {
        return Ok(());
    }
    let family_key = text::sound_key(family);
    let given_key = given.map(text::sound_key);
    // Sound-alike keys exist for Latin letters only; an empty key would match every name
    // written in another script.
    if family_key.is_empty() || given_key.as_deref() == Some("") {
        return Ok(());
    }
    let mut rows = sql::by_sound(
        conn,
        &family_key,
        given_key.as_deref(),
        ranked.room(),
        today,
    )?;
    // Closest spelling first: "Jon Smith" ranks John Smith before Joanna Smith.
    rows.sort_by_cached_key(|p| {
        let family_distance = text::edit_distance(family, &text::fold(&p.family_name));
        let given_distance =
            given.map_or(0, |g| text::edit_distance(g, &text::fold(&p.given_name)));
        family_distance + given_distance
    });
    ranked.add(rows, MatchKind::SoundsLike);
    Ok(())
}

/// Results in rank order, each patient once, stopping once enough are found.
struct Ranked {
    hits: Vec<SearchHit>,
    wanted: usize,
}

impl Ranked {
    /// How many more rows a tier should fetch. Earlier tiers may repeat some of them, so a
    /// tier asks for the whole remaining page plus what it may find again.
    fn room(&self) -> usize {
        self.wanted
    }

    fn add(&mut self, rows: Vec<PatientSummary>, kind: MatchKind) {
        for patient in rows {
            if self.hits.len() >= self.wanted {
                return;
            }
            if !self.contains(patient.id) {
                self.hits.push(SearchHit {
                    patient,
                    matched_by: kind,
                });
            }
        }
    }

    fn contains(&self, id: PatientId) -> bool {
        self.hits.iter().any(|h| h.patient.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_read_as_the_kind_of_search_it_looks_like() {
        let date = NaiveDate::from_ymd_opt(1980, 3, 14).unwrap();
        assert_eq!(interpret("03/14/1980"), Interpretation::BirthDate(date));
        assert_eq!(interpret("14.03.1980"), Interpretation::BirthDate(date));
        assert_eq!(interpret("1980-03-14"), Interpretation::BirthDate(date));
        assert_eq!(
            interpret("(555) 201-3344"),
            Interpretation::Digits("5552013344".into())
        );
        assert_eq!(interpret("1042"), Interpretation::Digits("1042".into()));
        assert_eq!(
            interpret("Smith, Jo"),
            Interpretation::FamilyGiven("smith".into(), "jo".into())
        );
        assert_eq!(
            interpret("smi  JO"),
            Interpretation::Words(vec!["smi".into(), "jo".into()])
        );
        assert_eq!(
            interpret("José"),
            Interpretation::Words(vec!["jose".into()])
        );
        assert_eq!(
            interpret("Иванов"),
            Interpretation::Words(vec!["иванов".into()])
        );
        assert_eq!(
            interpret("王芳"),
            Interpretation::Words(vec!["王芳".into()])
        );
        assert_eq!(interpret("   "), Interpretation::Nothing);
        assert_eq!(interpret(", "), Interpretation::Nothing);
        assert_eq!(interpret("--"), Interpretation::Nothing);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn any_typed_text_has_one_reading_made_of_search_keys(q in "\\PC{0,40}|[0-9 ,./()+-]{0,20}") {
            match interpret(&q) {
                Interpretation::Nothing => {}
                Interpretation::BirthDate(d) => proptest::prop_assert_eq!(parse_typed_date(&q), Some(d)),
                Interpretation::Digits(d) => {
                    proptest::prop_assert!(!d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
                }
                Interpretation::FamilyGiven(family, given) => {
                    proptest::prop_assert!(!family.is_empty() && !given.is_empty());
                    proptest::prop_assert_eq!(text::fold(&family), family);
                    proptest::prop_assert_eq!(text::fold(&given), given);
                }
                Interpretation::Words(words) => {
                    proptest::prop_assert!(!words.is_empty());
                    for w in words {
                        proptest::prop_assert!(!w.is_empty());
                        proptest::prop_assert_eq!(text::fold(&w), w);
                    }
                }
            }
            for (family, given) in unspaced_splits(&q) {
                proptest::prop_assert_eq!(format!("{family}{given}"), q.clone());
                proptest::prop_assert!(!family.is_empty() && !given.is_empty());
            }
        }
    }

    #[test]
    fn a_short_name_without_latin_letters_is_tried_at_every_split() {
        assert_eq!(unspaced_splits("王芳"), [("王", "芳")]);
        assert_eq!(unspaced_splits("欧阳娜娜").len(), 3);
        assert!(unspaced_splits("smithjohn").is_empty());
        assert!(unspaced_splits("王").is_empty());
    }
}
