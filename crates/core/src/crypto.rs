//! Standard age v1 files (https://age-encryption.org/v1), made and opened with the `age` crate, so an
//! accountmanager can always fall back to the `age` command-line tool.
//!
//! Two kinds of file, never mixed (an scrypt stanza must be the only one): to an accountmanager's
//! X25519 public key (`age1…`), or to a passphrase. The scrypt work factor is capped far below the
//! command-line tools: 2^18 already needs 256 MiB of wasm memory that is never given back, and 2^20
//! about 1 GiB, which would freeze or crash a phone's tab.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::iter;
use std::str::FromStr;

use age::armor::ArmoredReader;
use age::secrecy::SecretString;

/// Work factor for passphrase files we make: 2^16 (64 MiB, well under a second natively).
pub const ENCRYPT_WORK_FACTOR: u8 = 16;
/// The largest work factor we open: 2^18, the default of age's own implementations (256 MiB).
pub const MAX_WORK_FACTOR: u8 = 18;
/// Result files are a few KiB; anything above this is refused before decryption.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Crosses from the encryption worker to the page as one number ([`CryptoError::code`]).
#[derive(Debug, Clone, PartialEq)]
pub enum CryptoError {
    /// Not an age file at all (or damaged in its first line).
    NotAge,
    /// An age file whose header is damaged.
    Damaged,
    /// The file is not for this key (no matching recipient).
    WrongKey,
    /// The passphrase does not open this file.
    WrongPassphrase,
    /// The payload was cut off or changed.
    Truncated,
    /// The passphrase file demands more memory than we allow (its work factor).
    ExcessiveWork {
        required: u8,
    },
    TooLarge,
    /// A key file was opened with a passphrase or the other way round.
    WrongKind {
        is_passphrase: bool,
    },
    InvalidRecipient,
    /// More keys than one result goes to ([`MAX_RECIPIENTS`]).
    TooManyRecipients,
    InvalidIdentity,
}

impl CryptoError {
    /// The error as one number, for the worker's answer: a JSON writer and reader for this enum
    /// would be kilobytes in the page's wasm for a dozen values. [`CryptoError::from_code`] reads it.
    pub fn code(&self) -> u32 {
        match self {
            CryptoError::NotAge => 1,
            CryptoError::Damaged => 2,
            CryptoError::WrongKey => 3,
            CryptoError::WrongPassphrase => 4,
            CryptoError::Truncated => 5,
            CryptoError::TooLarge => 6,
            CryptoError::WrongKind { is_passphrase: false } => 7,
            CryptoError::WrongKind { is_passphrase: true } => 8,
            CryptoError::InvalidRecipient => 9,
            CryptoError::TooManyRecipients => 10,
            CryptoError::InvalidIdentity => 11,
            CryptoError::ExcessiveWork { required } => 256 + u32::from(*required),
        }
    }

    pub fn from_code(code: u32) -> Option<CryptoError> {
        Some(match code {
            1 => CryptoError::NotAge,
            2 => CryptoError::Damaged,
            3 => CryptoError::WrongKey,
            4 => CryptoError::WrongPassphrase,
            5 => CryptoError::Truncated,
            6 => CryptoError::TooLarge,
            7 => CryptoError::WrongKind { is_passphrase: false },
            8 => CryptoError::WrongKind { is_passphrase: true },
            9 => CryptoError::InvalidRecipient,
            10 => CryptoError::TooManyRecipients,
            11 => CryptoError::InvalidIdentity,
            256..=511 => CryptoError::ExcessiveWork { required: (code - 256) as u8 },
            _ => return None,
        })
    }
}

pub fn parse_recipient(s: &str) -> Result<age::x25519::Recipient, CryptoError> {
    age::x25519::Recipient::from_str(s.trim()).map_err(|_| CryptoError::InvalidRecipient)
}

/// A result goes to at most this many keys: an accountmanager and two colleagues of the team (their
/// share link). Every one of them is shown with its name and check code
/// before sharing, and more than three would no longer be read.
pub const MAX_RECIPIENTS: usize = 3;

/// The keys one shared result goes to: at least one, at most [`MAX_RECIPIENTS`], none twice. Each
/// opens the same age file with its own identity (age writes one stanza per key).
#[derive(Debug)]
pub struct Recipients(Vec<(String, age::x25519::Recipient)>);

