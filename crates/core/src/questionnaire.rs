//! The questionnaire definition: one JSON file (`data/vio.json`) is the single source of truth for
//! every section, item, answer scale, scoring rule, threshold, reason and advice. Changing a text or a
//! threshold never touches Rust. The file's types are in `definition`; this module checks that it
//! holds together (every reference resolves), so a broken edit fails `cargo test`, not a user, and
//! answers the questions the rest of the core asks of it.
//!
//! The app does not parse the file: `build.rs` bakes it into the static [`Questionnaire::vio`]
//! returns, because reading 61 KB of JSON at start-up took code (serde's readers for every type
//! here) that was larger than the data itself. [`Questionnaire::parse`] reads the same file for the
//! tests, which check the static and edited copies of it.

pub use crate::definition::*;
use crate::model::{Light, QuestionnaireRef};
use crate::text::Text;

#[cfg(test)]
const VIO_JSON: &str = include_str!("../data/vio.json");

include!(concat!(env!("OUT_DIR"), "/vio.rs"));

impl Thresholds {
    pub fn light(&self, score: u8) -> Light {
        if score >= self.groen_from {
            Light::Groen
        } else if score >= self.oranje_from {
            Light::Oranje
        } else {
            Light::Rood
        }
    }
}

impl LightScores {
    pub fn of(&self, light: Light) -> Option<u8> {
        match light {
            Light::Rood => Some(self.rood),
            Light::Oranje => Some(self.oranje),
            Light::Groen => Some(self.groen),
            Light::Onbekend => None,
        }
    }
}

impl Reasons {
    pub fn of(&self, light: Light) -> Option<&Text> {
        match light {
            Light::Rood => self.rood.as_ref(),
            Light::Oranje => self.oranje.as_ref(),
            Light::Groen => self.groen.as_ref(),
            Light::Onbekend => Some(&self.onbekend),
        }
    }
}

impl Guidance {
    /// The compiled-in guidance, written by `build.rs` from `data/vio.json`.
    pub fn vio() -> &'static Guidance {
        &GUIDANCE
    }

    /// Reads each factor's `advice`, `first_steps` and `checks` from the definition file and checks
    /// them against the questionnaire.
    pub fn parse(json: &str, q: &Questionnaire) -> Result<Guidance, String> {
        let g = Guidance::from_json(json)?;
        g.check(q)?;
        Ok(g)
    }

    /// The advice of a factor.
    pub fn advice_of(&self, factor: &str) -> Option<&Advice> {
        self.advice.iter().find(|a| a.factor == factor)
    }

    fn check(&self, q: &Questionnaire) -> Result<(), String> {
        let indicators: Vec<&str> = q.indicators().map(|i| &*i.id).collect();
        let factors: Vec<&str> = q.factors.iter().map(|f| &*f.id).collect();
        let everything = Scope { indicators: &indicators, factors: &factors };
        if self.advice.iter().map(|a| &*a.factor).ne(factors.iter().copied()) {
            return Err("every factor needs its advice, in the factors' order".into());
        }
        for a in self.advice.iter() {
            for c in a.why.iter().chain(a.offers.iter()) {
                if let Some(when) = &c.when {
                    q.check_condition(when, &a.factor, everything)?;
                }
            }
            if a.why.last().is_none_or(|w| w.when.is_some()) {
                return Err(format!("{}: the last advice \"why\" must hold always", a.factor));
            }
        }
        for step in self.first_steps.iter() {
            if !factors.contains(&&*step.factor) {
                return Err(format!("first step {}: unknown factor {}", step.id, step.factor));
            }
            if let Some(when) = &step.when {
                q.check_condition(when, &step.id, everything)?;
            }
        }
        if self.first_steps.len() < 2 || self.first_steps.iter().rev().take(2).any(|s| s.when.is_some()) {
            return Err("the last two first steps must hold always, so every employer gets two".into());
        }
        self.checks.iter().try_for_each(|c| q.check_condition(&c.when, &c.id, everything))
    }
}

