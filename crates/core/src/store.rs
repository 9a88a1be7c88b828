//! What the app keeps in the browser, and how it is read back. The browser's localStorage sits behind
//! the small [`KeyValue`] trait so the rules (schema version, keeping unreadable data aside) are tested
//! here with [`MemoryStorage`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::{Answers, Goal, QuestionnaireRef};
use crate::questionnaire::Questionnaire;
use crate::text::Lang;

/// Bumped whenever [`Stored`] changes shape; [`load`] migrates older versions step by step.
/// 1: one draft. 2: completed analyses kept for a repeated measurement, a plan per analysis.
/// 3: a share link names up to [`crate::crypto::MAX_RECIPIENTS`] accountmanagers, not one.
pub const SCHEMA_VERSION: u32 = 3;
pub const STATE_KEY: &str = "vio.state";
/// Data that could not be read is moved here, never deleted, so it can still be rescued.
pub const UNREADABLE_KEY: &str = "vio.state.unreadable";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub schema: u32,
    pub lang: Lang,
    pub draft: Option<Draft>,
    /// Completed analyses, oldest first (schema 1 had none).
    #[serde(default)]
    pub analyses: Vec<Analysis>,
    /// The accountmanagers whose share link opened the app; the Delen screen offers their keys.
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    /// Schema 2's one accountmanager; [`read`] moves it into `recipients`.
    #[serde(default, skip_serializing)]
    invite: Option<Recipient>,
}

/// A completed analysis: one measurement, dated, with its plan van aanpak.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    pub id: u32,
    /// `JJJJ-MM-DD`, the day the result was first reached.
    pub completed_on: String,
    pub questionnaire: QuestionnaireRef,
    pub answers: Answers,
    pub plan: Vec<Goal>,
}

/// An accountmanager's public key and display name, as they came in a share link's fragment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recipient {
    pub key: String,
    pub name: String,
}

impl Recipient {
    /// Each recipient's check code, in order, as the employer and the accountmanager compare them
    /// aloud; `None` when a key is not an age public key or two are the same key.
    pub fn check_codes(recipients: &[Recipient]) -> Option<Vec<String>> {
        let keys: Vec<&str> = recipients.iter().map(|r| r.key.as_str()).collect();
        let codes: Vec<String> = crate::crypto::Recipients::parse(&keys.join("\n")).ok()?.checked().into_iter().map(|(_, code)| code).collect();
        (codes.len() == recipients.len()).then_some(codes)
    }

    /// Each recipient with its check code; nothing when [`Recipient::check_codes`] has none.
    pub fn with_check_codes(recipients: &[Recipient]) -> Vec<(Recipient, String)> {
        Recipient::check_codes(recipients).map_or_else(Vec::new, |codes| recipients.iter().cloned().zip(codes).collect())
    }
}

impl Default for Stored {
    fn default() -> Self {
        Stored { schema: SCHEMA_VERSION, lang: Lang::Nl, draft: None, analyses: Vec::new(), recipients: Vec::new(), invite: None }
    }
}

/// The analysis being filled in or looked at: answers so far, the section (page) the user was on, its
/// plan, and which completed analysis it is (once the result was reached), which it keeps up to date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub questionnaire: QuestionnaireRef,
    pub answers: Answers,
    pub section: String,
    #[serde(default)]
    pub plan: Vec<Goal>,
    #[serde(default)]
    pub analysis: Option<u32>,
}

impl Draft {
    pub fn new(q: &Questionnaire, answers: Answers) -> Draft {
        Draft { questionnaire: QuestionnaireRef::of(q), answers, section: q.sections[0].id.to_string(), plan: Vec::new(), analysis: None }
    }
}

/// What was removed, so it can be put back ("ongedaan maken").
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    index: usize,
    analysis: Analysis,
    draft: Option<Draft>,
}

impl Stored {
    /// The draft reached its result: it becomes (or updates) a completed analysis dated `today`.
    pub fn complete_draft(&mut self, today: &str) {
        let Some(draft) = &mut self.draft else { return };
        if draft.analysis.is_none() {
            let id = self.analyses.iter().map(|a| a.id + 1).max().unwrap_or(1);
            self.analyses.push(Analysis {
                id,
                completed_on: today.into(),
                questionnaire: draft.questionnaire.clone(),
                answers: Answers::new(),
                plan: Vec::new(),
            });
            draft.analysis = Some(id);
        }
        self.sync_draft();
    }

