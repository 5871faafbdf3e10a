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

/// A FHIR `dateTime` or `instant` with its time (`2026-11-20T08:30:00+01:00`, fractions of a
/// second allowed) as milliseconds since 1800-01-01T00:00:00Z: what orders two measurements of
/// the same day. `None` for a date without a time or anything malformed.
///
/// ```
/// use ketamine_engine::record::date::instant_ms;
/// // 08:30 at +01:00 is 07:30Z, half an hour before 08:00Z.
/// let a = instant_ms("2026-11-20T08:30:00+01:00").unwrap();
/// let b = instant_ms("2026-11-20T08:00:00Z").unwrap();
/// assert_eq!(b - a, 30 * 60 * 1000);
/// assert_eq!(instant_ms("2026-11-20"), None);
/// ```
pub fn instant_ms(text: &str) -> Option<i64> {
    let (day, time) = text.split_once('T')?;
    let day = Date::parse(day)?;
    let (clock, offset_minutes) = if let Some(clock) = time.strip_suffix('Z') {
        (clock, 0)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (clock, zone) = time.split_at(at);
        let (h, m) = zone[1..].split_once(':')?;
        let (h, m) = (digits(h, 2)?, digits(m, 2)?);
        if h > 14 || m > 59 {
            return None;
        }
        let minutes = i64::from(h * 60 + m);
        (
            clock,
            if zone.starts_with('-') {
                -minutes
            } else {
                minutes
            },
        )
    };
    let (whole, fraction) = match clock.split_once('.') {
        Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (w, f),
        Some(_) => return None,
        None => (clock, ""),
    };
    let mut parts = whole.split(':');
    let (h, m, sec) = (
        digits(parts.next()?, 2)?,
        digits(parts.next()?, 2)?,
        digits(parts.next()?, 2)?,
    );
    if parts.next().is_some() || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    // Milliseconds: the first three digits of the fraction, padded.
    let ms = format!("{fraction:0<3}")[..3].parse::<i64>().ok()?;
    let origin = Date {
        year: 1800,
        month: 1,
        day: 1,
    };
    let seconds =
        origin.days_until(day) * 86_400 + i64::from(h * 3600 + m * 60 + sec) - offset_minutes * 60;
    Some(seconds * 1000 + ms)
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
