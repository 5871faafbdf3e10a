//! The one calculator state that every component and the embed module share.
//!
//! The inputs are raw text keyed by the embed contract's prefill keys, exactly as typed; the result
//! is [`calculate_with`] of those inputs under the limits in force (the guideline's, or an
//! institution profile's) and nothing else; acknowledgements of soft alerts are kept beside them
//! because the engine never reads them from a link.
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
use ketamine_engine::double_check::calculate_frozen_check;
use ketamine_engine::profile::{Profile, ProfileError};
use ketamine_engine::protocols::Protocol;
use ketamine_engine::thresholds::Thresholds;
use ketamine_engine::{calculate_with, withheld, CalculationResult, FieldError, Inputs};
use leptos::prelude::*;

/// Whose limits apply: the guideline's, or an institution profile's, and why.
#[derive(Clone, Debug, PartialEq)]
pub enum ProfileState {
    /// No profile named and none built in.
    Guideline,
    /// A named profile is on its way; nothing is calculated until it is in or given up.
    Loading { from: String },
    /// A validated profile; `from` says where it came from.
    Active { profile: Box<Profile>, from: String },
    /// Rejected or unreadable: the guideline applies, and the page says why, key by key.
    Rejected {
        from: String,
        errors: Vec<ProfileError>,
    },
}

impl ProfileState {
    /// Active when the engine accepted it, Rejected with its errors when not.
    pub fn settled(from: String, outcome: Result<Profile, Vec<ProfileError>>) -> Self {
        match outcome {
            Ok(profile) => ProfileState::Active {
                profile: Box::new(profile),
                from,
            },
            Err(errors) => ProfileState::Rejected { from, errors },
        }
    }

    /// The limits in force: the active profile's, or the guideline's.
    pub fn thresholds(&self) -> Thresholds {
        match self {
            ProfileState::Active { profile, .. } => profile.thresholds().clone(),
            _ => Thresholds::guideline(),
        }
    }

    /// Whether the page is still waiting for the profile from `from`.
    pub fn waiting_for(&self, from: &str) -> bool {
        matches!(self, ProfileState::Loading { from: f } if f == from)
    }
}

/// The calculator's state, provided as context by `App`.
#[derive(Clone, Copy)]
pub struct Calculator {
    /// Raw entries keyed by prefill key.
    pub inputs: RwSignal<Inputs>,
    /// Whose limits apply.
    pub profile: RwSignal<ProfileState>,
    /// The limits in force, from `profile`.
    pub thresholds: Memo<Thresholds>,
    /// `calculate_with(&inputs, &thresholds)`, nothing else; withheld while a profile loads.
    pub result: Memo<CalculationResult>,
    /// Soft-alert acknowledgements with reasons; never read from a link.
    pub acknowledgements: RwSignal<Vec<Acknowledgement>>,
    /// An independent double check: the first entry, held out of the form and out of sight while
    /// the second is made (`components::double_check`).
    pub first_entry: RwSignal<Option<Inputs>>,
    /// The second entry as it was when compared (its inputs and result), frozen so that a later
    /// edit cannot turn the verdict into a match; the result carries the comparison, marked
    /// "edited after comparison" once the form no longer holds this copy.
    pub compared: RwSignal<Option<(Inputs, CalculationResult)>>,
}

impl Calculator {
    /// A calculator holding these inputs, the guideline's limits and no acknowledgements.
    pub fn new(initial: Inputs) -> Self {
        Self::with_profile(initial, ProfileState::Guideline)
    }

    /// A calculator under this profile state (`crate::profile` loads the page's).
    pub fn with_profile(initial: Inputs, state: ProfileState) -> Self {
        let inputs = RwSignal::new(initial);
        let profile = RwSignal::new(state);
        let thresholds = Memo::new(move |_| profile.with(ProfileState::thresholds));
        let first_entry = RwSignal::new(None::<Inputs>);
        let compared = RwSignal::new(None::<(Inputs, CalculationResult)>);
        let result = Memo::new(move |_| {
            if let ProfileState::Loading { from } = &*profile.read() {
                let message = format!(
                    "Institution profile: waiting for the profile from {from}; nothing is calculated until it is read."
                );
                let errors = vec![FieldError {
                    field: "profile",
                    message,
                }];
                return withheld(errors, &Thresholds::guideline());
            }
            // The first entry's figures enter the result only once the second entry is compared.
            if let Some((frozen, frozen_result)) = &*compared.read() {
                if let Some(first) = &*first_entry.read() {
                    return thresholds.with(|t| {
                        inputs.with(|i| calculate_frozen_check(first, frozen, frozen_result, i, t))
                    });
                }
            }
            thresholds.with(|t| inputs.with(|i| calculate_with(i, t)))
        });
        Calculator {
            inputs,
            profile,
            thresholds,
            result,
            acknowledgements: RwSignal::new(Vec::new()),
            first_entry,
            compared,
        }
    }

    /// Puts a loaded (or given-up) profile in force, and its default protocol on an empty plan.
    pub fn settle(&self, state: ProfileState) {
        self.profile.set(state);
        self.apply_default_protocol();
    }

    /// The profile's default protocol, when nothing of a plan is entered yet: the preset a
    /// hospital's pump library would open on. Entered figures are never overwritten.
    fn apply_default_protocol(&self) {
        let Some(default) = self.thresholds.with_untracked(|t| t.default_protocol) else {
            return;
        };
        // A second entry in a double check (handed over, or answering a check link) starts blank:
        // a preset would prime it with the first entry's likely plan.
        if self.first_entry.with_untracked(Option::is_some) {
            return;
        }
        let mut inputs = self.inputs.get_untracked();
        let untouched = ["protocol", "bolus", "rate", "duration_min"]
            .iter()
            .all(|key| inputs.get(key).is_none());
        if untouched {
            default.apply(&mut inputs);
            self.replace(inputs);
        }
    }

    /// The protocols a clinician may choose: the profile's list, or every preset.
    pub fn protocols_offered(&self) -> Vec<Protocol> {
        self.thresholds.with(|t| {
            t.protocols_offered
                .clone()
                .unwrap_or_else(|| Protocol::ALL.to_vec())
        })
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

    /// Empties every field and forgets every acknowledgement; the profile's default protocol
    /// returns. The frame keys stay: they describe where the page runs, not the patient.
    pub fn clear(&self) {
        let mut empty = Inputs::default();
        self.inputs.with_untracked(|current| {
            for key in Inputs::FRAME_KEYS {
                empty.set(key, current.get(key).map(str::to_string));
            }
        });
        self.replace(empty);
        self.acknowledgements.set(Vec::new());
        self.apply_default_protocol();
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
    /// Whose limits apply; the guideline's when not given.
    #[prop(optional)]
    profile: Option<ProfileState>,
    children: Children,
) -> impl IntoView {
    let state = profile.unwrap_or(ProfileState::Guideline);
    provide_context(Calculator::with_profile(initial, state));
    children()
}
