/// Safe community (安全小区, "安全小区建成率在60%以上", seed 002 四), by a configurable rule: by
/// default no serious incident in the last 12 months and no dispute open longer than 30 days.
/// The share of safe communities is counted against the target (default 60%).
public enum SafeCommunityRule {
    /// Whether a community with these counts in the rule's window is safe.
    public static func isSafe(seriousIncidents: Int, overdueDisputes: Int, policy: SecurityPolicy) -> Bool {
        seriousIncidents <= policy.maxSeriousIncidents && overdueDisputes == 0
    }

    /// The share of `safe` among `communities`, per mille rounded down, and whether it meets the target.
    public static func share(safe: Int, of communities: Int, policy: SecurityPolicy) -> (perMille: Int, meetsTarget: Bool) {
        guard communities > 0 else { return (0, false) }
        let perMille = safe * 1000 / communities
        // Compared exactly (safe/communities ≥ target/1000), not by the rounded-down figure.
        return (perMille, safe * 1000 >= policy.safeCommunityTargetPerMille * communities)
    }
}
