//! Regionale analyse: many opened results combined into the deck's tables. Per indicator the share of
//! rood / oranje / groen for Totaal, Inclusieve organisaties, < 25 and ≥ 25 medewerkers and each
//! sector, each group tested against the other organisations (χ², Cramér's V, the deck's markers),
//! and the behaviour × intention quadrant. Small numbers are suppressed so no employer can be
//! recognised, also not by subtracting one table or filter from another.

use std::borrow::Borrow;
use std::collections::BTreeSet;

use crate::envelope::Opened;
use crate::model::Light;
use crate::questionnaire::Questionnaire;
use crate::scoring::Level;
use crate::stats::{chi_square, ChiSquare, Marker};
use crate::text::Lang;
use crate::ui::AmTexts;
use crate::Answer;

/// Fewer organisations than this in a group, a cell, or a difference between two shown numbers is
/// never shown: with 1–4 an accountmanager who knows the region could point at the employer. Five is
/// the usual minimum in official statistics on firms (and the deck's own footnote).
pub const MIN_ORGANISATIONS: u64 = 5;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupId {
    Total,
    Inclusive,
    Small,
    Large,
    Sector(String),
}

/// Which results to combine: a sector and a period of `completed_on` dates (inclusive bounds).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub sector: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Filter {
    /// A filter from what the accountmanager typed (blank: no condition); `None` when a date is not
    /// a date (`JJJJ-MM-DD`): a half-typed date would otherwise select by text order, a view nobody
    /// asked for.
    pub fn from_input(sector: &str, from: &str, to: &str) -> Option<Filter> {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        let (from, to) = (some(from), some(to));
        if [&from, &to].into_iter().flatten().any(|d| !crate::envelope::is_date(d)) {
            return None;
        }
        Some(Filter { sector: some(sector), from, to })
    }

    fn keeps(&self, o: &Opened) -> bool {
        let e = &o.envelope;
        self.sector.as_ref().is_none_or(|s| sector_of(o) == Some(s.as_str()))
            && self.from.as_ref().is_none_or(|f| e.completed_on.as_str() >= f.as_str())
            && self.to.as_ref().is_none_or(|t| e.completed_on.as_str() <= t.as_str())
    }

    /// Every filter with some of this one's conditions dropped (the coarser selections a user could
    /// also look at).
    fn coarser(&self) -> Vec<Filter> {
        let mut out = Vec::new();
        for mask in 0..8u8 {
            let f = Filter {
                sector: if mask & 1 == 0 { self.sector.clone() } else { None },
                from: if mask & 2 == 0 { self.from.clone() } else { None },
                to: if mask & 4 == 0 { self.to.clone() } else { None },
            };
            if f != *self && !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }
}

/// A count as shown, or suppressed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    Shown { count: u64, percent: f64 },
    Suppressed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub group: GroupId,
    /// Organisations in the group with a known light for this indicator.
    pub n: u64,
    pub onbekend: u64,
    /// rood, oranje, groen; `None` when the group is too small to show ("te weinig organisaties").
    pub cells: Option<[Cell; 3]>,
    /// This group against the other organisations (not for Totaal).
    pub test: Option<ChiSquare>,
    pub marker: Option<Marker>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorTable {
    pub indicator: String,
    pub columns: Vec<Column>,
    /// The oldest questionnaire version whose answers this indicator is scored from.
    pub since: u32,
    /// Organisations that answered an older version of this indicator's questions; their light is
    /// onbekend here, because they answered other questions.
    pub older: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuadrantTable {
    /// Rows behaviour low, high, onbekend; columns intention low, high, onbekend.
    pub cells: [[Cell; 3]; 3],
    pub n: u64,
}

// One Region per screen and per filter change: boxing the large variant would save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Region {
    /// Fewer than [`MIN_ORGANISATIONS`], or the selection differs from a coarser one by 1–4.
    TooFew,
    /// The selection differs by 1–4 organisations from one shown earlier in this session ([`Audit`]).
    CloseToEarlier,
    Tables(Tables),
}

