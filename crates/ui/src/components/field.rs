//! A labelled one-line text field with an optional hint, bound to a signal: the form pattern every
//! screen uses (passphrases, names), so labels and hints are tied to their input the same way everywhere.

use leptos::prelude::*;
use vio_core::Text;

use crate::i18n::use_ui;

#[component]
pub fn TextField(
    id: &'static str,
    label: &'static Text,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<&'static Text>,
    /// `text` or `password`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let ui = use_ui();
    let hint_id = format!("{id}-hint");
    view! {
        <div class="input question">
            <label for=id>{ui.text(move || label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{ui.text(move || h)}</p> })}
            <input type=kind id=id maxlength=vio_core::envelope::MAX_TEXT_CHARS_ATTR autocomplete=autocomplete aria-describedby=hint.map(|_| hint_id.clone())
                prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e))/>
        </div>
    }
}
