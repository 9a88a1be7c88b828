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
    for (answer, expected) in [
        ("niet", Light::Rood),
        ("nauwelijks", Light::Rood),
        ("redelijk", Light::Oranje),
        ("hoog", Light::Groen),
        ("zeer_hoog", Light::Groen),
        ("weet_niet", Light::Onbekend),
    ] {
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
    let v =
        answers(&[("voordeel_imago", "helemaal_eens".into()), ("voordeel_resultaten", "helemaal_eens".into()), ("voordeel_vacatures", "helemaal_eens".into())]);
    assert_eq!(q().score(&v).indicator("attitude_voordelen").unwrap().score, Some(100), "not reversed");
}

#[test]
fn thresholds_split_at_40_and_70() {
    // One item on a 0/33/67/100 scale gives the three lights; 67 is below 70, so oranje.
    for (a, score, expected) in [("geen", 0, Light::Rood), ("weinig", 33, Light::Rood), ("redelijk", 67, Light::Oranje), ("veel", 100, Light::Groen)] {
        let s = q().score(&answers(&[("regio_inclusief", a.into())]));
        let i = s.indicator("norm_regio").unwrap();
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
    // Vaardigheden has 4 indicators that enter it (the deck's "samen" row does not): 2 scored is
    // enough, 1 is not.
    let all = |prefix: &str, a: &str| q().items().filter(|i| i.id.starts_with(prefix)).map(|i| (i.id.to_string(), Answer::Text(a.into()))).collect::<Vec<_>>();
    let one: Answers = all("regeling_", "goed").into_iter().collect();
    assert_eq!(q().score(&one).factor("vaardigheden").unwrap().status, FactorStatus::InsufficientData);
    let two: Answers = all("regeling_", "goed").into_iter().chain(all("partij_", "niet")).collect();
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
    let mut a: Answers = q()
        .items()
        .filter(|i| i.id.starts_with("ervaring_") && i.id != "ervaring_doelgroep")
        .map(|i| (i.id.to_string(), Answer::Text("zeer_negatief".into())))
        .collect();
    a.insert("ervaring_doelgroep".into(), Answer::Text("nu".into()));
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
    assert_eq!(order[..3], ["gedrag", "intentie", "belemmeringen"], "rood in definition order: \"evenveel\" with nobody is rood");
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
    let strategies: Vec<_> =
        per_item.into_iter().map(|(id, choices)| proptest::option::of(proptest::sample::select(choices)).prop_map(move |a| (id.clone(), a))).collect();
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

fn intention(pairs: &[(&str, Value)]) -> (Light, String) {
    let a = answers(pairs);
    (light(&a, "intentie_richting"), reason(&a, "intentie_richting"))
}

#[test]
fn the_direction_decides_the_intention_and_certainty_only_refines_meer() {
    let dg = |n: u64| ("doelgroep_totaal", Value::from(n));
    let int = |a: &str| ("intentie", Value::from(a));
    let sure = |a: &str| ("intentie_zeker", Value::from(a));
    // "Weet ik niet" is never groen, however sure; the certainty question is not even shown then.
    assert_eq!(intention(&[int("weet_niet"), sure("heel"), dg(3)]).0, Light::Onbekend);
    assert!(!q().is_visible(q().item("intentie_zeker").unwrap(), &answers(&[int("weet_niet")])));
    assert!(!q().is_visible(q().item("intentie_zeker").unwrap(), &Answers::new()));
    assert!(q().is_visible(q().item("intentie_zeker").unwrap(), &answers(&[int("gelijk")])));
    // Nobody from the doelgroepen and no wish to change: not starting is rood, however sure.
    let (l, r) = intention(&[int("gelijk"), sure("heel"), dg(0)]);
    assert_eq!((l, r.as_str()), (Light::Rood, "u bent niet van plan om te beginnen: er werkt nu niemand uit de doelgroepen bij u, en dat blijft zo"));
    assert_eq!(intention(&[int("minder"), sure("heel"), dg(0)]).0, Light::Rood);
    assert_eq!(intention(&[int("gelijk"), ("ervaring_doelgroep", "nooit".into())]).0, Light::Rood, "count left empty, but never anyone");
    assert_eq!(intention(&[int("gelijk"), ("ervaring_doelgroep", "vroeger".into())]).0, Light::Rood, "not now");
    // With people employed, "evenveel" keeps what exists (oranje), "minder" is rood.
    assert_eq!(intention(&[int("gelijk"), sure("heel"), dg(1)]).0, Light::Oranje);
    assert_eq!(intention(&[int("gelijk"), ("ervaring_doelgroep", "nu".into())]).0, Light::Oranje, "count left empty, but people now");
    assert_eq!(intention(&[int("gelijk")]).0, Light::Oranje, "nothing else known");
    let (l, r) = intention(&[int("minder"), sure("heel"), dg(4)]);
    assert_eq!((l, r.as_str()), (Light::Rood, "u wilt minder mensen uit de doelgroepen werk bieden"));
    // "Meer": certainty refines, at the boundary between "een beetje" and "redelijk".
    assert_eq!(intention(&[int("meer"), dg(0)]).0, Light::Groen, "certainty not answered");
    assert_eq!(intention(&[int("meer"), sure("weet_niet")]).0, Light::Groen);
    assert_eq!(intention(&[int("meer"), sure("niet")]).0, Light::Oranje);
    assert_eq!(intention(&[int("meer"), sure("beetje")]).0, Light::Oranje);
    assert_eq!(intention(&[int("meer"), sure("redelijk")]).0, Light::Groen);
    assert_eq!(intention(&[int("meer"), sure("heel")]).0, Light::Groen);
    // The factor is the intention itself: one indicator.
    assert_eq!(
        q().score(&answers(&[int("gelijk"), dg(0), ("medewerkers", 6.into())])).factor("intentie").unwrap().status,
        FactorStatus::Scored { score: 0, light: Light::Rood }
    );
}

fn plans(answer: &[&str]) -> Light {
    let ids = ["plan_banen", "plan_aanpassingen", "plan_werkervaring", "plan_contact_wsp", "plan_werving", "plan_detachering"];
    let a: Answers = ids.iter().zip(answer).filter(|(_, a)| !a.is_empty()).map(|(id, a)| (id.to_string(), Answer::Text(a.to_string()))).collect();
    light(&a, "actieplan_plannen")
}

#[test]
fn plans_are_counted_as_routes_not_averaged() {
    assert_eq!(plans(&["ja", "ja", "nee", "nee", "nee", "nee"]), Light::Groen, "two concrete plans are two routes");
    assert_eq!(plans(&["ja", "ja", "nvt", "nvt", "nvt", "nvt"]), Light::Groen);
    assert_eq!(plans(&["ja", "nee", "nee", "nee", "nee", "nee"]), Light::Oranje, "one");
    assert_eq!(plans(&["ja", "denken", "denken", "nee", "nee", "nee"]), Light::Oranje, "thinking counts for less than a plan");
    assert_eq!(plans(&["denken", "denken", "nee", "nee", "nee", "nee"]), Light::Oranje);
    assert_eq!(plans(&["denken", "nee", "nee", "nee", "nee", "nee"]), Light::Rood);
    assert_eq!(plans(&["nee"; 6]), Light::Rood);
    assert_eq!(plans(&["nvt"; 6]), Light::Onbekend, "nothing applies: no light");
    assert_eq!(plans(&["ja", "", "", "", "", ""]), Light::Onbekend, "one of six answered");
    assert_eq!(plans(&["ja", "ja", "ja", "", "", ""]), Light::Groen, "three of six is half");
    let a = answers(&[("plan_banen", "ja".into()), ("plan_werving", "nee".into()), ("plan_detachering", "nvt".into()), ("plan_contact_wsp", "nee".into())]);
    assert_eq!(reason(&a, "actieplan_plannen"), "u heeft één concreet plan");
}

proptest! {
    /// "Niet van toepassing" can never raise the action plan's light: replacing any given answer
    /// (nee, denken, ja) by it gives the same light, a lower one, or onbekend.
    #[test]
    fn niet_van_toepassing_never_raises_the_plan(before in proptest::collection::vec(proptest::sample::select(vec!["", "nee", "denken", "ja", "nvt"]), 6), at in 0..6usize) {
        prop_assume!(["nee", "denken", "ja"].contains(&before[at]));
        let mut after = before.clone();
        after[at] = "nvt";
        let rank = |l: Light| match l { Light::Onbekend => 0, Light::Rood => 1, Light::Oranje => 2, Light::Groen => 3 };
        prop_assert!(rank(plans(&after)) <= rank(plans(&before)),
            "{:?} {:?} → {:?} {:?}", before, plans(&before), after, plans(&after));
    }
}

#[test]
fn an_indicator_on_fewer_than_half_of_its_applicable_items_is_onbekend() {
    let pressure = [
        "druk_rijksoverheid",
        "druk_gemeente_uwv",
        "druk_werkbedrijf",
        "druk_onderwijs",
        "druk_klanten",
        "druk_vakbonden",
        "druk_belangenorganisaties",
        "druk_aandeelhouders",
        "druk_werknemers",
    ];
    let with = |known: usize, nvt: &[&str]| -> Answers {
        pressure
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let a = if nvt.contains(id) {
                    "nvt"
                } else if i < known {
                    "geen"
                } else {
                    "weet_niet"
                };
                (id.to_string(), Answer::Text(a.into()))
            })
            .collect()
    };
    assert_eq!(light(&with(1, &[]), "norm_druk"), Light::Onbekend, "one 'geen druk' beside eight 'weet ik niet' is no rood");
    assert_eq!(light(&with(4, &[]), "norm_druk"), Light::Onbekend, "4 of 9");
    assert_eq!(light(&with(5, &[]), "norm_druk"), Light::Rood, "5 of 9");
    // Shareholders and trade unions that do not exist leave the count: 4 of 7 is enough.
    let no_owners = ["druk_vakbonden", "druk_aandeelhouders"];
    assert_eq!(light(&with(4, &no_owners), "norm_druk"), Light::Rood);
    assert_eq!(light(&with(3, &no_owners), "norm_druk"), Light::Onbekend);
    // Every factor says on how many answered questions it rests.
    let f = q().score(&with(4, &no_owners));
    let norm = f.factor("sociale_norm").unwrap();
    assert_eq!((norm.answered, norm.asked), (4, 8), "4 of the 7 that apply plus the unanswered region question");
}

