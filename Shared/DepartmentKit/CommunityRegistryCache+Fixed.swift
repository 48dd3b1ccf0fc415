import Domain
import WindowContract

/// A fixed registry made from community codes alone, for tools that run an office without a
/// broker (scale benchmarks, seeding): each community under its code as name, with grids
/// numbered 001 up to `gridsPerCommunity`.
extension CommunityRegistryCache {
    public static func fixed(communities: [CommunityCode], gridsPerCommunity: Int) -> CommunityRegistryCache {
        fixed(
            communities.map { community in
                Window.Community(
                    code: community.rawValue, name: community.rawValue,
                    grids: (1...max(1, gridsPerCommunity)).map { number in
                        Window.Grid(
                            code: community.rawValue + String(String(number + 1000).dropFirst()), communityCode: community.rawValue, households: 0)
                    })
            })
    }
}
