//! Arithmetic: the units a dose or a rate is written in, exact comparison with a threshold, the
//! one rounding rule (for the display, the pump and the syringe) and how a number is shown (ISMP:
//! a leading zero, no trailing zero). Nothing here knows a dose or a threshold (only a pump's
//! 0.1 mL/h step and a syringe's 0.1 mL); everything else computes through it, so that mg and
//! mg/kg cannot be mixed up, a threshold is never compared with a float written inline, and a
//! figure is rounded in one place only.

pub mod compare;
pub mod display;
pub mod rounding;
pub mod units;
