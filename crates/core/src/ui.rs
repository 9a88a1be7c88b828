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
    share_button, share_title, share_lead, share_invited, share_how, share_by_key,
    share_by_passphrase, share_key_label, share_key_hint, share_key_ok, share_key_bad, share_key_from,
    share_passphrase_label, share_passphrase_hint, strength_too_short, strength_weak, strength_fair,
    strength_strong, share_org_toggle, share_org_name, share_org_contact, share_preview_title,
    share_preview_answers, share_preview_scores, share_preview_date, share_preview_language,
    share_preview_plan, share_preview_org, share_preview_no_org, share_preview_never, share_download,
    share_working, share_done, share_need_key, share_need_passphrase, share_failed, back_to_result,
    check_code, am_title, am_lead, am_key_title, am_no_key, am_name_label, am_name_hint, am_create,
    am_restore, am_restore_passphrase, am_restored, am_key_ready, am_warning, am_persisted,
    am_not_persisted, am_share_link, am_share_link_hint, am_copy, am_copied, am_public_key,
    am_qr_title, am_qr_alt, am_poster, am_poster_title, am_poster_lead, am_poster_privacy, print,
    am_backup_title, am_backup_plain, am_backup_plain_hint, am_backup_passphrase,
    am_backup_passphrase_label, am_delete_key, am_confirm_delete_key, am_open_title, am_open_lead,
    am_choose_files, am_drop, am_file_passphrase, am_retry, am_files_title, am_file, am_status,
    am_completed_on, am_organisation, am_anonymous, am_view, am_opened, am_clear_files, am_need_key,
    am_result_of, am_back, am_mismatch, am_plan_title, conversation_title, conversation_next,
    not_answered, err_not_age, err_damaged, err_truncated, err_wrong_key, err_wrong_passphrase,
    err_needs_passphrase, err_needs_key, err_too_large, err_excessive_work, err_invalid_identity,
    err_not_vio, err_newer_format, err_newer_questionnaire, err_invalid, am_storage_blocked, am_storage_full,
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