/// The deck's wording of an indicator's lights, if the deck has a row for it.
pub fn deck_labels(indicator: &str) -> Option<&'static LightLabels> {
    DECK_LABELS.iter().find(|(id, _)| id == indicator).map(|(_, l)| l)
}

impl Conversation {
    /// The compiled-in het goede gesprek, written by `build.rs` from `data/vio.json`.
    pub fn vio() -> &'static Conversation {
        &CONVERSATION
    }

    /// Reads `conversation` from the definition file and checks it against the questionnaire.
    pub fn parse(json: &str, q: &Questionnaire) -> Result<Conversation, String> {
        let c = Conversation::from_json(json)?;
        c.check(q)?;
        Ok(c)
    }

    pub fn goal(&self, step: &str) -> Option<&Text> {
        self.goals.iter().find(|g| g.step == step).map(|g| &g.goal)
    }

    fn check(&self, q: &Questionnaire) -> Result<(), String> {
        for d in self.diagnosis.iter() {
            for item in d.facts.iter() {
                q.check_item(item, &d.id)?;
            }
            if let Some(i) = d.indicators.iter().find(|i| q.indicator(i).is_none()) {
                return Err(format!("{}: unknown indicator {i}", d.id));
            }
        }
        match Guidance::vio().first_steps.iter().find(|s| self.goal(&s.id).is_none()) {
            Some(s) => Err(format!("first step {} needs a goal in conversation.goals", s.id)),
            None => Ok(()),
        }
    }
}

