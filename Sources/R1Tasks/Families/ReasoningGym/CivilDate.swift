// Proleptic Gregorian dates as day numbers, without Foundation's calendars or
// time zones: the calendar and time-interval tasks need the same answer on
// every machine. Day 0 is 1970-01-01 (a Thursday).

struct CivilDate: Equatable, Comparable {
    let year: Int
    let month: Int  // 1…12
    let day: Int    // 1…31

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    /// Monday first, as Python's `date.weekday()` counts.
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 (the era-based algorithm: 400-year cycles of 146097 days).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// 0 = Monday … 6 = Sunday.
    var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 }

    /// A uniform date in [first year, last year].
    static func random(years: ClosedRange<Int>, rng: inout SplitMix64) -> CivilDate {
        let low = CivilDate(year: years.lowerBound, month: 1, day: 1).dayNumber
        let high = CivilDate(year: years.upperBound, month: 12, day: 31).dayNumber
        return CivilDate(dayNumber: rng.int(low...high))
    }

    /// "2024-03-09"
    var iso: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// "Saturday, March 9, 2024" (weekday optional)
    func long(weekday showWeekday: Bool = false) -> String {
        (showWeekday ? CivilDate.weekdayNames[weekday] + ", " : "") + "\(CivilDate.monthNames[month - 1]) \(day), \(year)"
    }

    static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}
