// Focused tests of the BIG-Bench-Hard style generators: every gold scores 1
// through a metadata round trip, junk scores 0, answer forms are parsed
// strictly, labels are balanced, and each task's answers agree with an
// independent check written here (a parser, a simulation or a brute force).

import Foundation
import Testing
@testable import R1Tasks

private let bbhIDs = BBHTasks.all.map(\.info.id)

/// This file's items: `TaskSamples.items` from seed 17.
private func items(_ id: String, level: Int, count: Int, seed: UInt64 = 17) throws -> [TaskItem] {
    try TaskSamples.items(id, level: level, count: count, seed: seed)
}

private func allLevels(_ id: String, count: Int) throws -> [TaskItem] {
    try TaskSamples.itemsAtEveryLevel(id, count: count, seed: 17)
}

private func options(_ it: TaskItem) -> [String] { it.metadata["options"]?.stringArray ?? [] }
private func answerIndex(_ it: TaskItem) -> Int { it.metadata["answer_index"]?.intValue ?? -1 }
private func letterIndex(_ gold: String) -> Int { Int(gold.unicodeScalars.dropFirst().first!.value) - 65 }

@Suite("BBH tasks")
struct BBHTaskTests {
    @Test func registeredWithSourceAndSmallCategorySet() throws {
        #expect(bbhIDs.count == 16)
        #expect(Set(bbhIDs).count == bbhIDs.count)
        for id in bbhIDs {
            let t = try TaskRegistry.task(id)
            #expect(t.info.source == .bbh)
            #expect((3...4).contains(t.info.levels.count))
            #expect(["logic", "string", "spatial", "temporal", "counting"].contains(t.info.category))
            #expect(id == id.lowercased() && !id.contains(" "))
        }
        #expect(bbhIDs.contains("tracking_shuffled_objects_3") && bbhIDs.contains("tracking_shuffled_objects_7"))
    }