impl Questionnaire {
    /// The compiled-in VIO, written by `build.rs` from `data/vio.json` and checked by the tests.
    pub fn vio() -> &'static Questionnaire {
        &VIO
    }

    pub fn parse(json: &str) -> Result<Questionnaire, String> {
        let q = Questionnaire::from_json(json)?;
        q.check()?;
        Ok(q)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        let at = self.item_index.binary_search_by(|(other, ..)| other.as_ref().cmp(id)).ok()?;
        let (_, s, i) = self.item_index[at];
        Some(&self.sections[usize::from(s)].items[usize::from(i)])
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.factors.iter().flat_map(|f| f.indicators.iter())
    }

    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators().find(|i| i.id == id)
    }

    fn scale(&self, name: &str) -> Option<&[AnswerOption]> {
        self.scales.iter().find(|(n, _)| n == name).map(|(_, options)| &**options)
    }

    /// The answer options of a choice item (its own or its scale's); empty for other kinds.
    pub fn options<'a>(&'a self, item: &'a Item) -> &'a [AnswerOption] {
        match &item.kind {
            ItemKind::Choice { scale: Some(scale), .. } => self.scale(scale).unwrap_or(&[]),
            ItemKind::Choice { options, .. } => options,
            _ => &[],
        }
    }

    /// An answer as the user saw it: the option's label, the number, or the text; `None` when the
    /// answer does not fit the item (which sanitised answers never do).
    pub fn answer_text(&self, item: &Item, answer: &crate::model::Answer, lang: crate::text::Lang) -> Option<String> {
        use crate::model::Answer;
        match (&item.kind, answer) {
            (ItemKind::Choice { .. }, Answer::Text(_)) => self.chosen(item, Some(answer)).map(|o| o.label.get(lang).to_string()),
            (ItemKind::Number { .. }, Answer::Number(n)) => Some(n.to_string()),
            (ItemKind::Text { .. }, Answer::Text(t)) => Some(t.clone()),
            _ => None,
        }
    }

    /// The oldest questionnaire version whose answers this indicator can be scored from: the newest
    /// `since` of every item it reads, also through the indicators its cases refer to.
    pub fn indicator_since(&self, indicator: &Indicator) -> u32 {
        let mut since = 1;
        self.rule_reads(&indicator.rule, &mut |read| {
            since = since.max(match read {
                Read::Item(id) => self.item(id).map_or(1, |i| i.since),
                Read::Indicator(id) => self.indicator(id).map_or(1, |i| self.indicator_since(i)),
            })
        });
        since
    }

    /// Every item and earlier indicator a rule reads, in the order it names them.
    pub(crate) fn rule_reads<'a>(&'a self, rule: &'a Rule, f: &mut dyn FnMut(Read<'a>)) {
        match rule {
            Rule::Mean { items } | Rule::Count { items, .. } => items.iter().for_each(|i| f(Read::Item(i))),
            Rule::Ratio { numerator, denominator, .. } => [numerator, denominator].into_iter().for_each(|i| f(Read::Item(i))),
            Rule::Cases(cases) => cases.iter().for_each(|c| condition_reads(&c.when, f)),
        }
    }

    /// An answer as the definition now reads it: an option id of an earlier version becomes the
    /// option that replaces it; anything else is returned as it is.
    pub fn upgrade_answer(&self, item: &Item, answer: &crate::model::Answer) -> crate::model::Answer {
        use crate::model::Answer;
        if let Answer::Text(id) = answer {
            let options = self.options(item);
            if !options.iter().any(|o| &o.id == id) {
                if let Some(o) = options.iter().find(|o| o.replaces.iter().any(|r| r == id)) {
                    return Answer::Text(o.id.to_string());
                }
            }
        }
        answer.clone()
    }

    /// The option chosen for a choice item, if it is answered with one of its options.
    pub fn chosen<'a>(&'a self, item: &'a Item, answer: Option<&crate::model::Answer>) -> Option<&'a AnswerOption> {
        match answer? {
            crate::model::Answer::Text(id) => self.options(item).iter().find(|o| &o.id == id),
            crate::model::Answer::Number(_) => None,
        }
    }

    fn check(&self) -> Result<(), String> {
        let t = &self.thresholds;
        if !(t.oranje_from <= t.groen_from && t.groen_from <= 100) {
            return Err("thresholds must satisfy oranje_from ≤ groen_from ≤ 100".into());
        }
        for (name, options) in self.scales.iter() {
            if let Some(o) = options.iter().find(|o| o.score.is_none() != o.unscored.is_some()) {
                return Err(format!("scale {name}: {} needs either a score or \"unscored\"", o.id));
            }
        }
        let indicators: Vec<&str> = self.indicators().map(|i| &*i.id).collect();
        let factors: Vec<&str> = self.factors.iter().map(|f| &*f.id).collect();
        if let Some(clash) = factors.iter().find(|f| indicators.contains(f)) {
            return Err(format!("{clash} is both a factor and an indicator"));
        }
        let answers_only = Scope { indicators: &[], factors: &[] };
        for item in self.items() {
            if !(1..=self.version).contains(&item.since) {
                return Err(format!("{}: since must be a version from 1 to {}", item.id, self.version));
            }
            if let ItemKind::Choice { scale, options } = &item.kind {
                match scale {
                    Some(s) if self.scale(s).is_none() => return Err(format!("{}: unknown scale {s}", item.id)),
                    None if options.is_empty() => return Err(format!("{}: a choice needs options", item.id)),
                    _ => {}
                }
            }
            if let ItemKind::Number { max_item: Some(other), .. } = &item.kind {
                self.check_item(other, &item.id)?;
            }
            if let Some(c) = &item.show_if {
                self.check_condition(c, &item.id, answers_only)?;
            }
        }
        let mut earlier: Vec<&str> = Vec::new();
        for factor in self.factors.iter() {
            if !factor.indicators.iter().any(|i| i.in_factor) {
                return Err(format!("{}: no indicator enters the factor", factor.id));
            }
            for ind in factor.indicators.iter() {
                self.check_rule(ind, Scope { indicators: &earlier, factors: &[] })?;
                earlier.push(&ind.id);
            }
        }
        if let Some(t) = self.terms.iter().find(|t| t.words.is_empty() || t.words.iter().any(|w| w.is_empty() || w.to_ascii_lowercase() != **w)) {
            return Err(format!("term {}: needs lower-case words", t.id));
        }
        if self.indicator(&self.quadrant.behaviour_indicator).is_none() {
            return Err("quadrant: unknown behaviour indicator".into());
        }
        self.check_item(&self.quadrant.intention_item, "quadrant")?;
        self.check_item(&self.inclusive.item, "inclusive")
    }

    fn check_rule(&self, ind: &Indicator, scope: Scope) -> Result<(), String> {
        match &ind.rule {
            Rule::Mean { items } => {
                for i in items.iter() {
                    self.check_item(i, &ind.id)?;
                }
                if ind.reasons.rood.is_none() || ind.reasons.oranje.is_none() || ind.reasons.groen.is_none() {
                    return Err(format!("{}: a mean rule needs a reason for every light", ind.id));
                }
                Ok(())
            }
            Rule::Ratio { numerator, denominator, .. } => {
                self.check_item(numerator, &ind.id)?;
                self.check_item(denominator, &ind.id)
            }
            Rule::Cases(cases) => cases.iter().try_for_each(|c| self.check_condition(&c.when, &ind.id, scope)),
            Rule::Count { items, cases } => {
                for i in items.iter() {
                    let item = self.item(i).ok_or_else(|| format!("{}: unknown item {i}", ind.id))?;
                    let options = self.options(item);
                    if let Some(o) = cases.iter().flat_map(|c| c.of.iter()).find(|o| !options.iter().any(|opt| &opt.id == *o)) {
                        return Err(format!("{}: {i} has no option {o}", ind.id));
                    }
                }
                Ok(())
            }
        }
    }

    fn check_item(&self, id: &str, used_by: &str) -> Result<(), String> {
        self.item(id).map(|_| ()).ok_or_else(|| format!("{used_by}: unknown item {id}"))
    }

    fn check_condition(&self, c: &Condition, used_by: &str, scope: Scope) -> Result<(), String> {
        match c {
            Condition::Answer { item, one_of } => {
                let it = self.item(item).ok_or_else(|| format!("{used_by}: unknown item {item}"))?;
                let options = self.options(it);
                match one_of.iter().find(|o| !options.iter().any(|opt| &opt.id == *o)) {
                    Some(o) => Err(format!("{used_by}: {item} has no option {o}")),
                    None => Ok(()),
                }
            }
            Condition::Number { item, .. } => match self.item(item).map(|i| &i.kind) {
                Some(ItemKind::Number { .. }) => Ok(()),
                _ => Err(format!("{used_by}: {item} is not a number item")),
            },
            Condition::Light { indicator, .. } if !scope.indicators.contains(&&**indicator) => {
                Err(format!("{used_by}: indicator {indicator} must be defined before it is used"))
            }
            Condition::Factor { factor, .. } if !scope.factors.contains(&&**factor) => Err(format!("{used_by}: factor {factor} cannot be used here")),
            Condition::Light { .. } | Condition::Factor { .. } => Ok(()),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().try_for_each(|c| self.check_condition(c, used_by, scope)),
        }
    }
}

