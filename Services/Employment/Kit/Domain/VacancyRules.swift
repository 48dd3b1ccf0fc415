/// What may happen to a vacancy as it stands: checked inside the write transaction.
extension VacancyRecord {
    /// An update that sets the number of positions to `positions`.
    public func checkUpdate(positions: Int) throws(VacancyRefusal) {
        guard status != .closed else { throw .closed }
        guard positions >= filled else { throw .positionsBelowFilled(filled: filled, requested: positions) }
    }
}
