import CSV
import Diagnostics
import Foundation
import Geography

/// Where the rows of a register stand: the unit its `community` column names, by code or
/// by name (社区、村), looked for within the unit its `township` column names (街道、乡镇),
/// itself looked for within its `county` (区县) — each also by code or by name (see
/// ``RegionNames``). A row without a community stands in its township.
///
/// A name that matches no unit, or several, is an error at its cell, with the closest names
/// of the scope as did-you-mean candidates; the data-quality summary lists them.
struct RegisterPlaces {
    let table: CSVTable
    let tree: RegionTree
    /// The names of the tree, indexed at the first name looked up (a table of codes needs
    /// none).
    private let names: LazyNames
    let community: Int?
    let township: Int?
    let county: Int?

    init(table: CSVTable, tree: RegionTree) {
        self.table = table
        self.tree = tree
        self.community = table.column("community")
        self.township = table.column("township")
        self.county = table.column("county")
        self.names = LazyNames(tree: tree)
    }

    /// The index of the tree's names, built when first asked for, and the answers given,
    /// since a register names each township and county on many rows.
    private final class LazyNames {
        let tree: RegionTree
        lazy var index = RegionNames(tree: tree)
        var answers: [Question: RegionNames.Match] = [:]
        init(tree: RegionTree) { self.tree = tree }

        struct Question: Hashable {
            var name: String
            var level: RegionLevel
            var scope: Int?
        }

        func match(_ name: String, level: RegionLevel, within scope: Int?) -> RegionNames.Match {
            let question = Question(name: name, level: level, scope: scope)
            if let answer = answers[question] { return answer }
            let answer = index.match(name, level: level, within: scope)
            answers[question] = answer
            return answer
        }
    }

    /// The region index of a row, or nil with the reason logged.
    func region(row: Int, log: inout DiagnosticLog) -> Int? {
        var scope: Int?
        var failed = false
        if let unit = unit(row: row, column: county, level: .county, within: nil, log: &log) {
            scope = unit
        } else if cellText(row, county) != nil {
            failed = true
        }
        var place = scope
        if let unit = unit(row: row, column: township, level: .township, within: scope, log: &log) {
            scope = unit
            place = unit
        } else if cellText(row, township) != nil {
            failed = true
        }
        if let unit = unit(
            row: row, column: community, level: .village, within: scope, log: &log)
        {
            return failed ? nil : unit
        }
        if cellText(row, community) != nil || failed { return nil }
        // No community given: the township (or county) stands for the row.
        if let place, township != nil || community == nil { return place }
        let column = community ?? township!
        log.error(
            .emptyCell(column: table.header[column]), at: table.location(row: row, column: column))
        return nil
    }

    private func cellText(_ row: Int, _ column: Int?) -> String? {
        guard let text = table.text(row: row, column: column), !text.isEmpty else { return nil }
        return text
    }

    /// The unit a cell names, by code (digits) or by name; nil when the cell is empty or
    /// names nothing (logged).
    private func unit(
        row: Int, column: Int?, level: RegionLevel, within scope: Int?, log: inout DiagnosticLog
    ) -> Int? {
        guard let column, let text = cellText(row, column) else { return nil }
        let place = table.location(row: row, column: column)
        if text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            guard let code = try? DivisionCode(parsing: text) else {
                log.error(.badRegionCode(value: text, reason: "see the regions table"), at: place)
                return nil
            }
            guard let index = tree.index(of: code) else {
                log.error(.unknownRegion(code: text), at: place)
                return nil
            }
            if let scope, !tree.subtree(of: scope).contains(index) {
                log.error(
                    .invalidValue(
                        field: table.header[column],
                        reason: "\(text) is not within \(describe(scope))"),
                    at: place)
                return nil
            }
            return index
        }
        // A unit at the level below the tree's lowest level cannot be named.
        switch names.match(text, level: level, within: scope) {
        case .found(let index):
            return index
        case .ambiguous(let candidates):
            log.error(
                .ambiguousName(
                    name: text, within: describe(scope), candidates: candidates.map(label)),
                at: place)
        case .unmatched(let suggestions):
            log.error(
                .unmatchedName(
                    name: text, within: describe(scope), suggestions: suggestions.map(label)),
                at: place)
        }
        return nil
    }

    /// A unit as messages name it: `前进社区居委会 (210302002001)`.
    private func label(_ index: Int) -> String {
        "\(tree.regions[index].name) (\(tree.regions[index].code.shortForm))"
    }

    private func describe(_ scope: Int?) -> String {
        scope.map { "\(tree.regions[$0].name) (\(tree.regions[$0].code.shortForm))" }
            ?? "the regions table"
    }
}

