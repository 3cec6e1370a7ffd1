// tower_of_hanoi (Reasoning Gym, games): disks of different sizes sit on three
// pegs in a legal position (never a larger disk on a smaller one), not
// necessarily one tower; move them all onto a target peg in as few moves as
// possible. The fewest moves come from the classic recursion: the largest
// disk not yet home needs everything smaller moved to the third peg first.
// The verifier plays the moves and accepts any legal sequence of that length.

public struct TowerOfHanoiTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "tower_of_hanoi", title: "Tower of Hanoi", source: .reasoningGym, category: "games",
        description: "Move every disk onto the target peg in the fewest legal moves, from any legal position.",
        knobs: [Knob("disks", "number of disks")],
        levels: [Level("easy", ["disks": 3]), Level("medium", ["disks": 5]),
                 Level("hard", ["disks": 7]), Level("expert", ["disks": 9])],
        defaultLevel: 1)

    /// Fewest moves to bring disks 1…k (peg[d] is disk d's peg, d from 1) onto `target`.
    static func fewest(_ peg: [Int], _ k: Int, _ target: Int) -> Int {
        if k == 0 { return 0 }
        if peg[k] == target { return fewest(peg, k - 1, target) }
        return fewest(peg, k - 1, 3 - peg[k] - target) + 1 + (1 << (k - 1)) - 1
    }

    /// The moves themselves, as (from, to) peg indices.
    static func moves(_ peg: inout [Int], _ k: Int, _ target: Int, _ out: inout [(Int, Int)]) {
        if k == 0 { return }
        if peg[k] == target { moves(&peg, k - 1, target, &out); return }
        let other = 3 - peg[k] - target
        moves(&peg, k - 1, other, &out)
        out.append((peg[k], target)); peg[k] = target
        moves(&peg, k - 1, target, &out)
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["disks"]
        // Peg names: three distinct capital letters, so the position is told in fresh words.
        let names = rng.sample(Array("ABCDEFGHJKLMNPRSTUVWXYZ").map(String.init), count: 3)
        var peg = [0] + (1...n).map { _ in rng.int(0...2) }
        let target = rng.int(0...2)
        if (1...n).allSatisfy({ peg[$0] == target }) { peg[n] = (target + 1) % 3 }
        let best = Self.fewest(peg, n, target)
        var work = peg, list: [(Int, Int)] = []
        Self.moves(&work, n, target, &list)
        let lines = (0..<3).map { p in
            let disks = (1...n).reversed().filter { peg[$0] == p }
            return "Peg \(names[p]): " + (disks.isEmpty ? "empty" : disks.map(String.init).joined(separator: ", "))
        }
        let question = """
            Disks numbered 1 (smallest) to \(n) (largest) sit on three pegs, listed bottom to top:
            \(lines.joined(separator: "\n"))

            A move takes the top disk of one peg and puts it on another peg, never on a smaller disk. Move all \
            \(n) disks onto peg \(names[target]) using as few moves as possible. Write each move as FROM->TO with \
            the peg letters and give the moves in order as your final answer inside <<< and >>>, separated by \
            spaces, for example <<<\(names[0])->\(names[2]) \(names[0])->\(names[1])>>>.
            """
        return GeneratedItem(question: question, gold: list.map { "\(names[$0.0])->\(names[$0.1])" }.joined(separator: " "),
                             metadata: ["pegs": JSONValue(names), "position": JSONValue(Array(peg.dropFirst())),
                                        "target": .int(target), "fewest": .int(best)])
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let names = metadata["pegs"]?.stringArray, names.count == 3, let position = metadata["position"]?.intArray,
              let target = metadata["target"]?.intValue, let best = metadata["fewest"]?.intValue,
              position.allSatisfy({ (0...2).contains($0) }) else { return .wrong("item metadata has no position") }
        let words = answer.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" })
        guard !words.isEmpty, words.count <= 5000 else { return .wrong("give the moves as FROM->TO") }
        // stacks[p]: disk numbers bottom to top.
        var stacks = (0..<3).map { p in (1...position.count).reversed().filter { position[$0 - 1] == p } }
        for word in words {
            let parts = word.split(separator: "->", omittingEmptySubsequences: false)
            guard parts.count == 2, let from = names.firstIndex(of: String(parts[0])),
                  let to = names.firstIndex(of: String(parts[1])), from != to else {
                return .wrong("'\(word.prefix(20))' is not a move FROM->TO between two pegs")
            }
            guard let disk = stacks[from].last else { return .wrong("move \(word): peg \(names[from]) is empty") }
            if let top = stacks[to].last, top < disk { return .wrong("move \(word) puts disk \(disk) on disk \(top)") }
            stacks[from].removeLast(); stacks[to].append(disk)
        }
        guard stacks[target].count == position.count else { return .wrong("not every disk is on peg \(names[target])") }
        return words.count == best ? .correct("\(best) moves, the fewest")
            : .wrong("\(words.count) moves; it can be done in \(best)")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        names = \(RGC.py(metadata["pegs"]))
        peg = [None] + \(RGC.py(metadata["position"]))
        target = \(metadata["target"]?.intValue ?? 0)
        moves = []
        def bring(k, goal):
            # Put disks 1..k on goal: the largest one not there needs the rest out of the way.
            if k == 0:
                return
            if peg[k] == goal:
                bring(k - 1, goal)
                return
            spare = 3 - peg[k] - goal
            bring(k - 1, spare)
            moves.append(names[peg[k]] + "->" + names[goal])
            peg[k] = goal
            bring(k - 1, goal)
        bring(len(peg) - 1, target)
        print(" ".join(moves))
        """
    }
}
