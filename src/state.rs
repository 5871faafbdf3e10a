//! The one calculator state that every component and the embed module share.
//!
//! The inputs are raw text keyed by the embed contract's prefill keys, exactly as typed; the result
//! is [`calculate`] of those inputs and nothing else; acknowledgements of soft alerts are kept
//! beside them because the engine never reads them from a link.
//!
//! ```no_run
//! use ketamine_calculator::state::Calculator;
//! use ketamine_engine::Inputs;
//! use leptos::prelude::*;
//!
//! let calculator = Calculator::new(Inputs::from_fragment("weight=70"));
//! calculator.set("route", Some("iv".into()));
//! assert_eq!(calculator.inputs.with_untracked(|i| i.to_fragment()), "weight=70&route=iv");
//! ```

use ketamine_engine::acknowledgements::Acknowledgement;
use ketamine_engine::{calculate, CalculationResult, Inputs};
use leptos::prelude::*;

/// The calculator's state, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct Calculator {
    /// Raw entries keyed by prefill key.
    pub inputs: RwSignal<Inputs>,
    /// `calculate(&inputs)`, nothing else.
    pub result: Memo<CalculationResult>,
    /// Soft-alert acknowledgements with reasons; never read from a link.
    pub acknowledgements: RwSignal<Vec<Acknowledgement>>,
}

impl Calculator {
    /// A calculator holding these inputs and no acknowledgements.
    pub fn new(initial: Inputs) -> Self {
        let inputs = RwSignal::new(initial);
        let result = Memo::new(move |_| inputs.with(calculate));
        Calculator {
            inputs,
            result,
            acknowledgements: RwSignal::new(Vec::new()),
        }
    }

    /// Sets one field. Writes only when the stored text changes, so that re-entering the same
    /// value does not recalculate or rewrite the fragment.
    pub fn set(&self, key: &str, value: Option<String>) {
        let mut next = self.inputs.get_untracked();
        next.set(key, value);
        if self.inputs.with_untracked(|current| *current != next) {
            self.inputs.set(next);
        }
    }

    /// Replaces every input at once, e.g. from a prefill message or a pasted link.
    pub fn replace(&self, inputs: Inputs) {
        if self.inputs.with_untracked(|current| *current != inputs) {
            self.inputs.set(inputs);
        }
    }

    /// The text entered for a key, tracked (empty when none).
    pub fn value(&self, key: &'static str) -> String {
        self.inputs
            .with(|i| i.get(key).unwrap_or_default().to_string())
    }

    /// Empties every field and forgets every acknowledgement. The embed keys stay: they describe
    /// where the page runs, not the patient.
    pub fn clear(&self) {
        let mut empty = Inputs::default();
        self.inputs.with_untracked(|current| {
            for key in ["embed", "parent_origin"] {
                empty.set(key, current.get(key).map(str::to_string));
            }
        });
        self.replace(empty);
        self.acknowledgements.set(Vec::new());
    }
}

/// The calculator provided by `App` (or by a test that mounts a component on its own).
pub fn use_calculator() -> Calculator {
    expect_context::<Calculator>()
}

/// Provides a calculator with these inputs to the components inside `children`; for tests and
/// for showing one component on its own.
#[component]
pub fn CalculatorProvider(
    /// The starting inputs, e.g. `Inputs::from_fragment("weight=70")`.
    #[prop(optional)]
    initial: Inputs,
    children: Children,
) -> impl IntoView {
    provide_context(Calculator::new(initial));
    children()
}
