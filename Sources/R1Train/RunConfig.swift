// Run configurations: the options of a training run as one flat mapping of
// snake_case keys (`steps`, `lr`, `lora_rank`, …), read from a YAML or JSON
// file and overridden key by key by command-line flags. Each method (sft,
// grpo, ppo) declares its keys once in a RunConfigSchema: the type, the
// default, and the check of an impossible value. An unknown key, a value of
// the wrong type or an impossible value is one error naming the key.

import Foundation
import Yams

/// One option's value.
public enum ConfigValue: Equatable, Sendable, CustomStringConvertible {
    case int(Int), float(Double), string(String), bool(Bool)

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .string(let s): return s
        case .bool(let b): return String(b)
        }
    }
    var json: Any {
        switch self {
        case .int(let i): return i
        case .float(let d): return d
        case .string(let s): return s
        case .bool(let b): return b
        }
    }
}

/// One key of a schema. `check` returns nil for a possible value, else what is wrong ("must be ≥ 1").
public struct ConfigKey: Sendable {
    public enum Kind: String, Sendable { case int = "an integer", float = "a number", string = "a string", bool = "true or false" }
    public let name: String
    public let kind: Kind
    /// nil: the key has no default (required unless `optional`).
    public let defaultValue: ConfigValue?
    public let optional: Bool
    public let help: String
    /// The only values a string key takes (empty: any); `check` refuses the others.
    public let allowed: [String]
    public let check: @Sendable (ConfigValue) -> String?

    public init(_ name: String, _ kind: Kind, default defaultValue: ConfigValue? = nil, optional: Bool = false,
                help: String = "", allowed: [String] = [], check: @escaping @Sendable (ConfigValue) -> String? = { _ in nil }) {
        self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.optional = optional
        self.help = help; self.allowed = allowed
        if allowed.isEmpty {
            self.check = check
        } else {
            let refusal = "must be one of \(allowed.joined(separator: ", "))"
            self.check = { @Sendable (value: ConfigValue) -> String? in
                if case .string(let s) = value, !allowed.contains(s) { return refusal }
                return check(value)
            }
        }
    }

    /// The command-line flag for this key: lora_rank → --lora-rank.
    public var flag: String { "--" + name.replacingOccurrences(of: "_", with: "-") }
    /// "lora_rank (--lora-rank)": how errors name the key.
    public var label: String { "\(name) (\(flag))" }

    /// Converts a value parsed from YAML/JSON to this key's kind (an integer is a valid number).
    func coerce(_ raw: Any) -> ConfigValue? {
        switch kind {
        case .int:
            if let i = raw as? Int { return .int(i) }
            if let d = raw as? Double, d == d.rounded(), abs(d) < 1e15 { return .int(Int(d)) }
        case .float:
            if let i = raw as? Int { return .float(Double(i)) }
            if let d = raw as? Double { return .float(d) }
            // YAML 1.1 reads `1e-5` (no dot) as a string.
            if let s = raw as? String, let d = Double(s) { return .float(d) }
        case .string:
            if let s = raw as? String { return .string(s) }
        case .bool:
            if let b = raw as? Bool { return .bool(b) }
        }
        return nil
    }
}

/// Checks shared by many keys.
public enum ConfigCheck {
    public static func atLeast(_ low: Int) -> @Sendable (ConfigValue) -> String? {
        { if case .int(let i) = $0, i < low { return "must be ≥ \(low)" }; return nil }
    }
    public static let positive: @Sendable (ConfigValue) -> String? = {
        if case .float(let d) = $0, !(d.isFinite && d > 0) { return "must be a positive number" }; return nil
    }
    public static let nonNegative: @Sendable (ConfigValue) -> String? = {
        if case .float(let d) = $0, !(d.isFinite && d >= 0) { return "must be ≥ 0" }; return nil
    }
    public static func fraction(below high: Double) -> @Sendable (ConfigValue) -> String? {
        { if case .float(let d) = $0, !(d.isFinite && d >= 0 && d < high) { return "must be in [0, \(high))" }; return nil }
    }
    public static let nonEmpty: @Sendable (ConfigValue) -> String? = {
        if case .string(let s) = $0, s.isEmpty { return "must not be empty" }; return nil
    }
}