/// What a rule reads: an item's answer, or the light of an indicator defined earlier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Read<'a> {
    Item(&'a str),
    Indicator(&'a str),
}

fn condition_reads<'a>(c: &'a Condition, f: &mut dyn FnMut(Read<'a>)) {
    match c {
        Condition::Answer { item, .. } | Condition::Number { item, .. } => f(Read::Item(item)),
        Condition::Light { indicator, .. } => f(Read::Indicator(indicator)),
        Condition::Factor { .. } => {}
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| condition_reads(c, f)),
    }
}

/// Which lights a condition may read where it is used: an indicator's rule only indicators defined
/// before it and no factors (they are not scored yet); show_if neither.
#[derive(Clone, Copy)]
struct Scope<'a> {
    indicators: &'a [&'a str],
    factors: &'a [&'a str],
}

impl QuestionnaireRef {
    pub fn of(q: &Questionnaire) -> Self {
        QuestionnaireRef { id: q.id.to_string(), version: q.version }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_vio_is_the_file_read_through_serde_and_holds_together() {
        let parsed = Questionnaire::parse(VIO_JSON).unwrap();
        assert_eq!(format!("{:?}", Questionnaire::vio()), format!("{parsed:?}"));
        Questionnaire::vio().check().unwrap();
        let guidance = Guidance::parse(VIO_JSON, &parsed).unwrap();
        assert_eq!(format!("{:?}", Guidance::vio()), format!("{guidance:?}"));
        let conversation = Conversation::parse(VIO_JSON, &parsed).unwrap();
        assert_eq!(format!("{:?}", Conversation::vio()), format!("{conversation:?}"));
        let json: serde_json::Value = serde_json::from_str(VIO_JSON).unwrap();
        let labelled: Vec<(String, String)> = json["factors"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["indicators"].as_array().unwrap())
            .filter(|i| !i["labels"].is_null())
            .map(|i| (i["id"].as_str().unwrap().to_string(), format!("{:?}", serde_json::from_value::<LightLabels>(i["labels"].clone()).unwrap())))
            .collect();
        let compiled: Vec<(String, String)> = DECK_LABELS.iter().map(|(id, l)| (id.to_string(), format!("{l:?}"))).collect();
        assert_eq!(compiled, labelled);
    }

    #[test]
    fn the_vio_definition_is_complete_and_consistent() {
        let q = Questionnaire::vio();
        assert_eq!(q.id, "vio");
        let factor_ids: Vec<&str> = q.factors.iter().map(|f| &*f.id).collect();
        for f in ["gedrag", "intentie", "attitude", "sociale_norm", "eigen_effectiviteit", "vaardigheden", "actieplan", "copingplan", "belemmeringen"] {
            assert!(factor_ids.contains(&f), "missing factor {f}");
        }
        for item in q.items() {
            assert!(!item.text.nl.is_empty() && !item.text.en.is_empty(), "{} needs nl and en", item.id);
            for o in q.options(item) {
                assert!(o.score.is_none_or(|s| s <= 100), "{}: score above 100", item.id);
            }
        }
    }

    #[test]
    fn every_item_is_used_by_an_indicator_or_is_context() {
        let q = Questionnaire::vio();
        let context = ["sector", "gemeente", "dg_banenafspraak", "dg_bijstand", "dg_statushouders", "dg_50plus", "dg_wsw", "dg_overig"];
        let mut used: Vec<&str> = Vec::new();
        for ind in q.indicators() {
            q.rule_reads(&ind.rule, &mut |read| {
                if let Read::Item(id) = read {
                    used.push(id);
                }
            });
        }
        for item in q.items() {
            assert!(used.contains(&&*item.id) || context.contains(&&*item.id), "{} is never scored", item.id);
        }
    }

    /// Every scoring rule says why it is as it is (the `why` of each indicator in data/vio.json),
    /// read by maintainers and accountmanagers; it is not compiled into the app.
    #[test]
    fn every_rule_carries_its_reason() {
        let json: serde_json::Value = serde_json::from_str(VIO_JSON).unwrap();
        for f in json["factors"].as_array().unwrap() {
            for i in f["indicators"].as_array().unwrap() {
                let why = i["why"].as_str().unwrap_or_default();
                assert!(why.split_whitespace().count() >= 8, "{}: say why the rule is as it is", i["id"]);
            }
        }
        for key in ["version_why", "first_steps_why", "terms_why", "reading_why"] {
            assert!(json[key].as_str().is_some_and(|w| !w.is_empty()), "{key}");
        }
    }

    #[test]
    fn broken_references_are_refused() {
        let broken = VIO_JSON.replacen("\"numerator\": \"vacatures\"", "\"numerator\": \"vacatures_typo\"", 1);
        assert!(Questionnaire::parse(&broken).unwrap_err().contains("vacatures_typo"));
        let unknown_option = VIO_JSON.replacen("\"in\": [\"krimp\"]", "\"in\": [\"krimpen\"]", 1);
        assert!(Questionnaire::parse(&unknown_option).unwrap_err().contains("krimpen"));
    }
}
