//! From a scorecard to what this employer should hear: "Uw eerste stap", the advice per factor
//! chosen by its conditions, the terms to explain, answers that contradict each other, het goede
//! gesprek's reading for the accountmanager, the check that a goal follows from the diagnosis, and
//! the questionnaire's duration. Every rule is data in `data/vio.json`; this module only applies it.

use crate::model::Light;
use crate::model::{Answer, Answers};
use crate::questionnaire::{Check, Condition, Conditional, Conversation, Diagnosis, Factor, FirstStep, Guidance, Item, ItemKind, Questionnaire, Term};
use crate::scoring::{Level, Scorecard};
use crate::text::{Lang, Text};

/// Answers that cannot both be right, to point out on the page; they change no score.
#[derive(Debug)]
pub enum Inconsistency<'a> {
    /// A check of the definition holds (e.g. employees from the doelgroepen, yet "nooit").
    Check(&'a Check),
    /// A number above the number it is part of (a doelgroep count above the total).
    OverLimit { item: &'a Item, bound: &'a Item },
}

/// The advice for one factor as this employer gets it.
#[derive(Debug)]
pub struct AdviceFor<'a> {
    pub factor: &'a Factor,
    pub why: &'a Text,
    pub offers: Vec<&'a Text>,
}

/// A goal het goede gesprek suggests: a first step's goal with its factor and the support that fits.
#[derive(Debug)]
pub struct SuggestedGoal<'a> {
    pub step: &'a FirstStep,
    pub goal: &'a Text,
    pub factor: &'a Factor,
    pub support: Vec<&'a Text>,
}

impl Guidance {
    /// "Uw eerste stap": the first two candidates that hold, in the definition's order of promise.
    /// The definition ends with two that always hold, so there are always two.
    pub fn first_steps(&self, q: &Questionnaire, answers: &Answers, card: &Scorecard) -> Vec<&FirstStep> {
        self.first_steps.iter().filter(|s| s.when.as_ref().is_none_or(|w| q.holds_for(w, answers, card))).take(2).collect()
    }

    /// The advice for a factor: its first `why` that holds and every offer that holds.
    pub fn advice_for<'a>(&'a self, q: &Questionnaire, factor: &'a Factor, answers: &Answers, card: &Scorecard) -> AdviceFor<'a> {
        let applies = |c: &Conditional| c.when.as_ref().is_none_or(|w| q.holds_for(w, answers, card));
        let advice = self.advice_of(&factor.id);
        let why = advice.and_then(|a| a.why.iter().find(|w| applies(w))).map_or(&factor.explanation, |w| &w.text);
        let offers = advice.map(|a| a.offers.iter().filter(|o| applies(o)).map(|o| &o.text).collect()).unwrap_or_default();
        AdviceFor { factor, why, offers }
    }

    /// Advice for the factors that are rood or oranje, rood first, in the definition's order within
    /// a colour (gedrag and intentie first: they frame the situation).
    pub fn advice<'a>(&'a self, q: &'a Questionnaire, answers: &Answers, card: &Scorecard) -> Vec<AdviceFor<'a>> {
        card.advice_order()
            .into_iter()
            .filter(|f| matches!(f.status.light(), Light::Rood | Light::Oranje))
            .filter_map(|f| q.factor(&f.id))
            .map(|f| self.advice_for(q, f, answers, card))
            .collect()
    }

    /// The goals het goede gesprek suggests: the first steps' goals, each with its factor and the
    /// offers of that factor's advice that fit this employer.
    pub fn suggested_goals<'a>(&'a self, q: &'a Questionnaire, conversation: &'a Conversation, answers: &Answers, card: &Scorecard) -> Vec<SuggestedGoal<'a>> {
        self.first_steps(q, answers, card)
            .into_iter()
            .filter_map(|step| {
                let factor = q.factor(&step.factor)?;
                Some(SuggestedGoal { step, goal: conversation.goal(&step.id)?, factor, support: self.advice_for(q, factor, answers, card).offers })
            })
            .collect()
    }

    /// Answers that contradict each other.
    pub fn inconsistencies<'a>(&'a self, q: &'a Questionnaire, answers: &Answers, card: &Scorecard) -> Vec<Inconsistency<'a>> {
        let checks = self.checks.iter().filter(|c| q.holds_for(&c.when, answers, card)).map(Inconsistency::Check);
        let over = q.over_limit(answers).into_iter().map(|(item, bound)| Inconsistency::OverLimit { item, bound });
        checks.chain(over).collect()
    }
}

