import Diagnostics
import Foundation
import Planning

/// The summaries the coverage and siting commands print, in Chinese or English.
struct CoverageMessages {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    private func persons(_ value: Double) -> String {
        value == value.rounded() ? Number.exact(value) : Number.fixed(value, 1)
    }

    /// The lines on a coverage result.
    func summary(_ outcome: CoverageOutcome) -> String {
        switch outcome.result {
        case .radius(let coverage):
            let all = coverage.groups[0]
            return
                ([
                    radius(
                        covered: all.covered, total: all.total, share: all.share,
                        radius: coverage.radius, uncovered: coverage.uncoveredPoints)
                ] + coverage.groups.dropFirst().map(group)).joined(separator: "\n")
        case .access(let access):
            return self.access(
                method: access.method.rawValue, mean: access.mean,
                withoutAccess: access.pointsWithoutAccess, count: outcome.demandPoints)
        }
    }

    func radius(covered: Double, total: Double, share: Double?, radius: Double, uncovered: Int)
        -> String
    {
        switch language {
        case .zh:
            "步行 \(Number.exact(radius)) 米内有设施：\(persons(covered)) / \(persons(total))（\(Number.percent(share))）；未覆盖点 \(uncovered) 个"
        case .en:
            "Within \(Number.exact(radius)) m of a facility: \(persons(covered)) of \(persons(total)) (\(Number.percent(share))); \(uncovered) points uncovered"
        }
    }

    func group(_ group: RadiusCoverage.Share) -> String {
        let (name, covered, total) = (group.name, persons(group.covered), persons(group.total))
        switch language {
        case .zh: return "  \(name)：\(covered) / \(total)（\(Number.percent(group.share))）"
        case .en: return "  \(name): \(covered) of \(total) (\(Number.percent(group.share)))"
        }
    }

    func access(method: String, mean: Double?, withoutAccess: Int, count: Int) -> String {
        let average = mean.map { String(format: "%.6g", $0) } ?? "–"
        switch language {
        case .zh:
            return
                "\(method.uppercased()) 可达性：人均 \(average)（按需求加权平均）；\(withoutAccess) / \(count) 个需求点范围内无设施"
        case .en:
            return
                "\(method.uppercased()) accessibility: weighted mean \(average); \(withoutAccess) of \(count) demand points have no facility in reach"
        }
    }

    func written(_ paths: [String]) -> String {
        switch language {
        case .zh: "已写入 " + paths.joined(separator: "、")
        case .en: "Written: " + paths.joined(separator: ", ")
        }
    }
}

/// The siting command's messages.
struct SiteMessages {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    func summary(_ result: SiteResult) -> String {
        let names: [SiteResult.Problem: (String, String)] = [
            .maximalCovering: ("最大覆盖", "maximal covering"),
            .setCovering: ("集合覆盖", "set covering"),
            .capacitatedCovering: ("容量约束最大覆盖", "capacitated covering"),
        ]
        let name = names[result.problem]!
        let method = result.exact ? ("精确求解（GLPK）", "exact (GLPK)") : ("快速法", "fast method")
        let weight = { (value: Double) in Number.exact((value * 10).rounded() / 10) }
        let bound = result.bound.map(weight) ?? "–"
        let gap = Number.percent(result.gap).replacingOccurrences(of: ".0%", with: "%")
        let gapText = result.gap.map { String(format: "%.3f%%", $0 * 100) } ?? gap
        let sites = result.sites.count
        switch language {
        case .zh:
            return """
                选址（\(name.0)，\(method.0)）：新设 \(sites) 处；覆盖 \(weight(result.coveredWeight)) / \(weight(result.totalWeight))（\(Number.percent(result.coveredShare))），其中既有设施 \(weight(result.existingCoveredWeight))，不可达 \(weight(result.unreachableWeight))
                目标值 \(weight(result.objective))，界 \(bound)，差距 \(gapText)，状态 \(result.status)，用时 \(Number.fixed(result.seconds, 3)) 秒
                """
        case .en:
            return """
                Siting (\(name.1), \(method.1)): \(sites) new site\(sites == 1 ? "" : "s"); covered \(weight(result.coveredWeight)) of \(weight(result.totalWeight)) (\(Number.percent(result.coveredShare))), \(weight(result.existingCoveredWeight)) by existing facilities, \(weight(result.unreachableWeight)) out of reach
                Objective \(weight(result.objective)), bound \(bound), gap \(gapText), status \(result.status), \(Number.fixed(result.seconds, 3)) s
                """
        }
    }

    func unreachableShare(asked: Double, attainable: Double) -> String {
        switch language {
        case .zh:
            "错误: 要求覆盖 \(Number.percent(asked))，但所有候选点与既有设施最多覆盖 \(Number.percent(attainable))；未生成任何输出。"
        case .en:
            "error: --cover asks for \(Number.percent(asked)), but all candidates and existing facilities together reach at most \(Number.percent(attainable)); nothing was written."
        }
    }

    var noSolution: String {
        switch language {
        case .zh: "错误: 在时间限制内未找到可行解；未生成任何输出。"
        case .en: "error: no solution was found within the time limit; nothing was written."
        }
    }
}