    /// Copies the draft's answers and plan into its completed analysis, if it has one.
    pub fn sync_draft(&mut self) {
        let Some(draft) = &self.draft else { return };
        if let Some(a) = self.analyses.iter_mut().find(|a| Some(a.id) == draft.analysis) {
            a.questionnaire = draft.questionnaire.clone();
            a.answers = draft.answers.clone();
            a.plan = draft.plan.clone();
        }
    }

    /// An unfinished analysis ("bezig"): a draft with answers that never reached its result.
    pub fn unfinished(&self) -> Option<&Draft> {
        self.draft.as_ref().filter(|d| d.analysis.is_none() && !d.answers.is_empty())
    }

    pub fn analysis(&self, id: u32) -> Option<&Analysis> {
        self.analyses.iter().find(|a| a.id == id)
    }

    /// Starts a new analysis, empty or with the answers of the latest completed one.
    pub fn start_new(&mut self, q: &Questionnaire, from_last: bool) {
        let answers = if from_last { self.analyses.last().map(|a| a.answers.clone()).unwrap_or_default() } else { Answers::new() };
        self.draft = Some(Draft::new(q, answers));
    }

    pub fn remove(&mut self, id: u32) -> Option<Removed> {
        let index = self.analyses.iter().position(|a| a.id == id)?;
        let analysis = self.analyses.remove(index);
        let draft = if self.draft.as_ref().is_some_and(|d| d.analysis == Some(id)) { self.draft.take() } else { None };
        Some(Removed { index, analysis, draft })
    }

    pub fn undo_remove(&mut self, removed: Removed) {
        self.analyses.insert(removed.index.min(self.analyses.len()), removed.analysis);
        if removed.draft.is_some() {
            self.draft = removed.draft;
        }
    }

