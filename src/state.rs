//! App-wide state, created once at the root and shared by context (state created inside screens would
//! be disposed with them). Persistence is one effect: whenever the stored state changes it is written,
//! so every answer is saved the moment it is given.

use leptos::prelude::*;
use vio_core::model::Goal;
use vio_core::store::{self, Draft, LoadNote, StorageError, Stored, STATE_KEY};
use vio_core::ui::UiTexts;
use vio_core::{Answer, Lang, Questionnaire, Text};
use vio_ui::browser_storage::BrowserStorage;
use vio_ui::i18n::Ui;
use vio_ui::router;

use crate::route::Route;

#[derive(Clone, Copy)]
pub struct AppState {
    pub stored: RwSignal<Stored>,
    pub route: RwSignal<Route>,
    pub storage_problem: RwSignal<Option<StorageError>>,
    /// Stored data could not be read: kept aside under this key, or (`LeftInPlace`) left where it
    /// is because storage is full, in which case nothing is saved in this visit (see `vio_core::store`).
    pub unreadable: RwSignal<Option<LoadNote>>,
    /// Set when the stored data was left in place: it must not be saved over, also once the notice
    /// is dismissed.
    save_blocked: bool,
    pub ui: Ui,
    /// Bumped when another tab's answers were taken over, so text fields show them (they do not
    /// follow the state while the user types in them).
    pub other_tab_saved: RwSignal<u32>,
    /// What became of a share link opened in this visit (see `components::invite`).
    pub invite_news: RwSignal<Option<InviteNews>>,
}

/// A share link's outcome the start screen tells: a broken link, or a link to other
/// accountmanagers than those stored (the employer chooses; nothing is replaced unasked).
#[derive(Clone, Debug, PartialEq)]
pub enum InviteNews {
    Broken,
    Other { stored: Vec<vio_core::store::Recipient>, new: Vec<vio_core::store::Recipient> },
}

impl AppState {
    /// Reads the stored state (or notes why it could not) and provides the language context.
    pub fn load() -> Self {
        let q = Questionnaire::vio();
        let (initial, note, problem) = match store::load(&mut BrowserStorage::open(), q) {
            Ok((s, note)) => (s, note, None),
            Err(e) => (Stored::default(), LoadNote::Fresh, Some(e)),
        };
        let stored = RwSignal::new(initial);
        let state = AppState {
            ui: Ui::provide(Signal::derive(move || stored.with(|s| s.lang))),
            stored,
            other_tab_saved: RwSignal::new(0),
            invite_news: RwSignal::new(None),
            route: router::follow(),
            storage_problem: RwSignal::new(problem),
            save_blocked: note == LoadNote::LeftInPlace,
            unreadable: RwSignal::new(matches!(note, LoadNote::KeptAside(_) | LoadNote::LeftInPlace).then_some(note)),
        };
        Effect::new(move |_| {
            // Data that could be neither read nor kept aside must not be overwritten.
            if state.save_blocked {
                state.stored.track();
                return;
            }
            let result = state.stored.with(|s| store::save(&mut BrowserStorage::open(), s));
            state.storage_problem.set(result.err());
        });
        // Another tab saved: take its answers rather than overwrite them with ours.
        let _ = window_event_listener(leptos::ev::storage, move |e| {
            if e.key().as_deref() == Some(STATE_KEY) {
                if let Ok((s, _)) = store::load(&mut BrowserStorage::open(), q) {
                    state.stored.set(s);
                    state.other_tab_saved.update(|n| *n += 1);
                }
            }
        });
        state
    }

    pub fn lang(&self) -> Lang {
        self.ui.lang()
    }

    pub fn t(&self, pick: fn(&UiTexts) -> &Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        self.ui.t(pick)
    }

    pub fn later(&self, pick: fn(&vio_core::ui::LaterTexts) -> &Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        self.ui.later(pick)
    }

    pub fn set_lang(&self, lang: Lang) {
        self.stored.update(|s| s.lang = lang);
    }

    pub fn answer(&self, item: &str) -> Option<Answer> {
        self.stored.with(|s| s.draft.as_ref().and_then(|d| d.answers.get(item).cloned()))
    }

    pub fn set_answer(&self, item: &str, answer: Option<Answer>) {
        self.stored.update(|s| {
            let draft = s.draft.get_or_insert_with(new_draft);
            match answer {
                Some(a) => draft.answers.insert(item.to_string(), a),
                None => draft.answers.remove(item),
            };
            s.sync_draft();
        });
    }

    /// The plan van aanpak of the analysis being filled in or looked at.
    pub fn plan(&self) -> Vec<Goal> {
        self.stored.with(|s| s.draft.as_ref().map(|d| d.plan.clone()).unwrap_or_default())
    }

    pub fn set_plan(&self, plan: Vec<Goal>) {
        self.stored.update(|s| {
            s.draft.get_or_insert_with(new_draft).plan = plan;
            s.sync_draft();
        });
    }

    pub fn set_section(&self, section: &str) {
        self.stored.update(|s| s.draft.get_or_insert_with(new_draft).section = section.to_string());
    }

    pub fn start_new(&self, from_last: bool) {
        self.stored.update(|s| s.start_new(Questionnaire::vio(), from_last));
    }

    /// The draft reached its result: it is kept as a completed analysis, dated today.
    pub fn complete(&self) {
        self.stored.update(|s| s.complete_draft(&vio_ui::files::today()));
    }
}

fn new_draft() -> Draft {
    Draft::new(Questionnaire::vio(), Default::default())
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