impl Recipients {
    /// Reads keys one per line (blank lines skipped); a key given twice counts once.
    pub fn parse(lines: &str) -> Result<Recipients, CryptoError> {
        let mut keys: Vec<(String, age::x25519::Recipient)> = Vec::new();
        for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let key = parse_recipient(line)?;
            // Bech32 reads a key in either case, and in only one spelling besides.
            let text = line.to_ascii_lowercase();
            if !keys.iter().any(|(seen, _)| *seen == text) {
                keys.push((text, key));
            }
        }
        match keys.len() {
            0 => Err(CryptoError::InvalidRecipient),
            n if n > MAX_RECIPIENTS => Err(CryptoError::TooManyRecipients),
            _ => Ok(Recipients(keys)),
        }
    }

    /// Every key (as its text, in lower case) with its check code, in order.
    pub fn checked(&self) -> Vec<(String, String)> {
        self.0.iter().map(|(text, key)| (text.clone(), fingerprint(key))).collect()
    }

    /// One age file that every key opens.
    pub fn encrypt(&self, plaintext: &[u8]) -> Vec<u8> {
        let keys: Vec<&dyn age::Recipient> = self.0.iter().map(|(_, key)| key as &dyn age::Recipient).collect();
        encrypt(&keys, plaintext)
    }
}

/// Reads the first `AGE-SECRET-KEY-1…` line of an identity file (comments and blank lines allowed).
pub fn parse_identity(text: &str) -> Result<age::x25519::Identity, CryptoError> {
    parse_identities(text)?.into_iter().next().ok_or(CryptoError::InvalidIdentity)
}

/// Reads every `AGE-SECRET-KEY-1…` line of an identity file, in order: a backup holds every key the
/// accountmanager has had, as the age CLI reads such a file. A damaged key line spoils the file.
pub fn parse_identities(text: &str) -> Result<Vec<age::x25519::Identity>, CryptoError> {
    let ids = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("AGE-SECRET-KEY-"))
        .map(|l| age::x25519::Identity::from_str(l).map_err(|_| CryptoError::InvalidIdentity))
        .collect::<Result<Vec<_>, _>>()?;
    if ids.is_empty() {
        return Err(CryptoError::InvalidIdentity);
    }
    Ok(ids)
}

/// A plain age identity file, as `age-keygen` writes it, so the age CLI reads our backups.
pub fn identity_file(identity: &age::x25519::Identity, created_on: &str) -> String {
    use age::secrecy::ExposeSecret;
    format!("# created: {created_on}\n# public key: {}\n{}\n", identity.to_public(), identity.to_string().expose_secret())
}

/// A short, readable fingerprint of a public key (first 48 bits of its SHA-256, as three groups of
/// four hex digits). The accountmanager and the employer both see it, so a key swapped in a link or on
/// a poster shows up as a different fingerprint. It is a check for people, not a security boundary.
pub fn fingerprint(recipient: &age::x25519::Recipient) -> String {
    use sha2::{Digest, Sha256};
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let hash = Sha256::digest(recipient.to_string().as_bytes());
    let mut code = String::with_capacity(14);
    for (i, byte) in hash[..6].iter().enumerate() {
        if i > 0 && i % 2 == 0 {
            code.push('-');
        }
        // By hand, not `format!("{:02X}")`: the employer's page formats no other hex.
        code.push(HEX[usize::from(byte >> 4)] as char);
        code.push(HEX[usize::from(byte & 15)] as char);
    }
    code
}

/// Passphrases shorter than this are refused outright.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseStrength {
    TooShort,
    Weak,
    Fair,
    Strong,
}

