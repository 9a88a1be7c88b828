//! The start screen. Its markup mirrors the static copy in index.html, which shows before the wasm has
//! run; keeping them the same is what avoids a layout shift when this takes over.

use leptos::prelude::*;
use vio_core::Questionnaire;
use vio_ui::router::Screen;

use super::invite::{InviteNotice, Invited};
use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn StartScreen() -> impl IntoView {
    let app = use_app();
    let has_draft = move || app.stored.with(|s| s.draft.as_ref().is_some_and(|d| !d.answers.is_empty()));
    let start = move |_| {
        app.start_new(false);
        Route::Section(Questionnaire::vio().sections[0].id.to_string()).go();
    };
    let resume = move |_| {
        let section = app.stored.with(|s| s.draft.as_ref().map(|d| d.section.clone())).unwrap_or_default();
        Route::Section(section).go();
    };
    let start_again = move |e| {
        if window().confirm_with_message(app.t(|u| &u.confirm_start_again)()).unwrap_or(false) {
            start(e);
        }
    };
    view! {
        <div class="start">
            <h1 tabindex="-1">{app.t(|u| &u.start_title)}</h1>
            <p class="lead">{app.t(|u| &u.start_lead)}</p>
            <p class="duration">{app.t(|u| &u.start_duration)}</p>
            <InviteNotice/>
            <Invited/>
            <section class="privacy" aria-labelledby="privacy-title">
                <h2 id="privacy-title">{app.t(|u| &u.privacy_title)}</h2>
                <ul>
                    <li>{app.t(|u| &u.privacy_1)}</li>
                    <li>{app.t(|u| &u.privacy_2)}</li>
                    <li>{app.t(|u| &u.privacy_3)}</li>
                </ul>
            </section>
            <div class="actions">
                <Show when=has_draft
                    fallback=move || view! { <button type="button" class="button primary" on:click=start>{app.t(|u| &u.start)}</button> }>
                    <button type="button" class="button primary" on:click=resume>{app.t(|u| &u.resume)}</button>
                    <button type="button" class="button" on:click=start_again>{app.t(|u| &u.start_again)}</button>
                </Show>
                <Show when=move || app.stored.with(|s| !s.analyses.is_empty())>
                    <a class="button" href=Route::Analyses.hash()>{app.t(|u| &u.my_analyses)}</a>
                </Show>
            </div>
            <p class="for-accountmanagers"><a href="./accountmanager/">{app.t(|u| &u.for_accountmanagers)}</a></p>
        </div>
    }
}