    pub fn remove_all(&mut self) {
        self.analyses.clear();
        self.draft = None;
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
    /// The stored data could not be read; it was kept aside under this key ([`UNREADABLE_KEY`], or
    /// `UNREADABLE_KEY.2` and on when earlier data is kept there already).
    KeptAside(String),
    /// The stored data could not be read, nor kept aside (storage full or blocked): it stays where it
    /// is, and nothing may be saved over it in this visit.
    LeftInPlace,
}

/// How many kept-aside copies there can be; a problem beyond them leaves the data in place.
const MAX_ASIDE: u32 = 9;

pub fn load(kv: &mut dyn KeyValue, q: &Questionnaire) -> Result<(Stored, LoadNote), StorageError> {
    let Some(raw) = kv.read(STATE_KEY)? else { return Ok((Stored::default(), LoadNote::Fresh)) };
    match read(raw.as_bytes()) {
        Some(mut s) => {
            if let Some(d) = &mut s.draft {
                d.answers = q.sanitize(&d.answers);
                // A draft goes on in today's questionnaire; completed analyses keep their version.
                d.questionnaire = QuestionnaireRef::of(q);
            }
            for a in &mut s.analyses {
                a.answers = q.sanitize(&a.answers);
            }
            Ok((s, LoadNote::Loaded))
        }
        _ => match keep_aside(kv, UNREADABLE_KEY, &raw) {
            Ok(key) => Ok((Stored::default(), LoadNote::KeptAside(key))),
            Err(_) => Ok((Stored::default(), LoadNote::LeftInPlace)),
        },
    }
}

/// Copies unreadable data to the first free aside key (or finds it there already): earlier
/// kept-aside data is never overwritten by a second problem.
fn keep_aside(kv: &mut dyn KeyValue, aside: &str, raw: &str) -> Result<String, StorageError> {
    for n in 1..=MAX_ASIDE {
        let key = if n == 1 { aside.to_string() } else { format!("{aside}.{n}") };
        match kv.read(&key)? {
            Some(there) if there == raw => return Ok(key),
            Some(_) => continue,
            None => {
                kv.write(&key, raw)?;
                return Ok(key);
            }
        }
    }
    Err(StorageError::Full)
}

/// The one field every schema has, read first so that each version is read as what it is.
#[derive(Deserialize)]
struct Schema {
    schema: u32,
}

/// Reads stored data of the current or an earlier schema as the current one; `None` for data from a
/// newer version or of unknown shape (which [`load`] then keeps aside). Read typed per version, not
/// through `serde_json::Value`, whose reader and converters were 2.5 KB brotli of the employer's
/// wasm. `from_slice`, as backups and result files are read: serde_json's reader for `&str` is a
/// second copy of its parser.
fn read(bytes: &[u8]) -> Option<Stored> {
    match serde_json::from_slice::<Schema>(bytes).ok()?.schema {
        // 1 → 2: completed analyses arrive (absent: none); the draft had no plan (absent: none).
        // 2 → 3: the one invited accountmanager becomes the first of the list.
        1..=SCHEMA_VERSION => serde_json::from_slice::<Stored>(bytes).ok().map(|mut s| {
            s.recipients.extend(s.invite.take());
            Stored { schema: SCHEMA_VERSION, ..s }
        }),
        _ => None,
    }
}

pub fn save(kv: &mut dyn KeyValue, s: &Stored) -> Result<(), StorageError> {
    kv.write(STATE_KEY, &serde_json::to_string(s).expect("Stored always serialises"))
}

/// The accountmanager's page keeps its own small state under its own key: the identities (the secret
/// `AGE-SECRET-KEY-1…` lines, which never leave this browser except in a backup the user makes) and the
/// display name that goes into share links.
pub const KEYRING_KEY: &str = "vio.accountmanager";
/// Bumped whenever [`Keyring`] changes shape. 1 (no `schema` field): one identity. 2: every identity
/// this browser has had, so that files encrypted to an older key still open after a key change.
pub const KEYRING_SCHEMA: u32 = 2;
/// An unreadable or newer keyring is copied here (`.2` and on for a second one) before anything is
/// saved: a lost identity makes every file encrypted to it unreadable, for good.
pub const KEYRING_UNREADABLE_KEY: &str = "vio.accountmanager.unreadable";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keyring {
    pub schema: u32,
    pub lang: Lang,
    /// Identity files, oldest first; the last is the key in use (in share links and on the poster).
    pub identities: Vec<String>,
    pub name: String,
    /// Months to keep opened results on this device (`crate::keep`); `None`: not kept. Absent in
    /// keyrings saved before results could be kept, which therefore keep nothing.
    #[serde(default)]
    pub keep_months: Option<u32>,
    /// Colleagues of the team whose keys go into the share link beside this accountmanager's own,
    /// so a result reaches whoever of them holds the conversation (absent in older keyrings: none).
    #[serde(default)]
    pub colleagues: Vec<Recipient>,
}

impl Default for Keyring {
    fn default() -> Self {
        Keyring { schema: KEYRING_SCHEMA, lang: Lang::default(), identities: Vec::new(), name: String::new(), keep_months: None, colleagues: Vec::new() }
    }
}

/// Schema 1, read only to be migrated.
#[derive(Deserialize)]
struct KeyringV1 {
    #[serde(default)]
    lang: Lang,
    identity: Option<String>,
    #[serde(default)]
    name: String,
}

impl Keyring {
    /// The key in use: the newest one.
    pub fn current(&self) -> Option<&str> {
        self.identities.last().map(String::as_str)
    }

    /// Makes `secret` the key in use. Older keys stay (their files must still open); a key that is
    /// there already moves to the end rather than appearing twice.
    pub fn add(&mut self, secret: String) {
        let public = public_of(&secret);
        self.identities.retain(|s| public.is_none() || public_of(s) != public);
        self.identities.push(secret);
    }

    /// Makes an older key the one in use again.
    pub fn use_key(&mut self, public: &str) {
        if let Some(i) = self.identities.iter().position(|s| public_of(s).as_deref() == Some(public)) {
            let secret = self.identities.remove(i);
            self.identities.push(secret);
        }
    }

    /// Every key as one age identity file, the key in use last: the age CLI reads it as it is, and a
    /// restore makes the last one the key in use again.
    pub fn backup(&self) -> String {
        self.identities.concat()
    }

    pub fn remove(&mut self, public: &str) {
        self.identities.retain(|s| public_of(s).as_deref() != Some(public));
    }

    /// Everyone the share link sends results to: this accountmanager (the key in use, with the
    /// page's name) first, then the colleagues.
    pub fn share_link_recipients(&self) -> Vec<Recipient> {
        let own = self.current().and_then(public_of).map(|key| Recipient { key, name: self.name.clone() });
        own.into_iter().chain(self.colleagues.iter().cloned()).collect()
    }

