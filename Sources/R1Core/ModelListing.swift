// The models a user can pick: the known ones (installed or not) and every GGUF
// file and Hugging Face folder in the model cache, described without loading
// their weights. `r1ci models list` and r1ci_models_list_json print this.

import Foundation
import R1Engine

public enum ModelListing {
    /// {"cache": str, "models": [{"name", "path", "default", "installed", "description",
    ///   "format"?, "architecture"?, "parameters"?, "bytes"?, "error"?}]}
    public static func object() -> [String: Any] {
        let dir = ModelCatalog.cacheDirectory()
        var rows: [[String: Any]] = []
        var listed = Set<String>()
        for k in ModelCatalog.known {
            let p = dir + "/" + k.file
            listed.insert(p)
            var row: [String: Any] = ["name": k.name, "path": p, "default": k.name == ModelCatalog.known[0].name,
                                      "installed": FileManager.default.fileExists(atPath: p), "description": k.note]
            if row["installed"] as? Bool == true { row.merge(fields(ModelCatalog.describe(p))) { a, _ in a } }
            rows.append(row)
        }
        for e in ModelCatalog.scan(dir) where !listed.contains(e.path) {
            rows.append(["name": e.name, "path": e.path, "default": false, "installed": true,
                         "description": e.format == "hf" ? "Hugging Face folder" : "GGUF file"].merging(fields(e)) { a, _ in a })
        }
        return ["cache": dir, "models": rows]
    }

    private static func fields(_ e: ModelCatalog.Entry) -> [String: Any] {
        var f: [String: Any] = ["format": e.format, "bytes": e.bytes]
        if let a = e.architecture { f["architecture"] = a }
        if let p = e.parameters { f["parameters"] = p }
        if let err = e.error { f["error"] = err }
        return f
    }
}
