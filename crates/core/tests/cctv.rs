//! The C2SP CCTV age test vectors (npm package `cctv-age`, written to target/cctv/ by
//! tests/cctv/extract.mjs, which scripts/test runs first). Every applicable vector must give its
//! expected outcome through our crypto module, armored files included (a result shared as text).
//! Not applicable: post-quantum (ML-KEM) identities, which age 0.11 does not implement.
//! Vectors larger than `MAX_FILE_BYTES` must be refused by that limit.

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use vio_core::crypto::{self, CryptoError};

enum Key {
    Identity(String),
    Passphrase(String),
}

#[test]
fn every_applicable_cctv_vector_gives_its_expected_outcome() {
    let dir = std::env::var_os("CCTV_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/cctv"));
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("no vectors in {}: run `node tests/cctv/extract.mjs` (scripts/test does)", dir.display()));
    let (mut checked, mut skipped, mut too_large) = (0, 0, 0);
    let mut failures: Vec<String> = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let split = bytes.windows(2).position(|w| w == b"\n\n").expect("header, blank line, file");
        let header = String::from_utf8(bytes[..split].to_vec()).unwrap();
        let file = &bytes[split + 2..];
        let field = |k: &str| -> Vec<String> { header.lines().filter_map(|l| l.strip_prefix(k).map(str::to_owned)).collect() };
        let expect = field("expect: ").remove(0);
        let keys: Vec<Key> = field("identity: ").into_iter().map(Key::Identity).chain(field("passphrase: ").into_iter().map(Key::Passphrase)).collect();
        let pq = keys.iter().any(|k| matches!(k, Key::Identity(i) if !i.starts_with("AGE-SECRET-KEY-1")));
        if pq || keys.is_empty() {
            skipped += 1;
            continue;
        }
        let results: Vec<Result<Vec<u8>, CryptoError>> = keys
            .iter()
            .map(|k| match k {
                Key::Identity(i) => crypto::dearmor(file).and_then(|f| crypto::decrypt_with_identity(&f, &crypto::parse_identity(i).unwrap())),
                Key::Passphrase(p) => crypto::dearmor(file).and_then(|f| crypto::decrypt_with_passphrase(&f, p)),
            })
            .collect();
        if file.len() > crypto::MAX_FILE_BYTES {
            // Larger than any result file: our documented size limit refuses it before decrypting.
            assert!(results.iter().all(|r| r == &Err(CryptoError::TooLarge)), "{name}: size limit");
            too_large += 1;
            continue;
        }
        match expect.as_str() {
            "success" => {
                let payload = field("payload: ").remove(0);
                let ok = results.iter().flatten().next().unwrap_or_else(|| panic!("{name}: expected success, got {results:?}"));
                let hash: String = Sha256::digest(ok).iter().map(|b| format!("{b:02x}")).collect();
                assert_eq!(hash, payload, "{name}: payload hash");
            }
            expected => {
                for r in &results {
                    let Some(e) = r.as_ref().err() else {
                        failures.push(format!("{name}: expected {expected}, got success"));
                        continue;
                    };
                    let fits = match expected {
                        // A passphrase offered to a file without a (valid) scrypt stanza matches nothing either.
                        "no match" => matches!(e, CryptoError::WrongKey | CryptoError::WrongPassphrase | CryptoError::WrongKind { .. }),
                        "HMAC failure" | "header failure" => {
                            matches!(e, CryptoError::Damaged | CryptoError::NotAge | CryptoError::ExcessiveWork { .. } | CryptoError::WrongKind { .. })
                        }
                        "payload failure" => matches!(e, CryptoError::Truncated),
                        // Armor that is not exactly as the spec has it is a damaged file (or, with no
                        // armor header left, not an age file at all).
                        "armor failure" => matches!(e, CryptoError::Damaged | CryptoError::NotAge),
                        other => panic!("{name}: unknown expectation {other}"),
                    };
                    if !fits {
                        failures.push(format!("{name}: expected {expected}, got {e:?}"));
                    }
                }
            }
        }
        checked += 1;
    }
    println!("CCTV: {checked} vectors checked, {too_large} refused by the size limit, {skipped} not applicable");
    assert_eq!(failures, Vec::<String>::new());
    assert!(checked >= 80, "only {checked} vectors checked");
}
