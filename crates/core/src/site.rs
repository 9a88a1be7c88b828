//! A gemeente's or Werkgeversservicepunt's own copy of the app: an optional `config.json` beside
//! `index.html` says who runs this copy, how employers reach them, and to which team keys results
//! go by default, without rebuilding (schema and example: docs/DEPLOY.md). The file comes from the
//! deployer, not from us: everything in it is checked before either page uses any of it, and a file
//! that fails any check is not used at all (the pages work as without it and say why), because a
//! half-used config could send results to a key the deployer never meant.

use serde::{Deserialize, Serialize};

use crate::benchmark::{Benchmark, BenchmarkError};
use crate::crypto::{CryptoError, Recipients};
use crate::envelope::MAX_TEXT_CHARS;
use crate::store::Recipient;
use crate::text::clean_name;

/// The organisation that runs this copy, and the keys a shared result goes to when no share link
/// names an accountmanager.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub organisation: String,
    // How employers reach the organisation; each optional. Flat, not a nested object: every
    // object type is another deserializer in the employer's wasm.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// An `https://` address: it becomes a link, so nothing else (a `javascript:` URL) may pass.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub web: String,
    /// At most [`crate::crypto::MAX_RECIPIENTS`], each with a name the employer sees.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<Recipient>,
    /// The region's spread per indicator, as the accountmanager's regional analysis exported it
    /// (`benchmark.json`), shown on every employer's result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<Benchmark>,
}

/// Why a `config.json` is not used; the accountmanager's page says it in the user's language.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    /// Not JSON, or not this shape (an unknown field, a missing organisation), at this line and
    /// column. Not serde's words: their formatting would add kilobytes to the employer's page.
    Unreadable {
        line: usize,
        column: usize,
    },
    NoOrganisation,
    /// A text longer than the app shows (the name of the field).
    TooLong(&'static str),
    BadPhone,
    BadEmail,
    BadWeb,
    /// This recipient's key is not an age public key (its name, or its place when it has none).
    BadKey(String),
    RecipientWithoutName,
    TooManyRecipients,
    /// A key given twice.
    SameKeyTwice,
    Benchmark(BenchmarkError),
}

impl ConfigError {
    /// Where in the file the problem is, for the deployer's console (the accountmanager's page
    /// says what is wrong, in Dutch or English). Not a `Display` of every message: the employer's
    /// page would carry them all for a line in the console.
    pub fn field(&self) -> &'static str {
        match self {
            ConfigError::Unreadable { .. } => "the JSON itself",
            ConfigError::NoOrganisation => "organisation",
            ConfigError::TooLong(field) => field,
            ConfigError::BadPhone => "phone",
            ConfigError::BadEmail => "email",
            ConfigError::BadWeb => "web",
            ConfigError::BadKey(_) | ConfigError::RecipientWithoutName | ConfigError::TooManyRecipients | ConfigError::SameKeyTwice => "recipients",
            ConfigError::Benchmark(_) => "benchmark",
        }
    }
}

