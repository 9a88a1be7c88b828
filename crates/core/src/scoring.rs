//! Answers → scores. Pure and deterministic: the same answers and questionnaire version give the same
//! scorecard natively and in every browser (integer scores, exact integer comparisons for shares).
//!
//! Indicator: a score 0–100 and a traffic light with its reason; onbekend when a mean or count rule
//! rests on fewer than half of its applicable items. Factor: the rounded mean of its scored indicators
//! that enter it (`in_factor`), the light from the thresholds, or "onvoldoende gegevens" when fewer
//! than half of them could be scored; with the number of questions it rests on.

use serde::{Deserialize, Serialize};

use crate::model::Light;
use crate::model::{Answer, Answers};
use crate::questionnaire::{Indicator, Questionnaire, Read, Rule, Unscored};
use crate::text::Lang;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorScore {
    pub id: String,
    pub light: Light,
    pub score: Option<u8>,
    /// For share rules: the share in percent, shown in the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// For case rules: which case matched (its reason is the reason).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum FactorStatus {
    Scored { score: u8, light: Light },
    InsufficientData,
}

impl FactorStatus {
    pub fn light(self) -> Light {
        match self {
            FactorStatus::Scored { light, .. } => light,
            FactorStatus::InsufficientData => Light::Onbekend,
        }
    }

