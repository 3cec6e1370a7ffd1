// The workspace: a directory holding `r1ci.sqlite` (WAL mode, so the studio can
// read while a run writes) and a `blobs/` folder for large payloads.

import Foundation

public final class Workspace {
    public let directory: URL
    public let db: Database

    public static let databaseName = "r1ci.sqlite"

    /// `$R1CI_WORKSPACE`, else `$XDG_DATA_HOME/r1ci`, else `~/.local/share/r1ci`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["R1CI_WORKSPACE"], !path.isEmpty { return URL(fileURLWithPath: path) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("r1ci")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/r1ci")
    }

    public var blobsDirectory: URL { directory.appendingPathComponent("blobs") }
    public var databaseURL: URL { directory.appendingPathComponent(Workspace.databaseName) }

    /// Opens (creating when `create`) the workspace at `directory` and brings its schema up to date.
    /// Throws without writing anything when the directory cannot be written, the database
    /// is not an SQLite file, or its schema is newer than this build knows.
    public init(directory: URL, create: Bool = true) throws {
        self.directory = directory
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let path = directory.path
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StoreError("workspace \(path) is not a directory") }
        } else {
            guard create else { throw StoreError("no workspace at \(path)") }
            try Workspace.makeDirectories(path)
        }
        let dbPath = directory.appendingPathComponent(Workspace.databaseName).path
        let existed = fm.fileExists(atPath: dbPath)
        guard existed || create else { throw StoreError("no workspace database at \(dbPath)") }
        guard fm.isWritableFile(atPath: path) else { throw StoreError("workspace \(path) is not writable") }

        let db: Database
        do { db = try Database(path: dbPath, mode: existed ? .readWrite : .readWriteCreate) } catch {
            throw StoreError("cannot open workspace database \(dbPath): \(error)")
        }
        // Read the schema version before anything writes: a corrupt file fails here.
        let version: Int
        do { version = Int(try db.scalar("PRAGMA user_version").int ?? 0) } catch {
            throw StoreError("\(dbPath) is not a usable R1CI database (\(error)); nothing was changed")
        }
        guard version <= Migrations.latestVersion else {
            throw StoreError("\(dbPath) has schema version \(version), newer than this R1CI knows "
                             + "(\(Migrations.latestVersion)); upgrade R1CI to open it")
        }
        self.db = db
        try db.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
        try migrate(from: version)
        try? fm.createDirectory(at: blobsDirectory, withIntermediateDirectories: true)
    }

    /// The schema version the database is at now.
    public var schemaVersion: Int { Int((try? db.scalar("PRAGMA user_version").int) ?? 0) }
    public static var latestSchemaVersion: Int { Migrations.latestVersion }

    private func migrate(from version: Int) throws {
        guard version < Migrations.latestVersion else { return }
        try db.transaction {
            for step in version..<Migrations.latestVersion {
                try db.execute(Migrations.all[step])
            }
            try db.execute("PRAGMA user_version = \(Migrations.latestVersion)")
        }
    }

    /// `mkdir -p` with the system's own words for a failure ("Not a directory").
    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw StoreError("cannot create workspace \(path): \(String(cString: strerror(errno)))")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError("cannot create workspace \(path): a file is in the way")
        }
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    // MARK: blobs

    /// Writes a blob atomically (temporary file, then rename) and returns its name.
    @discardableResult
    public func writeBlob(_ data: Data, name: String) throws -> String {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            throw StoreError("bad blob name '\(name)'")
        }
        let target = blobsDirectory.appendingPathComponent(name)
        do { try data.write(to: target, options: .atomic) } catch {
            throw StoreError("cannot write blob \(name): \(Workspace.reason(error))")
        }
        return name
    }

    public func readBlob(name: String) throws -> Data {
        do { return try Data(contentsOf: blobsDirectory.appendingPathComponent(name)) } catch {
            throw StoreError("cannot read blob \(name): \(Workspace.reason(error))")
        }
    }
}

/// What `r1ci workspace info` and r1ci_workspace_info_json print.
public struct WorkspaceInfo: Codable, Equatable {
    public let directory: String
    public let database: String
    public let schemaVersion: Int
    public let runs: Int
    public init(directory: String, database: String, schemaVersion: Int, runs: Int) {
        self.directory = directory
        self.database = database
        self.schemaVersion = schemaVersion
        self.runs = runs
    }
    enum CodingKeys: String, CodingKey {
        case directory, database, runs
        case schemaVersion = "schema_version"
    }
}
