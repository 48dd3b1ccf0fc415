import Domain
import Foundation
import SecurityContract
import TestSupport
import Testing
import WireProtocol
import WireRuntime

@Suite("Rented dwellings (出租房屋): tenants must be registered; get, list, masking")
struct RentalHandlerTests {
    static let a = SecurityFixture.communityA

    static func rental(_ tenants: [String], grid: Int = 1) throws -> Security.RegisterRentalRequest {
        Security.RegisterRentalRequest(
            communityCode: a, gridCode: Residents.grid(a, grid), address: "海滨路 12 号 2 单元 501", landlordName: "陈大房",
            landlordIdNumber: try Residents.idNumber(500), landlordPhone: "13600001111", tenantRegistrationIds: tenants)
    }

    @Test("register a dwelling with two registered tenants; landlord and tenants reported; the clerk sees them masked")
    func register() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let one = try await FloatingHandlerTests.register(fixture, 1)
        let two = try await FloatingHandlerTests.register(fixture, 2)
        let context = fixture.context("RegisterRental", as: .officer)
        let rental: Security.RentalHousing = try await fixture.call(
            "RegisterRental", try Self.rental([one.registrationId, two.registrationId]), context: context)
        #expect(rental.rentalId == "R1" && rental.tenants.map(\.registrationId) == ["F1", "F2"])
        #expect(rental.landlordIdNumber == (try Residents.idNumber(500)) && rental.landlordName == "陈大房")
        #expect(rental.tenants.map(\.idNumber) == [one.idNumber, two.idNumber] && rental.tenants.allSatisfy { $0.status == .residing })
        #expect(Set(context.residents.reported) == Set([try Residents.idNumber(500), one.idNumber, two.idNumber]))

        let asClerk: Security.RentalHousing = try await fixture.call("GetRental", Security.GetRentalRequest(rentalId: "R1"), caller: .clerk)
        #expect(asClerk.landlordName == "陈**" && asClerk.landlordPhone == "136****1111" && asClerk.landlordIdNumber.contains("********"))
        #expect(asClerk.tenants.allSatisfy { $0.idNumber.contains("********") && $0.name == "刘**" })
        let listed: Security.ListRentalsResponse = try await fixture.call(
            "ListRentals", Security.ListRentalsRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 1)))
        #expect(listed.rentals.map(\.rentalId) == ["R1"])
        let otherGrid: Security.ListRentalsResponse = try await fixture.call(
            "ListRentals", Security.ListRentalsRequest(communityCode: Self.a, gridCode: Residents.grid(Self.a, 2)))
        #expect(otherGrid.rentals.isEmpty)
    }

    @Test("a tenant who is not registered, has departed, or lives in another community is refused naming the tenant; nothing is written")
    func tenantsMustBeRegistered() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let one = try await FloatingHandlerTests.register(fixture, 1)
        let gone = try await FloatingHandlerTests.register(fixture, 2)
        _ = try await fixture.call(
            "RecordDeparture", Security.RecordDepartureRequest(registrationId: gone.registrationId, departureDate: fixture.today.description),
            as: Security.FloatingResident.self)
        let elsewhere = try await FloatingHandlerTests.register(fixture, 3, community: SecurityFixture.communityB)
        for (tenants, expected) in [
            ([one.registrationId, "F99"], "tenant_registration_ids[1]"), ([gone.registrationId], "tenant_registration_ids[0]"),
            ([one.registrationId, elsewhere.registrationId], "tenant_registration_ids[1]"),
        ] {
            let refused = await refusal { try await fixture.call("RegisterRental", try Self.rental(tenants), as: Security.RentalHousing.self) }
            #expect(refused?.code == .failedPrecondition && refused?.fields == [expected], "\(tenants): \(String(describing: refused))")
        }
        let invalid = await refusal {
            try await fixture.call("RegisterRental", try Self.rental([one.registrationId, "S1", one.registrationId]), as: Security.RentalHousing.self)
        }
        #expect(invalid?.code == .invalidArgument && invalid?.fields == ["tenant_registration_ids[1]", "tenant_registration_ids[2]"])
        let none = await refusal { try await fixture.call("RegisterRental", try Self.rental([]), as: Security.RentalHousing.self) }
        #expect(none?.fields == ["tenant_registration_ids"])
        let written = (try await fixture.count("rentals"), try await fixture.count("rental_tenants"))
        #expect(written == (0, 0))
    }

    @Test("a grid worker reads the dwellings of their own grids only")
    func gridScope() async throws {
        let fixture = try SecurityFixture()
        defer { fixture.close() }
        let one = try await FloatingHandlerTests.register(fixture, 1, grid: 2)
        _ = try await fixture.call("RegisterRental", try Self.rental([one.registrationId], grid: 2), as: Security.RentalHousing.self)
        let worker = Caller(id: "grid-0101", roles: "grid-worker", grids: [Residents.grid(Self.a, 1)])
        let read = await refusal {
            try await fixture.call("GetRental", Security.GetRentalRequest(rentalId: "R1"), as: Security.RentalHousing.self, caller: worker)
        }
        #expect(read?.code == .permissionDenied && read?.fields == ["rental_id"])
        let missing = await refusal { try await fixture.call("GetRental", Security.GetRentalRequest(rentalId: "R7"), as: Security.RentalHousing.self) }
        #expect(missing?.code == .notFound)
    }
}
