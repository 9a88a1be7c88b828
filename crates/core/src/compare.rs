//! Two analyses of one organisation side by side: how each factor changed, and whether the goals of
//! the earlier plan were met. One rule for the employer's comparison and the accountmanager's, so
//! both say the same about the same two measurements.

use crate::envelope::Envelope;
use crate::model::Light;
use crate::scoring::FactorStatus;

/// Whether two results carry the same organisation name: equal when compared without case and
/// with runs of spaces as one ("Bakkerij De Korrel" and "bakkerij  de korrel "). Nothing more clever:
/// "De Korrel" and "Bakkerij De Korrel B.V." may or may not be one employer, and a wrong match would
/// put another employer's result beside this one, so the accountmanager links those by hand. A result
/// without a name matches nothing.
pub fn same_organisation(a: &Envelope, b: &Envelope) -> bool {
    organisation_key(a).is_some_and(|k| Some(k) == organisation_key(b))
}

/// The accountmanager's mark that two results are of one employer although their names differ
/// ("De Korrel" and "Bakkerij De Korrel B.V."): one key for the pair of result digests
/// (`open::result_digest`), the same whichever of the two it is made from.
pub fn link_key(a: &[u8; 32], b: &[u8; 32]) -> String {
    let (first, second) = if a <= b { (a, b) } else { (b, a) };
    first.iter().chain(second).map(|b| format!("{b:02x}")).collect()
}

/// How many other results the accountmanager is offered at once to link by hand: a list of
/// thousands (one per opened file) cannot be read, and took the page 0.3 s to build for 10,000.
/// The rest are found by typing part of the name ([`name_matches`]).
pub const CHOICES_SHOWN: usize = 100;

/// Whether an organisation name is one the accountmanager is looking for: every word typed is in
/// it, whatever the case ("korrel bakk" finds "Bakkerij De Korrel B.V."). Nothing typed: every name.
pub fn name_matches(name: &str, typed: &str) -> bool {
    let name = name.to_lowercase();
    typed.split_whitespace().all(|word| name.contains(&word.to_lowercase()))
}

/// The organisation's name as [`same_organisation`] compares it; `None` without a name.
pub fn organisation_key(e: &Envelope) -> Option<String> {
    Some(e.organisation_name()?.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Better,
    Worse,
    Same,
    /// A factor without a score on either side: too few questions answered to compare.
    Unknown,
}

/// The change of a factor's score. Any difference counts: a score moves only when answers moved
/// (one step on one question of a factor moves it several points), so a difference is something the
/// organisation said differently, not noise.
pub fn change(before: FactorStatus, after: FactorStatus) -> Change {
    match (before.score(), after.score()) {
        (Some(b), Some(a)) if a > b => Change::Better,
        (Some(b), Some(a)) if a < b => Change::Worse,
        (Some(_), Some(_)) => Change::Same,
        _ => Change::Unknown,
    }
}

/// What became of a goal set on a factor, judged by the factor's light (the goal the plan's editor
/// asks for is a better colour, not a number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalOutcome {
    /// A better colour.
    Met,
    /// Groen before and after: nothing left to reach, and it was not lost.
    Kept,
    /// The same colour, rood or oranje: not (yet) reached.
    NotYet,
    /// A worse colour.
    Worse,
    /// Onbekend on either side: saying "reached" or "not reached" would be a guess.
    Unknown,
}

