//! The app's own texts (buttons, headings, messages), kept as data beside the questionnaire so that
//! every word the user reads is in one place per language. A struct rather than a string map: a
//! missing or misspelt text is a failed `cargo test`, not an empty button.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::text::Text;

macro_rules! ui_texts {
    ($($name:ident),* $(,)?) => {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct UiTexts { $(pub $name: Text,)* }
    };
}

ui_texts!(
    app_name, skip_to_content, language_switch, language_switch_label,
    start_title, start_lead, start_duration, privacy_title, privacy_1, privacy_2, privacy_3,
    start, resume, start_again, confirm_start_again,
    step_of, previous, next, to_result, saved, optional_group, what_is_this,
    error_whole_number, error_min, error_max, error_more_than, error_too_long,
    result_title, result_lead, chart_title, chart_table_caption, factor, score, light, reason,
    insufficient_data, lights_title, show_indicators, quadrant_title, quadrant_lead, quadrant_unknown,
    quadrant_you, behaviour, intention, advice_title, advice_lead, advice_offers, advice_good,
    light_rood, light_oranje, light_groen, light_onbekend, inclusive_yes, inclusive_no, inclusive_unknown,
    edit_answers, chart_loading, insufficient_reason, chart_alt, advice_good_list, advice_unknown_list,
    out_of_100, last_next,
    storage_blocked, storage_full, error_title, error_body, error_reload,
);

impl UiTexts {
    pub fn get() -> &'static UiTexts {
        static UI: OnceLock<UiTexts> = OnceLock::new();
        UI.get_or_init(|| serde_json::from_str(include_str!("../data/ui.json")).expect("data/ui.json is checked by cargo test"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_ui_text_exists_in_both_languages() {
        let json: serde_json::Value = serde_json::from_str(include_str!("../data/ui.json")).unwrap();
        for (key, t) in json.as_object().unwrap() {
            assert!(!t["nl"].as_str().unwrap().is_empty() && !t["en"].as_str().unwrap().is_empty(), "{key}");
        }
        super::UiTexts::get();
    }

    #[test]
    fn the_static_start_screen_in_index_html_matches_the_texts() {
        // index.html shows the start screen before the wasm runs; it must say what the app will say.
        let html = include_str!("../../../index.html");
        let ui = super::UiTexts::get();
        for t in [&ui.start_title, &ui.start_lead, &ui.start_duration, &ui.privacy_title, &ui.privacy_1, &ui.privacy_2, &ui.privacy_3, &ui.language_switch, &ui.language_switch_label] {
            assert!(html.contains(&t.nl), "index.html lacks: {}", t.nl);
        }
    }
}
