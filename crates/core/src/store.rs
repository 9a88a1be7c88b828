//! What the app keeps in the browser, and how it is read back. The browser's localStorage sits behind
//! the small [`KeyValue`] trait so the rules (schema version, keeping unreadable data aside) are tested
//! here with [`MemoryStorage`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::questionnaire::Questionnaire;
use crate::text::Lang;

/// Bumped whenever [`Stored`] changes shape; [`load`] migrates older versions.
pub const SCHEMA_VERSION: u32 = 1;
pub const STATE_KEY: &str = "vio.state";
/// Data that could not be read is moved here, never deleted, so it can still be rescued.
pub const UNREADABLE_KEY: &str = "vio.state.unreadable";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub schema: u32,
    pub lang: Lang,
    pub draft: Option<Draft>,
    /// The accountmanager whose share link opened the app; the Delen screen offers their key.
    #[serde(default)]
    pub invite: Option<Invite>,
}

/// An accountmanager's public key and display name, as they came in a share link's fragment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invite {
    pub key: String,
    pub name: String,
}

impl Default for Stored {
    fn default() -> Self {
        Stored { schema: SCHEMA_VERSION, lang: Lang::Nl, draft: None, invite: None }
    }
}

/// The analysis being filled in: answers so far and the section (page) the user was on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub questionnaire: QuestionnaireRef,
    pub answers: Answers,
    pub section: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: u32,
}

impl QuestionnaireRef {
    pub fn of(q: &Questionnaire) -> Self {
        QuestionnaireRef { id: q.id.clone(), version: q.version }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// The browser refuses storage (disabled, private mode policies, sandboxed frame).
    Blocked,
    /// The quota is exhausted.
    Full,
}

pub trait KeyValue {
    fn read(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn write(&mut self, key: &str, value: &str) -> Result<(), StorageError>;
}

#[derive(Default)]
pub struct MemoryStorage {
    pub values: HashMap<String, String>,
    /// Makes every write fail like a full browser storage, for tests.
    pub full: bool,
}

impl KeyValue for MemoryStorage {
    fn read(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.values.get(key).cloned())
    }

    fn write(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.full {
            return Err(StorageError::Full);
        }
        self.values.insert(key.to_string(), value.to_string());
        Ok(())
    }
}

/// What [`load`] found besides the state itself.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadNote {
    Fresh,
    Loaded,
    /// The stored data could not be read; it was kept under [`UNREADABLE_KEY`].
    KeptAside,
}

pub fn load(kv: &mut dyn KeyValue, q: &Questionnaire) -> Result<(Stored, LoadNote), StorageError> {
    let Some(raw) = kv.read(STATE_KEY)? else { return Ok((Stored::default(), LoadNote::Fresh)) };
    match serde_json::from_str::<Stored>(&raw) {
        Ok(mut s) if s.schema <= SCHEMA_VERSION => {
            s.schema = SCHEMA_VERSION;
            if let Some(d) = &mut s.draft {
                d.answers = q.sanitize(&d.answers);
            }
            Ok((s, LoadNote::Loaded))
        }
        _ => {
            kv.write(UNREADABLE_KEY, &raw)?;
            Ok((Stored::default(), LoadNote::KeptAside))
        }
    }
}

pub fn save(kv: &mut dyn KeyValue, s: &Stored) -> Result<(), StorageError> {
    kv.write(STATE_KEY, &serde_json::to_string(s).expect("Stored always serialises"))
}

/// The accountmanager's page keeps its own small state under its own key: the identity (the secret
/// `AGE-SECRET-KEY-1…` line, which never leaves this browser except in a backup the user makes) and the
/// display name that goes into share links.
pub const KEYRING_KEY: &str = "vio.accountmanager";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Keyring {
    pub lang: Lang,
    pub identity: Option<String>,
    pub name: String,
}

pub fn load_keyring(kv: &dyn KeyValue) -> Result<Keyring, StorageError> {
    // An unreadable keyring is left in place (never overwritten) until the user creates a new key.
    Ok(kv.read(KEYRING_KEY)?.and_then(|raw| serde_json::from_str(&raw).ok()).unwrap_or_default())
}

pub fn save_keyring(kv: &mut dyn KeyValue, k: &Keyring) -> Result<(), StorageError> {
    kv.write(KEYRING_KEY, &serde_json::to_string(k).expect("Keyring always serialises"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;

    #[test]
    fn a_saved_draft_loads_back_exactly() {
        let q = Questionnaire::vio();
        let mut kv = MemoryStorage::default();
        let mut answers = Answers::new();
        answers.insert("medewerkers".into(), Answer::Number(12));
        answers.insert("intentie".into(), Answer::Text("meer".into()));
        let s = Stored { lang: Lang::En, draft: Some(Draft { questionnaire: QuestionnaireRef::of(q), answers, section: "sociale_norm".into() }), ..Stored::default() };
        save(&mut kv, &s).unwrap();
        assert_eq!(load(&mut kv, q).unwrap(), (s, LoadNote::Loaded));
    }

    #[test]
    fn unreadable_or_newer_data_is_kept_aside_not_deleted() {
        let q = Questionnaire::vio();
        for raw in ["{not json", r#"{"schema":99,"lang":"nl","draft":null}"#] {
            let mut kv = MemoryStorage::default();
            kv.values.insert(STATE_KEY.into(), raw.into());
            let (s, note) = load(&mut kv, q).unwrap();
            assert_eq!((s, note), (Stored::default(), LoadNote::KeptAside));
            assert_eq!(kv.values[UNREADABLE_KEY], raw);
        }
    }

    #[test]
    fn a_full_storage_is_reported() {
        let mut kv = MemoryStorage { full: true, ..MemoryStorage::default() };
        assert_eq!(save(&mut kv, &Stored::default()), Err(StorageError::Full));
    }
}
