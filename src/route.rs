//! Screens live in the URL fragment (`#/`, `#/vragen/<section>`, `#/resultaat`). A fragment never
//! reaches the server, so a reload works on any static file server, at any subfolder, without
//! rewrite rules (leptos_router only offers history routing, which 404s on reload there).

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Start,
    Section(String),
    Result,
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split_once('/') {
            Some(("vragen", section)) if !section.is_empty() => Route::Section(section.to_string()),
            _ if path == "resultaat" => Route::Result,
            _ => Route::Start,
        }
    }

    pub fn hash(&self) -> String {
        match self {
            Route::Start => "#/".into(),
            Route::Section(s) => format!("#/vragen/{s}"),
            Route::Result => "#/resultaat".into(),
        }
    }

    pub fn current() -> Route {
        Route::parse(&web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default())
    }

    /// Navigates by setting the fragment; the hashchange listener in `state` updates the signal.
    pub fn go(&self) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&self.hash());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn fragments_round_trip() {
        for r in [Route::Start, Route::Section("attitude".into()), Route::Result] {
            assert_eq!(Route::parse(&r.hash()), r);
        }
        assert_eq!(Route::parse(""), Route::Start);
        assert_eq!(Route::parse("#/vragen/"), Route::Start);
        assert_eq!(Route::parse("#/onzin"), Route::Start);
    }
}
