// r1ci models list: the default model, and every GGUF file and Hugging Face
// folder in the model cache, with architecture, parameter count and size.

import ArgumentParser
import Foundation
import R1Core

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "Local models.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the default model and the GGUF files and model folders in the model cache.")
        @Flag(name: .long, help: "JSON output.") var json = false

        func run() throws {
            let listing = ModelListing.object()
            let (dir, rows) = (listing["cache"] as! String, listing["models"] as! [[String: Any]])
            if json {
                let data = try JSONSerialization.data(withJSONObject: ["cache": dir, "models": rows], options: [.sortedKeys])
                emit(String(decoding: data, as: UTF8.self))
                return
            }
            emit("model cache: \(dir)")
            for r in rows {
                var line = "\(r["name"]!)"
                if r["default"] as? Bool == true { line += " (default)" }
                guard r["installed"] as? Bool == true else {
                    emit(line + "\tmissing (run `make test` or `make studio` to set up)"); continue
                }
                line += "\t\(r["format"] ?? "?")\t\(r["architecture"] ?? "?")"
                if let n = r["parameters"] as? Int { line += String(format: "\t%.1fM params", Double(n) / 1e6) }
                if let b = r["bytes"] as? Int { line += String(format: "\t%.1f MB", Double(b) / 1e6) }
                if let e = r["error"] as? String { line += "\tunreadable: \(e)" }
                emit(line)
            }
        }
    }
}
