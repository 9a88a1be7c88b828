//! Results the accountmanager keeps on this device, and for how long.
//!
//! What is kept is the encrypted file exactly as the employer handed it over, never what it says: at
//! rest it is as unreadable as in the employer's mail, and only the accountmanager's key opens it on
//! the next visit. A result is personal data under the AVG when the employer is a sole trader, so
//! keeping is the accountmanager's choice, with a retention period they choose, and a result past
//! it is removed the next time the page opens (and the page says so).

use crate::open::OpenedWith;

/// The retention periods offered, in months: from a quarter (one round of conversations) to two
/// years (a repeated measurement a year later, with a year's margin).
pub const RETENTION_MONTHS: [u32; 4] = [3, 6, 12, 24];

/// A year: the employer's repeated measurement usually comes a year after the first, and the
/// accountmanager then wants the first one beside it.
pub const DEFAULT_RETENTION_MONTHS: u32 = 12;

/// Only files a key opened are kept. A passphrase is never stored, so a kept passphrase file would
/// come back as a file that asks for a passphrase the accountmanager may no longer have.
pub fn worth_keeping(with: OpenedWith) -> bool {
    matches!(with, OpenedWith::Key(_))
}

/// The day a result kept on `kept_on` (`JJJJ-MM-DD`) is removed: the same day `months` later, or
/// that month's last day when it is shorter (kept on 31 August for 6 months: removed on 28 or 29
/// February). `None` for a date that is not one.
pub fn removal_date(kept_on: &str, months: u32) -> Option<String> {
    let (year, month, day) = parse_date(kept_on)?;
    let months_since_year_0 = year * 12 + (month - 1) + months;
    let (year, month) = (months_since_year_0 / 12, months_since_year_0 % 12 + 1);
    Some(format!("{year:04}-{month:02}-{:02}", day.min(days_in_month(year, month))))
}

/// Whether a result kept on `kept_on` must be gone by `today`. A kept date that cannot be read
/// counts as expired: a result nobody can date cannot be shown to be within its period.
pub fn is_expired(kept_on: &str, months: u32, today: &str) -> bool {
    removal_date(kept_on, months).is_none_or(|removal| removal.as_str() <= today)
}

fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut parts = s.splitn(3, '-');
    let mut next = |len: usize| parts.next().filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))?.parse::<u32>().ok();
    let (year, month, day) = (next(4)?, next(2)?, next(2)?);
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)).then_some((year, month, day))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_removed_on_the_same_day_months_later() {
        assert_eq!(removal_date("2026-12-02", 12).as_deref(), Some("2027-12-02"));
        assert_eq!(removal_date("2026-11-15", 3).as_deref(), Some("2027-02-15"));
        assert_eq!(removal_date("2026-01-10", 24).as_deref(), Some("2028-01-10"));
    }

    #[test]
    fn a_shorter_month_ends_the_period_on_its_last_day() {
        assert_eq!(removal_date("2026-08-31", 6).as_deref(), Some("2027-02-28"));
        assert_eq!(removal_date("2027-08-31", 6).as_deref(), Some("2028-02-29"));
        assert_eq!(removal_date("2028-02-29", 12).as_deref(), Some("2029-02-28"));
        assert_eq!(removal_date("2026-05-31", 6).as_deref(), Some("2026-11-30"));
    }

    #[test]
    fn the_removal_day_itself_is_expired_the_day_before_is_not() {
        assert!(!is_expired("2025-12-02", 12, "2026-12-01"));
        assert!(is_expired("2025-12-02", 12, "2026-12-02"));
        assert!(is_expired("2025-12-02", 12, "2027-01-01"));
        assert!(!is_expired("2026-12-02", 3, "2026-12-02"), "kept today");
    }

    #[test]
    fn an_unreadable_kept_date_counts_as_expired() {
        for bad in ["", "2026-13-01", "2026-02-30", "26-12-02", "2026-1-02", "2026-12-02x", "gisteren"] {
            assert_eq!(removal_date(bad, 12), None, "{bad}");
            assert!(is_expired(bad, 12, "2026-12-02"), "{bad}");
        }
    }

    #[test]
    fn only_files_a_key_opened_are_kept() {
        assert!(worth_keeping(OpenedWith::Key(0)));
        assert!(!worth_keeping(OpenedWith::Passphrase));
    }

    #[test]
    fn the_default_period_is_one_of_those_offered() {
        assert!(RETENTION_MONTHS.contains(&DEFAULT_RETENTION_MONTHS));
    }
}
