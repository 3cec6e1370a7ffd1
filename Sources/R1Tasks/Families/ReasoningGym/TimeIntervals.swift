// time_intervals: the time between two clock times, dates or date-times.
// Reasoning Gym's linear partial credit lets a constant "0 days, 00:00" score
// up to 0.87; R1CI parses the duration and requires it exactly.

struct TimeIntervalsTask: ReasoningTask {
    let info = TaskInfo(
        id: "time_intervals",
        title: "Time intervals",
        source: .reasoningGym,
        category: "arithmetic",
        description: "Compute the duration between two times, dates or date-times.",
        knobs: [
            Knob("kind", "1: clock times HH:MM; 2: HH:MM:SS; 3: dates; 4: date-times with seconds"),
            Knob("max_days", "largest span in days, for dates and date-times"),
        ],
        levels: [
            Level("easy", ["kind": 1, "max_days": 0]),
            Level("medium", ["kind": 2, "max_days": 0]),
            Level("hard", ["kind": 3, "max_days": 800]),
            Level("expert", ["kind": 4, "max_days": 1200]),
        ],
        defaultLevel: 1
    )

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static func clock(_ seconds: Int, withSeconds: Bool) -> String {
        let h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60
        return "\(two(h)):\(two(m))" + (withSeconds ? ":\(two(s))" : "")
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let kind = level["kind"]
        let question: String, gold: String, seconds: Int, startText: String, endText: String
        switch kind {
        case 1, 2:
            let unit = kind == 1 ? 60 : 1
            let a = rng.int(0..<(86_400 / unit)) * unit
            var b = a
            while b == a { b = rng.int(0..<(86_400 / unit)) * unit }
            let (start, end) = (min(a, b), max(a, b))
            seconds = end - start
            let withSeconds = kind == 2
            gold = TimeIntervalsTask.clock(seconds, withSeconds: withSeconds)
            startText = TimeIntervalsTask.clock(start, withSeconds: withSeconds)
            endText = TimeIntervalsTask.clock(end, withSeconds: withSeconds)
            question = """
                A task starts at \(startText) and ends at \(endText) on the same day. How long does it take? \
                Give the duration as your final answer in the form <<<\(withSeconds ? "HH:MM:SS" : "HH:MM")>>>, \
                for example <<<\(withSeconds ? "03:07:45" : "03:07")>>>.
                """
        case 3:
            let start = CivilDate.random(years: 1950...2080, rng: &rng)
            let days = rng.int(1...level["max_days"])
            let end = CivilDate(dayNumber: start.dayNumber + days)
            seconds = days * 86_400
            gold = String(days)
            (startText, endText) = (start.iso, end.iso)
            question = """
                How many days are there from \(start.long()) to \(end.long())? Count the days from the first \
                date up to the second (the same date would be 0 days). Give the number as your final answer in \
                the form <<<integer>>>, for example <<<45>>>.
                """
        default:
            let start = CivilDate.random(years: 1950...2080, rng: &rng)
            let startSecond = rng.int(0..<86_400)
            seconds = rng.int(1...(level["max_days"] * 86_400))
            let endTotal = startSecond + seconds
            let end = CivilDate(dayNumber: start.dayNumber + endTotal / 86_400)
            let days = seconds / 86_400
            gold = "\(days) days, \(TimeIntervalsTask.clock(seconds % 86_400, withSeconds: true))"
            startText = start.iso + " " + TimeIntervalsTask.clock(startSecond, withSeconds: true)
            endText = end.iso + " " + TimeIntervalsTask.clock(endTotal % 86_400, withSeconds: true)
            question = """
                How much time passes from \(startText) to \(endText)? Give the duration as \
                your final answer in the form <<<D days, HH:MM:SS>>>, for example <<<12 days, 04:05:06>>>.
                """
        }
        return GeneratedItem(question: question, gold: gold, metadata: [
            "kind": .int(kind), "start": .string(startText), "end": .string(endText),
            "seconds": .int(seconds), "answer": .string(gold),
        ])
    }

    /// Seconds in "HH:MM", "H:MM:SS", "N days, HH:MM:SS", "N days" or a bare day count (kind 3);
    /// nil for anything else.
    static func parseDuration(_ raw: String, bareNumberIsDays: Bool) -> Int? {
        var s = RG.tidy(raw).lowercased()
        guard !s.isEmpty, s.count <= 60 else { return nil }
        var total = 0
        if let r = s.range(of: "day") {
            guard let days = RG.parseInt(String(s[..<r.lowerBound])), days >= 0 else { return nil }
            total = days * 86_400
            s = String(s[r.upperBound...])
            if s.hasPrefix("s") { s.removeFirst() }
            s = s.trimmed()
            if s.hasPrefix(",") { s.removeFirst() }
            s = s.trimmed()
            if s.isEmpty { return total }
        } else if bareNumberIsDays, let days = RG.parseInt(s) {
            return days >= 0 ? days * 86_400 : nil
        }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let numbers = parts.map { Int($0)! }
        guard numbers.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        return total + numbers[0] * 3600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let seconds = metadata["seconds"]?.intValue, let kind = metadata["kind"]?.intValue,
              let gold = metadata["answer"]?.stringValue else { return .wrong("item metadata is missing the answer") }
        guard let given = TimeIntervalsTask.parseDuration(answer, bareNumberIsDays: kind == 3) else {
            return .wrong("the answer is not a duration in the asked form")
        }
        return given == seconds ? .correct() : .wrong("the duration is \(gold)")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from datetime import datetime
        kind = \(metadata["kind"]?.intValue ?? 1)
        start, end = \(RG.py(metadata["start"] ?? "")), \(RG.py(metadata["end"] ?? ""))
        fmt = {1: "%H:%M", 2: "%H:%M:%S", 3: "%Y-%m-%d"}.get(kind, "%Y-%m-%d %H:%M:%S")
        d = datetime.strptime(end, fmt) - datetime.strptime(start, fmt)
        s = d.seconds
        if kind == 1:
            print(f"{s // 3600:02d}:{s % 3600 // 60:02d}")
        elif kind == 2:
            print(f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}")
        elif kind == 3:
            print(d.days)
        else:
            print(f"{d.days} days, {s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}")
        """
    }
}
