// Where a run's per-step metrics go: the workspace store (what charts read),
// `metrics.jsonl` in verl's file-logger form ({"step": N, "data": {name: value}}
// per line, flushed at once), and TensorBoard event files (TensorBoard.swift).

import Foundation
import R1Store

public protocol MetricsSink: AnyObject {
    func record(step: Int, wallTime: Double, values: [String: Double]) throws
}

public final class StoreMetricsSink: MetricsSink {
    let workspace: Workspace, run: Int64
    public init(workspace: Workspace, run: Int64) { self.workspace = workspace; self.run = run }
    public func record(step: Int, wallTime: Double, values: [String: Double]) throws {
        try workspace.addMetrics(run: run, step: Int64(step), values: values, wallTime: wallTime)
    }
}

/// verl's `file` logger format. Non-finite values are left out (JSON has no NaN).
public final class JSONLMetricsSink: MetricsSink {
    let handle: FileHandle
    public let url: URL

    /// Appends to `url`, creating it.
    public init(url: URL) throws {
        self.url = url
        if !FileManager.default.fileExists(atPath: url.path) { FileManager.default.createFile(atPath: url.path, contents: nil) }
        guard let h = try? FileHandle(forWritingTo: url) else { throw TrainError("cannot write \(url.path)") }
        handle = h
        _ = try? handle.seekToEnd()
    }
    deinit { try? handle.close() }

    public static func line(step: Int, values: [String: Double]) -> String {
        let data = values.filter { $0.value.isFinite }
        let obj: [String: Any] = ["step": step, "data": data]
        let bytes = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: bytes, as: UTF8.self)
    }

    public func record(step: Int, wallTime: Double, values: [String: Double]) throws {
        try handle.write(contentsOf: Data((JSONLMetricsSink.line(step: step, values: values) + "\n").utf8))
    }

    /// Drops the lines of steps past `step` (temp file + rename): a resume writes them again.
    public static func truncate(_ url: URL, afterStep step: Int) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        let kept = text.split(separator: "\n").filter { line in
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let s = obj["step"] as? Int else { return false }
            return s <= step
        }
        try Data(kept.map { $0 + "\n" }.joined().utf8).write(to: url, options: .atomic)
    }
}

/// Reads a verl file-logger JSONL: (step, name, value) triples in file order.
public func readVerlJSONL(_ path: String) throws -> [(step: Int, name: String, value: Double)] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw TrainError("cannot read \(path)") }
    var out: [(Int, String, Double)] = []
    for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let step = (obj["step"] as? NSNumber)?.intValue, let data = obj["data"] as? [String: Any] else {
            throw TrainError("\(path):\(n + 1): not a verl metrics line ({\"step\": N, \"data\": {...}})")
        }
        for (name, v) in data.sorted(by: { $0.key < $1.key }) {
            if let number = v as? NSNumber { out.append((step, name, number.doubleValue)) }
        }
    }
    return out
}
