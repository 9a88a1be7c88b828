//! The current language and the app's texts, as a small context that both pages provide (the
//! employer's page from its stored state, the accountmanager's from its own), so shared components
//! such as the result view do not depend on either page's state.

use leptos::prelude::*;
use vio_core::ui::{AmTexts, LaterTexts, UiTexts};
use vio_core::{Lang, Text};

#[derive(Clone, Copy)]
pub struct Ui {
    lang: Signal<Lang>,
}

impl Ui {
    pub fn provide(lang: Signal<Lang>) -> Ui {
        let ui = Ui { lang };
        provide_context(ui);
        ui
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// A UI text in the current language, as a reactive closure for views.
    pub fn t(&self, pick: fn(&UiTexts) -> &Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        self.text(move || pick(UiTexts::get()))
    }

    /// A text of the screens after the questionnaire (`LaterTexts`: result, plan, Delen, Mijn
    /// analyses), as [`Ui::t`] gives the others. Call it only from those screens (and the
    /// accountmanager's page): wasm-split then keeps the texts off the start screen's critical path.
    pub fn later(&self, pick: fn(&LaterTexts) -> &Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        self.text(move || pick(LaterTexts::get()))
    }

    /// A text of the accountmanager's page (`AmTexts`), as [`Ui::t`] gives the others.
    pub fn am(&self, pick: fn(&AmTexts) -> &Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        self.text(move || pick(AmTexts::get()))
    }

    /// Any `Text` (from either table, or picked by a caller such as `TextField`) in the current
    /// language, as a reactive closure for views.
    pub fn text(&self, text: impl Fn() -> &'static Text + Copy + Send + Sync + 'static) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let lang = self.lang;
        move || text().get(lang.get())
    }

    /// A text with one `{name}` placeholder filled in.
    pub fn fill(&self, pick: fn(&UiTexts) -> &Text, name: &str, value: &str) -> String {
        fill(self.t(pick)(), name, value)
    }

    /// [`Ui::fill`] for a text of the later screens.
    pub fn later_fill(&self, pick: fn(&LaterTexts) -> &Text, name: &str, value: &str) -> String {
        fill(self.later(pick)(), name, value)
    }

    /// [`Ui::fill`] for a text of the accountmanager's page.
    pub fn am_fill(&self, pick: fn(&AmTexts) -> &Text, name: &str, value: &str) -> String {
        fill(self.am(pick)(), name, value)
    }

    /// "WSP Noord (controlecode 1A2B-…), …": every accountmanager a result goes to, as the employer
    /// checks them with their accountmanager (both pages say it). `named` holds each one's name
    /// (may be empty: a pasted key) and check code.
    pub fn named_codes(&self, named: impl IntoIterator<Item = (String, String)>) -> String {
        let each: Vec<String> = named
            .into_iter()
            .map(|(name, code)| {
                let name = if name.is_empty() { self.t(|u| &u.recipient_unnamed)().to_string() } else { name };
                self.fill(|u| &u.recipient_with_code, "name", &name).replace("{code}", &code)
            })
            .collect();
        each.join(", ")
    }
}

fn fill(text: &str, name: &str, value: &str) -> String {
    text.replace(&format!("{{{name}}}"), value)
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}

/// `JJJJ-MM-DD` as the user reads it: 23-11-2026 in Dutch, 2026-11-23 in English (unambiguous).
pub fn display_date(iso: &str, lang: Lang) -> String {
    match (lang, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Nl, [y, m, d]) => format!("{d}-{m}-{y}"),
        _ => iso.to_string(),
    }
}
