//! The few types the other modules share, so that each of them depends on this one and not on each
//! other: an answer, a light, a goal of the plan, and which questionnaire a set of answers was given
//! in. Without them here, `answers`, `questionnaire` and `scoring`, and `envelope` and `store`,
//! would import from each other in circles.

use std::collections::BTreeMap;

use databake::Bake;
use serde::{Deserialize, Serialize};

/// A number for number items; for choice items the chosen option id; for text items the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Number(u64),
    Text(String),
}

/// Sorted by item id, so the same answers always serialise to the same bytes.
pub type Answers = BTreeMap<String, Answer>;

/// A traffic light; `Onbekend` when too little was answered to judge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord, Bake)]
#[serde(rename_all = "lowercase")]
#[databake(path = crate::model)]
pub enum Light {
    Rood,
    Oranje,
    Groen,
    Onbekend,
}

impl Light {
    pub const ALL: [Light; 4] = [Light::Rood, Light::Oranje, Light::Groen, Light::Onbekend];

    pub fn id(self) -> &'static str {
        match self {
            Light::Rood => "rood",
            Light::Oranje => "oranje",
            Light::Groen => "groen",
            Light::Onbekend => "onbekend",
        }
    }
}

/// A goal of the plan van aanpak, linked to a factor.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub factor: String,
    pub what: String,
    pub who: String,
    pub when: String,
    pub measure: String,
    pub support: String,
}

/// Which questionnaire, in which version, a set of answers was given in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: u32,
}
