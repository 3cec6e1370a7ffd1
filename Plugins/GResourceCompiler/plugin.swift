// Compiles resources/r1ci.gresource.xml (the studio's .ui files and CSS) into a C
// source with glib-compile-resources, so the binary carries its own UI.
// Generated: <plugin work dir>/r1ci-resources.c, defining r1ci_studio_get_resource()
// and r1ci_studio_register_resource() (manual registration: main.c calls it).

import Foundation
import PackagePlugin

@main
struct GResourceCompiler: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let resources = context.package.directoryURL.appending(path: "resources")
        let manifest = resources.appending(path: "r1ci.gresource.xml")
        let output = context.pluginWorkDirectoryURL.appending(path: "r1ci-resources.c")
        // Every file under resources/ is an input, so editing a .ui file rebuilds.
        let inputs = (FileManager.default.enumerator(at: resources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .filter { !$0.hasDirectoryPath }
        let tool = try findOnPath("glib-compile-resources")
        return [.buildCommand(
            displayName: "Compiling GResource r1ci.gresource.xml",
            executable: tool,
            arguments: [
                "--generate-source", "--manual-register", "--c-name", "r1ci_studio",
                "--sourcedir", resources.path, "--target", output.path, manifest.path,
            ],
            inputFiles: [manifest] + inputs,
            outputFiles: [output])]
    }
}

/// SwiftPM only lends plugins the tools of their own dependencies, so a system tool
/// (from libglib2.0-dev-bin) is looked up on $PATH, then in /usr/bin.
private func findOnPath(_ name: String) throws -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
        let candidate = URL(fileURLWithPath: directory).appending(path: name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw PluginError.toolMissing(name)
}

enum PluginError: Error, CustomStringConvertible {
    case toolMissing(String)
    var description: String {
        switch self {
        case .toolMissing(let name): "\(name) not found on PATH (install libglib2.0-dev-bin)"
        }
    }
}
