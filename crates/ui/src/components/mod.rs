//! One small component per reusable piece that both pages show. No business rules here: lights,
//! reasons, visibility and input checks all come from `vio-core`.

pub mod benchmark;
pub mod comparison;
pub mod echart;
pub mod field;
mod light;
pub mod plan;
pub mod result;
pub mod shell;
pub mod terms;

pub use light::{light_word, LightBadge};
