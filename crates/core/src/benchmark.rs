//! The regional benchmark an employer sees on their result: per indicator how the organisations of
//! the region are spread over rood, oranje and groen, for the whole region and per size class. The
//! accountmanager's regional analysis writes it (`benchmark.json`, only numbers the analysis itself
//! shows, so already suppressed); a gemeente puts it in its `config.json` ([`crate::site`]), where
//! it is checked like everything else in that file.

use serde::{Deserialize, Serialize};

use crate::model::{is_small_organisation, Answers, Light};
use crate::questionnaire::Questionnaire;
use crate::region::{Cell, GroupId, Tables, MIN_ORGANISATIONS};

/// Which organisations a row counts: the deck's size split, the same as the regional tables'.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// Every organisation in the benchmark.
    Regio,
    /// Fewer than [`crate::model::SMALL_BELOW`] employees.
    Klein,
    Groot,
}

impl Group {
    /// The size class of an employer, as the regional tables count it.
    pub fn of(answers: &Answers) -> Option<Group> {
        is_small_organisation(answers).map(|small| if small { Group::Klein } else { Group::Groot })
    }
}

/// One indicator for one group, in whole percent of the organisations with a known light.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub indicator: String,
    pub group: Group,
    /// Organisations in the group with a known light for this indicator.
    pub n: u64,
    /// `None` where the regional analysis suppressed the count (a small count, or one that could be
    /// worked out from the others).
    pub rood: Option<u8>,
    pub oranje: Option<u8>,
    pub groen: Option<u8>,
}

impl Row {
    pub fn share(&self, light: Light) -> Option<u8> {
        match light {
            Light::Rood => self.rood,
            Light::Oranje => self.oranje,
            Light::Groen => self.groen,
            Light::Onbekend => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    /// The first and last date on which a counted result was completed (`JJJJ-MM-DD`).
    pub from: String,
    pub to: String,
    /// The organisations counted in all.
    pub organisations: u64,
    pub rows: Vec<Row>,
}

/// Why a benchmark is not used (the whole config is then not used: [`crate::site`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchmarkError {
    Period,
    /// A row for an indicator this questionnaire does not have (a benchmark of another version).
    UnknownIndicator,
    /// Fewer than [`MIN_ORGANISATIONS`]: no regional analysis shows that, so the file was edited.
    TooFew,
    /// A share above 100, or shares that add up to more than 100 (rounding allows 101).
    Shares,
    /// The same indicator and group twice: which one would the employer see?
    Twice,
}

impl Benchmark {
    /// The benchmark of regional tables made without a sector filter: the groups Totaal, < 25 and
    /// ≥ 25 as the tables show them, nothing the tables suppress.
    pub fn of(tables: &Tables) -> Benchmark {
        let percent = |c: &Cell| match c {
            Cell::Shown { percent, .. } => Some(percent.round() as u8),
            Cell::Suppressed => None,
        };
        let rows = tables
            .indicators
            .iter()
            .flat_map(|table| {
                table.columns.iter().filter_map(|column| {
                    let group = match column.group {
                        GroupId::Total => Group::Regio,
                        GroupId::Small => Group::Klein,
                        GroupId::Large => Group::Groot,
                        GroupId::Inclusive | GroupId::Sector(_) => return None,
                    };
                    let [rood, oranje, groen] = column.cells.as_ref()?.each_ref().map(percent);
                    Some(Row { indicator: table.indicator.clone(), group, n: column.n, rood, oranje, groen })
                })
            })
            .collect();
        Benchmark { from: tables.period.0.clone(), to: tables.period.1.clone(), organisations: tables.n, rows }
    }

    /// Whether this benchmark can be shown with questionnaire `q`.
    pub fn check(&self, q: &Questionnaire) -> Result<(), BenchmarkError> {
        let date = |d: &str| crate::envelope::is_date(d);
        if !date(&self.from) || !date(&self.to) || self.from > self.to {
            return Err(BenchmarkError::Period);
        }
        for (k, row) in self.rows.iter().enumerate() {
            if q.indicator(&row.indicator).is_none() {
                return Err(BenchmarkError::UnknownIndicator);
            }
            if row.n < MIN_ORGANISATIONS || row.n > self.organisations {
                return Err(BenchmarkError::TooFew);
            }
            let shares = [row.rood, row.oranje, row.groen].map(|s| u32::from(s.unwrap_or(0)));
            if shares.iter().sum::<u32>() > 101 {
                return Err(BenchmarkError::Shares);
            }
            if self.rows[..k].iter().any(|r| r.indicator == row.indicator && r.group == row.group) {
                return Err(BenchmarkError::Twice);
            }
        }
        Ok(())
    }

