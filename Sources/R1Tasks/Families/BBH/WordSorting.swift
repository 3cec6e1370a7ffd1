// word_sorting: sort a list of words alphabetically. The word list is the
// project's own: common English words typed for R1CI (no third-party list).

struct WordSortingTask: ReasoningTask {
    let info = TaskInfo(
        id: "word_sorting",
        title: "Word sorting",
        source: .bbh,
        category: "string",
        description: "Sort a list of lowercase English words alphabetically. At higher levels many words share "
            + "their first letters.",
        knobs: [
            Knob("words", "how many words to sort"),
            Knob("shared_prefix", "0: words drawn freely; 1: about half share their first two letters with another"),
        ],
        levels: [
            Level("easy", ["words": 6, "shared_prefix": 0]),
            Level("medium", ["words": 10, "shared_prefix": 0]),
            Level("hard", ["words": 15, "shared_prefix": 1]),
            Level("expert", ["words": 22, "shared_prefix": 1]),
        ],
        defaultLevel: 1
    )

    /// 1,159 distinct common English words, lowercase letters only.
    static let lexicon: [String] = [
        "able", "about", "above", "absent", "accept", "account", "acid", "across", "action", "active", "actor",
        "adapt", "add", "address", "adjust", "admire", "adult", "advice", "afford", "afraid", "after", "again",
        "against", "age", "agent", "agree", "ahead", "aim", "air", "alarm", "album", "alert", "alive", "allow",
        "almost", "alone", "along", "already", "also", "alter", "always", "amber", "amount", "anchor", "angle",
        "angry", "animal", "ankle", "annual", "answer", "anxious", "apple", "apron", "arch", "area", "argue", "arm",
        "army", "arrive", "arrow", "artist", "ash", "aside", "ask", "atlas", "attic", "aunt", "autumn", "avoid",
        "awake", "award", "baby", "back", "badge", "bag", "bake", "balance", "ball", "bamboo", "band", "bank",
        "barely", "barn", "barrel", "basin", "basket", "bath", "beach", "bean", "bear", "beard", "beast", "beat",
        "become", "bed", "bee", "before", "begin", "behind", "believe", "bell", "belt", "bench", "berry", "better",
        "between", "bicycle", "big", "bird", "biscuit", "bitter", "blade", "blanket", "blend", "blind", "block",
        "bloom", "blue", "board", "boat", "body", "boil", "bold", "bone", "book", "border", "borrow", "bottle",
        "bottom", "bounce", "bowl", "box", "brain", "branch", "brave", "bread", "breeze", "brick", "bridge",
        "brief", "bright", "bring", "broad", "brother", "brush", "bubble", "bucket", "budget", "build", "bulb",
        "bundle", "burden", "burst", "bush", "busy", "butter", "button", "buy", "cabin", "cable", "cactus", "cake",
        "calm", "camel", "camera", "camp", "canal", "candle", "canoe", "canvas", "canyon", "capable", "capital",
        "captain", "carbon", "card", "care", "carpet", "carry", "cart", "case", "castle", "casual", "cattle",
        "cause", "cave", "cedar", "ceiling", "cellar", "cement", "census", "chain", "chair", "chalk", "change",
        "chapter", "charge", "chase", "cheap", "check", "cheese", "cherry", "chest", "chicken", "chief", "child",
        "chimney", "choice", "choose", "circle", "city", "claim", "clay", "clean", "clerk", "clever", "cliff",
        "climb", "clock", "close", "cloth", "cloud", "clown", "coach", "coast", "coconut", "coffee", "coin", "cold",
        "collar", "colony", "column", "comet", "common", "copper", "coral", "corner", "cotton", "couch", "country",
        "cousin", "cover", "crab", "craft", "crane", "crater", "cream", "credit", "creek", "crisp", "crowd",
        "crown", "cruel", "crystal", "cup", "curtain", "cushion", "custom", "cycle", "daily", "dairy", "damage",
        "damp", "dance", "danger", "daring", "dawn", "debate", "decade", "decide", "deep", "deer", "degree",
        "delay", "deliver", "demand", "dense", "deny", "depth", "desert", "design", "desk", "detail", "device",
        "dial", "diary", "diet", "differ", "dinner", "direct", "dish", "distant", "dive", "doctor", "dolphin",
        "donkey", "door", "double", "dough", "dove", "dozen", "draft", "dragon", "drama", "drawer", "dream",
        "dress", "drift", "drill", "drink", "drum", "dry", "duck", "dune", "dust", "duty", "eager", "eagle",
        "early", "earn", "earth", "easel", "east", "easy", "echo", "edge", "effort", "eight", "elbow", "elder",
        "eleven", "elite", "else", "embark", "ember", "empty", "enable", "enact", "energy", "engine", "enjoy",
        "enough", "enter", "entry", "envy", "equal", "erase", "error", "escape", "essay", "estate", "evening",
        "event", "ever", "exact", "example", "excite", "exist", "exit", "expand", "expert", "explain", "extra",
        "fabric", "face", "fact", "fade", "faint", "fair", "faith", "false", "fame", "family", "fancy", "farm",
        "fashion", "fast", "father", "fault", "favor", "feast", "feather", "fence", "fern", "ferry", "fever",
        "fiber", "field", "figure", "film", "final", "finger", "finish", "fire", "first", "fish", "flag", "flame",
        "flash", "flat", "flavor", "fleet", "flight", "float", "flock", "floor", "flour", "flower", "fluid",
        "focus", "fog", "fold", "follow", "forest", "forget", "fork", "fortune", "fossil", "fountain", "fox",
        "frame", "fresh", "friend", "frost", "fruit", "fuel", "funny", "furnace", "future", "gadget", "galaxy",
        "gallery", "game", "garage", "garden", "garlic", "gate", "gather", "gentle", "giant", "gift", "ginger",
        "giraffe", "glacier", "glad", "glass", "globe", "glove", "glow", "goat", "gold", "goose", "gospel",
        "govern", "grace", "grain", "grape", "grass", "gravel", "gravity", "great", "green", "grid", "grief",
        "grocery", "group", "grow", "guard", "guess", "guide", "guitar", "habit", "hammer", "hand", "happy",
        "harbor", "hard", "harvest", "hat", "hawk", "hazard", "head", "health", "heart", "heavy", "hedge", "height",
        "hello", "helmet", "herb", "hero", "hidden", "high", "hill", "hint", "history", "hobby", "hockey", "hold",
        "hollow", "honey", "hope", "horizon", "horse", "hotel", "hour", "house", "hover", "human", "humble",
        "hunger", "hurry", "ice", "icon", "idea", "ignore", "image", "impact", "import", "inch", "income", "index",
        "infant", "inform", "inject", "ink", "inner", "input", "insect", "inside", "invite", "iron", "island",
        "ivory", "jacket", "jaguar", "jar", "jazz", "jeans", "jelly", "jewel", "job", "join", "joke", "journey",
        "joy", "judge", "juice", "jump", "jungle", "junior", "jury", "just", "kayak", "keen", "kettle", "key",
        "kidney", "kind", "kingdom", "kitchen", "kite", "kitten", "knee", "knife", "knock", "knot", "label",
        "ladder", "lake", "lamp", "language", "lantern", "large", "laser", "later", "laugh", "lawn", "layer",
        "leader", "leaf", "learn", "leather", "lecture", "lemon", "lend", "length", "lens", "letter", "level",
        "library", "light", "limit", "linen", "lion", "liquid", "list", "little", "lizard", "lobster", "local",
        "lock", "lonely", "long", "loop", "lottery", "loud", "lounge", "lucky", "lumber", "lunar", "lunch",
        "machine", "magnet", "maid", "mail", "major", "mammal", "mango", "manual", "maple", "marble", "margin",
        "market", "marsh", "mask", "master", "meadow", "medal", "melody", "melt", "member", "memory", "mental",
        "merit", "metal", "middle", "mild", "mind", "minute", "mirror", "mixture", "model", "moment", "monkey",
        "month", "moral", "morning", "mosquito", "mother", "motion", "motor", "mountain", "mouse", "muffin",
        "museum", "music", "mustard", "napkin", "narrow", "nation", "nature", "near", "neck", "needle", "neither",
        "nephew", "nerve", "nest", "net", "network", "never", "noble", "noise", "normal", "north", "notable",
        "notice", "novel", "number", "nurse", "nut", "oak", "object", "oblige", "ocean", "odor", "offer", "office",
        "often", "olive", "omit", "onion", "open", "opera", "opinion", "orange", "orbit", "orchard", "order",
        "organ", "origin", "orphan", "other", "outdoor", "oval", "oven", "owner", "oxygen", "oyster", "paddle",
        "page", "paint", "palace", "panel", "panther", "paper", "parade", "parent", "park", "parrot", "party",
        "pass", "patch", "path", "patient", "pause", "peace", "peanut", "pebble", "pencil", "people", "pepper",
        "perfect", "permit", "person", "pet", "piano", "picnic", "picture", "piece", "pigeon", "pillow", "pilot",
        "pink", "pioneer", "pipe", "planet", "plastic", "plate", "pledge", "plenty", "pocket", "poem", "police",
        "pond", "pony", "popular", "portion", "potato", "powder", "power", "prairie", "praise", "predict", "pretty",
        "price", "pride", "primary", "prison", "private", "prize", "problem", "profit", "promise", "proud",
        "public", "pulse", "pumpkin", "pupil", "puppy", "purple", "puzzle", "pyramid", "quarter", "queen",
        "question", "quick", "quiet", "quilt", "quiver", "quote", "rabbit", "raccoon", "radar", "radio", "rail",
        "rain", "raisin", "ramp", "random", "rapid", "rare", "rather", "raven", "razor", "ready", "reason", "rebel",
        "recipe", "record", "reduce", "reflect", "region", "relax", "remain", "remote", "render", "rescue",
        "resist", "result", "retire", "return", "reveal", "ribbon", "rice", "ridge", "rifle", "right", "ripple",
        "river", "road", "robin", "robot", "rocket", "rodeo", "roof", "room", "rooster", "rose", "rough", "round",
        "royal", "rubber", "rude", "rug", "rule", "rumor", "runway", "rural", "rust", "saddle", "safety", "sail",
        "salad", "salmon", "salt", "sample", "sand", "satisfy", "sauce", "sausage", "scale", "scarf", "scene",
        "school", "science", "scissors", "scout", "screen", "script", "sea", "season", "second", "secret", "seed",
        "segment", "select", "senior", "sense", "series", "service", "seven", "shadow", "shallow", "share", "shelf",
        "shell", "shelter", "shield", "shift", "shiny", "ship", "shoe", "shore", "short", "shoulder", "shovel",
        "shrimp", "sibling", "siege", "silent", "silk", "silver", "simple", "sister", "size", "skate", "sketch",
        "skill", "skirt", "sky", "slender", "slice", "slogan", "slow", "small", "smile", "smoke", "snack", "snake",
        "soap", "soccer", "social", "sock", "soda", "soft", "solar", "soldier", "solid", "sorrow", "soul", "sound",
        "soup", "source", "south", "space", "spare", "spatial", "speak", "spider", "spike", "spirit", "spoon",
        "sport", "spring", "square", "squirrel", "stable", "stadium", "staff", "stage", "stairs", "stamp", "stand",
        "start", "statue", "steak", "steel", "stem", "step", "stereo", "stick", "still", "sting", "stock",
        "stomach", "stone", "stool", "story", "stove", "strategy", "street", "strong", "student", "subject",
        "sugar", "summer", "sun", "supper", "supply", "surface", "swamp", "swan", "sweater", "sweet", "swift",
        "swim", "symbol", "system", "table", "tackle", "tail", "talent", "tank", "target", "task", "taste", "taxi",
        "teach", "team", "tennis", "tent", "term", "thank", "theme", "theory", "thing", "thirty", "thread",
        "throne", "thumb", "thunder", "ticket", "tide", "tiger", "timber", "tiny", "title", "toast", "tobacco",
        "today", "toddler", "token", "tomato", "tongue", "tool", "tooth", "topic", "torch", "tornado", "tortoise",
        "total", "tourist", "tower", "town", "toy", "track", "trade", "traffic", "tragic", "train", "travel",
        "tray", "treasure", "tree", "trend", "trial", "tribe", "trick", "trophy", "truck", "trumpet", "trust",
        "tunnel", "turkey", "turtle", "twelve", "twenty", "twin", "type", "ugly", "umbrella", "uncle", "under",
        "unfair", "uniform", "unique", "unit", "unlock", "until", "unusual", "upper", "upset", "urban", "usage",
        "useful", "usual", "vacant", "vague", "valley", "valve", "vanish", "vapor", "various", "vast", "velvet",
        "vendor", "venture", "verb", "vessel", "veteran", "victory", "video", "view", "village", "violin", "virtue",
        "visit", "vital", "vivid", "vocal", "voice", "volcano", "vote", "voyage", "wagon", "waist", "walnut",
        "walrus", "wander", "warm", "warrior", "wash", "wasp", "water", "wave", "wealth", "weapon", "weather",
        "wedding", "weekend", "welcome", "west", "whale", "wheat", "wheel", "whisper", "width", "wild", "willow",
        "window", "wine", "wing", "winter", "wire", "wisdom", "wise", "wizard", "wolf", "woman", "wonder", "wood",
        "wool", "world", "worry", "worth", "wrap", "wreck", "wrist", "yard", "yellow", "yogurt", "young", "youth",
        "zebra", "zero", "zone", "zoo"
    ]

