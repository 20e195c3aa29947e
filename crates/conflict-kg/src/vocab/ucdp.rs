//! The UCDP GED codes of the concept schemes: what a `type_of_violence` and a `date_prec` are
//! imported as. (UCDP codes no actor types; `import/ucdp.rs` reads the two it can from names.)

use super::{DatePrecision, EventType};

impl EventType {
    /// The concept a UCDP GED `type_of_violence` is imported as: 1 (state-based) and 2
    /// (non-state) conflict are armed clashes between the two sides; 3 (one-sided violence) is an
    /// attack on civilians.
    pub fn from_ucdp(type_of_violence: u8) -> Option<EventType> {
        Some(match type_of_violence {
            1 | 2 => EventType::ArmedClash,
            3 => EventType::AttackOnCivilians,
            _ => return None,
        })
    }
}

impl DatePrecision {
    /// The date precision a UCDP GED `date_prec` is imported as: 1 (exact day) → day; 2 (within
    /// 2–6 days) and 3 (within a week) → week; 4 (within a month) → month; 5 (within a year) →
    /// year. `date_start`/`date_end` keep the exact window either way.
    pub fn from_ucdp(date_prec: u8) -> Option<DatePrecision> {
        Some(match date_prec {
            1 => DatePrecision::Day,
            2 | 3 => DatePrecision::Week,
            4 => DatePrecision::Month,
            5 => DatePrecision::Year,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ucdp_codes_map_to_event_types_and_date_precisions() {
        let types: Vec<_> = (0..=4).map(EventType::from_ucdp).collect();
        use EventType::*;
        assert_eq!(
            types,
            [
                None,
                Some(ArmedClash),
                Some(ArmedClash),
                Some(AttackOnCivilians),
                None
            ]
        );
        let precisions: Vec<_> = (1..=6).map(DatePrecision::from_ucdp).collect();
        use DatePrecision::*;
        assert_eq!(
            precisions,
            [
                Some(Day),
                Some(Week),
                Some(Week),
                Some(Month),
                Some(Year),
                None
            ]
        );
    }
}
