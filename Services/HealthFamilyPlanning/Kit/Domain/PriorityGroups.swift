import Domain

/// The priority groups (重点人群) a resident belongs to: the age groups derived from the ID
/// number's birth date and sex on a given day — never typed in, so they cannot disagree with
/// the ID number and change by themselves as the resident ages — and the recorded ones.
struct PriorityGroups: Sendable, Equatable {
    /// 育龄妇女.
    var womanOfChildBearingAge: Bool
    /// 0–6 岁儿童.
    var childUnderSix: Bool
    /// 老年人.
    var elderly: Bool
    /// 慢性病人.
    var chronicallyIll: Bool
    /// 残疾人.
    var disabled: Bool
    /// 贫困居民.
    var poor: Bool

    /// The groups of the resident `idNumber` on `day`, with the recorded groups as given.
    init(
        idNumber: ResidentIdentityNumber, on day: LocalDate, policy: HealthPolicy, chronicallyIll: Bool, disabled: Bool, poor: Bool
    ) {
        let age = idNumber.age(on: day)
        womanOfChildBearingAge = idNumber.sex == .female && policy.childBearingAges.contains(age)
        childUnderSix = age < policy.childUnderAge
        elderly = age >= policy.elderlyFromAge
        self.chronicallyIll = chronicallyIll
        self.disabled = disabled
        self.poor = poor
    }
}
