//! Tests written for the mutants of `care_area` that only its doc example caught: the doc example
//! is documentation first, and an edit to it should not leave `CareLevel::provides` untested.

use ketamine_engine::care_area::CareLevel;
use ketamine_engine::monitoring::Tier;

// Mutants: `care_area.rs` `CareLevel::provides` replaced by `true` or by `false`, and its
// `self >= level` made `<`. The least level each tier needs (question 6 and Table 6 of the
// guideline, 004:1494-1498 and 004:1699-1702; the ICU, 004:1267-1272): standard monitoring in any
// care area, the high-dose tier in a monitored unit, the ICU tier in an ICU; a plan beyond the
// guideline in none.
#[test]
fn each_care_level_provides_the_tiers_at_or_below_it_and_none_above() {
    use CareLevel::*;
    let tiers = [
        Tier::Standard,
        Tier::HighDose,
        Tier::Icu,
        Tier::BeyondGuideline,
    ];
    // (level, what it provides for each tier above, in order)
    let table = [
        (Outpatient, [true, false, false, false]),
        (Ward, [true, false, false, false]),
        (Monitored, [true, true, false, false]),
        (Icu, [true, true, true, false]),
    ];
    for (level, provides) in table {
        for (tier, expected) in tiers.into_iter().zip(provides) {
            assert_eq!(level.provides(tier), expected, "{level:?} for {tier:?}");
        }
    }
}
