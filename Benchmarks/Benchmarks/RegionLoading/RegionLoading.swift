import Benchmark
import CSV
import Diagnostics
import Foundation
import Geography
import ScenarioFiles

/// A province-sized regions table: 1 province, 14 cities, 100 counties, 1,400 townships and
/// 48,485 villages and communities — 50,000 rows, about the size of Liaoning's 2020 list
/// (17,911 units) plus Shanxi's (25,000). Names, codes and points are made up but shaped like
/// the NBS lists; the same table every time.
func provinceTable() -> String {
    let syllables = Array("安宁和平兴隆太平东西南北新旧长青红星建设胜利光明团结富强前进幸福花园")
    func name(_ seed: Int, _ length: Int) -> String {
        String((0..<length).map { syllables[($0 * 7 + seed * 13 + seed / 7) % syllables.count] })
    }
    var rows = ["code,name,level,parent,urban_rural,lon,lat", "21,辽宁省,province,,,123.429,41.835"]
    var count = 2
    var villagesLeft = 48_485
    for city in 1...14 {
        let cityCode = "21" + String(format: "%02d", city)
        rows.append(
            "\(cityCode),\(name(city, 2))市,city,21,,\(120 + Double(city) * 0.3),\(39 + Double(city) * 0.2)"
        )
        for county in 1...(city <= 2 ? 8 : 7) where count < 120 {
            count += 1
            let countyCode = cityCode + String(format: "%02d", county)
            rows.append("\(countyCode),\(name(county * 31 + city, 2))区,county,\(cityCode),,,")
            for township in 1...14 {
                let townshipCode = countyCode + String(format: "%03d", township)
                rows.append(
                    "\(townshipCode),\(name(township * 17 + county, 3))街道,township,\(countyCode),,,"
                )
                let villages = min(villagesLeft, 35)
                for village in 0..<villages {
                    let code =
                        townshipCode
                        + String(format: "%03d", village < 10 ? village + 1 : village + 191)
                    let lon = 120 + Double((village * 7919 + township * 104_729) % 60_000) / 10_000
                    let lat = 39 + Double((village * 6007 + county * 15_485_863) % 40_000) / 10_000
                    rows.append(
                        "\(code),\(name(village * 3 + township, 3))\(village < 10 ? "社区居委会" : "村委会"),village,\(townshipCode),\(village < 10 ? 111 : 220),\(String(format: "%.6f", lon)),\(String(format: "%.6f", lat))"
                    )
                }
                villagesLeft -= villages
            }
        }
    }
    return rows.joined(separator: "\n") + "\n"
}

let benchmarks: @Sendable () -> Void = {
    let text = provinceTable()
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
        "yanglao-bench-regions.csv"
    ).path
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    let bytes = text.utf8.count
    let rows = text.split(separator: "\n").count - 1

    // 50 MB/s is the goal: the whole table within bytes / 50e6 seconds.
    let budget = Duration.nanoseconds(Int64(Double(bytes) / 50e6 * 1e9))
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5), maxIterations: 200)

    Benchmark(
        "Regions table: \(rows) rows, \(bytes / 1000) kB, read and built into a tree",
        configuration: .init(thresholds: [
            .wallClock: .init(absolute: [
                .p50: Int(
                    budget.components.attoseconds / 1_000_000_000 + budget.components.seconds
                        * 1_000_000_000)
            ])
        ])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var log = DiagnosticLog()
            let (_, tree) = RegionTable.load(path: path, log: &log)
            precondition(tree?.count == rows && !log.hasErrors, "\(log.diagnostics.prefix(3))")
            blackHole(tree)
        }
    }

    Benchmark("CSV parse only: \(rows) rows, \(bytes / 1000) kB") { benchmark in
        let data = Array(text.utf8)
        for _ in benchmark.scaledIterations {
            var log = DiagnosticLog()
            blackHole(CSVReader.parse(bytes: data, file: "bench.csv", log: &log))
        }
    }
}