    pub fn row(&self, indicator: &str, group: Group) -> Option<&Row> {
        self.rows.iter().find(|r| r.indicator == indicator && r.group == group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::{Envelope, Opened};
    use crate::model::SMALL_BELOW;
    use crate::region::{aggregate, Filter, Region};
    use crate::{Answer, Lang};

    fn row(indicator: &str, group: Group, n: u64, shares: [Option<u8>; 3]) -> Row {
        let [rood, oranje, groen] = shares;
        Row { indicator: indicator.into(), group, n, rood, oranje, groen }
    }

    /// `n` organisations of `employees` each, `groen` of them groen for the intention (they want
    /// more people from the doelgroepen) and the rest rood (they want fewer).
    fn results(q: &Questionnaire, n: usize, groen: usize, employees: u64) -> Vec<Opened> {
        (0..n)
            .map(|k| {
                let intention = if k < groen { "meer" } else { "minder" };
                let answers = Answers::from([("medewerkers".to_string(), Answer::Number(employees)), ("intentie".to_string(), Answer::Text(intention.into()))]);
                let e = Envelope::new(q, &format!("2026-0{}-1{}", 1 + k % 9, k % 10), Lang::Nl, answers, vec![], None);
                Envelope::open(&e.to_padded_json(), q).unwrap()
            })
            .collect()
    }

    fn benchmark_of(results: &[Opened]) -> Benchmark {
        let q = Questionnaire::vio();
        let ids: Vec<String> = q.indicators().map(|i| i.id.to_string()).collect();
        let Region::Tables(tables) = aggregate(results, &Filter::default(), q, &ids) else { panic!("enough results for tables") };
        Benchmark::of(&tables)
    }

    #[test]
    fn a_benchmark_carries_the_proportions_the_tables_show() {
        let q = Questionnaire::vio();
        // 20 small organisations (15 groen), 10 large (5 groen): known proportions.
        let mut all = results(q, 20, 15, 10);
        all.extend(results(q, 10, 5, 80));
        let b = benchmark_of(&all);
        assert_eq!((b.organisations, b.from.as_str(), b.to.as_str()), (30, "2026-01-10", "2026-09-18"));
        let shares = |group| b.row("intentie_richting", group).map(|r| (r.n, r.rood, r.oranje, r.groen));
        assert_eq!(shares(Group::Regio), Some((30, Some(33), Some(0), Some(67))));
        assert_eq!(shares(Group::Klein), Some((20, Some(25), Some(0), Some(75))));
        assert_eq!(shares(Group::Groot), Some((10, Some(50), Some(0), Some(50))));
        assert_eq!(b.check(q), Ok(()));
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(serde_json::from_str::<Benchmark>(&json).unwrap(), b);
    }

    #[test]
    fn a_benchmark_carries_nothing_the_tables_suppress() {
        let q = Questionnaire::vio();
        // 8 large organisations, 2 of them groen: 2 is suppressed, and so is a second count, so the
        // 2 cannot be worked out; the small ones' groen then differs from the region's by 2 as well.
        let mut all = results(q, 20, 15, 10);
        all.extend(results(q, 8, 2, 80));
        let b = benchmark_of(&all);
        let groot = b.row("intentie_richting", Group::Groot).expect("8 large ones are enough for a row");
        assert_eq!((groot.n, groot.groen), (8, None));
        assert_eq!([groot.rood, groot.oranje].iter().filter(|s| s.is_none()).count(), 1);
        assert_eq!(b.row("intentie_richting", Group::Klein).map(|r| r.groen), Some(None));
        // Four large ones: no row at all, and none for the small ones (the region minus four).
        let mut few = results(q, 20, 15, 10);
        few.extend(results(q, 4, 2, 80));
        let b = benchmark_of(&few);
        assert_eq!(b.row("intentie_richting", Group::Groot), None);
        assert_eq!(b.row("intentie_richting", Group::Klein), None);
        assert!(b.row("intentie_richting", Group::Regio).is_some());
        assert_eq!(b.check(q), Ok(()));
    }

    #[test]
    fn a_benchmark_that_no_analysis_could_have_written_is_refused() {
        let q = Questionnaire::vio();
        let id = q.indicators().next().unwrap().id.to_string();
        let ok = Benchmark {
            from: "2026-01-01".into(),
            to: "2026-06-30".into(),
            organisations: 41,
            rows: vec![row(&id, Group::Regio, 41, [Some(20), Some(24), Some(56)])],
        };
        assert_eq!(ok.check(q), Ok(()));
        let with = |f: &dyn Fn(&mut Benchmark)| {
            let mut b = ok.clone();
            f(&mut b);
            b.check(q)
        };
        assert_eq!(with(&|b| b.to = "2025-12-31".into()), Err(BenchmarkError::Period));
        assert_eq!(with(&|b| b.from = "1-1-2026".into()), Err(BenchmarkError::Period));
        assert_eq!(with(&|b| b.rows[0].indicator = "bestaat_niet".into()), Err(BenchmarkError::UnknownIndicator));
        assert_eq!(with(&|b| b.rows[0].n = MIN_ORGANISATIONS), Ok(()));
        assert_eq!(with(&|b| b.rows[0].n = MIN_ORGANISATIONS - 1), Err(BenchmarkError::TooFew));
        assert_eq!(with(&|b| b.rows[0].n = 42), Err(BenchmarkError::TooFew), "more than were counted");
        assert_eq!(with(&|b| b.rows[0].groen = Some(57)), Ok(()), "rounding: 101");
        assert_eq!(with(&|b| b.rows[0].groen = Some(58)), Err(BenchmarkError::Shares));
        assert_eq!(with(&|b| b.rows.push(b.rows[0].clone())), Err(BenchmarkError::Twice));
        assert_eq!(with(&|b| b.rows.push(row(&id, Group::Klein, 20, [None, None, Some(60)]))), Ok(()));
    }

    #[test]
    fn the_size_class_follows_the_deck_split() {
        let with = |n: u64| Group::of(&Answers::from([("medewerkers".to_string(), Answer::Number(n))]));
        assert_eq!(with(SMALL_BELOW - 1), Some(Group::Klein));
        assert_eq!(with(SMALL_BELOW), Some(Group::Groot));
        assert_eq!(Group::of(&Answers::new()), None);
    }
}
