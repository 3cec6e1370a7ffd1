// Constrained Linear Arrangement (SymBench 21): a card game of the five
// elements. The opponent's cards are known in order; the player must order
// their own hand so the rounds give a stated record. The verifier replays the
// rounds, so any order that gives the record is accepted.

struct ConstrainedLinearArrangementTask: ReasoningTask {
    let info = TaskInfo(
        id: "constrained_linear_arrangement",
        title: "Constrained Linear Arrangement",
        source: .symbench,
        category: "logic",
        description: "Order a hand of element cards so the rounds against a known opponent give a stated record.",
        knobs: [
            Knob("rounds", "how many rounds (cards in each hand)"),
            Knob("totals_only", "1: only the numbers of wins, draws and losses are given, not each round's result"),
        ],
        levels: [
            Level("easy", ["rounds": 4, "totals_only": 0]),
            Level("medium", ["rounds": 6, "totals_only": 0]),
            Level("hard", ["rounds": 8, "totals_only": 1]),
            Level("expert", ["rounds": 10, "totals_only": 1]),
        ],
        defaultLevel: 1
    )

    /// Each element overcomes the next one in this cycle (Wood overcomes Earth, …, Metal overcomes Wood).
    static let elements = ["Wood", "Earth", "Water", "Fire", "Metal"]

    /// "win", "loss" or "draw" for the player's card against the opponent's.
    static func outcome(_ mine: Int, _ theirs: Int) -> String {
        if (mine + 1) % 5 == theirs { return "win" }
        if (theirs + 1) % 5 == mine { return "loss" }
        return "draw"
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["rounds"], totalsOnly = level["totals_only"] == 1
        let opponent = (0..<n).map { _ in rng.int(0...4) }
        let order = (0..<n).map { _ in rng.int(0...4) }
        let record = zip(order, opponent).map { ConstrainedLinearArrangementTask.outcome($0, $1) }
        let hand = order.sorted().map { Self.elements[$0] }
        let recordText: String
        if totalsOnly {
            let count = { (r: String) in record.filter { $0 == r }.count }
            let plural = { (k: Int, one: String, many: String) in "\(k) \(k == 1 ? one : many)" }
            recordText = "Over the \(n) rounds you must finish with exactly \(plural(count("win"), "win", "wins")), "
                + "\(plural(count("draw"), "draw", "draws")) and \(plural(count("loss"), "loss", "losses"))."
        } else {
            recordText = "The results of the rounds, in order, must be: " + record.joined(separator: ", ") + "."
        }
        let question = """
            A card game uses the five elements. Wood overcomes Earth, Earth overcomes Water, Water overcomes Fire, \
            Fire overcomes Metal and Metal overcomes Wood. In each round both players play one card: you win the \
            round if your card overcomes the opponent's, you lose if the opponent's card overcomes yours, and \
            otherwise (the same element, or two elements where neither overcomes the other) it is a draw.
            Your opponent will play, in this order: \(opponent.map { Self.elements[$0] }.joined(separator: ", ")).
            Your hand is: \(hand.joined(separator: ", ")). You play each card of your hand exactly once.
            \(recordText)
            In what order should you play your cards? Give your cards in playing order as your final answer in the \
            form <<<[card1, card2, ...]>>>, for example <<<[Fire, Wood, Wood, Metal]>>>.
            """
        return GeneratedItem(question: question, gold: "[" + order.map { Self.elements[$0] }.joined(separator: ", ") + "]", metadata: [
            "opponent": JSONValue(opponent), "hand": JSONValue(order.sorted()), "record": JSONValue(record),
            "totals_only": .bool(totalsOnly),
        ])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let opponent = metadata["opponent"]?.intArray, let hand = metadata["hand"]?.intArray,
              let record = metadata["record"]?.stringArray else { return .wrong("item metadata is missing the game") }
        guard let tokens = SymParse.tokens(answer), tokens.count <= 100 else { return .wrong("expected a list of cards") }
        var cards: [Int] = []
        for t in tokens {
            guard let i = Self.elements.firstIndex(where: { $0.lowercased() == t.lowercased() }) else {
                return .wrong("'\(t)' is not an element card")
            }
            cards.append(i)
        }
        guard cards.count == opponent.count else { return .wrong("\(cards.count) cards given, \(opponent.count) rounds are played") }
        guard cards.sorted() == hand else { return .wrong("the cards are not exactly your hand") }
        let played = zip(cards, opponent).map { ConstrainedLinearArrangementTask.outcome($0, $1) }
        if metadata["totals_only"]?.boolValue == true {
            return played.sorted() == record.sorted() ? .correct("the record matches")
                : .wrong("this order gives \(played.filter { $0 == "win" }.count) wins, \(played.filter { $0 == "draw" }.count) draws")
        }
        return played == record ? .correct("every round matches") : .wrong("this order gives the rounds \(played.joined(separator: ", "))")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from itertools import permutations
        names = ["Wood", "Earth", "Water", "Fire", "Metal"]  # each overcomes the next, cyclically
        opponent = \(RG.py(metadata["opponent"] ?? []))
        hand = \(RG.py(metadata["hand"] ?? []))
        record = \(RG.py(metadata["record"] ?? []))
        totals_only = \(metadata["totals_only"]?.boolValue == true ? "True" : "False")
        def outcome(mine, theirs):
            return "win" if (mine + 1) % 5 == theirs else ("loss" if (theirs + 1) % 5 == mine else "draw")
        # Depth-first search over the hand, pruning as soon as a round (or a count) cannot match.
        target = {r: record.count(r) for r in ("win", "draw", "loss")}
        def search(i, left, chosen, counts):
            if i == len(opponent):
                return chosen
            for card in sorted(set(left)):
                r = outcome(card, opponent[i])
                if (not totals_only and r != record[i]) or counts[r] + 1 > target[r]:
                    continue
                rest = list(left)
                rest.remove(card)
                counts[r] += 1
                found = search(i + 1, rest, chosen + [card], counts)
                counts[r] -= 1
                if found:
                    return found
            return None
        print("[" + ", ".join(names[c] for c in search(0, hand, [], {"win": 0, "draw": 0, "loss": 0})) + "]")
        """
    }
}
