// Mahjong (SymBench): a hand of letter cards; each round a card is added, the
// round is judged Peng, Chi or Pass, and a card is removed. R1CI asks for the
// judgement of every round (not only the last), so a constant guess cannot
// collect much reward. One answer, compared exactly.

public struct MahjongTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "mahjong",
        title: "Mahjong",
        source: .symbench,
        category: "counting",
        description: "Judge each round of a letter-card game as Peng, Chi or Pass while cards are added and removed.",
        knobs: [
            Knob("rounds", "how many rounds are judged"),
            Knob("chi", "1: the Chi rule (three consecutive letters) is in play"),
            Knob("alphabet", "cards are drawn from the first this many letters"),
        ],
        levels: [
            Level("easy", ["rounds": 3, "chi": 0, "alphabet": 12]),
            Level("medium", ["rounds": 5, "chi": 1, "alphabet": 26]),
            Level("hard", ["rounds": 8, "chi": 1, "alphabet": 26]),
            Level("expert", ["rounds": 12, "chi": 1, "alphabet": 26]),
        ],
        defaultLevel: 1
    )

    /// 1 Peng (two of the new card already in hand), 2 Chi (two hand cards and the new card make three
    /// consecutive letters), 0 Pass; Peng first.
    static func judge(_ hand: [Int], _ card: Int, chi: Bool) -> Int {
        if hand.filter({ $0 == card }).count >= 2 { return 1 }
        if chi {
            let has = Set(hand)
            for start in (card - 2)...card {
                let run = [start, start + 1, start + 2]
                if run.allSatisfy({ $0 == card || has.contains($0) }) { return 2 }
            }
        }
        return 0
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let k = level["alphabet"], chi = level["chi"] == 1
        var hand = (0..<13).map { _ in rng.int(0..<k) }
        let initial = hand
        var adds: [Int] = [], removes: [Int] = [], results: [Int] = []
        for _ in 0..<level["rounds"] {
            // Half the time the new card is near a card in hand, which makes Peng and Chi likely.
            let card = rng.chance(0.5) ? min(k - 1, max(0, rng.pick(hand) + rng.int(-1...1))) : rng.int(0..<k)
            results.append(Self.judge(hand, card, chi: chi))
            hand.append(card)
            let removed = rng.pick(hand)
            hand.remove(at: hand.firstIndex(of: removed)!)
            adds.append(card)
            removes.append(removed)
        }
        func letter(_ v: Int) -> String { String(UnicodeScalar(UInt8(65 + v))) }
        let rounds = (0..<adds.count).map { "Round \($0 + 1): add a \(letter(adds[$0])) card, then remove a \(letter(removes[$0])) card." }
            .joined(separator: "\n")
        let chiRule = chi ? """
            - Chi (2): otherwise, if two cards in hand together with the new card form three consecutive letters \
            (such as ABC or OPQ), the round is Chi.

            """ : ""
        let question = """
            A letter-card game starts with 13 cards in hand: \(initial.map(letter).joined()).
            Each round, a new card is added and the round is judged by comparing the new card with the cards \
            already in hand (before it is added); then one card is removed (possibly the new one). The removal \
            happens after the judgement.
            - Peng (1): if the hand already holds two or more cards equal to the new card, the round is Peng.
            \(chiRule)- Pass (0): otherwise the round is Pass.\(chi ? " Peng takes precedence over Chi." : "")
            \(rounds)

            Give the judgement of every round, in order, as numbers separated by commas, in the form \
            <<<\((0..<adds.count).map { _ in "x" }.joined(separator: ","))>>>; for example <<<\((0..<adds.count).map { String($0 % 2) }.joined(separator: ","))>>>.
            """
        return GeneratedItem(question: question, gold: results.map(String.init).joined(separator: ","), metadata: [
            "hand": JSONValue(initial.map(letter)), "add": JSONValue(adds.map(letter)), "remove": JSONValue(removes.map(letter)),
            "chi": .bool(chi), "results": JSONValue(results),
        ])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let results = metadata["results"]?.intArray, !results.isEmpty else { return .wrong("item metadata is missing the results") }
        var text = answer.lowercased()
        for (word, digit) in [("peng", "1"), ("chi", "2"), ("pass", "0")] { text = text.replacing(word, with: digit) }
        guard let values = SymParse.integers(text), values.count == results.count else {
            return .wrong("expected \(results.count) judgements")
        }
        let wrong = zip(values, results).filter { $0.0 != $0.1 }.count
        return wrong == 0 ? .correct("every round is judged right") : .wrong("\(wrong) rounds are judged wrong")
    }

    public func oracle(metadata: JSONValue) -> String {
        let hand = metadata["hand"]?.stringArray ?? []
        let adds = metadata["add"]?.stringArray ?? []
        let removes = metadata["remove"]?.stringArray ?? []
        let chi = metadata["chi"]?.boolValue ?? false
        return """
            hand = \(SymFormat.pyStrings(hand))
            rounds = list(zip(\(SymFormat.pyStrings(adds)), \(SymFormat.pyStrings(removes))))
            chi_rule = \(chi ? "True" : "False")
            results = []
            for new, removed in rounds:
                if hand.count(new) >= 2:
                    results.append(1)
                elif chi_rule and any(all(c == new or c in hand for c in (chr(s), chr(s + 1), chr(s + 2)))
                                      for s in range(ord(new) - 2, ord(new) + 1)):
                    results.append(2)
                else:
                    results.append(0)
                hand.append(new)
                hand.remove(removed)
            print(",".join(map(str, results)))
            """
    }
}
