import Domain
import Foundation
import SecurityContract

/// A member of the floating population's registration (流动人口登记) as the office keeps it: one per
/// stay, from arrival to departure.
public struct FloatingResidentRecord: Sendable, Equatable {
    public var id: Int64
    public var idNumber: ResidentIdentityNumber
    public var name: String
    /// Where the household registration (户籍) is.
    public var origin: DivisionCode
    public var community: CommunityCode
    public var grid: GridCode
    public var address: String
    public var landlord: String
    public var arrivalDate: LocalDate
    public var expectedStayDays: Int
    public var status: Security.ResidenceStatus
    public var departureDate: LocalDate?
    public var phone: String
    public var registeredAt: Date

    public init(
        id: Int64, idNumber: ResidentIdentityNumber, name: String, origin: DivisionCode, community: CommunityCode, grid: GridCode, address: String,
        landlord: String, arrivalDate: LocalDate, expectedStayDays: Int, status: Security.ResidenceStatus = .residing, departureDate: LocalDate? = nil,
        phone: String, registeredAt: Date
    ) {
        self.id = id
        self.idNumber = idNumber
        self.name = name
        self.origin = origin
        self.community = community
        self.grid = grid
        self.address = address
        self.landlord = landlord
        self.arrivalDate = arrivalDate
        self.expectedStayDays = expectedStayDays
        self.status = status
        self.departureDate = departureDate
        self.phone = phone
        self.registeredAt = registeredAt
    }
}
