//! A backup of all analyses, to move them to another device: a passphrase-encrypted age file whose
//! plaintext is JSON (`vio-backup`). Restoring merges: analyses already present are skipped, the rest
//! are added in date order, and an analysis in progress is never replaced without the user knowing.

use serde::{Deserialize, Serialize};

use crate::open::OpenError;
use crate::questionnaire::Questionnaire;
use crate::store::{Analysis, Draft, Stored};

pub const FORMAT: &str = "vio-backup";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    pub format: String,
    pub format_version: u32,
    pub analyses: Vec<Analysis>,
    pub draft: Option<Draft>,
}

/// The fields every backup format version has.
#[derive(Deserialize)]
struct Format {
    format: String,
    format_version: u64,
}

/// What a restore did, to tell the user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    pub added: usize,
    pub already_there: usize,
    /// The backup had an analysis in progress, but so does this browser: ours was kept.
    pub draft_kept: bool,
}

impl Backup {
    pub fn of(s: &Stored) -> Backup {
        Backup { format: FORMAT.into(), format_version: FORMAT_VERSION, analyses: s.analyses.clone(), draft: s.unfinished().cloned() }
    }

    /// What [`crate::crypto::encrypt_with_passphrase`] seals into the backup file. Encryption is the
    /// caller's step: the browser runs it in a worker.
    pub fn plaintext(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a backup always serialises")
    }

    /// Reads a decrypted backup file ([`crate::crypto::decrypt_with_passphrase`]), its answers checked
    /// against the questionnaire.
    pub fn from_plaintext(plain: &[u8], q: &Questionnaire) -> Result<Backup, OpenError> {
        // The format first, so that a newer version is told apart from a damaged file.
        let format = serde_json::from_slice::<Format>(plain).map_err(|_| OpenError::NotABackup)?;
        if format.format != FORMAT {
            return Err(OpenError::NotABackup);
        }
        if format.format_version > u64::from(FORMAT_VERSION) {
            return Err(crate::envelope::EnvelopeError::NewerFormat(format.format_version as u32).into());
        }
        let mut backup: Backup = serde_json::from_slice(plain).map_err(|_| OpenError::NotABackup)?;
        for a in &mut backup.analyses {
            a.answers = q.sanitize(&a.answers);
        }
        if let Some(d) = &mut backup.draft {
            d.answers = q.sanitize(&d.answers);
        }
        Ok(backup)
    }
}

