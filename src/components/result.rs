//! The employer's result screen: the shared result view (`vio_ui::components::result`), the region's
//! benchmark, whom to contact, the plan van aanpak, and the ways onward.

use leptos::prelude::*;
use vio_core::Questionnaire;
use vio_ui::components::benchmark::RegionBenchmark;
use vio_ui::components::plan::PlanView;
use vio_ui::components::result::ResultView;
use vio_ui::router::Screen;

use super::plan::PlanEditor;
use crate::route::Route;
use crate::state::use_app;

/// The employer's result screen: the shared result view plus the ways onward.
#[component]
pub fn ResultScreen() -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let answers = Memo::new(move |_| app.stored.with(|s| s.draft.as_ref().map(|d| d.answers.clone()).unwrap_or_default()));
    let card = Memo::new(move |_| answers.with(|a| q.score(a)));
    let edit = move |_| Route::Section(q.sections[0].id.to_string()).go();
    let print = move |_| {
        let _ = window().print();
    };
    let completed_on = move || {
        app.stored
            .with(|s| s.draft.as_ref().and_then(|d| d.analysis).and_then(|id| s.analysis(id)).map(|a| a.completed_on.clone()))
            .unwrap_or_else(vio_ui::files::today)
    };
    view! {
        <div class="result">
            <p class="print-only">{move || app.ui.later_fill(|u| &u.report_date, "date", &vio_ui::i18n::display_date(&completed_on(), app.lang()))}</p>
            <h1 tabindex="-1">{app.t(|u| &u.result_title)}</h1>
            <ResultView card answers/>
            <RegionBenchmark card answers/>
            <SiteContact/>
            <div class="no-print"><PlanEditor card/></div>
            // The report shows the plan as text, not as form fields.
            <div class="print-only">{move || view! { <PlanView plan=app.plan()/> }}</div>
            <p class="actions">
                <a class="button primary" href=Route::Share.hash()>{app.later(|u| &u.share_button)}</a>
                <button type="button" class="button" on:click=print>{app.later(|u| &u.print_report)}</button>
                <button type="button" class="button" on:click=edit>{app.later(|u| &u.edit_answers)}</button>
                <a class="button" href=Route::Analyses.hash()>{app.t(|u| &u.my_analyses)}</a>
            </p>
        </div>
    }
}

/// "Neem contact op", after the advice: the organisation that runs this copy of the app, as its
/// `config.json` names it (`vio_ui::site`); nothing where there is none.
#[component]
fn SiteContact() -> impl IntoView {
    let app = use_app();
    let config = vio_ui::site::usable_signal();
    move || {
        let c = config.get()?;
        let line = |label: fn(&vio_core::ui::LaterTexts) -> &vio_core::Text, value: String, href: String| {
            (!value.is_empty()).then(|| view! { <li>{app.later(label)}": "<a href=href>{value}</a></li> })
        };
        Some(view! {
            <section class="contact" aria-labelledby="contact-title">
                <h2 id="contact-title">{app.later(|u| &u.contact_title)}</h2>
                <p>{move || app.ui.later_fill(|u| &u.contact_lead, "name", &c.organisation)}</p>
                <ul>
                    {line(|u| &u.contact_phone, c.phone.clone(), format!("tel:{}", c.phone.replace([' ', '(', ')', '-'], "")))}
                    {line(|u| &u.contact_email, c.email.clone(), format!("mailto:{}", c.email))}
                    {line(|u| &u.contact_web, c.web.clone(), c.web.clone())}
                </ul>
            </section>
        })
    }
}