pub fn goal_outcome(before: Light, after: Light) -> GoalOutcome {
    // Light's order is rood < oranje < groen (onbekend, last, is handled first).
    match (before, after) {
        (Light::Onbekend, _) | (_, Light::Onbekend) => GoalOutcome::Unknown,
        (b, a) if a > b => GoalOutcome::Met,
        (b, a) if a < b => GoalOutcome::Worse,
        (Light::Groen, Light::Groen) => GoalOutcome::Kept,
        _ => GoalOutcome::NotYet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_by_any_of_its_words_in_any_case() {
        let name = "Bakkerij De Korrel B.V.";
        for typed in ["", "  ", "korrel", "KORREL bakk", "de korrel b.v.", "rij"] {
            assert!(name_matches(name, typed), "{typed:?}");
        }
        for typed in ["korrels", "garage", "korrel garage", "Bakkerij-De"] {
            assert!(!name_matches(name, typed), "{typed:?}");
        }
        assert!(name_matches("Café Ñandú", "ÑANDÚ"));
    }

    #[test]
    fn a_link_is_the_same_from_either_result_and_differs_per_pair() {
        let (a, b, c) = ([1u8; 32], [2u8; 32], [3u8; 32]);
        assert_eq!(link_key(&a, &b), link_key(&b, &a));
        assert_ne!(link_key(&a, &b), link_key(&a, &c));
        assert_eq!(link_key(&a, &b).len(), 128);
    }
    use Light::*;

    fn named(name: Option<&str>) -> Envelope {
        let mut e = Envelope::new(crate::Questionnaire::vio(), "2026-01-01", crate::Lang::Nl, Default::default(), vec![], None);
        e.organisation = name.map(|n| crate::envelope::Organisation { name: n.into(), contact: String::new() });
        e
    }

    #[test]
    fn the_same_name_is_the_same_organisation_without_case_or_extra_spaces_and_nothing_else() {
        assert!(same_organisation(&named(Some("Bakkerij De Korrel")), &named(Some("  bakkerij   de KORREL "))));
        assert!(!same_organisation(&named(Some("Bakkerij De Korrel")), &named(Some("Bakkerij De Korrel B.V."))));
        assert!(!same_organisation(&named(Some("De Korrel")), &named(Some("Bakkerij De Korrel"))));
        assert!(!same_organisation(&named(None), &named(None)), "two anonymous results are not one employer");
        assert!(!same_organisation(&named(Some("  ")), &named(Some(""))), "nor are two empty names");
    }

    fn scored(score: u8) -> FactorStatus {
        FactorStatus::Scored { score, light: Oranje }
    }

    #[test]
    fn a_change_of_one_point_counts_and_no_score_compares_nothing() {
        assert_eq!(change(scored(50), scored(51)), Change::Better);
        assert_eq!(change(scored(51), scored(50)), Change::Worse);
        assert_eq!(change(scored(50), scored(50)), Change::Same);
        assert_eq!(change(scored(0), scored(100)), Change::Better);
        assert_eq!(change(FactorStatus::InsufficientData, scored(50)), Change::Unknown);
        assert_eq!(change(scored(50), FactorStatus::InsufficientData), Change::Unknown);
    }

    #[test]
    fn a_goal_is_met_by_a_better_colour_only() {
        assert_eq!(goal_outcome(Rood, Oranje), GoalOutcome::Met);
        assert_eq!(goal_outcome(Rood, Groen), GoalOutcome::Met);
        assert_eq!(goal_outcome(Oranje, Groen), GoalOutcome::Met);
        assert_eq!(goal_outcome(Rood, Rood), GoalOutcome::NotYet);
        assert_eq!(goal_outcome(Oranje, Oranje), GoalOutcome::NotYet);
        assert_eq!(goal_outcome(Groen, Groen), GoalOutcome::Kept, "groen that stays groen is not 'not yet reached'");
        assert_eq!(goal_outcome(Groen, Oranje), GoalOutcome::Worse);
        assert_eq!(goal_outcome(Oranje, Rood), GoalOutcome::Worse);
    }

    #[test]
    fn onbekend_on_either_side_is_never_reached_or_missed() {
        for light in Light::ALL {
            assert_eq!(goal_outcome(Onbekend, light), GoalOutcome::Unknown);
            assert_eq!(goal_outcome(light, Onbekend), GoalOutcome::Unknown);
        }
    }
}
