//! The VIO zelfscan core: everything the app knows about the questionnaire, with no DOM in it.
//!
//! Layout:
//! - [`text`]: the two languages and a bilingual [`text::Text`].
//! - [`model`]: the types the modules below share (answer, light, goal, questionnaire reference).
//! - `definition`: the types of `data/vio.json` and how the file is read; `build.rs` bakes it with them.
//! - [`questionnaire`]: the definition (compiled in), its validation and the questions others ask of it.
//! - [`advice`]: "Uw eerste stap", advice per factor for this employer, terms, checks, het goede gesprek.
//! - [`answers`]: what the employer answered, skip logic and input checks.
//! - [`scoring`]: answers → indicator and factor scores, traffic lights, reasons, quadrant.
//! - [`region`]: many results → the deck's regional tables, with suppression of small numbers.
//! - [`benchmark`]: the region's spread per indicator for employers (from the regional tables).
//! - [`export`]: the regional tables as CSV and XLSX (aggregates only).
//! - [`synth`]: seeded synthetic results for tests, benchmarks and the accountmanager's warm-up (also
//!   `vio-synth`, a CLI).
//! - [`stats`]: Pearson χ² with Cramér's V, and the deck's significance markers.
//! - [`ui`]: the app's own texts (buttons, headings), also data, also bilingual.
//! - [`store`]: the persisted state (the draft analysis) and its schema version.
//! - [`envelope`]: the result file's plaintext (documented JSON), padding, validation on opening.
//! - [`crypto`]: age v1 encryption to an accountmanager's key or a passphrase, with safe limits.
//! - [`backup`]: all analyses as one passphrase-encrypted file, and merging it back.
//! - [`open`]: a result file → decrypted, validated result, or one error with a message per case.
//! - [`notes`]: the accountmanager's own notes per employer, encrypted to their own key.
//! - [`site`]: a gemeente's own copy: its `config.json` (who runs it, contact, default team keys), checked.
//! - [`keep`]: which opened results the accountmanager's page keeps (still encrypted), and how long.
//!
//! The app (root crate) renders these; a CLI could use them just the same.

// The baked definition (`build.rs`) names `alloc::borrow::Cow`, as `databake` writes it.
extern crate alloc;

pub mod advice;
pub mod answers;
pub mod backup;
pub mod benchmark;
pub mod compare;
pub mod crypto;
mod definition;
pub mod envelope;
pub mod export;
pub mod keep;
pub mod model;
pub mod notes;
pub mod open;
pub mod questionnaire;
pub mod region;
pub mod scoring;
pub mod site;
pub mod stats;
pub mod store;
pub mod synth;
pub mod text;
pub mod ui;

pub use model::{Answer, Answers, Light};
pub use questionnaire::Questionnaire;
pub use scoring::{FactorStatus, Scorecard};
pub use text::{Lang, Text};
