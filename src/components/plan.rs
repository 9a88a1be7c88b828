//! The plan van aanpak: at most two goals, each linked to a factor, with SMART fields and the chosen
//! support (the factor's advice offers for this employer are suggested, free text is allowed), and
//! the deck's check that a goal follows from the diagnosis. The editor saves every keystroke through
//! `AppState::set_plan`; the read-only view is shared with the accountmanager (`vio_ui`).

use leptos::prelude::*;
use vio_core::envelope::{MAX_GOALS, MAX_TEXT_CHARS};
use vio_core::model::Goal;
use vio_core::{Questionnaire, Scorecard};
use vio_ui::components::plan::goal_concern;

use crate::state::use_app;

#[component]
pub fn PlanEditor(card: Memo<Scorecard>) -> impl IntoView {
    let app = use_app();
    let plan = Memo::new(move |_| app.plan());
    let add = move |_| {
        let mut p = plan.get();
        p.push(Goal::default());
        app.set_plan(p);
    };
    view! {
        <section class="plan" aria-labelledby="plan-title">
            <h2 id="plan-title">{app.later(|u| &u.plan_title)}</h2>
            <p>{app.later(|u| &u.plan_lead)}</p>
            {move || (0..plan.with(Vec::len)).map(|i| view! { <GoalEditor index=i plan card/> }).collect_view()}
            <Show when=move || plan.with(|p| p.len() < MAX_GOALS)>
                <p class="actions"><button type="button" class="button" on:click=add>{app.later(|u| &u.plan_add)}</button></p>
            </Show>
        </section>
    }
}

#[component]
fn GoalEditor(index: usize, plan: Memo<Vec<Goal>>, card: Memo<Scorecard>) -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let goal = move || plan.with(|p| p.get(index).cloned()).unwrap_or_default();
    let change = move |edit: fn(&mut Goal, String), value: String| {
        let mut p = plan.get_untracked();
        if let Some(g) = p.get_mut(index) {
            edit(g, value.chars().take(MAX_TEXT_CHARS).collect());
            app.set_plan(p);
        }
    };
    let remove = move |_| {
        let mut p = plan.get_untracked();
        if index < p.len() {
            p.remove(index);
            app.set_plan(p);
        }
    };
    let id = move |field: &str| format!("goal-{index}-{field}");
    let field = move |name: &'static str, label: fn(&vio_core::ui::LaterTexts) -> &vio_core::Text, get: fn(&Goal) -> String, edit: fn(&mut Goal, String)| {
        view! {
            <label for=id(name)>{app.later(label)}</label>
            <input type="text" id=id(name) maxlength=vio_core::envelope::MAX_TEXT_CHARS_ATTR prop:value=move || get(&goal()) on:input=move |e| change(edit, event_target_value(&e))/>
        }
    };
    let offers = move || {
        let g = goal();
        let answers = app.stored.with(|s| s.draft.as_ref().map(|d| d.answers.clone()).unwrap_or_default());
        q.factor(&g.factor).map(|f| {
            card.with(|c| vio_core::questionnaire::Guidance::vio().advice_for(q, f, &answers, c).offers)
                .into_iter()
                .map(|o| view! { <option value=o.get(app.lang()).to_string()></option> })
                .collect_view()
        })
    };
    let concern = move || card.with(|c| goal_concern(app.ui, c, &goal().factor));
    view! {
        <fieldset class="goal group">
            <legend>{move || app.ui.later_fill(|u| &u.plan_goal, "n", &(index + 1).to_string())}</legend>
            <div class="input">
                <label for=id("factor")>{app.later(|u| &u.plan_factor)}</label>
                <select id=id("factor") on:change=move |e| change(|g, v| g.factor = v, event_target_value(&e)) prop:value=move || goal().factor>
                    <option value="">{app.later(|u| &u.plan_choose)}</option>
                    {q.factors.iter().map(|f| view! { <option value=f.id.clone()>{move || f.name.get(app.lang()).to_string()}</option> }).collect_view()}
                </select>
                <p class="hint concern" aria-live="polite">{concern}</p>
                {field("what", |u| &u.plan_what, |g| g.what.clone(), |g, v| g.what = v)}
                {field("who", |u| &u.plan_who, |g| g.who.clone(), |g, v| g.who = v)}
                {field("when", |u| &u.plan_when, |g| g.when.clone(), |g, v| g.when = v)}
                {field("measure", |u| &u.plan_measure, |g| g.measure.clone(), |g, v| g.measure = v)}
                <label for=id("support")>{app.later(|u| &u.plan_support)}</label>
                <p class="hint" id=id("support-hint")>{app.later(|u| &u.plan_support_hint)}</p>
                <input type="text" id=id("support") maxlength=vio_core::envelope::MAX_TEXT_CHARS_ATTR list=id("offers") aria-describedby=id("support-hint")
                    prop:value=move || goal().support on:input=move |e| change(|g, v| g.support = v, event_target_value(&e))/>
                <datalist id=id("offers")>{offers}</datalist>
            </div>
            <p class="actions"><button type="button" class="button" on:click=remove>{app.later(|u| &u.plan_remove)}</button></p>
        </fieldset>
    }
}