impl Stored {
    pub fn merge(&mut self, backup: Backup) -> Merged {
        let mut merged = Merged::default();
        for mut a in backup.analyses {
            let same = |b: &Analysis| b.completed_on == a.completed_on && b.answers == a.answers && b.plan == a.plan;
            if self.analyses.iter().any(same) {
                merged.already_there += 1;
                continue;
            }
            a.id = self.analyses.iter().map(|b| b.id + 1).max().unwrap_or(1);
            // Into its place by date, after those of the same day (its id is the newest): the list
            // stays oldest first without a sort, whose routine the page would have to carry.
            let at = self.analyses.iter().position(|b| b.completed_on > a.completed_on).unwrap_or(self.analyses.len());
            self.analyses.insert(at, a);
            merged.added += 1;
        }
        if let Some(mut d) = backup.draft {
            if self.draft.as_ref().is_some_and(|ours| !ours.answers.is_empty()) {
                merged.draft_kept = self.draft.as_ref().is_some_and(|ours| ours.answers != d.answers);
            } else {
                d.analysis = None;
                self.draft = Some(d);
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto;
    use crate::model::{Answer, Answers};

    const PASSPHRASE: &str = "een lange zin als wachtwoord";

    /// The browser's two steps (plaintext, then encryption in the worker) as one.
    fn seal(b: &Backup) -> Vec<u8> {
        crypto::encrypt_with_passphrase(PASSPHRASE, &b.plaintext())
    }

    fn open(file: &[u8], passphrase: &str, q: &Questionnaire) -> Result<Backup, OpenError> {
        Backup::from_plaintext(&crypto::decrypt_with_passphrase(file, passphrase)?, q)
    }

    fn stored_with(dates: &[&str]) -> Stored {
        let q = Questionnaire::vio();
        let mut s = Stored::default();
        for (i, d) in dates.iter().enumerate() {
            s.start_new(q, false);
            s.draft.as_mut().unwrap().answers.insert("medewerkers".into(), Answer::Number(10 + i as u64));
            s.complete_draft(d);
        }
        s
    }

    #[test]
    fn a_backup_restores_into_a_fresh_browser_and_twice_adds_nothing() {
        let q = Questionnaire::vio();
        let source = stored_with(&["2024-04-15", "2025-04-15", "2026-04-15"]);
        let file = seal(&Backup::of(&source));
        let mut fresh = Stored::default();
        let merged = fresh.merge(open(&file, PASSPHRASE, q).unwrap());
        assert_eq!(merged, Merged { added: 3, already_there: 0, draft_kept: false });
        let answers = |s: &Stored| s.analyses.iter().map(|a| (a.completed_on.clone(), a.answers.clone())).collect::<Vec<(String, Answers)>>();
        assert_eq!(answers(&fresh), answers(&source));
        let again = fresh.merge(open(&file, PASSPHRASE, q).unwrap());
        assert_eq!(again, Merged { added: 0, already_there: 3, draft_kept: false });
    }

    #[test]
    fn merging_keeps_both_sides_in_date_order_and_never_replaces_work_in_progress() {
        let q = Questionnaire::vio();
        let mut here = stored_with(&["2025-01-01"]);
        here.start_new(q, false);
        here.draft.as_mut().unwrap().answers.insert("vacatures".into(), Answer::Number(2));
        let mut there = stored_with(&["2024-01-01", "2026-01-01"]);
        there.start_new(q, false);
        there.draft.as_mut().unwrap().answers.insert("vacatures".into(), Answer::Number(5));
        let merged = here.merge(Backup::of(&there));
        assert_eq!(merged, Merged { added: 2, already_there: 0, draft_kept: true });
        assert_eq!(here.analyses.iter().map(|a| a.completed_on.as_str()).collect::<Vec<_>>(), ["2024-01-01", "2025-01-01", "2026-01-01"]);
        assert_eq!(here.draft.as_ref().unwrap().answers.get("vacatures"), Some(&Answer::Number(2)));
        let ids: std::collections::BTreeSet<u32> = here.analyses.iter().map(|a| a.id).collect();
        assert_eq!(ids.len(), 3, "ids stay unique");
        // Another measurement of a day already there goes after it.
        let mut same_day = stored_with(&["2025-01-01"]);
        same_day.analyses[0].answers.insert("vacatures".into(), Answer::Number(9));
        let merged = here.merge(Backup::of(&same_day));
        assert_eq!(merged.added, 1);
        let order: Vec<(&str, u32)> = here.analyses.iter().map(|a| (a.completed_on.as_str(), a.id)).collect();
        assert_eq!(order[1..3], [("2025-01-01", 1), ("2025-01-01", 4)]);
    }

    #[test]
    fn wrong_passphrase_and_foreign_files_are_refused() {
        let q = Questionnaire::vio();
        let file = seal(&Backup::of(&stored_with(&["2024-04-15"])));
        assert_eq!(open(&file, "fout", q).unwrap_err(), crypto::CryptoError::WrongPassphrase.into());
        let result = crypto::encrypt_with_passphrase(PASSPHRASE, b"{\"format\":\"vio-resultaat\"}");
        assert_eq!(open(&result, PASSPHRASE, q).unwrap_err(), OpenError::NotABackup);
        let newer = crypto::encrypt_with_passphrase(PASSPHRASE, b"{\"format\":\"vio-backup\",\"format_version\":2,\"items\":[]}");
        assert_eq!(open(&newer, PASSPHRASE, q).unwrap_err(), crate::envelope::EnvelopeError::NewerFormat(2).into());
        let damaged = crypto::encrypt_with_passphrase(PASSPHRASE, b"{\"format\":\"vio-backup\",\"format_version\":1,\"analyses\":7}");
        assert_eq!(open(&damaged, PASSPHRASE, q).unwrap_err(), OpenError::NotABackup);
    }
}
