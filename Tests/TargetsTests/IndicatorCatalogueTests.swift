import Quantities
import Testing

@testable import Targets

@Suite struct IndicatorCatalogueTests {
    @Test func idsAreUniqueAndKebabCase() {
        let ids = IndicatorCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
    }

    @Test func sharesAreFractionsShownAsPercentagesAndAggregateAsRatios() {
        for indicator in IndicatorCatalogue.all where indicator.unit == .fraction {
            #expect(indicator.range == 0...1, "\(indicator.id)")
            #expect(indicator.displayUnit == .percent, "\(indicator.id)")
        }
        for indicator in IndicatorCatalogue.all where indicator.unit.dimension == .ratio {
            #expect(indicator.aggregation == .ratio, "\(indicator.id)")
        }
    }

    @Test func everyIndicatorHasNamesAndADefinitionInBothLanguages() {
        for indicator in IndicatorCatalogue.all {
            #expect(!indicator.chineseName.isEmpty && !indicator.englishName.isEmpty)
            #expect(!indicator.chineseDefinition.isEmpty && !indicator.englishDefinition.isEmpty)
            #expect(!indicator.levels.isEmpty)
        }
    }
}
