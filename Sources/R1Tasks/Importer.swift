// `r1ci tasks import KIND PATH`: reads a fixed dataset into an
// ImportedTaskDefinition, or fails with one line naming the file and the line
// (JSONL) or JSON path (JSON) at fault. Nothing here writes anywhere; the
// caller stores the definition in a workspace only when reading succeeded.

import Foundation

public struct ImportError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public enum Importer {
    /// Reads `path` as `kind`. `name` defaults to "<kind>_<file or folder name>".
    public static func read(kind: ImportKind, path: String, name: String? = nil) throws -> ImportedTaskDefinition {
        let id = try taskName(name ?? defaultName(kind: kind, path: path))
        let items: [ImportedItem]
        let description: String
        switch kind {
        case .bbh:
            items = try BBHImport.items(path: path)
            description = "BIG-Bench-Hard items from \(lastComponent(path)); multiple-choice targets scored by option letter, the rest exactly."
        case .symbench:
            let read = try SymBenchImport.items(folder: path)
            items = read.0
            description = read.1
        case .rg:
            items = try ReasoningGymImport.items(path: path)
            description = "Reasoning Gym export \(lastComponent(path)); scored by R1CI's verifier of each item's family where it accepts the item's own answer, else exactly."
        case .jsonl:
            items = try PlainJSONLImport.items(path: path)
            description = "Items from \(lastComponent(path)); exact, multiple-choice or numeric-tolerance scoring per item."
        }
        guard !items.isEmpty else { throw ImportError("\(path): no items") }
        return ImportedTaskDefinition(id: id, kind: kind, sourcePath: absolute(path), description: description, items: items)
    }

    /// A task id: letters, digits, '_', '-' or '.', up to 64, not a generated task's id.
    public static func taskName(_ raw: String) throws -> String {
        let ok = !raw.isEmpty && raw.count <= 64
            && raw.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)) }
        guard ok else { throw ImportError("task name '\(raw)' must be 1–64 letters, digits, '_', '-' or '.'") }
        guard !TaskRegistry.isGenerated(raw) else {
            throw ImportError("'\(raw)' is a generated task's id; pass another --name")
        }
        return raw
    }

    static func defaultName(kind: ImportKind, path: String) -> String {
        var base = lastComponent(path)
        for ext in [".jsonl", ".json"] where base.hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        let cleaned = String(base.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return "\(kind.rawValue)_\(cleaned)"
    }

    static func lastComponent(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    }

    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// The file's text, or an error naming it.
    static func text(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError("\(path): is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("\(path): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw ImportError("\(path): not UTF-8 text") }
        return text
    }

    /// Parses one JSON document; a syntax error names the line it is on.
    static func json(_ text: String, origin: String) throws -> JSONValue {
        if let value = JSONValue.parse(text) { return value }
        do {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            throw ImportError("\(origin): not valid JSON: \(detail)")
        }
        throw ImportError("\(origin): not valid JSON")
    }

    /// Each non-blank line of a JSONL file as an object, with its 1-based line number.
    static func jsonlObjects(_ path: String) throws -> [(line: Int, fields: [String: JSONValue])] {
        var out: [(Int, [String: JSONValue])] = []
        for (i, raw) in try text(path).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            guard let value = JSONValue.parse(line) else { throw ImportError("\(path):\(i + 1): not valid JSON") }
            guard case .object(let fields) = value else { throw ImportError("\(path):\(i + 1): not a JSON object") }
            out.append((i + 1, fields))
        }
        return out
    }

    /// A gold answer as text: strings as they are, numbers and booleans as written, else compact JSON.
    static func goldText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .null: return nil
        default: return value.canonicalJSON()
        }
    }

    /// Scoring metadata for an item whose family R1CI generates: its verifier is used when it
    /// accepts the item's own gold on `familyMetadata` and rejects junk; otherwise exact match.
    /// `candidates` are further readings of the item's data to try in turn (SymBench adapters).
    static func familyOrExact(family: String?, gold: String, familyMetadata: [String: JSONValue],
                              candidates: [[String: JSONValue]] = []) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["answer": .string(gold), "scoring": "exact"]
        guard let family, TaskRegistry.isGenerated(family), let task = try? TaskRegistry.task(family) else { return fields }
        for candidate in [familyMetadata] + candidates {
            var meta = candidate
            if meta["answer"] == nil { meta["answer"] = .string(gold) }
            let verdict = { (answer: String) in task.verify(answer: answer, metadata: .object(meta)).isCorrect }
            guard verdict(gold), !verdict(""), !verdict("r1ci import probe: not an answer") else { continue }
            fields["scoring"] = "family"
            fields["family"] = .string(family)
            fields["family_metadata"] = .object(meta)
            return fields
        }
        return fields
    }
}
