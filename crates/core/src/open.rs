//! Opening a result file end to end: age decryption, then envelope validation, with one error type
//! whose every case has a plain message in both languages. The accountmanager's page and any CLI show
//! exactly these messages, so "what went wrong" is decided here and tested natively.

use crate::crypto::{self, CryptoError, MAX_WORK_FACTOR};
use crate::envelope::{Envelope, EnvelopeError, LightChange, Opened};
use crate::questionnaire::Questionnaire;
use crate::scoring::Scorecard;
use crate::text::Lang;
use crate::ui::{LaterTexts, UiTexts};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq)]
pub enum OpenError {
    Crypto(CryptoError),
    Envelope(EnvelopeError),
    /// Decrypted, but not a backup of analyses (see [`crate::backup`]).
    NotABackup,
    /// The same file, or the same result encrypted again, was opened already: it counts once.
    Duplicate,
}

/// How many opened files the accountmanager's list shows at once. A list of ten thousand rows is
/// read by no one, and the browser lays out a growing table again for every chunk that opens, which
/// made 10,000 files take twice as long (measured: 20 s with every row in the page, 11 s without).
/// Two hundred is a few screens to scroll and still holds a small region's files on one page.
pub const FILES_PER_PAGE: usize = 200;

/// The files on page `page` (from 0) of a list of `len`: the last page if `page` is past it (a list
/// that shrank), empty for an empty list.
pub fn files_on_page(len: usize, page: usize) -> std::ops::Range<usize> {
    let last = len.saturating_sub(1) / FILES_PER_PAGE;
    let start = page.min(last) * FILES_PER_PAGE;
    start.min(len)..(start + FILES_PER_PAGE).min(len)
}

/// SHA-256 of a file's bytes: what a kept file is stored under.
pub fn file_digest(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// What makes two opened files one result: the same envelope, whether it is the same file opened
/// twice or the result encrypted again (other bytes). A digest, so thousands of files are compared
/// through a set; of the envelope as the app writes it (4 KB), not of the file's bytes, which are
/// four times as long with their padding and would only tell what this digest tells already.
pub fn result_digest(opened: &Opened) -> [u8; 32] {
    file_digest(&serde_json::to_vec(&opened.envelope).expect("an envelope always serialises"))
}

impl From<CryptoError> for OpenError {
    fn from(e: CryptoError) -> Self {
        OpenError::Crypto(e)
    }
}

impl From<EnvelopeError> for OpenError {
    fn from(e: EnvelopeError) -> Self {
        OpenError::Envelope(e)
    }
}

/// How a file is to be opened: with the accountmanager's identities (every key they have had), a
/// passphrase, or both (the accountmanager's page tries the passphrase only on passphrase files).
pub struct Keys<'a> {
    pub identities: &'a [age::x25519::Identity],
    pub passphrase: Option<&'a str>,
}

/// What opened a file, so the page can say which key it was.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum OpenedWith {
    /// The identity at this index of [`Keys::identities`].
    Key(usize),
    Passphrase,
}

pub fn open_result(file: &[u8], keys: &Keys, q: &Questionnaire) -> Result<(Opened, OpenedWith), OpenError> {
    let file = &*crypto::dearmor(file)?;
    let (plaintext, with) = if crypto::is_passphrase_file(file)? {
        match keys.passphrase.filter(|p| !p.is_empty()) {
            Some(p) => (crypto::decrypt_with_passphrase(file, p)?, OpenedWith::Passphrase),
            None => return Err(CryptoError::WrongKind { is_passphrase: true }.into()),
        }
    } else {
        decrypt_with_any(file, keys.identities)?
    };
    Ok((Envelope::open(&plaintext, q)?, with))
}

/// Tries each identity in turn (age would try them all at once, but not say which one fitted). An
/// X25519 attempt is one key agreement, so a few older keys cost next to nothing.
fn decrypt_with_any(file: &[u8], identities: &[age::x25519::Identity]) -> Result<(Vec<u8>, OpenedWith), CryptoError> {
    for (i, id) in identities.iter().enumerate() {
        match crypto::decrypt_with_identity(file, id) {
            Err(CryptoError::WrongKey) => continue,
            other => return other.map(|p| (p, OpenedWith::Key(i))),
        }
    }
    Err(CryptoError::WrongKey)
}

/// A result opened on one thread, handed to another: the accountmanager's page opens files in a
/// pool of Web Workers, and the page must not decrypt, validate and score each one again. Only ever
/// read from what [`Handover::write`] wrote in this same release (a worker runs the page's own
/// wasm), never from a file, so it is trusted as it is.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    /// The index of the identity that opened it.
    pub key: usize,
    pub envelope: Envelope,
    /// The recomputed scores where they differ from the file's own (rare: see [`Opened`]); the
    /// file's otherwise, which are then the same and need not travel twice.
    rescored: Option<Scorecard>,
    scores_mismatch: bool,
    changed_lights: Vec<LightChange>,
    /// [`result_digest`], for the page's duplicate check.
    pub digest: [u8; 32],
}

