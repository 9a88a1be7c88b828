//! The golden employers of `tests/fixtures/golden.json`: realistic profiles with the light every
//! factor must get (and the deck's reasoning for it), the quadrant, "Uw eerste stap" and words their
//! advice must and must not contain. A rule change that misleads one of them fails here.

use serde_json::Value;
use vio_core::questionnaire::Guidance;
use vio_core::scoring::Level;
use vio_core::{Answers, FactorStatus, Lang, Questionnaire};

fn q() -> &'static Questionnaire {
    Questionnaire::vio()
}

fn golden() -> Vec<(String, Value)> {
    let all: Value = serde_json::from_str(include_str!("../../../tests/fixtures/golden.json")).unwrap();
    all.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
}

#[test]
fn there_are_at_least_eight_and_every_answer_fits_the_definition() {
    let g = golden();
    assert!(g.len() >= 8);
    for (name, p) in &g {
        let a: Answers = serde_json::from_value(p["answers"].clone()).unwrap();
        assert_eq!(&q().sanitize(&a), &a, "{name}");
        assert!(p["reasoning"].as_object().unwrap().len() == q().factors.len(), "{name}: a line of reasoning per factor");
    }
}

#[test]
fn every_golden_employer_gets_the_expected_lights_and_quadrant() {
    for (name, p) in golden() {
        let a: Answers = serde_json::from_value(p["answers"].clone()).unwrap();
        let s = q().score(&a);
        let got: Vec<(String, &str)> = s
            .factors
            .iter()
            .map(|f| {
                (
                    f.id.clone(),
                    match f.status {
                        FactorStatus::Scored { light, .. } => light.id(),
                        FactorStatus::InsufficientData => "onvoldoende",
                    },
                )
            })
            .collect();
        let expected: Vec<(String, &str)> = q().factors.iter().map(|f| (f.id.to_string(), p["expected"][&*f.id].as_str().unwrap())).collect();
        assert_eq!(got, expected, "{name}");
        let level = |l: Option<Level>| l.map(|l| serde_json::to_value(l).unwrap()).unwrap_or(Value::Null);
        assert_eq!(vec![level(s.quadrant.behaviour), level(s.quadrant.intention)], p["quadrant"].as_array().unwrap().clone(), "{name}");
    }
}

#[test]
fn every_golden_employer_gets_its_first_steps_and_fitting_advice() {
    for (name, p) in golden() {
        let a: Answers = serde_json::from_value(p["answers"].clone()).unwrap();
        let card = q().score(&a);
        let g = Guidance::vio();
        let steps: Vec<&str> = g.first_steps(q(), &a, &card).iter().map(|s| &*s.id).collect();
        assert_eq!(steps, strings(&p["first_steps"]), "{name}");
        let mut text = String::new();
        for step in g.first_steps(q(), &a, &card) {
            text += &format!("{} {} ", step.title.get(Lang::Nl), step.text.get(Lang::Nl));
        }
        for advice in g.advice(q(), &a, &card) {
            text += advice.why.get(Lang::Nl);
            for o in advice.offers {
                text += " ";
                text += o.get(Lang::Nl);
            }
        }
        for word in strings(&p["advice_contains"]) {
            assert!(text.contains(word), "{name}: the advice should mention {word:?}:\n{text}");
        }
        for word in strings(&p["advice_excludes"]) {
            assert!(!text.contains(word), "{name}: the advice should not mention {word:?}:\n{text}");
        }
    }
}
