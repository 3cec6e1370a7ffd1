// The whole model's masked loss and gradients against the float64 numpy oracle
// (oracle_train.py: central differences in float64 over every parameter).

import Foundation
import XCTest
@testable import R1Train
import R1Kernels

final class ModelGradientTests: XCTestCase {
    func writeRaw<T>(_ values: [T], to url: URL) throws {
        try values.withUnsafeBytes { try Data($0).write(to: url) }
    }

    /// Runs the oracle on the model and batch; returns (loss, gradients by flat index).
    func oracle(_ model: TrainModel, B: Int, T: Int, tokens: [Int32], targets: [Int32], mask: [Float]) throws -> (Double, [Double]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("r1train-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = model.shape
        let spec: [String: Any] = [
            "B": B, "T": T,
            "shape": ["dim": s.dim, "nHeads": s.nHeads, "nKVHeads": s.nKVHeads, "headDim": s.headDim,
                      "nLayers": s.nLayers, "rmsEps": Double(s.rmsEps), "ropeTheta": Double(s.ropeTheta),
                      "ropeNeox": s.ropeNeox, "ropeDim": s.ropeDim],
            "tensors": model.layout.tensors.map { ["name": $0.name, "shape": $0.shape, "offset": $0.offset] },
        ]
        try JSONSerialization.data(withJSONObject: spec).write(to: dir.appendingPathComponent("model.json"))
        try writeRaw(model.params.array(), to: dir.appendingPathComponent("params.f32"))
        try writeRaw(tokens, to: dir.appendingPathComponent("tokens.i32"))
        try writeRaw(targets, to: dir.appendingPathComponent("targets.i32"))
        try writeRaw(mask, to: dir.appendingPathComponent("mask.f32"))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("oracle_train.py")
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proc.arguments = ["python3", script.path, dir.path]
        let out = Pipe(); proc.standardOutput = out
        try proc.run(); proc.waitUntilExit()
        XCTAssertEqual(proc.terminationStatus, 0, "oracle_train.py failed")
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let loss = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
        let data = try Data(contentsOf: dir.appendingPathComponent("grads.f64"))
        let grads = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        return (loss, grads)
    }

    func checkModel(arch: String, tied: Bool) throws {
        let model = try Tiny.model(arch, tied: tied, seed: arch == "llama" ? 3 : 4)
        let B = 2, T = 6, V = model.shape.vocab
        var rng = TestRNG(seed: 9)
        let tokens = rng.tokens(B * T, vocab: V), targets = rng.tokens(B * T, vocab: V)
        var mask = [Float](repeating: 1, count: B * T)
        mask[0] = 0; mask[1] = 0; mask[8] = 0       // prompt-like and tool-output-like positions
        let acts = Activations(shape: model.shape, B: B, T: T)
        let pool = r1k_pool_new(2); defer { r1k_pool_free(pool) }
        model.zeroGrads()
        model.forward(tokens: tokens, acts: acts, pool: pool)
        let denominator = Double(mask.reduce(0, +))
        let loss = model.crossEntropy(targets: targets, mask: mask, denominator: denominator, acts: acts) / denominator
        model.backward(tokens: tokens, acts: acts, pool: pool)

        let (wantLoss, wantGrads) = try oracle(model, B: B, T: T, tokens: tokens, targets: targets, mask: mask)
        XCTAssertEqual(loss, wantLoss, accuracy: 1e-5 * max(1, abs(wantLoss)), "\(arch) tied=\(tied) loss")
        XCTAssertEqual(wantGrads.count, model.layout.totalCount)
        for t in model.layout.tensors {
            let got = model.gradient(t.name), want = wantGrads[t.offset..<(t.offset + t.count)]
            let scale = want.map(abs).max() ?? 0
            XCTAssertGreaterThan(scale, 1e-6, "\(t.name): the oracle says this tensor gets no gradient")
            var worst = 0.0
            for (g, w) in zip(got, want) { worst = max(worst, abs(Double(g) - w)) }
            XCTAssertLessThan(worst, 1e-4 * scale + 1e-6, "\(arch) tied=\(tied) \(t.name): max |Δgrad| \(worst) (scale \(scale))")
        }
    }

    func testLlamaTiedAgainstFloat64Oracle() throws { try checkModel(arch: "llama", tied: true) }
    func testLlamaUntiedAgainstFloat64Oracle() throws { try checkModel(arch: "llama", tied: false) }
    func testQwen2TiedAgainstFloat64Oracle() throws { try checkModel(arch: "qwen2", tied: true) }
    func testQwen2UntiedAgainstFloat64Oracle() throws { try checkModel(arch: "qwen2", tied: false) }
}
