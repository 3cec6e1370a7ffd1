// calendar_arithmetic: weekdays after an offset, dates after an offset, day
// counts, how many of one weekday fall in a range, working days in a range,
// and the weekday of a far date. Every answer is exact: a wrong weekday scores
// 0 (Reasoning Gym gives 0.1 for any weekday name), and counts must be equal
// (Reasoning Gym's exp(−5·relative error) scores a neighbouring item's gold).

struct CalendarArithmeticTask: ReasoningTask {
    let info = TaskInfo(
        id: "calendar_arithmetic",
        title: "Calendar arithmetic",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Weekdays, dates and day counts under offsets and ranges in the Gregorian calendar.",
        knobs: [
            Knob("kinds", "how many question kinds are in the mix (2 to 6)"),
            Knob("max_offset", "largest offset or range length in days"),
        ],
        levels: [
            Level("easy", ["kinds": 2, "max_offset": 30]),
            Level("medium", ["kinds": 3, "max_offset": 100]),
            Level("hard", ["kinds": 5, "max_offset": 365]),
            Level("expert", ["kinds": 6, "max_offset": 2000]),
        ],
        defaultLevel: 1
    )

    /// Question kinds, easiest first; a level uses the first `kinds` of them.
    static let kinds = ["weekday_after", "date_after", "days_between", "count_weekday", "working_days", "weekday_of"]

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let kind = rng.pick(Array(CalendarArithmeticTask.kinds.prefix(level["kinds"])))
        let maxOffset = level["max_offset"]
        let start = CivilDate.random(years: 1990...2060, rng: &rng)
        let offset = rng.int(1...maxOffset)
        let end = CivilDate(dayNumber: start.dayNumber + offset)
        let names = CivilDate.weekdayNames
        var question: String, gold: String, metadata: [String: JSONValue] = ["kind": .string(kind)]
        let format: String
        switch kind {
        case "weekday_after":
            let back = rng.chance(0.3)
            let target = CivilDate(dayNumber: start.dayNumber + (back ? -offset : offset))
            question = "Today is \(start.long(weekday: true)). What day of the week was it \(offset) days ago?"
            if !back { question = "Today is \(start.long(weekday: true)). What day of the week will it be in \(offset) days?" }
            gold = names[target.weekday]
            metadata["direction"] = .int(back ? -1 : 1)
            format = "<<<weekday>>>, for example <<<Tuesday>>>"
        case "date_after":
            question = "What is the date \(offset) days after \(start.long())?"
            gold = end.iso
            format = "<<<YYYY-MM-DD>>>, for example <<<2031-07-04>>>"
        case "days_between":
            question = "How many days pass from \(start.long()) to \(end.long())?"
            gold = String(offset)
            format = "<<<integer>>>, for example <<<57>>>"
        case "count_weekday":
            let weekday = rng.int(0...6)
            let count = (start.dayNumber...end.dayNumber).filter { CivilDate(dayNumber: $0).weekday == weekday }.count
            question = "How many \(names[weekday])s are there from \(start.long()) to \(end.long()), both dates included?"
            gold = String(count)
            metadata["weekday"] = .int(weekday)
            format = "<<<integer>>>, for example <<<9>>>"
        case "working_days":
            let count = (start.dayNumber...end.dayNumber).filter { CivilDate(dayNumber: $0).weekday < 5 }.count
            question = """
                How many working days (Monday to Friday; ignore public holidays) are there from \(start.long()) \
                to \(end.long()), both dates included?
                """
            gold = String(count)
            format = "<<<integer>>>, for example <<<23>>>"
        default:
            let date = CivilDate.random(years: 1600...2400, rng: &rng)
            question = "What day of the week was (or will be) \(date.long()) in the Gregorian calendar?"
            gold = names[date.weekday]
            metadata["target"] = .string(date.iso)
            format = "<<<weekday>>>, for example <<<Friday>>>"
        }
        metadata["start"] = .string(start.iso)
        metadata["end"] = .string(end.iso)
        metadata["offset"] = .int(offset)
        metadata["answer"] = .string(gold)
        return GeneratedItem(question: question + " Give your final answer in the form \(format).", gold: gold, metadata: metadata)
    }

    /// "2031-07-04", "July 4, 2031" or "4 July 2031"; nil for anything else.
    static func parseDate(_ raw: String) -> CivilDate? {
        let s = RG.tidy(raw).replacing(",", with: " ")
        let words = s.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" }).map(String.init)
        guard words.count == 3 else { return nil }
        var y: Int?, m: Int?, d: Int?
        if let a = Int(words[0]), let b = Int(words[1]), let c = Int(words[2]), words[0].count == 4 {
            (y, m, d) = (a, b, c)
        } else if let month = CivilDate.monthNames.firstIndex(where: { $0.lowercased() == words[0].lowercased() }) {
            (m, d, y) = (month + 1, Int(words[1]), Int(words[2]))
        } else if let month = CivilDate.monthNames.firstIndex(where: { $0.lowercased() == words[1].lowercased() }) {
            (d, m, y) = (Int(words[0]), month + 1, Int(words[2]))
        }
        guard let y, let m, let d, (1...9999).contains(y), (1...12).contains(m),
              (1...CivilDate.daysIn(month: m, year: y)).contains(d) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let kind = metadata["kind"]?.stringValue, let gold = metadata["answer"]?.stringValue else {
            return .wrong("item metadata is missing the answer")
        }
        switch kind {
        case "weekday_after", "weekday_of":
            let given = RG.tidy(answer).lowercased()
            guard let index = CivilDate.weekdayNames.firstIndex(where: { $0.lowercased() == given }) else {
                return .wrong("the answer is not a weekday name")
            }
            return CivilDate.weekdayNames[index] == gold ? .correct() : .wrong("the weekday is \(gold)")
        case "date_after":
            guard let given = CalendarArithmeticTask.parseDate(answer) else { return .wrong("the answer is not a date") }
            return given.iso == gold ? .correct() : .wrong("the date is \(gold)")
        default:
            guard let g = Int(gold), let n = RG.parseInt(RG.dropAssignment(RG.tidy(answer), names: ["days"])) else {
                return .wrong("the answer is not a whole number")
            }
            return n == g ? .correct() : .wrong("the count is \(gold)")
        }
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from datetime import date, timedelta
        kind = \(RG.py(metadata["kind"] ?? ""))
        start, end = date.fromisoformat(\(RG.py(metadata["start"] ?? ""))), date.fromisoformat(\(RG.py(metadata["end"] ?? "")))
        names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        days = [start + timedelta(days=k) for k in range((end - start).days + 1)]
        if kind == "weekday_after":
            print(names[(start + timedelta(days=\(metadata["direction"]?.intValue ?? 1) * \(metadata["offset"]?.intValue ?? 0))).weekday()])
        elif kind == "weekday_of":
            print(names[date.fromisoformat(\(RG.py(metadata["target"] ?? "2000-01-01"))).weekday()])
        elif kind == "date_after":
            print((start + timedelta(days=\(metadata["offset"]?.intValue ?? 0))).isoformat())
        elif kind == "days_between":
            print((end - start).days)
        elif kind == "count_weekday":
            print(sum(1 for d in days if d.weekday() == \(metadata["weekday"]?.intValue ?? 0)))
        else:
            print(sum(1 for d in days if d.weekday() < 5))
        """
    }
}
