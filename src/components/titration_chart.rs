//! Correll's inpatient titration: the engine's step table and a small chart, drawn here, of the
//! rate (mg/h) and the cumulative dose over time if every step is tolerated. The table is the
//! chart's text alternative; the chart also has its own title and description.

use crate::components::plan_result::released;
use crate::components::sources::SourceNote;
use crate::state::use_calculator;
use ketamine_engine::display::{number, precise, quantity};
use ketamine_engine::titration::Titration;
use leptos::prelude::*;

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 44.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

/// Pixel positions for the chart: presentation only, never shown as a figure.
struct Scale {
    max_min: f64,
    max_rate: f64,
    max_mg: f64,
}

impl Scale {
    fn x(&self, minutes: f64) -> f64 {
        LEFT + (WIDTH - LEFT - RIGHT) * minutes / self.max_min
    }
    fn y_rate(&self, rate: f64) -> f64 {
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - rate / self.max_rate)
    }
    fn y_mg(&self, mg: f64) -> f64 {
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - mg / self.max_mg)
    }
}

/// The schedule's table and chart, while the plan is released and the engine has a schedule.
#[component]
pub fn TitrationSchedule() -> impl IntoView {
    let calculator = use_calculator();
    let released = released();
    // Re-rendered only when the schedule itself changes.
    let titration = Memo::new(move |_| {
        if !released.get() {
            return None;
        }
        calculator.result.with(|r| r.titration.clone())
    });
    move || {
        titration.get().map(|t| {
            let source = t.source;
            view! {
                <section class="card result titration" aria-labelledby="titration-heading">
                    <h2 id="titration-heading">"Titration schedule (if every step is tolerated)"</h2>
                    <p>
                        {format!(
                            "{} over the first {}; the rate never exceeds {}.",
                            quantity(t.total_mg.0, "mg"),
                            quantity(t.covers_min.0, "min"),
                            quantity(t.ceiling_mg_per_h.0, "mg/h"),
                        )}
                        " "
                        <SourceNote source=source />
                    </p>
                    <StepTable titration=t.clone() />
                    <Chart titration=t />
                </section>
            }
        })
    }
}

