//! Two measurements of one organisation side by side, the same for the employer (Mijn analyses) and
//! the accountmanager (one employer over time): the radar overlay, each factor's score and light then
//! and now with the change in words, and what became of the earlier plan's goals. The rules are
//! `vio_core::compare`'s.

use leptos::prelude::*;
use vio_core::compare::{change, goal_outcome, Change, GoalOutcome};
use vio_core::model::Goal;
use vio_core::{FactorStatus, Questionnaire, Scorecard};

use super::light::light_word;
use super::result::{radar_series, RadarChart};
use super::LightBadge;
use crate::i18n::{display_date, use_ui};

/// One measurement: the day it was completed (`JJJJ-MM-DD`), its scores, and its plan.
#[derive(Clone)]
pub struct Measurement {
    pub date: String,
    pub card: Scorecard,
    pub plan: Vec<Goal>,
}

/// `earlier` and `later` in either order: the older one comes first.
#[component]
pub fn Comparison(earlier: Measurement, later: Measurement) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    let (a, b) = if earlier.date > later.date { (later, earlier) } else { (earlier, later) };
    let series = {
        let (a, b) = (a.clone(), b.clone());
        Signal::derive(move || vec![radar_series(display_date(&a.date, ui.lang()), &a.card), radar_series(display_date(&b.date, ui.lang()), &b.card)])
    };
    let rows = q
        .factors
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (before, after) = (a.card.factors[i].status, b.card.factors[i].status);
            let word = move || match change(before, after) {
                Change::Better => ui.later(|u| &u.change_better)(),
                Change::Worse => ui.later(|u| &u.change_worse)(),
                Change::Same => ui.later(|u| &u.change_same)(),
                Change::Unknown => ui.later(|u| &u.change_unknown)(),
            };
            let score = |s: FactorStatus| s.score().map_or_else(|| "–".to_string(), |n| n.to_string());
            view! {
                <tr>
                    <th scope="row">{move || f.name.get(ui.lang()).to_string()}</th>
                    <td>{score(before)}" "<LightBadge light=Signal::stored(before.light())/></td>
                    <td>{score(after)}" "<LightBadge light=Signal::stored(after.light())/></td>
                    <td class="change">{word}</td>
                </tr>
            }
        })
        .collect_view();
    let goals = a
        .plan
        .iter()
        .filter_map(|g| {
            let i = q.factors.iter().position(|f| f.id == g.factor)?;
            let (before, after) = (a.card.factors[i].status.light(), b.card.factors[i].status.light());
            let name = &q.factors[i].name;
            let text = move || {
                let pick: fn(&vio_core::ui::LaterTexts) -> &vio_core::Text = match goal_outcome(before, after) {
                    GoalOutcome::Met => |u| &u.goal_met,
                    GoalOutcome::Kept => |u| &u.goal_kept,
                    GoalOutcome::NotYet => |u| &u.goal_not_met,
                    GoalOutcome::Worse => |u| &u.goal_worse,
                    GoalOutcome::Unknown => |u| &u.goal_unknown,
                };
                // Mid-sentence, as the benchmark writes them: "van rood naar groen".
                let word = |l| light_word(l, ui).to_lowercase();
                ui.later(pick)().replace("{factor}", name.get(ui.lang())).replace("{from}", &word(before)).replace("{to}", &word(after))
            };
            let what = g.what.clone();
            Some(view! { <li><strong>{what}</strong>" – "{text}</li> })
        })
        .collect::<Vec<_>>();
    let no_goals = goals.is_empty();
    let (title_a, title_b) = (a.date, b.date);
    view! {
        <div class="chart-and-table">
            <RadarChart series/>
            <table class="scores">
                <caption>{ui.t(|u| &u.compare_title)}</caption>
                <thead><tr>
                    <th scope="col">{ui.t(|u| &u.factor)}</th>
                    <th scope="col">{move || display_date(&title_a, ui.lang())}</th>
                    <th scope="col">{move || display_date(&title_b, ui.lang())}</th>
                    <th scope="col">{ui.later(|u| &u.compare_change)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <section aria-labelledby="goals-title">
            <h2 id="goals-title">{ui.later(|u| &u.goals_title)}</h2>
            {if no_goals { view! { <p>{ui.later(|u| &u.no_goals)}</p> }.into_any() } else { view! { <ul>{goals}</ul> }.into_any() }}
        </section>
    }
}
