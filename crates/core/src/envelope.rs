//! The result envelope: the documented JSON inside an exported age file (see docs/FORMAT.md).
//!
//! It holds what the employer answered and nothing that identifies a device or links files: a date
//! without time of day, no user agent, no random id. The plaintext is padded with JSON whitespace to a
//! fixed bucket so the file's length does not reveal how much was answered. Opening validates
//! everything and recomputes the scores; the stored scores only serve readers without the app.

use serde::{Deserialize, Serialize};

use crate::model::{Answers, Goal, Light, QuestionnaireRef};
use crate::questionnaire::Questionnaire;
use crate::scoring::Scorecard;
use crate::text::Lang;

pub const FORMAT: &str = "vio-resultaat";
pub const FORMAT_VERSION: u32 = 1;
/// Every plaintext is padded to a multiple of this; a full envelope is well under it.
pub const PAD_BUCKET: usize = 16 * 1024;
/// Free-text fields (organisation, goals) are limited so a file cannot smuggle bulk data.
pub const MAX_TEXT_CHARS: usize = 200;
/// [`MAX_TEXT_CHARS`] as an HTML `maxlength`: written out, because formatting the number in the page
/// would add code to the start screen's wasm for a constant (a test keeps the two equal).
pub const MAX_TEXT_CHARS_ATTR: &str = "200";
/// The deck's DOEL(EN) step: "stel 2 doelen". The plan editor stops there, a file with more is refused.
pub const MAX_GOALS: usize = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub format: String,
    pub format_version: u32,
    pub questionnaire: QuestionnaireRef,
    /// `JJJJ-MM-DD`, the day only.
    pub completed_on: String,
    pub language: Lang,
    pub answers: Answers,
    pub scores: Scorecard,
    #[serde(default)]
    pub plan: Vec<Goal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Organisation>,
}

/// Only present when the employer chose to fill it in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    pub contact: String,
}

impl Organisation {
    /// What the employer typed on Delen, trimmed; `None` when both fields are empty: a ticked box
    /// with nothing typed sends no organisation, so the file and its preview say "no name".
    pub fn typed(name: &str, contact: &str) -> Option<Organisation> {
        let (name, contact) = (name.trim(), contact.trim());
        (!name.is_empty() || !contact.is_empty()).then(|| Organisation { name: name.into(), contact: contact.into() })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum EnvelopeError {
    /// Decrypted, but not JSON or not a VIO result.
    NotAVioResult,
    NewerFormat(u32),
    NewerQuestionnaire(u32),
    /// A VIO result with invalid content (unknown answers, bad date, over-long text): which part.
    /// A fixed word, never text from the file, so a message cannot carry what a file smuggled in.
    Invalid(&'static str),
}

/// An opened result: the envelope, its answers limited to questions this questionnaire version
/// still asks (see [`Questionnaire::comparable`]), and scores recomputed from them.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub envelope: Envelope,
    pub scores: Scorecard,
    /// The file's own scores differ from the recomputed ones (made by other software, or tampered).
    pub scores_mismatch: bool,
    /// For a file of an earlier questionnaire version: the factors whose light the file carried
    /// (scored by that version's rules) differs from the light by this version's rules, so the
    /// page can say so instead of changing colours silently. Empty for files of this version.
    pub changed_lights: Vec<LightChange>,
}

/// A factor whose light differs between an earlier version's rules and this version's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LightChange {
    pub factor: String,
    pub then: Light,
    pub now: Light,
}

/// Factors whose light in `earlier` differs from `now`: what an older file or analysis showed.
pub fn changed_lights(earlier: &Scorecard, now: &Scorecard) -> Vec<LightChange> {
    now.factors
        .iter()
        .filter_map(|f| {
            let then = earlier.factor(&f.id)?.status.light();
            (then != f.status.light()).then(|| LightChange { factor: f.id.clone(), then, now: f.status.light() })
        })
        .collect()
}

/// What says whether a file is a VIO result at all, read when the typed envelope could not be, so
/// that other JSON is "not a VIO result" rather than "invalid", and a newer format is named as such.
/// Read straight from the bytes: through a `serde_json::Value` opening took twice as long.
#[derive(Deserialize)]
struct Header<'a> {
    #[serde(borrow, default)]
    format: Option<std::borrow::Cow<'a, str>>,
    #[serde(default)]
    format_version: Option<serde_json::Value>,
}

