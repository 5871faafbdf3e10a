//! Preparing the syringe or bag: the vial, the container and its volume in, the engine's
//! preparation out (`ketamine_engine::preparation`), with its arithmetic and the practice it
//! follows, since the clinical sources are silent on it.

use crate::components::fields::{SelectField, TextField};
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::display::{number, precise, quantity};
use ketamine_engine::preparation::{vial_strengths, Container};
use leptos::prelude::*;

/// The card: entries, then the figures once the engine has a preparation.
#[component]
pub fn PreparationCard() -> impl IntoView {
    let calculator = use_calculator();
    let vials = Memo::new(move |_| {
        calculator.thresholds.with(|t| {
            let mut options = vec![(String::new(), "Not entered".to_string())];
            options.extend(
                vial_strengths(t)
                    .into_iter()
                    .map(|v| (number(v.0), quantity(v.0, "mg/mL"))),
            );
            options
        })
    });
    let containers = || {
        let mut options = vec![(String::new(), "Not entered".to_string())];
        options.extend(
            Container::ALL
                .iter()
                .map(|c| (c.key().to_string(), capitalised(c.label()))),
        );
        options
    };
    let preparation = Memo::new(move |_| calculator.result.with(|r| r.preparation.clone()));
    view! {
        <section
            class="card preparation"
            class:no-print=move || preparation.with(Option::is_none)
            aria-labelledby="preparation-heading"
        >
            <h2 id="preparation-heading">"Preparing the syringe or bag"</h2>
            <div class="field-grid no-print">
                {move || {
                    let options = vials.get();
                    view! { <SelectField key="vial_mg_per_ml" label="Vial strength" options=options /> }
                }}
                <SelectField key="container" label="Container" options=containers() />
                <TextField key="container_ml" label="Container volume (mL)" inputmode="numeric" quiet_when_empty=true />
            </div>
            <p class="field-hint no-print">
                "To the concentration chosen in the plan. The clinical sources say nothing about preparation: this follows pharmacy practice."
            </p>
            {move || preparation.get().map(|p| {
                let withdraw = p.withdraw_ml.map(|w| view! {
                    <div><dt>"Withdraw first"</dt><dd id="prep-withdraw">{quantity(w.0, "mL")} " of diluent"</dd></div>
                });
                let lasts = p.container_lasts_min.map(|m| view! {
                    <div><dt>"One container lasts"</dt><dd id="prep-lasts">{quantity(m.hours(), "h")}</dd></div>
                });
                let needed = p.containers_needed.map(|n| view! {
                    <div><dt>"Containers for the planned duration"</dt><dd id="prep-count">{n}</dd></div>
                });
                let drawn_differs = p.ketamine_ml.0 != p.ketamine_ml_rounded.0;
                view! {
                    <dl class="prep-figures">
                        <div><dt>"Ketamine in the container"</dt><dd id="prep-total">{quantity(p.total_mg.0, "mg")}</dd></div>
                        <div>
                            <dt>"Draw up from the vial"</dt>
                            <dd id="prep-draw">
                                {quantity(p.ketamine_ml_rounded.0, "mL")}
                                {drawn_differs.then(|| format!(" (unrounded {} mL)", precise(p.ketamine_ml.0)))}
                            </dd>
                        </div>
                        <div><dt>"Diluent to add"</dt><dd id="prep-diluent">{quantity(p.diluent_ml.0, "mL")}</dd></div>
                        {withdraw}
                        {lasts}
                        {needed}
                    </dl>
                    <ol id="prep-arithmetic" class="prep-arithmetic">
                        {p.arithmetic.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ol>
                    <ul class="prep-assumptions">
                        {p.assumptions.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ul>
                    <p class="prep-source">{p.source.to_string()} " " <SourceNote source=p.source /></p>
                }
            })}
        </section>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
