//! What the employer answered, keyed by item id, plus the two things the questionnaire decides about
//! answers: whether an item is shown at all (skip logic) and whether a typed answer is acceptable.

use crate::model::{Answer, Answers, Light};
use crate::questionnaire::{Condition, Item, ItemKind, Questionnaire, Section};

/// Why a typed answer is refused; the UI words it in the user's language.
#[derive(Clone, Debug, PartialEq)]
pub enum InputProblem {
    NotAWholeNumber,
    BelowMin(u64),
    AboveMax(u64),
    MoreThanItem { other: String, max: u64 },
    TooLong(usize),
}

impl Questionnaire {
    /// An item is shown unless its `show_if` condition is false. Hidden items' answers are kept
    /// (the user may change their mind back) but never scored.
    pub fn is_visible(&self, item: &Item, answers: &Answers) -> bool {
        item.show_if.as_ref().is_none_or(|c| self.holds(c, answers, &|_| Light::Onbekend))
    }

    /// The pages the user walks through: sections with at least one visible item, in order.
    pub fn visible_sections(&self, answers: &Answers) -> Vec<&Section> {
        self.sections.iter().filter(|s| s.items.iter().any(|i| self.is_visible(i, answers))).collect()
    }

    pub(crate) fn holds(&self, c: &Condition, answers: &Answers, light_of: &dyn Fn(&str) -> Light) -> bool {
        match c {
            Condition::Answer { item, one_of } => {
                matches!(self.scorable_answer(item, answers), Some(Answer::Text(t)) if one_of.iter().any(|o| o == t))
            }
            Condition::Number { item, at_least, at_most } => match self.scorable_answer(item, answers) {
                Some(Answer::Number(n)) => at_least.is_none_or(|l| *n >= l) && at_most.is_none_or(|m| *n <= m),
                _ => false,
            },
            // Indicator and factor ids never clash (the definition's check), so one lookup serves both.
            Condition::Light { indicator: id, one_of } | Condition::Factor { factor: id, one_of } => one_of.contains(&light_of(id)),
            Condition::All(cs) => cs.iter().all(|c| self.holds(c, answers, light_of)),
            Condition::Any(cs) => cs.iter().any(|c| self.holds(c, answers, light_of)),
        }
    }