impl Envelope {
    /// The organisation's name, if the employer gave one. An employer may send a contact with the
    /// name left empty: a list or a heading then says "no name", not an empty place.
    pub fn organisation_name(&self) -> Option<&str> {
        self.organisation.as_ref().map(|o| o.name.as_str()).filter(|name| !name.trim().is_empty())
    }

    /// A number above the item it is bounded by (a doelgroep count above the total, left after the
    /// total was lowered; the page points it out) is not exported: a file's numbers always hold.
    pub fn new(q: &Questionnaire, completed_on: &str, language: Lang, mut answers: Answers, plan: Vec<Goal>, organisation: Option<Organisation>) -> Envelope {
        let over: Vec<String> = q.over_limit(&answers).into_iter().map(|(item, _)| item.id.to_string()).collect();
        answers.retain(|id, _| !over.contains(id));
        Envelope {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            questionnaire: QuestionnaireRef::of(q),
            completed_on: completed_on.into(),
            language,
            scores: q.score(&answers),
            answers,
            plan,
            organisation,
        }
    }

    /// Compact JSON padded with spaces to the next multiple of [`PAD_BUCKET`]; still valid JSON.
    pub fn to_padded_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(self).expect("an envelope always serialises");
        let size = bytes.len().div_ceil(PAD_BUCKET).max(1) * PAD_BUCKET;
        bytes.resize(size, b' ');
        bytes
    }

    pub fn open(plaintext: &[u8], q: &Questionnaire) -> Result<Opened, EnvelopeError> {
        // The padding is most of a file: parsed as JSON it cost more than the content (an
        // accountmanager opens thousands).
        let json = plaintext.trim_ascii_end();
        // serde reads a struct from an array too, by position.
        if json.trim_ascii_start().first() != Some(&b'{') {
            return Err(EnvelopeError::NotAVioResult);
        }
        // Read as an envelope at once; the header alone only to say why a file is not one. Reading
        // every file twice cost an accountmanager opening thousands a share of the workers' time.
        let mut envelope: Envelope = serde_json::from_slice(json).map_err(|_| why_not_an_envelope(json))?;
        if envelope.format != FORMAT {
            return Err(EnvelopeError::NotAVioResult);
        }
        if envelope.format_version > FORMAT_VERSION {
            return Err(EnvelopeError::NewerFormat(envelope.format_version));
        }
        if envelope.questionnaire.id != q.id {
            return Err(EnvelopeError::NotAVioResult);
        }
        if envelope.questionnaire.version == 0 {
            return Err(EnvelopeError::Invalid("questionnaire version 0"));
        }
        if envelope.questionnaire.version > q.version {
            return Err(EnvelopeError::NewerQuestionnaire(envelope.questionnaire.version));
        }
        if !is_date(&envelope.completed_on) {
            return Err(EnvelopeError::Invalid("completed_on"));
        }
        let version = envelope.questionnaire.version;
        let current = version == q.version;
        // An older version's answers count where the question is still the same; in a file of
        // this version every answer must fit, or the file is damaged.
        let answers = q.comparable(&envelope.answers, version);
        if q.sanitize(&answers) != answers || (current && answers != envelope.answers) || !q.over_limit(&answers).is_empty() {
            return Err(EnvelopeError::Invalid("answers"));
        }
        envelope.answers = answers;
        // Names come from the employer's device: shown as they were typed, never as other text.
        if let Some(o) = &mut envelope.organisation {
            o.name = crate::text::clean_name(&o.name);
            o.contact = crate::text::clean_name(&o.contact);
        }
        let texts = envelope
            .plan
            .iter()
            .flat_map(|g| [&g.factor, &g.what, &g.who, &g.when, &g.measure, &g.support])
            .chain(envelope.organisation.iter().flat_map(|o| [&o.name, &o.contact]));
        if texts.into_iter().any(|t| t.chars().count() > MAX_TEXT_CHARS) || envelope.plan.len() > MAX_GOALS {
            return Err(EnvelopeError::Invalid("plan or organisation"));
        }
        let scores = q.score(&envelope.answers);
        // An older version scored with its own rules; only this version's scores can be checked.
        let scores_mismatch = current && scores != envelope.scores;
        let changed_lights = if current { Vec::new() } else { changed_lights(&envelope.scores, &scores) };
        Ok(Opened { envelope, scores, scores_mismatch, changed_lights })
    }
}

