import Foundation
import PackagePlugin

/// Compiles the commit the tool is built from into the tool (`BuildInfo.commit`), so that a
/// run records the tool's own provenance without running anything at run time.
///
/// The commit is read from the checkout's `.git` files by a small generator; git itself is
/// never run, so no hook or configured command of any repository is executed. The files that
/// name the commit are the command's inputs: a new commit or another branch rebuilds it.
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let generator = try context.tool(named: "BuildInfoGenerator")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo.swift")
        let package = context.package.directoryURL
        return [
            .buildCommand(
                displayName: "Recording the build commit",
                executable: generator.url,
                arguments: [package.path, output.path],
                inputFiles: Self.gitFiles(of: package),
                outputFiles: [output])
        ]
    }

    /// `.git/HEAD`, the branch file it names and `packed-refs`, where they exist (in a
    /// worktree `.git` is a file naming the real folder).
    static func gitFiles(of package: URL) -> [URL] {
        var folder = package.appendingPathComponent(".git")
        if let text = try? String(contentsOf: folder, encoding: .utf8),
            text.hasPrefix("gitdir: ")
        {
            let path = text.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)
            folder =
                path.hasPrefix("/")
                ? URL(fileURLWithPath: path) : package.appendingPathComponent(path)
        }
        let head = folder.appendingPathComponent("HEAD")
        var files = [head]
        if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref: ") {
            let ref = text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)
            files.append(folder.appendingPathComponent(ref))
        }
        files.append(folder.appendingPathComponent("packed-refs"))
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
