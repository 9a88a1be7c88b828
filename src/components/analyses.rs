//! Mijn analyses: every completed analysis with its date, the one in progress, new analyses (empty or
//! from the last answers), delete with undo, delete all, a read-only view of one analysis, and the
//! comparison of two (`vio_ui::components::comparison`, which the accountmanager's page shows too).

use leptos::prelude::*;
use vio_core::backup::Backup;
use vio_core::store::{Analysis, Removed};
use vio_core::ui::LaterTexts;
use vio_core::Questionnaire;
use vio_ui::components::comparison::{Comparison, Measurement};
use vio_ui::components::field::TextField;
use vio_ui::components::plan::PlanView;
use vio_ui::components::result::ResultView;
use vio_ui::crypto_worker::{self, Failure, Job};
use vio_ui::i18n::display_date;
use vio_ui::router::Screen;

use crate::route::Route;
use crate::state::use_app;

#[component]
pub fn AnalysesScreen() -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let removed = RwSignal::new_local(None::<(String, Removed)>);
    let first = RwSignal::new(None::<u32>);
    let second = RwSignal::new(None::<u32>);
    let start = move |from_last: bool| {
        let replaces_work = app.stored.with(|s| s.unfinished().is_some());
        if !replaces_work || window().confirm_with_message(app.later(|u| &u.confirm_replace_unfinished)()).unwrap_or(false) {
            app.start_new(from_last);
            Route::Section(q.sections[0].id.to_string()).go();
        }
    };
    let delete = move |a: &Analysis| {
        let date = display_date(&a.completed_on, app.lang());
        let id = a.id;
        let mut taken = None;
        app.stored.update(|s| taken = s.remove(id));
        removed.set(taken.map(|r| (date, r)));
    };
    let undo = move |_| {
        if let Some((_, r)) = removed.get_untracked() {
            app.stored.update(|s| s.undo_remove(r));
            removed.set(None);
        }
    };
    let delete_all = move |_| {
        if window().confirm_with_message(app.later(|u| &u.confirm_delete_all)()).unwrap_or(false) {
            app.stored.update(|s| s.remove_all());
            removed.set(None);
        }
    };
    let compare = move |_| {
        if let (Some(a), Some(b)) = (first.get(), second.get()) {
            Route::Compare(a, b).go();
        }
    };
    let has_analyses = move || app.stored.with(|s| !s.analyses.is_empty());
    view! {
        <div class="analyses">
            <h1 tabindex="-1">{app.t(|u| &u.my_analyses)}</h1>
            <p class="lead">{app.later(|u| &u.analyses_lead)}</p>
            <p role="status" class="undo">{move || removed.get().map(|(date, _)| view! {
                {app.ui.later_fill(|u| &u.deleted, "date", &date)}" "
                <button type="button" class="button" on:click=undo>{app.later(|u| &u.undo)}</button>
            })}</p>
            <ul class="analysis-list">
                {move || app.stored.with(|s| s.unfinished().map(|d| {
                    let section = d.section.clone();
                    let n = d.answers.len();
                    view! {
                        <li>
                            <span>{app.ui.later_fill(|u| &u.analysis_unfinished, "n", &n.to_string())}</span>
                            <a class="button primary" href=Route::Section(section).hash()>{app.t(|u| &u.resume)}</a>
                        </li>
                    }
                }))}
                {move || app.stored.with(|s| s.analyses.iter().rev().map(|a| {
                    let date = display_date(&a.completed_on, app.lang());
                    let title = app.ui.later_fill(|u| &u.analysis_of, "date", &date);
                    let analysis = a.clone();
                    view! {
                        <li>
                            <span class="analysis-date">{date.clone()}</span>
                            <a class="button" href=Route::Analysis(a.id).hash() aria-label=format!("{}: {title}", app.later(|u| &u.analysis_view)())>{app.later(|u| &u.analysis_view)}</a>
                            <button type="button" class="button" aria-label=format!("{}: {title}", app.later(|u| &u.delete)()) on:click=move |_| delete(&analysis)>{app.later(|u| &u.delete)}</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <Show when=move || !has_analyses()><p>{app.later(|u| &u.analyses_empty)}</p></Show>
            <section aria-labelledby="new-title">
                <h2 id="new-title">{app.later(|u| &u.new_analysis)}</h2>
                <p class="actions">
                    <button type="button" class="button primary" on:click=move |_| start(false)>{app.later(|u| &u.new_empty)}</button>
                    <Show when=has_analyses>
                        <button type="button" class="button" on:click=move |_| start(true)>{app.later(|u| &u.new_from_last)}</button>
                    </Show>
                </p>
            </section>
            <Show when=move || app.stored.with(|s| s.analyses.len() >= 2)>
                <section aria-labelledby="compare-title">
                    <h2 id="compare-title">{app.later(|u| &u.compare_pick)}</h2>
                    <div class="input compare-pick">
                        <AnalysisSelect id="compare-first" label=|u| &u.compare_earlier choice=first/>
                        <AnalysisSelect id="compare-second" label=|u| &u.compare_later choice=second/>
                    </div>
                    <p class="actions"><button type="button" class="button" on:click=compare>{app.later(|u| &u.compare)}</button></p>
                </section>
            </Show>
            <BackupPanel/>
            <Show when=has_analyses>
                <p class="actions"><button type="button" class="button" on:click=delete_all>{app.later(|u| &u.delete_all)}</button></p>
            </Show>
        </div>
    }
}

#[component]
fn AnalysisSelect(id: &'static str, label: fn(&vio_core::ui::LaterTexts) -> &vio_core::Text, choice: RwSignal<Option<u32>>) -> impl IntoView {
    let app = use_app();
    view! {
        <label for=id>{app.later(label)}</label>
        <select id=id on:change=move |e| choice.set(event_target_value(&e).parse().ok())>
            <option value="">"–"</option>
            {move || app.stored.with(|s| s.analyses.iter().map(|a| {
                view! { <option value=a.id.to_string()>{display_date(&a.completed_on, app.lang())}</option> }
            }).collect_view())}
        </select>
    }
}

/// One completed analysis, read-only, printable.
#[component]
pub fn AnalysisScreen(id: u32) -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let analysis = app.stored.with_untracked(|s| s.analysis(id).cloned());
    let Some(a) = analysis else {
        return view! { <h1 tabindex="-1">{app.t(|u| &u.my_analyses)}</h1><p>{app.later(|u| &u.analyses_empty)}</p> }.into_any();
    };
    let date = a.completed_on.clone();
    let title = move || app.ui.later_fill(|u| &u.analysis_of, "date", &display_date(&date, app.lang()));
    let card = Signal::stored(q.score(&a.answers));
    let answers = Signal::stored(a.answers.clone());
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <div class="result">
            <h1 tabindex="-1">{title}</h1>
            <OlderVersionNote version=a.questionnaire.version/>
            <ResultView card answers/>
            <PlanView plan=a.plan.clone()/>
            <p class="actions">
                <button type="button" class="button" on:click=print>{app.later(|u| &u.print_report)}</button>
                <a class="button" href=Route::Analyses.hash()>{app.t(|u| &u.my_analyses)}</a>
            </p>
        </div>
    }
    .into_any()
}

#[component]
pub fn CompareScreen(first: u32, second: u32) -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let pair = app.stored.with_untracked(|s| s.analysis(first).cloned().zip(s.analysis(second).cloned()));
    let Some((a, b)) = pair else {
        return view! { <h1 tabindex="-1">{app.t(|u| &u.compare_title)}</h1><p><a href=Route::Analyses.hash()>{app.t(|u| &u.my_analyses)}</a></p> }.into_any();
    };
    let version = a.questionnaire.version.min(b.questionnaire.version);
    let measurement = |x: Analysis| Measurement { card: q.score(&x.answers), date: x.completed_on, plan: x.plan };
    let (a, b) = (measurement(a), measurement(b));
    view! {
        <div class="result compare">
            <h1 tabindex="-1">{app.t(|u| &u.compare_title)}</h1>
            <OlderVersionNote version/>
            <Comparison earlier=a later=b/>
            <p class="actions"><a class="button" href=Route::Analyses.hash()>{app.t(|u| &u.my_analyses)}</a></p>
        </div>
    }
    .into_any()
}

/// An analysis made with an earlier questionnaire version is scored by today's rules; the page says
/// so, because its colours may differ from what the employer saw then.
#[component]
fn OlderVersionNote(version: u32) -> impl IntoView {
    let app = use_app();
    (version < Questionnaire::vio().version)
        .then(|| view! { <p class="notice">{move || app.ui.later_fill(|u| &u.older_version, "v", &version.to_string())}</p> })
}

/// All analyses as one passphrase-encrypted file, and back (merged, never overwriting silently).
#[component]
fn BackupPanel() -> impl IntoView {
    let app = use_app();
    let passphrase = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let download = move |_| {
        if vio_core::crypto::passphrase_strength(&passphrase.get()) == vio_core::crypto::PassphraseStrength::TooShort {
            return message.set(Some((false, app.later(|u| &u.share_need_passphrase)().to_string())));
        }
        let plaintext = app.stored.with(|s| Backup::of(s).plaintext());
        let name = format!("vio-analyses-{}.age", vio_ui::files::today());
        message.set(Some((true, app.later(|u| &u.share_working)().to_string())));
        leptos::task::spawn_local(async move {
            let file = crypto_worker::run(Job::SealWithPassphrase, &passphrase.get_untracked(), &plaintext).await;
            message.set(Some(match file.map(|file| vio_ui::files::download(&name, &file, "application/octet-stream")) {
                Ok(Ok(())) => (true, app.ui.later_fill(|u| &u.share_done, "file", &name)),
                Ok(Err(_)) => (false, app.later(|u| &u.share_failed)().to_string()),
                // Encrypting with a passphrase cannot be refused: the worker is not there.
                Err(_) => (false, app.later(|u| &u.crypto_unavailable)().to_string()),
            }));
        });
    };
    let restore = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = vio_ui::files::list(input.files()).into_iter().next() else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let bytes = vio_ui::files::read(&file).await.unwrap_or_default();
            let opened = match crypto_worker::run(Job::OpenWithPassphrase, &passphrase.get_untracked(), &bytes).await {
                Ok(plain) => Backup::from_plaintext(&plain, Questionnaire::vio()),
                Err(Failure::Crypto(e)) => Err(e.into()),
                Err(Failure::Unavailable) => return message.set(Some((false, app.later(|u| &u.crypto_unavailable)().to_string()))),
            };
            match opened {
                Ok(backup) => {
                    let mut merged = Default::default();
                    app.stored.update(|s| merged = s.merge(backup));
                    let merged: vio_core::backup::Merged = merged;
                    let mut text =
                        app.later(|u| &u.backup_restored)().replace("{added}", &merged.added.to_string()).replace("{there}", &merged.already_there.to_string());
                    if merged.draft_kept {
                        text = format!("{text} {}", app.later(|u| &u.backup_draft_kept)());
                    }
                    message.set(Some((true, text)));
                }
                Err(e) => message.set(Some((false, e.message(app.lang())))),
            }
        });
    };
    view! {
        <section aria-labelledby="backup-title" id="backup">
            <h2 id="backup-title">{app.later(|u| &u.backup_title)}</h2>
            <p>{app.later(|u| &u.backup_lead)}</p>
            <TextField id="backup-passphrase" label=&LaterTexts::get().backup_passphrase hint=&LaterTexts::get().share_passphrase_hint value=passphrase kind="password" autocomplete="new-password"/>
            <p class="actions">
                <button type="button" class="button" on:click=download>{app.later(|u| &u.backup_download)}</button>
                <label class="button" for="backup-file">{app.later(|u| &u.backup_restore)}</label>
                <input type="file" id="backup-file" class="visually-hidden" accept=".age" on:change=restore/>
            </p>
            <p role="status" class=move || if message.with(|m| m.as_ref().is_some_and(|m| !m.0)) { "status error" } else { "status" }>
                {move || message.get().map(|m| m.1)}
            </p>
        </section>
    }
}
