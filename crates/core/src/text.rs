//! Dutch first, English second: every text the user sees exists in both.

use std::borrow::Cow;

use databake::Bake;
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Bake)]
#[serde(try_from = "TextInFile")]
#[databake(path = crate::text)]
pub struct Text {
    pub nl: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

/// A text as the data files write it. Read through this, a text missing or blank in one language
/// stops the build (`build.rs` reads the files with these types) instead of showing an empty line.
#[derive(Deserialize)]
struct TextInFile {
    nl: Cow<'static, str>,
    en: Cow<'static, str>,
}

impl TryFrom<TextInFile> for Text {
    type Error = String;

    fn try_from(t: TextInFile) -> Result<Text, String> {
        let blank = [("nl", &t.nl), ("en", &t.en)].into_iter().find(|(_, text)| text.trim().is_empty()).map(|(lang, _)| lang);
        match blank {
            Some(lang) => Err(format!("a text without its \"{lang}\" wording (Dutch: {:?})", t.nl)),
            None => Ok(Text { nl: t.nl, en: t.en }),
        }
    }
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
    fn a_text_needs_both_languages() {
        let read = |json: &str| serde_json::from_str::<super::Text>(json).map_err(|e| e.to_string());
        assert_eq!(read(r#"{"nl": "Ja", "en": "Yes"}"#).unwrap().get(super::Lang::En), "Yes");
        assert!(read(r#"{"nl": "Ja", "en": " "}"#).unwrap_err().contains("\"en\""), "blank English");
        assert!(read(r#"{"nl": "", "en": "Yes"}"#).unwrap_err().contains("\"nl\""), "empty Dutch");
        assert!(read(r#"{"nl": "Ja"}"#).is_err(), "missing English");
    }

    #[test]
    fn names_lose_what_would_hide_or_reverse_text() {
        assert_eq!(clean_name("Gemeente\u{202E}dorP"), "GemeentedorP");
        assert_eq!(clean_name("WSP\u{200B} Regio\u{2066}X\u{2069}"), "WSP RegioX");
        assert_eq!(clean_name(" Bakkerij\nde Vries\u{0007} "), "Bakkerijde Vries");
        assert_eq!(clean_name("Gemeente Één & Twee"), "Gemeente Één & Twee", "letters and punctuation stay");
    }
}
