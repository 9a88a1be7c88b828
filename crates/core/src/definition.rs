//! The shape of the questionnaire definition, `data/vio.json`: its types and how the file is read
//! into them, nothing else. `build.rs` compiles this same file, reads `vio.json` with it and bakes
//! the values into Rust statics (`databake`), so the statics the app carries and the values the
//! tests read have one set of types. What the definition means (every reference resolving) and
//! what it does (scoring, advice) is in `questionnaire` and the modules that use it.

use std::borrow::Cow;

use databake::Bake;
use serde::{Deserialize, Deserializer};

use crate::model::Light;
use crate::text::Text;

/// A word of the definition (an id, a scale name): borrowed in the compiled-in VIO, owned when parsed.
pub type Str = Cow<'static, str>;
/// A list of the definition: borrowed in the compiled-in VIO, owned when parsed.
pub type List<T> = Cow<'static, [T]>;

#[derive(Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Questionnaire {
    pub id: Str,
    pub version: u32,
    pub title: Text,
    pub thresholds: Thresholds,
    pub light_scores: LightScores,
    /// Public for the baked static only; read through [`Questionnaire::options`].
    #[serde(deserialize_with = "named_scales")]
    pub scales: List<(Str, List<AnswerOption>)>,
    pub sections: List<Section>,
    pub factors: List<Factor>,
    pub quadrant: QuadrantRule,
    pub inclusive: InclusiveRule,
    /// Every instrument and party the questions and advice name, explained once.
    pub terms: List<Term>,
    /// How long the questionnaire takes, computed from the texts ([`Questionnaire::duration_seconds`]).
    pub reading: ReadingModel,
    /// Every item's id with its section and place in it, sorted by id.
    #[serde(skip)]
    pub item_index: List<(Str, u16, u16)>,
}

/// `vio.json` names its scales in an object; a list of pairs can be static.
fn named_scales<'de, D: Deserializer<'de>>(d: D) -> Result<List<(Str, List<AnswerOption>)>, D::Error> {
    let scales: std::collections::BTreeMap<Str, List<AnswerOption>> = Deserialize::deserialize(d)?;
    Ok(scales.into_iter().collect())
}

/// Score limits for a light: below `oranje_from` is rood, from `groen_from` on is groen.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Thresholds {
    pub oranje_from: u8,
    pub groen_from: u8,
}

/// The score an indicator gets when its rule gives a light directly (ratio and cases rules).
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct LightScores {
    pub rood: u8,
    pub oranje: u8,
    pub groen: u8,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Section {
    pub id: Str,
    pub title: Text,
    pub intro: Text,
    pub items: List<Item>,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Item {
    pub id: Str,
    pub text: Text,
    /// `vio.json` writes the kind as `"type"` and its fields beside the item's own.
    #[serde(flatten)]
    pub kind: ItemKind,
    pub hint: Option<Text>,
    /// Items sharing a group are shown together under one heading (e.g. numbers per doelgroep).
    pub group: Option<Str>,
    /// Scores are mirrored (100 − score): for statements where agreeing is the less inclusive answer.
    #[serde(default)]
    pub reverse: bool,
    pub show_if: Option<Condition>,
    /// The questionnaire version in which this item got its present wording, options and scale.
    /// An answer given with an older version answered another question, so it is left out when
    /// results of several versions are combined ([`Questionnaire::comparable`]).
    #[serde(default = "first_version")]
    pub since: u32,
}

fn first_version() -> u32 {
    1
}

// Read through serde's buffer (`flatten` of an internally tagged enum): slower than a flat reader,
// but only the build and the tests read the file.
#[derive(Clone, Debug, Deserialize, Bake)]
#[serde(tag = "type", rename_all = "lowercase")]
#[databake(path = crate::definition)]
pub enum ItemKind {
    Choice {
        /// Either a named shared scale or options of its own.
        scale: Option<Str>,
        #[serde(default)]
        options: List<AnswerOption>,
    },
    Number {
        min: u64,
        max: Option<u64>,
        /// The answer may not exceed the answer to this item (e.g. doelgroep ≤ medewerkers).
        max_item: Option<Str>,
    },
    Text {
        max_length: usize,
    },
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct AnswerOption {
    pub id: Str,
    pub label: Text,
    /// 0–100, or absent for answers that are not scored ("weet ik niet", "niet van toepassing").
    pub score: Option<u8>,
    /// What an unscored answer means: the answer is not known, or the question does not apply.
    #[serde(default)]
    pub unscored: Option<Unscored>,
    /// Option ids of earlier versions that this option now stands for (e.g. SBI sections merged into
    /// one recognisable group), so older answers keep their meaning.
    #[serde(default)]
    pub replaces: List<Str>,
}

/// Why an answer carries no score. The difference matters for "answered on fewer than half of its
/// items": "weet ik niet" is a missing answer, "niet van toepassing" takes the item out altogether
/// (a bakery without shareholders is not short of an answer about them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Bake)]
#[databake(path = crate::definition)]
#[serde(rename_all = "snake_case")]
pub enum Unscored {
    Unknown,
    NotApplicable,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Factor {
    pub id: Str,
    pub name: Text,
    pub explanation: Text,
    pub indicators: List<Indicator>,
}

/// What the result says beyond the lights: the advice per factor, "Uw eerste stap" and the checks
/// of contradicting answers. Written in `data/vio.json` (each factor's `advice`, `first_steps`,
/// `checks`), but a static of its own ([`Guidance::vio`]): only the result screen refers to it, so
/// its texts travel in the later screens' wasm, not on the start screen's critical path.
#[derive(Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Guidance {
    pub advice: List<Advice>,
    /// "Uw eerste stap": candidates in order of promise; the first two that hold are shown.
    pub first_steps: List<FirstStep>,
    /// Answers that contradict each other, pointed out on the page (they change no score).
    pub checks: List<Check>,
}

/// Advice per factor, chosen for this employer: the first `why` whose condition holds, and every
/// offer whose condition holds (size, experience, which indicator is weak).
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Advice {
    pub factor: Str,
    pub why: List<Conditional>,
    pub offers: List<Conditional>,
}

/// A text shown when its condition holds (always, without one).
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Conditional {
    pub when: Option<Condition>,
    pub text: Text,
}

/// A candidate for "Uw eerste stap", with the goal it suggests for het goede gesprek.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct FirstStep {
    pub id: Str,
    pub when: Option<Condition>,
    /// The factor the step works on (and a goal from it is linked to).
    pub factor: Str,
    pub title: Text,
    pub text: Text,
}

/// An instrument or party, explained in plain words wherever one of its `words` starts a word.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Term {
    pub id: Str,
    /// Lower-case beginnings of words, in both languages ("no-riskpolis", "no-risk policy").
    pub words: List<Str>,
    pub name: Text,
    pub explanation: Text,
}

/// Answers that cannot both be true; the message asks the employer which one is right.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Check {
    pub id: Str,
    pub when: Condition,
    pub message: Text,
}

