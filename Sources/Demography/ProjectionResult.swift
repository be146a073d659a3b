import Geography

/// What a cohort-component projection produced: the population at the start and after every
/// step, and the births, deaths and net migrants of every step.
///
/// Arrays are laid out area by area, so that one area's whole history is contiguous:
/// `population[((area · (steps + 1) + time) · parts + part) · 2 + sex) · bands + band]`, and
/// the flows `births`, `deaths`, `migration` as `[((area · steps + step) · parts + part) · 2 + sex]`.
public struct ProjectionResult: Sendable {
    /// The age bands.
    public let bands: AgeBands
    /// The number of areas.
    public let areaCount: Int
    /// The parts of each area (1, or 2: urban 0, rural 1).
    public let partCount: Int
    /// The number of steps.
    public let steps: Int
    /// The width of a step in years.
    public let width: Int
    /// Persons at time 0 (the start) to `steps`.
    public internal(set) var population: [Double]
    /// Births of each step, by the child's sex.
    public internal(set) var births: [Double]
    /// Deaths of each step (those born in the step included), by sex.
    public internal(set) var deaths: [Double]
    /// Net migrants of each step as realised (rural→urban transfers included), by sex.
    public internal(set) var migration: [Double]
    /// Births by the mother's band, `[((area · steps + step) · parts + part) · bands + band]`,
    /// when recorded; otherwise empty.
    public internal(set) var birthsByMotherAge: [Double]

    init(start: PopulationGrid, steps: Int, width: Int, recordsBirthsByAge: Bool) {
        bands = start.bands
        areaCount = start.areaCount
        partCount = start.partCount
        self.steps = steps
        self.width = width
        let perTime = partCount * 2 * bands.count
        // Left uninitialised here: the projection writes every cell, area by area on the
        // threads that project them, so the memory is first touched in parallel.
        let cells = start.areaCount * (steps + 1) * perTime
        population = [Double](unsafeUninitializedCapacity: cells) { _, count in count = cells }
        let flows = areaCount * steps * partCount * 2
        births = [Double](repeating: 0, count: flows)
        deaths = [Double](repeating: 0, count: flows)
        migration = [Double](repeating: 0, count: flows)
        birthsByMotherAge =
            recordsBirthsByAge
            ? [Double](repeating: 0, count: areaCount * steps * partCount * bands.count) : []
    }

    /// The index of the first band of a cell in `population`.
    @inlinable
    public func offset(area: Int, time: Int, part: Int, sex: Sex) -> Int {
        (((area * (steps + 1) + time) * partCount + part) * 2 + sex.rawValue) * bands.count
    }

    /// The population of an area (all parts, or one) at a time 0…steps.
    public func population(area: Int, time: Int, part: Int? = nil) -> AgeSexPopulation {
        let parts = part.map { $0..<($0 + 1) } ?? 0..<partCount
        // One sex's persons by band, summed over the parts in order (into a local array:
        // adding through `BySex`'s subscript copied the array at every band).
        func persons(_ sex: Sex) -> [Double] {
            var counts = [Double](repeating: 0, count: bands.count)
            for p in parts {
                let start = offset(area: area, time: time, part: p, sex: sex)
                for band in 0..<bands.count { counts[band] += population[start + band] }
            }
            return counts
        }
        return AgeSexPopulation(unchecked: bands, female: persons(.female), male: persons(.male))
    }

    /// Everyone in an area at a time.
    public func total(area: Int, time: Int) -> Double {
        let start = offset(area: area, time: time, part: 0, sex: .female)
        return population[start..<(start + partCount * 2 * bands.count)].reduce(0, +)
    }

    /// A flow of an area in a step, summed over parts and sexes.
    public func flow(_ values: [Double], area: Int, step: Int) -> Double {
        let start = (area * steps + step) * partCount * 2
        return values[start..<(start + partCount * 2)].reduce(0, +)
    }

    /// The populations of every region of a tree at a time, the areas summed up the tree:
    /// each region holds its own areas plus all its descendants', so a region equals the sum
    /// of its parts.
    /// - Parameters:
    ///   - tree: the region tree.
    ///   - regionOfArea: the index in `tree` of each area's region.
    ///   - time: 0…steps.
    /// - Returns: one population per region of the tree, in the tree's order (zero where
    ///   no area lies below a region).
    /// - Complexity: O(regions × bands + areas × parts × bands).
    public func regionPopulations(tree: RegionTree, regionOfArea: [Int], time: Int)
        -> [AgeSexPopulation]
    {
        precondition(regionOfArea.count == areaCount, "one region per area")
        let width = 2 * bands.count
        var sums = [Double](repeating: 0, count: tree.count * width)
        for (area, region) in regionOfArea.enumerated() {
            for part in 0..<partCount {
                let start = offset(area: area, time: time, part: part, sex: .female)
                for index in 0..<width { sums[region * width + index] += population[start + index] }
            }
        }
        // One backward pass: regions are in pre-order, so children come after parents.
        for region in stride(from: tree.count - 1, through: 0, by: -1) {
            let parent = tree.parentIndices[region]
            guard parent >= 0 else { continue }
            for index in 0..<width { sums[parent * width + index] += sums[region * width + index] }
        }
        return (0..<tree.count).map { region in
            let base = region * width
            return AgeSexPopulation(
                unchecked: bands, female: Array(sums[base..<(base + bands.count)]),
                male: Array(sums[(base + bands.count)..<(base + width)]))
        }
    }
}

extension ProjectionResult {
    /// Emigrants of a migration table who could not leave because their cell had fewer people
    /// than the table sent away (persons over all steps): the given net migrants minus those
    /// realised. The projection keeps them in the population (see
    /// ``CohortComponentProjection``); a command reports the figure so that the clamping is
    /// never silent. Rural→urban transfers cancel in the realised total.
    public func emigrantsKept(of given: NetMigration) -> Double {
        // Counts are laid out area, part, step, sex, band: a block of both sexes' bands per
        // area, part and step.
        let block = 2 * bands.count
        let areasAndParts = given.counts.count / given.stepsGiven / block
        var intended = 0.0
        for step in 0..<steps {
            let s = given.stepsGiven == 1 ? 0 : step
            for cell in 0..<areasAndParts {
                let start = (cell * given.stepsGiven + s) * block
                for index in start..<(start + block) { intended += given.counts[index] }
            }
        }
        let realised = migration.reduce(0, +)
        return max(0, realised - intended)
    }
}