impl Questionnaire {
    fn holds_for(&self, c: &Condition, answers: &Answers, card: &Scorecard) -> bool {
        let light_of = |id: &str| card.indicator(id).map(|i| i.light).or_else(|| card.factor(id).map(|f| f.status.light())).unwrap_or(Light::Onbekend);
        self.holds(c, answers, &light_of)
    }

    /// The deck's check "volgt het doel logisch uit de diagnose?": a goal on a factor that is
    /// already groen while others are rood probably does not. Returns those rood factors.
    pub fn goal_concern<'a>(&'a self, card: &Scorecard, factor: &str) -> Vec<&'a Factor> {
        if card.factor(factor).is_none_or(|f| f.status.light() != Light::Groen) {
            return Vec::new();
        }
        card.factors.iter().filter(|f| f.status.light() == Light::Rood).filter_map(|f| self.factor(&f.id)).collect()
    }

    /// Every term whose words begin a word of `text`, in the definition's order. Compared in ASCII
    /// lower case, with every non-ASCII byte counted as a letter (é, ë): Unicode's case and
    /// alphabet tables would add kilobytes to the questionnaire's wasm for words that are ASCII.
    pub fn terms_in(&self, text: &str) -> Vec<&Term> {
        let text = text.as_bytes().to_ascii_lowercase();
        let letter = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        let starts: Vec<usize> = (0..text.len()).filter(|&i| letter(text[i]) && (i == 0 || !letter(text[i - 1]))).collect();
        self.terms.iter().filter(|t| t.words.iter().any(|w| starts.iter().any(|&i| text[i..].starts_with(w.as_bytes())))).collect()
    }

    /// The facts of a diagnosis question that are there: numbers above 0 and options that score
    /// above 0 (a plan that exists, not "nee"), as the item with the answer shown.
    pub fn facts<'a, 'b>(&'a self, d: &'a Diagnosis, answers: &'b Answers) -> Vec<(&'a Item, &'b Answer)> {
        d.facts
            .iter()
            .filter_map(|id| Some((self.item(id)?, self.scorable_answer(id, answers)?)))
            .filter(|(item, a)| match a {
                Answer::Number(n) => *n > 0,
                Answer::Text(_) => self.chosen(item, Some(a)).is_some_and(|o| o.score.is_some_and(|s| s > 0)),
            })
            .collect()
    }
}

impl Conversation {
    /// The quadrant in words for het goede gesprek ("wil meer, doet nog weinig").
    pub fn quadrant_reading(&self, card: &Scorecard) -> &Text {
        let r = &self.quadrant;
        match (card.quadrant.behaviour, card.quadrant.intention) {
            (Some(Level::Low), Some(Level::Low)) => &r.low_low,
            (Some(Level::Low), Some(Level::High)) => &r.low_high,
            (Some(Level::High), Some(Level::Low)) => &r.high_low,
            (Some(Level::High), Some(Level::High)) => &r.high_high,
            _ => &r.unknown,
        }
    }
}

impl Questionnaire {
    /// Seconds the questionnaire takes on the path these answers open, by the reading model: every
    /// text shown read at its pace (a scale shared by several items of a page read once), plus the
    /// time to choose or type each answer. Explanations behind a button are not counted.
    pub fn duration_seconds(&self, answers: &Answers, lang: Lang) -> u32 {
        let m = &self.reading;
        let words = |t: &Text| t.get(lang).split_ascii_whitespace().count() as u32;
        let mut total_words = 0;
        let mut acting = 0;
        for section in self.visible_sections(answers) {
            total_words += words(&section.title) + words(&section.intro);
            let mut scales_read: Vec<&str> = Vec::new();
            for item in section.items.iter().filter(|i| self.is_visible(i, answers)) {
                total_words += words(&item.text) + item.hint.as_ref().map_or(0, words);
                match &item.kind {
                    ItemKind::Choice { scale, .. } => {
                        acting += m.seconds_per_choice;
                        if scale.as_deref().is_none_or(|s| !scales_read.contains(&s)) {
                            total_words += self.options(item).iter().map(|o| words(&o.label)).sum::<u32>();
                            scales_read.extend(scale.as_deref());
                        }
                    }
                    ItemKind::Number { .. } | ItemKind::Text { .. } => acting += m.seconds_per_number,
                }
            }
        }
        (total_words * 60).div_ceil(m.words_per_minute) + acting
    }