/// The selections shown so far in this session, each as the sorted keys of its results. Two views
/// whose selections differ by one to four organisations would, side by side, give those few
/// organisations' lights (two periods a day apart, or a sector filter and a period filter), however
/// well each view is suppressed on its own. So a selection is shown only if it equals or differs by
/// at least [`MIN_ORGANISATIONS`] from every selection shown before.
#[derive(Clone, Debug, Default)]
pub struct Audit {
    shown: Vec<Vec<u64>>,
}

impl Audit {
    fn admit(&mut self, selection: Vec<u64>) -> bool {
        if self.shown.iter().any(|s| is_small(symmetric_difference(s, &selection))) {
            return false;
        }
        if !self.shown.contains(&selection) {
            self.shown.push(selection);
        }
        true
    }
}

/// How many keys are in exactly one of two sorted lists.
fn symmetric_difference(a: &[u64], b: &[u64]) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => (i, n) = (i + 1, n + 1),
            std::cmp::Ordering::Greater => (j, n) = (j + 1, n + 1),
            std::cmp::Ordering::Equal => (i, j) = (i + 1, j + 1),
        }
    }
    n + (a.len() - i + b.len() - j) as u64
}

/// [`aggregate`], checked against the selections shown before in this session: `keys[i]`
/// identifies `results[i]` (e.g. the start of its content digest), so a result opened again counts as
/// the same organisation.
pub fn aggregate_in_session<R: Borrow<Opened>>(
    results: &[R],
    keys: &[u64],
    filter: &Filter,
    q: &Questionnaire,
    indicator_ids: &[String],
    audit: &mut Audit,
) -> Region {
    let region = aggregate(results, filter, q, indicator_ids);
    if let Region::Tables(_) = region {
        let mut selection: Vec<u64> = results.iter().zip(keys).filter(|(o, _)| filter.keeps((*o).borrow())).map(|(_, k)| *k).collect();
        selection.sort_unstable();
        if !audit.admit(selection) {
            return Region::CloseToEarlier;
        }
    }
    region
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tables {
    pub n: u64,
    /// The first and last day on which a counted result was completed (`JJJJ-MM-DD`).
    pub period: (String, String),
    pub questionnaire_versions: BTreeSet<u32>,
    pub quadrant: QuadrantTable,
    pub indicators: Vec<IndicatorTable>,
}

const LIGHTS: [Light; 3] = [Light::Rood, Light::Oranje, Light::Groen];

/// The sector option the employer chose, if any.
pub fn sector_of(o: &Opened) -> Option<&str> {
    match o.envelope.answers.get("sector") {
        Some(Answer::Text(s)) => Some(s.as_str()),
        _ => None,
    }
}

/// What puts a result in a group, looked up in its answers once. Looked up for every group and
/// result, it was most of the aggregation: natively 0.39 s for 10,000 results, and in the browser a
/// task of up to 0.4 s on the click to the regional screen.
struct Member<'a> {
    inclusive: bool,
    small: Option<bool>,
    sector: Option<&'a str>,
}

