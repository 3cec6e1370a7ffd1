// A small exact solver shared by Logical Equation and Permutations: give each
// variable a different value from a list so that every constraint holds.
// Constraints are checked as soon as all their variables have values.

struct PermutationConstraint: Sendable {
    let variables: [Int]
    /// Holds for a full assignment (indexed by variable); reads only `variables`.
    let test: @Sendable ([Int]) -> Bool
}

enum PermutationSearch {
    /// How many assignments satisfy every constraint, counting at most `limit`.
    static func count(variables: Int, values: [Int], constraints: [PermutationConstraint], limit: Int) -> Int {
        // Each constraint is checked at the first depth where all its variables are set.
        var byDepth = [[PermutationConstraint]](repeating: [], count: variables)
        for c in constraints { byDepth[c.variables.max() ?? 0].append(c) }
        var assignment = [Int](repeating: 0, count: variables)
        var used = [Bool](repeating: false, count: values.count)
        var found = 0
        func place(_ depth: Int) {
            if depth == variables { found += 1; return }
            for (k, v) in values.enumerated() where !used[k] {
                assignment[depth] = v
                if byDepth[depth].allSatisfy({ c in c.test(assignment) }) {
                    used[k] = true
                    place(depth + 1)
                    used[k] = false
                    if found >= limit { return }
                }
            }
        }
        place(0)
        return found
    }

    /// Every satisfying assignment, or nil when there are more than `limit`.
    static func solutions(variables: Int, values: [Int], constraints: [PermutationConstraint], limit: Int) -> [[Int]]? {
        var byDepth = [[PermutationConstraint]](repeating: [], count: variables)
        for c in constraints { byDepth[c.variables.max() ?? 0].append(c) }
        var assignment = [Int](repeating: 0, count: variables)
        var used = [Bool](repeating: false, count: values.count)
        var found: [[Int]] = []
        var overflow = false
        func place(_ depth: Int) {
            if depth == variables {
                found.append(assignment)
                if found.count > limit { overflow = true }
                return
            }
            for (k, v) in values.enumerated() where !used[k] {
                assignment[depth] = v
                if byDepth[depth].allSatisfy({ c in c.test(assignment) }) {
                    used[k] = true
                    place(depth + 1)
                    used[k] = false
                    if overflow { return }
                }
            }
        }
        place(0)
        return overflow ? nil : found
    }

    /// Adds constraints drawn by `draw` (each must hold for the hidden assignment) until at most
    /// `maxSolutions` assignments remain. Draws that rule nothing out are skipped, so every
    /// kept constraint matters. `draw` returns nil to ask for another draw.
    static func narrow<Spec>(variables: Int, values: [Int], maxSolutions: Int, initial: Int,
                             draw: () -> (Spec, PermutationConstraint)?) -> [Spec] {
        var specs: [Spec] = []
        var constraints: [PermutationConstraint] = []
        var candidates: [[Int]]? = nil
        // A first batch, then enumerate once (more batches while there are too many solutions).
        while candidates == nil {
            var added = 0
            while added < initial {
                guard let (spec, c) = draw() else { continue }
                specs.append(spec)
                constraints.append(c)
                added += 1
            }
            candidates = solutions(variables: variables, values: values, constraints: constraints, limit: 4000)
        }
        var remaining = candidates!
        while remaining.count > maxSolutions {
            guard let (spec, c) = draw() else { continue }
            let kept = remaining.filter { candidate in c.test(candidate) }
            guard kept.count < remaining.count else { continue }
            specs.append(spec)
            remaining = kept
        }
        return specs
    }

    static func satisfies(_ assignment: [Int], _ constraints: [PermutationConstraint]) -> Bool {
        constraints.allSatisfy { c in c.test(assignment) }
    }
}
