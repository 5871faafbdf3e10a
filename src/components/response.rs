//! Response assessment: pain before and after, percent relief, whether the response counts as
//! positive (with the guideline's full criteria, since the engine judges the pain score only),
//! the 2-point drop, how long relief lasted against the weeks required, treatments this year
//! against the guideline's 6-12, and the Brief Pain Inventory items to record.

use crate::components::fields::TextField;
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::display::{number, quantity};
use ketamine_engine::response::treatment_frequency;
use ketamine_engine::response::{BRIEF_PAIN_INVENTORY, BRIEF_PAIN_INVENTORY_SOURCE};
use ketamine_engine::validation::validate_response;
use ketamine_engine::{assess_response_only, Status};
use leptos::prelude::*;

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// Entries and assessment.
#[component]
pub fn ResponseAssessment() -> impl IntoView {
    view! {
        <section class="card inputs response" aria-labelledby="response-heading">
            <h2 id="response-heading">"Response assessment"</h2>
            <div class="field-grid">
                <TextField key="pain_before" label="Pain before (0 to 10)" />
                <TextField key="pain_after" label="Pain after (0 to 10)" />
                <TextField key="relief_weeks" label="Weeks of relief after the last treatment" />
                <TextField
                    key="treatments_this_year"
                    label="Treatments in the past 12 months"
                    inputmode="numeric"
                />
            </div>
            <Assessment />
            <BriefPainInventory />
        </section>
    }
}

#[component]
fn Assessment() -> impl IntoView {
    let calculator = use_calculator();
    // The assessment as the engine gives it; the view re-renders only when it changes, not with
    // every keystroke in the plan's fields.
    let assessment = Memo::new(move |_| {
        calculator.result.with(|r| {
            // With a valid plan the full result carries the response; without one (a follow-up
            // visit, no weight entered) the engine assesses the response fields on their own.
            if r.status == Status::Ok {
                return Some((r.response.clone(), r.treatments.clone()));
            }
            let t = calculator.thresholds.get();
            calculator.inputs.with(|i| {
                assess_response_only(i, &t)
                    .ok()
                    .zip(validate_response(i).ok())
                    .map(|(resp, entries)| {
                        (
                            resp,
                            entries
                                .treatments_this_year
                                .map(|n| treatment_frequency(Some(n), &t)),
                        )
                    })
            })
        })
    });
    move || {
        assessment.with(|a| {
            let Some((resp, treatments)) = a.clone() else {
                return view! {
                    <p class="result-hint">"The assessment appears once the entries above are valid."</p>
                }
                .into_any();
            };
            let relief = match (resp.pain_before, resp.pain_after) {
                (Some(b), Some(a)) => Some(format!("{} to {}", number(b), number(a))),
                _ => None,
            };
            let percent = resp.percent_relief.map(|p| quantity(p, "%"));
            let positive = resp.positive.map(|p| {
                if p {
                    "Positive by pain score (at least 30 % relief)"
                } else {
                    "Not positive by pain score (under 30 % relief)"
                }
            });
            let weeks = resp.relief_weeks.map(|w| {
                let counts = resp.duration_counts.unwrap_or(false);
                format!(
                    "{} of relief; for {} it must last more than {}: {}.",
                    quantity(w, "weeks"),
                    resp.course,
                    quantity(resp.required_weeks, "weeks"),
                    if counts { "it counts" } else { "it does not count" }
                )
            });
            let treatments = treatments.and_then(|t| {
                let given = t.given_past_12_months?;
                let with_this = t.with_this_one?;
                Some((
                    format!(
                        "{given} in the past 12 months; {with_this} with this one. The guideline suggests {} to {} a year.",
                        t.limit_low, t.limit_high
                    ),
                    t.source,
                ))
            });
            view! {
                <dl class="slots response-slots">
                    {relief.map(|t| view! { <div class="slot"><dt>"Pain score"</dt><dd>{t}</dd></div> })}
                    {percent.map(|t| view! {
                        <div class="slot">
                            <dt id="percent-relief-label">"Relief"</dt>
                            <dd><output id="percent-relief" class="figure" aria-labelledby="percent-relief-label">{t}</output>
                            " " <SourceNote source=resp.formula_source /></dd>
                        </div>
                    })}
                    {positive.map(|t| view! {
                        <div class="slot">
                            <dt>"Response"</dt>
                            <dd><span id="response-positive">{t}</span> " " <SourceNote source=resp.source /></dd>
                        </div>
                    })}
                    {resp.two_point_drop.map(|d| view! {
                        <div class="slot"><dt>"2-point drop (\"much improved\")"</dt><dd id="two-point-drop">{yes_no(d)}</dd></div>
                    })}
                </dl>
                {weeks.map(|w| view! { <p id="relief-duration">{w} " " <SourceNote source=resp.source /></p> })}
                {treatments.map(|(t, s)| view! { <p id="treatments-year">{t} " " <SourceNote source=s /></p> })}
                <p class="criteria">
                    <strong>"Criteria: "</strong>
                    {resp.criteria}
                    " "
                    <span class="muted">{format!("The calculator judges the {}.", resp.positive_basis)}</span>
                </p>
            }
            .into_any()
        })
    }
}

/// The Brief Pain Inventory items, to record before and 2-4 weeks after. Recorded on this page
/// only: not in the link, the note or the engine.
#[component]
fn BriefPainInventory() -> impl IntoView {
    view! {
        <details class="bpi">
            <summary>"Brief Pain Inventory: items to record"</summary>
            <p class="field-hint">
                "Scores 0 to 10, before and 2 to 4 weeks after. Kept on this page only (not in the link or the note). "
                <SourceNote source=BRIEF_PAIN_INVENTORY_SOURCE />
            </p>
            <div class="table-wrap">
                <table class="bpi-table">
                    <thead>
                        <tr>
                            <th scope="col">"Item"</th>
                            <th scope="col">"Before"</th>
                            <th scope="col">"2 to 4 weeks after"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {BRIEF_PAIN_INVENTORY
                            .iter()
                            .enumerate()
                            .map(|(i, item)| {
                                view! {
                                    <tr>
                                        <th scope="row">{*item}</th>
                                        <td>
                                            <input type="text" inputmode="numeric" class="bpi-score" id=format!("bpi-before-{i}") aria-label=format!("{item}, before")
                                            />
                                        </td>
                                        <td>
                                            <input type="text" inputmode="numeric" class="bpi-score" id=format!("bpi-after-{i}") aria-label=format!("{item}, 2 to 4 weeks after")
                                            />
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}