/// The checks of a register's data-quality summary (数据质量摘要) that are not errors: each
/// finding is a warning at its cell.
struct RegisterQuality {
    let table: CSVTable
    let nameColumn: Int?
    let addressColumn: Int?
    let hasCoordinates: Bool
    /// The box of the regions' points.
    let box: Box?
    /// How messages write the box.
    private let boxText: String
    /// The first row of each name (and address), by key.
    private var firstRow: [String: Int] = [:]

    /// A box of longitudes and latitudes (degrees).
    struct Box {
        var longitude: ClosedRange<Double>
        var latitude: ClosedRange<Double>
        /// `113.749–113.966° E, 35.155–35.404° N`.
        var text: String {
            func degrees(_ value: Double) -> String { String(format: "%.3f", value) }
            return
                "\(degrees(longitude.lowerBound))–\(degrees(longitude.upperBound))° E, \(degrees(latitude.lowerBound))–\(degrees(latitude.upperBound))° N"
        }
    }

    init(table: CSVTable, tree: RegionTree) {
        self.table = table
        self.nameColumn = table.column("name")
        self.addressColumn = table.column("address")
        self.hasCoordinates = table.column("lon") != nil && table.column("lat") != nil
        self.box = Self.box(of: tree)
        self.boxText = box?.text ?? ""
    }

    /// The box around the tree's given points (degrees; estimated ones are left out),
    /// widened by 0.1° (about 10 km) on every side; nil when no region has a point.
    static func box(of tree: RegionTree) -> Box? {
        guard
            let bounds = GeoBounds(
                tree.regions.filter { !$0.locationIsEstimated }.compactMap(\.location))
        else { return nil }
        return Box(
            longitude: (bounds.west - 0.1)...(bounds.east + 0.1),
            latitude: (bounds.south - 0.1)...(bounds.north + 0.1))
    }

    /// A row with the name of an earlier row in the same unit (and the same address, when
    /// the table gives addresses).
    mutating func checkDuplicate(row: Int, region: Int, log: inout DiagnosticLog) {
        guard let nameColumn, let name = table.text(row: row, column: nameColumn), !name.isEmpty
        else { return }
        let address = table.text(row: row, column: addressColumn) ?? ""
        let key = "\(region)|\(name)|\(address)"
        if let first = firstRow[key] {
            let place = table.location(row: first, column: nameColumn)
            let firstPlace =
                place.sheet != nil
                ? SourceLocation.columnName(place.column) + String(place.line)
                : "line \(place.line)"
            log.warning(
                .duplicateEntry(name: name, first: firstPlace),
                at: table.location(row: row, column: nameColumn))
        } else {
            firstRow[key] = row
        }
    }

    /// A row without coordinates in a table that has the columns.
    func checkHasPoint(row: Int, log: inout DiagnosticLog) {
        guard hasCoordinates else { return }
        let name = table.text(row: row, column: nameColumn) ?? ""
        log.warning(
            .missingCoordinates(name: name.isEmpty ? "row \(table.line(ofRow: row))" : name),
            at: table.location(row: row, column: table.column("lon")!))
    }

    /// A point outside the box of the regions' points.
    func checkInside(_ point: GeoPoint, row: Int, log: inout DiagnosticLog) {
        guard let box,
            !(box.longitude.contains(point.longitude) && box.latitude.contains(point.latitude))
        else { return }
        log.warning(
            .outsideRegion(
                longitude: (point.longitude * 1e6).rounded() / 1e6,
                latitude: (point.latitude * 1e6).rounded() / 1e6, box: boxText),
            at: table.location(row: row, column: table.column("lon")!))
    }
}
