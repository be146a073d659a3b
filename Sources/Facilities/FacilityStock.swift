import Geography

/// The facility stock in one year (设施存量): every facility of the inventory and every one the
/// plan has added, in struct-of-arrays form (one contiguous array per attribute, indexed by
/// facility).
///
/// Indices `0..<inventoryCount` are the inventory's facilities in its order; later indices
/// are facilities the plan created, in the order it created them. A created facility's id is
/// `P<line>-<year>-<n>`: the n-th facility plan line `line` (counted from 1) created in
/// `year`.
public struct FacilityStock: Sendable {
    /// Ids and names of the inventory's facilities.
    private var inventoryIDs: [String] = []
    private var inventoryNames: [String] = []
    /// Whether each inventory facility is synthetic (placed to reproduce published totals).
    private var inventorySynthetic: [Bool] = []
    /// For created facilities (index − inventoryCount): plan line, year, number.
    private var createdBy: [(line: Int32, year: Int32, number: Int32)] = []
    public internal(set) var types: [FacilityType] = []
    public internal(set) var ownerships: [Ownership] = []
    public internal(set) var isCareType: [Bool] = []
    /// The level of government that runs each facility: the inventory's, or the one its
    /// type implies (``OperatingTier/assumed(type:isCareType:)``).
    public internal(set) var tiers: [OperatingTier] = []
    /// Whether the inventory gave the tier (stock.csv writes only those).
    private var tierGiven: [Bool] = []
    /// Index of the region in the ``RegionTree``.
    public internal(set) var regions: [Int] = []
    public internal(set) var beds: [Int] = []
    public internal(set) var nursingBeds: [Int] = []
    public internal(set) var stars: [Int] = []
    public internal(set) var statuses: [FacilityStatus] = []
    /// The opening year; `Int.max` when unknown or not yet decided (planned).
    public internal(set) var openingYears: [Int] = []
    public internal(set) var locations: [GeoPoint?] = []
    /// Residents at the end of the last year simulated.
    public internal(set) var residents: [Double] = []
    /// Caregivers at the end of the last year simulated.
    public internal(set) var caregivers: [Double] = []
    /// How many facilities came from the inventory.
    public let inventoryCount: Int

    /// The facility's own occupancy rate from its base-year residents, NaN when the
    /// scenario's rate applies.
    var ownOccupancy: [Double] = []
    /// Residents moved in by merges, on top of the occupancy rate.
    var movedIn: [Double] = []
    /// Caregivers needed at the end of the last year simulated.
    var need: [Double] = []
    /// The facility's region in the reporting tree.
    var reportIndex: [Int] = []

    init(inventory: FacilityInventory, reportIndexOf: [Int]) {
        inventoryCount = inventory.facilities.count
        for facility in inventory.facilities {
            inventoryIDs.append(facility.id)
            inventoryNames.append(facility.name)
            inventorySynthetic.append(facility.isSynthetic)
            append(
                type: facility.type,
                ownership: facility.ownership, isCareType: facility.isCareType,
                region: facility.region, beds: facility.beds, nursingBeds: facility.nursingBeds,
                stars: facility.stars, status: facility.status,
                openingYear: facility.openingYear ?? Int.max, location: facility.location,
                reportIndex: reportIndexOf[facility.region])
            if let tier = facility.tier {
                tiers[tiers.count - 1] = tier
                tierGiven[tierGiven.count - 1] = true
            }
            if let residents = facility.residents, facility.beds > 0 {
                ownOccupancy[ownOccupancy.count - 1] = Double(residents) / Double(facility.beds)
            }
        }
    }

    /// The number of facilities.
    public var count: Int { types.count }

    /// A facility's id.
    public func id(_ index: Int) -> String {
        guard index >= inventoryCount else { return inventoryIDs[index] }
        let origin = createdBy[index - inventoryCount]
        return "P\(origin.line + 1)-\(origin.year)-\(origin.number)"
    }

    /// Whether a facility is a synthetic record of the inventory (合成数据); created
    /// facilities are the plan's, not synthetic.
    public func isSynthetic(_ index: Int) -> Bool {
        index < inventoryCount && inventorySynthetic[index]
    }

    /// The tier the inventory gave a facility, nil when it is assumed from the type.
    public func givenTier(_ index: Int) -> OperatingTier? { tierGiven[index] ? tiers[index] : nil }

    /// How many inventory facilities are synthetic.
    public var syntheticCount: Int { inventorySynthetic.lazy.filter { $0 }.count }

    /// Every facility's id, in stock order.
    public var ids: [String] { (0..<count).map(id) }

    /// A facility's name: the inventory's, or for a created one the name of its region and
    /// type (e.g. 解放街道社区养老服务站).
    public func name(_ index: Int, in regions: RegionTree) -> String {
        guard index >= inventoryCount else { return inventoryNames[index] }
        return regions.regions[self.regions[index]].name + types[index].chineseName
    }

