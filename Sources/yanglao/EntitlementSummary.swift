import Entitlements
import Foundation
import Geography
import Planning
import Reports
import ScenarioFiles
import Targets

/// A few lines on the planning region: the cost in the first and last years, the years and
/// levels over budget, the indicators in the report year, the fund's balance and the year it
/// runs out.
struct EntitlementSummary {
    let zh: Bool

    func lines(
        _ result: EntitlementResult?, fund: FundProjection?, planning: Int,
        budget: EntitlementBudget?, reportYear: Int
    ) -> String {
        var lines: [String] = []
        if let result {
            let (first, last) = (result.years.lowerBound, result.years.upperBound)
            for year in [first, last] {
                let cost = result.totalCost(year: year, region: planning)
                lines.append(
                    zh
                        ? "\(year) 年基本养老服务清单 \(result.items.count) 项，测算支出 \(yuan(cost))"
                        : "\(year): \(result.items.count) items of the service list cost \(yuan(cost))"
                )
            }
            let short = result.budgetLines(region: planning, budget: budget).filter {
                ($0.balance ?? 0) < 0
            }
            for level in [nil] + PayingLevel.allCases.map(Optional.some) {
                let years = short.filter { $0.level == level }.map(\.year)
                guard !years.isEmpty else { continue }
                let gap = short.filter { $0.level == level }.reduce(0) { $0 - $1.balance! }
                let name =
                    level.map { zh ? $0.chineseName : $0.description } ?? (zh ? "合计" : "total")
                let span = years.count > 1 ? "\(years[0])–\(years.last!)" : "\(years[0])"
                lines.append(
                    zh
                        ? "预算不足（\(name)）：\(span) 年共 \(years.count) 年，缺口合计 \(yuan(gap))"
                        : "Over budget (\(name)): \(years.count) year\(years.count == 1 ? "" : "s") in \(span), short by \(yuan(gap)) in all"
                )
            }
            let regions = result.tree.count
            if result.years.contains(reportYear) {
                let yearIndex = reportYear - result.years.lowerBound
                var values: [String] = []
                for series in result.indicatorSeries() {
                    let value = series.value(
                        yearIndex: yearIndex, region: planning, regions: regions)
                    guard value.isFinite else { continue }
                    let text =
                        series.id == EntitlementIndicator.visitsPerSpecialHardshipElder.rawValue
                        ? String(format: "%.2f", value) : String(format: "%.1f%%", value * 100)
                    let name =
                        zh
                        ? IndicatorCatalogue.indicator(series.id)?.chineseName ?? series.id
                        : series.id
                    values.append("\(name) \(text)")
                }
                if !values.isEmpty {
                    lines.append(
                        (zh ? "\(reportYear) 年指标：" : "Indicators in \(reportYear): ")
                            + values.joined(separator: zh ? "，" : ", "))
                }
            }
        }
        if let fund, let last = fund.years.last {
            if let year = fund.exhaustionYear {
                lines.append(
                    zh
                        ? "长期护理保险基金于 \(year) 年出现赤字；\(last.year) 年末结余 \(yuan(last.closingBalance))"
                        : "Long-term-care fund in deficit from \(year); balance at the end of \(last.year) \(yuan(last.closingBalance))"
                )
            } else {
                lines.append(
                    zh
                        ? "长期护理保险基金 \(last.year) 年末结余 \(yuan(last.closingBalance))，期内未穿底"
                        : "Long-term-care fund balance at the end of \(last.year): \(yuan(last.closingBalance)); it does not run out"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    /// 万元 (zh) or million yuan (en), one decimal.
    func yuan(_ value: Double) -> String {
        zh
            ? String(format: "%.1f 万元", value / 1e4)
            : String(format: "%.1f million yuan", value / 1e6)
    }
}
