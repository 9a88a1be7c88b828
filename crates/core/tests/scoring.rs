//! Every scoring rule of DESIGN §3 with its boundaries, the shared answer profiles, and properties
//! that must hold for any answers.

use proptest::prelude::*;
use serde_json::Value;
use vio_core::scoring::{format_percent, Level};
use vio_core::{Answer, Answers, FactorStatus, Lang, Light, Questionnaire};

fn q() -> &'static Questionnaire {
    Questionnaire::vio()
}

fn answers(pairs: &[(&str, Value)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| {
            let a = match v {
                Value::Number(n) => Answer::Number(n.as_u64().unwrap()),
                Value::String(s) => Answer::Text(s.clone()),
                _ => unreachable!(),
            };
            (k.to_string(), a)
        })
        .collect()
}

fn light(a: &Answers, indicator: &str) -> Light {
    q().score(a).indicator(indicator).unwrap().light
}

fn reason(a: &Answers, indicator: &str) -> String {
    q().reason(q().score(a).indicator(indicator).unwrap(), Lang::Nl)
}

#[test]
fn gedrag_share_boundaries() {
    let with = |dg: u64, staff: u64| answers(&[("doelgroep_totaal", dg.into()), ("medewerkers", staff.into())]);
    assert_eq!(light(&with(0, 100), "gedrag_aandeel"), Light::Rood);
    assert_eq!(reason(&with(0, 100), "gedrag_aandeel"), "er werkt nu niemand uit de doelgroepen bij u");
    assert_eq!(light(&with(1, 100), "gedrag_aandeel"), Light::Oranje);
    assert_eq!(light(&with(4, 81), "gedrag_aandeel"), Light::Oranje, "4.94 %");
    assert_eq!(light(&with(5, 100), "gedrag_aandeel"), Light::Groen, "exactly 5 % is groen");
    assert_eq!(light(&with(7, 140), "gedrag_aandeel"), Light::Groen, "exactly 5 % is groen");
    assert_eq!(reason(&with(7, 140), "gedrag_aandeel"), "5,0 % van uw medewerkers komt uit de doelgroepen: 5 % of meer");
    let missing = answers(&[("medewerkers", 10.into())]);
    assert_eq!(light(&missing, "gedrag_aandeel"), Light::Onbekend);
    assert_eq!(q().score(&missing).factor("gedrag").unwrap().status, FactorStatus::InsufficientData);
    assert_eq!(q().score(&with(0, 10)).inclusive, Some(false));
    assert_eq!(q().score(&with(1, 10)).inclusive, Some(true));
    assert_eq!(q().score(&missing).inclusive, None);
}

#[test]
fn vacancies_boundaries_and_reason() {
    let with = |v: u64, staff: u64| answers(&[("vacatures", v.into()), ("medewerkers", staff.into())]);
    assert_eq!(light(&with(0, 40), "belemmering_vacatures"), Light::Rood);
    assert_eq!(reason(&with(0, 40), "belemmering_vacatures"), "u heeft nu geen openstaande vacatures");
    assert_eq!(light(&with(1, 40), "belemmering_vacatures"), Light::Oranje, "2.5 %");
    assert_eq!(light(&with(2, 40), "belemmering_vacatures"), Light::Groen, "exactly 5 %");
    assert_eq!(light(&with(19, 400), "belemmering_vacatures"), Light::Oranje, "4.75 %");
    assert_eq!(light(&with(20, 400), "belemmering_vacatures"), Light::Groen, "exactly 5 %");
}

#[test]
fn vacancies_combined_with_expected_employment() {
    let with = |v: u64, exp: &str| answers(&[("vacatures", v.into()), ("medewerkers", 100.into()), ("werkgelegenheid", exp.into())]);
    assert_eq!(light(&with(0, "groei"), "belemmering_vacatures_verwachting"), Light::Rood, "no vacancies");
    assert_eq!(light(&with(10, "krimp"), "belemmering_vacatures_verwachting"), Light::Rood, "shrink");
    assert_eq!(light(&with(3, "stabiel"), "belemmering_vacatures_verwachting"), Light::Oranje);
    assert_eq!(light(&with(3, "groei"), "belemmering_vacatures_verwachting"), Light::Oranje);
    assert_eq!(light(&with(5, "stabiel"), "belemmering_vacatures_verwachting"), Light::Groen);
    assert_eq!(light(&with(5, "weet_niet"), "belemmering_vacatures_verwachting"), Light::Onbekend);
    assert_eq!(light(&with(5, "krimp"), "belemmering_verwachting"), Light::Rood);
    assert_eq!(light(&with(5, "stabiel"), "belemmering_verwachting"), Light::Oranje);
    assert_eq!(light(&with(5, "groei"), "belemmering_verwachting"), Light::Groen);
}

#[test]
fn suitability_of_work() {
    for (answer, expected) in [("niet", Light::Rood), ("nauwelijks", Light::Rood), ("redelijk", Light::Oranje), ("hoog", Light::Groen), ("zeer_hoog", Light::Groen), ("weet_niet", Light::Onbekend)] {
        assert_eq!(light(&answers(&[("geschiktheid", answer.into())]), "belemmering_geschiktheid"), expected, "{answer}");
    }
}

