//! Time to compute a full result natively, for the performance report (`scripts/bench.sh`).
//! Prints one machine-readable line: `engine_calculate_us median=… p95=… n=…`.
//! A plain harness rather than a benchmarking crate: one figure is needed, and its spread.

use ketamine_engine::{calculate, Inputs};
use std::hint::black_box;
use std::time::Instant;

const CASES: &[&str] = &[
    "weight=70",
    "weight=70&bolus=0.35&rate=0.5&duration_min=150&conc=1",
    "weight=154&weight_unit=lb&height=70&height_unit=in&sex=male&dosing_weight=adjusted&rate=25&rate_unit=mg/h&duration_min=240&days=10&conc=2",
    "weight=70&protocol=correll-inpatient&rate=10&rate_unit=mg/h&duration_min=1440&step_mg_per_h=2.5&step_interval_min=30&conc=1",
    "weight=70&rate=3&duration_min=600&age=70&risk=comorbidity,cardiovascular_risk,liver_risk&pain_before=8&pain_after=4&treatments_this_year=8",
    "weight=abc&rate=-1",
];

fn main() {
    let inputs: Vec<Inputs> = CASES.iter().map(|c| Inputs::from_fragment(c)).collect();
    // Warm up caches and the allocator.
    for _ in 0..200 {
        for i in &inputs {
            black_box(calculate(black_box(i)));
        }
    }
    let mut samples = Vec::new();
    for _ in 0..2000 {
        for i in &inputs {
            let start = Instant::now();
            black_box(calculate(black_box(i)));
            samples.push(start.elapsed().as_secs_f64() * 1e6);
        }
    }
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "engine_calculate_us median={:.2} p95={:.2} n={}",
        at(0.5),
        at(0.95),
        samples.len()
    );
}
