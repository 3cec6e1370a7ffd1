// A run's checkpoint folder: `step-000042/` folders and a `latest` file naming
// the last good one. A checkpoint is written into a temporary folder and
// renamed into place, then `latest` is replaced (temp file + rename), then the
// older folders are removed; a failed write (full disk) removes the temporary
// folder and leaves the previous checkpoint as `latest`.

import Foundation

public struct CheckpointFolder: Sendable {
    public let root: URL
    /// Test hook: saves of this step or later fail after `write` ran, as a full disk would
    /// ($R1CI_TEST_CHECKPOINT_FAILURE=STEP for a worker).
    public var failFromStep: Int?

    public init(root: URL) {
        self.root = root
        failFromStep = ProcessInfo.processInfo.environment["R1CI_TEST_CHECKPOINT_FAILURE"].flatMap { Int($0) }
    }

    /// The last good checkpoint, nil when none was written.
    public func latest() -> URL? {
        guard let name = try? String(contentsOf: root.appendingPathComponent("latest"), encoding: .utf8) else { return nil }
        let dir = root.appendingPathComponent(name.trimmingCharacters(in: .whitespacesAndNewlines))
        return FileManager.default.fileExists(atPath: dir.path) ? dir : nil
    }

    public static func name(step: Int) -> String { String(format: "step-%06d", step) }

    /// Writes a checkpoint for `step` with `write(folder)`; returns its folder.
    public func save(step: Int, write: (URL) throws -> Void) throws -> URL {
        let fm = FileManager.default
        let name = CheckpointFolder.name(step: step)
        let temp = root.appendingPathComponent(".tmp-\(name)-\(getpid())")
        let dest = root.appendingPathComponent(name)
        let previous = latest()
        do {
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            try? fm.removeItem(at: temp)
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
            try write(temp)
            if let failFromStep, step >= failFromStep { throw TrainError("No space left on device (injected)") }
            if previous?.lastPathComponent != name { try? fm.removeItem(at: dest) }
            try fm.moveItem(at: temp, to: dest)
            try Data(name.utf8).write(to: root.appendingPathComponent("latest"), options: .atomic)
        } catch {
            try? fm.removeItem(at: temp)
            let reason = (error as? TrainError)?.description ?? error.localizedDescription
            let kept = previous.map { "; the last good checkpoint \($0.lastPathComponent) stays" } ?? ""
            throw TrainError("checkpoint at step \(step) not written (\(reason))\(kept)")
        }
        for old in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where old.hasPrefix("step-") && old != name {
            try? fm.removeItem(at: root.appendingPathComponent(old))
        }
        return dest
    }
}