/// A rough strength hint (estimated bits of guessing work). Deliberately simple: a dictionary-based
/// estimator such as zxcvbn would add hundreds of kilobytes to the employer's page, and the hint only
/// needs to steer people towards long passphrases of several words, which this rewards.
pub fn passphrase_strength(p: &str) -> PassphraseStrength {
    let chars: Vec<char> = p.chars().collect();
    if chars.len() < MIN_PASSPHRASE_CHARS {
        return PassphraseStrength::TooShort;
    }
    let classes = [
        chars.iter().any(|c| c.is_lowercase()),
        chars.iter().any(|c| c.is_uppercase()),
        chars.iter().any(|c| c.is_ascii_digit()),
        chars.iter().any(|c| !c.is_alphanumeric()),
    ];
    let pool: f64 = [26.0, 26.0, 10.0, 33.0].iter().zip(classes).filter(|(_, has)| *has).map(|(n, _)| n).sum();
    // Repeated characters ("aaaaaaaaaa", "abcabcabc") add little: count each distinct one once more.
    // Counted up to 64 by a scan (no sort: one less sorting routine in the page): 64 distinct
    // characters already make the passphrase strong by this count, however long it is.
    let mut distinct: Vec<char> = Vec::new();
    for &c in &chars {
        if distinct.len() < 64 && !distinct.contains(&c) {
            distinct.push(c);
        }
    }
    let effective = (distinct.len() * 2).min(chars.len()) as f64;
    let by_chars = effective * pool.max(2.0).log2();
    // Several real words are strong even in lower case: about 11 bits per word of 4 letters or more.
    let words = p.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4).count() as f64;
    let bits = by_chars.max(words * 11.0);
    match bits {
        b if b < 60.0 => PassphraseStrength::Weak,
        b if b < 80.0 => PassphraseStrength::Fair,
        _ => PassphraseStrength::Strong,
    }
}

// The `let … else { unreachable!() }` below instead of `expect`: `expect` formats the error with its
// `Debug`, which for age's errors brings a `HashSet`'s and `io::Error`'s formatting into the wasm.

pub fn encrypt_to(recipient: &age::x25519::Recipient, plaintext: &[u8]) -> Vec<u8> {
    encrypt(&[recipient], plaintext)
}

pub fn encrypt_with_passphrase(passphrase: &str, plaintext: &[u8]) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(ENCRYPT_WORK_FACTOR);
    encrypt(&[&recipient], plaintext)
}

/// Callers give one scrypt recipient, or one to [`MAX_RECIPIENTS`] X25519 recipients: age accepts both.
/// A slice, not a generic iterator: each iterator type would be a copy of age's header code in the wasm.
fn encrypt(recipients: &[&dyn age::Recipient], plaintext: &[u8]) -> Vec<u8> {
    let Ok(encryptor) = age::Encryptor::with_recipients(recipients.iter().copied()) else { unreachable!("age accepts these recipients") };
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let written = encryptor.wrap_output(&mut out).and_then(|mut writer| {
        writer.write_all(plaintext)?;
        writer.finish()
    });
    let Ok(_) = written else { unreachable!("writing to a Vec cannot fail") };
    out
}

/// The same age file as ASCII armor (https://c2sp.org/age#ascii-armor), which the `age` CLI and
/// the accountmanager's side read as they read the binary file: a result shared as text or as a
/// .txt file. Written here rather than with age's `ArmoredWriter`, whose streaming machinery put
/// about 1 KB brotli more in the employer's wasm for a file that is already in memory; the format is
/// this little (the test reads every length back through age's strict reader).
pub fn armor(file: &[u8]) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(file);
    let mut out = String::with_capacity(encoded.len() + encoded.len() / 64 + 72);
    out.push_str("-----BEGIN AGE ENCRYPTED FILE-----\n");
    // Base64 is ASCII: every 64-byte chunk is a whole line of characters.
    for line in encoded.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END AGE ENCRYPTED FILE-----\n");
    out
}

const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// The binary age file, from an armored one if it is that. Armor is strict (line lengths, padding,
/// no garbage after the end line): anything else in it is a damaged file, never a guess. Only the
/// accountmanager's side reads armor (`open::open_result`): the employer's page opens nothing but
/// its own backups, and the reader would sit on its start screen's critical path (3.7 KB brotli).
pub fn dearmor(file: &[u8]) -> Result<Cow<'_, [u8]>, CryptoError> {
    if file.len() > MAX_FILE_BYTES {
        return Err(CryptoError::TooLarge);
    }
    // Whitespace around the armor is allowed (age's reader takes it after, not before).
    let armored = file.trim_ascii_start();
    if !armored.starts_with(ARMOR_BEGIN) {
        return Ok(Cow::Borrowed(file));
    }
    let mut out = Vec::with_capacity(file.len() * 3 / 4);
    ArmoredReader::new(armored).read_to_end(&mut out).map_err(|_| CryptoError::Damaged)?;
    Ok(Cow::Owned(out))
}

/// Whether a file is a passphrase file; `Err` when it is not a readable age file.
pub fn is_passphrase_file(file: &[u8]) -> Result<bool, CryptoError> {
    Ok(decryptor(file)?.is_scrypt())
}

