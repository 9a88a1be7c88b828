//! The accountmanager's own notes on one employer (`vio_core::notes`): saved as they are typed,
//! encrypted to the key in use, shown beside every result of that employer, downloadable as the
//! age file the `age` CLI opens with the accountmanager's key, and restored from that file.

use leptos::prelude::*;
use vio_core::notes::{EmployerNotes, RestoreError, MAX_NOTE_CHARS_ATTR};
use vio_ui::files;

use super::device::{self, DeviceError, Store};
use super::state::use_am;

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Ready,
    Saved,
    Restored,
    /// A file that did not restore; nothing changed.
    NotRestored(RestoreError),
    /// Notes are stored that none of this browser's keys opens: nothing may overwrite them.
    Unreadable,
    Failed(DeviceError),
}

#[component]
pub fn EmployerNotesPanel(
    /// `vio_core::notes::employer_key`.
    employer: String,
    organisation: String,
) -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let notes = RwSignal::new(String::new());
    let agreements = RwSignal::new(String::new());
    let status = RwSignal::new(Status::Loading);
    let key = StoredValue::new(employer);
    let organisation = StoredValue::new(organisation);
    leptos::task::spawn_local(async move {
        let found = device::get(Store::EmployerNotes, &key.get_value()).await;
        status.set(match found.map(|r| r.and_then(|r| device::bytes(&r))) {
            Ok(Some(file)) => match EmployerNotes::open(&file, &am.identities()) {
                Ok(n) => {
                    notes.set(n.notes);
                    agreements.set(n.agreements);
                    Status::Ready
                }
                Err(_) => Status::Unreadable,
            },
            Ok(None) => Status::Ready,
            Err(e) => Status::Failed(e),
        });
    });
    let current = move || EmployerNotes::new(&key.get_value(), &organisation.get_value(), &notes.get_untracked(), &agreements.get_untracked(), &files::today());
    // Saved on every change: what is typed is on the device before the tab can close.
    let save = move |saved: Status| {
        let Some(identity) = am.identity() else { return };
        let n = current();
        leptos::task::spawn_local(async move {
            let id = key.get_value();
            let outcome = if n.is_empty() {
                device::delete(Store::EmployerNotes, &[id]).await
            } else {
                device::put_all(Store::EmployerNotes, &[device::record(&id, &[], &n.seal(&identity.to_public()))]).await
            };
            status.set(outcome.map_or_else(Status::Failed, |()| saved));
        });
    };
    let restore = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = files::list(input.files()).into_iter().next() else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let bytes = match super::read::all_at_most(&[file], vio_core::crypto::MAX_FILE_BYTES).await.pop() {
                Some(super::read::Read::Bytes(bytes)) => bytes,
                _ => Vec::new(),
            };
            match EmployerNotes::restore(&bytes, &am.identities(), &key.get_value()) {
                Ok(n) => {
                    let here = current();
                    let same = (here.notes.as_str(), here.agreements.as_str()) == (n.notes.as_str(), n.agreements.as_str());
                    if !here.is_empty() && !same && !window().confirm_with_message(ui.am(|u| &u.notes_confirm_restore)()).unwrap_or(false) {
                        return;
                    }
                    notes.set(n.notes);
                    agreements.set(n.agreements);
                    save(Status::Restored);
                }
                Err(e) => status.set(Status::NotRestored(e)),
            }
        });
    };
    let download = move |_| {
        if let Some(identity) = am.identity() {
            let n = current();
            let _ = files::download(&n.file_name(), &n.seal(&identity.to_public()), "application/octet-stream");
        }
    };
    let delete = move |_| {
        if !window().confirm_with_message(ui.am(|u| &u.notes_confirm_delete)()).unwrap_or(false) {
            return;
        }
        leptos::task::spawn_local(async move {
            match device::delete(Store::EmployerNotes, &[key.get_value()]).await {
                Ok(()) => {
                    notes.set(String::new());
                    agreements.set(String::new());
                    status.set(Status::Ready);
                }
                Err(e) => status.set(Status::Failed(e)),
            }
        });
    };
    // Stored notes no key here opens are never overwritten, by typing or by a file.
    let editable = move || am.identity().is_some() && !matches!(status.get(), Status::Loading | Status::Unreadable);
    let message = move || match status.get() {
        Status::Saved => Some(ui.am(|u| &u.notes_saved)().to_string()),
        Status::Restored => Some(ui.am(|u| &u.notes_restored)().to_string()),
        Status::NotRestored(RestoreError::NotNotes) => Some(ui.am(|u| &u.notes_restore_not_notes)().to_string()),
        Status::NotRestored(RestoreError::OtherEmployer(name)) => {
            let name = if name.trim().is_empty() { ui.am(|u| &u.am_anonymous)().to_string() } else { name };
            Some(ui.am_fill(|u| &u.notes_restore_other, "name", &name))
        }
        Status::Unreadable => Some(ui.am(|u| &u.notes_unreadable)().to_string()),
        Status::Failed(DeviceError::Full) => Some(ui.am(|u| &u.notes_full)().to_string()),
        Status::Failed(DeviceError::Blocked) => Some(ui.am(|u| &u.notes_blocked)().to_string()),
        Status::Loading | Status::Ready => None,
    };
    let field = move |id: &'static str, label: fn(&vio_core::ui::AmTexts) -> &vio_core::Text, value: RwSignal<String>| {
        view! {
            <label for=id>{ui.am(label)}</label>
            <textarea id=id rows="5" maxlength=MAX_NOTE_CHARS_ATTR disabled=move || !editable()
                prop:value=move || value.get() on:input=move |e| { value.set(event_target_value(&e)); save(Status::Saved); }></textarea>
        }
    };
    view! {
        <section class="panel" aria-labelledby="notes-title">
            <h2 id="notes-title">{ui.am(|u| &u.notes_title)}</h2>
            <p>{ui.am(|u| &u.notes_lead)}</p>
            <Show when=move || am.identity().is_none()><p class="note">{ui.am(|u| &u.am_need_key)}</p></Show>
            <div class="input notes">
                {field("notes-notes", |u| &u.notes_notes, notes)}
                {field("notes-agreements", |u| &u.notes_agreements, agreements)}
            </div>
            // Right below the fields, where "saved" is looked for while typing; above the buttons, so
            // what came of a file is said next to the one that read it.
            <p class="hint" role="status">{message}</p>
            <p class="actions">
                <button type="button" class="button" on:click=download disabled=move || !editable()>{ui.am(|u| &u.notes_download)}</button>
                // A button in the page's language: the browser's own file button speaks the browser's.
                <label class="button" for="notes-file">{ui.am(|u| &u.notes_restore)}</label>
                <input type="file" id="notes-file" class="visually-hidden" accept=".age,application/octet-stream" aria-describedby="notes-file-hint" disabled=move || !editable() on:change=restore/>
                <button type="button" class="button" on:click=delete disabled=move || matches!(status.get(), Status::Loading)>{ui.am(|u| &u.notes_delete)}</button>
            </p>
            <p class="hint" id="notes-file-hint">{ui.am(|u| &u.notes_restore_hint)}</p>
        </section>
    }
}
