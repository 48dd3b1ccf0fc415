import DepartmentKit
import Domain
import Testing
import WireProtocol
import WireRuntime

@Suite("DepartmentKit: grid scope")
struct GridScopeTests {
    let mine = try! GridCode("330902001001001")
    let other = try! GridCode("330902001001002")

    @Test("a principal with a grid scope sees those grids only; a grid worker without one sees none; others are not limited")
    func scopes() {
        let scoped = GridScope(principal: Principal(id: "g", roles: ["grid-worker"], gridScope: [mine.rawValue]))
        #expect(scoped.admits(mine) && !scoped.admits(other) && scoped.isRestricted)
        let none = GridScope(principal: Principal(id: "g", roles: ["grid-worker"]))
        #expect(!none.admits(mine) && none.isRestricted)
        let clerk = GridScope(principal: Principal(id: "c", roles: ["clerk"]))
        #expect(clerk.admits(mine) && clerk.admits(other) && !clerk.isRestricted)
        #expect(throws: RPCError.self) { try scoped.require(other, field: "grid_code") }
    }
}