    pub fn score(self) -> Option<u8> {
        match self {
            FactorStatus::Scored { score, .. } => Some(score),
            FactorStatus::InsufficientData => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactorScore {
    pub id: String,
    #[serde(flatten)]
    pub status: FactorStatus,
    pub indicators: Vec<IndicatorScore>,
    /// The questions this factor's indicators read that were answered (not "weet ik niet"), out of
    /// those asked that apply (shown, and not "niet van toepassing"). Absent in version 1 files.
    #[serde(default)]
    pub answered: u16,
    #[serde(default)]
    pub asked: u16,
}

impl FactorScore {
    /// The indicator whose reason explains the factor's light: one with the same light (the lowest
    /// scored of those), else the lowest scored one.
    pub fn leading_indicator(&self) -> Option<&IndicatorScore> {
        let q = Questionnaire::vio();
        let enters = |i: &&IndicatorScore| q.indicator(&i.id).is_none_or(|d| d.in_factor);
        let scored = || self.indicators.iter().filter(enters).filter(|i| i.score.is_some());
        scored().filter(|i| i.light == self.status.light()).min_by_key(|i| i.score).or_else(|| scored().min_by_key(|i| i.score))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    High,
}

/// Behaviour (geen/weinig vs veel) × intention (gelijk/minder vs meer); `None` is onbekend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quadrant {
    pub behaviour: Option<Level>,
    pub intention: Option<Level>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub factors: Vec<FactorScore>,
    /// An inclusieve organisatie has at least one employee from a doelgroep; `None` when unknown.
    pub inclusive: Option<bool>,
    pub quadrant: Quadrant,
}

impl Scorecard {
    pub fn factor(&self, id: &str) -> Option<&FactorScore> {
        self.factors.iter().find(|f| f.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&IndicatorScore> {
        self.factors.iter().flat_map(|f| &f.indicators).find(|i| i.id == id)
    }

    /// Factors in the order their advice is shown: rood, then oranje, then groen, then those without
    /// enough data; within a colour the definition's order, which puts gedrag and intentie first
    /// because they frame the situation.
    pub fn advice_order(&self) -> Vec<&FactorScore> {
        Light::ALL.iter().flat_map(|&light| self.factors.iter().filter(move |f| f.status.light() == light)).collect()
    }
}

/// An indicator's light among those scored so far; onbekend before it is scored.
fn light_of(lights: &[(&str, Light)], id: &str) -> Light {
    lights.iter().find(|(seen, _)| *seen == id).map_or(Light::Onbekend, |(_, light)| *light)
}

impl Questionnaire {
    pub fn score(&self, answers: &Answers) -> Scorecard {
        // A list, not a HashMap: a few dozen indicators are found as fast by a scan, and the map's
        // code would be one more copy of hashbrown in the employer's later wasm.
        let mut lights: Vec<(&str, Light)> = Vec::new();
        let mut factors = Vec::with_capacity(self.factors.len());
        for factor in self.factors.iter() {
            let mut indicators = Vec::with_capacity(factor.indicators.len());
            for ind in factor.indicators.iter() {
                let s = self.score_indicator(ind, answers, &|id| light_of(&lights, id));
                lights.push((&ind.id, s.light));
                indicators.push(s);
            }
            let entering = || factor.indicators.iter().zip(&indicators).filter(|(d, _)| d.in_factor).map(|(_, s)| s);
            let scored: Vec<u32> = entering().filter_map(|i| i.score.map(u32::from)).collect();
            let status = if scored.is_empty() || scored.len() * 2 < entering().count() {
                FactorStatus::InsufficientData
            } else {
                let score = rounded_mean(&scored);
                FactorStatus::Scored { score, light: self.thresholds.light(score) }
            };
            let (answered, asked) = self.answered_of(factor.indicators.iter().map(|i| &i.rule), answers);
            factors.push(FactorScore { id: factor.id.to_string(), status, indicators, answered, asked });
        }
        let inclusive = match self.scorable_answer(&self.inclusive.item, answers) {
            Some(Answer::Number(n)) => Some(*n >= self.inclusive.at_least),
            _ => None,
        };
        let qr = &self.quadrant;
        let behaviour_light = light_of(&lights, &qr.behaviour_indicator);
        let behaviour = level(qr.behaviour_high.contains(&behaviour_light), qr.behaviour_low.contains(&behaviour_light));
        let intention = match self.scorable_answer(&qr.intention_item, answers) {
            Some(Answer::Text(t)) => level(qr.intention_high.iter().any(|o| o == t), qr.intention_low.iter().any(|o| o == t)),
            _ => None,
        };
        Scorecard { factors, inclusive, quadrant: Quadrant { behaviour, intention } }
    }

    fn score_indicator(&self, ind: &Indicator, answers: &Answers, light_of: &dyn Fn(&str) -> Light) -> IndicatorScore {
        let mut out = IndicatorScore { id: ind.id.to_string(), light: Light::Onbekend, score: None, percent: None, case: None };
        match &ind.rule {
            Rule::Mean { items } => {
                let scores: Vec<u32> = items.iter().filter_map(|id| self.option_score(id, answers)).collect();
                if !scores.is_empty() && self.rests_on_enough(items, answers) {
                    let score = rounded_mean(&scores);
                    out.score = Some(score);
                    out.light = self.thresholds.light(score);
                }
            }
            Rule::Ratio { numerator, denominator, groen_from_percent } => {
                if let (Some(Answer::Number(n)), Some(Answer::Number(d))) =
                    (self.scorable_answer(numerator, answers), self.scorable_answer(denominator, answers))
                {
                    if *d > 0 {
                        // Compared in integers-as-f64 (exact below 2^53) so that exactly 5 % is groen everywhere.
                        out.light = if *n == 0 {
                            Light::Rood
                        } else if (*n as f64) * 100.0 >= groen_from_percent * (*d as f64) {
                            Light::Groen
                        } else {
                            Light::Oranje
                        };
                        out.percent = Some(*n as f64 * 100.0 / *d as f64);
                        out.score = self.light_scores.of(out.light);
                    }
                }
            }
            Rule::Cases(cases) => {
                if let Some((i, case)) = cases.iter().enumerate().find(|(_, c)| self.holds(&c.when, answers, light_of)) {
                    out.case = Some(i);
                    out.light = case.light;
                    out.score = self.light_scores.of(case.light);
                }
            }
            Rule::Count { items, cases } => {
                let count = |of: &[crate::questionnaire::Str]| {
                    items.iter().filter(|id| matches!(self.scorable_answer(id, answers), Some(Answer::Text(t)) if of.iter().any(|o| o == t))).count()
                };
                let answered = items.iter().any(|id| self.option_score(id, answers).is_some());
                if answered && self.rests_on_enough(items, answers) {
                    if let Some((i, case)) = cases.iter().enumerate().find(|(_, c)| count(&c.of) >= usize::from(c.at_least)) {
                        out.case = Some(i);
                        out.light = case.light;
                        out.score = self.light_scores.of(case.light);
                    }
                }
            }
        }
        out
    }

    /// How an answer to an item counts: `None` when the item is hidden or does not apply to this
    /// organisation ("niet van toepassing"), `Some(false)` when unanswered or "weet ik niet".
    fn answered(&self, id: &str, answers: &Answers) -> Option<bool> {
        let item = self.item(id)?;
        if !self.is_visible(item, answers) {
            return None;
        }
        let Some(answer) = answers.get(id) else { return Some(false) };
        match self.chosen(item, Some(answer)).and_then(|o| o.unscored) {
            Some(Unscored::NotApplicable) => None,
            Some(Unscored::Unknown) => Some(false),
            None => Some(true),
        }
    }

    /// A mean or count over fewer than half of the items that apply says too little: one "geen druk"
    /// beside eight "weet ik niet" is no rood.
    fn rests_on_enough(&self, items: &[crate::questionnaire::Str], answers: &Answers) -> bool {
        let counted: Vec<bool> = items.iter().filter_map(|id| self.answered(id, answers)).collect();
        counted.iter().filter(|a| **a).count() * 2 >= counted.len()
    }

    /// The distinct questions these rules read: how many were answered, out of how many apply.
    fn answered_of<'a>(&'a self, rules: impl Iterator<Item = &'a Rule>, answers: &Answers) -> (u16, u16) {
        let mut items: Vec<&str> = Vec::new();
        for rule in rules {
            self.rule_reads(rule, &mut |read| {
                if let Read::Item(id) = read {
                    if !items.contains(&id) {
                        items.push(id);
                    }
                }
            });
        }
        let counted: Vec<bool> = items.iter().filter_map(|id| self.answered(id, answers)).collect();
        (counted.iter().filter(|a| **a).count() as u16, counted.len() as u16)
    }

    /// The option's score (mirrored for reversed items), or `None` when unanswered, hidden or unscored.
    fn option_score(&self, id: &str, answers: &Answers) -> Option<u32> {
        let item = self.item(id)?;
        let Some(Answer::Text(chosen)) = self.scorable_answer(id, answers) else { return None };
        let s = self.options(item).iter().find(|o| &o.id == chosen)?.score?;
        Some(u32::from(if item.reverse { 100 - s } else { s }))
    }

    /// The reason sentence for an indicator's light, with `{score}` and `{percent}` filled in.
    pub fn reason(&self, s: &IndicatorScore, lang: Lang) -> String {
        let Some(ind) = self.indicator(&s.id) else { return String::new() };
        let template = match (&ind.rule, s.case) {
            (Rule::Cases(cases), Some(i)) => cases.get(i).map(|c| &c.reason),
            (Rule::Count { cases, .. }, Some(i)) => cases.get(i).map(|c| &c.reason),
            _ => ind.reasons.of(s.light),
        };
        let mut text = template.map_or("", |t| t.get(lang)).to_string();
        if let Some(score) = s.score {
            text = text.replace("{score}", &score.to_string());
        }
        if let Some(p) = s.percent {
            text = text.replace("{percent}", &format_percent(p, lang));
        }
        text
    }
}

fn level(high: bool, low: bool) -> Option<Level> {
    match (high, low) {
        (true, _) => Some(Level::High),
        (false, true) => Some(Level::Low),
        _ => None,
    }
}

/// Mean of 0–100 scores, rounded half up, so that lights are decided on the number the user sees.
fn rounded_mean(scores: &[u32]) -> u8 {
    let n = scores.len() as u32;
    let sum: u32 = scores.iter().sum();
    ((2 * sum + n) / (2 * n)).min(100) as u8
}

/// "3,5 %" in Dutch, "3.5 %" in English; whole numbers from 10 % on.
pub fn format_percent(p: f64, lang: Lang) -> String {
    // Rounded in integers: core's decimal float formatting is 5 KB of wasm that only this used.
    if p >= 10.0 {
        return format!("{} %", p.round() as u64);
    }
    let tenths = (p * 10.0).round() as u64;
    let point = if lang == Lang::Nl { ',' } else { '.' };
    format!("{}{point}{} %", tenths / 10, tenths % 10)
}