impl<'a> Member<'a> {
    fn of(o: &'a Opened) -> Member<'a> {
        Member { inclusive: o.scores.inclusive == Some(true), small: crate::model::is_small_organisation(&o.envelope.answers), sector: sector_of(o) }
    }

    fn is_in(&self, group: &GroupId) -> bool {
        match group {
            GroupId::Total => true,
            GroupId::Inclusive => self.inclusive,
            GroupId::Small => self.small == Some(true),
            GroupId::Large => self.small == Some(false),
            GroupId::Sector(s) => self.sector == Some(s.as_str()),
        }
    }
}

fn is_small(n: u64) -> bool {
    (1..MIN_ORGANISATIONS).contains(&n)
}

/// Combines `results` under `filter`, for the indicators `indicator_ids` of `q`. Only aggregates
/// leave this function. Results are borrowed, so that the accountmanager's page need not copy
/// thousands of them for each view.
pub fn aggregate<R: Borrow<Opened>>(results: &[R], filter: &Filter, q: &Questionnaire, indicator_ids: &[String]) -> Region {
    let results: Vec<&Opened> = results.iter().map(Borrow::borrow).collect();
    let selected: Vec<&Opened> = results.iter().copied().filter(|o| filter.keeps(o)).collect();
    let n = selected.len() as u64;
    let differs_by_few = filter.coarser().iter().any(|f| is_small(results.iter().filter(|o| f.keeps(o)).count() as u64 - n));
    if n < MIN_ORGANISATIONS || differs_by_few {
        return Region::TooFew;
    }
    let members: Vec<Member> = selected.iter().map(|o| Member::of(o)).collect();
    let sectors: BTreeSet<&str> = members.iter().filter_map(|m| m.sector).collect();
    let groups: Vec<GroupId> = [GroupId::Total, GroupId::Inclusive, GroupId::Small, GroupId::Large]
        .into_iter()
        .chain(sectors.into_iter().map(|s| GroupId::Sector(s.into())))
        .collect();
    // Each result's light per indicator, looked up once: finding them per group and indicator was
    // nearly all of the time (natively 0.17 s for 1,000 results, and more than linear beyond).
    let column: std::collections::HashMap<&str, usize> = indicator_ids.iter().enumerate().map(|(k, id)| (id.as_str(), k)).collect();
    let lights: Vec<Vec<Light>> = selected
        .iter()
        .map(|o| {
            let mut row = vec![Light::Onbekend; indicator_ids.len()];
            for i in o.scores.factors.iter().flat_map(|f| &f.indicators) {
                if let Some(&k) = column.get(i.id.as_str()) {
                    row[k] = i.light;
                }
            }
            row
        })
        .collect();
    // Who is in which group does not depend on the indicator: split once, not once per indicator.
    let split: Vec<Split> = groups
        .into_iter()
        .map(|g| {
            let inside = members.iter().zip(&lights).filter(|(m, _)| m.is_in(&g)).map(|(_, row)| row.as_slice()).collect();
            Split { group: g, inside }
        })
        .collect();
    let all: Vec<&[Light]> = lights.iter().map(Vec::as_slice).collect();
    let indicators = indicator_ids.iter().enumerate().map(|(k, id)| indicator_table(&selected, &all, &split, q, id, k)).collect();
    let dates = selected.iter().map(|o| o.envelope.completed_on.as_str());
    let period = (dates.clone().min().unwrap_or_default().to_string(), dates.max().unwrap_or_default().to_string());
    Region::Tables(Tables {
        n,
        period,
        questionnaire_versions: selected.iter().map(|o| o.envelope.questionnaire.version).collect(),
        quadrant: quadrant_table(&selected),
        indicators,
    })
}

/// How many of `rows` have each light for the indicator in column `k`, and how many none.
fn light_counts(rows: &[&[Light]], k: usize) -> ([u64; 3], u64) {
    let mut counts = [0u64; 3];
    let mut onbekend = 0;
    for row in rows {
        match row[k] {
            Light::Onbekend => onbekend += 1,
            l => counts[LIGHTS.iter().position(|x| *x == l).expect("a known light")] += 1,
        }
    }
    (counts, onbekend)
}

/// A group's members' lights (the rest of the selection is the total minus these).
struct Split<'a> {
    group: GroupId,
    inside: Vec<&'a [Light]>,
}