impl Handover {
    /// Opens `file` with `identities` as [`open_result`] does and writes what the page needs. A
    /// file that does not open gives `None`: the page opens it itself, so that every refusal has
    /// the one message [`OpenError::message`] gives (refusals are few, and cheap).
    pub fn write(file: &[u8], identities: &[age::x25519::Identity], q: &Questionnaire) -> Option<Vec<u8>> {
        let keys = Keys { identities, passphrase: None };
        let (opened, OpenedWith::Key(key)) = open_result(file, &keys, q).ok()? else { return None };
        let digest = result_digest(&opened);
        let Opened { envelope, scores, scores_mismatch, changed_lights } = opened;
        let rescored = (scores != envelope.scores).then_some(scores);
        serde_json::to_vec(&Handover { key, envelope, rescored, scores_mismatch, changed_lights, digest }).ok()
    }

    pub fn read(bytes: &[u8]) -> Option<Handover> {
        serde_json::from_slice(bytes).ok()
    }

    /// The opened result, as [`open_result`] gave it on the other side.
    pub fn opened(self) -> Opened {
        let scores = self.rescored.unwrap_or_else(|| self.envelope.scores.clone());
        Opened { envelope: self.envelope, scores, scores_mismatch: self.scores_mismatch, changed_lights: self.changed_lights }
    }
}

/// A realistic result file and the throwaway key it is encrypted to, for the accountmanager's page
/// to open while the accountmanager chooses files. Browsers run wasm first from a quick baseline
/// compile and compile a function again, optimised, only once it has run often enough; without a
/// warm-up the opening code (X25519, ChaCha20-Poly1305, reading and scoring an envelope) was
/// optimised while the accountmanager's own files opened: some 200 ms of compiling on a machine whose
/// two cores were busy opening. Measured with `bench/regional` (files handed over through the dialog
/// once the browser is idle), alternating builds: 1,000 files took a median of 971 and 1,015 ms
/// without a warm-up, 879 and 924 ms with it. The result is synthetic ([`crate::synth`]) and is
/// never listed, counted or kept.
pub struct WarmUp {
    pub identity: age::x25519::Identity,
    pub file: Vec<u8>,
}

impl WarmUp {
    pub fn new(q: &Questionnaire) -> WarmUp {
        let identity = age::x25519::Identity::generate();
        let envelope = crate::synth::synthetic_results(q, 1, 1).pop().expect("one synthetic result");
        let file = crypto::encrypt_to(&identity.to_public(), &envelope.to_padded_json());
        WarmUp { identity, file }
    }
}