#[component]
fn StepTable(titration: Titration) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" aria-labelledby="titration-table-caption" tabindex="0">
            <table class="steps">
                <caption id="titration-table-caption">"Steps"</caption>
                <thead>
                    <tr>
                        <th scope="col">"From (min)"</th>
                        <th scope="col">"Rate (mg/h)"</th>
                        <th scope="col">"Rate (mg/kg/h)"</th>
                        <th scope="col">"Pump (mL/h)"</th>
                        <th scope="col">"Given before this step (mg)"</th>
                    </tr>
                </thead>
                <tbody>
                    {titration
                        .steps
                        .iter()
                        .map(|s| {
                            let pump = match (s.rate_ml_per_h_rounded, s.rate_ml_per_h) {
                                (Some(rounded), Some(ml)) => format!(
                                    "{} (unrounded {} mL/h)",
                                    quantity(rounded.0, "mL/h"),
                                    precise(ml.0)
                                ),
                                _ => "choose a concentration".to_string(),
                            };
                            view! {
                                <tr>
                                    <td>{quantity(s.start_min.0, "min")}</td>
                                    <td>{quantity(s.rate_mg_per_h.0, "mg/h")}</td>
                                    <td>{quantity(s.rate_mg_per_kg_per_h.0, "mg/kg/h")}</td>
                                    <td>{pump}</td>
                                    <td>{quantity(s.cumulative_mg_at_start.0, "mg")}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Chart(titration: Titration) -> impl IntoView {
    let t = &titration;
    let max_rate = t.ceiling_mg_per_h.0.max(
        t.steps
            .iter()
            .map(|s| s.rate_mg_per_h.0)
            .fold(0.0, f64::max),
    );
    let scale = Scale {
        max_min: t.covers_min.0.max(1.0),
        max_rate: if max_rate > 0.0 { max_rate } else { 1.0 },
        max_mg: if t.total_mg.0 > 0.0 {
            t.total_mg.0
        } else {
            1.0
        },
    };
    // The rate as a staircase: each step holds until the next starts, the last until the end.
    let mut rate_path = String::new();
    for (i, s) in t.steps.iter().enumerate() {
        let end = t.steps.get(i + 1).map_or(t.covers_min.0, |n| n.start_min.0);
        let y = scale.y_rate(s.rate_mg_per_h.0);
        let cmd = if i == 0 { 'M' } else { 'L' };
        rate_path.push_str(&format!(
            "{cmd}{:.1},{:.1} L{:.1},{:.1} ",
            scale.x(s.start_min.0),
            y,
            scale.x(end),
            y
        ));
    }
    // Cumulative dose: the engine's figure at each step's start, then its total at the end.
    let mut dose_points: Vec<(f64, f64)> = t
        .steps
        .iter()
        .map(|s| (s.start_min.0, s.cumulative_mg_at_start.0))
        .collect();
    dose_points.push((t.covers_min.0, t.total_mg.0));
    let dose_path = dose_points
        .iter()
        .enumerate()
        .map(|(i, (m, mg))| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { 'M' } else { 'L' },
                scale.x(*m),
                scale.y_mg(*mg)
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let title_id = "titration-chart-title";
    let desc_id = "titration-chart-desc";
    let description = format!(
        "Rate rises in {} steps from {} to {}; cumulative dose reaches {} at {}. The table above gives every step.",
        t.steps.len(),
        quantity(t.steps.first().map_or(0.0, |s| s.rate_mg_per_h.0), "mg/h"),
        quantity(t.steps.last().map_or(0.0, |s| s.rate_mg_per_h.0), "mg/h"),
        quantity(t.total_mg.0, "mg"),
        quantity(t.covers_min.0, "min"),
    );
    let baseline = HEIGHT - BOTTOM;
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby=format!("{title_id} {desc_id}")
                class="titration-chart"
            >
                <title id=title_id>"Titration: rate (mg/h) and cumulative dose (mg) over time (min)"</title>
                <desc id=desc_id>{description}</desc>
                <line class="axis" x1=LEFT y1=TOP x2=LEFT y2=baseline />
                <line class="axis" x1=LEFT y1=baseline x2={WIDTH - RIGHT} y2=baseline />
                <line class="axis" x1={WIDTH - RIGHT} y1=TOP x2={WIDTH - RIGHT} y2=baseline />
                <text class="axis-label" x={LEFT - 4.0} y={TOP + 4.0} text-anchor="end">{number(scale.max_rate)}</text>
                <text class="axis-label" x={LEFT - 4.0} y=baseline text-anchor="end">"0"</text>
                <text class="axis-label" x={WIDTH - RIGHT + 4.0} y={TOP + 4.0}>{number(scale.max_mg)}</text>
                <text class="axis-label" x=LEFT y={HEIGHT - 8.0}>"0 min"</text>
                <text class="axis-label" x={WIDTH - RIGHT} y={HEIGHT - 8.0} text-anchor="end">{quantity(t.covers_min.0, "min")}</text>
                <path class="line-dose" d=dose_path fill="none" />
                <path class="line-rate" d=rate_path fill="none" />
                {t.steps
                    .iter()
                    .map(|s| {
                        view! {
                            <circle class="rate-point" cx=format!("{:.1}", scale.x(s.start_min.0)) cy=format!("{:.1}", scale.y_rate(s.rate_mg_per_h.0)) r="3.5" />
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption>
                <span class="key key-rate">"Solid: rate, mg/h (left scale)"</span>
                " "
                <span class="key key-dose">"Dashed: cumulative dose, mg (right scale)"</span>
            </figcaption>
        </figure>
    }
}
