//! Dutch first, English second: every text the user sees exists in both.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }
}

/// `Cow` so that the app's own texts can be `static` (see `ui.rs`), while the questionnaire's are
/// read from JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Text {
    pub nl: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// A name that came from outside (a share link, a result file) as it may be shown: control
/// characters, bidirectional overrides and zero-width characters removed, so "Gemeente X" cannot be
/// made to read as another name or hide text; surrounding spaces trimmed.
pub fn clean_name(name: &str) -> String {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
    };
    name.chars().filter(|c| !hidden(*c)).collect::<String>().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::clean_name;

    #[test]
    fn names_lose_what_would_hide_or_reverse_text() {
        assert_eq!(clean_name("Gemeente\u{202E}dorP"), "GemeentedorP");
        assert_eq!(clean_name("WSP\u{200B} Regio\u{2066}X\u{2069}"), "WSP RegioX");
        assert_eq!(clean_name(" Bakkerij\nde Vries\u{0007} "), "Bakkerijde Vries");
        assert_eq!(clean_name("Gemeente Één & Twee"), "Gemeente Één & Twee", "letters and punctuation stay");
    }
}
