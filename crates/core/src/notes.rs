//! The accountmanager's own notes per employer: what came out of het goede gesprek and what was
//! agreed. They are the accountmanager's, not the employer's, so they are encrypted to the
//! accountmanager's own key (the one in use when saved) and exported as that same age file, which
//! `age -d -i sleutel.txt` opens.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::crypto::{self, CryptoError};
use crate::envelope::Envelope;

/// Room for a page of notes; a field cannot grow the stored file without bound.
pub const MAX_NOTE_CHARS: usize = 4000;
/// [`MAX_NOTE_CHARS`] as an HTML `maxlength`.
pub const MAX_NOTE_CHARS_ATTR: &str = "4000";
pub const NOTES_SCHEMA: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmployerNotes {
    pub schema: u32,
    /// [`employer_key`]: which employer's results the notes belong to, so notes restored from a
    /// file go back to that employer only. Empty in notes saved before it was written.
    #[serde(default)]
    pub employer_key: String,
    /// The name as the result carries it, so an exported file says whose notes these are.
    pub organisation: String,
    pub notes: String,
    pub agreements: String,
    pub changed_on: String,
}

impl EmployerNotes {
    pub fn new(employer_key: &str, organisation: &str, notes: &str, agreements: &str, changed_on: &str) -> EmployerNotes {
        let cut = |s: &str| s.chars().take(MAX_NOTE_CHARS).collect();
        EmployerNotes {
            schema: NOTES_SCHEMA,
            employer_key: employer_key.into(),
            organisation: organisation.into(),
            notes: cut(notes),
            agreements: cut(agreements),
            changed_on: changed_on.into(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.notes.trim().is_empty() && self.agreements.trim().is_empty()
    }

    /// Pretty JSON encrypted to `recipient`: readable as it is once decrypted with the age CLI.
    pub fn seal(&self, recipient: &age::x25519::Recipient) -> Vec<u8> {
        crypto::encrypt_to(recipient, serde_json::to_string_pretty(self).expect("notes always serialise").as_bytes())
    }

    /// Opens notes sealed to any of `identities` (a key in use earlier still opens its notes).
    pub fn open(file: &[u8], identities: &[age::x25519::Identity]) -> Result<EmployerNotes, CryptoError> {
        let plaintext = identities.iter().find_map(|id| crypto::decrypt_with_identity(file, id).ok()).ok_or(CryptoError::WrongKey)?;
        serde_json::from_slice(&plaintext).map_err(|_| CryptoError::Damaged)
    }

    /// Notes from a file [`EmployerNotes::seal`] made (downloaded on another device, or before the
    /// browser's data was cleared), for the employer whose [`employer_key`] is `employer`. Another
    /// employer's notes are refused: put back here, they would stand beside the wrong results.
    pub fn restore(file: &[u8], identities: &[age::x25519::Identity], employer: &str) -> Result<EmployerNotes, RestoreError> {
        let notes = EmployerNotes::open(file, identities).map_err(|_| RestoreError::NotNotes)?;
        if notes.employer_key != employer {
            return Err(RestoreError::OtherEmployer(notes.organisation));
        }
        Ok(notes)
    }
}

/// Why a file does not restore an employer's notes.
#[derive(Clone, Debug, PartialEq)]
pub enum RestoreError {
    /// None of the keys opens it, or what it holds is not notes.
    NotNotes,
    /// Notes on another employer (or from before notes said whose they are): the name they carry.
    OtherEmployer(String),
}

/// Which employer notes belong to: by name as [`crate::compare::same_organisation`] matches results
/// (so every measurement of one employer shows the same notes), or, for a result without a name,
/// that result alone (its digest, `open::result_digest`). A digest, not the name: the key is stored
/// as it is, and the notes' store should not list the employers in plain text.
pub fn employer_key(e: &Envelope, result_digest: &[u8; 32]) -> String {
    let mut h = Sha256::new();
    match crate::compare::organisation_key(e) {
        Some(name) => h.update(format!("vio-notities/organisatie/{name}")),
        None => h.update([b"vio-notities/resultaat/".as_slice(), result_digest].concat()),
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl EmployerNotes {
    /// `vio-notities-bakkerij-de-korrel-2026-12-02.age`: whose and when, in characters every file
    /// system takes.
    pub fn file_name(&self) -> String {
        let slug = self.organisation.to_lowercase().split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-");
        let slug: String = slug.chars().take(40).collect();
        match slug.trim_end_matches('-') {
            "" => format!("vio-notities-{}.age", self.changed_on),
            slug => format!("vio-notities-{slug}-{}.age", self.changed_on),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::Organisation;

    fn envelope(name: Option<&str>) -> Envelope {
        let mut e = crate::region::tests::org(12, 1, "Q", "2026-11-02").envelope;
        e.organisation = name.map(|n| Organisation { name: n.into(), contact: String::new() });
        e
    }

    #[test]
    fn notes_round_trip_through_the_key_and_an_older_key_still_opens_them() {
        let (old, new) = (age::x25519::Identity::generate(), age::x25519::Identity::generate());
        let notes = EmployerNotes::new("k", "Bakkerij De Korrel", "Wil starten met één proefplaats.", "Doel: werkplekaanpassing uitzoeken.", "2026-12-02");
        let file = notes.seal(&old.to_public());
        assert_eq!(EmployerNotes::open(&file, &[new.clone(), old]).unwrap(), notes);
        assert_eq!(EmployerNotes::open(&file, &[new]), Err(CryptoError::WrongKey));
    }

    #[test]
    fn notes_restore_to_their_own_employer_only() {
        let (id, other) = (age::x25519::Identity::generate(), age::x25519::Identity::generate());
        let korrel = employer_key(&envelope(Some("Bakkerij De Korrel")), &[7; 32]);
        let nameless = employer_key(&envelope(None), &[7; 32]);
        let notes = EmployerNotes::new(&korrel, "Bakkerij De Korrel", "Twee proefplaatsen.", "", "2026-12-02");
        let file = notes.seal(&id.to_public());
        assert_eq!(EmployerNotes::restore(&file, &[other.clone(), id.clone()], &korrel), Ok(notes));
        // Another measurement of the same bakery, its name typed differently: the same employer.
        assert!(EmployerNotes::restore(&file, std::slice::from_ref(&id), &employer_key(&envelope(Some(" bakkerij de korrel")), &[1; 32])).is_ok());
        assert_eq!(EmployerNotes::restore(&file, std::slice::from_ref(&id), &nameless), Err(RestoreError::OtherEmployer("Bakkerij De Korrel".into())));
        assert_eq!(EmployerNotes::restore(&file, &[other], &korrel), Err(RestoreError::NotNotes));
        // A result file is no notes file, even for the key that opens it.
        let result = crypto::encrypt_to(&id.to_public(), &envelope(Some("Bakkerij De Korrel")).to_padded_json());
        assert_eq!(EmployerNotes::restore(&result, std::slice::from_ref(&id), &korrel), Err(RestoreError::NotNotes));
        // Notes on a result without a name go back to that result only.
        let own = EmployerNotes::new(&nameless, "", "Anoniem gesprek.", "", "2026-12-02").seal(&id.to_public());
        assert!(EmployerNotes::restore(&own, std::slice::from_ref(&id), &nameless).is_ok());
        assert_eq!(
            EmployerNotes::restore(&own, std::slice::from_ref(&id), &employer_key(&envelope(None), &[8; 32])),
            Err(RestoreError::OtherEmployer(String::new()))
        );
    }

    #[test]
    fn the_sealed_file_is_an_age_file_with_nothing_readable() {
        let file = EmployerNotes::new("k", "Garage Jansen", "vertrouwelijk", "", "2026-12-02").seal(&age::x25519::Identity::generate().to_public());
        assert!(file.starts_with(b"age-encryption.org/v1\n"));
        assert!(!file.windows(13).any(|w| w == b"vertrouwelijk"));
    }

    #[test]
    fn a_field_is_cut_at_the_limit_in_characters_not_bytes() {
        let long = "é".repeat(MAX_NOTE_CHARS + 10);
        let n = EmployerNotes::new("k", "X", &long, &long, "2026-12-02");
        assert_eq!((n.notes.chars().count(), n.agreements.chars().count()), (MAX_NOTE_CHARS, MAX_NOTE_CHARS));
        assert_eq!(MAX_NOTE_CHARS_ATTR.parse::<usize>(), Ok(MAX_NOTE_CHARS));
    }

    #[test]
    fn notes_with_only_spaces_are_empty() {
        assert!(EmployerNotes::new("k", "X", "  \n", " ", "2026-12-02").is_empty());
        assert!(!EmployerNotes::new("k", "X", "", "bellen in maart", "2026-12-02").is_empty());
    }

    #[test]
    fn every_measurement_of_one_employer_shares_its_notes_and_a_nameless_result_has_its_own() {
        let digest = [7u8; 32];
        assert_eq!(employer_key(&envelope(Some("Bakkerij De Korrel")), &digest), employer_key(&envelope(Some("  bakkerij  de KORREL ")), &[1; 32]));
        assert_ne!(employer_key(&envelope(Some("Bakkerij De Korrel")), &digest), employer_key(&envelope(Some("Garage Jansen")), &digest));
        assert_eq!(employer_key(&envelope(Some("   ")), &digest), employer_key(&envelope(None), &digest));
        assert_ne!(employer_key(&envelope(None), &digest), employer_key(&envelope(None), &[8; 32]));
        assert!(!employer_key(&envelope(Some("Bakkerij De Korrel")), &digest).contains("korrel"));
    }

    #[test]
    fn the_file_name_says_whose_notes_and_when_in_safe_characters() {
        let name = |org: &str| EmployerNotes::new("k", org, "x", "", "2026-12-02").file_name();
        assert_eq!(name("Bakkerij De Korrel B.V."), "vio-notities-bakkerij-de-korrel-b-v-2026-12-02.age");
        assert_eq!(name("Café 't Hoekje / Zorg"), "vio-notities-caf-t-hoekje-zorg-2026-12-02.age");
        assert_eq!(name(""), "vio-notities-2026-12-02.age");
        assert_eq!(name("../../etc"), "vio-notities-etc-2026-12-02.age");
    }
}
