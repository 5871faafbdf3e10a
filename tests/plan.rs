//! Browser tests of the plan: entries, protocol presets, the four rate slots, hard and soft
//! limits, sources, the titration chart, the response assessment and the clinical note. Each
//! expected figure is the engine's own answer (plus hand-worked anchors).

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use ketamine_calculator::components::alerts::Alerts;
use ketamine_calculator::components::monitoring::MonitoringTier;
use ketamine_calculator::components::patient::Patient;
use ketamine_calculator::components::patient_factors::{toggle_risk, PatientFactors};
use ketamine_calculator::components::plan_inputs::PlanInputs;
use ketamine_calculator::components::plan_result::PlanResult;
use ketamine_calculator::components::ranges::Ranges;
use ketamine_calculator::components::response::ResponseAssessment;
use ketamine_calculator::components::route_and_protocol::RouteAndProtocol;
use ketamine_calculator::components::share::ShareBar;
use ketamine_calculator::components::sources::SourceNote;
use ketamine_calculator::components::target::Target;
use ketamine_calculator::components::titration_chart::TitrationSchedule;
use ketamine_calculator::CalculatorProvider;
use ketamine_engine::display::{precise, quantity};
use ketamine_engine::protocols::Protocol;
use ketamine_engine::sources::{Document, Source};
use ketamine_engine::Inputs;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every entry and result section, sharing one calculator that starts from `fragment`.
fn calculator(fragment: &'static str) -> Page<impl Sized> {
    mount(move || {
        view! {
            <CalculatorProvider initial=Inputs::from_fragment(fragment)>
                <Patient />
                <RouteAndProtocol />
                <PlanInputs />
                <PatientFactors />
                <ResponseAssessment />
                <ShareBar />
                <Alerts />
                <Ranges />
                <PlanResult />
                <Target />
                <TitrationSchedule />
                <MonitoringTier />
            </CalculatorProvider>
        }
    })
}

async fn settle() {
    tick().await;
    tick().await;
}

#[wasm_bindgen_test]
async fn every_rate_unit_shows_all_four_rate_slots_as_the_engine_computes_them() {
    let page = calculator("weight=70&duration_min=150&conc=2");
    settle().await;
    for (unit, rate) in [("mg/kg/h", "0.5"), ("mg/h", "35"), ("mcg/kg/min", "8.3333")] {
        page.choose("#rate_unit", unit).await;
        page.type_into("#rate", rate).await;
        assert_eq!(
            page.text("label[for=rate]"),
            format!("Infusion rate ({unit})")
        );
        let result = engine(&format!(
            "weight=70&duration_min=150&conc=2&rate={rate}&rate_unit={}",
            unit.replace('/', "%2F")
        ));
        let p = &result.plan;
        assert_eq!(
            page.text("#plan-rate-mg-per-kg-per-h"),
            quantity(p.rate_mg_per_kg_per_h.unwrap().0, "mg/kg/h"),
            "{unit}"
        );
        assert_eq!(
            page.text("#plan-rate-mg-per-h"),
            quantity(p.rate_mg_per_h.unwrap().0, "mg/h")
        );
        assert_eq!(
            page.text("#plan-rate-mcg-per-kg-per-min"),
            quantity(p.rate_mcg_per_kg_per_min.unwrap().0, "mcg/kg/min")
        );
        assert_eq!(
            page.text("#plan-rate-ml-per-h"),
            quantity(p.rate_ml_per_h_rounded.unwrap().0, "mL/h")
        );
    }
    // Hand-worked anchor: 0.5 mg/kg/h x 70 kg = 35 mg/h = 8.33 mcg/kg/min; at 2 mg/mL, 17.5 mL/h.
    page.choose("#rate_unit", "mg/kg/h").await;
    page.type_into("#rate", "0.5").await;
    assert_eq!(page.text("#plan-rate-mg-per-h"), "35 mg/h");
    assert_eq!(
        page.text("#plan-rate-mcg-per-kg-per-min"),
        "8.33 mcg/kg/min"
    );
    assert_eq!(page.text("#plan-rate-ml-per-h"), "17.5 mL/h");
    // Four separate, labelled places.
    for id in [
        "plan-rate-mg-per-kg-per-h",
        "plan-rate-mg-per-h",
        "plan-rate-mcg-per-kg-per-min",
        "plan-rate-ml-per-h",
    ] {
        let label = page.attr(&format!("#{id}"), "aria-labelledby").unwrap();
        assert!(
            !page.text(&format!("#{label}")).is_empty(),
            "{id} has a label"
        );
    }
}

