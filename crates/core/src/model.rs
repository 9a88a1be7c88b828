//! The few types the other modules share, so that each of them depends on this one and not on each
//! other: an answer, a light, a goal of the plan, and which questionnaire a set of answers was given
//! in. Without them here, `answers`, `questionnaire` and `scoring`, and `envelope` and `store`,
//! would import from each other in circles.

use databake::Bake;
use serde::{Deserialize, Serialize};

/// A number for number items; for choice items the chosen option id; for text items the text.
/// In JSON a whole number or a string.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Number(u64),
    Text(String),
}

/// By hand rather than `untagged`: serde's untagged enums buffer every value and try each variant
/// in turn, code the employer's first wasm would carry for one number-or-text.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Answer, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Answer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number or a text")
            }
            fn visit_u64<E>(self, n: u64) -> Result<Answer, E> {
                Ok(Answer::Number(n))
            }
            fn visit_str<E>(self, s: &str) -> Result<Answer, E> {
                Ok(Answer::Text(s.into()))
            }
            fn visit_string<E>(self, s: String) -> Result<Answer, E> {
                Ok(Answer::Text(s))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The answers of one analysis, by item id, sorted by id, so the same answers always serialise to
/// the same bytes (a JSON object, as a map would write it). A sorted list rather than a
/// `BTreeMap`: an analysis has a few dozen answers, found as fast by a binary search, and the
/// tree's code was the biggest map in the employer's first wasm.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers(Vec<(String, Answer)>);

impl Answers {
    pub fn new() -> Answers {
        Answers(Vec::new())
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets the answer to `id`, returning the one it replaces.
    pub fn insert(&mut self, id: String, answer: Answer) -> Option<Answer> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, answer)),
            Err(i) => {
                self.0.insert(i, (id, answer));
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Answer> {
        self.find(id).ok().map(|i| self.0.remove(i).1)
    }

    /// The answer to `id`, set to `default()` first when there is none.
    pub fn get_or_insert_with(&mut self, id: &str, default: impl FnOnce() -> Answer) -> &mut Answer {
        let i = match self.find(id) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (id.to_string(), default()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&String, &Answer) -> bool) {
        self.0.retain(|(k, a)| keep(k, a));
    }

    /// In order of item id.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Answer)> {
        self.0.iter().map(|(k, a)| (k, a))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut Answer)> {
        self.0.iter_mut().map(|(k, a)| (&*k, a))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for Answers {
    type Output = Answer;

    /// The answer to `id`; panics when there is none, as a map's index does.
    fn index(&self, id: &str) -> &Answer {
        self.get(id).expect("an answer to this item")
    }
}

impl FromIterator<(String, Answer)> for Answers {
    /// A later answer to the same id wins, as in a map.
    fn from_iter<I: IntoIterator<Item = (String, Answer)>>(iter: I) -> Answers {
        let mut answers = Answers::new();
        for (id, answer) in iter {
            answers.insert(id, answer);
        }
        answers
    }
}

impl<const N: usize> From<[(String, Answer); N]> for Answers {
    fn from(pairs: [(String, Answer); N]) -> Answers {
        pairs.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Answers {
    type Item = (&'a String, &'a Answer);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, Answer)>, fn(&'a (String, Answer)) -> (&'a String, &'a Answer)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, a)| (k, a))
    }
}

impl Serialize for Answers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Answers, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Answers;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("answers by item id")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Answers, M::Error> {
                let mut answers = Answers::new();
                while let Some((id, answer)) = map.next_entry()? {
                    answers.insert(id, answer);
                }
                Ok(answers)
            }
        }
        d.deserialize_map(Visit)
    }
}

/// The deck's size split: organisations with fewer employees than this are "klein".
pub const SMALL_BELOW: u64 = 25;

/// Whether an organisation is small by the number of employees it gave; `None` when it left that
/// open, since guessing would count it with the wrong organisations.
pub fn is_small_organisation(answers: &Answers) -> Option<bool> {
    match answers.get("medewerkers") {
        Some(Answer::Number(n)) => Some(*n < SMALL_BELOW),
        _ => None,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_keep_item_order_whatever_order_they_came_in() {
        let read: Answers = serde_json::from_str(r#"{"vacatures": 2, "intentie": "meer", "medewerkers": 10}"#).unwrap();
        assert_eq!(read.keys().map(String::as_str).collect::<Vec<_>>(), ["intentie", "medewerkers", "vacatures"]);
        assert_eq!(serde_json::to_string(&read).unwrap(), r#"{"intentie":"meer","medewerkers":10,"vacatures":2}"#);
        let mut built = Answers::new();
        for (id, a) in [("vacatures", Answer::Number(2)), ("medewerkers", Answer::Number(9)), ("intentie", Answer::Text("meer".into()))] {
            built.insert(id.into(), a);
        }
        assert_eq!(built.insert("medewerkers".into(), Answer::Number(10)), Some(Answer::Number(9)));
        assert_eq!(built, read, "the same answers are equal, however they were given");
        assert_eq!(built.remove("vacatures"), Some(Answer::Number(2)));
        assert_eq!((built.get("vacatures"), built.len()), (None, 2));
    }

    #[test]
    fn an_answer_is_a_whole_number_or_a_text() {
        let read = |json: &str| serde_json::from_str::<Answer>(json);
        assert_eq!(read("12").unwrap(), Answer::Number(12));
        assert_eq!(read(r#""meer""#).unwrap(), Answer::Text("meer".into()));
        assert_eq!(read(r#""1\u00e9""#).unwrap(), Answer::Text("1é".into()), "an escaped text is still a text");
        for wrong in ["-1", "1.5", "true", "null", "[1]", "{}"] {
            assert!(read(wrong).is_err(), "{wrong}");
        }
        assert_eq!(serde_json::to_string(&[Answer::Number(3), Answer::Text("x".into())]).unwrap(), r#"[3,"x"]"#);
    }
}
