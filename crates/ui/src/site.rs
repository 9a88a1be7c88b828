//! The site's own `config.json` (`vio_core::site`, docs/DEPLOY.md). The start script requests it
//! beside the wasm (`scripts/build.mjs`), so it is there before any click; this reads the answer
//! once. A file that is wrong is not used: the console says why, for the deployer, and the
//! accountmanager's page shows it.

use std::cell::OnceCell;

use leptos::prelude::*;
use vio_core::site::{ConfigError, SiteConfig};
use wasm_bindgen::JsCast;

/// `None`: this copy has no config (or the page was started without the start script).
pub type Config = Option<Result<SiteConfig, ConfigError>>;

thread_local! {
    static READ: OnceCell<Config> = const { OnceCell::new() };
}

pub async fn config() -> Config {
    if let Some(read) = READ.with(|r| r.get().cloned()) {
        return read;
    }
    let promise = js_sys::Reflect::get(&js_sys::global(), &"vioConfig".into()).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let text = match promise {
        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|t| t.as_string()),
        None => None,
    };
    let read = text.map(|t| SiteConfig::read(t.as_bytes()));
    if let Some(Err(e)) = &read {
        let field = e.field();
        web_sys::console::warn_1(
            &format!("VIO zelfscan: config.json is not used: look at {field}; the accountmanager's page (accountmanager/) says what is wrong").into(),
        );
    }
    READ.with(|r| r.get_or_init(|| read).clone())
}

/// The config when it is usable; a wrong one counts as none.
pub async fn usable() -> Option<SiteConfig> {
    config().await.and_then(Result::ok)
}

/// [`usable`] for a view: `None` until it is read, and where there is none.
pub fn usable_signal() -> RwSignal<Option<SiteConfig>> {
    let config = RwSignal::new(None);
    leptos::task::spawn_local(async move { config.set(usable().await) });
    config
}
