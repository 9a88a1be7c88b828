//! A share link names the accountmanagers a result goes to, in its fragment (which never reaches a
//! server): `#/uitnodiging?sleutel=age1…&naam=Gemeente%20X`, with a `sleutel` and `naam` pair for
//! every colleague. The accountmanager's page writes it ([`fragment`]); the employer's page reads
//! it ([`read`]), and its wasm goes without the writer because it never calls it.

use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use vio_core::store::Recipient;

/// What a share link's fragment starts with, after `#/`.
pub const PATH: &str = "uitnodiging";

/// The fragment of a link to `recipients`, in order.
pub fn fragment(recipients: &[Recipient]) -> String {
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    let pairs: Vec<String> = recipients.iter().map(|r| format!("sleutel={}&naam={}", enc(&r.key), enc(&r.name))).collect();
    format!("#/{PATH}?{}", pairs.join("&"))
}

/// The accountmanagers of a link's query (after `uitnodiging?`), in order; `None` when it is broken
/// (no key, a name before any key, a parameter that does not decode). Every `sleutel` starts the
/// next accountmanager; a `naam` names the one before it. Keys are kept in lower case, as age writes
/// them (bech32 reads either case), so a key typed in capitals is still the same key on Delen.
/// The keys themselves are checked when the link arrives.
pub fn read(query: &str) -> Option<Vec<Recipient>> {
    let mut recipients: Vec<Recipient> = Vec::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=')?;
        let v = percent_decode_str(&v.replace('+', " ")).decode_utf8().ok()?.trim().to_string();
        match k {
            "sleutel" => recipients.push(Recipient { key: v.to_ascii_lowercase(), name: String::new() }),
            "naam" => recipients.last_mut()?.name = vio_core::text::clean_name(&v).chars().take(vio_core::envelope::MAX_TEXT_CHARS).collect(),
            _ => {}
        }
    }
    (!recipients.is_empty()).then_some(recipients)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(fragment: &str) -> &str {
        fragment.strip_prefix(&format!("#/{PATH}?")).unwrap()
    }

    #[test]
    fn links_are_read_with_every_name_and_key() {
        assert_eq!(read("naam=X"), None, "no key");
        assert_eq!(read("sleutel=age1x&naam=%FF"), None, "not UTF-8");
        assert_eq!(read("sleutel"), None);
        assert_eq!(read("naam=X&sleutel=age1x"), None, "a name before any key");
        let team = "sleutel=age1abc&naam=WSP%20Noord&sleutel=age1def&naam=Gemeente+%C3%89%C3%A9n";
        let expected = vec![Recipient { key: "age1abc".into(), name: "WSP Noord".into() }, Recipient { key: "age1def".into(), name: "Gemeente Één".into() }];
        assert_eq!(read(team), Some(expected.clone()));
        assert_eq!(read(&team.replace("age1abc", "AGE1ABC")), Some(expected), "a key in capitals is the same key");
    }

    /// The accountmanager's page writes the links the employer's page reads.
    #[test]
    fn links_round_trip() {
        let one = vec![Recipient { key: "age1abc".into(), name: "Gemeente Één & Twee".into() }];
        let team = vec![Recipient { key: "age1abc".into(), name: "WSP Noord".into() }, Recipient { key: "age1def".into(), name: String::new() }];
        for r in [one, team] {
            assert_eq!(read(query(&fragment(&r))), Some(r));
        }
    }
}
