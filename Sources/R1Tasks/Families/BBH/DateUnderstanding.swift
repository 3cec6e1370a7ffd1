// date_understanding: work out today's date from what the text says, then the
// date some days, weeks, months or years away, in MM/DD/YYYY. Calendar
// arithmetic is the proleptic Gregorian calendar on day numbers (no Foundation
// time zones); month and year steps never land on a day the month lacks.

struct DateUnderstandingTask: ReasoningTask {
    let info = TaskInfo(
        id: "date_understanding",
        title: "Date understanding",
        source: .bbh,
        category: "temporal",
        description: "Infer today's date from clues, then give the date a number of days, weeks, months or years "
            + "away, choosing among MM/DD/YYYY options.",
        knobs: [
            Knob("clues", "0: today's date is given; 1: one relative clue; 2+: a chain of events"),
            Knob("units", "1: days; 2: days and weeks; 3: also months and years"),
            Knob("options", "how many dates to choose from"),
        ],
        levels: [
            Level("easy", ["clues": 0, "units": 1, "options": 4]),
            Level("medium", ["clues": 1, "units": 2, "options": 5]),
            Level("hard", ["clues": 2, "units": 3, "options": 6]),
            Level("expert", ["clues": 3, "units": 3, "options": 6]),
        ],
        defaultLevel: 1
    )

    // MARK: calendar (days since 1970-01-01, after Howard Hinnant's civil algorithms)

