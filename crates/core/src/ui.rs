//! The app's own texts (buttons, headings, messages), kept as data beside the questionnaire so that
//! every word the user reads is in one place per language. A struct rather than a string map: a
//! missing or misspelt text is a failed `cargo test`, not an empty button.

use std::sync::OnceLock;

use std::collections::HashMap;

use crate::text::Text;

macro_rules! ui_texts {
    ($($name:ident),* $(,)?) => {
        #[derive(Debug)]
        pub struct UiTexts { $(pub $name: Text,)* }

        impl UiTexts {
            /// Built from a map, not by serde's derive: for a struct this wide, code that can fail
            /// halfway must drop every field built so far, at each of ~200 places (220 KB of wasm).
            /// So all names are checked first, and the building itself cannot fail.
            fn from_map(mut map: HashMap<String, Text>) -> Result<UiTexts, String> {
                const NAMES: &[&str] = &[$(stringify!($name)),*];
                if let Some(missing) = NAMES.iter().find(|n| !map.contains_key(**n)) {
                    return Err(format!("ui.json lacks {missing}"));
                }
                if let Some(unknown) = map.keys().find(|k| !NAMES.contains(&k.as_str())) {
                    return Err(format!("ui.json has a text no screen uses: {unknown}"));
                }
                Ok(UiTexts { $($name: take(&mut map, stringify!($name)),)* })
            }
        }
    };
}

ui_texts!(
    app_name, language_switch, language_switch_label,
    start_title, start_lead, start_duration, privacy_title, privacy_1, privacy_2, privacy_3,
    start, resume, start_again, confirm_start_again,
    step_of, previous, next, saved, optional_group, what_is_this,
    error_whole_number, error_min, error_max, error_more_than, error_too_long,
    result_title, result_lead, chart_title, chart_table_caption, factor, score, light, 
    insufficient_data, lights_title, show_indicators, quadrant_title, quadrant_lead, quadrant_unknown,
    quadrant_you, advice_title, advice_lead, advice_offers, 
    light_rood, light_oranje, light_groen, light_onbekend, inclusive_yes, inclusive_no, inclusive_unknown,
    edit_answers, chart_loading, insufficient_reason, chart_alt, advice_good_list, advice_unknown_list,
    out_of_100, last_next,
    storage_blocked, storage_full, 
    share_button, share_title, share_lead, share_invited, share_how, share_by_key,
    share_by_passphrase, share_key_label, share_key_hint, share_key_ok, share_key_bad, 
    share_passphrase_label, share_passphrase_hint, strength_too_short, strength_weak, strength_fair,
    strength_strong, share_org_toggle, share_org_name, share_org_contact, share_preview_title,
    share_preview_answers, share_preview_scores, share_preview_date, share_preview_language,
    share_preview_org, share_preview_no_org, share_preview_never, share_download,
    share_working, share_done, share_need_key, share_need_passphrase, share_failed, crypto_unavailable, back_to_result,
    check_code, am_title, am_lead, am_key_title, am_no_key, am_name_label, am_name_hint, am_create,
    am_restore, am_restore_passphrase, am_warning, am_persisted,
    am_not_persisted, am_share_link, am_share_link_hint, am_copy, am_copied, am_public_key,
    am_qr_title, am_qr_alt, am_poster, am_poster_title, am_poster_lead, am_poster_privacy, print,
    am_backup_title, am_backup_plain, am_backup_plain_hint, am_backup_passphrase,
    am_backup_passphrase_label, am_delete_key, am_confirm_delete_key, am_open_title, am_open_lead,
    am_choose_files, am_drop, am_file_passphrase, am_retry, am_files_title, am_file, am_status,
    am_completed_on, am_organisation, am_anonymous, am_view, am_clear_files, am_need_key,
    am_result_of, am_back, am_mismatch, conversation_title, conversation_next,
    not_answered, err_not_age, err_damaged, err_truncated, err_wrong_key, err_wrong_passphrase,
    err_needs_passphrase, err_needs_key, err_too_large, err_excessive_work, err_invalid_identity,
    err_not_vio, err_newer_format, err_newer_questionnaire, err_invalid, am_storage_blocked, am_storage_full,
    my_analyses, analyses_lead, analyses_empty, analysis_of, analysis_view, analysis_unfinished,
    new_analysis, new_empty, new_from_last, confirm_replace_unfinished, delete, deleted, undo,
    delete_all, confirm_delete_all, compare, compare_title, compare_pick, compare_earlier,
    compare_later, compare_change, change_better, change_worse, change_same, change_unknown,
    goals_title, goal_met, goal_not_met, goal_worse, no_goals, plan_title, plan_lead, plan_goal,
    plan_factor, plan_choose, plan_what, plan_who, plan_when, plan_measure, plan_support,
    plan_support_hint, plan_add, plan_remove, print_report, report_date, share_preview_plan,
    err_not_backup, backup_title, backup_lead, backup_passphrase, backup_download, backup_restore,
    backup_restored, backup_draft_kept, storage_way_out, storage_kept_aside, understood, indicator, region_group, region_marker,
    region_title, region_open, region_lead, region_n, region_too_few, region_suppressed,
    region_group_too_few, region_sector, region_all_sectors, region_from, region_to, group_total,
    group_inclusive, group_small, group_large, region_note, region_versions,
    region_older, region_csv, region_xlsx, region_chart_alt, region_as_table, export_sheet_indicators, export_sheet_notes, export_behaviour, export_intention,
    region_export_failed, region_quadrant_n,
);

#[inline(never)]
fn take(map: &mut HashMap<String, Text>, name: &str) -> Text {
    map.remove(name).unwrap_or_default()
}

impl UiTexts {
    pub fn get() -> &'static UiTexts {
        static UI: OnceLock<UiTexts> = OnceLock::new();
        UI.get_or_init(|| {
            serde_json::from_str(include_str!("../data/ui.json")).map_err(|e| e.to_string()).and_then(UiTexts::from_map).expect("data/ui.json is checked by cargo test")
        })
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
    fn every_ui_text_is_used_somewhere() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("ui.rs") {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut code = String::new();
        sources(&root.join("src"), &mut code);
        sources(&root.join("../../src"), &mut code);
        let json: serde_json::Value = serde_json::from_str(include_str!("../data/ui.json")).unwrap();
        let used = |k: &str| {
            let field = format!(".{k}");
            code.match_indices(&field).any(|(i, _)| !code[i + field.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        };
        let unused: Vec<&String> = json.as_object().unwrap().keys().filter(|k| !used(k)).collect();
        assert!(unused.is_empty(), "texts no screen uses: {unused:?}");
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