    /// Adds a colleague to the share link, under the same rule the employer's page applies to it
    /// ([`crate::crypto::Recipients`]: valid keys, at most [`crate::crypto::MAX_RECIPIENTS`] in all).
    /// A key that is in the link already is refused, so no name is silently replaced.
    pub fn add_colleague(&mut self, key: &str, name: &str) -> Result<(), ColleagueError> {
        let key = key.trim();
        let mut link = self.share_link_recipients();
        if link.iter().any(|r| r.key == key) {
            return Err(ColleagueError::AlreadyThere);
        }
        link.push(Recipient { key: key.to_string(), name: String::new() });
        let keys: Vec<&str> = link.iter().map(|r| r.key.as_str()).collect();
        match crate::crypto::Recipients::parse(&keys.join("\n")) {
            Err(crate::crypto::CryptoError::TooManyRecipients) => Err(ColleagueError::TooMany),
            Err(_) => Err(ColleagueError::InvalidKey),
            Ok(_) if name.trim().is_empty() => Err(ColleagueError::NoName),
            Ok(_) => {
                let name = crate::text::clean_name(name.trim()).chars().take(crate::envelope::MAX_TEXT_CHARS).collect();
                self.colleagues.push(Recipient { key: key.to_string(), name });
                Ok(())
            }
        }
    }

    pub fn remove_colleague(&mut self, key: &str) {
        self.colleagues.retain(|c| c.key != key);
    }
}

/// Why a colleague's key was not added to the share link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColleagueError {
    InvalidKey,
    AlreadyThere,
    TooMany,
    /// The employer sees each name before sharing: a key without one would say nothing to them.
    NoName,
}

fn public_of(secret: &str) -> Option<String> {
    crate::crypto::parse_identity(secret).ok().map(|id| id.to_public().to_string())
}

fn read_keyring(raw: &str) -> Option<Keyring> {
    match serde_json::from_str::<Schema>(raw) {
        Ok(Schema { schema: KEYRING_SCHEMA }) => serde_json::from_str(raw).ok(),
        Ok(_) => None,
        // Schema 1 has no `schema` field.
        _ => serde_json::from_str::<KeyringV1>(raw).ok().map(|v1| Keyring {
            lang: v1.lang,
            identities: v1.identity.into_iter().collect(),
            name: v1.name,
            ..Keyring::default()
        }),
    }
}

/// Reads the keyring; one that cannot be read (damaged, or written by a newer version of the page) is
/// kept aside first, exactly as [`load`] does with the employer's state.
pub fn load_keyring(kv: &mut dyn KeyValue) -> Result<(Keyring, LoadNote), StorageError> {
    let Some(raw) = kv.read(KEYRING_KEY)? else { return Ok((Keyring::default(), LoadNote::Fresh)) };
    match read_keyring(&raw) {
        Some(k) => Ok((k, LoadNote::Loaded)),
        None => match keep_aside(kv, KEYRING_UNREADABLE_KEY, &raw) {
            Ok(key) => Ok((Keyring::default(), LoadNote::KeptAside(key))),
            Err(_) => Ok((Keyring::default(), LoadNote::LeftInPlace)),
        },
    }
}