    static func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y2 = m <= 2 ? y - 1 : y
        let era = (y2 >= 0 ? y2 : y2 - 399) / 400
        let yoe = y2 - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    static func mdy(_ z: Int) -> String {
        let (y, m, d) = civil(z)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(m))/\(two(d))/\(y)"
    }

    static func iso(_ z: Int) -> String {
        let (y, m, d) = civil(z)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    static func words(_ z: Int) -> String {
        let (y, m, d) = civil(z)
        return "\(months[m - 1]) \(d), \(y)"
    }

    /// The day `months` months after `z`, or nil when that day does not exist (day > 28 is never used).
    static func addMonths(_ z: Int, _ months: Int) -> Int? {
        let (y, m, d) = civil(z)
        guard d <= 28 else { return nil }
        let total = y * 12 + (m - 1) + months
        return dayNumber(total / 12, total % 12 + 1, d)
    }

    static let events = ["book fair", "school concert", "cup final", "town meeting", "science fair", "flower show",
                         "chess tournament", "charity run", "harvest festival", "film premiere"]

    static func dayCount(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let clues = level["clues"], units = level["units"], optionCount = level["options"]
        while true {
            let today = Self.dayNumber(rng.int(1950...2035), rng.int(1...12), rng.int(1...28)) + rng.int(0...3)
            // Clues: statements that fix today's date.
            var statements: [String] = []
            var stated = today
            var chain: [Int] = []  // today = stated + sum(chain)
            switch clues {
            case 0:
                statements.append(rng.chance(0.5) ? "Today is \(Self.mdy(today))." : "Today is \(Self.words(today)).")
            case 1:
                let forms: [(Int, (String) -> String)] = [
                    (1, { "Yesterday was \($0)." }), (-1, { "Tomorrow is \($0)." }),
                    (2, { "The day before yesterday was \($0)." }), (-2, { "The day after tomorrow is \($0)." }),
                ]
                let n = rng.int(3...30)
                let (delta, text) = rng.chance(0.6) ? rng.pick(forms)
                    : rng.chance(0.5) ? (n, { "It was \($0) \(n) days ago." }) : (-n, { "In \(n) days it will be \($0)." })
                stated = today - delta
                chain = [delta]
                statements.append(text(rng.chance(0.5) ? Self.mdy(stated) : Self.words(stated)))
            default:
                let names = rng.sample(Self.events, count: clues)
                let deltas = (0..<clues).map { _ in rng.int(1...20) * (rng.chance(0.75) ? 1 : -1) }
                stated = today - deltas.reduce(0, +)
                chain = deltas
                statements.append("The \(names[0]) was held on \(rng.chance(0.5) ? Self.mdy(stated) : Self.words(stated)).")
                for i in 1..<clues {
                    let d = deltas[i - 1]
                    statements.append("The \(names[i]) was held \(Self.dayCount(abs(d))) \(d > 0 ? "after" : "before") the \(names[i - 1]).")
                }
                let d = deltas[clues - 1]
                statements.append("Today is \(Self.dayCount(abs(d))) \(d > 0 ? "after" : "before") the \(names[clues - 1]).")
            }
            // The question: an offset from today.
            var offsets: [(String, [String: Int])] = [
                ("yesterday", ["days": -1]), ("tomorrow", ["days": 1]), ("the day before yesterday", ["days": -2]),
            ]
            let n = rng.int(3...60)
            offsets += [("\(n) days ago", ["days": -n]), ("\(n) days from today", ["days": n])]
            if units >= 2 {
                let w = rng.int(1...6)
                let noun = w == 1 ? "one week" : "\(BBH.numberWords[w]) weeks"
                offsets += [("\(noun) ago", ["days": -7 * w]), ("\(noun) from today", ["days": 7 * w])]
            }
            if units >= 3 {
                let k = rng.int(1...11)
                let noun = k == 1 ? "one month" : "\(BBH.numberWords[k]) months"
                let years = rng.int(1...10)
                let ynoun = years == 1 ? "one year" : "\(BBH.numberWords[years]) years"
                offsets += [("\(noun) ago", ["months": -k]), ("\(noun) from today", ["months": k]),
                            ("\(ynoun) ago", ["months": -12 * years]), ("\(ynoun) from today", ["months": 12 * years])]
                offsets += offsets.suffix(4)  // weight month and year steps up at this level
            }
            let (phrase, offset) = rng.pick(offsets)
            let gold: Int
            if let days = offset["days"] {
                gold = today + days
            } else {
                guard let g = Self.addMonths(today, offset["months"]!) else { continue }
                gold = g
            }
            // Distractors: at most two common slips (off by one, wrong direction, month or year
            // off, month and day swapped), the rest spread over a window whose centre is itself
            // random, so the gold is not simply the date in the middle of the options.
            var slips: [Int] = [gold + 1, gold - 1, today]
            if let days = offset["days"] { slips.append(today - days) }
            if let m = offset["months"] { if let g = Self.addMonths(today, -m) { slips.append(g) } }
            for k in [1, -1, 12, -12] { if let g = Self.addMonths(gold, k) { slips.append(g) } }
            let (gy, gm, gd) = Self.civil(gold)
            if gd <= 12 && gd != gm { slips.append(Self.dayNumber(gy, gd, gm)) }  // month and day swapped
            var seen = Set([gold])
            var wrong = rng.shuffled(slips).filter { seen.insert($0).inserted }.prefix(rng.int(0...2)).map { $0 }
            let width = 45
            let centre = gold + rng.int(-width...width)
            while wrong.count < optionCount - 1 {
                let d = centre + rng.int(-width...width)
                if seen.insert(d).inserted { wrong.append(d) }
            }
            var dates = [gold] + wrong
            rng.shuffle(&dates)
            let options = dates.map(Self.mdy)
            let answer = dates.firstIndex(of: gold)!
            let question = statements.joined(separator: " ") + " What is the date \(phrase) in MM/DD/YYYY?\n\n"
                + BBH.optionBlock(options) + "\n\n" + BBH.choiceInstruction(optionCount)
            var metadata = BBH.choiceMetadata(options: options, answer: answer)
            metadata["stated_date"] = .string(Self.iso(stated))
            metadata["days_to_today"] = JSONValue(chain)
            metadata["offset"] = .object(offset.mapValues { .int($0) })
            return GeneratedItem(question: question, gold: BBH.label(answer), metadata: metadata)
        }
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        BBH.verifyChoice(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from datetime import date, timedelta

        stated = date.fromisoformat(\(BBH.py(metadata["stated_date"] ?? "")))
        today = stated + timedelta(days=sum(\(BBH.py(metadata["days_to_today"] ?? []))))
        offset = \(BBH.py(metadata["offset"] ?? [:]))
        options = \(BBH.py(metadata["options"] ?? []))
        if "days" in offset:
            target = today + timedelta(days=offset["days"])
        else:
            months = today.year * 12 + today.month - 1 + offset["months"]
            target = today.replace(year=months // 12, month=months % 12 + 1)
        answer = target.strftime("%m/%d/%Y")
        \(BBH.printChoice)
        """
    }
}
