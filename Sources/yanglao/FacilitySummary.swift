import Diagnostics
import Foundation
import Planning
import Reports

/// A few lines on the planning region at the base year and the horizon.
struct FacilitySummary {
    let language: Language

    func lines(_ figures: FacilityFigures) -> String {
        let (first, last) = (figures.years.lowerBound, figures.years.upperBound)
        func beds(_ value: Double) -> String { grouped(value) }
        func share(_ value: Double?) -> String {
            value.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
        }
        func perThousand(_ value: Double?) -> String {
            value.map { String(format: "%.1f", $0) } ?? "–"
        }
        let (capital, recurring) = (figures.capital, figures.recurring)
        let (deferred, shortfall) = (figures.deferred, figures.shortfall)
        let perThousandAged60 = figures.bedsPerThousandAged60
        let institutional = figures.nursingShareInstitutional
        let allService = figures.nursingShareAllService
        switch language {
        case .zh:
            return """
                养老服务床位 \(beds(figures.beds.first)) → \(beds(figures.beds.last)) 张（\(first)–\(last)）；每千名老年人 \(perThousand(perThousandAged60.first)) → \(perThousand(perThousandAged60.last)) 张
                护理型床位占比：机构床位口径 \(share(institutional.first)) → \(share(institutional.last))，全部床位口径 \(share(allService.first)) → \(share(allService.last))
                资本性支出 \(yuan(capital))，经常性支出 \(yuan(recurring))；期末仍因资金不足推迟 \(deferred) 项，缺口 \(yuan(shortfall))
                """
        case .en:
            return """
                Service beds \(beds(figures.beds.first)) → \(beds(figures.beds.last)) (\(first)–\(last)); per 1,000 aged 60+ \(perThousand(perThousandAged60.first)) → \(perThousand(perThousandAged60.last))
                Nursing-bed share: of institutional beds \(share(institutional.first)) → \(share(institutional.last)), of all service beds \(share(allService.first)) → \(share(allService.last))
                Capital spending \(yuan(capital)), recurring \(yuan(recurring)); still deferred for lack of money at the horizon: \(deferred) plan line\(deferred == 1 ? "" : "s"), short by \(yuan(shortfall))
                """
        }
    }

    func grouped(_ value: Double) -> String { ReportLanguage.grouped(value, decimals: 0) }

    /// Money in 万元 (zh) or million yuan (en), one decimal.
    func yuan(_ value: Double) -> String {
        switch language {
        case .zh: String(format: "%.1f 万元", value / 1e4)
        case .en: String(format: "%.1f million yuan", value / 1e6)
        }
    }
}
