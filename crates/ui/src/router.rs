//! Screens live in the URL fragment (`#/`, `#/vragen/<section>`, `#/resultaat`). A fragment never
//! reaches the server, so a reload works on any static file server, at any subfolder, without
//! rewrite rules (leptos_router only offers history routing, which 404s on reload there). The same
//! property keeps an accountmanager's key in a share link away from every server ([`crate::share_link`]).
//! Each page has its own screens; this is how either follows the fragment.

use leptos::prelude::*;

/// A page's screens, each with its fragment.
pub trait Screen: Clone + PartialEq + Send + Sync + Sized + 'static {
    /// The screen a fragment names; an unknown or broken fragment is the page's first screen.
    fn parse(hash: &str) -> Self;

    fn hash(&self) -> String;

    /// The screen the address bar names now.
    fn current() -> Self {
        Self::parse(&window().location().hash().unwrap_or_default())
    }

    /// Navigates by setting the fragment; the listener of [`follow`] updates the signal.
    fn go(&self) {
        let _ = window().location().set_hash(&self.hash());
    }

    /// Navigates without a history entry; hashchange still fires and updates the signal.
    fn replace(&self) {
        let _ = window().location().replace(&self.hash());
    }
}

/// The current screen, following the fragment (links, back and forward, [`Screen::go`]). Call it
/// once, in the page's root state: a signal made inside a screen would be disposed with it.
pub fn follow<S: Screen>() -> RwSignal<S> {
    let route = RwSignal::new(S::current());
    let _ = window_event_listener(leptos::ev::hashchange, move |_| route.set(S::current()));
    route
}
