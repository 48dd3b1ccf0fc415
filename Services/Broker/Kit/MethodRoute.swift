/// What routing checks for every call of one method, across the live instances that offer it:
/// who may call it and the largest request they all take.
///
/// It exists so that a call costs one dictionary lookup of its method instead of a pass over the
/// instances per check. ``ServiceEntry`` computes the table again whenever its instances change
/// (registration, GOODBYE, a lost link), which is rare; the facts it is made of — an instance's
/// methods, allowed roles and frame limit — never change while the instance is registered.
struct MethodRoute {
    /// Per live instance offering the method and declaring roles for it, the roles it admits;
    /// nil when it admits any role. A caller needs one of each instance's roles, so a version that
    /// narrows access is honoured at once; with none declared, nobody may call.
    let admittedRoles: [Set<String>?]
    /// The smallest frame limit among those instances.
    let maxFrameBytes: Int

    /// Whether a caller with `roles` may call the method.
    func admits(_ roles: Set<String>) -> Bool {
        !admittedRoles.isEmpty && admittedRoles.allSatisfy { allowed in allowed.map { !$0.isDisjoint(with: roles) } ?? true }
    }

    /// The table for `instances`: one entry per method any of them offers.
    static func table(for instances: [BrokerConnection]) -> [String: MethodRoute] {
        var admitted: [String: [Set<String>?]] = [:]
        var limits: [String: Int] = [:]
        for connection in instances {
            guard let instance = connection.instance else { continue }
            for method in instance.methods {
                if admitted[method] == nil { admitted[method] = [] }
                if let allowed = instance.allowedRoles[method] { admitted[method]!.append(allowed.contains("any") ? nil : allowed) }
                limits[method] = min(limits[method] ?? .max, instance.maxFrameBytes)
            }
        }
        return admitted.reduce(into: [:]) { table, entry in
            table[entry.key] = MethodRoute(admittedRoles: entry.value, maxFrameBytes: limits[entry.key] ?? .max)
        }
    }
}
