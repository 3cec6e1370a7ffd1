// r1ci_train_methods_json: every registered training method's options, as the
// Training page's launch form shows them. The schema (RunConfigSchema) is the
// one source of keys, types, defaults and help; the form restates none of it.

import Foundation
import R1Train

/// The order methods are listed in; methods registered later follow, sorted.
private let preferredOrder = ["sft", "grpo", "ppo"]

private func kindName(_ kind: ConfigKey.Kind) -> String {
    switch kind {
    case .int: return "int"
    case .float: return "float"
    case .string: return "string"
    case .bool: return "bool"
    }
}

private func jsonValue(_ value: ConfigValue?) -> Any {
    switch value {
    case .int(let i)?: return i
    case .float(let d)?: return d
    case .string(let s)?: return s
    case .bool(let b)?: return b
    case nil: return NSNull()
    }
}

/// One key as {"key", "type", "default", "required", "help", "flag", "allowed"}.
private func describe(_ key: ConfigKey) -> [String: Any] {
    [
        "key": key.name,
        "type": kindName(key.kind),
        "default": jsonValue(key.defaultValue),
        "required": key.defaultValue == nil && !key.optional,
        "help": key.help,
        "flag": key.flag,
        "allowed": key.allowed,
    ]
}

/// {"methods": [{"method", "keys": [...]}]} for every method in TrainingMethod.all.
func trainingMethodsJSON() throws -> String {
    let names = TrainingMethod.all.keys.sorted { a, b in
        let ia = preferredOrder.firstIndex(of: a) ?? preferredOrder.count
        let ib = preferredOrder.firstIndex(of: b) ?? preferredOrder.count
        return ia != ib ? ia < ib : a < b
    }
    let methods: [[String: Any]] = names.map { name in
        ["method": name, "keys": TrainingMethod.all[name]!.schema.keys.map(describe)]
    }
    let data = try JSONSerialization.data(withJSONObject: ["methods": methods],
                                          options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
}

@_cdecl("r1ci_train_methods_json")
public func r1ci_train_methods_json(_ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    do { return giveString(try trainingMethodsJSON(), to: out) }
    catch { return fail(R1CI_ERR_INTERNAL, "could not describe the training methods: \(error)") }
}
