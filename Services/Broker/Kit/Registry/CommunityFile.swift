import Domain
import Foundation
import WindowContract

/// Reads the operator's file of communities and grids (deploy/communities.json) and checks every
/// entry, so the registry never holds a code an office would refuse:
///
/// ```json
/// [{"code": "330902001001", "name": "海滨社区", "street": "…街道", "households": 3200, "population": 8700,
///   "grids": [{"code": "330902001001001", "households": 400, "grid_worker": "W-0101"}]}]
/// ```
public enum CommunityFile {
    struct Entry: Decodable {
        var code: String
        var name: String
        var street: String?
        var households: UInt32?
        var population: UInt32?
        var grids: [GridEntry]?
    }

    struct GridEntry: Decodable {
        var code: String
        var households: UInt32?
        var grid_worker: String?
    }

    /// At most this many communities and grids per community (a street office's whole area fits).
    public static let maxCommunities = 10_000
    public static let maxGridsPerCommunity = 999

    /// The communities in the file at `path`; every problem is reported with its entry.
    public static func load(_ path: String) throws(CommunityFileError) -> [Window.Community] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommunityFileError("cannot read the communities file \(path)")
        }
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: data)
        } catch {
            throw CommunityFileError("\(path) is not a JSON list of communities {code, name, street, households, population, grids}: \(error)")
        }
        return try validate(entries, source: path)
    }

    static func validate(_ entries: [Entry], source: String) throws(CommunityFileError) -> [Window.Community] {
        guard entries.count <= maxCommunities else { throw CommunityFileError("\(source): at most \(maxCommunities) communities") }
        var seen: Set<String> = []
        var seenGrids: Set<String> = []
        var result: [Window.Community] = []
        for (index, entry) in entries.enumerated() {
            let at = "\(source), community \(index + 1)"
            let code: CommunityCode
            do { code = try CommunityCode(entry.code) } catch { throw CommunityFileError("\(at): code: \(error)") }
            guard seen.insert(code.rawValue).inserted else { throw CommunityFileError("\(at): code \(code.rawValue) is listed twice") }
            let name = entry.name.trimmingCharacters(in: .whitespaces)
            guard (1...100).contains(name.count) else { throw CommunityFileError("\(at): name must be 1…100 characters") }
            let street = (entry.street ?? "").trimmingCharacters(in: .whitespaces)
            guard street.count <= 100 else { throw CommunityFileError("\(at): street must be at most 100 characters") }
            let grids = entry.grids ?? []
            guard grids.count <= maxGridsPerCommunity else { throw CommunityFileError("\(at): at most \(maxGridsPerCommunity) grids") }
            var community = Window.Community(
                code: code.rawValue, name: name, street: street, households: entry.households ?? 0, population: entry.population ?? 0)
            for (gridIndex, gridEntry) in grids.enumerated() {
                let gridAt = "\(at), grid \(gridIndex + 1)"
                let grid: GridCode
                do { grid = try GridCode(gridEntry.code) } catch { throw CommunityFileError("\(gridAt): code: \(error)") }
                guard grid.community == code else {
                    throw CommunityFileError("\(gridAt): grid \(grid.rawValue) is not in community \(code.rawValue)")
                }
                guard seenGrids.insert(grid.rawValue).inserted else { throw CommunityFileError("\(gridAt): grid \(grid.rawValue) is listed twice") }
                let worker = (gridEntry.grid_worker ?? "").trimmingCharacters(in: .whitespaces)
                guard worker.count <= 64 else { throw CommunityFileError("\(gridAt): grid_worker must be at most 64 characters") }
                community.grids.append(
                    Window.Grid(
                        code: grid.rawValue, communityCode: code.rawValue, households: gridEntry.households ?? 0, gridWorker: worker))
            }
            result.append(community)
        }
        return result
    }
}

/// A communities file that cannot be used; the message names the file and the entry.
public struct CommunityFileError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
