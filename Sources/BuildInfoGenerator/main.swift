import Foundation

// Writes BuildInfo.swift with the commit of the checkout it is given, read from the files of
// its `.git` folder (HEAD, the branch it names, packed-refs). Git is not run. Outside a
// checkout, or when the commit cannot be read, the commit is nil.
//
// Usage: BuildInfoGenerator PACKAGE_DIRECTORY OUTPUT_FILE

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: BuildInfoGenerator PACKAGE OUTPUT\n".utf8))
    exit(2)
}

/// The text of a small file, or nil.
func read(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path), data.count < 1 << 20 else {
        return nil
    }
    return String(decoding: data, as: UTF8.self)
}

/// Whether a text is a full hexadecimal commit id.
func isCommit(_ text: Substring) -> Bool {
    text.count == 40 && text.allSatisfy { $0.isHexDigit }
}

/// The git folder of a checkout: `.git`, or the folder a `.git` file names (worktrees).
func gitFolder(_ package: String) -> String {
    let dotGit = package + "/.git"
    if let text = read(dotGit), text.hasPrefix("gitdir: ") {
        let path = text.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? path : package + "/" + path
    }
    return dotGit
}

/// The commit HEAD names: detached, a loose ref, or a packed ref (in the folder or in the
/// common folder of a worktree).
func headCommit(_ folder: String) -> String? {
    guard let head = read(folder + "/HEAD")?.trimmingCharacters(in: .whitespacesAndNewlines)
    else { return nil }
    if isCommit(Substring(head)) { return head }
    guard head.hasPrefix("ref: ") else { return nil }
    let ref = String(head.dropFirst(5))
    var folders = [folder]
    if let common = read(folder + "/commondir")?.trimmingCharacters(in: .whitespacesAndNewlines) {
        folders.append(common.hasPrefix("/") ? common : folder + "/" + common)
    }
    for place in folders {
        if let loose = read(place + "/" + ref)?.trimmingCharacters(in: .whitespacesAndNewlines),
            isCommit(Substring(loose))
        {
            return loose
        }
        for line in (read(place + "/packed-refs") ?? "").split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == ref, isCommit(parts[0]) { return String(parts[0]) }
        }
    }
    return nil
}

let commit = headCommit(gitFolder(arguments[1]))
let literal = commit.map { "\"\($0)\"" } ?? "nil"
let source = """
    // Generated at build time by BuildInfoGenerator; do not edit.

    /// What the tool was built from.
    enum BuildInfo {
        /// The commit of the checkout the tool was built from, read from its `.git` files at
        /// build time; nil when it was built outside a git checkout.
        static let commit: String? = \(literal)
    }

    """
let output = arguments[2]
if read(output) != source {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
}
