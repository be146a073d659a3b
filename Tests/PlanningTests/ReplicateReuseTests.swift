import Foundation
import ScenarioFiles
import Simulation
import Targets
import Testing

@testable import Planning

/// The replicates of a Monte Carlo run reuse the central run's population and service-list
/// costing when no drawn input can change them: checked against a full run of the same
/// changed scenario (the second method).
@Suite struct ReplicateReuseTests {
    static let anshan =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/Scenarios/anshan"

    @Test func onlyFacilityInvestmentAndCoverageInputsReuseTheCentralPopulation() throws {
        let template = try ScenarioLoader().loadTemplate(Self.anshan).get()
        let central = try Simulator.run(template.loaded.scenario)
        let reused = ScenarioDraws.reusablePopulation(
            [["facilities", "take_up", "institutional"], ["investment", "budget"]],
            central: central)
        #expect(reused != nil)
        let reusedAged60 = try reused?.population?.elderly.aged60
        let centralAged60 = try central.population?.elderly.aged60
        #expect(reusedAged60 != nil && reusedAged60 == centralAged60)
        #expect(
            ScenarioDraws.reusablePopulation(
                [["facilities", "take_up", "institutional"], ["demography", "fertility"]],
                central: central) == nil)
        #expect(
            ScenarioDraws.reusablePopulation([["investment", "budget"]], central: nil) == nil)
    }

    @Test func aReplicateOnTheReusedPopulationEqualsAFullRun() throws {
        let template = try ScenarioLoader().loadTemplate(Self.anshan).get()
        let central = try Simulator.run(template.loaded.scenario)
        // The share of older people needing a bed 1.2 × the scenario's rates.
        let changed = try template.scenario(with: [
            .init(
                keyPath: ["facilities", "take_up", "institutional"], application: .scale,
                value: 1.2)
        ]).get()
        let full = try Simulator.run(changed)
        let replicate = try Simulator.run(
            changed, reusedDemography: (central.population, central.entitlements))
        #expect(replicate.targets.map(\.verdict) == full.targets.map(\.verdict))
        var compared = 0
        for indicator in IndicatorCatalogue.all {
            for year in changed.years {
                for region in [0, 1, 2] {
                    let a = full.indicators.value(indicator, year: year, region: region)?.value
                    let b = replicate.indicators.value(indicator, year: year, region: region)?
                        .value
                    #expect(a == b, "\(indicator.id) \(year) \(region)")
                    if a != nil { compared += 1 }
                }
            }
        }
        #expect(compared > 1000)
        // The change matters: bed occupancy differs from the central run's (0.5 there).
        let occupancy = try #require(IndicatorCatalogue.indicator("bed-occupancy"))
        #expect(
            full.indicators.value(occupancy, year: 2020, region: 0)?.value
                != central.indicators.value(occupancy, year: 2020, region: 0)?.value)
    }

    // A replicate that keeps only the regions it summarises and judges (Anshan and its 7
    // counties, and the units of its "each unit" targets), starting from the shared
    // population indicators, judges every target as the full run does and has the same
    // value of every indicator at those regions.
    @Test func aReplicateKeepingSomeRegionsEqualsAFullRunThere() throws {
        let template = try ScenarioLoader().loadTemplate(Self.anshan).get()
        let central = try Simulator.run(template.loaded.scenario)
        let changed = try template.scenario(with: [
            .init(
                keyPath: ["facilities", "occupancy", "institutional"], application: .scale,
                value: 1.2)
        ]).get()
        let full = try Simulator.run(changed)
        let kept = Simulator.keptRegions(ScenarioDraws.defaultRegions(of: changed), of: changed)
        let base = Simulator.baseIndicators(
            central.population, entitlements: central.entitlements, years: changed.years,
            tree: changed.regions, keeping: kept)
        let replicate = try Simulator.run(
            changed, reusedDemography: (central.population, central.entitlements),
            keeping: kept, baseIndicators: base)
        #expect(replicate.targets.map(\.verdict) == full.targets.map(\.verdict))
        #expect(replicate.indicators.keptRegions == kept)
        var compared = 0
        for indicator in IndicatorCatalogue.all {
            for year in changed.years {
                for region in kept {
                    let a = full.indicators.value(indicator, year: year, region: region)
                    let b = replicate.indicators.value(indicator, year: year, region: region)
                    #expect(a?.numerator == b?.numerator, "\(indicator.id) \(year) \(region)")
                    #expect(a?.denominator == b?.denominator, "\(indicator.id) \(year) \(region)")
                    if a != nil { compared += 1 }
                }
            }
        }
        #expect(compared > 1000)
        let outside = try #require((0..<changed.regions.count).first { !kept.contains($0) })
        let beds = try #require(IndicatorCatalogue.indicator("service-beds"))
        #expect(replicate.indicators.value(beds, year: 2025, region: outside) == nil)
    }
}