pub fn decrypt_with_identity(file: &[u8], identity: &age::x25519::Identity) -> Result<Vec<u8>, CryptoError> {
    let d = decryptor(file)?;
    if d.is_scrypt() {
        return Err(CryptoError::WrongKind { is_passphrase: true });
    }
    read_all(d.decrypt(iter::once(identity as &dyn age::Identity)), CryptoError::WrongKey)
}

pub fn decrypt_with_passphrase(file: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptoError> {
    let d = decryptor(file)?;
    if !d.is_scrypt() {
        return Err(CryptoError::WrongKind { is_passphrase: false });
    }
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    read_all(d.decrypt(iter::once(&identity as &dyn age::Identity)), CryptoError::WrongPassphrase)
}

fn decryptor(file: &[u8]) -> Result<age::Decryptor<&[u8]>, CryptoError> {
    if file.len() > MAX_FILE_BYTES {
        return Err(CryptoError::TooLarge);
    }
    if !file.starts_with(b"age-encryption.org/") {
        return Err(CryptoError::NotAge);
    }
    check_stanza_bodies(file)?;
    check_work_factor(file)?;
    age::Decryptor::new_buffered(file).map_err(|e| match e {
        age::DecryptError::ExcessiveWork { required, .. } => CryptoError::ExcessiveWork { required },
        age::DecryptError::UnknownFormat => CryptoError::NotAge,
        // A header that ends early is a damaged header, not a truncated payload.
        _ => CryptoError::Damaged,
    })
}

/// Every stanza must end with a body line shorter than 64 columns, even if empty
/// (https://c2sp.org/age#header). The age crate 0.11 accepts a missing final line (CCTV vectors
/// `stanza_missing_body`, `stanza_missing_final_line`), so we check it before handing the file over.
fn check_stanza_bodies(file: &[u8]) -> Result<(), CryptoError> {
    let mut in_stanza = false;
    let mut last_body_len = None;
    for line in file.split(|&b| b == b'\n').skip(1) {
        let stanza_start = line.starts_with(b"-> ");
        if line.starts_with(b"---") || stanza_start {
            if in_stanza && last_body_len.is_none_or(|n| n >= 64) {
                return Err(CryptoError::Damaged);
            }
            if !stanza_start {
                return Ok(());
            }
            in_stanza = true;
            last_body_len = None;
        } else {
            last_body_len = Some(line.len());
        }
    }
    Err(CryptoError::Damaged)
}

/// Refuses an excessive scrypt work factor from the header alone, before any passphrase is asked for,
/// so such a file is reported as what it is rather than as "enter the passphrase".
fn check_work_factor(file: &[u8]) -> Result<(), CryptoError> {
    let header = file.split(|&b| b == b'\n').take_while(|l| !l.starts_with(b"---"));
    for line in header {
        if let Some(args) = line.strip_prefix(b"-> scrypt ") {
            let log_n = args.split(|&b| b == b' ').nth(1).and_then(|n| std::str::from_utf8(n).ok()?.parse::<u8>().ok());
            if let Some(required) = log_n.filter(|&n| n > MAX_WORK_FACTOR) {
                return Err(CryptoError::ExcessiveWork { required });
            }
        }
    }
    Ok(())
}

fn read_all<R: Read>(reader: Result<R, age::DecryptError>, no_key: CryptoError) -> Result<Vec<u8>, CryptoError> {
    let mut reader = reader.map_err(map_error(no_key))?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).map_err(|_| CryptoError::Truncated)?;
    Ok(out)
}

