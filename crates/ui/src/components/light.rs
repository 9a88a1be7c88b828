//! A traffic light is never colour alone: a word and a shape (square, triangle, circle) go with it.

use leptos::prelude::*;
use vio_core::Light;

use crate::i18n::{use_ui, Ui};

#[component]
pub fn LightBadge(#[prop(into)] light: Signal<Light>) -> impl IntoView {
    let ui = use_ui();
    let word = move || light_word(light.get(), ui);
    let shape = move || match light.get() {
        Light::Rood => view! { <rect x="2" y="2" width="12" height="12"/> }.into_any(),
        Light::Oranje => view! { <polygon points="8,1 15,14 1,14"/> }.into_any(),
        Light::Groen => view! { <circle cx="8" cy="8" r="6.5"/> }.into_any(),
        Light::Onbekend => view! { <circle cx="8" cy="8" r="5.5" fill="none" stroke-width="2" stroke-dasharray="3 2"/> }.into_any(),
    };
    view! {
        <span class=move || format!("light light-{}", light.get().id())>
            <svg class="shape" viewBox="0 0 16 16" aria-hidden="true" focusable="false">{shape}</svg>
            <span class="word">{word}</span>
        </span>
    }
}

/// The light's word in the current language ("Rood", "Orange", …), for badges and reason sentences.
pub fn light_word(light: Light, ui: Ui) -> &'static str {
    match light {
        Light::Rood => ui.t(|u| &u.light_rood)(),
        Light::Oranje => ui.t(|u| &u.light_oranje)(),
        Light::Groen => ui.t(|u| &u.light_groen)(),
        Light::Onbekend => ui.t(|u| &u.light_onbekend)(),
    }
}