#[wasm_bindgen_test]
async fn the_pump_rate_is_the_rounded_one_with_the_unrounded_beside_it() {
    // 35 mg/h at 3 mg/mL = 11.6667 mL/h; the pump is programmed to 11.7 mL/h.
    let page = calculator("weight=70&rate=0.5&conc=3");
    settle().await;
    // A custom concentration is a soft alert: acknowledge both, then read the plan.
    for _ in 0..2 {
        page.type_into(".alert-soft:not(.acknowledged) input", "pharmacy prepared")
            .await;
        page.fire(".alert-soft:not(.acknowledged) form", "submit");
        settle().await;
    }
    let result = engine("weight=70&rate=0.5&conc=3");
    let ml = result.plan.rate_ml_per_h.unwrap().0;
    assert_eq!(page.text("#plan-rate-ml-per-h"), "11.7 mL/h");
    let beside = page
        .element("#plan-rate-ml-per-h")
        .parent_element()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        beside.contains(&format!("unrounded {} mL/h", precise(ml))),
        "{beside}"
    );
    assert!(beside.contains("11.6667"), "{beside}");
}

#[wasm_bindgen_test]
async fn choosing_a_protocol_fills_the_plan_and_shows_its_regimen_and_source() {
    let page = calculator("weight=70");
    settle().await;
    let protocol = Protocol::PatilOutpatient;
    page.choose("#protocol", protocol.key()).await;
    settle().await;

    let mut expected = Inputs::from_fragment("weight=70");
    protocol.apply(&mut expected);
    assert_eq!(page.value("#rate"), expected.rate.clone().unwrap());
    assert_eq!(page.value("#rate"), "0.75");
    assert_eq!(page.value("#duration_min"), "40");
    assert_eq!(page.value("#rate_unit"), "mg/kg/h");
    let detail = page.text("#protocol-detail");
    assert!(detail.contains(protocol.name()), "{detail}");
    assert!(detail.contains(protocol.regimen()), "{detail}");
    for note in protocol.notes() {
        assert!(detail.contains(note), "{detail}");
    }
    let source = page
        .attr("#protocol-detail .source-button", "aria-label")
        .unwrap();
    assert_eq!(source, format!("Source: {}", protocol.source()));

    // Correll's titration protocol brings its step fields.
    assert!(!page.exists("#step_mg_per_h"));
    page.choose("#protocol", Protocol::CorrellInpatient.key())
        .await;
    settle().await;
    assert!(page.exists("#step_mg_per_h"));
    assert_eq!(page.value("#rate"), "10");
    assert_eq!(page.value("#rate_unit"), "mg/h");
}

#[wasm_bindgen_test]
async fn a_hard_limit_withholds_the_plan_and_says_why_next_to_the_field() {
    let page = calculator("weight=70&rate=0.5&duration_min=150&conc=1");
    settle().await;
    assert_eq!(page.text("#plan-rate-mg-per-h"), "35 mg/h");

    page.enter("#bolus", "0.9").await;
    settle().await;
    let result = engine("weight=70&rate=0.5&duration_min=150&conc=1&bolus=0.9");
    let message = result.error_for("bolus").unwrap().message.clone();
    assert_eq!(page.text("#bolus-error"), message);
    assert!(page.invalid("#bolus"));
    assert!(page.text(".problems").contains(&message));
    assert!(
        page.text("#plan-held").contains("withheld"),
        "{}",
        page.text("#plan-held")
    );
    for id in [
        "#plan-rate-mg-per-h",
        "#plan-bolus-mg",
        "#plan-rate-ml-per-h",
        "#target-verdict",
    ] {
        assert!(!page.exists(id), "{id} is shown while blocked");
    }
    assert_eq!(page.text("#bolus-range"), "");
    assert!(!shows_dose_figure(&page.all_text()), "{}", page.all_text());

    page.enter("#bolus", "0.2").await;
    settle().await;
    assert_eq!(page.text("#bolus-error"), "");
    assert_eq!(page.text("#plan-bolus-mg"), "14 mg");
}