#[test]
fn supervisors_known_and_trained() {
    let with = |known: &str, trained: &str| answers(&[("leiding_bekend", known.into()), ("leiding_getraind", trained.into())]);
    assert_eq!(light(&with("niet", "nee"), "kennis_leidinggevenden"), Light::Rood);
    assert_eq!(light(&with("nauwelijks", "nee"), "kennis_leidinggevenden"), Light::Rood);
    assert_eq!(light(&with("redelijk", "nee"), "kennis_leidinggevenden"), Light::Oranje, "known, not trained");
    assert_eq!(light(&with("niet", "ja"), "kennis_leidinggevenden"), Light::Oranje, "trained, not known");
    assert_eq!(light(&with("redelijk", "ja"), "kennis_leidinggevenden"), Light::Groen);
    assert_eq!(light(&with("zeer_goed", "ja"), "kennis_leidinggevenden"), Light::Groen);
    assert_eq!(light(&with("weet_niet", "weet_niet"), "kennis_leidinggevenden"), Light::Onbekend);
    assert_eq!(light(&with("nauwelijks", "weet_niet"), "kennis_leidinggevenden"), Light::Onbekend, "not trained is unknown");
}

#[test]
fn reversed_items_mirror_their_score() {
    let all = |a: &str| answers(&[("nadeel_financieel", a.into()), ("nadeel_begeleiding", a.into()), ("nadeel_verzuim", a.into())]);
    let s = q().score(&all("helemaal_eens"));
    assert_eq!(s.indicator("attitude_nadelen").unwrap().score, Some(0), "agreeing with disadvantages scores low");
    assert_eq!(s.indicator("attitude_nadelen").unwrap().light, Light::Rood);
    assert_eq!(q().score(&all("helemaal_oneens")).indicator("attitude_nadelen").unwrap().score, Some(100));
    let v = answers(&[("voordeel_imago", "helemaal_eens".into())]);
    assert_eq!(q().score(&v).indicator("attitude_voordelen").unwrap().score, Some(100), "not reversed");
}

#[test]
fn thresholds_split_at_40_and_70() {
    // One item on a 0/33/67/100 scale gives the three lights; 67 is below 70, so oranje.
    for (a, score, expected) in [("niet", 0, Light::Rood), ("beetje", 33, Light::Rood), ("redelijk", 67, Light::Oranje), ("heel", 100, Light::Groen)] {
        let s = q().score(&answers(&[("intentie_zeker", a.into())]));
        let i = s.indicator("intentie_zekerheid").unwrap();
        assert_eq!((i.score, i.light), (Some(score), expected), "{a}");
    }
    // Two items averaging exactly 40 and 70.
    let s = q().score(&answers(&[("coping_plan", "denken".into()), ("coping_contact", "oneens".into())]));
    assert_eq!(s.factor("copingplan").unwrap().status, FactorStatus::Scored { score: 38, light: Light::Rood });
    let s = q().score(&answers(&[("in_staat_werk", "eens".into()), ("in_staat_begeleiden", "eens".into())]));
    assert_eq!(s.factor("eigen_effectiviteit").unwrap().status, FactorStatus::Scored { score: 75, light: Light::Groen });
    let s = q().score(&answers(&[("coping_plan", "denken".into()), ("coping_contact", "neutraal".into())]));
    assert_eq!(s.factor("copingplan").unwrap().status, FactorStatus::Scored { score: 50, light: Light::Oranje });
    assert_eq!(q().thresholds.light(39), Light::Rood);
    assert_eq!(q().thresholds.light(40), Light::Oranje);
    assert_eq!(q().thresholds.light(69), Light::Oranje);
    assert_eq!(q().thresholds.light(70), Light::Groen);
}

#[test]
fn a_factor_with_fewer_than_half_its_indicators_scored_has_insufficient_data() {
    // Vaardigheden has 4 indicators: 2 scored is enough, 1 is not.
    let one = answers(&[("regeling_lks", "goed".into())]);
    assert_eq!(q().score(&one).factor("vaardigheden").unwrap().status, FactorStatus::InsufficientData);
    let two = answers(&[("regeling_lks", "goed".into()), ("partij_wsp", "niet".into())]);
    assert_eq!(q().score(&two).factor("vaardigheden").unwrap().status, FactorStatus::Scored { score: 50, light: Light::Oranje });
}

#[test]
fn all_weet_ik_niet_scores_nothing() {
    let mut a = Answers::new();
    for item in q().items() {
        if let Some(o) = q().options(item).iter().find(|o| ["weet_niet", "nvt", "geen_ervaring"].contains(&&*o.id)) {
            a.insert(item.id.to_string(), Answer::Text(o.id.to_string()));
        }
    }
    let s = q().score(&a);
    assert!(s.factors.iter().all(|f| f.status == FactorStatus::InsufficientData));
    assert_eq!(s.quadrant.behaviour, None);
    assert_eq!(s.quadrant.intention, None);
}

