//! Opening a result file end to end: age decryption, then envelope validation, with one error type
//! whose every case has a plain message in both languages. The accountmanager's page and any CLI show
//! exactly these messages, so "what went wrong" is decided here and tested natively.

use crate::crypto::{self, CryptoError, MAX_WORK_FACTOR};
use crate::envelope::{Envelope, EnvelopeError, Opened};
use crate::questionnaire::Questionnaire;
use crate::text::Lang;
use crate::ui::UiTexts;

#[derive(Clone, Debug, PartialEq)]
pub enum OpenError {
    Crypto(CryptoError),
    Envelope(EnvelopeError),
    /// Decrypted, but not a backup of analyses (see [`crate::backup`]).
    NotABackup,
    /// The same file, or the same result encrypted again, was opened already: it counts once.
    Duplicate,
}

/// What makes two opened files one result: the same bytes, or (encrypted again, so other bytes)
/// the same envelope. SHA-256 of each, so thousands of files are compared through a set.
pub fn file_digest(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// The digest of an opened result's content (its envelope as the app writes it).
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
                CryptoError::InvalidRecipient => t(&ui.share_key_bad),
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
}
