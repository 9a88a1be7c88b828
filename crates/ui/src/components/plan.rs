//! A plan van aanpak as text (a completed analysis, the printed report, the accountmanager), and the
//! deck's check that a goal follows from the diagnosis, which the employer's editor shows too.

use leptos::prelude::*;
use vio_core::model::Goal;
use vio_core::{Questionnaire, Scorecard};

use crate::i18n::{use_ui, Ui};

/// The deck's "check of je doel logisch volgt uit je diagnose", in words: `None` when it does.
pub fn goal_concern(ui: Ui, card: &Scorecard, factor: &str) -> Option<String> {
    let q = Questionnaire::vio();
    let rood = q.goal_concern(card, factor);
    let name = q.factor(factor)?.name.get(ui.lang());
    (!rood.is_empty()).then(|| {
        let list = rood.iter().map(|f| f.name.get(ui.lang())).collect::<Vec<_>>().join(", ");
        ui.fill(|u| &u.goal_concern, "factor", name).replace("{rood}", &list)
    })
}

/// A plan as text, for a completed analysis, the printed report and the accountmanager.
#[component]
pub fn PlanView(plan: Vec<Goal>) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    (!plan.is_empty()).then(|| {
        view! {
            <section class="plan" aria-labelledby="plan-view-title">
                <h2 id="plan-view-title">{ui.later(|u| &u.plan_title)}</h2>
                {plan.into_iter().enumerate().map(|(i, g)| {
                    let factor = q.factor(&g.factor).map(|f| &f.name);
                    let row = move |label: fn(&vio_core::ui::LaterTexts) -> &vio_core::Text, value: String| view! { <dt>{ui.later(label)}</dt><dd>{value}</dd> };
                    view! {
                        <article class="goal">
                            <h3>{move || ui.later_fill(|u| &u.plan_goal, "n", &(i + 1).to_string())}": "{move || factor.map(|f| f.get(ui.lang()).to_string()).unwrap_or_default()}</h3>
                            <dl>
                                {row(|u| &u.plan_what, g.what)}
                                {row(|u| &u.plan_who, g.who)}
                                {row(|u| &u.plan_when, g.when)}
                                {row(|u| &u.plan_measure, g.measure)}
                                {row(|u| &u.plan_support, g.support)}
                            </dl>
                        </article>
                    }
                }).collect_view()}
            </section>
        }
    })
}