#[test]
fn hidden_experience_items_are_not_scored() {
    let mut a = answers(&[("ervaring_doelgroep", "nu".into()), ("ervaring_algemeen", "zeer_negatief".into())]);
    assert_eq!(light(&a, "attitude_ervaring"), Light::Rood);
    a.insert("ervaring_doelgroep".into(), Answer::Text("nooit".into()));
    assert_eq!(light(&a, "attitude_ervaring"), Light::Onbekend);
}

#[test]
fn quadrant_follows_behaviour_and_intention() {
    let with = |dg: u64, int: &str| q().score(&answers(&[("doelgroep_totaal", dg.into()), ("medewerkers", 100.into()), ("intentie", int.into())])).quadrant;
    assert_eq!((with(0, "meer").behaviour, with(0, "meer").intention), (Some(Level::Low), Some(Level::High)));
    assert_eq!(with(0, "gelijk").intention, Some(Level::Low));
    assert_eq!(with(0, "minder").intention, Some(Level::Low));
    assert_eq!(with(0, "weet_niet").intention, None);
    assert_eq!(with(0, "meer").behaviour, Some(Level::Low), "geen");
    assert_eq!(with(1, "meer").behaviour, Some(Level::Low), "weinig");
    assert_eq!(with(1, "meer").behaviour, Some(Level::Low));
    assert_eq!(with(5, "meer").behaviour, Some(Level::High), "5 % is veel");
}

#[test]
fn advice_puts_rood_first_then_oranje_in_definition_order() {
    let s = q().score(&answers(&[
        ("intentie", "gelijk".into()),
        ("geschiktheid", "niet".into()),
        ("in_staat_werk", "helemaal_eens".into()),
        ("doelgroep_totaal", 0.into()),
        ("medewerkers", 9.into()),
        ("vacatures", 0.into()),
    ]));
    let order: Vec<&str> = s.advice_order().iter().map(|f| f.id.as_str()).collect();
    assert_eq!(s.factor("gedrag").unwrap().status.light(), Light::Rood);
    assert_eq!(order[0], "gedrag");
    assert_eq!(order[1], "belemmeringen", "rood before oranje");
    assert_eq!(order[2], "intentie", "then oranje");
    assert_eq!(order[3], "eigen_effectiviteit", "then groen");
}

#[test]
fn percentages_are_written_the_dutch_way() {
    assert_eq!(format_percent(3.456, Lang::Nl), "3,5 %");
    assert_eq!(format_percent(3.456, Lang::En), "3.5 %");
    assert_eq!(format_percent(11.43, Lang::Nl), "11 %");
}

#[test]
fn shared_profiles_give_the_expected_lights() {
    let profiles: Value = serde_json::from_str(include_str!("../../../tests/fixtures/profiles.json")).unwrap();
    for (name, p) in profiles.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with('_')) {
        let a: Answers = serde_json::from_value(p["answers"].clone()).unwrap();
        assert_eq!(q().sanitize(&a), a, "{name}: every answer fits the definition");
        let s = q().score(&a);
        for (factor, expected) in p["expected"].as_object().unwrap() {
            let got = match s.factor(factor).unwrap().status {
                FactorStatus::Scored { light, .. } => light.id(),
                FactorStatus::InsufficientData => "onvoldoende",
            };
            assert_eq!(got, expected.as_str().unwrap(), "{name}: {factor}");
        }
        let level = |l: Option<Level>| l.map(|l| serde_json::to_value(l).unwrap()).unwrap_or(Value::Null);
        assert_eq!(vec![level(s.quadrant.behaviour), level(s.quadrant.intention)], p["quadrant"].as_array().unwrap().clone(), "{name}");
    }
}

fn any_answers() -> impl Strategy<Value = Answers> {
    let q = q();
    let per_item: Vec<(String, Vec<Answer>)> = q
        .items()
        .map(|item| {
            let opts: Vec<Answer> = q.options(item).iter().map(|o| Answer::Text(o.id.to_string())).collect();
            let choices = if opts.is_empty() { (0..300u64).map(Answer::Number).collect() } else { opts };
            (item.id.to_string(), choices)
        })
        .collect();
    let strategies: Vec<_> = per_item
        .into_iter()
        .map(|(id, choices)| proptest::option::of(proptest::sample::select(choices)).prop_map(move |a| (id.clone(), a)))
        .collect();
    strategies.prop_map(|pairs| pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect())
}

proptest! {
    #[test]
    fn scores_stay_in_range_and_are_deterministic(a in any_answers()) {
        let s1 = q().score(&a);
        let s2 = q().score(&a.clone());
        prop_assert_eq!(&s1, &s2);
        for f in &s1.factors {
            if let FactorStatus::Scored { score, light } = f.status {
                prop_assert!(score <= 100);
                prop_assert_eq!(light, q().thresholds.light(score));
            }
            for i in &f.indicators {
                prop_assert!(i.score.is_none_or(|s| s <= 100));
                prop_assert_eq!(i.score.is_none(), i.light == Light::Onbekend);
                prop_assert!(!q().reason(i, Lang::Nl).is_empty());
                let en = q().reason(i, Lang::En);
                prop_assert!(!en.contains('{'), "unfilled placeholder in {}", en);
            }
        }
    }
}
