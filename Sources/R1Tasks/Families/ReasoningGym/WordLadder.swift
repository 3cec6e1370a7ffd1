// word_ladder (Reasoning Gym, algorithmic): change one letter at a time to turn
// a three-letter word into another, every step a word of the dictionary below
// (the project's own list of 435 common three-letter English words, typed for
// R1CI) and never a banned word. Any valid ladder is accepted, not only a
// shortest one; the level sets how long the shortest ladder is.

public struct WordLadderTask: ReasoningTask {
    public init() {}

    public let info = TaskInfo(
        id: "word_ladder", title: "Word ladder", source: .reasoningGym, category: "algorithmic",
        description: "Turn one three-letter word into another one letter at a time through dictionary words (ladder simulated).",
        knobs: [Knob("distance", "steps in the shortest ladder"), Knob("banned", "words the ladder may not use")],
        levels: [Level("easy", ["distance": 3, "banned": 1]), Level("medium", ["distance": 4, "banned": 1]),
                 Level("hard", ["distance": 5, "banned": 2]), Level("expert", ["distance": 6, "banned": 3])],
        defaultLevel: 1)

    static let maxLadder = 100

    /// Common three-letter English words, lowercase.
    static let dictionary: [String] = [
        "ace", "act", "add", "ado", "aft", "age", "ago", "aid", "ail", "aim", "air", "ale", "all", "amp", "and",
        "ant", "any", "ape", "apt", "arc", "are", "ark", "arm", "art", "ash", "ask", "asp", "ate", "awe", "axe",
        "bad", "bag", "ban", "bar", "bat", "bay", "bed", "bee", "beg", "bet", "bib", "bid", "big", "bin", "bit",
        "bog", "boo", "bop", "bow", "box", "boy", "bud", "bug", "bun", "bus", "but", "buy", "bye", "cab", "cad",
        "cam", "can", "cap", "car", "cat", "cob", "cod", "cog", "con", "cop", "cot", "cow", "coy", "cry", "cub",
        "cud", "cue", "cup", "cur", "cut", "dab", "dad", "dam", "day", "den", "dew", "did", "die", "dig", "dim",
        "din", "dip", "doe", "dog", "don", "dot", "dry", "dub", "dud", "due", "dug", "dun", "duo", "dye", "ear",
        "eat", "ebb", "eel", "egg", "ego", "elf", "elk", "elm", "emu", "end", "era", "eve", "ewe", "eye", "fad",
        "fan", "far", "fat", "fax", "fed", "fee", "few", "fib", "fig", "fin", "fir", "fit", "fix", "flu", "fly",
        "foe", "fog", "for", "fox", "fry", "fun", "fur", "gag", "gal", "gap", "gas", "gel", "gem", "get", "gig",
        "gin", "gnu", "gob", "god", "got", "gum", "gun", "gut", "guy", "gym", "had", "hag", "ham", "has", "hat",
        "hay", "hem", "hen", "her", "hew", "hid", "him", "hip", "his", "hit", "hog", "hop", "hot", "how", "hub",
        "hue", "hug", "hum", "hut", "ice", "icy", "ill", "imp", "ink", "inn", "ion", "ire", "irk", "its", "ivy",
        "jab", "jam", "jar", "jaw", "jay", "jet", "jig", "job", "jog", "jot", "joy", "jug", "jut", "keg", "ken",
        "key", "kid", "kin", "kit", "lab", "lad", "lag", "lap", "law", "lay", "lea", "led", "leg", "let", "lid",
        "lie", "lip", "lit", "log", "lot", "low", "lug", "mad", "man", "map", "mar", "mat", "maw", "may", "men",
        "met", "mid", "mix", "mob", "mop", "mow", "mud", "mug", "mum", "nab", "nag", "nap", "net", "new", "nib",
        "nil", "nip", "nit", "nod", "nor", "not", "now", "nun", "nut", "oak", "oar", "oat", "odd", "ode", "off",
        "oft", "oil", "old", "one", "opt", "orb", "ore", "our", "out", "owe", "owl", "own", "pad", "pal", "pan",
        "par", "pat", "paw", "pay", "pea", "peg", "pen", "pep", "per", "pet", "pew", "pie", "pig", "pin", "pit",
        "ply", "pod", "pop", "pot", "pro", "pry", "pub", "pun", "pup", "put", "rag", "ram", "ran", "rap", "rat",
        "raw", "ray", "red", "rib", "rid", "rig", "rim", "rip", "rob", "rod", "roe", "rot", "row", "rub", "rug",
        "rum", "run", "rut", "rye", "sad", "sag", "sap", "sat", "saw", "say", "sea", "see", "set", "sew", "shy",
        "sin", "sip", "sir", "sit", "six", "ski", "sky", "sly", "sob", "sod", "son", "sop", "sow", "soy", "spa",
        "spy", "sty", "sub", "sue", "sum", "sun", "sup", "tab", "tad", "tag", "tan", "tap", "tar", "tax", "tea",
        "tee", "ten", "the", "tic", "tie", "tin", "tip", "toe", "ton", "too", "top", "tot", "tow", "toy", "try",
        "tub", "tug", "two", "urn", "use", "van", "vat", "vet", "vex", "via", "vie", "vow", "wad", "wag", "war",
        "was", "wax", "way", "web", "wed", "wee", "wet", "who", "why", "wig", "win", "wit", "woe", "wok", "won",
        "woo", "wow", "yak", "yam", "yap", "yaw", "yea", "yes", "yet", "yew", "you", "zap", "zed", "zip", "zoo",
    ]
    static let known = Set(dictionary)

