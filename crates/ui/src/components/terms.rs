//! Explanations of the instruments and parties a text names (no-riskpolis, Werkgeversservicepunt,
//! Mentorwijs, …), found by the core in the text as the user reads it, each behind its own button.

use leptos::prelude::*;
use vio_core::{Questionnaire, Text};

use crate::i18n::use_ui;

/// The terms named in these texts, each once, in the definition's order.
#[component]
pub fn Terms(texts: Vec<&'static Text>) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    move || {
        let lang = ui.lang();
        let joined = texts.iter().map(|t| t.get(lang)).collect::<Vec<_>>().join(" \n ");
        q.terms_in(&joined)
            .into_iter()
            .map(|t| {
                view! {
                    <details class="help term">
                        <summary>{ui.fill(|u| &u.term_what, "term", t.name.get(lang))}</summary>
                        <p>{t.explanation.get(lang)}</p>
                    </details>
                }
            })
            .collect_view()
    }
}