    /// Whether a facility counts in the stock (operating).
    public func isOperating(_ index: Int) -> Bool { statuses[index] == .operating }

    /// Whether a facility is operating or will open (approved, under construction).
    public func isOperatingOrPipeline(_ index: Int) -> Bool {
        let status = statuses[index]
        return status == .operating || status == .approved || status == .underConstruction
    }

    /// The facility at an index as a value.
    public func facility(at index: Int) -> Facility {
        Facility(
            id: id(index), name: index < inventoryCount ? inventoryNames[index] : "",
            type: types[index], ownership: ownerships[index],
            isCareType: isCareType[index], region: regions[index], beds: beds[index],
            nursingBeds: nursingBeds[index], stars: stars[index], status: statuses[index],
            openingYear: openingYears[index] == Int.max ? nil : openingYears[index],
            residents: Int(residents[index].rounded()), caregivers: caregivers[index],
            location: locations[index], isSynthetic: isSynthetic(index),
            tier: tierGiven[index] ? tiers[index] : nil)
    }

    /// Appends a facility the plan created: line `line` (from 0), its `number`-th in `year`.
    @discardableResult
    mutating func appendCreated(
        line: Int, year: Int, number: Int, type: FacilityType, ownership: Ownership,
        isCareType: Bool, region: Int, beds: Int, nursingBeds: Int, status: FacilityStatus,
        openingYear: Int, reportIndex: Int
    ) -> Int {
        createdBy.append((Int32(line), Int32(year), Int32(number)))
        return append(
            type: type, ownership: ownership, isCareType: isCareType, region: region, beds: beds,
            nursingBeds: nursingBeds, stars: 0, status: status, openingYear: openingYear,
            location: nil, reportIndex: reportIndex)
    }

    @discardableResult
    private mutating func append(
        type: FacilityType, ownership: Ownership, isCareType: Bool,
        region: Int, beds: Int, nursingBeds: Int, stars: Int, status: FacilityStatus,
        openingYear: Int, location: GeoPoint?, reportIndex: Int
    ) -> Int {
        types.append(type)
        ownerships.append(ownership)
        self.isCareType.append(isCareType)
        tiers.append(OperatingTier.assumed(type: type, isCareType: isCareType))
        tierGiven.append(false)
        regions.append(region)
        self.beds.append(beds)
        self.nursingBeds.append(nursingBeds)
        self.stars.append(stars)
        statuses.append(status)
        openingYears.append(openingYear)
        locations.append(location)
        residents.append(0)
        caregivers.append(0)
        ownOccupancy.append(.nan)
        movedIn.append(0)
        need.append(0)
        self.reportIndex.append(reportIndex)
        return types.count - 1
    }

    /// Raw views of the arrays the year-end pass reads and writes.
    struct YearEndBuffers {
        var statuses: UnsafeBufferPointer<FacilityStatus>
        var types: UnsafeBufferPointer<FacilityType>
        var ownerships: UnsafeBufferPointer<Ownership>
        var regions: UnsafeBufferPointer<Int>
        var reportIndex: UnsafeBufferPointer<Int>
        var beds: UnsafeBufferPointer<Int>
        var openingYears: UnsafeBufferPointer<Int>
        var ownOccupancy: UnsafeBufferPointer<Double>
        var movedIn: UnsafeBufferPointer<Double>
        var residents: UnsafeMutableBufferPointer<Double>
        var need: UnsafeMutableBufferPointer<Double>
        var caregivers: UnsafeMutableBufferPointer<Double>
    }

    /// Runs `body` with raw views of the arrays of the year-end pass (no copy, no
    /// uniqueness check per element).
    mutating func withYearEndBuffers<Result>(_ body: (YearEndBuffers) -> Result) -> Result {
        statuses.withUnsafeBufferPointer { statuses in
            types.withUnsafeBufferPointer { types in
                ownerships.withUnsafeBufferPointer { ownerships in
                    regions.withUnsafeBufferPointer { regions in
                        reportIndex.withUnsafeBufferPointer { reportIndex in
                            beds.withUnsafeBufferPointer { beds in
                                openingYears.withUnsafeBufferPointer { openingYears in
                                    ownOccupancy.withUnsafeBufferPointer { ownOccupancy in
                                        movedIn.withUnsafeBufferPointer { movedIn in
                                            residents.withUnsafeMutableBufferPointer { residents in
                                                need.withUnsafeMutableBufferPointer { need in
                                                    caregivers.withUnsafeMutableBufferPointer {
                                                        caregivers in
                                                        body(
                                                            YearEndBuffers(
                                                                statuses: statuses, types: types,
                                                                ownerships: ownerships,
                                                                regions: regions,
                                                                reportIndex: reportIndex,
                                                                beds: beds,
                                                                openingYears: openingYears,
                                                                ownOccupancy: ownOccupancy,
                                                                movedIn: movedIn,
                                                                residents: residents, need: need,
                                                                caregivers: caregivers))
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