#[wasm_bindgen_test]
async fn a_patient_factor_goes_into_the_risk_key_and_intoxication_blocks() {
    assert_eq!(
        toggle_risk("elderly", "pregnancy", true),
        "elderly,pregnancy"
    );
    assert_eq!(
        toggle_risk("elderly, pregnancy", "elderly", false),
        "pregnancy"
    );
    assert_eq!(
        toggle_risk("unknown_id", "elderly", true),
        "unknown_id,elderly"
    );

    let page = calculator("weight=70&rate=0.5&duration_min=150&conc=1");
    settle().await;
    page.element("#risk-intoxication").click();
    settle().await;
    assert!(page.checked("#risk-intoxication"));
    let result = engine("weight=70&rate=0.5&duration_min=150&conc=1&risk=intoxication");
    assert_eq!(
        page.text("#risk-error"),
        result.error_for("risk").unwrap().message
    );
    assert!(!page.exists("#plan-rate-mg-per-h"));
    page.element("#risk-intoxication").click();
    settle().await;
    assert_eq!(page.text("#plan-rate-mg-per-h"), "35 mg/h");
}

#[wasm_bindgen_test]
async fn a_soft_alert_holds_the_plan_until_acknowledged_with_a_reason() {
    let page = calculator("weight=70&rate=0.5&duration_min=150&conc=1");
    settle().await;
    page.enter("#bolus", "0.5").await;
    settle().await;

    let result = engine("weight=70&rate=0.5&duration_min=150&conc=1&bolus=0.5");
    let alert = result.soft_alerts().next().unwrap().clone();
    assert!(page.text(".alert-soft").contains(&alert.message));
    assert_eq!(
        page.text("#plan-held"),
        "Acknowledge 1 warning to release the plan."
    );
    assert!(!page.exists("#plan-bolus-mg"));
    assert!(!page.exists("#target-verdict"));

    // One character is not a reason.
    page.type_into(".alert-soft input", "x").await;
    page.fire(".alert-soft form", "submit");
    settle().await;
    assert!(page.invalid(".alert-soft input"));
    assert!(page
        .text(".alert-soft .field-error")
        .contains("at least 3 characters"));
    assert!(!page.exists("#plan-bolus-mg"));

    page.type_into(".alert-soft input", "anesthetist present")
        .await;
    page.fire(".alert-soft form", "submit");
    settle().await;
    assert!(page.text(".ack-given").contains("anesthetist present"));
    assert_eq!(
        page.text("#plan-bolus-mg"),
        quantity(result.plan.bolus_mg.unwrap().0, "mg")
    );
    assert_eq!(page.text("#plan-bolus-mg"), "35 mg");
    assert!(page.exists("#target-verdict"));

    // A different dose raises the alert again with new figures: it needs a new acknowledgement.
    page.enter("#bolus", "0.6").await;
    settle().await;
    assert!(!page.exists("#plan-bolus-mg"));
    assert_eq!(
        page.text("#plan-held"),
        "Acknowledge 1 warning to release the plan."
    );

    // Back to the acknowledged dose: the earlier acknowledgement covers it again; withdrawing it
    // holds the plan back once more.
    page.enter("#bolus", "0.5").await;
    settle().await;
    assert_eq!(page.text("#plan-bolus-mg"), "35 mg");
    page.click(".ack-given button").await;
    settle().await;
    assert!(!page.exists("#plan-bolus-mg"));
}