fn indicator_table(selected: &[&Opened], all: &[&[Light]], split: &[Split], q: &Questionnaire, indicator: &str, k: usize) -> IndicatorTable {
    let (total, _) = light_counts(all, k);
    let total_n: u64 = total.iter().sum();
    let columns = split
        .iter()
        .map(|Split { group: g, inside }| {
            let (counts, onbekend) = light_counts(inside, k);
            let n: u64 = counts.iter().sum();
            let (test, marker) = if *g == GroupId::Total {
                (None, None)
            } else {
                let rest: [u64; 3] = std::array::from_fn(|i| total[i] - counts[i]);
                let test = chi_square(&[counts.to_vec(), rest.to_vec()]);
                let share = |c: &[u64; 3]| c[2] as f64 / c.iter().sum::<u64>().max(1) as f64;
                (test, test.and_then(|t| Marker::of(&t, share(&counts) > share(&rest))))
            };
            // A group is shown only if it and its difference with Totaal are not small.
            let shown = n >= MIN_ORGANISATIONS && !is_small(total_n - n);
            let cells = shown.then(|| suppress_cells(&counts, (*g != GroupId::Total).then_some(&total)));
            let (test, marker) = if shown { (test, marker) } else { (None, None) };
            Column { group: g.clone(), n, onbekend, cells, test, marker }
        })
        .collect();
    let since = q.indicator(indicator).map_or(1, |i| q.indicator_since(i));
    let older = selected.iter().filter(|o| o.envelope.questionnaire.version < since).count() as u64;
    IndicatorTable { indicator: indicator.to_string(), columns, since, older }
}

/// Primary suppression of small counts (also when the difference with Totaal's count is small), then
/// secondary suppression so a single hidden count cannot be recovered from the column's total.
fn suppress_cells(counts: &[u64; 3], total: Option<&[u64; 3]>) -> [Cell; 3] {
    let n: u64 = counts.iter().sum();
    let mut hidden: [bool; 3] = std::array::from_fn(|i| is_small(counts[i]) || total.is_some_and(|t| is_small(t[i] - counts[i])));
    if hidden.iter().filter(|h| **h).count() == 1 {
        if let Some(i) = (0..3).filter(|&i| !hidden[i]).min_by_key(|&i| counts[i]) {
            hidden[i] = true;
        }
    }
    std::array::from_fn(|i| if hidden[i] { Cell::Suppressed } else { Cell::Shown { count: counts[i], percent: 100.0 * counts[i] as f64 / n as f64 } })
}

fn quadrant_table(selected: &[&Opened]) -> QuadrantTable {
    let index = |l: Option<Level>| match l {
        Some(Level::Low) => 0,
        Some(Level::High) => 1,
        None => 2,
    };
    let mut counts = [[0u64; 3]; 3];
    for o in selected {
        counts[index(o.scores.quadrant.behaviour)][index(o.scores.quadrant.intention)] += 1;
    }
    let n = selected.len() as u64;
    let mut hidden = counts.map(|row| row.map(is_small));
    // One hidden cell in the whole table could be recovered from N: hide the smallest other one too.
    if hidden.iter().flatten().filter(|h| **h).count() == 1 {
        let others = (0..9).filter(|&k| !hidden[k / 3][k % 3] && counts[k / 3][k % 3] > 0);
        if let Some(k) = others.min_by_key(|&k| counts[k / 3][k % 3]) {
            hidden[k / 3][k % 3] = true;
        }
    }
    let cells =
        std::array::from_fn(|r| {
            std::array::from_fn(|c| {
                if hidden[r][c] {
                    Cell::Suppressed
                } else {
                    Cell::Shown { count: counts[r][c], percent: 100.0 * counts[r][c] as f64 / n as f64 }
                }
            })
        });
    QuadrantTable { cells, n }
}

