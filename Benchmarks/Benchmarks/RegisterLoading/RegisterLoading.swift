import Benchmark
import CSV
import Diagnostics
import Facilities
import Foundation
import Geography
import ScenarioFiles
import XLSX
import ZIPFoundation

/// A district-sized tree, shaped like the NBS lists: 1 city, 10 counties, 20 townships each and
/// 50 communities and villages in each township (10,000 units), names made up.
func registerTree() -> RegionTree {
    var regions = [
        Region(
            code: try! DivisionCode(parsing: "2103"), name: "鞍山市", kind: .city,
            location: GeoPoint(longitude: 122.99, latitude: 41.11))
    ]
    for county in 1...10 {
        let countyCode = "2103" + String(format: "%02d", county)
        regions.append(
            Region(
                code: try! DivisionCode(parsing: countyCode), name: "第\(county)区", kind: .district))
        for township in 1...20 {
            let townshipCode = countyCode + String(format: "%03d", township)
            regions.append(
                Region(
                    code: try! DivisionCode(parsing: townshipCode), name: "\(county)区\(township)街道",
                    kind: .street))
            for village in 1...50 {
                let code =
                    townshipCode + String(format: "%03d", village < 25 ? village : village + 175)
                let name =
                    village < 25 ? "\(township)号\(village)社区居民委员会" : "\(township)号\(village)村村民委员会"
                regions.append(
                    Region(
                        code: try! DivisionCode(parsing: code), name: name,
                        kind: village < 25 ? .community : .village))
            }
        }
    }
    return try! RegionTree(regions: regions)
}

/// A register of `rows` homes as a bureau's workbook (shared strings, Chinese headers,
/// BD-09 coordinates), its communities by name as registers write them: 20,000 rows, about
/// 1.3 MB compressed.
func registerWorkbook(rows: Int) throws -> [UInt8] {
    var strings: [String] = []
    var index: [String: Int] = [:]
    func shared(_ text: String) -> Int {
        if let found = index[text] { return found }
        index[text] = strings.count
        strings.append(text)
        return strings.count - 1
    }
    let header = [
        "序号", "机构名称", "机构类型", "机构性质", "所属区县", "所属乡镇（街道）", "所属社区（村）", "床位数（张）", "护理型床位数", "经度", "纬度",
        "开业时间",
    ]
    let letters = "ABCDEFGHIJKL".map(String.init)
    var sheet =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
    for (column, name) in header.enumerated() {
        sheet += "<c r=\"\(letters[column])1\" t=\"s\"><v>\(shared(name))</v></c>"
    }
    sheet += "</row>"
    for row in 0..<rows {
        let county = row % 10 + 1
        let township = row / 10 % 20 + 1
        let village = row / 200 % 50 + 1
        let community = village < 25 ? "\(township)号\(village)社区居委会" : "\(township)号\(village)村"
        let beds = 20 + row % 300
        let lon = 122.5 + Double(row % 1000) / 1000
        let lat = 40.6 + Double(row / 1000 % 20) / 20
        let cells: [(String, Bool)] = [
            (String(row + 1), false), ("养老院\(row)", true), ("养老机构", true), ("民办", true),
            ("第\(county)区", true), ("\(county)区\(township)街道", true), (community, true),
            (String(beds), false), (String(beds / 2), false), (String(lon), false),
            (String(lat), false), ("43000", false),
        ]
        let r = row + 2
        sheet += "<row r=\"\(r)\">"
        for (column, (text, isText)) in cells.enumerated() {
            sheet +=
                isText
                ? "<c r=\"\(letters[column])\(r)\" t=\"s\"><v>\(shared(text))</v></c>"
                : "<c r=\"\(letters[column])\(r)\"\(column == 11 ? " s=\"1\"" : "")><v>\(text)</v></c>"
        }
        sheet += "</row>"
    }
    sheet += "</sheetData></worksheet>"
    let sst =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + strings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
    let parts: [(String, String)] = [
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"机构名录\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
        ),
        (
            "xl/styles.xml",
            "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"
        ),
        ("xl/sharedStrings.xml", sst),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, text) in parts {
        let data = Data(text.utf8)
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count),
            compressionMethod: .deflate
        ) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
    return Array(archive.data ?? Data())
}

let benchmarks: @Sendable () -> Void = {
    let tree = registerTree()
    let workbook = try! registerWorkbook(rows: 20_000)
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 20)

    // Issue 18's goal: read the register, match its names and convert its points in ≤ 1 s.
    Benchmark(
        "Register: 20,000 rows from xlsx (\(workbook.count / 1000) kB), names matched, BD-09 → GCJ-02",
        configuration: .init(thresholds: [
            .wallClock: .init(absolute: [.p50: 1_000_000_000])
        ])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var log = DiagnosticLog()
            guard
                let sheet = XLSXReader.parse(
                    bytes: workbook, file: "register.xlsx", limit: 512 << 20, log: &log)
            else { fatalError(log.diagnostics.map(\.description).joined(separator: "\n")) }
            let table = RegisterColumns.recognised(sheet.table, known: RegisterColumns.facilities)
            let inventory = FacilityTable.inventory(
                from: table, tree: tree, baseYear: 2020,
                leadTimes: FacilityType.allCases.map(\.defaultLeadTime),
                coordinates: .init(written: .bd09, working: .gcj02), log: &log)
            guard inventory?.inventory.facilities.count == 20_000 else {
                fatalError(log.diagnostics.prefix(5).map(\.description).joined(separator: "\n"))
            }
            blackHole(inventory)
        }
    }
}