fn map_error(no_key: CryptoError) -> impl Fn(age::DecryptError) -> CryptoError {
    move |e| match e {
        age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => no_key.clone(),
        age::DecryptError::ExcessiveWork { required, .. } => CryptoError::ExcessiveWork { required },
        age::DecryptError::UnknownFormat => CryptoError::NotAge,
        age::DecryptError::Io(_) => CryptoError::Truncated,
        _ => CryptoError::Damaged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_armored_file_opens_as_the_binary_one_and_damaged_armor_is_refused() {
        let id = age::x25519::Identity::generate();
        let file = encrypt_to(&id.to_public(), b"resultaat");
        let armored = armor(&file);
        assert!(armored.starts_with("-----BEGIN AGE ENCRYPTED FILE-----\n"));
        assert!(armored.lines().all(|l| l.len() <= 64), "64 columns at most");
        let open = |text: &str| decrypt_with_identity(&dearmor(text.as_bytes())?, &id);
        assert_eq!(open(&armored).unwrap(), b"resultaat");
        // As a messaging app may pass it on: with a leading blank line and CRLF line ends.
        assert_eq!(open(&format!("\r\n{}", armored.replace('\n', "\r\n"))).unwrap(), b"resultaat");
        assert_eq!(open(&armored[..armored.len() / 2]), Err(CryptoError::Damaged));
        assert!(open(&armored.replacen('A', "*", 1)).is_err());
        assert_eq!(dearmor(&file).unwrap(), file, "a binary file is passed on as it is");
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + len) as u8).collect();
            assert_eq!(dearmor(armor(&bytes).as_bytes()).unwrap(), bytes, "length {len} (full last lines at multiples of 48)");
        }
        let passphrase = armor(&encrypt_with_passphrase("correct horse battery staple", b"x"));
        assert_eq!(is_passphrase_file(&dearmor(passphrase.as_bytes()).unwrap()), Ok(true));
    }

    #[test]
    fn key_files_round_trip_and_refuse_the_wrong_key() {
        let id = age::x25519::Identity::generate();
        let file = encrypt_to(&id.to_public(), b"{\"a\":1}");
        assert!(file.starts_with(b"age-encryption.org/v1\n"));
        assert_eq!(decrypt_with_identity(&file, &id).unwrap(), b"{\"a\":1}");
        assert_eq!(decrypt_with_identity(&file, &age::x25519::Identity::generate()), Err(CryptoError::WrongKey));
        assert_eq!(decrypt_with_passphrase(&file, "x"), Err(CryptoError::WrongKind { is_passphrase: false }));
        assert_eq!(decrypt_with_identity(&file[..file.len() - 10], &id), Err(CryptoError::Truncated));
        assert_eq!(decrypt_with_identity(b"{\"not\":\"age\"}", &id), Err(CryptoError::NotAge));
        assert_eq!(decrypt_with_identity(&vec![b'a'; MAX_FILE_BYTES + 1], &id), Err(CryptoError::TooLarge));
    }

    #[test]
    fn passphrase_files_round_trip_and_refuse_the_wrong_passphrase() {
        let file = encrypt_with_passphrase("correct horse battery", b"hallo");
        assert!(is_passphrase_file(&file).unwrap());
        assert_eq!(decrypt_with_passphrase(&file, "correct horse battery").unwrap(), b"hallo");
        assert_eq!(decrypt_with_passphrase(&file, "fout"), Err(CryptoError::WrongPassphrase));
        let id = age::x25519::Identity::generate();
        assert_eq!(decrypt_with_identity(&file, &id), Err(CryptoError::WrongKind { is_passphrase: true }));
    }

    #[test]
    fn excessive_work_factors_are_refused_at_once() {
        for log_n in [21u8, 22, 23] {
            // Encrypting at these factors would itself take GiBs; forge the header's work factor instead.
            let file = encrypt_with_passphrase("p", b"x");
            let text = String::from_utf8_lossy(&file).into_owned();
            let forged = text.replacen(&format!(" {ENCRYPT_WORK_FACTOR}\n"), &format!(" {log_n}\n"), 1);
            let started = std::time::Instant::now();
            assert_eq!(decrypt_with_passphrase(forged.as_bytes(), "p"), Err(CryptoError::ExcessiveWork { required: log_n }));
            assert_eq!(is_passphrase_file(forged.as_bytes()), Err(CryptoError::ExcessiveWork { required: log_n }), "known before a passphrase is asked");
            assert!(started.elapsed().as_millis() < 500, "refused without running scrypt");
        }
    }

    #[test]
    fn fingerprints_are_short_stable_and_differ_per_key() {
        let a = age::x25519::Identity::generate().to_public();
        let b = age::x25519::Identity::generate().to_public();
        assert_eq!(fingerprint(&a), fingerprint(&a));
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a).len(), 14);
        // The first six bytes of the key's SHA-256, as `sha256sum` gives them, in upper case.
        let known = parse_recipient("age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p").unwrap();
        assert_eq!(fingerprint(&known), "CF7E-5682-3131");
    }

    #[test]
    fn every_error_crosses_as_its_own_number() {
        use CryptoError::*;
        let all = [
            NotAge,
            Damaged,
            WrongKey,
            WrongPassphrase,
            Truncated,
            TooLarge,
            WrongKind { is_passphrase: false },
            WrongKind { is_passphrase: true },
            InvalidRecipient,
            TooManyRecipients,
            InvalidIdentity,
            ExcessiveWork { required: 0 },
            ExcessiveWork { required: MAX_WORK_FACTOR + 1 },
            ExcessiveWork { required: u8::MAX },
        ];
        for e in &all {
            assert_eq!(CryptoError::from_code(e.code()).as_ref(), Some(e));
        }
        let mut codes: Vec<u32> = all.iter().map(CryptoError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert_eq!(CryptoError::from_code(0), None);
        assert_eq!(CryptoError::from_code(512), None);
    }

    #[test]
    fn passphrase_hints_reward_length_and_words() {
        use PassphraseStrength::*;
        assert_eq!(passphrase_strength("kort"), TooShort);
        assert_eq!(passphrase_strength("aaaaaaaaaaaa"), Weak);
        assert_eq!(passphrase_strength("welkom2026"), Weak);
        assert_eq!(passphrase_strength("Welkom2026!x"), Fair);
        assert_eq!(passphrase_strength("paard batterij nietje correct"), Strong);
        assert_eq!(passphrase_strength("Zq8#mP2$vL9@wR"), Strong);
        // Repetition counts each distinct character twice at most; more than 64 distinct ones are
        // strong however they are counted.
        assert_eq!(passphrase_strength("abcabcabcabc"), Weak);
        let many: String = ('\u{4E00}'..'\u{4E50}').collect();
        assert_eq!(passphrase_strength(&many), Strong);
    }

    #[test]
    fn identity_files_are_read_back() {
        let id = age::x25519::Identity::generate();
        let file = identity_file(&id, "2026-11-23");
        assert!(file.starts_with("# created: 2026-11-23\n# public key: age1"));
        assert_eq!(parse_identity(&file).unwrap().to_public().to_string(), id.to_public().to_string());
    }

    #[test]
    fn identities_and_recipients_parse_from_their_text_forms() {
        let id = age::x25519::Identity::generate();
        use age::secrecy::ExposeSecret;
        let file = format!("# created: 2026-11-23\n# public key: {}\n{}\n", id.to_public(), id.to_string().expose_secret());
        assert_eq!(parse_identity(&file).unwrap().to_public().to_string(), id.to_public().to_string());
        assert!(parse_recipient(&id.to_public().to_string()).is_ok());
        assert_eq!(parse_recipient("age1kapot").unwrap_err(), CryptoError::InvalidRecipient);
        assert!(matches!(parse_identity("geen sleutel"), Err(CryptoError::InvalidIdentity)));
    }

    /// One file for the whole team: every key opens it, and the limit holds at its boundary.
    #[test]
    fn a_result_goes_to_up_to_three_keys_in_one_file() {
        let ids: Vec<_> = (0..4).map(|_| age::x25519::Identity::generate()).collect();
        let keys: Vec<String> = ids.iter().map(|id| id.to_public().to_string()).collect();
        let three = Recipients::parse(&format!("{}\n\n  {}  \n{}\n{}", keys[0], keys[1], keys[2], keys[0].to_uppercase())).unwrap();
        let expected: Vec<_> = keys[..3].iter().map(|k| (k.clone(), fingerprint(&parse_recipient(k).unwrap()))).collect();
        assert_eq!(three.checked(), expected, "in order, the repeated key once");
        let file = three.encrypt(b"{}");
        for id in &ids[..3] {
            assert_eq!(decrypt_with_identity(&file, id).unwrap(), b"{}");
        }
        assert_eq!(decrypt_with_identity(&file, &ids[3]).unwrap_err(), CryptoError::WrongKey);
        assert_eq!(Recipients::parse(&keys.join("\n")).unwrap_err(), CryptoError::TooManyRecipients);
        assert_eq!(Recipients::parse(&format!("{}\nage1kapot", keys[0])).unwrap_err(), CryptoError::InvalidRecipient);
        assert_eq!(Recipients::parse(" \n").unwrap_err(), CryptoError::InvalidRecipient);
        assert_eq!(Recipients::parse(&keys[3]).unwrap().checked().len(), 1);
    }
}