impl GroupId {
    pub fn label(&self, q: &Questionnaire, lang: Lang) -> String {
        let am = AmTexts::get();
        match self {
            GroupId::Total => am.group_total.get(lang).to_string(),
            GroupId::Inclusive => am.group_inclusive.get(lang).to_string(),
            GroupId::Small => am.group_small.get(lang).to_string(),
            GroupId::Large => am.group_large.get(lang).to_string(),
            GroupId::Sector(id) => {
                q.item("sector").and_then(|i| q.options(i).iter().find(|o| &o.id == id)).map_or_else(|| id.clone(), |o| o.label.get(lang).to_string())
            }
        }
    }
}

/// A number with `decimals` as the user's language writes it: "12,5" in Dutch, "12.5" in English.
pub fn format_decimal(value: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{value:.decimals$}");
    if lang == Lang::Nl {
        s.replace('.', ",")
    } else {
        s
    }
}

impl IndicatorTable {
    /// Says how many organisations answered an older version of this indicator's questions, if
    /// any (as "<5" when that is few, like every small count).
    pub fn older_note(&self, lang: Lang) -> Option<String> {
        let am = AmTexts::get();
        let n = if is_small(self.older) { am.region_suppressed.get(lang).to_string() } else { self.older.to_string() };
        (self.older > 0).then(|| am.region_older.get(lang).replace("{n}", &n).replace("{v}", &self.since.to_string()))
    }
}

