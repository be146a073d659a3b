import Foundation
import Simulation
import Targets
import Uncertainty

/// A fan chart (扇形图) of an indicator over the replicates of a Monte Carlo run: the 5–95%
/// and 25–75% bands shaded, the median drawn, the threshold and deadline marked.
public struct FanChart: Sendable {
    public var years: [Int]
    /// Per year: the 5, 25, 50, 75 and 95% quantiles, nil where not computed.
    public var quantiles: [[Double]?]
    public var threshold: (value: Double, label: String)?
    public var deadline: (year: Int, label: String)?
    public var format: @Sendable (Double) -> String
    public var width = 640.0
    public var height = 240.0

    public init(
        years: [Int], quantiles: [[Double]?], threshold: (value: Double, label: String)? = nil,
        deadline: (year: Int, label: String)? = nil,
        format: @escaping @Sendable (Double) -> String = { SVG.number($0) }
    ) {
        self.years = years
        self.quantiles = quantiles
        self.threshold = threshold
        self.deadline = deadline
        self.format = format
    }

    /// The SVG markup; the same data give the same bytes.
    public func svg() -> String {
        let known = zip(years, quantiles).compactMap { year, q in q.map { (year, $0) } }
        let values = known.flatMap(\.1) + (threshold.map { [$0.value] } ?? [])
        guard let first = years.first, let last = years.last, !values.isEmpty else {
            return ChartFrame.empty(width: width, height: height)
        }
        let frame = ChartFrame(
            width: width, height: height,
            margin: (left: 64.0, top: 16.0, right: 16.0, bottom: 30.0),
            years: first...last, low: min(0, values.min()!), high: values.max()!)
        let point = frame.point
        var out = frame.opening(format: format)
        // Bands: 5–95% light, 25–75% darker; then the median.
        for (lowIndex, highIndex, colour) in [(0, 4, "#BDD7EE"), (1, 3, "#6FA8DC")] {
            let upper = known.map { point($0.0, $0.1[highIndex]) }
            let lower = known.reversed().map { point($0.0, $0.1[lowIndex]) }
            out +=
                "<polygon class=\"band\" fill=\"\(colour)\" stroke=\"none\" points=\"\((upper + lower).joined(separator: " "))\"/>"
        }
        out +=
            "<polyline class=\"median\" fill=\"none\" stroke=\"#1F4E79\" stroke-width=\"2\" points=\"\(known.map { point($0.0, $0.1[2]) }.joined(separator: " "))\"/>"
        if let threshold { out += frame.threshold(threshold) }
        if let deadline { out += frame.deadline(deadline) }
        return out + "</svg>"
    }
}

/// `draws/report.html`: the probability of every target and a fan chart of each judged
/// target's indicator for the planning region, in Chinese or English.
public enum DrawReport {
    public static func html(_ draws: ScenarioDraws, scenario: Scenario, language: ReportLanguage)
        -> String
    {
        let english = language == .english
        let title =
            english
            ? "\(scenario.label): probability of meeting the targets"
            : "\(scenario.label)：目标达成概率"
        var page = HTMLPage(title: title, language: english ? "en" : "zh-CN")
        page.heading(title, level: 1)
        page.paragraph(
            english
                ? "\(draws.draws) Monte Carlo replicates of \(draws.inputs.count) uncertain inputs, run to \(draws.horizon); replicate k is seeded from the scenario seed \(scenario.seed) by the documented rule. Bands: 5–95% and 25–75% of the replicates; line: the median."
                : "对 \(draws.inputs.count) 个不确定参数随机抽样 \(draws.draws) 次，模拟至 \(draws.horizon) 年；第 k 次抽样的随机种子按既定规则由情景种子 \(scenario.seed) 导出。阴影：5–95% 与 25–75% 区间；实线：中位数。"
        )
        page.heading(english ? "Uncertain inputs" : "不确定参数")
        page.table(
            header: english
                ? ["input", "how", "distribution", "source"] : ["参数", "方式", "分布", "来源"],
            rows: draws.inputs.map { input in
                [
                    HTMLPage.Cell(input.name),
                    HTMLPage.Cell(
                        input.application == .scale
                            ? (english ? "factor" : "倍数") : (english ? "value" : "取值")),
                    HTMLPage.Cell(describe(input.distribution)),
                    HTMLPage.Cell(input.source ?? ""),
                ]
            }, className: "inputs")
        page.heading(english ? "Probability of meeting each target" : "各目标按期达成概率")
        page.table(
            header: english
                ? ["target", "deadline", "probability", "standard error", "draws"]
                : ["目标", "期限", "达成概率", "标准误", "样本数"],
            rows: draws.probabilities.map { target, attainment in
                [
                    HTMLPage.Cell(target.id), HTMLPage.Cell(target.deadline.map(String.init) ?? ""),
                    HTMLPage.Cell(
                        attainment.map { percent($0.probability) }
                            ?? (english ? "not judged" : "不评判"), numeric: true),
                    HTMLPage.Cell(
                        attainment.map { percent($0.standardError) } ?? "", numeric: true),
                    HTMLPage.Cell(attainment.map { String($0.draws) } ?? "", numeric: true),
                ]
            })
        let planning = scenario.regions.index(of: scenario.region)
        let years = Array(scenario.baseYear...draws.horizon)
        for (target, attainment) in draws.probabilities {
            guard attainment != nil, case .region = target.scope, let threshold = target.threshold
            else { continue }
            let cells = draws.cells.filter {
                $0.indicator.id == target.indicator.id && $0.region == planning
            }
            guard !cells.isEmpty else { continue }
            var byYear: [Int: [Double]] = [:]
            for cell in cells { byYear[cell.year] = cell.quantiles }
            let isShare = target.indicator.unit.symbol == "fraction"
            let format: @Sendable (Double) -> String = isShare ? sharePercent : SVG.number
            let label = (english ? "threshold " : "目标值 ") + format(threshold)
            var deadline: (year: Int, label: String)?
            if let year = target.deadline { deadline = (year, String(year)) }
            let quantiles: [[Double]?] = years.map { byYear[$0] }
            let chart = FanChart(
                years: years, quantiles: quantiles, threshold: (threshold, label),
                deadline: deadline, format: format)
            page.section(id: target.id) { page in
                page.heading(
                    "\(target.id) — \(english ? target.indicator.englishName : target.indicator.chineseName)",
                    level: 3)
                page.paragraph(target.text)
                page.raw(chart.svg())
            }
        }
        return page.html()
    }

    @Sendable static func sharePercent(_ value: Double) -> String {
        String(format: "%.0f%%", value * 100)
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    static func describe(_ distribution: InputDistribution) -> String {
        func n(_ value: Double) -> String { SVG.number(value) }
        var text: String
        switch distribution.shape {
        case .normal(let mean, let sd): text = "normal(\(n(mean)), \(n(sd)))"
        case .lognormal(let median, let sigma):
            text = "lognormal(median \(n(median)), σ \(n(sigma)))"
        case .beta(let a, let b, let minimum, let maximum):
            text = "beta(\(n(a)), \(n(b))) on [\(n(minimum)), \(n(maximum))]"
        case .triangular(let minimum, let mode, let maximum):
            text = "triangular(\(n(minimum)), \(n(mode)), \(n(maximum)))"
        case .uniform(let minimum, let maximum): text = "uniform(\(n(minimum)), \(n(maximum)))"
        }
        if distribution.lower != nil || distribution.upper != nil {
            text +=
                " within [\(distribution.lower.map(n) ?? "−∞"), \(distribution.upper.map(n) ?? "∞")]"
        }
        return text
    }
}
