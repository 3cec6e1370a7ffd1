// penguins_in_a_table: a small table of animals (the project's own names and
// numbers), perhaps edited by adding and removing rows, then a question over
// it: an extreme, a lookup, a count, an alphabetical position or a total.
// Values in a column are all different, so extremes are unique.

struct AnimalTableTask: ReasoningTask {
    let info = TaskInfo(
        id: "penguins_in_a_table",
        title: "Animals in a table",
        source: .bbh,
        category: "logic",
        description: "Read a table of animals with age, height and weight, apply added and removed rows, and answer "
            + "a question about the result (four or five options).",
        knobs: [
            Knob("rows", "rows in the table at the start"),
            Knob("edits", "rows added or removed before the question"),
            Knob("question_kinds", "1: extremes and lookups; 2: also counts; 3: also alphabetical positions and totals"),
        ],
        levels: [
            Level("easy", ["rows": 4, "edits": 0, "question_kinds": 1]),
            Level("medium", ["rows": 5, "edits": 1, "question_kinds": 2]),
            Level("hard", ["rows": 7, "edits": 2, "question_kinds": 3]),
            Level("expert", ["rows": 9, "edits": 3, "question_kinds": 3]),
        ],
        defaultLevel: 1
    )

    static let species = ["penguins", "tortoises", "alpacas", "otters", "owls", "capybaras", "meerkats", "llamas"]
    static let petNames = ["Biscuit", "Pebble", "Juniper", "Mochi", "Clover", "Pickle", "Sable", "Toffee", "Hazel",
                           "Ziggy", "Nutmeg", "Bramble", "Olive", "Pip", "Rusty", "Willow", "Maple", "Sprout",
                           "Tango", "Cosmo", "Fennel", "Domino", "Kiwi", "Marble", "Basil", "Echo"]
    /// Column name, unit, value range.
    static let columns: [(String, String, ClosedRange<Int>)] = [
        ("age", "years", 1...30), ("height", "cm", 20...180), ("weight", "kg", 2...95),
    ]

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let rowCount = level["rows"], edits = level["edits"], kinds = level["question_kinds"]
        let animals = rng.pick(Self.species)
        let names = rng.sample(Self.petNames, count: rowCount + edits)
        // Distinct values per column for every row that may ever exist.
        let values = Self.columns.map { rng.sample(Array($0.2), count: rowCount + edits) }
        func row(_ i: Int) -> [JSONValue] { [.string(names[i])] + values.map { .int($0[i]) } }
        func rowText(_ i: Int) -> String { ([names[i]] + values.map { String($0[i]) }).joined(separator: ", ") }
        let initial = Array(0..<rowCount)
        var current = initial
        var editJSON: [JSONValue] = []
        var editText: [String] = []
        var next = rowCount
        for _ in 0..<edits {
            if current.count > 3 && rng.chance(0.45) {
                let gone = rng.pick(current)
                current.removeAll { $0 == gone }
                editJSON.append(["remove": .string(names[gone])])
                editText.append("Then \(names[gone]) leaves, so we delete that row.")
            } else {
                current.append(next)
                editJSON.append(["add": .array(row(next))])
                editText.append("Then we add a row: \(rowText(next)).")
                next += 1
            }
        }
        let header = "name, " + Self.columns.map { "\($0.0) (\($0.1))" }.joined(separator: ", ")
        let table = ([header] + initial.map(rowText)).joined(separator: "\n")

