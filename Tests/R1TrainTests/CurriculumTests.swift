// The curricula on synthetic accuracies: improvement potential and its four
// bins trained highest first, cumulative stages; the accuracy-threshold level
// schedule with its history.

import XCTest
@testable import R1Train

final class CurriculumTests: XCTestCase {
    func testImprovementPotential() {
        XCTAssertEqual(improvementPotential(correct: 10, samples: 20), 1, accuracy: 1e-12)
        XCTAssertEqual(improvementPotential(correct: 0, samples: 20), 0)
        XCTAssertEqual(improvementPotential(correct: 20, samples: 20), 0)
        XCTAssertEqual(improvementPotential(correct: 4, samples: 20), 0.64, accuracy: 1e-12)      // p = 0.2
        XCTAssertEqual(improvementPotential(correct: 3, samples: 4), 0.75, accuracy: 1e-12)
        XCTAssertEqual(improvementPotential(correct: 0, samples: 0), 0)
    }

    func testPotentialBinsAndStages() {
        // Pass counts out of K = 20 for eight questions of two tasks.
        let correct = [10, 0, 4, 16, 2, 20, 7, 13]
        let questions = correct.indices.map { CurriculumQuestion(task: $0 % 2 == 0 ? "a" : "b", seed: UInt64($0), level: 0) }
        let potentials = correct.map { improvementPotential(correct: $0, samples: 20) }
        // Π: 1.0, 0, 0.64, 0.64, 0.36, 0, 0.91, 0.91
        let c = PotentialCurriculum(questions: questions, potentials: potentials, stepsPerStage: 150)
        XCTAssertEqual(c.bins.map { $0.map(\.seed) }, [[0, 6, 7, 2, 3], [], [4], [1, 5]])
        XCTAssertEqual(c.stage(atStep: 0), 1); XCTAssertEqual(c.stage(atStep: 149), 1)
        XCTAssertEqual(c.stage(atStep: 150), 2); XCTAssertEqual(c.stage(atStep: 450), 4); XCTAssertEqual(c.stage(atStep: 10_000), 4)
        XCTAssertEqual(c.pool(atStep: 0).map(\.seed), [0, 6, 7, 2, 3])
        XCTAssertEqual(c.pool(atStep: 300).map(\.seed), [0, 6, 7, 2, 3, 4])
        XCTAssertEqual(Set(c.pool(atStep: 450).map(\.seed)), Set(0..<8))
        // Bin edges: 0.48 belongs to bin 2, just below to bin 3.
        let edge = PotentialCurriculum(questions: questions.prefix(3).map { $0 }, potentials: [0.48, 0.4799, 0.32], stepsPerStage: 1)
        XCTAssertEqual(edge.bins.map { $0.map(\.seed) }, [[], [0], [1, 2], []])
        // Stage 1 with an empty bin 1 trains on the first non-empty bin instead of nothing.
        XCTAssertEqual(edge.pool(atStep: 0).map(\.seed), [0])
        XCTAssertEqual(edge.pool(atStep: 2).map(\.seed), [0, 1, 2])
        let none = PotentialCurriculum(questions: [], potentials: [], stepsPerStage: 1)
        XCTAssertTrue(none.pool(atStep: 0).isEmpty)
    }

    func testAccuracyThresholdRaisesAndLowersLevels() {
        var c = LevelCurriculum(levels: ["a": 1, "b": 0], levelCounts: ["a": 3, "b": 2], window: 10)
        // Not enough outcomes yet: no decision even at 100 %.
        c.record(task: "a", outcomes: Array(repeating: true, count: 9), step: 1)
        XCTAssertEqual(c.levels["a"], 1); XCTAssertTrue(c.history.isEmpty)
        c.record(task: "a", outcomes: [true], step: 2)                         // 10/10 > 0.7
        XCTAssertEqual(c.levels["a"], 2)
        XCTAssertEqual(c.history, [LevelChange(step: 2, task: "a", from: 1, to: 2, accuracy: 1)])
        XCTAssertNil(c.accuracy("a"), "the window restarts at the new level")
        // At the top level a high accuracy changes nothing.
        c.record(task: "a", outcomes: Array(repeating: true, count: 10), step: 3)
        XCTAssertEqual(c.levels["a"], 2); XCTAssertEqual(c.history.count, 1)
        // Rolling window: 7/10 is not above 0.7; the next outcome pushes the oldest failure out.
        c.record(task: "b", outcomes: [false, false, false] + Array(repeating: true, count: 7), step: 4)
        XCTAssertEqual(c.levels["b"], 0)
        XCTAssertEqual(c.accuracy("b")!, 0.7, accuracy: 1e-12)
        c.record(task: "b", outcomes: [true], step: 5)                         // 8/10
        XCTAssertEqual(c.levels["b"], 1)
        // Below 0.3 goes down one level.
        c.record(task: "a", outcomes: [true, true] + Array(repeating: false, count: 8), step: 6)   // 0.2
        XCTAssertEqual(c.levels["a"], 1)
        XCTAssertEqual(c.history.last, LevelChange(step: 6, task: "a", from: 2, to: 1, accuracy: 0.2))
        // Between the thresholds nothing moves; at level 0 a low accuracy cannot go lower.
        var d = LevelCurriculum(levels: ["x": 0], levelCounts: ["x": 4], window: 4)
        d.record(task: "x", outcomes: [true, false, true, false], step: 1)
        d.record(task: "x", outcomes: [false, false, false, false], step: 2)
        XCTAssertEqual(d.levels["x"], 0); XCTAssertTrue(d.history.isEmpty)
    }
}
