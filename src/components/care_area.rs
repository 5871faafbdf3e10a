//! The care area: where the plan will be given, chosen among the institution profile's care areas
//! (or the four levels without one), and the engine's check of it against what the plan requires,
//! as a smart pump checks a dose against its care area.

use crate::components::fields::SelectField;
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use leptos::prelude::*;

/// The care-area entry and the engine's verdict on it.
#[component]
pub fn CareAreaEntry() -> impl IntoView {
    let calculator = use_calculator();
    let options = move || {
        let mut options = vec![(String::new(), "Not chosen".to_string())];
        options.extend(calculator.thresholds.with(|t| {
            t.care_area_options()
                .into_iter()
                .map(|a| (a.id.clone(), a.name()))
        }));
        options
    };
    let check = move || {
        calculator
            .result
            .with(|r| r.care_area_check.clone())
            .map(|c| {
                // Short only of an escalation that the guideline gives no threshold for: a soft
                // alert to acknowledge, not a block (engine `care_area::check`).
                let class = match c.sufficient {
                    Some(true) => "care-area-check sufficient",
                    Some(false) if c.short_by_judgment => "care-area-check acknowledge",
                    Some(false) => "care-area-check insufficient",
                    None => "care-area-check not-chosen",
                };
                view! {
                    <p id="care-area-check" class=class>
                        {c.note}
                        {c.required_source.map(|s| view! { " " <SourceNote source=s /> })}
                    </p>
                }
            })
    };
    view! {
        <section id="care-area" class="card inputs" aria-labelledby="care-area-heading">
            <h2 id="care-area-heading">"Care area"</h2>
            {move || view! { <SelectField key="care_area" label="Where this plan will be given" options=options() /> }}
            {check}
        </section>
    }
}