    static func oneLetterApart(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).filter { $0 != $1 }.count == 1
    }

    /// Dictionary indices one letter apart, built once.
    static let neighbours: [[Int]] = dictionary.map { w in dictionary.indices.filter { oneLetterApart(w, dictionary[$0]) } }

    /// Steps from `start` to every dictionary word (−1: unreachable) avoiding `banned` indices.
    static func distances(from start: Int, banned: Set<Int>) -> [Int] {
        var d = [Int](repeating: -1, count: dictionary.count)
        d[start] = 0
        var queue = [start], head = 0
        while head < queue.count {
            let w = queue[head]; head += 1
            for v in neighbours[w] where d[v] < 0 && !banned.contains(v) { d[v] = d[w] + 1; queue.append(v) }
        }
        return d
    }

    public func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let words = WordLadderTask.dictionary
        while true {
            let start = rng.int(0..<words.count)
            let free = WordLadderTask.distances(from: start, banned: [])
            let near = free.indices.filter { free[$0] == 1 || free[$0] == 2 }
            guard near.count >= level["banned"] else { continue }
            let banned = Set(rng.sample(near, count: level["banned"]))
            let d = WordLadderTask.distances(from: start, banned: banned)
            let ends = d.indices.filter { d[$0] == level["distance"] }
            guard !ends.isEmpty else { continue }
            let end = rng.pick(ends)
            // One shortest ladder, walked back from the end.
            var ladder = [end]
            while ladder.last! != start {
                let here = ladder.last!
                ladder.append(WordLadderTask.neighbours[here].first { d[$0] == d[here] - 1 }!)
            }
            let bannedWords = banned.sorted().map { words[$0] }
            let question = """
                Turn "\(words[start])" into "\(words[end])" by changing one letter at a time. Every word along \
                the way must be a common three-letter English word (no names or abbreviations), and you may not \
                use \(bannedWords.map { "\"\($0)\"" }.joined(separator: " or ")).

                Give the ladder inside <<< and >>>, from the first word to the last, separated by commas, e.g. \
                <<<cat, cot, dot, dog>>>. Any valid ladder is accepted.
                """
            return GeneratedItem(question: question, gold: ladder.reversed().map { words[$0] }.joined(separator: ", "),
                                 metadata: ["start": .string(words[start]), "end": .string(words[end]), "banned": JSONValue(bannedWords)])
        }
    }

    public func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let start = metadata["start"]?.stringValue, let end = metadata["end"]?.stringValue,
              let banned = metadata["banned"]?.stringArray else { return .wrong("item metadata has no words") }
        let ladder = AlgoText.words(answer)
        guard (2...WordLadderTask.maxLadder).contains(ladder.count) else { return .wrong("the answer is not a ladder of words") }
        guard ladder.first == start, ladder.last == end else { return .wrong("the ladder must go from \(start) to \(end)") }
        for w in ladder where !WordLadderTask.known.contains(w) { return .wrong("\(w) is not in the dictionary") }
        for w in ladder where banned.contains(w) { return .wrong("\(w) is banned") }
        for (a, b) in zip(ladder, ladder.dropFirst()) where !WordLadderTask.oneLetterApart(a, b) {
            return .wrong("\(a) to \(b) is not a one-letter change")
        }
        return .correct("a valid ladder of \(ladder.count - 1) steps")
    }

    public func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        words = set(\(RGGrids.py(JSONValue(WordLadderTask.dictionary))))
        start, end = \(RGGrids.py(metadata["start"] ?? .null)), \(RGGrids.py(metadata["end"] ?? .null))
        words -= set(\(RGGrids.py(metadata["banned"] ?? .null)))
        back = {start: None}
        queue = deque([start])
        while queue:
            w = queue.popleft()
            for i in range(3):
                for c in "abcdefghijklmnopqrstuvwxyz":
                    v = w[:i] + c + w[i + 1:]
                    if v in words and v not in back:
                        back[v] = w
                        queue.append(v)
        path = [end]
        while back[path[-1]]:
            path.append(back[path[-1]])
        print(", ".join(reversed(path)))
        """
    }
}