        // The question.
        let kind = rng.int(0..<[2, 3, 5][kinds - 1])  // 0 extreme, 1 lookup, 2 count, 3 alphabetical, 4 total
        let c = rng.int(0..<Self.columns.count)
        let (column, unit, _) = Self.columns[c]
        let col = values[c]
        var ask = ""
        var answer = ""
        var isName = true
        var query: [String: JSONValue] = [:]
        switch kind {
        case 0:
            let largest = rng.chance(0.5)
            let best = largest ? current.max { col[$0] < col[$1] }! : current.min { col[$0] < col[$1] }!
            let adjective = ["age": ["youngest", "oldest"], "height": ["shortest", "tallest"],
                             "weight": ["lightest", "heaviest"]][column]![largest ? 1 : 0]
            ask = "Which of the \(animals) is the \(adjective)?"
            answer = names[best]
            query = ["kind": "extreme", "column": .string(column), "largest": .bool(largest)]
        case 1:
            let who = rng.pick(current)
            ask = "What is the \(column) of \(names[who]), in \(unit)?"
            answer = String(col[who])
            isName = false
            query = ["kind": "lookup", "name": .string(names[who]), "column": .string(column)]
        case 2:
            // A threshold between two values present in the column.
            let sorted = current.map { col[$0] }.sorted()
            let k = rng.int(0..<(sorted.count - 1))
            let threshold = (sorted[k] + sorted[k + 1]) / 2
            let more = rng.chance(0.5)
            let comparison = ["age": ["younger than", "older than"], "height": ["shorter than", "taller than"],
                              "weight": ["lighter than", "heavier than"]][column]![more ? 1 : 0]
            ask = "How many of the \(animals) are \(comparison) \(threshold) \(unit)?"
            answer = String(current.filter { more ? col[$0] > threshold : col[$0] < threshold }.count)
            isName = false
            query = ["kind": "count", "column": .string(column), "more": .bool(more), "threshold": .int(threshold)]
        case 3:
            let position = rng.int(1...current.count)
            let ordinal = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                           "tenth", "eleventh", "twelfth"][position - 1]
            ask = "Sorted alphabetically by name, which animal comes \(ordinal)?"
            answer = current.map { names[$0] }.sorted()[position - 1]
            query = ["kind": "alphabetical", "position": .int(position)]
        default:
            ask = "What is the total \(column) of all the \(animals), in \(unit)?"
            answer = String(current.map { col[$0] }.reduce(0, +))
            isName = false
            query = ["kind": "total", "column": .string(column)]
        }
        // Five options: the answer and four others of the same kind.
        var pool: [String]
        if isName {
            // Other animals that are in the table now or were removed from it.
            pool = names.filter { n in n != answer && (current.contains { names[$0] == n }
                || editJSON.contains { $0["remove"]?.stringValue == n }) }
        } else {
            // Four other numbers from a window that holds the answer at a random place, so the
            // answer is not simply the middle option.
            let v = Int(answer)!
            let width = kind == 2 ? 2 : max(4, v / 8)
            let low = max(0, v - rng.int(0...(2 * width)))
            pool = (low...(low + 2 * width)).filter { $0 != v }.map(String.init)
        }
        pool = rng.sample(pool, count: min(4, pool.count))
        var options = [answer] + pool
        rng.shuffle(&options)
        let answerIndex = options.firstIndex(of: answer)!
        let edited = editText.isEmpty ? "" : "\n" + editText.joined(separator: " ")
        let question = """
            Here is a table of \(animals) at a sanctuary. The first line gives the columns.

            \(table)
            \(edited)
            \(ask)
            """ + "\n\n" + BBH.optionBlock(options) + "\n\n" + BBH.choiceInstruction(options.count)
        var metadata = BBH.choiceMetadata(options: options, answer: answerIndex)
        metadata["columns"] = JSONValue(["name"] + Self.columns.map(\.0))
        metadata["rows"] = .array(initial.map { .array(row($0)) })
        metadata["edits"] = .array(editJSON)
        metadata["query"] = .object(query)
        return GeneratedItem(question: question, gold: BBH.label(answerIndex), metadata: metadata)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        BBH.verifyChoice(answer: answer, metadata: metadata)
    }

    func oracle(metadata: JSONValue) -> String {
        """
        columns = \(BBH.py(metadata["columns"] ?? []))
        rows = \(BBH.py(metadata["rows"] ?? []))
        edits = \(BBH.py(metadata["edits"] ?? []))
        query = \(BBH.py(metadata["query"] ?? [:]))
        options = \(BBH.py(metadata["options"] ?? []))
        table = [dict(zip(columns, r)) for r in rows]
        for e in edits:
            if "add" in e:
                table.append(dict(zip(columns, e["add"])))
            else:
                table = [r for r in table if r["name"] != e["remove"]]
        kind, col = query["kind"], query.get("column")
        if kind == "extreme":
            answer = (max if query["largest"] else min)(table, key=lambda r: r[col])["name"]
        elif kind == "lookup":
            answer = str(next(r[col] for r in table if r["name"] == query["name"]))
        elif kind == "count":
            t = query["threshold"]
            answer = str(sum((r[col] > t) if query["more"] else (r[col] < t) for r in table))
        elif kind == "alphabetical":
            answer = sorted(r["name"] for r in table)[query["position"] - 1]
        else:
            answer = str(sum(r[col] for r in table))
        \(BBH.printChoice)
        """
    }
}