    /// Words grouped by their first two letters.
    static let byPrefix: [String: [String]] = Dictionary(grouping: lexicon, by: { String($0.prefix(2)) })
    /// For each lexicon word (by index), the words sharing its first two letters: looked up once here
    /// instead of hashing a prefix on every draw.
    static let prefixGroup: [[String]] = lexicon.map { byPrefix[String($0.prefix(2))]! }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let count = level["words"], clustered = level["shared_prefix"] == 1
        var chosen: [String] = []
        chosen.reserveCapacity(count)
        // At most a few dozen words: a scan is cheaper than hashing them into a set.
        func add(_ w: String) { if chosen.count < count, !chosen.contains(w) { chosen.append(w) } }
        while chosen.count < count {
            let i = rng.int(0..<Self.lexicon.count)  // the draw `rng.pick(Self.lexicon)` makes
            add(Self.lexicon[i])
            let group = Self.prefixGroup[i]
            if clustered, group.count > 1 {
                add(rng.pick(group))
            }
        }
        rng.shuffle(&chosen)
        let sorted = chosen.sorted()
        let question = """
            Sort the following words alphabetically.

            List: \(chosen.joined(separator: " "))

            Give the sorted words, separated by spaces, as your final answer, for example <<<apple banana cherry>>>.
            """
        return GeneratedItem(question: question, gold: sorted.joined(separator: " "),
                             metadata: ["words": JSONValue(chosen)])
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let words = metadata["words"]?.stringArray else { return .wrong("item metadata is missing words") }
        let given = answer.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
        let expected = words.sorted()
        guard given.sorted() == expected else {
            return .wrong("the answer must list exactly the \(words.count) given words")
        }
        if let i = given.indices.first(where: { given[$0] != expected[$0] }) {
            return .wrong("out of order at position \(i + 1): \(given[i])")
        }
        return .correct("sorted")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        words = \(BBH.py(metadata["words"] ?? []))
        print(" ".join(sorted(words)))
        """
    }
}