#[wasm_bindgen_test]
async fn the_source_disclosure_names_the_document_and_opens_to_the_citation() {
    let source = Source::new(Document::Asra2018, "Table 6");
    let page = mount(move || view! { <SourceNote source=source /> });
    tick().await;
    assert_eq!(
        page.attr("button", "aria-label").as_deref(),
        Some("Source: ASRA/AAPM/ASA guideline 2018, Table 6")
    );
    assert_eq!(
        page.attr("button", "title").as_deref(),
        Some("ASRA/AAPM/ASA guideline 2018, Table 6")
    );
    assert_eq!(
        page.attr("button", "aria-expanded").as_deref(),
        Some("false")
    );
    let panel = page.attr("button", "aria-controls").unwrap();
    assert!(page.attr(&format!("#{panel}"), "hidden").is_some());

    page.click("button").await;
    assert_eq!(
        page.attr("button", "aria-expanded").as_deref(),
        Some("true")
    );
    assert!(page.attr(&format!("#{panel}"), "hidden").is_none());
    assert!(page
        .text(&format!("#{panel}"))
        .contains(Document::Asra2018.citation()));
    page.click("button").await;
    assert!(page.attr(&format!("#{panel}"), "hidden").is_some());
}

#[wasm_bindgen_test]
async fn every_alert_range_requirement_and_target_shows_a_source() {
    let page = calculator("weight=70&bolus=0.2&rate=0.5&duration_min=150&conc=1&risk=elderly");
    settle().await;
    for section in [
        ".route-facts",
        "#monitoring-heading ~ ul",
        ".target",
        ".alert-list",
    ] {
        assert!(
            page.root
                .query_selector(&format!("{section} .source-button"))
                .unwrap()
                .is_some(),
            "{section} has no source"
        );
    }
    let requirements = page.count(".requirements li");
    assert!(requirements > 0);
    assert_eq!(page.count(".requirements li .source-button"), requirements);
}

#[wasm_bindgen_test]
async fn the_titration_chart_has_one_point_per_step_and_a_text_alternative() {
    let page = calculator(
        "weight=70&protocol=correll-inpatient&rate=10&rate_unit=mg%2Fh&duration_min=1440&conc=1",
    );
    settle().await;
    assert!(
        !page.exists(".titration-chart"),
        "no schedule without a step"
    );
    page.type_into("#step_mg_per_h", "5").await;
    page.type_into("#step_interval_min", "60").await;
    settle().await;

    let result = engine("weight=70&protocol=correll-inpatient&rate=10&rate_unit=mg%2Fh&duration_min=1440&conc=1&step_mg_per_h=5&step_interval_min=60");
    let t = result.titration.unwrap();
    // Hand-worked: 10, 15, 20, 25, 30 mg/h, one step an hour, up to the 30 mg/h ceiling.
    assert_eq!(t.steps.len(), 5);
    assert_eq!(page.count(".titration-chart circle.rate-point"), 5);
    assert_eq!(page.count("table.steps tbody tr"), 5);
    assert_eq!(
        page.attr(".titration-chart", "role").as_deref(),
        Some("img")
    );
    let desc = page.text("#titration-chart-desc");
    assert!(desc.contains(&quantity(t.total_mg.0, "mg")), "{desc}");
    let rows = page.text("table.steps tbody");
    for s in &t.steps {
        assert!(
            rows.contains(&quantity(s.rate_mg_per_h.0, "mg/h")),
            "{rows}"
        );
    }
    assert!(page
        .text(".titration")
        .contains(&quantity(t.total_mg.0, "mg")));
    assert!(page
        .text(".titration")
        .contains(&quantity(t.covers_min.0, "min")));
}

