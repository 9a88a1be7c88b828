//! One employer's result as the accountmanager sees it: the employer's own result view (shared code,
//! read-only), their plan (shared view), and het goede gesprek, the deck's diagnosis questions answered from the data.

use leptos::prelude::*;
use vio_core::envelope::Opened;
use vio_core::Questionnaire;

use super::state::{use_am, AmRoute};
use crate::components::plan::PlanView;
use crate::components::result::ResultView;
use crate::i18n::display_date;

#[component]
pub fn EmployerResult(index: usize) -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let opened = am.files.with_untracked(|l| l.get(index).and_then(|f| f.outcome.clone().ok()));
    let back = view! { <p class="actions"><a class="button" href=AmRoute::Home.hash()>{ui.am(|u| &u.am_back)}</a></p> };
    let Some(opened) = opened else {
        return view! { <h1 tabindex="-1">{ui.am(|u| &u.am_title)}</h1>{back}<p>{ui.am(|u| &u.am_open_lead)}</p> }.into_any();
    };
    let e = &opened.envelope;
    let name = e.organisation.as_ref().map(|o| o.name.clone());
    let date = e.completed_on.clone();
    let heading = move || {
        let who = name.clone().unwrap_or_else(|| ui.am(|u| &u.am_anonymous)().to_string());
        ui.am(|u| &u.am_result_of)().replace("{name}", &who).replace("{date}", &display_date(&date, ui.lang()))
    };
    let contact = e.organisation.as_ref().map(|o| view! { <p>{ui.t(|u| &u.share_org_contact)}": "{o.contact.clone()}</p> });
    let mismatch = opened.scores_mismatch.then(|| view! { <p class="notice">{ui.am(|u| &u.am_mismatch)}</p> });
    let card = Signal::stored(opened.scores.clone());
    view! {
        <div class="result">
            {back}
            <h1 tabindex="-1">{heading}</h1>
            {contact}
            {mismatch}
            <Conversation opened=opened.clone()/>
            <PlanView plan=opened.envelope.plan.clone()/>
            <ResultView card/>
        </div>
    }
    .into_any()
}

#[component]
fn Conversation(opened: Opened) -> impl IntoView {
    let ui = use_am().ui;
    let q = Questionnaire::vio();
    let c = &q.conversation;
    let answers = opened.envelope.answers;
    view! {
        <section class="conversation" aria-labelledby="conversation-title">
            <h2 id="conversation-title">{ui.am(|u| &u.conversation_title)}</h2>
            <p>{move || c.intro.get(ui.lang()).to_string()}</p>
            {c.diagnosis.iter().map(|d| {
                let rows = d.items.iter().filter_map(|id| q.item(id)).map(|item| {
                    let answers = answers.clone();
                    let answer = move || answers.get(&*item.id).and_then(|a| q.answer_text(item, a, ui.lang()))
                        .unwrap_or_else(|| ui.am(|u| &u.not_answered)().to_string());
                    view! { <dt>{move || item.text.get(ui.lang()).to_string()}</dt><dd>{answer}</dd> }
                }).collect_view();
                view! {
                    <article class="diagnosis" id=format!("diagnose-{}", d.id)>
                        <h3>{move || d.question.get(ui.lang()).to_string()}</h3>
                        <dl>{rows}</dl>
                    </article>
                }
            }).collect_view()}
            <h3>{ui.am(|u| &u.conversation_next)}</h3>
            <ul>{c.next_steps.iter().map(|s| view! { <li>{move || s.get(ui.lang()).to_string()}</li> }).collect_view()}</ul>
        </section>
    }
}
