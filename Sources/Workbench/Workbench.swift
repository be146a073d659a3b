import Diagnostics
import Foundation
import Hummingbird
import Planning

/// The planning workbench (规划工作台): a local web server whose routes parse a request, call
/// one function of `Planning` and answer JSON, and the page that calls them.
///
/// Only the scenarios it is configured with are reachable: a request names a scenario by the
/// name listed at `/api/scenarios`, never by a path. Bound to loopback unless given a token;
/// with a token every request carries it. Requests that change anything (POST) must carry the
/// `X-Yanglao-Workbench` header, which a page of another site cannot send without the
/// server's consent (CORS preflight, never granted), and their `Origin`, when given, must be
/// the server's own.
public struct Workbench: Sendable {
    /// A scenario the workbench opens: its name in requests, its folder or file, and the
    /// folder its variants are saved in.
    public struct Entry: Sendable, Codable, Hashable {
        public var name: String
        public var path: String
        public var variantsFolder: String

        public init(name: String, path: String, variantsFolder: String) {
            self.name = name
            self.path = path
            self.variantsFolder = variantsFolder
        }
    }

    /// The scenario folders given; their scenarios and variants are listed again on each
    /// request, so that a variant saved by the page can be opened.
    public var folders: [String]
    /// The scenarios of the folders, now.
    public var entries: [Entry] { Self.entries(in: folders) }
    public var host: String
    public var port: Int
    /// The token every request must carry (header `X-Yanglao-Token` or query `token=`).
    public var token: String?
    public var build: Planning.Build

    /// Why the workbench will not start.
    public struct StartError: Error, Sendable {
        public var text: BilingualText
    }

    /// - Throws: ``StartError`` when the host is not loopback and no token is given, or there
    ///   is no scenario to open.
    public init(
        folders: [String], host: String, port: Int, token: String?, build: Planning.Build
    ) throws(StartError) {
        if !Self.isLoopback(host), (token ?? "").isEmpty {
            throw StartError(
                text: BilingualText(
                    chinese: "错误：监听 \(host) 需要 --token（非本机地址时每个请求都须带令牌）",
                    english:
                        "error: listening on \(host) needs --token (every request must then carry it)"
                ))
        }
        if let token, !token.isEmpty, token.count < 16 {
            throw StartError(
                text: BilingualText(
                    chinese: "错误：--token 至少 16 个字符",
                    english: "error: --token needs 16 characters or more"))
        }
        self.folders = folders
        if Self.entries(in: folders).isEmpty {
            throw StartError(
                text: BilingualText(
                    chinese: "错误：给出的文件夹中没有 scenario.yaml",
                    english: "error: none of the folders given holds a scenario.yaml"))
        }
        self.host = host
        self.port = port
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.build = build
    }

    /// Whether a host name is the loopback interface.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The scenarios of some folders: each folder holding `scenario.yaml`, and each YAML file
    /// of its `variants/`, named `folder` and `folder.variant`.
    static func entries(in folders: [String]) -> [Entry] {
        var entries: [Entry] = []
        let files = FileManager.default
        for folder in folders {
            let trimmed =
                folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            guard files.fileExists(atPath: trimmed + "/scenario.yaml") else { continue }
            let name = (URL(fileURLWithPath: trimmed).standardizedFileURL.path as NSString)
                .lastPathComponent
            let variants = trimmed + "/variants"
            guard !entries.contains(where: { $0.name == name }) else { continue }
            entries.append(Entry(name: name, path: trimmed, variantsFolder: variants))
            let names = ((try? files.contentsOfDirectory(atPath: variants)) ?? []).sorted()
            for file in names where file.hasSuffix(".yaml") {
                entries.append(
                    Entry(
                        name: name + "." + String(file.dropLast(5)), path: variants + "/" + file,
                        variantsFolder: variants))
            }
        }
        return entries
    }

    /// The scenario a request names, if the workbench opens it.
    func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The address to print: the page's URL, with the token when one is needed.
    public func address(port: Int) -> String {
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)/" + (token.map { "?token=\($0)" } ?? "")
    }
}

/// A variant name: kebab-case, as scenario ids are, so that it is a file name and nothing more.
enum VariantName {
    static func isValid(_ name: String) -> Bool {
        guard (1...64).contains(name.count), let first = name.unicodeScalars.first,
            CharacterSet.lowercaseLetters.contains(first)
                || CharacterSet.decimalDigits.contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
    }
}