impl OpenError {
    pub fn message(&self, lang: Lang) -> String {
        let ui = UiTexts::get();
        let t = |text: &crate::text::Text| text.get(lang).to_string();
        match self {
            OpenError::Crypto(e) => match e {
                CryptoError::NotAge => t(&ui.err_not_age),
                CryptoError::Damaged => t(&ui.err_damaged),
                CryptoError::Truncated => t(&ui.err_truncated),
                CryptoError::WrongKey => t(&ui.err_wrong_key),
                CryptoError::WrongPassphrase => t(&ui.err_wrong_passphrase),
                CryptoError::WrongKind { is_passphrase: true } => t(&ui.err_needs_passphrase),
                CryptoError::WrongKind { is_passphrase: false } => t(&ui.err_needs_key),
                CryptoError::TooLarge => t(&ui.err_too_large),
                CryptoError::ExcessiveWork { required } => {
                    t(&ui.err_excessive_work).replace("{n}", &required.to_string()).replace("{max}", &MAX_WORK_FACTOR.to_string())
                }
                CryptoError::InvalidRecipient => t(&LaterTexts::get().share_key_bad),
                CryptoError::TooManyRecipients => t(&LaterTexts::get().share_key_too_many),
                CryptoError::InvalidIdentity => t(&ui.err_invalid_identity),
            },
            OpenError::Envelope(e) => match e {
                EnvelopeError::NotAVioResult => t(&ui.err_not_vio),
                EnvelopeError::NewerFormat(v) => t(&ui.err_newer_format).replace("{n}", &v.to_string()),
                EnvelopeError::NewerQuestionnaire(v) => t(&ui.err_newer_questionnaire).replace("{n}", &v.to_string()),
                EnvelopeError::Invalid(detail) => t(&ui.err_invalid).replace("{detail}", detail),
            },
            OpenError::NotABackup => t(&ui.err_not_backup),
            OpenError::Duplicate => t(&ui.err_duplicate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_list_pages_hold_two_hundred_and_never_point_past_the_end() {
        assert_eq!(files_on_page(0, 0), 0..0);
        assert_eq!(files_on_page(1, 0), 0..1);
        assert_eq!(files_on_page(200, 0), 0..200);
        assert_eq!(files_on_page(200, 1), 0..200, "no second page for exactly 200");
        assert_eq!(files_on_page(201, 1), 200..201);
        assert_eq!(files_on_page(10_000, 49), 9_800..10_000);
        assert_eq!(files_on_page(450, 7), 400..450, "a list that shrank shows its last page");
    }
    use crate::envelope::Envelope;

    #[test]
    fn every_error_has_a_message_in_both_languages_without_placeholders() {
        let errors: Vec<OpenError> = vec![
            CryptoError::NotAge.into(),
            CryptoError::Damaged.into(),
            CryptoError::Truncated.into(),
            CryptoError::WrongKey.into(),
            CryptoError::WrongPassphrase.into(),
            CryptoError::WrongKind { is_passphrase: true }.into(),
            CryptoError::WrongKind { is_passphrase: false }.into(),
            CryptoError::TooLarge.into(),
            CryptoError::ExcessiveWork { required: 22 }.into(),
            CryptoError::InvalidRecipient.into(),
            CryptoError::InvalidIdentity.into(),
            EnvelopeError::NotAVioResult.into(),
            EnvelopeError::NewerFormat(2).into(),
            EnvelopeError::NewerQuestionnaire(3).into(),
            EnvelopeError::Invalid("answers").into(),
            OpenError::Duplicate,
            OpenError::NotABackup,
        ];
        for e in errors {
            for lang in [Lang::Nl, Lang::En] {
                let m = e.message(lang);
                assert!(!m.is_empty() && !m.contains('{'), "{e:?}: {m}");
            }
        }
        assert!(OpenError::from(CryptoError::ExcessiveWork { required: 22 }).message(Lang::Nl).contains("22"));
    }

    #[test]
    fn passphrase_files_need_the_passphrase_and_key_files_the_identity() {
        let q = Questionnaire::vio();
        let json = Envelope::new(q, "2026-11-23", Lang::Nl, Default::default(), vec![], None).to_padded_json();
        let id = age::x25519::Identity::generate();
        let by_key = crypto::encrypt_to(&id.to_public(), &json);
        let by_pass = crypto::encrypt_with_passphrase("lang genoeg wachtwoord", &json);
        let none = Keys { identities: &[], passphrase: None };
        assert_eq!(open_result(&by_pass, &none, q).unwrap_err(), CryptoError::WrongKind { is_passphrase: true }.into());
        assert_eq!(open_result(&by_key, &none, q).unwrap_err(), CryptoError::WrongKey.into());
        let ids = [id];
        let both = Keys { identities: &ids, passphrase: Some("lang genoeg wachtwoord") };
        assert_eq!(open_result(&by_key, &both, q).unwrap().1, OpenedWith::Key(0));
        assert_eq!(open_result(&by_pass, &both, q).unwrap().1, OpenedWith::Passphrase);
        let plain = crypto::encrypt_to(&ids[0].to_public(), b"just text");
        assert_eq!(open_result(&plain, &both, q).unwrap_err(), EnvelopeError::NotAVioResult.into());
    }

    #[test]
    fn a_file_for_an_older_key_opens_and_says_which_key() {
        let q = Questionnaire::vio();
        let json = Envelope::new(q, "2026-11-23", Lang::Nl, Default::default(), vec![], None).to_padded_json();
        let (old, new, stranger) = (age::x25519::Identity::generate(), age::x25519::Identity::generate(), age::x25519::Identity::generate());
        let for_old = crypto::encrypt_to(&old.to_public(), &json);
        let ids = [old, new];
        let keys = Keys { identities: &ids, passphrase: None };
        assert_eq!(open_result(&for_old, &keys, q).unwrap().1, OpenedWith::Key(0));
        let for_stranger = crypto::encrypt_to(&stranger.to_public(), &json);
        assert_eq!(open_result(&for_stranger, &keys, q).unwrap_err(), CryptoError::WrongKey.into());
    }

    /// The warm-up runs the code a real file runs: it opens with its own key only, is scored as
    /// sent, and is as long as the files an employer shares (the decryption is most of the work).
    #[test]
    fn the_warm_up_file_opens_as_a_shared_result_does() {
        let q = Questionnaire::vio();
        let warm = WarmUp::new(q);
        let handed = Handover::read(&Handover::write(&warm.file, std::slice::from_ref(&warm.identity), q).expect("it opens")).unwrap();
        assert_eq!(handed.key, 0);
        assert!(!handed.scores_mismatch && handed.changed_lights.is_empty() && handed.rescored.is_none());
        assert_eq!(Handover::write(&warm.file, &[age::x25519::Identity::generate()], q), None, "a throwaway key, no other");
        let plaintext = crypto::decrypt_with_identity(&warm.file, &warm.identity).unwrap();
        assert_eq!(plaintext.len(), crate::synth::synthetic_results(q, 7, 1)[0].to_padded_json().len());
    }

    /// What a worker hands over opens as the page would have opened the file itself: a current
    /// file, one whose scores were tampered with, and one of version 1 whose lights changed.
    #[test]
    fn a_handover_gives_what_opening_on_the_page_gives() {
        let q = Questionnaire::vio();
        let current: Envelope = serde_json::from_str(include_str!("../../../tests/fixtures/envelope.json")).unwrap();
        let mut tampered = serde_json::to_value(&current).unwrap();
        tampered["scores"]["factors"][0]["score"] = 3.into();
        let mut changed: serde_json::Value = serde_json::from_str(include_str!("../../../tests/fixtures/envelope-v1.json")).unwrap();
        changed["answers"]["doelgroep_totaal"] = 0.into();
        changed["answers"]["intentie"] = "gelijk".into();
        let (stranger, id) = (age::x25519::Identity::generate(), age::x25519::Identity::generate());
        let ids = [stranger, id];
        let keys = Keys { identities: &ids, passphrase: None };
        for json in [current.to_padded_json(), serde_json::to_vec(&tampered).unwrap(), serde_json::to_vec(&changed).unwrap()] {
            let file = crypto::encrypt_to(&ids[1].to_public(), &json);
            let (opened, with) = open_result(&file, &keys, q).unwrap();
            let handed = Handover::read(&Handover::write(&file, &ids, q).unwrap()).unwrap();
            assert_eq!((handed.key, handed.digest), (1, result_digest(&opened)));
            assert_eq!(OpenedWith::Key(handed.key), with);
            assert_eq!(handed.opened(), opened);
        }
        let opened = |json: &serde_json::Value| open_result(&crypto::encrypt_to(&ids[1].to_public(), &serde_json::to_vec(json).unwrap()), &keys, q).unwrap().0;
        assert!(opened(&tampered).scores_mismatch && !opened(&changed).changed_lights.is_empty(), "the cases above are the rare ones");
    }

    /// A result opened again counts once: as the same file, as the result encrypted again (other
    /// bytes, another padding) and with a passphrase. Another result is another.
    #[test]
    fn one_result_has_one_digest_whatever_file_it_came_in() {
        let q = Questionnaire::vio();
        let id = age::x25519::Identity::generate();
        let keys = Keys { identities: std::slice::from_ref(&id), passphrase: Some("lang genoeg wachtwoord") };
        let envelope: Envelope = serde_json::from_str(include_str!("../../../tests/fixtures/envelope.json")).unwrap();
        let digest_of = |file: &[u8]| result_digest(&open_result(file, &keys, q).unwrap().0);
        let file = crypto::encrypt_to(&id.to_public(), &envelope.to_padded_json());
        let same = digest_of(&file);
        assert_eq!(digest_of(&file), same);
        assert_eq!(digest_of(&crypto::encrypt_to(&id.to_public(), &serde_json::to_vec(&envelope).unwrap())), same);
        assert_eq!(digest_of(&crypto::encrypt_with_passphrase("lang genoeg wachtwoord", &envelope.to_padded_json())), same);
        let mut other = envelope;
        other.completed_on = "2026-11-24".into();
        assert_ne!(digest_of(&crypto::encrypt_to(&id.to_public(), &other.to_padded_json())), same);
    }

    /// A file a worker cannot open goes back to the page, which gives the refusal its message.
    #[test]
    fn files_that_do_not_open_are_not_handed_over() {
        let q = Questionnaire::vio();
        let json = Envelope::new(q, "2026-11-23", Lang::Nl, Default::default(), vec![], None).to_padded_json();
        let ids = [age::x25519::Identity::generate()];
        let stranger = age::x25519::Identity::generate();
        for file in [
            crypto::encrypt_to(&stranger.to_public(), &json),
            crypto::encrypt_with_passphrase("lang genoeg wachtwoord", &json),
            crypto::encrypt_to(&ids[0].to_public(), b"just text"),
            b"not age".to_vec(),
        ] {
            assert_eq!(Handover::write(&file, &ids, q), None);
        }
        assert_eq!(Handover::read(b"{}"), None);
    }
}
