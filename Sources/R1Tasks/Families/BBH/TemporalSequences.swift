// temporal_sequences: a person's day is covered by sightings except for one
// gap; between which times could they have made the visit asked about?
// Exactly one interval of the day is free, and the options are intervals.

struct TemporalSequencesTask: ReasoningTask {
    let info = TaskInfo(
        id: "temporal_sequences",
        title: "Temporal sequences",
        source: .bbh,
        category: "temporal",
        description: "From when someone woke up, when a place closed and where they were seen, find the one time "
            + "slot in which they could have gone to that place.",
        knobs: [
            Knob("sightings", "how many sightings cover the day"),
            Knob("options", "how many time slots to choose from"),
            Knob("max_hours", "longest sighting, in hours"),
            Knob("shuffled", "0: facts in time order; 1: facts in random order"),
            Knob("outside", "1: some wrong options lie before waking or after closing"),
        ],
        levels: [
            Level("easy", ["sightings": 3, "options": 4, "max_hours": 1, "shuffled": 0, "outside": 0]),
            Level("medium", ["sightings": 4, "options": 4, "max_hours": 2, "shuffled": 1, "outside": 0]),
            Level("hard", ["sightings": 6, "options": 5, "max_hours": 2, "shuffled": 1, "outside": 1]),
            Level("expert", ["sightings": 8, "options": 6, "max_hours": 2, "shuffled": 1, "outside": 1]),
        ],
        defaultLevel: 1
    )

    static let activities = [
        "buying bread at the bakery", "reading in the library", "playing tennis in the park",
        "waiting on a platform at the train station", "taking photos near the lighthouse",
        "working at the office", "eating lunch at the diner", "watching a film at the cinema",
        "getting a bike repaired at the cycle shop", "swimming at the leisure centre",
        "getting a haircut at the barber's", "walking a dog along the river", "queueing at the bank",
        "painting a fence at a friend's house", "sitting in a café", "shopping at the electronics store",
        "jogging around the lake", "visiting a dentist",
    ]

    static let places = ["museum", "botanical garden", "aquarium", "post office", "art gallery", "zoo",
                         "planetarium", "flea market", "climbing gym", "bookshop"]

    static func clock(_ h: Int) -> String {
        let h12 = h % 12 == 0 ? 12 : h % 12
        return "\(h12)\(h < 12 || h == 24 ? "am" : "pm")"
    }

    static func slot(_ a: Int, _ b: Int) -> String { "\(clock(a)) to \(clock(b))" }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let sightings = level["sightings"], optionCount = level["options"], maxHours = level["max_hours"]
        let shuffled = level["shuffled"] == 1, outside = level["outside"] == 1
        let names = rng.sample(BBH.names, count: sightings + 1)
        let person = names[0], witnesses = Array(names.dropFirst())
        let place = rng.pick(Self.places)
        let wake = rng.int(5...8)
        // Segment lengths; one of the sightings+1 segments is the free slot.
        var lengths = (0...sightings).map { _ in rng.int(1...maxHours) }
        while wake + lengths.reduce(0, +) > 22 {  // keep the day (and an hour after it) before midnight
            let i = lengths.firstIndex(where: { $0 > 1 })!
            lengths[i] -= 1
        }
        let free = rng.int(0...sightings)
        var starts: [Int] = []
        var t = wake
        for l in lengths { starts.append(t); t += l }
        let close = t
        let activities = rng.sample(Self.activities, count: sightings)
        var facts: [String] = []
        var busy: [[Int]] = []
        var k = 0
        for i in 0...sightings where i != free {
            let a = starts[i], b = a + lengths[i]
            facts.append("\(witnesses[k]) saw \(person) \(activities[k]) from \(Self.clock(a)) to \(Self.clock(b)).")
            busy.append([a, b])
            k += 1
        }
        if shuffled { rng.shuffle(&facts) }
        let freeSlot = [starts[free], starts[free] + lengths[free]]
        // Wrong options: about half are sightings as stated, the others are slots no fact names
        // (the free slot shifted into a neighbour, other overlapping windows, and at higher levels
        // hours before waking or after closing), so "the slot the text does not mention" is no shortcut.
        var unlisted: [[Int]] = []
        if freeSlot[0] - 1 >= wake { unlisted.append([freeSlot[0] - 1, freeSlot[1] - 1]) }
        if freeSlot[1] + 1 <= close { unlisted.append([freeSlot[0] + 1, freeSlot[1] + 1]) }
        for _ in 0..<6 {
            let a = rng.int(wake...(close - 1)), b = min(close, a + rng.int(1...2))
            let w = [a, b]
            let insideFree = a >= freeSlot[0] && b <= freeSlot[1]  // such a window would also be right
            if !insideFree && !busy.contains(w) && !unlisted.contains(w) { unlisted.append(w) }
        }
        if outside {
            unlisted.append([wake - 1, wake])
            unlisted.append([close, close + 1])
        }
        rng.shuffle(&unlisted)
        var listed = rng.shuffled(busy)
        var wrong: [[Int]] = []
        while wrong.count < optionCount - 1 && !(unlisted.isEmpty && listed.isEmpty) {
            let fromUnlisted = listed.isEmpty || (!unlisted.isEmpty && wrong.count % 2 == 0)
            let w = fromUnlisted ? unlisted.removeLast() : listed.removeLast()
            if !wrong.contains(w) { wrong.append(w) }  // a shifted slot can equal a sighting
        }
        var slots = [freeSlot] + wrong
        rng.shuffle(&slots)
        let options = slots.map { Self.slot($0[0], $0[1]) }
        let answer = slots.firstIndex(of: freeSlot)!
        let question = """
            Today, \(person) went to the \(place). Between what times could they have gone?
            We know that:
            \(person) woke up at \(Self.clock(wake)).
            \(facts.joined(separator: "\n"))
            The \(place) was closed after \(Self.clock(close)).
            Between what times could \(person) have gone to the \(place)?
            """ + "\n\n" + BBH.optionBlock(options) + "\n\n" + BBH.choiceInstruction(optionCount)
        var metadata = BBH.choiceMetadata(options: options, answer: answer)
        metadata["wake"] = .int(wake)
        metadata["close"] = .int(close)
        metadata["busy"] = .array(busy.map { JSONValue($0) })
        metadata["slots"] = .array(slots.map { JSONValue($0) })
        return GeneratedItem(question: question, gold: BBH.label(answer), metadata: metadata)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        BBH.verifyChoice(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        wake, close = \(BBH.py(metadata["wake"] ?? 0)), \(BBH.py(metadata["close"] ?? 0))
        busy = \(BBH.py(metadata["busy"] ?? []))  # [start, end) hours when the person was seen elsewhere
        slots = \(BBH.py(metadata["slots"] ?? []))  # the options, in order, as [start, end) hours

        def free(a, b):
            return wake <= a and b <= close and all(b <= s or e <= a for s, e in busy)

        print("(" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[next(i for i, (a, b) in enumerate(slots) if free(a, b))] + ")")
        """
    }
}