#[test]
fn niet_van_toepassing_exists_where_a_small_organisation_needs_it_and_is_not_scored() {
    for id in ["druk_vakbonden", "druk_aandeelhouders", "voordeel_social_return"] {
        let item = q().item(id).unwrap();
        let nvt = q().options(item).iter().find(|o| o.id == "nvt").unwrap_or_else(|| panic!("{id} offers nvt"));
        assert_eq!(nvt.score, None, "{id}");
    }
    let a = answers(&[
        ("voordeel_resultaten", "eens".into()),
        ("voordeel_imago", "eens".into()),
        ("voordeel_maatschappij", "eens".into()),
        ("voordeel_vacatures", "eens".into()),
        ("voordeel_social_return", "nvt".into()),
    ]);
    assert_eq!(q().score(&a).indicator("attitude_voordelen").unwrap().score, Some(75), "nvt leaves the mean");
}

#[test]
fn no_answer_enters_the_barriers_twice_and_small_organisations_are_read_by_size() {
    let with = |staff: u64, vac: u64, outlook: &str, suitable: &str| {
        answers(&[("medewerkers", staff.into()), ("vacatures", vac.into()), ("werkgelegenheid", outlook.into()), ("geschiktheid", suitable.into())])
    };
    // Only 'ruimte voor werk' and suitability enter the factor; the deck's three vacancy rows are
    // shown but left out of the mean.
    let s = q().score(&with(100, 0, "stabiel", "redelijk"));
    let f = s.factor("belemmeringen").unwrap();
    assert_eq!(f.status, FactorStatus::Scored { score: 25, light: Light::Rood });
    for row in ["belemmering_vacatures", "belemmering_verwachting", "belemmering_vacatures_verwachting"] {
        assert!(!q().indicator(row).unwrap().in_factor, "{row}");
    }
    // Below 25 employees no vacancy is the usual state: oranje, with what can still be done.
    let bakery = with(6, 0, "stabiel", "redelijk");
    assert_eq!(light(&bakery, "belemmering_ruimte"), Light::Oranje);
    assert!(reason(&bakery, "belemmering_ruimte").contains("jobcarving"));
    assert_eq!(q().score(&bakery).factor("belemmeringen").unwrap().status, FactorStatus::Scored { score: 50, light: Light::Oranje });
    assert_eq!(light(&bakery, "belemmering_vacatures_verwachting"), Light::Rood, "the deck's row keeps the deck's rule");
    assert_eq!(light(&with(24, 0, "groei", "redelijk"), "belemmering_ruimte"), Light::Oranje, "24 is small");
    assert_eq!(light(&with(25, 0, "groei", "redelijk"), "belemmering_ruimte"), Light::Rood, "25 is not");
    assert_eq!(light(&with(6, 1, "stabiel", "redelijk"), "belemmering_ruimte"), Light::Groen, "one vacancy in a small firm");
    assert_eq!(light(&with(40, 1, "stabiel", "redelijk"), "belemmering_ruimte"), Light::Oranje, "2.5 %");
    assert_eq!(light(&with(40, 2, "stabiel", "redelijk"), "belemmering_ruimte"), Light::Groen, "5 %");
    assert_eq!(light(&with(6, 3, "krimp", "redelijk"), "belemmering_ruimte"), Light::Rood, "shrink, whatever the size");
    assert_eq!(light(&with(6, 0, "weet_niet", "redelijk"), "belemmering_ruimte"), Light::Onbekend);
}

