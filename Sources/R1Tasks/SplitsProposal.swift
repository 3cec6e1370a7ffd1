// Draws a train/test split of task families in the paper's proportion (37 test,
// 107 train of 144) so that every source and every category appears on both
// sides when it can. `r1ci tasks split propose` prints or writes the result.
//
// The draw is deterministic and stable: tasks are ordered by a hash of
// (seed, task id), not by registry position, so adding a family moves few others.
//   1. coverage: for each category, then each source, the first not-yet-placed
//      task in hash order goes to test if that side lacks the group, then one to train
//      (a group with a single task trains);
//   2. fill: test, then train, take the next task of the source furthest below its
//      proportional share (ties: the source name), until each side has its count;
//   3. whatever is left is extra.
// With fewer tasks than test + train, the counts shrink in proportion and nothing is extra.

public struct SplitProposal: Sendable {
    public struct Family: Sendable, Equatable {
        public let id: String
        public let source: String
        public let category: String
        public init(id: String, source: String, category: String) {
            self.id = id
            self.source = source
            self.category = category
        }
    }

    public var testCount = 37
    public var trainCount = 107
    public var seed: UInt64 = 1

    public init(testCount: Int = 37, trainCount: Int = 107, seed: UInt64 = 1) {
        self.testCount = testCount
        self.trainCount = trainCount
        self.seed = seed
    }

    /// The split, plus one line per source or category that could not be placed on both sides.
    public func draw(_ families: [Family], name: String = "default") -> (split: SplitDefinition, warnings: [String]) {
        var nTest = testCount, nTrain = trainCount
        if families.count < nTest + nTrain {
            let total = families.count
            nTest = Int((Double(total) * Double(testCount) / Double(testCount + trainCount)).rounded())
            nTrain = total - nTest
        }
        let ordered = families.sorted {
            let a = fnv1a64("\(seed)|\($0.id)"), b = fnv1a64("\(seed)|\($1.id)")
            return a != b ? a < b : $0.id < $1.id
        }
        var side: [String: Split] = [:]
        var warnings: [String] = []

        func count(_ s: Split) -> Int { side.values.filter { $0 == s }.count }
        func place(_ group: [Family], label: String) {
            // A group of one can only be on one side: train, so the test slots go to groups that can be on both.
            let order: [Split] = group.count == 1 ? [.train] : [.test, .train]
            for wanted in order where !group.contains(where: { side[$0.id] == wanted }) {
                let room = wanted == .test ? count(.test) < nTest : count(.train) < nTrain
                guard room, let next = group.first(where: { side[$0.id] == nil }) else {
                    warnings.append("\(label) has no \(wanted.rawValue) task")
                    continue
                }
                side[next.id] = wanted
            }
        }
        // 1. Coverage: categories first (the finer grouping), then sources. A group of one
        //    cannot be on both sides: it trains, and the warning says it has no test task.
        for category in Set(families.map(\.category)).sorted() {
            let group = ordered.filter { $0.category == category }
            place(group, label: "category \(category)")
            if group.count == 1 { warnings.append("category \(category) has no test task (it has one task)") }
        }
        for source in Set(families.map(\.source)).sorted() {
            place(ordered.filter { $0.source == source }, label: "source \(source)")
        }
        // 2. Fill each side by proportional share of sources.
        let sizes = Dictionary(grouping: families, by: \.source).mapValues(\.count)
        for (wanted, target) in [(Split.test, nTest), (.train, nTrain)] {
            while count(wanted) < target {
                let have = Dictionary(grouping: side.filter { $0.value == wanted }.keys,
                                      by: { id in families.first { $0.id == id }!.source }).mapValues(\.count)
                let open = sizes.keys.filter { s in ordered.contains { $0.source == s && side[$0.id] == nil } }
                guard let source = open.max(by: {
                    let da = Double(target) * Double(sizes[$0]!) / Double(families.count) - Double(have[$0] ?? 0)
                    let db = Double(target) * Double(sizes[$1]!) / Double(families.count) - Double(have[$1] ?? 0)
                    return da != db ? da < db : $0 > $1
                }) else { break }
                let next = ordered.first { $0.source == source && side[$0.id] == nil }!
                side[next.id] = wanted
            }
        }
        let ids = families.map(\.id)
        let split = SplitDefinition(name: name,
                                    train: ids.filter { side[$0] == .train }.sorted(),
                                    test: ids.filter { side[$0] == .test }.sorted(),
                                    extra: ids.filter { side[$0] == nil }.sorted())
        return (split, warnings)
    }

    /// Every registered task as a family to draw from.
    public static var registeredFamilies: [Family] {
        TaskRegistry.all.map { Family(id: $0.info.id, source: $0.info.source.rawValue, category: $0.info.category) }
    }

    /// The header fields written into data/splits/default.json beside the lists.
    public func fileFields() -> [String: JSONValue] {
        ["proposal": .object(["seed": .int(Int(seed)), "test": .int(testCount), "train": .int(trainCount),
                              "command": .string("r1ci tasks split propose --write data/splits/default.json")])]
    }
}
