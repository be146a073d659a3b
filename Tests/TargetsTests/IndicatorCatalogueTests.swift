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

    // Issue 17 names the targets no shipped scenario computes because no input does:
    // as.backfill, ln.facility-land, ln.facility-land-compliance, as.bed-subsidy,
    // sx.city-lists, sx.lottery-share-civil-affairs, sx.central-support and both
    // sx.fitness-* targets. Their indicators, read off the catalogues by hand, are the nine
    // below, and they alone say that no scenario input computes them yet.
    @Test func theNineIndicatorsNoInputComputesSaySoAndEveryIndicatorNamesItsInput() {
        let unmodelled: Set = [
            "backfill-rate", "new-area-facility-land", "new-area-facility-compliance",
            "bed-operating-subsidy", "service-list-published", "lottery-fund-share-civil-affairs",
            "central-support-rate", "fitness-equipped-communities", "fitness-equipped-institutions",
        ]
        #expect(
            Set(IndicatorCatalogue.all.filter { !$0.input.isModelled }.map(\.id)) == unmodelled)
        for indicator in IndicatorCatalogue.all {
            #expect(!indicator.input.chinese.isEmpty && !indicator.input.english.isEmpty)
            // A modelled input names a scenario key in backquotes, in both languages.
            if indicator.input.isModelled {
                #expect(indicator.input.chinese.contains("`"), "\(indicator.id)")
                #expect(indicator.input.english.contains("`"), "\(indicator.id)")
            }
        }
    }
}
