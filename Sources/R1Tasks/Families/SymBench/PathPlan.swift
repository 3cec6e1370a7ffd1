// Path Plan (SymBench 2): a robot on a square field must pass through named
// regions in a given order, end inside a goal region and never touch a
// forbidden one. The answer is a list of waypoints; the verifier replays the
// straight segments between them with exact rational geometry. Regions sit on
// a grid of 10 m cells; the generator finds a route through cell centres to
// prove every item solvable, and any other valid route is accepted.

struct PathPlanTask: ReasoningTask {
    let info = TaskInfo(
        id: "path_plan",
        title: "Path Plan",
        source: .symbench,
        category: "planning",
        description: "Plan robot waypoints that visit regions in order, avoid forbidden regions and end in a goal.",
        knobs: [
            Knob("cells", "the field is this many 10 m cells on a side"),
            Knob("visits", "regions to pass through, in order"),
            Knob("obstacles", "forbidden regions"),
        ],
        levels: [
            Level("easy", ["cells": 5, "visits": 1, "obstacles": 3]),
            Level("medium", ["cells": 6, "visits": 2, "obstacles": 5]),
            Level("hard", ["cells": 8, "visits": 2, "obstacles": 9]),
            Level("expert", ["cells": 10, "visits": 3, "obstacles": 14]),
        ],
        defaultLevel: 1
    )

    static let cell = 10
    static let regionNames = ["the loading dock", "the charging pad", "the inspection bay", "the tool shed", "the paint booth",
                              "the storage rack", "the wash station", "the scale"]

    /// An axis-aligned rectangle [x0, x1] × [y0, y1] in metres (closed).
    struct Box { let x0: Int, y0: Int, x1: Int, y1: Int }

    static func cellBox(_ c: (Int, Int)) -> Box {
        Box(x0: c.0 * cell, y0: c.1 * cell, x1: (c.0 + 1) * cell, y1: (c.1 + 1) * cell)
    }

