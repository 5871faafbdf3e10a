//! Calendar dates as FHIR writes them (`YYYY-MM-DD`, or the date part of a `dateTime`), and the
//! two spans the record needs: days since a measurement and whole years since a birth.

/// A calendar date, checked (a real day of a real month, years 1800 to 2200).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// How precise a FHIR date is: a full day, or only a year or a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Day(Date),
    /// `1972` or `1972-03`: no day, so no age in whole years and no measurement day.
    Partial,
}

fn leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(text: &str, n: usize) -> Option<u32> {
    (text.len() == n && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl Date {
    /// Reads `YYYY-MM-DD`; `None` for anything else.
    ///
    /// ```
    /// use ketamine_engine::record::date::Date;
    /// assert!(Date::parse("2026-11-20").is_some());
    /// assert!(Date::parse("2026-02-29").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let (year, month, day) = (digits(y, 4)? as i32, digits(m, 2)?, digits(d, 2)?);
        let ok = (1800..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Reads a FHIR `date` or `dateTime` (`2026-11-20`, `2026-11-20T08:30:00+01:00`, `1972`,
    /// `1972-03`): the day as written, which is the day where it was recorded. `None` when it is
    /// not a date at all.
    pub fn parse_fhir(text: &str) -> Option<Precision> {
        let day_part = match text.split_once('T') {
            Some((day, _)) => day,
            None => text,
        };
        if let Some(date) = Date::parse(day_part) {
            return Some(Precision::Day(date));
        }
        let partial = match day_part.split_once('-') {
            None => digits(day_part, 4).is_some_and(|y| (1800..=2200).contains(&y)),
            Some((y, m)) => {
                digits(y, 4).is_some_and(|y| (1800..=2200).contains(&y))
                    && digits(m, 2).is_some_and(|m| (1..=12).contains(&m))
            }
        };
        (partial && !text.contains('T')).then_some(Precision::Partial)
    }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    fn ordinal(self) -> i64 {
        // Howard Hinnant's days_from_civil: the year starts in March, so leap days come last.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    ///
    /// ```
    /// use ketamine_engine::record::date::Date;
    /// let d = |t| Date::parse(t).unwrap();
    /// assert_eq!(d("2026-11-20").days_until(d("2026-11-27")), 7);
    /// assert_eq!(d("2024-02-28").days_until(d("2024-03-01")), 2); // 2024 is a leap year
    /// ```
    pub fn days_until(self, later: Date) -> i64 {
        later.ordinal() - self.ordinal()
    }

    /// Whole years from `self` (a birth date) to `on`: the years of the birthdays passed. Someone
    /// born on 29 February turns a year older on 1 March in other years.
    ///
    /// ```
    /// use ketamine_engine::record::date::Date;
    /// let d = |t| Date::parse(t).unwrap();
    /// assert_eq!(d("1970-11-27").whole_years_until(d("2026-11-26")), 55);
    /// assert_eq!(d("1970-11-27").whole_years_until(d("2026-11-27")), 56);
    /// ```
    pub fn whole_years_until(self, on: Date) -> i64 {
        let before_birthday = (on.month, on.day) < (self.month, self.day);
        i64::from(on.year) - i64::from(self.year) - i64::from(before_birthday)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