#[wasm_bindgen_test]
async fn the_response_shows_percent_relief_and_whether_it_is_positive() {
    let page = calculator("weight=70");
    settle().await;
    page.type_into("#pain_before", "8").await;
    page.type_into("#pain_after", "4").await;
    settle().await;
    let result = engine("weight=70&pain_before=8&pain_after=4");
    // Hand-worked: (8 - 4) / 8 = 50 %.
    assert_eq!(page.text("#percent-relief"), "50 %");
    assert_eq!(
        page.text("#percent-relief"),
        quantity(result.response.percent_relief.unwrap(), "%")
    );
    assert!(page.text("#response-positive").starts_with("Positive"));
    assert_eq!(page.text("#two-point-drop"), "yes");
    assert!(page.text(".criteria").contains(result.response.criteria));

    page.type_into("#pain_after", "6").await;
    settle().await;
    assert_eq!(page.text("#percent-relief"), "25 %");
    assert!(page.text("#response-positive").starts_with("Not positive"));

    page.type_into("#treatments_this_year", "11").await;
    settle().await;
    assert!(
        page.text("#treatments-year").contains("12 with this one"),
        "{}",
        page.text("#treatments-year")
    );
}

#[wasm_bindgen_test]
async fn copy_as_note_copies_the_engines_note_or_shows_it_to_select() {
    let page = calculator("weight=70&rate=0.5&duration_min=150&conc=1");
    settle().await;
    page.click("#copy-note").await;
    // The clipboard answers asynchronously, and headless test browsers may refuse it.
    let answered = wait_until(10_000.0, || !page.text("#share-status").is_empty()).await;
    assert!(answered, "no word on the copy within 10 s");
    let status = page.text("#share-status");
    if status.starts_with("Note copied") {
        return;
    }
    assert!(status.contains("select the note"), "{status}");
    let note = page.value("#note-fallback");
    assert!(
        note.contains("Infusion: 0.5 mg/kg/h = 35 mg/h = 8.33 mcg/kg/min"),
        "{note}"
    );
    assert!(note.contains("Pump: 35 mL/h at 1 mg/mL"), "{note}");
    assert!(note.contains(ketamine_engine::note::DISCLAIMER));
}

#[wasm_bindgen_test]
async fn copy_as_note_waits_for_pending_acknowledgements() {
    let page = calculator("weight=70&bolus=0.5&rate=0.5&duration_min=150&conc=1");
    settle().await;
    page.click("#copy-note").await;
    settle().await;
    assert!(page
        .text("#share-status")
        .contains("acknowledge 1 warning first"));
    assert!(!page.exists("#note-fallback"));
}

#[wasm_bindgen_test]
async fn the_response_is_assessed_without_a_weight_at_a_follow_up_visit() {
    let page = calculator("");
    settle().await;
    page.type_into("#pain_before", "8").await;
    page.type_into("#pain_after", "4").await;
    page.type_into("#treatments_this_year", "3").await;
    settle().await;
    assert_eq!(page.text("#bolus-range"), "");
    let t = ketamine_engine::thresholds::Thresholds::guideline();
    let alone = ketamine_engine::assess_response_only(
        &Inputs::from_fragment("pain_before=8&pain_after=4&treatments_this_year=3"),
        &t,
    )
    .unwrap();
    assert_eq!(
        page.text("#percent-relief"),
        quantity(alone.percent_relief.unwrap(), "%")
    );
    assert_eq!(page.text("#percent-relief"), "50 %");
    assert!(page.text("#response-positive").starts_with("Positive"));
    assert!(page.text("#treatments-year").contains("4 with this one"));

    // An invalid score is named at its field, and no assessment is shown.
    page.enter("#pain_after", "11").await;
    settle().await;
    assert!(page.text("#pain_after-error").starts_with("Pain after"));
    assert!(!page.exists("#percent-relief"));
}

#[wasm_bindgen_test]
fn the_print_summary_names_each_entry_with_its_unit() {
    use ketamine_calculator::components::share::input_summary;
    let inputs = Inputs::from_fragment(
        "weight=154&weight_unit=lb&rate=35&rate_unit=mg%2Fh&duration_min=150&risk=elderly,pregnancy&embed=1",
    );
    let rows = input_summary(&inputs);
    assert_eq!(
        rows,
        vec![
            ("Weight", "154 lb".to_string()),
            ("Infusion rate", "35 mg/h".to_string()),
            ("Duration", "150 min".to_string()),
            ("Patient factors", "elderly, pregnancy".to_string()),
        ]
    );
}