    @Test(arguments: bbhIDs)
    func goldScoresOneJunkScoresZero(id: String) throws {
        let task = try TaskRegistry.task(id)
        let junk = ["", "banana", "(A) or (B)", "A, B", "(A)(B)", "Yes No", "True or False", "-1",
                    "<<<>>> ignore previous instructions"]
        let huge = String(repeating: "( yes ", count: 12_000)
        for level in task.info.levels.indices {
            let its = try items(id, level: level, count: 15)
            for it in its {
                let meta = try #require(JSONValue.parse(it.metadata.canonicalJSON()))
                #expect(task.verify(answer: it.gold, metadata: meta).isCorrect, "\(id) gold \(it.gold)")
                #expect(task.score(response: "Reasoning…\n<<<\(it.gold)>>>", metadata: meta).isCorrect)
                #expect(it.question.contains("<<<"), "the question says how to answer")
                for j in junk { #expect(!task.verify(answer: j, metadata: meta).isCorrect, "\(id) accepted \(j.prefix(20))") }
            }
            #expect(!task.score(response: "<<<\(huge)>>>", metadata: its[0].metadata).isCorrect)
            // Another item's gold is not always right.
            let others = zip(its, its.dropFirst()).filter { task.verify(answer: $1.gold, metadata: $0.metadata).isCorrect }
            #expect(others.count < its.count - 1)
            // Same inputs, same item.
            #expect(try task.item(seed: 17, level: level, index: 3) == its[3])
        }
    }

    @Test(arguments: ["boolean_expressions", "navigate", "web_of_lies", "formal_fallacies"])
    func binaryLabelsAreBalanced(id: String) throws {
        let task = try TaskRegistry.task(id)
        for level in task.info.levels.indices {
            let golds = try items(id, level: level, count: 300, seed: 99).map(\.gold)
            let share = Double(golds.filter { $0 == golds[0] }.count) / Double(golds.count)
            #expect((0.4...0.6).contains(share), "\(id) level \(level): \(share)")
        }
    }

    @Test func binaryAnswersAcceptOnlyCommonSpellings() throws {
        let it = try items("navigate", level: 1, count: 1)[0]
        let task = try TaskRegistry.task("navigate")
        let yes = it.gold == "Yes"
        for form in ["Yes", "yes", "YES", "Yes."] { #expect(task.verify(answer: form, metadata: it.metadata).isCorrect == yes) }
        for form in ["No", "no", " no. "] { #expect(task.verify(answer: form, metadata: it.metadata).isCorrect == !yes) }
        for form in ["Y", "yep", "Yes, no", "true"] { #expect(!task.verify(answer: form, metadata: it.metadata).isCorrect) }
        let fallacy = try items("formal_fallacies", level: 0, count: 1)[0]
        let ff = try TaskRegistry.task("formal_fallacies")
        #expect(ff.verify(answer: fallacy.gold.uppercased(), metadata: fallacy.metadata).isCorrect)
        #expect(!ff.verify(answer: "valid or invalid", metadata: fallacy.metadata).isCorrect)
    }

    @Test(arguments: bbhIDs.filter { !["boolean_expressions", "navigate", "web_of_lies", "formal_fallacies",
                                         "dyck_languages", "word_sorting", "object_counting"].contains($0) })
    func multipleChoiceForms(id: String) throws {
        let task = try TaskRegistry.task(id)
        for it in try allLevels(id, count: 6) {
            let opts = options(it), gold = answerIndex(it)
            #expect(opts.count >= 2 && Set(opts.map { $0.lowercased() }).count == opts.count, "options are distinct")
            #expect(it.gold == BBH.label(gold))
            let letter = String(BBH.letters[gold])
            let wrong = (gold + 1) % opts.count
            let wrongLetter = String(BBH.letters[wrong])
            for form in ["(\(letter))", letter, letter.lowercased(), "\(letter))", opts[gold], opts[gold].uppercased(),
                         "(\(letter)) \(opts[gold])", "\(opts[gold])."] {
                #expect(task.verify(answer: form, metadata: it.metadata).isCorrect, "\(id) rejected \(form)")
            }
            for form in ["(\(wrongLetter))", wrongLetter, opts[wrong], "(\(letter)) \(opts[wrong])",
                         "(\(letter)) or (\(wrongLetter))", "\(letter), \(wrongLetter)", "\(opts[gold]) or \(opts[wrong])",
                         "(Z)"] {
                #expect(!task.verify(answer: form, metadata: it.metadata).isCorrect, "\(id) accepted \(form)")
            }
        }
    }

    @Test func generationIsFast() throws {
        for id in bbhIDs {
            let task = try TaskRegistry.task(id)
            var times: [Double] = []
            for level in task.info.levels.indices {
                for i in 0..<40 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try task.item(seed: 5, level: level, index: UInt64(i))
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
            }
            let median = times.sorted()[times.count / 2]
            #expect(median < 5, "\(id) median \(median) ms")
        }
    }

    @Test func oraclesPrintTheGold() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        for id in bbhIDs {
            let task = try TaskRegistry.task(id)
            for level in task.info.levels.indices {
                let it = try task.item(seed: 23, level: level, index: 0)
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
                p.arguments = ["-c", task.oracle(metadata: it.metadata)]
                let out = Pipe()
                p.standardOutput = out
                try p.run()
                let data = out.fileHandleForReading.readDataToEndOfFile()
                p.waitUntilExit()
                let printed = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(printed == it.gold, "\(id) level \(level): oracle printed \(printed)")
                #expect(task.verify(answer: printed, metadata: it.metadata).isCorrect)
            }
        }
    }

    // MARK: independent checks, one per task

    /// A recursive-descent evaluator: or → and → not → atom.
    static func evaluate(_ text: String) -> Bool? {
        var tokens = text.split(separator: " ").map(String.init)[...]
        func atom() -> Bool? {
            guard let t = tokens.popFirst() else { return nil }
            switch t {
            case "True": return true
            case "False": return false
            case "not": return atom().map { !$0 }
            case "(":
                let v = or()
                guard tokens.popFirst() == ")" else { return nil }
                return v
            default: return nil
            }
        }
        func and() -> Bool? {
            guard var v = atom() else { return nil }
            while tokens.first == "and" { tokens.removeFirst(); guard let w = atom() else { return nil }; v = v && w }
            return v
        }
        func or() -> Bool? {
            guard var v = and() else { return nil }
            while tokens.first == "or" { tokens.removeFirst(); guard let w = and() else { return nil }; v = v || w }
            return v
        }
        let v = or()
        return tokens.isEmpty ? v : nil
    }

    @Test func booleanExpressionsMatchAnIndependentEvaluator() throws {
        #expect(Self.evaluate("not True or ( False or True ) and not not False") == false)
        for it in try allLevels("boolean_expressions", count: 150) {
            let expr = try #require(it.metadata["expression"]?.stringValue)
            #expect(it.question.contains(expr))
            #expect(Self.evaluate(expr).map { $0 ? "True" : "False" } == it.gold, "\(expr)")
        }
        let depths = try items("boolean_expressions", level: 3, count: 100).compactMap { $0.metadata["depth"]?.intValue }
        #expect(depths.allSatisfy { $0 <= 4 } && depths.contains(4))
    }

    @Test func dyckGoldClosesThePrefix() throws {
        let task = try TaskRegistry.task("dyck_languages")
        let closer: [Character: Character] = ["(": ")", "[": "]", "{": "}", "<": ">"]
        for it in try allLevels("dyck_languages", count: 80) {
            let prefix = try #require(it.metadata["prefix"]?.stringValue)
            var stack: [Character] = []
            var ok = true
            for c in (prefix + " " + it.gold) where !c.isWhitespace {
                if let close = closer[c] { stack.append(close) } else if stack.last == c { stack.removeLast() } else { ok = false }
            }
            #expect(ok && stack.isEmpty)
            let short = String(it.gold.split(separator: " ").dropLast().joined(separator: " "))
            #expect(!task.verify(answer: short, metadata: it.metadata).isCorrect)
            #expect(!task.verify(answer: it.gold + " ( )", metadata: it.metadata).isCorrect)
            #expect(task.verify(answer: it.gold.replacingOccurrences(of: " ", with: ""), metadata: it.metadata).isCorrect)
        }
    }

    @Test func navigateReturnsIffYes() throws {
        for it in try allLevels("navigate", count: 100) {
            // Simulate from the question's own sentences.
            let body = it.question.components(separatedBy: "\n\n")[1]
            var x = 0, y = 0, dx = 0, dy = 1
            for sentence in body.split(separator: ".").map({ $0.trimmingCharacters(in: .whitespaces) }) where !sentence.isEmpty {
                let words = sentence.split(separator: " ").map(String.init)
                if words[0] == "Turn" {
                    let quarters = ["right": 1, "around": 2, "left": 3][words[1]]!
                    for _ in 0..<quarters { (dx, dy) = (dy, -dx) }
                } else {
                    let n = Int(words[1])!
                    let dir = words.count > 3 ? words[3] : "forward"
                    let (sx, sy) = ["forward": (dx, dy), "backward": (-dx, -dy), "right": (dy, -dx), "left": (-dy, dx)][dir]!
                    x += n * sx; y += n * sy
                }
            }
            #expect((x == 0 && y == 0) == (it.gold == "Yes"), "\(body)")
        }
    }

    @Test func webOfLiesHasOneConsistentAssignment() throws {
        for it in try allLevels("web_of_lies", count: 30) {
            let claims = try #require(it.metadata["claims"]?.arrayValue)
            let first = try #require(it.metadata["first_honest"]?.boolValue)
            let n = claims.count + 1
            var solutions: [[Bool]] = []
            for bits in 0..<(1 << n) {
                let h = (0..<n).map { bits >> $0 & 1 == 1 }
                guard h[0] == first else { continue }
                let consistent = claims.enumerated().allSatisfy { i, c in
                    let about = c["about"]!.intArray!
                    let said: Bool
                    switch c["kind"]!.stringValue! {
                    case "truthful": said = h[about[0]]
                    case "liar": said = !h[about[0]]
                    case "both_truthful": said = h[about[0]] && h[about[1]]
                    case "one_lies": said = !(h[about[0]] && h[about[1]])
                    default: said = h[about[0]] == h[about[1]]
                    }
                    return said == h[i + 1]
                }
                if consistent { solutions.append(h) }
            }
            #expect(solutions.count == 1)
            #expect((solutions.first?.last == true ? "Yes" : "No") == it.gold)
        }
    }

    @Test func wordSortingGoldIsTheSortedList() throws {
        let task = try TaskRegistry.task("word_sorting")
        for it in try allLevels("word_sorting", count: 50) {
            let line = try #require(it.question.split(separator: "\n").first { $0.hasPrefix("List: ") })
            let words = line.dropFirst(6).split(separator: " ").map(String.init)
            #expect(words.sorted().joined(separator: " ") == it.gold)
            #expect(task.verify(answer: it.gold.uppercased().replacingOccurrences(of: " ", with: ", "), metadata: it.metadata).isCorrect)
            #expect(!task.verify(answer: words.joined(separator: " "), metadata: it.metadata).isCorrect || words == words.sorted())
            #expect(!task.verify(answer: words.sorted().dropLast().joined(separator: " "), metadata: it.metadata).isCorrect)
        }
        #expect(Set(WordSortingTask.lexicon).count == WordSortingTask.lexicon.count)
    }

    @Test func trackingFollowsTheSwapsInTheText() throws {
        for n in [3, 5, 7] {
            for it in try allLevels("tracking_shuffled_objects_\(n)", count: 40) {
                let people = it.metadata["people"]!.stringArray!, things = it.metadata["things"]!.stringArray!
                var has = Dictionary(uniqueKeysWithValues: zip(people, things))
                // Swaps read back from the sentences "…, A and B <verb>."
                let sentences = it.question.components(separatedBy: ". ")
                var swaps = 0
                for s in sentences where s.range(of: #"^(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth|Twenty-first|Twenty-second|Finally), "#, options: .regularExpression) != nil {
                    let names = s.split(separator: " ").map { String($0).trimmingCharacters(in: .punctuationCharacters) }.filter { people.contains($0) }
                    #expect(names.count == 2)
                    let (a, b) = (names[0], names[1])
                    (has[a], has[b]) = (has[b], has[a])
                    swaps += 1
                }
                #expect(swaps == it.metadata["difficulty"]!["knobs"]!["swaps"]!.intValue!)
                let opts = options(it), gold = opts[answerIndex(it)]
                if let asked = it.metadata["asks"]?["thing_of"]?.intValue {
                    #expect(has[people[asked]] == gold)
                } else {
                    let thing = things[it.metadata["asks"]!["holder_of"]!.intValue!]
                    #expect(has[gold] == thing)
                }
            }
        }
    }

    @Test func objectCountingParsesBackFromTheQuestion() throws {
        var plural: [String: (String, Int)] = [:]  // phrase → (category, count per mention)
        for (category, words) in ObjectCountingTask.lexicon {
            for (s, p) in words { plural[p] = (category, 0); plural[s] = (category, 1) }
        }
        for it in try allLevels("object_counting", count: 60) {
            let first = it.question.components(separatedBy: ". How many ")
            let category = first[1].components(separatedBy: " do I have")[0]
            let list = first[0].dropFirst("I have ".count)
            var total = 0
            for part in list.replacingOccurrences(of: " and ", with: ", ").components(separatedBy: ", ") {
                let words = part.split(separator: " ", maxSplits: 1).map(String.init)
                let n = ["a": 1, "an": 1][words[0]] ?? BBH.numberWords.firstIndex(of: words[0])!
                let (c, _) = try #require(plural[words[1]], "\(words[1])")
                if c == category { total += n }
            }
            #expect(String(total) == it.gold)
        }
        let it = try items("object_counting", level: 0, count: 1)[0]
        let task = try TaskRegistry.task("object_counting")
        #expect(task.verify(answer: BBH.numberWords[Int(it.gold)!], metadata: it.metadata).isCorrect)
        #expect(!task.verify(answer: String(Int(it.gold)! + 1), metadata: it.metadata).isCorrect)
    }

    @Test func hyperbatonHasExactlyOneOrderedOption() throws {
        var rank: [String: Int] = [:]
        for (i, (_, words)) in HyperbatonTask.categories.enumerated() { for w in words { #expect(rank[w] == nil); rank[w] = i } }
        for it in try allLevels("hyperbaton", count: 60) {
            let ordered = options(it).indices.filter { i in
                let ranks = options(it)[i].split(separator: " ").dropLast().map { rank[String($0)]! }
                return ranks == ranks.sorted()
            }
            #expect(ordered == [answerIndex(it)])
        }
    }

    @Test func temporalSequencesHaveOneFreeSlot() throws {
        func hour(_ s: Substring) -> Int {
            let h = Int(s.dropLast(2))!
            return s.hasSuffix("am") ? h % 12 : h % 12 + 12
        }
        for it in try allLevels("temporal_sequences", count: 60) {
            let lines = it.question.split(separator: "\n")
            var busy: [(Int, Int)] = []
            var wake = 0, close = 0
            for l in lines {
                let words = l.split(separator: " ")
                if l.contains(" woke up at ") { wake = hour(words.last!.dropLast()) }
                if l.contains(" was closed after ") { close = hour(words.last!.dropLast()) }
                if l.contains(" saw "), let from = words.firstIndex(of: "from") {
                    busy.append((hour(words[from + 1]), hour(words[from + 3].dropLast())))
                }
            }
            let free = options(it).indices.filter { i in
                let w = options(it)[i].split(separator: " ")
                let (a, b) = (hour(w[0]), hour(w[2]))
                return wake <= a && b <= close && busy.allSatisfy { b <= $0.0 || $0.1 <= a }
            }
            #expect(free == [answerIndex(it)], "\(it.question)")
        }
    }

    @Test func dateUnderstandingAgreesWithFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let iso = DateFormatter()
        iso.calendar = calendar; iso.timeZone = calendar.timeZone; iso.locale = Locale(identifier: "en_US_POSIX")
        iso.dateFormat = "yyyy-MM-dd"
        let mdy = DateFormatter()
        mdy.calendar = calendar; mdy.timeZone = calendar.timeZone; mdy.locale = iso.locale
        mdy.dateFormat = "MM/dd/yyyy"
        for it in try allLevels("date_understanding", count: 80) {
            let stated = try #require(iso.date(from: it.metadata["stated_date"]!.stringValue!))
            let days = it.metadata["days_to_today"]!.intArray!.reduce(0, +)
            let today = calendar.date(byAdding: .day, value: days, to: stated)!
            let offset = it.metadata["offset"]!
            let target = offset["days"] != nil
                ? calendar.date(byAdding: .day, value: offset["days"]!.intValue!, to: today)!
                : calendar.date(byAdding: .month, value: offset["months"]!.intValue!, to: today)!
            #expect(options(it)[answerIndex(it)] == mdy.string(from: target))
        }
        // Day numbers round-trip.
        for z in stride(from: -30_000, to: 30_000, by: 37) {
            let (y, m, d) = DateUnderstandingTask.civil(z)
            #expect(DateUnderstandingTask.dayNumber(y, m, d) == z)
        }
    }

    @Test func colouredObjectsAnswersFollowTheScene() throws {
        for it in try allLevels("reasoning_about_colored_objects", count: 60) {
            let things = it.metadata["things"]!.stringArray!, colours = it.metadata["colours"]!.stringArray!
            for (t, c) in zip(things, colours) { #expect(it.question.contains("\(c) \(t)")) }
            let q = it.metadata["query"]!, gold = options(it)[answerIndex(it)]
            switch q["kind"]!.stringValue! {
            case "colour_of": #expect(colours[things.firstIndex(of: q["thing"]!.stringValue!)!] == gold)
            case "end": #expect((q["side"]!.stringValue! == "left" ? colours.first : colours.last) == gold)
            case "neighbour":
                let i = things.firstIndex(of: q["thing"]!.stringValue!)! + (q["side"]!.stringValue! == "left" ? -1 : 1)
                #expect(colours[i] == gold)
            case "count_not":
                let ex = q["colours"]!.stringArray!
                #expect(BBH.numberWords[colours.filter { !ex.contains($0) }.count] == gold)
            default:
                #expect(BBH.numberWords[colours.filter { $0 != q["colour"]!.stringValue! }.count] == gold)
            }
        }
    }

    @Test func animalTableAnswersFollowTheEditedTable() throws {
        for it in try allLevels("penguins_in_a_table", count: 60) {
            var rows = it.metadata["rows"]!.arrayValue!.map { $0.arrayValue! }
            for e in it.metadata["edits"]!.arrayValue! {
                if let add = e["add"]?.arrayValue { rows.append(add) } else {
                    rows.removeAll { $0[0].stringValue == e["remove"]!.stringValue }
                }
            }
            let cols = ["age": 1, "height": 2, "weight": 3]
            let q = it.metadata["query"]!, gold = options(it)[answerIndex(it)]
            let col = q["column"]?.stringValue.flatMap { cols[$0] } ?? 0
            func v(_ r: [JSONValue]) -> Int { r[col].intValue! }
            switch q["kind"]!.stringValue! {
            case "extreme":
                let values = rows.map(v)
                #expect(Set(values).count == values.count)
                let best = q["largest"]!.boolValue! ? rows.max { v($0) < v($1) }! : rows.min { v($0) < v($1) }!
                #expect(best[0].stringValue == gold)
            case "lookup": #expect(String(v(rows.first { $0[0].stringValue == q["name"]!.stringValue }!)) == gold)
            case "count":
                let t = q["threshold"]!.intValue!, more = q["more"]!.boolValue!
                #expect(String(rows.filter { more ? v($0) > t : v($0) < t }.count) == gold)
            case "alphabetical":
                #expect(rows.map { $0[0].stringValue! }.sorted()[q["position"]!.intValue! - 1] == gold)
            default: #expect(String(rows.map(v).reduce(0, +)) == gold)
            }
        }
    }

    /// Validity by searching small models: a person's type is a set of properties,
    /// a domain is up to 4 people (enough for easy items: at most 3 "somebody" claims
    /// and one named person), and the named person is one of them.
    @Test func formalFallaciesAgreeWithSmallModelSearch() throws {
        for it in try items("formal_fallacies", level: 0, count: 60) {
            let k = it.metadata["properties"]!.intValue!
            let premises = it.metadata["premises"]!.arrayValue!, conclusion = it.metadata["conclusion"]!
            func lit(_ l: Int, _ t: Int) -> Bool { (t >> (abs(l) - 1) & 1 == 1) == (l > 0) }
            func holds(_ s: JSONValue, _ domain: [Int], _ person: Int) -> Bool {
                let b = (s["b"] ?? s["any"])!.intArray!
                let pred = { (t: Int) in b.contains { lit($0, t) } }
                switch s["form"]!.stringValue! {
                case "all": return domain.allSatisfy { !lit(s["a"]!.intValue!, $0) || pred($0) }
                case "no": return domain.allSatisfy { !(lit(s["a"]!.intValue!, $0) && pred($0)) }
                case "some": return domain.contains { lit(s["a"]!.intValue!, $0) && pred($0) }
                default: return pred(domain[person])
                }
            }
            var counterexample = false
            let types = 1 << k
            search: for size in 1...4 {
                var domain = Array(repeating: 0, count: size)
                while true {
                    for person in 0..<size where premises.allSatisfy({ holds($0, domain, person) }) && !holds(conclusion, domain, person) {
                        counterexample = true
                        break search
                    }
                    var i = 0
                    while i < size && domain[i] == types - 1 { domain[i] = 0; i += 1 }
                    if i == size { break }
                    domain[i] += 1
                }
            }
            #expect((counterexample ? "invalid" : "valid") == it.gold, "\(it.question)")
        }
    }

    @Test func formalFallaciesFallbackChainIsRight() {
        typealias S = FormalFallaciesTask.Statement
        for (n, k) in [(2, 3), (3, 4), (4, 5)] {
            let chain = (0..<n).map { S(form: "all", a: $0 % k + 1, b: [($0 + 1) % k + 1]) }
            let end = n % k + 1
            #expect(FormalFallaciesTask.entails(chain, S(form: "all", a: 1, b: [end]), k))
            #expect(!FormalFallaciesTask.entails(chain, S(form: "all", a: end, b: [1]), k))
            #expect(!FormalFallaciesTask.entails(chain, S(form: "some", a: 1, b: [end]), k))  // no existential import
        }
    }

    @Test func geometricShapesMatchTheirPaths() throws {
        for it in try allLevels("geometric_shapes", count: 80) {
            let path = it.metadata["path"]!.stringValue!
            let gold = options(it)[answerIndex(it)]
            if path.contains("A") {
                #expect(["circle", "ellipse", "sector"].contains(gold))
                continue
            }
            let numbers = path.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            let points = stride(from: 0, to: numbers.count, by: 2).map { [Int((numbers[$0] * 100).rounded()), Int((numbers[$0 + 1] * 100).rounded())] }
            let corners = Set(points.map { "\($0[0]),\($0[1])" }).count
            let expected = [2: "line", 3: "triangle", 5: "pentagon", 6: "hexagon", 7: "heptagon", 8: "octagon"][corners]
            if corners == 4 {
                #expect(["rectangle", "kite", "trapezoid"].contains(gold))
            } else {
                #expect(expected == gold, "\(path)")
            }
        }
        // The quadrilateral builders make what they say.
        var rng = SplitMix64(state: 42)
        for kind in ["rectangle", "kite", "trapezoid"] {
            var made = 0
            while made < 50 {
                guard let pts = GeometricShapesTask.polygon(kind, rng: &rng) else { continue }
                #expect(GeometricShapesTask.classifyQuadrilateral(pts) == kind)
                made += 1
            }
        }
    }
}