/// Applies `change` to the keyring as it is stored now, not as this tab last read it, and saves it:
/// a tab opened before another tab created or restored a key can never write its stale copy over
/// it. Read and write happen in one synchronous step, which no other tab can interleave with.
/// Refused (`Full`) while an unreadable keyring could not be kept aside: it must not be overwritten.
pub fn change_keyring(kv: &mut dyn KeyValue, change: impl FnOnce(&mut Keyring)) -> Result<Keyring, StorageError> {
    let (mut k, note) = load_keyring(kv)?;
    if note == LoadNote::LeftInPlace {
        return Err(StorageError::Full);
    }
    change(&mut k);
    kv.write(KEYRING_KEY, &serde_json::to_string(&k).expect("Keyring always serialises"))?;
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Answer;

    #[test]
    fn a_saved_draft_loads_back_exactly() {
        let q = Questionnaire::vio();
        let mut kv = MemoryStorage::default();
        let mut answers = Answers::new();
        answers.insert("medewerkers".into(), Answer::Number(12));
        answers.insert("intentie".into(), Answer::Text("meer".into()));
        let s = Stored { lang: Lang::En, draft: Some(Draft { section: "sociale_norm".into(), ..Draft::new(q, answers) }), ..Stored::default() };
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
            assert_eq!((s, note), (Stored::default(), LoadNote::KeptAside(UNREADABLE_KEY.into())));
            assert_eq!(kv.values[UNREADABLE_KEY], raw);
        }
    }

    #[test]
    fn kept_aside_data_is_never_overwritten_by_a_second_problem() {
        let q = Questionnaire::vio();
        let mut kv = MemoryStorage::default();
        kv.values.insert(UNREADABLE_KEY.into(), "{the first".into());
        kv.values.insert(STATE_KEY.into(), "{the second".into());
        assert_eq!(load(&mut kv, q).unwrap().1, LoadNote::KeptAside(format!("{UNREADABLE_KEY}.2")));
        assert_eq!((&*kv.values[UNREADABLE_KEY], &*kv.values[&format!("{UNREADABLE_KEY}.2")]), ("{the first", "{the second"));
        // Loading the same unreadable data again keeps it once.
        assert_eq!(load(&mut kv, q).unwrap().1, LoadNote::KeptAside(format!("{UNREADABLE_KEY}.2")));
        assert_eq!(kv.values.len(), 3);
    }

    #[test]
    fn unreadable_data_that_cannot_be_kept_aside_stays_where_it_is() {
        let q = Questionnaire::vio();
        let mut kv = MemoryStorage { full: true, ..MemoryStorage::default() };
        kv.values.insert(STATE_KEY.into(), "{not json".into());
        let (s, note) = load(&mut kv, q).unwrap();
        assert_eq!((s, note), (Stored::default(), LoadNote::LeftInPlace));
        assert_eq!(kv.values[STATE_KEY], "{not json", "the original is still there");
    }

    #[test]
    fn schema_1_is_migrated_keeping_the_draft() {
        let q = Questionnaire::vio();
        let mut kv = MemoryStorage::default();
        let v1 = r#"{"schema":1,"lang":"en","draft":{"questionnaire":{"id":"vio","version":1},"answers":{"medewerkers":12},"section":"intentie"}}"#;
        kv.values.insert(STATE_KEY.into(), v1.into());
        let (s, note) = load(&mut kv, q).unwrap();
        assert_eq!(note, LoadNote::Loaded);
        assert_eq!((s.schema, s.lang, s.analyses.len()), (SCHEMA_VERSION, Lang::En, 0));
        let d = s.draft.unwrap();
        assert_eq!((d.section.as_str(), d.answers.get("medewerkers"), d.analysis), ("intentie", Some(&Answer::Number(12)), None));
    }

    /// Schema 2 kept one invited accountmanager; it stays, as the first of the list, and is written
    /// back only there.
    #[test]
    fn schema_2_keeps_its_accountmanager() {
        let q = Questionnaire::vio();
        let mut kv = MemoryStorage::default();
        let v2 = r#"{"schema":2,"lang":"nl","draft":null,"analyses":[],"invite":{"key":"age1abc","name":"WSP Noord"}}"#;
        kv.values.insert(STATE_KEY.into(), v2.into());
        let (s, _) = load(&mut kv, q).unwrap();
        assert_eq!(s.recipients, vec![Recipient { key: "age1abc".into(), name: "WSP Noord".into() }]);
        save(&mut kv, &s).unwrap();
        assert!(!kv.values[STATE_KEY].contains("invite"));
        assert_eq!(load(&mut kv, q).unwrap().0, s);
        let none = r#"{"schema":2,"lang":"nl","draft":null,"analyses":[],"invite":null}"#;
        kv.values.insert(STATE_KEY.into(), none.into());
        assert_eq!(load(&mut kv, q).unwrap().0.recipients, vec![]);
    }

    #[test]
    fn analyses_are_completed_kept_in_sync_removed_and_put_back() {
        let q = Questionnaire::vio();
        let mut s = Stored::default();
        s.start_new(q, false);
        s.draft.as_mut().unwrap().answers.insert("medewerkers".into(), Answer::Number(10));
        assert!(s.unfinished().is_some());
        s.complete_draft("2025-04-15");
        assert!(s.unfinished().is_none());
        s.draft.as_mut().unwrap().answers.insert("medewerkers".into(), Answer::Number(11));
        s.sync_draft();
        assert_eq!(s.analyses[0].answers.get("medewerkers"), Some(&Answer::Number(11)));
        s.complete_draft("2025-04-16");
        assert_eq!((s.analyses.len(), s.analyses[0].completed_on.as_str()), (1, "2025-04-15"), "reaching the result again updates, not duplicates");
        s.start_new(q, true);
        assert_eq!(s.draft.as_ref().unwrap().answers.get("medewerkers"), Some(&Answer::Number(11)));
        s.complete_draft("2026-04-15");
        assert_eq!(s.analyses.iter().map(|a| a.id).collect::<Vec<_>>(), [1, 2]);
        let before = s.clone();
        let removed = s.remove(2).unwrap();
        assert!(s.draft.is_none() && s.analyses.len() == 1);
        s.undo_remove(removed);
        assert_eq!(s, before);
        s.remove_all();
        assert!(s.analyses.is_empty() && s.draft.is_none());
    }

    fn identity() -> String {
        crate::crypto::identity_file(&age::x25519::Identity::generate(), "2026-12-02")
    }

    #[test]
    fn a_stale_tab_changes_the_stored_keyring_instead_of_overwriting_it() {
        let mut kv = MemoryStorage::default();
        // Tab A opens before any key exists; tab B creates one.
        let (tab_a, _) = load_keyring(&mut kv).unwrap();
        assert!(tab_a.current().is_none());
        let key = identity();
        change_keyring(&mut kv, |k| k.add(key.clone())).unwrap();
        // Tab A switches its language: the key stays.
        let after = change_keyring(&mut kv, |k| k.lang = Lang::En).unwrap();
        assert_eq!((after.current(), after.lang), (Some(key.as_str()), Lang::En));
    }

    #[test]
    fn a_new_or_restored_key_keeps_the_older_ones() {
        let mut k = Keyring::default();
        let (old, new) = (identity(), identity());
        k.add(old.clone());
        k.add(new.clone());
        assert_eq!((k.identities.len(), k.current()), (2, Some(new.as_str())));
        // Restoring a key that is there already makes it current, once.
        k.add(old.clone());
        assert_eq!(k.identities, [new.clone(), old.clone()]);
        let public = |s: &str| public_of(s).unwrap();
        k.use_key(&public(&new));
        assert_eq!(k.current(), Some(new.as_str()));
        let restored = crate::crypto::parse_identities(&k.backup()).unwrap();
        assert_eq!(restored.iter().map(|id| id.to_public().to_string()).collect::<Vec<_>>(), [public(&old), public(&new)]);
        k.remove(&public(&new));
        assert_eq!(k.identities, [old]);
    }

    /// The link holds the accountmanager and at most two colleagues; each add is checked by the rule
    /// the employer's page applies when the link arrives.
    #[test]
    fn colleagues_join_the_share_link_up_to_three_keys() {
        let mut k = Keyring { name: "WSP Noord".into(), ..Keyring::default() };
        k.add(identity());
        let key = || age::x25519::Identity::generate().to_public().to_string();
        let (a, b) = (key(), key());
        assert_eq!(k.add_colleague("age1kapot", "Jan"), Err(ColleagueError::InvalidKey));
        assert_eq!(k.add_colleague(&a, "  "), Err(ColleagueError::NoName));
        assert_eq!(k.add_colleague(&format!(" {a}\n"), "Jan\u{202E}"), Ok(()));
        assert_eq!(k.add_colleague(&a, "Jan"), Err(ColleagueError::AlreadyThere));
        let own = k.share_link_recipients()[0].key.clone();
        assert_eq!(k.add_colleague(&own, "Ik"), Err(ColleagueError::AlreadyThere));
        assert_eq!(k.add_colleague(&b, "Fatima"), Ok(()));
        assert_eq!(k.add_colleague(&key(), "Piet"), Err(ColleagueError::TooMany));
        let link = k.share_link_recipients();
        assert_eq!(link.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["WSP Noord", "Jan", "Fatima"]);
        assert_eq!(link[1].key, a);
        k.remove_colleague(&a);
        assert_eq!(k.share_link_recipients().len(), 2);
        let saved: Keyring = serde_json::from_str(&serde_json::to_string(&k).unwrap()).unwrap();
        assert_eq!(saved, k);
    }

    #[test]
    fn a_schema_1_keyring_is_migrated_with_its_key() {
        let mut kv = MemoryStorage::default();
        let key = identity();
        let v1 = serde_json::json!({ "lang": "en", "identity": key, "name": "WSP Rijnmond" }).to_string();
        kv.values.insert(KEYRING_KEY.into(), v1);
        let (k, note) = load_keyring(&mut kv).unwrap();
        assert_eq!(note, LoadNote::Loaded);
        assert_eq!((k.schema, k.lang, k.current(), k.name.as_str()), (KEYRING_SCHEMA, Lang::En, Some(key.as_str()), "WSP Rijnmond"));
    }

    #[test]
    fn a_keyring_saved_before_results_could_be_kept_keeps_nothing_and_the_choice_is_saved() {
        let mut kv = MemoryStorage::default();
        let before = serde_json::json!({ "schema": 2, "lang": "nl", "identities": [identity()], "name": "" }).to_string();
        kv.values.insert(KEYRING_KEY.into(), before);
        let (k, note) = load_keyring(&mut kv).unwrap();
        assert_eq!((note, k.keep_months), (LoadNote::Loaded, None));
        change_keyring(&mut kv, |k| k.keep_months = Some(6)).unwrap();
        assert_eq!(load_keyring(&mut kv).unwrap().0.keep_months, Some(6));
    }

    #[test]
    fn an_unreadable_or_newer_keyring_is_kept_aside_before_any_save() {
        for raw in ["{not json", r#"{"schema":3,"keys":["AGE-SECRET-KEY-1..."]}"#] {
            let mut kv = MemoryStorage::default();
            kv.values.insert(KEYRING_KEY.into(), raw.into());
            change_keyring(&mut kv, |k| k.lang = Lang::En).unwrap();
            assert_eq!(kv.values[KEYRING_UNREADABLE_KEY], raw);
            // A second problem does not overwrite the first.
            kv.values.insert(KEYRING_KEY.into(), "{another".into());
            change_keyring(&mut kv, |k| k.lang = Lang::Nl).unwrap();
            assert_eq!((&*kv.values[KEYRING_UNREADABLE_KEY], &*kv.values[&format!("{KEYRING_UNREADABLE_KEY}.2")]), (raw, "{another"));
        }
    }

    #[test]
    fn an_unreadable_keyring_that_cannot_be_kept_aside_is_never_overwritten() {
        let mut kv = MemoryStorage { full: true, ..MemoryStorage::default() };
        kv.values.insert(KEYRING_KEY.into(), "{not json".into());
        assert_eq!(load_keyring(&mut kv).unwrap().1, LoadNote::LeftInPlace);
        assert_eq!(change_keyring(&mut kv, |k| k.lang = Lang::En), Err(StorageError::Full));
        assert_eq!(kv.values[KEYRING_KEY], "{not json");
    }

    #[test]
    fn a_full_storage_is_reported() {
        let mut kv = MemoryStorage { full: true, ..MemoryStorage::default() };
        assert_eq!(save(&mut kv, &Stored::default()), Err(StorageError::Full));
    }

    #[test]
    fn check_codes_are_the_keys_fingerprints_or_none_at_all() {
        let keys: Vec<age::x25519::Recipient> = (0..2).map(|_| age::x25519::Identity::generate().to_public()).collect();
        let team: Vec<Recipient> = keys.iter().zip(["WSP Noord", "WSP Zuid"]).map(|(k, name)| Recipient { key: k.to_string(), name: name.into() }).collect();
        let codes: Vec<String> = keys.iter().map(crate::crypto::fingerprint).collect();
        assert_eq!(Recipient::check_codes(&team), Some(codes.clone()));
        assert_eq!(Recipient::with_check_codes(&team[1..]), vec![(team[1].clone(), codes[1].clone())]);
        let upper = Recipient { key: team[0].key.to_uppercase(), ..team[0].clone() };
        assert_eq!(Recipient::check_codes(&[upper]), Some(vec![codes[0].clone()]), "a key in capitals has the same code");
        let twice = [team[0].clone(), Recipient { name: "Nog eens".into(), ..team[0].clone() }];
        assert_eq!(Recipient::check_codes(&twice), None);
        let broken = [team[0].clone(), Recipient { key: "age1kapot".into(), name: "Kapot".into() }];
        assert_eq!((Recipient::check_codes(&broken), Recipient::with_check_codes(&broken)), (None, vec![]));
    }
}
