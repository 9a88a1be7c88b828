//! Realistic synthetic results, seeded, for the tests, the regional benchmark and the
//! accountmanager's warm-up ([`crate::open::WarmUp`]), never for real analyses. Each organisation
//! gets a hidden "inclusiveness" between 0 and 1 that steers all its answers the same way, so the
//! groups in the regional tables really differ, as in the deck's data.
//! ChaCha with a fixed seed gives the same results on every machine.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::envelope::Envelope;
use crate::model::{Answer, Answers};
use crate::questionnaire::{ItemKind, Questionnaire};
use crate::text::Lang;

pub fn synthetic_results(q: &Questionnaire, seed: u64, count: usize) -> Vec<Envelope> {
    synthetic_results_with(q, seed, count, &Answers::new())
}

/// As [`synthetic_results`], with the answers in `fixed` given by every organisation (for tests
/// that need known proportions, e.g. all of them wanting more people from the doelgroepen); the
/// other answers fit them (no more doelgroep employees than employees).
pub fn synthetic_results_with(q: &Questionnaire, seed: u64, count: usize, fixed: &Answers) -> Vec<Envelope> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count).map(|_| one(q, &mut rng, fixed)).collect()
}

fn one(q: &Questionnaire, rng: &mut ChaCha8Rng, fixed: &Answers) -> Envelope {
    let inclusiveness: f64 = rng.gen();
    let mut answers = Answers::new();
    // Sizes spread like Dutch firms: many small, some large (log-uniform 2 … 1000).
    let random_employees = (2f64 * 500f64.powf(rng.gen::<f64>())).round() as u64;
    let employees = match fixed.get("medewerkers") {
        Some(Answer::Number(n)) => *n,
        _ => random_employees,
    };
    for item in q.items() {
        if let Some(answer) = fixed.get(&item.id) {
            answers.insert(item.id.to_string(), answer.clone());
            continue;
        }
        if !q.is_visible(item, &answers) || rng.gen_bool(0.03) {
            continue;
        }
        let answer = match &item.kind {
            ItemKind::Number { .. } => Some(Answer::Number(match &*item.id {
                "medewerkers" => employees,
                "doelgroep_totaal" => (employees as f64 * 0.12 * inclusiveness * inclusiveness * rng.gen::<f64>() * 2.0).round() as u64,
                "vacatures" => rng.gen_range(0..=(employees / 10).max(1)),
                _ => continue, // the counts per doelgroep are optional detail
            })),
            ItemKind::Text { .. } => None,
            ItemKind::Choice { .. } => {
                let options = q.options(item);
                let scored: Vec<_> = options.iter().filter(|o| o.score.is_some()).collect();
                if scored.is_empty() || rng.gen_bool(0.05) {
                    Some(Answer::Text(options[rng.gen_range(0..options.len())].id.to_string()))
                } else {
                    // The option whose score is nearest to this organisation's leaning, with noise.
                    let mut target = inclusiveness * 100.0 + rng.gen_range(-30.0..30.0);
                    if item.reverse {
                        target = 100.0 - target;
                    }
                    let best = scored.iter().min_by_key(|o| (o.score.unwrap_or(0) as f64 - target).abs() as u64).expect("scored options");
                    Some(Answer::Text(best.id.to_string()))
                }
            }
        };
        if let Some(a) = answer {
            answers.insert(item.id.to_string(), a);
        }
    }
    // Intention follows the leaning too (it is unscored, so set it explicitly).
    let intention = if rng.gen_bool(inclusiveness.clamp(0.05, 0.95)) {
        "meer"
    } else if rng.gen_bool(0.7) {
        "gelijk"
    } else {
        "minder"
    };
    if !fixed.contains_key("intentie") {
        answers.insert("intentie".into(), Answer::Text(intention.into()));
    }
    let answers = q.sanitize(&answers);
    let completed_on = format!("{}-{:02}-{:02}", rng.gen_range(2024..=2026), rng.gen_range(1..=12), rng.gen_range(1..=28));
    Envelope::new(q, &completed_on, Lang::Nl, answers, vec![], None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_valid_results() {
        let q = Questionnaire::vio();
        let a = synthetic_results(q, 7, 50);
        assert_eq!(a, synthetic_results(q, 7, 50));
        assert_ne!(a, synthetic_results(q, 8, 50));
        for e in &a {
            let opened = Envelope::open(&e.to_padded_json(), q).unwrap();
            assert!(!opened.scores_mismatch);
        }
        let inclusive = a.iter().filter(|e| e.scores.inclusive == Some(true)).count();
        assert!((10..45).contains(&inclusive), "a mix of inclusive and other organisations: {inclusive}");
    }

    #[test]
    fn fixed_answers_are_given_by_every_organisation_and_the_rest_fits_them() {
        let q = Questionnaire::vio();
        let fixed = Answers::from([
            ("medewerkers".to_string(), Answer::Number(10)),
            ("intentie".to_string(), Answer::Text("meer".into())),
            ("intentie_zeker".to_string(), Answer::Text("heel".into())),
        ]);
        for e in synthetic_results_with(q, 7, 30, &fixed) {
            let opened = Envelope::open(&e.to_padded_json(), q).expect("a valid result");
            assert_eq!(opened.envelope.answers.get("medewerkers"), Some(&Answer::Number(10)));
            assert_eq!(opened.scores.indicator("intentie_richting").map(|i| i.light), Some(crate::Light::Groen));
        }
    }
}