    /// The answer to an item if the item exists and is visible; what scoring is allowed to see.
    pub fn scorable_answer<'a>(&self, id: &str, answers: &'a Answers) -> Option<&'a Answer> {
        let item = self.item(id)?;
        if self.is_visible(item, answers) {
            answers.get(id)
        } else {
            None
        }
    }

    /// Checks what the user typed into a number or text item. Empty input means "not answered".
    pub fn check_input(&self, item: &Item, raw: &str, answers: &Answers) -> Result<Option<Answer>, InputProblem> {
        let raw = raw.trim();
        match &item.kind {
            ItemKind::Number { min, max, max_item } => {
                if raw.is_empty() {
                    return Ok(None);
                }
                let n: u64 = raw.parse().map_err(|_| InputProblem::NotAWholeNumber)?;
                if n < *min {
                    return Err(InputProblem::BelowMin(*min));
                }
                if let Some(max) = max.filter(|&m| n > m) {
                    return Err(InputProblem::AboveMax(max));
                }
                if let Some(other) = max_item {
                    if let Some(Answer::Number(limit)) = answers.get(other) {
                        if n > *limit {
                            return Err(InputProblem::MoreThanItem { other: other.to_string(), max: *limit });
                        }
                    }
                }
                Ok(Some(Answer::Number(n)))
            }
            ItemKind::Text { max_length } => {
                if raw.chars().count() > *max_length {
                    Err(InputProblem::TooLong(*max_length))
                } else if raw.is_empty() {
                    Ok(None)
                } else {
                    Ok(Some(Answer::Text(raw.to_string())))
                }
            }
            ItemKind::Choice { .. } => Ok(Some(Answer::Text(raw.to_string()))),
        }
    }

    /// The answers given with questionnaire `version` that still answer a question of this version:
    /// items removed since, or changed since (`since` > `version`), are left out; an option an
    /// earlier version had becomes the option that replaces it.
    pub fn comparable(&self, answers: &Answers, version: u32) -> Answers {
        answers.iter().filter_map(|(id, a)| self.item(id).filter(|i| i.since <= version).map(|i| (id.clone(), self.upgrade_answer(i, a)))).collect()
    }

    /// Keeps only answers that fit the definition: known items, known options (an earlier version's
    /// option read as the one that replaces it), numbers in range. Used on everything read back from
    /// storage or a file. A number above the item it is bounded by is kept (the employer's own answer
    /// is never dropped): [`Questionnaire::over_limit`] points it out.
    pub fn sanitize(&self, answers: &Answers) -> Answers {
        // Upgraded in place: collecting into a map would sort, and a stable sort is 2 KB of wasm.
        let mut clean = answers.clone();
        for (id, a) in clean.iter_mut() {
            if let Some(item) = self.item(id) {
                *a = self.upgrade_answer(item, a);
            }
        }
        clean.retain(|id, a| {
            let Some(item) = self.item(id) else { return false };
            match (&item.kind, a) {
                (ItemKind::Choice { .. }, Answer::Text(t)) => self.options(item).iter().any(|o| &o.id == t),
                (ItemKind::Number { min, max, .. }, Answer::Number(n)) => n >= min && max.is_none_or(|m| *n <= m),
                (ItemKind::Text { max_length }, Answer::Text(t)) => t.chars().count() <= *max_length,
                _ => false,
            }
        });
        clean
    }

    /// Number answers above the answer they are bounded by (`max_item`), with that bound: a
    /// doelgroep count that became larger than the total when the total was lowered afterwards.
    pub fn over_limit(&self, answers: &Answers) -> Vec<(&Item, &Item)> {
        self.items()
            .filter_map(|item| {
                let ItemKind::Number { max_item: Some(other), .. } = &item.kind else { return None };
                let bound = self.item(other)?;
                match (answers.get(&item.id), answers.get(other)) {
                    (Some(Answer::Number(n)), Some(Answer::Number(limit))) if n > limit => Some((item, bound)),
                    _ => None,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> &'static Questionnaire {
        Questionnaire::vio()
    }

    #[test]
    fn experience_items_show_only_with_experience() {
        let item = q().item("ervaring_motivatie").unwrap();
        let mut a = Answers::new();
        assert!(!q().is_visible(item, &a));
        a.insert("ervaring_doelgroep".into(), Answer::Text("nooit".into()));
        assert!(!q().is_visible(item, &a));
        assert_eq!(q().visible_sections(&a).len(), q().sections.len() - 1, "the experience page is skipped");
        a.insert("ervaring_doelgroep".into(), Answer::Text("vroeger".into()));
        assert!(q().is_visible(item, &a));
        assert_eq!(q().visible_sections(&a).len(), q().sections.len());
    }

    #[test]
    fn number_input_is_checked() {
        let mut a = Answers::new();
        let staff = q().item("medewerkers").unwrap();
        let dg = q().item("doelgroep_totaal").unwrap();
        assert_eq!(q().check_input(staff, "", &a), Ok(None));
        assert_eq!(q().check_input(staff, "0", &a), Err(InputProblem::BelowMin(1)));
        assert_eq!(q().check_input(staff, "3,5", &a), Err(InputProblem::NotAWholeNumber));
        assert_eq!(q().check_input(staff, " 70 ", &a), Ok(Some(Answer::Number(70))));
        a.insert("medewerkers".into(), Answer::Number(70));
        assert_eq!(q().check_input(dg, "71", &a), Err(InputProblem::MoreThanItem { other: "medewerkers".into(), max: 70 }));
        assert_eq!(q().check_input(dg, "70", &a), Ok(Some(Answer::Number(70))));
    }

    #[test]
    fn sanitize_drops_what_does_not_fit_the_definition() {
        let mut a = Answers::new();
        a.insert("medewerkers".into(), Answer::Number(10));
        a.insert("intentie".into(), Answer::Text("meer".into()));
        a.insert("intentie_zeker".into(), Answer::Text("<script>".into()));
        a.insert("onbekend_item".into(), Answer::Number(1));
        a.insert("sector".into(), Answer::Number(3));
        let clean = q().sanitize(&a);
        assert_eq!(clean.len(), 2);
        assert!(clean.contains_key("medewerkers") && clean.contains_key("intentie"));
    }

    #[test]
    fn an_earlier_versions_sector_is_read_as_the_group_that_replaces_it() {
        let mut a = Answers::new();
        a.insert("sector".into(), Answer::Text("K".into()));
        a.insert("medewerkers".into(), Answer::Number(10));
        assert_eq!(q().comparable(&a, 1)["sector"], Answer::Text("J".into()), "financial services are in the office group");
        assert_eq!(q().sanitize(&a)["sector"], Answer::Text("J".into()));
        a.insert("sector".into(), Answer::Text("Z".into()));
        assert!(!q().sanitize(&a).contains_key("sector"), "an unknown section is still dropped");
        let sector = q().item("sector").unwrap();
        assert!(q().options(sector).len() <= 12, "quick on a phone");
    }
}
