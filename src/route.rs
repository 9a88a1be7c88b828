//! The employer's screens and their fragments (`vio_ui::router` says why fragments). A share link
//! (`vio_ui::share_link`) is a screen too: it arrives, is remembered, and makes way for the start.

use vio_core::store::Recipient;
use vio_ui::router::Screen;
use vio_ui::share_link;

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Start,
    Section(String),
    Result,
    Share,
    /// A share link with its accountmanagers, in order; `None` when it is broken. Their keys are
    /// checked when the link arrives.
    Invite(Option<Vec<Recipient>>),
    Analyses,
    Analysis(u32),
    Compare(u32, u32),
}

impl Screen for Route {
    fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        if let Some(query) = path.strip_prefix(share_link::PATH).and_then(|p| p.strip_prefix('?')) {
            return Route::Invite(share_link::read(query));
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

    /// A share link has no fragment of its own here: the employer's page only reads them.
    fn hash(&self) -> String {
        match self {
            Route::Start | Route::Invite(_) => "#/".into(),
            Route::Section(s) => format!("#/vragen/{s}"),
            Route::Result => "#/resultaat".into(),
            Route::Share => "#/delen".into(),
            Route::Analyses => "#/analyses".into(),
            Route::Analysis(id) => format!("#/analyse/{id}"),
            Route::Compare(a, b) => format!("#/vergelijk/{a}/{b}"),
        }
    }
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
        let one = vec![Recipient { key: "age1abc".into(), name: "WSP Noord".into() }];
        assert_eq!(Route::parse(&share_link::fragment(&one)), Route::Invite(Some(one)));
    }
}