impl SiteConfig {
    /// This config as a deployer reads it (indented), for the accountmanager's page to hand out
    /// with a new benchmark in it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data serialises")
    }

    /// Reads and checks a `config.json`; names are cleaned as any name from outside is.
    pub fn read(bytes: &[u8]) -> Result<SiteConfig, ConfigError> {
        let mut c: SiteConfig = serde_json::from_slice(bytes).map_err(|e| ConfigError::Unreadable { line: e.line(), column: e.column() })?;
        c.organisation = clean_name(&c.organisation);
        for r in &mut c.recipients {
            r.name = clean_name(&r.name);
            r.key = r.key.trim().to_ascii_lowercase();
        }
        for field in [&mut c.phone, &mut c.email, &mut c.web] {
            *field = clean_name(field);
        }
        if c.organisation.is_empty() {
            return Err(ConfigError::NoOrganisation);
        }
        let texts = [("organisation", &c.organisation), ("phone", &c.phone), ("email", &c.email), ("web", &c.web)];
        let names = c.recipients.iter().map(|r| ("recipients[].name", &r.name));
        if let Some((field, _)) = texts.into_iter().chain(names).find(|(_, text)| text.chars().count() > MAX_TEXT_CHARS) {
            return Err(ConfigError::TooLong(field));
        }
        let phone_chars = |ch: char| ch.is_ascii_digit() || " +-()".contains(ch);
        if !c.phone.chars().all(phone_chars) || (!c.phone.is_empty() && !c.phone.chars().any(|ch| ch.is_ascii_digit())) {
            return Err(ConfigError::BadPhone);
        }
        let email_ok = c.email.split_once('@').is_some_and(|(who, at)| !who.is_empty() && at.contains('.') && !c.email.contains(char::is_whitespace));
        if !c.email.is_empty() && !email_ok {
            return Err(ConfigError::BadEmail);
        }
        let web_ok = c.web.strip_prefix("https://").is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace));
        if !c.web.is_empty() && !web_ok {
            return Err(ConfigError::BadWeb);
        }
        if c.recipients.iter().any(|r| r.name.is_empty()) {
            return Err(ConfigError::RecipientWithoutName);
        }
        if let Some(bad) = c.recipients.iter().find(|r| crate::crypto::parse_recipient(&r.key).is_err()) {
            return Err(ConfigError::BadKey(bad.name.clone()));
        }
        if !c.recipients.is_empty() {
            let keys: Vec<&str> = c.recipients.iter().map(|r| r.key.as_str()).collect();
            match Recipients::parse(&keys.join("\n")) {
                Err(CryptoError::TooManyRecipients) => return Err(ConfigError::TooManyRecipients),
                Ok(parsed) if parsed.checked().len() < keys.len() => return Err(ConfigError::SameKeyTwice),
                _ => {}
            }
        }
        if let Some(b) = &c.benchmark {
            b.check(crate::Questionnaire::vio()).map_err(ConfigError::Benchmark)?;
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> String {
        age::x25519::Identity::generate().to_public().to_string()
    }

    /// `contact`: the phone, email and web fields as JSON members (`"email": "…"`), or nothing.
    fn config(organisation: &str, contact: &str, recipients: &str) -> Vec<u8> {
        let organisation = serde_json::to_string(organisation).unwrap();
        let contact = if contact.is_empty() { String::new() } else { format!("{contact}, ") };
        format!(r#"{{"organisation": {organisation}, {contact}"recipients": [{recipients}]}}"#).into_bytes()
    }

    fn recipient(name: &str, key: &str) -> String {
        serde_json::json!({ "name": name, "key": key }).to_string()
    }

    #[test]
    fn a_full_config_is_read_and_cleaned() {
        let (a, b) = (key(), key());
        let json = config(
            "WSP Rijk van\u{202E} Nijmegen",
            r#""phone": "+31 (0)24 123 45-67", "email": "werkgevers@wsp.nl", "web": "https://www.wsp.nl/werkgevers""#,
            &format!("{}, {}", recipient("Team Noord", &format!(" {a} ")), recipient("Team Zuid", &b)),
        );
        let c = SiteConfig::read(&json).unwrap();
        assert_eq!(c.organisation, "WSP Rijk van Nijmegen");
        assert_eq!((c.email.as_str(), c.web.as_str()), ("werkgevers@wsp.nl", "https://www.wsp.nl/werkgevers"));
        assert_eq!(c.recipients, vec![Recipient { key: a, name: "Team Noord".into() }, Recipient { key: b, name: "Team Zuid".into() }]);
        let minimal = SiteConfig::read(br#"{"organisation": "Gemeente Oss"}"#).unwrap();
        assert_eq!(
            (minimal.phone, minimal.email, minimal.web, minimal.recipients, minimal.benchmark),
            (String::new(), String::new(), String::new(), vec![], None)
        );
    }

    /// Each check at its edge: what a deployer could get wrong, and what someone could slip in.
    #[test]
    fn a_wrong_config_says_what_is_wrong() {
        let k = key();
        let read = |json: Vec<u8>| SiteConfig::read(&json).unwrap_err();
        let with_contact = |contact: &str| read(config("WSP", contact, ""));
        assert_eq!(read(b"{\n  \"organisation\": \"X\",\n}".to_vec()), ConfigError::Unreadable { line: 3, column: 1 });
        assert!(matches!(read(br#"{"organisation": "X", "recipient": []}"#.to_vec()), ConfigError::Unreadable { line: 1, .. }), "a misspelt field");
        assert!(matches!(read(br#"{"email": "a@b.nl"}"#.to_vec()), ConfigError::Unreadable { .. }), "no organisation");
        assert_eq!(read(config(" \u{200B} ", "", "")), ConfigError::NoOrganisation);
        assert!(SiteConfig::read(&config(&"x".repeat(MAX_TEXT_CHARS), "", "")).is_ok());
        assert_eq!(read(config(&"x".repeat(MAX_TEXT_CHARS + 1), "", "")), ConfigError::TooLong("organisation"));
        assert_eq!(with_contact(r#""phone": "bel ons""#), ConfigError::BadPhone);
        assert_eq!(with_contact(r#""phone": "- -""#), ConfigError::BadPhone);
        assert_eq!(with_contact(r#""email": "werkgevers.wsp.nl""#), ConfigError::BadEmail);
        assert_eq!(with_contact(r#""email": "@wsp.nl""#), ConfigError::BadEmail);
        assert_eq!(with_contact(r#""web": "javascript:alert(1)""#), ConfigError::BadWeb);
        assert_eq!(with_contact(r#""web": "http://www.wsp.nl""#), ConfigError::BadWeb);
        assert_eq!(with_contact(r#""web": "https://""#), ConfigError::BadWeb);
        assert_eq!(with_contact(r#""web": "https://""#).field(), "web", "the console names the field");
        assert_eq!(read(config("WSP", "", &recipient("", &k))), ConfigError::RecipientWithoutName);
        assert_eq!(read(config("WSP", "", &recipient("Team", "age1kapot"))), ConfigError::BadKey("Team".into()));
        assert_eq!(read(config("WSP", "", &format!("{}, {}", recipient("A", &k), recipient("B", &k)))), ConfigError::SameKeyTwice);
        let three: Vec<String> = (0..3).map(|i| recipient(&format!("Team {i}"), &key())).collect();
        assert!(SiteConfig::read(&config("WSP", "", &three.join(", "))).is_ok());
        let four: Vec<String> = (0..4).map(|i| recipient(&format!("Team {i}"), &key())).collect();
        assert_eq!(read(config("WSP", "", &four.join(", "))), ConfigError::TooManyRecipients);
    }

    #[test]
    fn a_benchmark_in_the_config_is_checked_with_it() {
        let with = |rows: &str| {
            format!(r#"{{"organisation": "WSP", "benchmark": {{"from": "2026-01-05", "to": "2026-11-30", "organisations": 41, "rows": [{rows}]}}}}"#)
        };
        let row = r#"{"indicator": "intentie_richting", "group": "regio", "n": 41, "rood": 20, "oranje": 24, "groen": 56}"#;
        let c = SiteConfig::read(with(row).as_bytes()).unwrap();
        assert_eq!(c.benchmark.unwrap().row("intentie_richting", crate::benchmark::Group::Regio).unwrap().groen, Some(56));
        let suppressed = r#"{"indicator": "intentie_richting", "group": "klein", "n": 12, "rood": null, "oranje": null, "groen": 75}"#;
        let both = SiteConfig::read(with(&format!("{row}, {suppressed}")).as_bytes()).unwrap();
        assert_eq!(SiteConfig::read(both.to_json().as_bytes()), Ok(both), "written as it is read");
        let too_few = row.replace("41", "4");
        let err = SiteConfig::read(with(&too_few).as_bytes()).unwrap_err();
        assert_eq!((err.clone(), err.field()), (ConfigError::Benchmark(BenchmarkError::TooFew), "benchmark"));
        assert!(matches!(SiteConfig::read(with(&row.replace("regio", "sector")).as_bytes()), Err(ConfigError::Unreadable { .. })), "an unknown group");
    }
}
