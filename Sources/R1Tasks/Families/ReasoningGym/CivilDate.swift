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

    /// Days since 1970-01-01 (the civil-day conversion Date Understanding already uses).
    var dayNumber: Int { DateUnderstandingTask.dayNumber(year, month, day) }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(dayNumber: Int) {
        let (y, m, d) = DateUnderstandingTask.civil(dayNumber)
        self.init(year: y, month: m, day: d)
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