#[test]
fn the_decks_three_skill_rows() {
    let with = |lk: &str, lt: &str, ck: &str, ct: &str| {
        answers(&[("leiding_bekend", lk.into()), ("leiding_getraind", lt.into()), ("collegas_bekend", ck.into()), ("collegas_getraind", ct.into())])
    };
    assert_eq!(light(&with("goed", "ja", "redelijk", "ja"), "kennis_samen"), Light::Groen);
    assert_eq!(light(&with("niet", "nee", "nauwelijks", "nee"), "kennis_samen"), Light::Rood);
    assert_eq!(light(&with("goed", "ja", "niet", "nee"), "kennis_samen"), Light::Oranje, "mixed");
    assert_eq!(light(&with("goed", "nee", "redelijk", "nee"), "kennis_samen"), Light::Oranje, "known, not trained");
    assert_eq!(light(&with("goed", "ja", "weet_niet", "weet_niet"), "kennis_samen"), Light::Groen, "co-workers unknown: supervisors decide");
    assert_eq!(light(&with("weet_niet", "weet_niet", "weet_niet", "weet_niet"), "kennis_samen"), Light::Onbekend);
    assert_eq!(reason(&with("goed", "nee", "niet", "nee"), "kennis_collegas"), "werknemers kennen de doelgroepen niet of nauwelijks en zijn niet getraind");
    let deck = vio_core::questionnaire::deck_labels("kennis_samen").unwrap();
    assert_eq!(
        (&*deck.rood.nl, &*deck.oranje.nl, &*deck.groen.nl),
        ("niet/nauwelijks bekend en niet getraind", "redelijk bekend met of getraind", "redelijk tot zeer goed bekend met of getraind")
    );
    assert!(!q().indicator("kennis_samen").unwrap().in_factor, "a summary of the two rows that enter the factor");
}