    /// Shortest 4-neighbour route between two cells avoiding `blocked` (cells as x·n + y); nil when none.
    static func route(from a: Int, to b: Int, n: Int, blocked: Set<Int>) -> [Int]? {
        var previous = [Int: Int](), queue = [a], head = 0
        previous[a] = a
        while head < queue.count {
            let c = queue[head]; head += 1
            if c == b { break }
            let (x, y) = (c / n, c % n)
            for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
                let (nx, ny) = (x + dx, y + dy)
                let next = nx * n + ny
                guard (0..<n).contains(nx), (0..<n).contains(ny), !blocked.contains(next), previous[next] == nil else { continue }
                previous[next] = c
                queue.append(next)
            }
        }
        guard previous[b] != nil else { return nil }
        var path = [b]
        while path.last! != a { path.append(previous[path.last!]!) }
        return path.reversed()
    }

    func generate(level: Level, rng: inout SplitMix64) -> GeneratedItem {
        let n = level["cells"], visits = level["visits"]
        while true {
            // Distinct cells: start, the regions to visit, the goal, then obstacles of one or two cells.
            let special = rng.sample(Array(0..<(n * n)), count: visits + 2)
            var blocked = Set<Int>(), obstacles: [Box] = []
            for _ in 0..<level["obstacles"] {
                let x = rng.int(0..<n), y = rng.int(0..<n)
                let wide = rng.chance(0.3) && x + 1 < n, tall = !wide && rng.chance(0.3) && y + 1 < n
                let covered = [x * n + y] + (wide ? [(x + 1) * n + y] : []) + (tall ? [x * n + y + 1] : [])
                guard covered.allSatisfy({ !special.contains($0) && !blocked.contains($0) }) else { continue }
                blocked.formUnion(covered)
                obstacles.append(Box(x0: x * Self.cell, y0: y * Self.cell, x1: (x + (wide ? 2 : 1)) * Self.cell,
                                     y1: (y + (tall ? 2 : 1)) * Self.cell))
            }
            var cells: [Int] = [special[0]], feasible = true
            for leg in 1..<special.count {
                guard let part = Self.route(from: special[leg - 1], to: special[leg], n: n, blocked: blocked) else {
                    feasible = false; break
                }
                cells += part.dropFirst()
            }
            guard feasible, obstacles.count >= level["obstacles"] - 2 else { continue }
            let centre = { (c: Int) in ((c / n) * Self.cell + Self.cell / 2, (c % n) * Self.cell + Self.cell / 2) }
            let names = rng.sample(Self.regionNames, count: visits + 1)
            let start = centre(special[0])
            let regions = special.dropFirst().map { Self.cellBox(($0 / n, $0 % n)) }
            func show(_ b: Box) -> String { "x from \(b.x0) to \(b.x1), y from \(b.y0) to \(b.y1)" }
            let visitLines = zip(names, regions).map { "- \($0) (\(show($1)))" }.joined(separator: "\n")
            let obstacleLines = obstacles.enumerated().map { "- obstacle \($0 + 1): \(show($1))" }.joined(separator: "\n")
            let order = names.dropLast().joined(separator: ", then ")
            let size = n * Self.cell
            let question = """
                A robot moves on a flat field where x and y run from 0 to \(size) metres. It starts at \
                (\(start.0), \(start.1)) and drives in straight lines from one waypoint to the next. These regions \
                are rectangles (edges included):
                \(visitLines)
                It must never touch these forbidden rectangles (edges included), nor leave the field:
                \(obstacleLines)
                Plan waypoints so that the robot stops at a waypoint inside \(order), in that order, and its last \
                waypoint is inside \(names.last!). Give the waypoints (not the start) as your final answer in the \
                form <<<[(x1, y1), (x2, y2), ...]>>>, for example <<<[(15, 5), (15, 35), (42.5, 35)]>>>.
                """
            // The gold: cell centres where the route turns, plus every required stop.
            var waypoints: [(Int, Int)] = []
            let stops = Set(special.dropFirst())
            for (i, c) in cells.enumerated().dropFirst() {
                let isLast = i == cells.count - 1
                let turns = !isLast && (cells[i - 1] / n == c / n) != (c / n == cells[i + 1] / n)
                if isLast || turns || stops.contains(c) { waypoints.append(centre(c)) }
            }
            let gold = "[" + waypoints.map { "(\($0.0), \($0.1))" }.joined(separator: ", ") + "]"
            func box(_ b: Box) -> JSONValue { JSONValue([b.x0, b.y0, b.x1, b.y1]) }
            return GeneratedItem(question: question, gold: gold, metadata: [
                "size": .int(size), "start": JSONValue([start.0, start.1]),
                "visit": .array(regions.dropLast().map(box)), "goal": box(regions.last!),
                "obstacles": .array(obstacles.map(box)),
                "cells": .int(n), "cell": .int(Self.cell),
            ])
        }
    }

    /// Whether the closed segment p→q meets the closed box (Liang–Barsky clipping, exact).
    static func segment(_ p: (Rational, Rational), _ q: (Rational, Rational), touches b: [Int]) -> Bool {
        var low = Rational(integer: 0), high = Rational(integer: 1)
        for (start, end, lo, hi) in [(p.0, q.0, b[0], b[2]), (p.1, q.1, b[1], b[3])] {
            guard let d = end.subtracting(start) else { return true }
            if d.numerator == 0 {
                if start.doubleValue < Double(lo) || start.doubleValue > Double(hi) { return false }
                continue
            }
            guard let t1 = Rational(integer: lo).subtracting(start)?.divided(by: d),
                  let t2 = Rational(integer: hi).subtracting(start)?.divided(by: d) else { return true }
            let (a, z) = t1.doubleValue <= t2.doubleValue ? (t1, t2) : (t2, t1)
            if less(low, a) { low = a }
            if less(z, high) { high = z }
            if less(high, low) { return false }
        }
        return true
    }

    /// Exact a < b for rationals of the sizes seen here (numerators and denominators well below 2^31).
    static func less(_ a: Rational, _ b: Rational) -> Bool {
        a.numerator.multipliedFullWidth(by: b.denominator) < b.numerator.multipliedFullWidth(by: a.denominator)
    }

    static func inside(_ p: (Rational, Rational), _ b: [Int]) -> Bool {
        !less(p.0, Rational(integer: b[0])) && !less(Rational(integer: b[2]), p.0)
            && !less(p.1, Rational(integer: b[1])) && !less(Rational(integer: b[3]), p.1)
    }

    func verify(answer: String, metadata: JSONValue) -> Verdict {
        guard let size = metadata["size"]?.intValue, let start = metadata["start"]?.intArray,
              let visit = metadata["visit"]?.arrayValue?.compactMap(\.intArray), let goal = metadata["goal"]?.intArray,
              let obstacles = metadata["obstacles"]?.arrayValue?.compactMap(\.intArray) else {
            return .wrong("item metadata is missing the field")
        }
        guard let numbers = SymParse.rationals(answer), numbers.count % 2 == 0, !numbers.isEmpty, numbers.count <= 400 else {
            return .wrong("expected a list of (x, y) waypoints")
        }
        // Coordinates beyond the field are rejected first, which also keeps the arithmetic small.
        let points = stride(from: 0, to: numbers.count, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
        guard points.allSatisfy({ PathPlanTask.inside($0, [0, 0, size, size]) && $0.0.denominator < 1_000_000 && $0.1.denominator < 1_000_000 })
        else { return .wrong("a waypoint is outside the field or too finely written") }
        var previous = (Rational(integer: start[0]), Rational(integer: start[1])), next = 0
        for (i, p) in points.enumerated() {
            if let hit = obstacles.firstIndex(where: { PathPlanTask.segment(previous, p, touches: $0) }) {
                return .wrong("the segment to waypoint \(i + 1) touches obstacle \(hit + 1)")
            }
            if next < visit.count, PathPlanTask.inside(p, visit[next]) { next += 1 }
            previous = p
        }
        guard next == visit.count else { return .wrong("the route does not stop in every required region in order") }
        return PathPlanTask.inside(points.last!, goal) ? .correct("the route is valid") : .wrong("the last waypoint is not inside the goal")
    }

    func oracle(metadata: JSONValue) -> String {
        """
        from collections import deque
        n, cell = \(metadata["cells"]?.intValue ?? 1), \(metadata["cell"]?.intValue ?? 10)
        start = \(RG.py(metadata["start"] ?? []))
        targets = \(RG.py(metadata["visit"] ?? [])) + [\(RG.py(metadata["goal"] ?? []))]
        obstacles = \(RG.py(metadata["obstacles"] ?? []))  # [x0, y0, x1, y1]
        blocked = {(x, y) for x0, y0, x1, y1 in obstacles for x in range(x0 // cell, x1 // cell) for y in range(y0 // cell, y1 // cell)}
        def bfs(a, b):
            prev, queue = {a: None}, deque([a])
            while queue:
                c = queue.popleft()
                if c == b:
                    break
                for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    nxt = (c[0] + dx, c[1] + dy)
                    if 0 <= nxt[0] < n and 0 <= nxt[1] < n and nxt not in blocked and nxt not in prev:
                        prev[nxt] = c
                        queue.append(nxt)
            path = [b]
            while path[-1] != a:
                path.append(prev[path[-1]])
            return path[::-1]
        here = (start[0] // cell, start[1] // cell)
        waypoints = []
        for x0, y0, x1, y1 in targets:  # every region is one cell: walk through cell centres
            goal = (x0 // cell, y0 // cell)
            waypoints += [(x * cell + cell // 2, y * cell + cell // 2) for x, y in bfs(here, goal)[1:]]
            here = goal
        print("[" + ", ".join(f"({x}, {y})" for x, y in waypoints) + "]")
        """
    }
}
