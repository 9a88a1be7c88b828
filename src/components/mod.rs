//! The employer's screens, one small component each, in the page shell both pages share
//! (`vio_ui::components::shell`). No business rules here: lights, reasons, visibility and input
//! checks all come from `vio-core`.

mod analyses;
mod invite;
mod plan;
mod question;
mod questionnaire;
mod result;
mod share;
mod start;

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use vio_core::store::{StorageError, STATE_KEY};
use vio_core::ui::UiTexts;
use vio_core::Questionnaire;
use vio_ui::components::shell::{focus_screen_heading, has_navigated, PageShell, UnreadableNotice};
use vio_ui::router::Screen;

use crate::route::Route;
use crate::state::{use_app, AppState};

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::load();
    provide_context(app);
    let q = Questionnaire::vio();
    let screen_title = move |route: &Route| {
        let (ui, lang) = (UiTexts::get(), app.lang());
        match route {
            Route::Start | Route::Invite(_) => ui.start_title.get(lang).to_string(),
            Route::Section(id) => q.sections.iter().find(|s| &s.id == id).map_or_else(String::new, |s| s.title.get(lang).to_string()),
            Route::Result => ui.result_title.get(lang).to_string(),
            Route::Share => ui.share_title.get(lang).to_string(),
            Route::Analyses | Route::Analysis(_) => ui.my_analyses.get(lang).to_string(),
            Route::Compare(..) => ui.compare_title.get(lang).to_string(),
        }
    };
    Effect::new(move |_| match app.route.get() {
        Route::Section(id) => app.set_section(&id),
        // A share link: remember the accountmanager, then show the start screen without the key in
        // the address bar (replace, so "back" does not return to the link).
        Route::Invite(invite) => {
            invite::arrived(app, invite);
            Route::Start.replace();
        }
        _ => {}
    });

    view! {
        <PageShell route=app.route screen_title brand=|ui| ui.t(|u| &u.app_name)().to_string() set_lang=move |lang| app.set_lang(lang) notices=|| view! { <StorageNotice/> }>
            {move || match app.route.get() {
                Route::Start | Route::Invite(_) => view! { <start::StartScreen/> }.into_any(),
                Route::Section(id) => view! { <questionnaire::SectionPage id/> }.into_any(),
                later => view! { <LaterScreen route=later/> }.into_any(),
            }}
        </PageShell>
    }
}

/// Whether the later screens' wasm has arrived: until then a later screen renders after the route's
/// focus was set, and must take the focus itself.
static LATER_SCREENS_READY: AtomicBool = AtomicBool::new(false);

/// The screens after the questionnaire live in a wasm file of their own (`scripts/build.mjs`), so
/// the start screen's critical path carries only the start and the questionnaire. The page asks for
/// that file in the frame after its first screen has painted ([`fetch_later_screens`], called in
/// `start_employer`), never after a click; by the time the user reaches these screens it is there
/// and they render at once. Start and questionnaire routes never come here.
#[leptos::wasm_split::wasm_split(later_screens, wasm_split_path = ::leptos::wasm_split, preload(preload_later_screens), fallible)]
pub(crate) fn later_screen(route: Route) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(match route {
        Route::Result => view! { <result::ResultScreen/> }.into_any(),
        Route::Share => view! { <share::ShareScreen/> }.into_any(),
        Route::Analyses => view! { <analyses::AnalysesScreen/> }.into_any(),
        Route::Analysis(id) => view! { <analyses::AnalysisScreen id/> }.into_any(),
        Route::Compare(a, b) => view! { <analyses::CompareScreen first=a second=b/> }.into_any(),
        Route::Start | Route::Invite(_) | Route::Section(_) => ().into_any(),
    })
}

/// Requests the later screens' wasm before any of them is shown (`start_employer`).
pub(crate) async fn fetch_later_screens() {
    // A failure is not the user's yet: the screen that needs the file retries and explains.
    if preload_later_screens().await.is_ok() {
        LATER_SCREENS_READY.store(true, Ordering::Relaxed);
    }
}

/// Shows a later screen once its wasm file is there. If that file cannot be fetched (offline before
/// the first visit finished), the user reads why and can try again; their answers are untouched.
#[component]
fn LaterScreen(route: Route) -> impl IntoView {
    let app = use_app();
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let route = route.clone();
        Suspend::new(async move {
            let arrives_late = !LATER_SCREENS_READY.load(Ordering::Relaxed);
            let loaded = later_screen(route).await;
            LATER_SCREENS_READY.store(loaded.is_ok(), Ordering::Relaxed);
            if arrives_late && has_navigated() {
                // Runs after the screen below is in the page: Suspend renders it in this same task.
                request_animation_frame(focus_screen_heading);
            }
            match loaded {
                Ok(screen) => screen,
                Err(_) => view! {
                    <h1 tabindex="-1">{app.t(|u| &u.screen_unavailable_title)}</h1>
                    <p>{app.t(|u| &u.screen_unavailable)}</p>
                    <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>{app.t(|u| &u.try_again)}</button>
                }
                .into_any(),
            }
        })
    }
}

#[component]
fn StorageNotice() -> impl IntoView {
    let app = use_app();
    let message = move || match app.storage_problem.get() {
        Some(StorageError::Blocked) => Some(app.t(|u| &u.storage_blocked)()),
        Some(StorageError::Full) => Some(app.t(|u| &u.storage_full)()),
        None => None,
    };
    view! {
        {move || message().map(|m| view! {
            <p class="notice">{m}" "<a href=Route::Analyses.hash()>{app.t(|u| &u.storage_way_out)}</a></p>
        })}
        <UnreadableNotice note=app.unreadable key=STATE_KEY
            kept_aside=|ui, key| ui.fill(|u| &u.storage_kept_aside, "key", key)
            left_in_place=|ui| ui.t(|u| &u.storage_left_in_place)()/>
    }
}