/// Why JSON that does not read as an [`Envelope`] is not one: other JSON, a newer format (which may
/// hold what this release does not know), or a VIO result whose content is broken.
fn why_not_an_envelope(json: &[u8]) -> EnvelopeError {
    let Ok(header) = serde_json::from_slice::<Header>(json) else { return EnvelopeError::NotAVioResult };
    if header.format.as_deref() != Some(FORMAT) {
        return EnvelopeError::NotAVioResult;
    }
    match header.format_version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(FORMAT_VERSION) => EnvelopeError::NewerFormat(u32::try_from(v).unwrap_or(u32::MAX)),
        Some(_) => EnvelopeError::Invalid("content"),
        None => EnvelopeError::Invalid("format_version"),
    }
}

pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(s[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(s[8..10].parse::<u8>(), Ok(1..=31))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto;
    use crate::model::Answer;

    fn q() -> &'static Questionnaire {
        Questionnaire::vio()
    }

    fn full() -> Answers {
        let p: serde_json::Value = serde_json::from_str(include_str!("../../../tests/fixtures/profiles.json")).unwrap();
        serde_json::from_value(p["inclusief"]["answers"].clone()).unwrap()
    }

    #[test]
    fn a_ticked_box_with_nothing_typed_sends_no_organisation() {
        assert_eq!(Organisation::typed("", ""), None);
        assert_eq!(Organisation::typed("  ", "\t "), None);
        assert_eq!(Organisation::typed(" Bakkerij De Korrel ", ""), Some(Organisation { name: "Bakkerij De Korrel".into(), contact: String::new() }));
        assert_eq!(Organisation::typed("", " 06-12345678"), Some(Organisation { name: String::new(), contact: "06-12345678".into() }));
    }

    #[test]
    fn the_maxlength_attribute_is_the_limit() {
        assert_eq!(MAX_TEXT_CHARS_ATTR.parse::<usize>(), Ok(MAX_TEXT_CHARS));
    }

    #[test]
    fn round_trip_through_age_recomputes_scores() {
        let e = Envelope::new(q(), "2026-11-23", Lang::Nl, full(), vec![], None);
        let id = age::x25519::Identity::generate();
        let file = crypto::encrypt_to(&id.to_public(), &e.to_padded_json());
        let opened = Envelope::open(&crypto::decrypt_with_identity(&file, &id).unwrap(), q()).unwrap();
        assert_eq!(opened.envelope, e);
        assert!(!opened.scores_mismatch);
    }

    /// A contact without a name (or a name of spaces only) is no name: the accountmanager's list says
    /// "no name", and no heading reads "Resultaat van , ingevuld op …".
    #[test]
    fn an_organisation_name_is_one_only_when_given() {
        let with = |name: &str| {
            let organisation = Some(Organisation { name: name.into(), contact: "06-12345678".into() });
            Envelope::new(q(), "2026-11-23", Lang::Nl, Answers::new(), vec![], organisation)
        };
        assert_eq!(with("Bakkerij de Vries").organisation_name(), Some("Bakkerij de Vries"));
        assert_eq!(with("").organisation_name(), None);
        assert_eq!(with("  ").organisation_name(), None);
        assert_eq!(Envelope::new(q(), "2026-11-23", Lang::Nl, Answers::new(), vec![], None).organisation_name(), None);
    }

    #[test]
    fn files_have_the_same_size_however_much_was_answered() {
        let mut few = Answers::new();
        few.insert("medewerkers".into(), Answer::Number(3));
        let org = Some(Organisation { name: "Bakkerij de Vries".into(), contact: "info@example.nl".into() });
        let id = age::x25519::Identity::generate();
        let small = crypto::encrypt_to(&id.to_public(), &Envelope::new(q(), "2026-11-23", Lang::Nl, few, vec![], None).to_padded_json());
        let large = crypto::encrypt_to(&id.to_public(), &Envelope::new(q(), "2026-11-23", Lang::En, full(), vec![], org).to_padded_json());
        // age adds a random "grease" stanza to each header, so whole files vary by a few random bytes
        // regardless of content; the encrypted payload after the header must be exactly equal.
        let payload = |f: &[u8]| {
            let mac_line = f.windows(4).position(|w| w == b"\n---").unwrap() + 1;
            f.len() - (mac_line + f[mac_line..].iter().position(|&c| c == b'\n').unwrap() + 1)
        };
        assert_eq!(payload(&small), payload(&large));
        assert_eq!(payload(&small), PAD_BUCKET + 16 + 16, "one STREAM chunk: nonce + tag");
    }

    #[test]
    fn it_carries_no_time_device_or_linking_data() {
        let json = String::from_utf8(Envelope::new(q(), "2026-11-23", Lang::Nl, full(), vec![], None).to_padded_json()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["answers", "completed_on", "format", "format_version", "language", "plan", "questionnaire", "scores"]);
        assert!(!json.contains('T') || !json.contains(":00"), "no time of day");
    }

    /// `tests/fixtures/envelope.json` is a real envelope for the browser tests (which craft bad files
    /// from it) and an example for readers of docs/FORMAT.md. Regenerate with `UPDATE_FIXTURES=1`.
    #[test]
    fn the_fixture_envelope_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/envelope.json");
        let e = Envelope::new(q(), "2026-11-20", Lang::Nl, full(), vec![], None);
        let json = serde_json::to_string_pretty(&e).unwrap() + "\n";
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(path, &json).unwrap();
        }
        assert_eq!(std::fs::read_to_string(path).unwrap_or_default(), json, "run UPDATE_FIXTURES=1 cargo test -p vio-core");
    }

    /// A file made with version 1 (`tests/fixtures/envelope-v1.json`, written by the version 1 app)
    /// still opens, and says which colours the new rules changed.
    #[test]
    fn a_version_1_file_opens_and_names_the_lights_that_changed() {
        let v1 = include_str!("../../../tests/fixtures/envelope-v1.json");
        let opened = Envelope::open(v1.as_bytes(), q()).unwrap();
        assert_eq!(opened.envelope.questionnaire.version, 1);
        assert!(!opened.scores_mismatch && opened.changed_lights.is_empty(), "this employer's colours hold under version 2");
        // The same file from an employer with nobody from the doelgroepen who wants "evenveel":
        // version 1 made that groen (its stored scores say so), version 2 rood.
        let mut v: serde_json::Value = serde_json::from_str(v1).unwrap();
        v["answers"]["doelgroep_totaal"] = 0.into();
        v["answers"]["intentie"] = "gelijk".into();
        let opened = Envelope::open(&serde_json::to_vec(&v).unwrap(), q()).unwrap();
        assert!(
            opened.changed_lights.contains(&LightChange { factor: "intentie".into(), then: Light::Groen, now: Light::Rood }),
            "{:?}",
            opened.changed_lights
        );
        assert!(opened.changed_lights.contains(&LightChange { factor: "gedrag".into(), then: Light::Groen, now: Light::Rood }));
    }

    #[test]
    fn numbers_above_their_bound_are_not_exported_and_refused_in_a_file() {
        let mut a = full();
        a.insert("dg_bijstand".into(), Answer::Number(9));
        let e = Envelope::new(q(), "2026-11-23", Lang::Nl, a, vec![], None);
        assert!(!e.answers.contains_key("dg_bijstand"), "9 from one doelgroep of 8 in all is left out");
        let mut v = serde_json::to_value(&e).unwrap();
        v["answers"]["dg_bijstand"] = 9.into();
        assert!(matches!(Envelope::open(&serde_json::to_vec(&v).unwrap(), q()), Err(EnvelopeError::Invalid(_))));
        v["answers"]["dg_bijstand"] = u64::MAX.into();
        v["answers"]["doelgroep_totaal"] = u64::MAX.into();
        v["answers"]["medewerkers"] = u64::MAX.into();
        assert!(matches!(Envelope::open(&serde_json::to_vec(&v).unwrap(), q()), Err(EnvelopeError::Invalid(_))), "no number beyond the questionnaire's bounds");
        v["answers"]["medewerkers"] = 70.into();
        v["answers"].as_object_mut().unwrap().remove("dg_bijstand");
        v["answers"]["doelgroep_totaal"] = 71.into();
        assert!(matches!(Envelope::open(&serde_json::to_vec(&v).unwrap(), q()), Err(EnvelopeError::Invalid(_))), "more than the 70 employees");
    }

    #[test]
    fn bad_envelopes_are_refused_with_a_reason() {
        let good = serde_json::to_value(Envelope::new(q(), "2026-11-23", Lang::Nl, full(), vec![], None)).unwrap();
        let with = |path: &str, value: serde_json::Value| {
            let mut v = good.clone();
            *v.pointer_mut(path).unwrap() = value;
            Envelope::open(&serde_json::to_vec(&v).unwrap(), q())
        };
        assert_eq!(Envelope::open(b"not json", q()).unwrap_err(), EnvelopeError::NotAVioResult);
        assert_eq!(Envelope::open(b"{\"hello\":1}", q()).unwrap_err(), EnvelopeError::NotAVioResult);
        assert_eq!(Envelope::open(b"[\"vio-resultaat\", 1]", q()).unwrap_err(), EnvelopeError::NotAVioResult);
        assert_eq!(with("/format", 1.into()).unwrap_err(), EnvelopeError::NotAVioResult);
        assert!(matches!(with("/format_version", "1".into()), Err(EnvelopeError::Invalid("format_version"))));
        assert_eq!(with("/format_version", 2.into()).unwrap_err(), EnvelopeError::NewerFormat(2));
        // A newer format may hold what this release does not read: it is still named as newer.
        let mut newer = good.clone();
        newer["format_version"] = 2.into();
        newer["iets_nieuws"] = serde_json::json!({ "x": [1, 2] });
        assert_eq!(Envelope::open(&serde_json::to_vec(&newer).unwrap(), q()).unwrap_err(), EnvelopeError::NewerFormat(2));
        assert_eq!(with("/format_version", (1u64 << 40).into()).unwrap_err(), EnvelopeError::NewerFormat(u32::MAX), "not another number");
        assert_eq!(with("/answers", "geen antwoorden".into()).unwrap_err(), EnvelopeError::Invalid("content"));
        assert_eq!(with("/format", "iets-anders".into()).unwrap_err(), EnvelopeError::NotAVioResult);
        assert_eq!(with("/questionnaire/version", 9.into()).unwrap_err(), EnvelopeError::NewerQuestionnaire(9));
        assert!(matches!(with("/questionnaire/version", 0.into()), Err(EnvelopeError::Invalid(_))), "there is no version 0");
        let mut named = good.clone();
        named["organisation"] = serde_json::json!({ "name": "Gemeente\u{202E}dorP", "contact": "06\u{200B}1234" });
        let opened = Envelope::open(&serde_json::to_vec(&named).unwrap(), q()).unwrap();
        assert_eq!(opened.envelope.organisation.unwrap(), Organisation { name: "GemeentedorP".into(), contact: "061234".into() });
        assert_eq!(with("/questionnaire/id", "iets-anders".into()).unwrap_err(), EnvelopeError::NotAVioResult);
        assert!(matches!(with("/completed_on", "2026-11-23T10:00:00Z".into()), Err(EnvelopeError::Invalid(_))));
        assert!(matches!(with("/answers/intentie", "<img src=x onerror=alert(1)>".into()), Err(EnvelopeError::Invalid(_))));
        // A message never quotes the file: serde's own would name the unknown field.
        let err = with("/language", "<img src=x onerror=alert(1)>".into()).unwrap_err();
        let message = crate::open::OpenError::Envelope(err).message(Lang::Nl);
        assert!(!message.contains("<img"), "{message}");
        // Padding may be any JSON whitespace, and only trailing: the content is still read whole.
        let mut padded = serde_json::to_vec(&good).unwrap();
        padded.extend_from_slice(b" \n\t\r  ");
        assert!(Envelope::open(&padded, q()).is_ok());
        padded.extend_from_slice(b"x");
        assert_eq!(Envelope::open(&padded, q()).unwrap_err(), EnvelopeError::NotAVioResult);
        let tampered = with("/scores/factors/0/score", 3.into()).unwrap();
        assert!(tampered.scores_mismatch);
    }
}
