//! Screens live in the URL fragment (`#/`, `#/vragen/<section>`, `#/resultaat`). A fragment never
//! reaches the server, so a reload works on any static file server, at any subfolder, without
//! rewrite rules (leptos_router only offers history routing, which 404s on reload there).
//! The same property keeps an accountmanager's key in a share link away from every server:
//! `#/uitnodiging?sleutel=age1…&naam=Gemeente%20X`, with a `sleutel` and `naam` pair for every
//! colleague the result also goes to.

use percent_encoding::percent_decode_str;
use vio_core::store::Recipient;

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Start,
    Section(String),
    Result,
    Share,
    /// A share link with its accountmanagers, in order; `None` when it is broken (no key, a
    /// parameter that does not decode). Their keys are checked when the link arrives.
    Invite(Option<Vec<Recipient>>),
    Analyses,
    Analysis(u32),
    Compare(u32, u32),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(query) = path.strip_prefix("uitnodiging?") {
            return Route::Invite(parse_invite(query));
        }
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            ["analyses"] => return Route::Analyses,
            ["analyse", id] => return id.parse().map_or(Route::Analyses, Route::Analysis),
            ["vergelijk", a, b] => return a.parse().ok().zip(b.parse().ok()).map_or(Route::Analyses, |(a, b)| Route::Compare(a, b)),
            _ => {}
        }
        match path.split_once('/') {
            Some(("vragen", section)) if !section.is_empty() => Route::Section(section.to_string()),
            _ if path == "resultaat" => Route::Result,
            _ if path == "delen" => Route::Share,
            _ => Route::Start,
        }
    }

    pub fn hash(&self) -> String {
        match self {
            Route::Start => "#/".into(),
            Route::Section(s) => format!("#/vragen/{s}"),
            Route::Result => "#/resultaat".into(),
            Route::Share => "#/delen".into(),
            Route::Analyses => "#/analyses".into(),
            Route::Analysis(id) => format!("#/analyse/{id}"),
            Route::Compare(a, b) => format!("#/vergelijk/{a}/{b}"),
            Route::Invite(None) => "#/".into(),
            Route::Invite(Some(recipients)) => invite_hash(recipients),
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

    /// Navigates without a history entry; hashchange still fires and updates the signal.
    pub fn replace(&self) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(&self.hash());
        }
    }
}

/// A share link's fragment. Only the accountmanager's page writes share links; the employer's page
/// only reads them, so its wasm goes without the encoder.
#[cfg(feature = "accountmanager")]
fn invite_hash(recipients: &[Recipient]) -> String {
    use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    let pairs: Vec<String> = recipients.iter().map(|r| format!("sleutel={}&naam={}", enc(&r.key), enc(&r.name))).collect();
    format!("#/uitnodiging?{}", pairs.join("&"))
}

#[cfg(not(feature = "accountmanager"))]
fn invite_hash(_: &[Recipient]) -> String {
    "#/".into()
}

/// Every `sleutel` starts the next accountmanager; a `naam` names the one before it. Keys are kept
/// in lower case, as age writes them (bech32 reads either case), so a key typed in capitals is
/// still recognised as the same key on Delen.
fn parse_invite(query: &str) -> Option<Vec<Recipient>> {
    let mut recipients: Vec<Recipient> = Vec::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=')?;
        let v = percent_decode_str(&v.replace('+', " ")).decode_utf8().ok()?.trim().to_string();
        match k {
            "sleutel" => recipients.push(Recipient { key: v.to_ascii_lowercase(), name: String::new() }),
            "naam" => recipients.last_mut()?.name = vio_core::text::clean_name(&v).chars().take(vio_core::envelope::MAX_TEXT_CHARS).collect(),
            _ => {}
        }
    }
    (!recipients.is_empty()).then_some(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_round_trip() {
        for r in [Route::Start, Route::Section("attitude".into()), Route::Result, Route::Share, Route::Analyses, Route::Analysis(3), Route::Compare(1, 2)] {
            assert_eq!(Route::parse(&r.hash()), r);
        }
        assert_eq!(Route::parse(""), Route::Start);
        assert_eq!(Route::parse("#/vragen/"), Route::Start);
        assert_eq!(Route::parse("#/onzin"), Route::Start);
        assert_eq!(Route::parse("#/uitnodiging?naam=X"), Route::Invite(None), "no key");
        assert_eq!(Route::parse("#/uitnodiging?sleutel=age1x&naam=%FF"), Route::Invite(None), "not UTF-8");
        assert_eq!(Route::parse("#/uitnodiging?sleutel"), Route::Invite(None));
        assert_eq!(Route::parse("#/uitnodiging?naam=X&sleutel=age1x"), Route::Invite(None), "a name before any key");
        let team = "#/uitnodiging?sleutel=age1abc&naam=WSP%20Noord&sleutel=age1def&naam=Gemeente+%C3%89%C3%A9n";
        let read = vec![Recipient { key: "age1abc".into(), name: "WSP Noord".into() }, Recipient { key: "age1def".into(), name: "Gemeente Één".into() }];
        assert_eq!(Route::parse(team), Route::Invite(Some(read.clone())));
        assert_eq!(Route::parse(&team.replace("age1abc", "AGE1ABC")), Route::Invite(Some(read)), "a key in capitals is the same key");
    }

    /// The accountmanager's page writes the links the employer's page reads.
    #[cfg(feature = "accountmanager")]
    #[test]
    fn share_links_round_trip() {
        let one = vec![Recipient { key: "age1abc".into(), name: "Gemeente Één & Twee".into() }];
        let team = vec![Recipient { key: "age1abc".into(), name: "WSP Noord".into() }, Recipient { key: "age1def".into(), name: String::new() }];
        for r in [Route::Invite(Some(one)), Route::Invite(Some(team))] {
            assert_eq!(Route::parse(&r.hash()), r);
        }
    }
}
