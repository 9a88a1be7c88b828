//! Files in and out of the browser: saving bytes as a download or handing them to the phone's share
//! sheet, reading picked or dropped files, and today's date for file names. Nothing here touches the
//! network: downloads are `blob:` URLs made and revoked on the spot.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// The bytes of a file the user picked or dropped.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, wasm_bindgen::JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The files of a `FileList` (from an `<input type=file>` or a drop).
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default()
}

/// Lets the browser paint and handle input before the next piece of long work.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().map(|w| w.set_timeout_with_callback(&resolve));
    });
    let _ = JsFuture::from(promise).await;
}

/// Today in the user's own time zone as `JJJJ-MM-DD`: the only time information a result file holds.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Why a file did not reach the share sheet.
pub enum ShareFailure {
    /// The user closed the share sheet: nothing to report.
    Cancelled,
    /// No share sheet, none that takes the file or its text, or the sheet failed.
    Failed,
}

/// Whether this browser has a share sheet (`navigator.canShare`: phones, some desktops).
pub fn can_share() -> bool {
    js_sys::Reflect::get(&leptos::prelude::window().navigator(), &"canShare".into()).is_ok_and(|f| f.is_function())
}

/// Hands an age file to the share sheet: as the `.age` file where the browser takes it, otherwise as
/// the same file armored in a `.txt` file (Chromium shares only files of an allow-list of types), or
/// as that text. The `age` CLI and the accountmanager's page read the armored file as the binary one.
pub async fn share(name: &str, bytes: &[u8], title: &str) -> Result<(), ShareFailure> {
    let navigator = leptos::prelude::window().navigator();
    let method = |name: &str| js_sys::Reflect::get(&navigator, &name.into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let (Some(can_share), Some(share)) = (method("canShare"), method("share")) else { return Err(ShareFailure::Failed) };
    let armored = vio_core::crypto::armor(bytes);
    let text_name = format!("{}.txt", name.trim_end_matches(".age"));
    let candidates = [
        file_data(name, bytes, "application/octet-stream", title),
        file_data(&text_name, armored.as_bytes(), "text/plain", title),
        share_data(&[("title", title.into()), ("text", armored.as_str().into())]),
    ];
    let accepted = candidates.into_iter().flatten().find(|data| can_share.call1(&navigator, data).is_ok_and(|ok| ok.is_truthy()));
    let Some(data) = accepted else { return Err(ShareFailure::Failed) };
    let promise: js_sys::Promise = share.call1(&navigator, &data).map_err(|_| ShareFailure::Failed)?.dyn_into().map_err(|_| ShareFailure::Failed)?;
    match JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(e) if e.dyn_ref::<web_sys::DomException>().is_some_and(|e| e.name() == "AbortError") => Err(ShareFailure::Cancelled),
        Err(_) => Err(ShareFailure::Failed),
    }
}

fn file_data(name: &str, bytes: &[u8], mime: &str, title: &str) -> Option<JsValue> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)), name, &options).ok()?;
    share_data(&[("title", title.into()), ("files", js_sys::Array::of1(&file).into())])
}

fn share_data(fields: &[(&str, JsValue)]) -> Option<JsValue> {
    let data = js_sys::Object::new();
    for (key, value) in fields {
        js_sys::Reflect::set(&data, &(*key).into(), value).ok()?;
    }
    Some(data.into())
}
