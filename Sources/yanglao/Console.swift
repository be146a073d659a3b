import Foundation
import Geography
import Simulation

/// Writing to the terminal.
enum Console {
    static func out(_ text: String) {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// The command line's messages in Chinese or English.
struct Messages {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    func errorCount(_ count: Int) -> String {
        switch language {
        case .zh: "共 \(count) 个错误，未生成任何输出。"
        case .en: "\(count) error\(count == 1 ? "" : "s"); nothing was written."
        }
    }

    /// One line on what a scenario holds.
    func summary(_ scenario: Scenario) -> String {
        let tree = scenario.regions
        let planning = tree[scenario.region]?.name ?? scenario.region.shortForm
        let levels = RegionLevel.allCases.compactMap { level -> String? in
            let count = tree.regions.lazy.filter { $0.level == level }.count
            guard count > 0 else { return nil }
            let kinds = RegionKind.allCases.filter { $0.level == level }.compactMap {
                kind -> String? in
                let n = tree.regions.lazy.filter { $0.kind == kind }.count
                guard n > 0, RegionKind.allCases.filter({ $0.level == level }).count > 1 else {
                    return nil
                }
                return language == .zh ? "\(kind.chineseName) \(n)" : "\(n) \(kind.rawValue)"
            }
            let detail =
                kinds.count > 1
                ? (language == .zh
                    ? "（" + kinds.joined(separator: "，") + "）"
                    : " (" + kinds.joined(separator: ", ") + ")") : ""
            switch language {
            case .zh: return "\(level.chineseName) \(count)\(detail)"
            case .en: return "\(count) \(level.name)\(count == 1 ? "" : "-level units")\(detail)"
            }
        }
        switch language {
        case .zh:
            return """
                情景 \(scenario.id)：\(scenario.label)
                规划区域 \(planning)（\(scenario.region.shortForm)）；区划单位：\(levels.joined(separator: "；"))
                年份 \(scenario.baseYear)–\(scenario.horizon)，报告年 \(scenario.reportYear)，随机种子 \(scenario.seed)
                """
        case .en:
            return """
                Scenario \(scenario.id): \(scenario.label)
                Planning region \(planning) (\(scenario.region.shortForm)); units: \(levels.joined(separator: "; "))
                Years \(scenario.baseYear)–\(scenario.horizon), report year \(scenario.reportYear), seed \(scenario.seed)
                """
        }
    }

    var valid: String {
        switch language {
        case .zh: "校验通过。"
        case .en: "The scenario is valid."
        }
    }

    func written(_ path: String) -> String {
        switch language {
        case .zh: "运行结果已写入 \(path)"
        case .en: "Run written to \(path)"
        }
    }
}