impl Cell {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Cell::Shown { percent, .. } => format_decimal(*percent, 1, lang),
            Cell::Suppressed => AmTexts::get().region_suppressed.get(lang).to_string(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::envelope::Envelope;
    use crate::model::Answers;

    /// An organisation with `employees` of whom `doelgroep` from a doelgroep (gedrag: 0 → rood,
    /// under 5 % → oranje, from 5 % → groen), in a sector, on a date.
    pub(crate) fn org(employees: u64, doelgroep: u64, sector: &str, date: &str) -> Opened {
        org_answering(Questionnaire::vio(), Questionnaire::vio(), employees, doelgroep, sector, date)
    }

    /// An organisation that answered questionnaire `answered`, opened by an app with `opened_by`.
    fn org_answering(answered: &Questionnaire, opened_by: &Questionnaire, employees: u64, doelgroep: u64, sector: &str, date: &str) -> Opened {
        let mut a = Answers::new();
        a.insert("medewerkers".into(), Answer::Number(employees));
        a.insert("doelgroep_totaal".into(), Answer::Number(doelgroep));
        a.insert("sector".into(), Answer::Text(sector.into()));
        a.insert("intentie".into(), Answer::Text(if doelgroep > 0 { "meer" } else { "gelijk" }.into()));
        a.insert("geschiktheid".into(), Answer::Text("redelijk".into()));
        if answered.item("gemeente").is_some() {
            a.insert("gemeente".into(), Answer::Text("Tilburg".into()));
        }
        Envelope::open(&Envelope::new(answered, date, Lang::Nl, a, vec![], None).to_padded_json(), opened_by).unwrap()
    }

    /// The next version of the VIO, in which the number of employees from the doelgroepen is asked
    /// differently (so gedrag cannot be compared with this version) and gemeente is no longer asked.
    fn vio_next() -> Questionnaire {
        let mut v: serde_json::Value = serde_json::from_str(include_str!("../data/vio.json")).unwrap();
        let next = Questionnaire::vio().version + 1;
        v["version"] = next.into();
        for section in v["sections"].as_array_mut().unwrap() {
            let items = section["items"].as_array_mut().unwrap();
            items.retain(|i| i["id"] != "gemeente");
            for item in items.iter_mut().filter(|i| i["id"] == "doelgroep_totaal") {
                item["since"] = next.into();
            }
        }
        Questionnaire::parse(&v.to_string()).unwrap()
    }

    fn gedrag(region: &Region) -> &IndicatorTable {
        match region {
            Region::Tables(t) => t.indicators.iter().find(|i| i.indicator == "gedrag_aandeel").unwrap(),
            _ => panic!("expected tables"),
        }
    }

    fn column<'a>(t: &'a IndicatorTable, g: &GroupId) -> &'a Column {
        t.columns.iter().find(|c| &c.group == g).unwrap()
    }

    pub(crate) fn ids() -> Vec<String> {
        vec!["gedrag_aandeel".into()]
    }

    /// 10 groen (all large), 5 oranje (large), 5 rood (small): 50 / 25 / 25 %.
    pub(crate) fn known_region() -> Vec<Opened> {
        let mut results: Vec<Opened> = (0..10).map(|_| org(100, 10, "C", "2025-03-01")).collect();
        results.extend((0..5).map(|_| org(100, 2, "C", "2025-03-01")));
        results.extend((0..5).map(|_| org(10, 0, "G", "2025-03-01")));
        results
    }

    #[test]
    fn known_proportions_come_out_exactly() {
        let region = aggregate(&known_region(), &Filter::default(), Questionnaire::vio(), &ids());
        let t = gedrag(&region);
        let total = column(t, &GroupId::Total);
        assert_eq!(total.n, 20);
        assert_eq!(
            total.cells.unwrap(),
            [Cell::Shown { count: 5, percent: 25.0 }, Cell::Shown { count: 5, percent: 25.0 }, Cell::Shown { count: 10, percent: 50.0 }]
        );
        let inclusive = column(t, &GroupId::Inclusive);
        assert_eq!(inclusive.n, 15);
        // Large organisations have far more groen than small ones: significant with a large effect.
        let large = column(t, &GroupId::Large);
        assert_eq!(large.marker, Some(Marker::StrongUp));
        assert_eq!(column(t, &GroupId::Small).marker, Some(Marker::StrongDown));
        let Region::Tables(tables) = &region else { unreachable!() };
        assert_eq!(tables.quadrant.n, 20);
        assert_eq!(tables.questionnaire_versions.iter().copied().collect::<Vec<_>>(), [Questionnaire::vio().version]);
    }

    #[test]
    fn versions_are_combined_only_where_the_questions_match() {
        let v1 = Questionnaire::vio();
        let v2 = vio_next();
        let (old, new) = (v1.version, v2.version);
        let mut results: Vec<Opened> = (0..10).map(|_| org_answering(v1, &v2, 100, 10, "C", "2025-03-01")).collect();
        results.extend((0..12).map(|_| org_answering(&v2, &v2, 100, 0, "C", "2026-03-01")));
        // Version 1's answer to a question that has gone is left out, and its scores are not
        // "tampered with" for being made by version 1's rules.
        assert!(results.iter().all(|o| !o.envelope.answers.contains_key("gemeente") && !o.scores_mismatch));
        let all: Vec<String> = v2.indicators().map(|i| i.id.to_string()).collect();
        let Region::Tables(t) = aggregate(&results, &Filter::default(), &v2, &all) else { panic!("22 results give tables") };
        assert_eq!(t.questionnaire_versions.iter().copied().collect::<Vec<_>>(), [old, new]);
        let gedrag = t.indicators.iter().find(|i| i.indicator == "gedrag_aandeel").unwrap();
        assert_eq!((gedrag.since, gedrag.older), (new, 10));
        assert_eq!(
            gedrag.older_note(Lang::Nl).unwrap(),
            format!("10 organisaties vulden een oudere versie van deze vragen in (van vóór versie {new}). Hun antwoorden tellen hier niet mee; ze staan bij Onbekend.")
        );
        // Only version 2's twelve count (all rood: no one from the doelgroepen); version 1's ten are
        // onbekend, not their old groen.
        let total = column(gedrag, &GroupId::Total);
        assert_eq!((total.n, total.onbekend), (12, 10));
        assert_eq!(total.cells.unwrap()[0], Cell::Shown { count: 12, percent: 100.0 });
        // The intention's light reads the doelgroep count too ("evenveel" with nobody is rood), so
        // it is as new as that question.
        let intentie = t.indicators.iter().find(|i| i.indicator == "intentie_richting").unwrap();
        assert_eq!((intentie.since, intentie.older), (new, 10));
        // Indicators whose questions did not change combine all 22.
        let suitable = t.indicators.iter().find(|i| i.indicator == "belemmering_geschiktheid").unwrap();
        assert_eq!((suitable.older, suitable.older_note(Lang::Nl)), (0, None));
        assert_eq!(column(suitable, &GroupId::Total).n, 22);
    }

    #[test]
    fn a_filter_takes_whole_dates_only() {
        assert_eq!(Filter::from_input(" ", "", ""), Some(Filter::default()));
        let f = Filter::from_input("C", "2025-03-01", " 2025-04-30 ").unwrap();
        assert_eq!((f.sector.as_deref(), f.from.as_deref(), f.to.as_deref()), (Some("C"), Some("2025-03-01"), Some("2025-04-30")));
        for half in ["2025-03", "2025-3-1", "01-03-2025", "2025-13-01"] {
            assert_eq!(Filter::from_input("", half, ""), None, "{half}");
        }
    }

    #[test]
    fn a_region_of_four_shows_nothing() {
        let results: Vec<Opened> = (0..4).map(|i| org(100, i, "C", "2025-01-01")).collect();
        assert_eq!(aggregate(&results, &Filter::default(), Questionnaire::vio(), &ids()), Region::TooFew);
    }

    #[test]
    fn small_groups_and_cells_are_suppressed_also_against_totaal() {
        // 9 organisations, of which 6 large (groen) and 3 small: the small group is hidden, and since
        // Totaal − Large = 3, Large is hidden too (else Small could be recovered by subtraction).
        let mut results: Vec<Opened> = (0..6).map(|_| org(100, 10, "C", "2025-01-01")).collect();
        results.extend((0..3).map(|_| org(10, 0, "C", "2025-01-01")));
        let region = aggregate(&results, &Filter::default(), Questionnaire::vio(), &ids());
        let t = gedrag(&region);
        assert_eq!(column(t, &GroupId::Small).cells, None);
        assert_eq!(column(t, &GroupId::Large).cells, None);
        // In Totaal, rood = 3 is hidden, and one more so it cannot be recovered from N = 9.
        let cells = column(t, &GroupId::Total).cells.unwrap();
        assert_eq!(cells.iter().filter(|c| **c == Cell::Suppressed).count(), 2);
        assert_eq!(cells[0], Cell::Suppressed);
    }

    #[test]
    fn two_overlapping_filters_cannot_isolate_one_employer() {
        // Sector C has 6 organisations; in 2025 it has 5. Each filter alone would show ≥ 5, but their
        // difference is the one 2024 employer in sector C.
        let mut results: Vec<Opened> = (0..5).map(|_| org(100, 10, "C", "2025-06-01")).collect();
        results.push(org(100, 0, "C", "2024-06-01"));
        results.extend((0..10).map(|_| org(50, 5, "G", "2025-06-01")));
        let sector = Filter { sector: Some("C".into()), ..Filter::default() };
        assert!(matches!(aggregate(&results, &sector, Questionnaire::vio(), &ids()), Region::Tables(_)));
        let sector_2025 = Filter { from: Some("2025-01-01".into()), ..sector.clone() };
        assert_eq!(aggregate(&results, &sector_2025, Questionnaire::vio(), &ids()), Region::TooFew);
        // 2025 over all sectors differs from the whole region by exactly that one employer too.
        let all_2025 = Filter { from: Some("2025-01-01".into()), ..Filter::default() };
        assert_eq!(aggregate(&results, &all_2025, Questionnaire::vio(), &ids()), Region::TooFew);
    }

    #[test]
    fn two_views_in_one_session_cannot_differ_by_a_few_organisations() {
        // 30 organisations: 5 of sector C in February, 2 of G on 1 March, 18 of C on 10 March and 5
        // of G in May. Every view below passes the check against its own coarser selections.
        let mut results: Vec<Opened> = (0..5).map(|_| org(100, 10, "C", "2025-02-15")).collect();
        results.extend((0..2).map(|_| org(10, 0, "G", "2025-03-01")));
        results.extend((0..18).map(|_| org(100, 2, "C", "2025-03-10")));
        results.extend((0..5).map(|_| org(10, 1, "G", "2025-05-15")));
        let keys: Vec<u64> = (0..results.len() as u64).collect();
        let q = Questionnaire::vio();
        let show = |audit: &mut Audit, f: &Filter| aggregate_in_session(&results, &keys, f, q, &ids(), audit);
        let shown = |audit: &mut Audit, f: &Filter| matches!(show(audit, f), Region::Tables(_));
        let period = |from: &str, to: &str| Filter { from: Some(from.into()), to: Some(to.into()), ..Filter::default() };
        let sector_c = Filter { sector: Some("C".into()), ..Filter::default() };
        for f in [period("2025-03-01", "2025-04-30"), period("2025-03-02", "2025-04-30"), period("2025-02-01", "2025-04-30"), sector_c.clone()] {
            assert!(matches!(aggregate(&results, &f, q, &ids()), Region::Tables(_)), "{f:?} alone is shown");
        }

        // Two date ranges a day apart: together they would give the two employers of 1 March.
        let mut audit = Audit::default();
        assert!(shown(&mut audit, &period("2025-03-01", "2025-04-30")));
        assert_eq!(show(&mut audit, &period("2025-03-02", "2025-04-30")), Region::CloseToEarlier);
        // The same view again, and one that differs by five or more, are shown.
        assert!(shown(&mut audit, &period("2025-03-01", "2025-04-30")));
        assert!(shown(&mut audit, &period("2025-02-01", "2025-04-30")));

        // A sector filter and a period filter: sector C (23) and February to April (25) differ by
        // the same two employers, whichever is shown first.
        let mut audit = Audit::default();
        assert!(shown(&mut audit, &sector_c));
        assert_eq!(show(&mut audit, &period("2025-02-01", "2025-04-30")), Region::CloseToEarlier);
        let mut audit = Audit::default();
        assert!(shown(&mut audit, &period("2025-02-01", "2025-04-30")));
        assert_eq!(show(&mut audit, &sector_c), Region::CloseToEarlier);
        // The order of the keys does not matter, only which results a view shows.
        assert_eq!(symmetric_difference(&[1, 2, 3], &[2, 3, 4, 5]), 3);
    }

    #[test]
    fn synthetic_regions_aggregate_to_shares_that_add_up() {
        let q = Questionnaire::vio();
        let results: Vec<Opened> = crate::synth::synthetic_results(q, 3, 400).iter().map(|e| Envelope::open(&e.to_padded_json(), q).unwrap()).collect();
        let all_ids: Vec<String> = q.indicators().map(|i| i.id.to_string()).collect();
        let Region::Tables(t) = aggregate(&results, &Filter::default(), q, &all_ids) else { panic!("400 results give tables") };
        assert_eq!(t.n, 400);
        for ind in &t.indicators {
            let total = column(ind, &GroupId::Total);
            assert_eq!(total.n + total.onbekend, 400, "{}", ind.indicator);
            if let Some(cells) = total.cells {
                let shown: f64 = cells.iter().map(|c| if let Cell::Shown { percent, .. } = c { *percent } else { 0.0 }).sum();
                if cells.iter().all(|c| matches!(c, Cell::Shown { .. })) {
                    assert!((shown - 100.0).abs() < 1e-9, "{}", ind.indicator);
                }
            }
        }
        // The synthetic inclusive organisations really are more often groen on gedrag.
        assert_eq!(column(gedrag(&Region::Tables(t.clone())), &GroupId::Inclusive).marker, Some(Marker::StrongUp));
    }
}