    /// The start screen's promise: the longest path in whole minutes, rounded up.
    pub fn duration_minutes(&self, lang: Lang) -> u32 {
        self.duration_seconds(&self.longest_path(), lang).div_ceil(60)
    }

    /// The answers that show every question: the longest path, which the start screen promises.
    pub fn longest_path(&self) -> Answers {
        let mut answers = Answers::new();
        for item in self.items() {
            if let Some(c) = &item.show_if {
                open_path(c, &mut answers);
            }
        }
        answers
    }
}

/// Answers under which a show_if condition holds (the first option it names).
fn open_path(c: &Condition, answers: &mut Answers) {
    match c {
        Condition::Answer { item, one_of } => {
            if let Some(first) = one_of.first() {
                answers.get_or_insert_with(item, || Answer::Text(first.to_string()));
            }
        }
        Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| open_path(c, answers)),
        Condition::Number { item, at_least, .. } => {
            answers.get_or_insert_with(item, || Answer::Number(at_least.unwrap_or(0)));
        }
        Condition::Light { .. } | Condition::Factor { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> &'static Questionnaire {
        Questionnaire::vio()
    }

    fn golden(name: &str) -> Answers {
        let all: serde_json::Value = serde_json::from_str(include_str!("../../../tests/fixtures/golden.json")).unwrap();
        serde_json::from_value(all[name]["answers"].clone()).unwrap()
    }

    fn ids<'a>(terms: &[&'a Term]) -> Vec<&'a str> {
        terms.iter().map(|t| &*t.id).collect()
    }

    #[test]
    fn terms_are_found_where_a_word_begins() {
        assert_eq!(ids(&q().terms_in("Kent u de No-riskpolis?")), ["noriskpolis"]);
        assert_eq!(ids(&q().terms_in("Jobcoachorganisaties")), ["jobcoach"]);
        assert_eq!(ids(&q().terms_in("Loonkostensubsidie (LKS)")), ["lks"]);
        assert!(q().terms_in("volksgezondheid en flks").is_empty(), "lks inside a word is not LKS");
        assert_eq!(ids(&q().terms_in("Statushouders")), ["statushouder"]);
    }

    #[test]
    fn every_named_instrument_and_party_is_explained_and_every_term_is_used() {
        let named = [
            "no-riskpolis",
            "lkv",
            "loonkostensubsidie",
            "loondispensatie",
            "jobcoach",
            "proefplaatsing",
            "aanpassing van de werkplek",
            "banenafspraak",
            "werkgeversservicepunt",
            "werkbedrijf",
            "leerwerkloket",
            "statushouder",
            "social return",
            "quotum",
            "mentorwijs",
            "harrie",
            "jobcarving",
        ];
        for word in named {
            assert!(!q().terms_in(word).is_empty(), "{word} needs a term");
        }
        let mut texts: Vec<&Text> = Vec::new();
        for item in q().items() {
            texts.push(&item.text);
            texts.extend(q().options(item).iter().map(|o| &o.label));
        }
        let g = Guidance::vio();
        for a in g.advice.iter() {
            texts.extend(a.why.iter().chain(a.offers.iter()).map(|c| &c.text));
        }
        texts.extend(g.first_steps.iter().flat_map(|s| [&s.title, &s.text]));
        for t in q().terms.iter() {
            assert!(texts.iter().any(|x| q().terms_in(x.get(Lang::Nl)).iter().any(|f| f.id == t.id)), "term {} is never shown", t.id);
            for lang in [Lang::Nl, Lang::En] {
                assert!(t.explanation.get(lang).split_whitespace().count() <= 60, "{}: keep it short", t.id);
            }
        }
    }

    #[test]
    fn contradicting_answers_are_pointed_out() {
        let mut a = golden("bakkerij");
        a.insert("doelgroep_totaal".into(), Answer::Number(2));
        let card = q().score(&a);
        let found: Vec<String> = Guidance::vio()
            .inconsistencies(q(), &a, &card)
            .iter()
            .map(|i| match i {
                Inconsistency::Check(c) => c.id.to_string(),
                Inconsistency::OverLimit { item, .. } => item.id.to_string(),
            })
            .collect();
        assert_eq!(found, ["doelgroep_maar_nooit"]);
        a.insert("dg_bijstand".into(), Answer::Number(3));
        a.insert("ervaring_doelgroep".into(), Answer::Text("nu".into()));
        let card = q().score(&a);
        let over: Vec<(&str, &str)> = Guidance::vio()
            .inconsistencies(q(), &a, &card)
            .iter()
            .filter_map(|i| match i {
                Inconsistency::OverLimit { item, bound } => Some((&*item.id, &*bound.id)),
                Inconsistency::Check(_) => None,
            })
            .collect();
        assert_eq!(over, [("dg_bijstand", "doelgroep_totaal")], "a count per doelgroep never exceeds the total");
        assert!(Guidance::vio().inconsistencies(q(), &golden("bedrijf_a"), &q().score(&golden("bedrijf_a"))).is_empty());
    }

    #[test]
    fn a_goal_on_a_groen_factor_while_others_are_rood_is_questioned() {
        let a = golden("zorg_vacatures");
        let card = q().score(&a);
        let rood: Vec<&str> = q().goal_concern(&card, "belemmeringen").iter().map(|f| &*f.id).collect();
        assert_eq!(rood, ["copingplan"]);
        assert!(q().goal_concern(&card, "copingplan").is_empty(), "a goal on the rood factor follows from the diagnosis");
        assert!(q().goal_concern(&card, "actieplan").is_empty(), "oranje");
        let sw = golden("sw_bedrijf");
        assert!(q().goal_concern(&q().score(&sw), "gedrag").is_empty(), "nothing rood");
    }

    #[test]
    fn suggested_goals_follow_the_first_steps_with_their_support() {
        let a = golden("bedrijf_a");
        let goals = Guidance::vio().suggested_goals(q(), Conversation::vio(), &a, &q().score(&a));
        assert_eq!(goals.len(), 2);
        assert_eq!(&*goals[0].factor.id, "vaardigheden");
        assert!(goals[0].support.iter().any(|s| s.nl.contains("Mentorwijs")));
    }

    #[test]
    fn het_goede_gesprek_reads_the_quadrant_and_the_facts_that_are_there() {
        let a = golden("bedrijf_a");
        let card = q().score(&a);
        let c = Conversation::vio();
        assert_eq!(c.quadrant_reading(&card).nl, "Wil meer, doet nog weinig");
        let doelgroep = &c.diagnosis[0];
        let facts: Vec<&str> = q().facts(doelgroep, &a).iter().map(|(i, _)| &*i.id).collect();
        assert_eq!(facts, ["dg_banenafspraak", "dg_bijstand"], "the doelgroepen with someone in them");
        let plan = c.diagnosis.iter().find(|d| d.id == "actieplan").unwrap();
        let plans: Vec<&str> = q().facts(plan, &a).iter().map(|(i, _)| &*i.id).collect();
        assert_eq!(plans, ["plan_aanpassingen", "plan_werkervaring", "plan_detachering", "coping_plan"], "concrete plans and those thought about, no 'nee'");
        assert_eq!(c.quadrant_reading(&q().score(&golden("weet_niet"))).nl, c.quadrant.unknown.nl);
    }

    /// The start screen's duration is the model's, in both languages. It is written in the text
    /// (and in the static copy of index.html, which ui.rs checks) rather than computed in the page:
    /// the questionnaire's wasm need not carry the model for a number that only changes with the
    /// definition, and this test fails when it does.
    #[test]
    fn the_start_screen_promises_the_computed_duration() {
        let said = &crate::ui::UiTexts::get().start_duration;
        for lang in [Lang::Nl, Lang::En] {
            let minutes = format!(" {} ", q().duration_minutes(lang));
            assert!(said.get(lang).contains(&minutes), "{lang:?}: the start screen should say{minutes}minutes: {}", said.get(lang));
        }
    }

    #[test]
    fn the_longest_path_takes_at_most_12_minutes_by_the_reading_model() {
        let longest = q().longest_path();
        for lang in [Lang::Nl, Lang::En] {
            let seconds = q().duration_seconds(&longest, lang);
            eprintln!("{lang:?}: the longest path takes {seconds} s");
            assert!(seconds <= 12 * 60, "{lang:?}: {seconds} s");
            assert!(seconds >= 6 * 60, "{lang:?}: {seconds} s is implausibly short for {} questions", q().items().count());
        }
        // The experience page and the certainty question are on the longest path only.
        let never: Answers = [("ervaring_doelgroep".to_string(), Answer::Text("nooit".into()))].into();
        let saved = q().duration_seconds(&longest, Lang::Nl) - q().duration_seconds(&never, Lang::Nl);
        assert!(saved >= 7 * q().reading.seconds_per_choice, "six experience questions and the certainty question: {saved} s");
    }
}