/// The start screen's duration: all text shown read at `words_per_minute` (a scale repeated on one
/// page read once) plus the time to choose an option or type a number.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct ReadingModel {
    pub words_per_minute: u32,
    pub seconds_per_choice: u32,
    pub seconds_per_number: u32,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Indicator {
    pub id: Str,
    pub name: Text,
    pub rule: Rule,
    /// Reason templates per light; `{score}` and `{percent}` are filled in. Cases carry their own.
    pub reasons: Reasons,
    /// False for a reading that is shown (and in the regional tables) but whose answers already
    /// enter the factor through another indicator: no answer counts twice.
    #[serde(default = "yes")]
    pub in_factor: bool,
}

fn yes() -> bool {
    true
}

/// The deck's wording of each light for the regional tables, where the deck has a row for an
/// indicator (`labels` in `data/vio.json`). A static of its own ([`deck_labels`]): only the
/// accountmanager's page shows it, so the employer's wasm does not carry it.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct LightLabels {
    pub rood: Text,
    pub oranje: Text,
    pub groen: Text,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Reasons {
    pub rood: Option<Text>,
    pub oranje: Option<Text>,
    pub groen: Option<Text>,
    pub onbekend: Text,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// Mean of the items' option scores; the light comes from the thresholds.
    Mean { items: List<Str> },
    /// numerator / denominator: 0 is rood, below `groen_from_percent` oranje, from it groen.
    Ratio { numerator: Str, denominator: Str, groen_from_percent: f64 },
    /// The first case whose condition holds gives the light; none holding gives onbekend.
    Cases(List<Case>),
    /// Alternative routes (plans): the first case with at least `at_least` of the items answered
    /// with one of `of` gives the light. The number of routes counts, not their mean.
    Count { items: List<Str>, cases: List<CountCase> },
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct CountCase {
    pub light: Light,
    pub at_least: u16,
    pub of: List<Str>,
    pub reason: Text,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Case {
    pub light: Light,
    pub when: Condition,
    pub reason: Text,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
#[serde(rename_all = "lowercase")]
pub enum Condition {
    /// The item is answered with one of these option ids.
    Answer {
        item: Str,
        #[serde(rename = "in")]
        one_of: List<Str>,
    },
    /// The number item is answered within these bounds (inclusive).
    Number {
        item: Str,
        at_least: Option<u64>,
        at_most: Option<u64>,
    },
    /// An indicator defined earlier has one of these lights.
    Light {
        indicator: Str,
        #[serde(rename = "in")]
        one_of: List<Light>,
    },
    /// A factor has one of these lights; only in advice, first steps and checks (after scoring).
    Factor {
        factor: Str,
        #[serde(rename = "in")]
        one_of: List<Light>,
    },
    All(List<Condition>),
    Any(List<Condition>),
}

/// The deck's behaviour × intention table.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct QuadrantRule {
    pub behaviour_indicator: Str,
    pub behaviour_high: List<Light>,
    pub behaviour_low: List<Light>,
    pub intention_item: Str,
    pub intention_high: List<Str>,
    pub intention_low: List<Str>,
    pub behaviour_labels: LowHigh,
    pub intention_labels: LowHigh,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct LowHigh {
    pub low: Text,
    pub high: Text,
}

/// "Het goede gesprek": the training deck's diagnosis questions for the accountmanager, each
/// answered by a reading of the result (the reasons of the listed indicators and the facts that
/// are there), then goals that follow from it. Part of `data/vio.json`, but a static of its own
/// ([`Conversation::vio`]): only the accountmanager's page shows it, so the employer's wasm, which
/// never refers to it, does not carry its texts.
#[derive(Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Conversation {
    pub intro: Text,
    pub quadrant: QuadrantReadings,
    pub diagnosis: List<Diagnosis>,
    pub goals_intro: Text,
    /// The goal each first step suggests, concrete and dated.
    pub goals: List<StepGoal>,
    pub next_steps: List<Text>,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct StepGoal {
    pub step: Str,
    pub goal: Text,
}

/// The quadrant in words, per behaviour × intention cell.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct QuadrantReadings {
    pub low_low: Text,
    pub low_high: Text,
    pub high_low: Text,
    pub high_high: Text,
    pub unknown: Text,
}

#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct Diagnosis {
    pub id: Str,
    pub question: Text,
    pub indicators: List<Str>,
    /// Items shown as facts when there is something to show (a number above 0, an option that
    /// scores above 0): the doelgroep breakdown, the plans that exist.
    pub facts: List<Str>,
}

/// An inclusieve organisatie employs at least `at_least` people from a doelgroep.
#[derive(Clone, Debug, Deserialize, Bake)]
#[databake(path = crate::definition)]
pub struct InclusiveRule {
    pub item: Str,
    pub at_least: u64,
}

/// The index [`Questionnaire::item`] searches (binary search, so sorted by id); an id defined twice
/// is refused, in the build as in the tests.
pub(crate) fn item_index(sections: &[Section]) -> Result<Vec<(Str, u16, u16)>, String> {
    let mut index = Vec::new();
    for (s, section) in sections.iter().enumerate() {
        for (i, item) in section.items.iter().enumerate() {
            index.push((item.id.clone(), s as u16, i as u16));
        }
    }
    index.sort();
    match index.windows(2).find(|w| w[0].0 == w[1].0) {
        Some(w) => Err(format!("item {} is defined twice", w[0].0)),
        None => Ok(index),
    }
}

impl Questionnaire {
    /// Reads the file as it is; [`Questionnaire::parse`] also checks that it holds together.
    pub fn from_json(json: &str) -> Result<Questionnaire, String> {
        let mut q: Questionnaire = serde_json::from_str(json).map_err(|e| e.to_string())?;
        q.item_index = Cow::Owned(item_index(&q.sections)?);
        Ok(q)
    }
}

impl Guidance {
    /// Reads each factor's `advice`, the `first_steps` and the `checks`, which the file keeps
    /// beside the questionnaire's own parts.
    pub fn from_json(json: &str) -> Result<Guidance, String> {
        #[derive(Deserialize)]
        struct FactorInJson {
            id: Str,
            advice: AdviceInJson,
        }
        #[derive(Deserialize)]
        struct AdviceInJson {
            why: List<Conditional>,
            offers: List<Conditional>,
        }
        #[derive(Deserialize)]
        struct File {
            factors: Vec<FactorInJson>,
            first_steps: List<FirstStep>,
            checks: List<Check>,
        }
        let file: File = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let advice = file.factors.into_iter().map(|f| Advice { factor: f.id, why: f.advice.why, offers: f.advice.offers }).collect();
        Ok(Guidance { advice, first_steps: file.first_steps, checks: file.checks })
    }
}

impl Conversation {
    /// Reads `conversation`.
    pub fn from_json(json: &str) -> Result<Conversation, String> {
        #[derive(Deserialize)]
        struct File {
            conversation: Conversation,
        }
        Ok(serde_json::from_str::<File>(json).map_err(|e| e.to_string())?.conversation)
    }
}

/// The deck's wording of the lights, for each indicator that has `labels`.
pub fn deck_labels_from_json(json: &str) -> Result<Vec<(Str, LightLabels)>, String> {
    #[derive(Deserialize)]
    struct IndicatorInJson {
        id: Str,
        labels: Option<LightLabels>,
    }
    #[derive(Deserialize)]
    struct FactorInJson {
        indicators: Vec<IndicatorInJson>,
    }
    #[derive(Deserialize)]
    struct File {
        factors: Vec<FactorInJson>,
    }
    let file: File = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(file.factors.into_iter().flat_map(|f| f.indicators).filter_map(|i| Some((i.id, i.labels?))).collect())
}