/// A resolved configuration: every key of the schema with its value (optional keys may be absent).
public struct RunConfig: Sendable, Equatable {
    public let method: String
    public let values: [String: ConfigValue]

    public init(method: String, values: [String: ConfigValue]) { self.method = method; self.values = values }

    public func int(_ key: String) -> Int { if case .int(let i) = values[key] { return i }; preconditionFailure("no int \(key)") }
    public func double(_ key: String) -> Double { if case .float(let d) = values[key] { return d }; preconditionFailure("no number \(key)") }
    public func string(_ key: String) -> String { if case .string(let s) = values[key] { return s }; preconditionFailure("no string \(key)") }
    public func bool(_ key: String) -> Bool { if case .bool(let b) = values[key] { return b }; preconditionFailure("no bool \(key)") }
    public func optionalInt(_ key: String) -> Int? { if case .int(let i) = values[key] { return i }; return nil }
    public func optionalDouble(_ key: String) -> Double? { if case .float(let d) = values[key] { return d }; return nil }
    public func optionalString(_ key: String) -> String? { if case .string(let s) = values[key] { return s }; return nil }

    /// {"method": …, key: value, …} with sorted keys: what the store and the run folder keep.
    public func json() -> String {
        var obj: [String: Any] = values.mapValues(\.json)
        obj["method"] = method
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

public struct RunConfigSchema: Sendable {
    public let method: String
    public let keys: [ConfigKey]

    public init(method: String, keys: [ConfigKey]) { self.method = method; self.keys = keys }

    public func key(_ name: String) -> ConfigKey? { keys.first { $0.name == name } }

    /// Converts a parsed mapping (from a file or a JSON string) to values, refusing unknown
    /// keys and wrong types. `origin` names where it came from in the error ("run.yaml").
    /// A "method" key, if present, must name this schema's method.
    public func values(from mapping: [String: Any], origin: String) throws -> [String: ConfigValue] {
        var out: [String: ConfigValue] = [:]
        for name in mapping.keys.sorted() {
            let raw = mapping[name]!
            if name == "method" {
                guard (raw as? String) == method else { throw TrainError("\(origin): method is \(raw), expected \(method)") }
                continue
            }
            guard let key = key(name) else {
                let known = keys.map(\.name).joined(separator: ", ")
                throw TrainError("\(origin): unknown key '\(name)' for \(method) (known: \(known))")
            }
            if raw is NSNull { continue }
            guard let value = key.coerce(raw) else { throw TrainError("\(origin): \(name) = \(raw) is not \(key.kind.rawValue)") }
            out[name] = value
        }
        return out
    }

    /// File values, then flags over them, then defaults; every value checked.
    public func resolve(file: [String: ConfigValue] = [:], flags: [String: ConfigValue] = [:]) throws -> RunConfig {
        var values: [String: ConfigValue] = [:]
        for key in keys {
            guard let value = flags[key.name] ?? file[key.name] ?? key.defaultValue else {
                if key.optional { continue }
                throw TrainError("config: \(key.label) is required")
            }
            if let problem = key.check(value) { throw TrainError("config: \(key.label) = \(value): \(problem)") }
            values[key.name] = value
        }
        if let unknown = (Array(file.keys) + Array(flags.keys)).sorted().first(where: { key($0) == nil }) {
            throw TrainError("config: unknown key '\(unknown)' for \(method)")
        }
        return RunConfig(method: method, values: values)
    }

    /// Re-reads a stored config JSON (from the store or a run folder).
    public func decode(json: String) throws -> RunConfig {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw TrainError("stored run config is not a JSON object")
        }
        return try resolve(file: values(from: obj, origin: "stored config"))
    }
}

/// Reads a YAML or JSON file (JSON is read by the YAML parser too) whose top level is a mapping.
public func readConfigFile(_ path: String) throws -> [String: Any] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw TrainError("cannot read config file \(path)") }
    let parsed: Any?
    do { parsed = try Yams.load(yaml: text) } catch {
        let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        throw TrainError("\(path): not YAML or JSON: \(first)")
    }
    if parsed == nil { return [:] }
    guard let mapping = parsed as? [String: Any] else { throw TrainError("\(path): the top level must be a mapping of keys to values") }
    return mapping
}
