import DepartmentKit
import Domain
import EmploymentContract
import Foundation
import GRDB
import WireClient
import WireProtocol
import WireRuntime

/// Recognition of employment difficulty (就业困难人员认定): staff record the ground, the evidence
/// and how long it holds; only a recognised seeker gets public-welfare posts and hardship
/// priority. Both methods are for office staff only (`[roles: employment]`, enforced by the broker).
extension EmploymentOffice {
    public func recognizeHardship(_ request: Employment.RecognizeHardshipRequest, context: CallContext) async throws -> Employment.JobSeeker {
        let decision = try RecognizeHardship(validating: request, for: self, context: context)
        let full = SeekerVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            let seeker = try Self.requireSeeker(db, decision.seeker, context: context)
            _ = try HardshipStore.recognise(
                db, seekerID: seeker.id,
                HardshipRecognitionRecord(
                    id: 0, ground: decision.ground, evidence: decision.evidence, decidedBy: context.principal.id, decidedAt: now(),
                    validUntil: decision.validUntil))
            logger.info(
                "hardship recognised",
                metadata: ["seeker": "\(decision.seeker)", "ground": "\(decision.ground)", "principal": "\(context.principal.id)"])
            return seeker.id
        } render: { db, id in
            try rendered(db, id, full, for: context)
        }
    }

    public func revokeHardship(_ request: Employment.RevokeHardshipRequest, context: CallContext) async throws -> Employment.JobSeeker {
        let revocation = try RevokeHardship(validating: request, for: self, context: context)
        let full = SeekerVisibility(context.principal)
        return try await database.idempotentWrite(context, request: request) { db in
            let seeker = try Self.requireSeeker(db, revocation.seeker, context: context)
            guard let recognition = seeker.recognition, recognition.revokedAt == nil else { throw HardshipRefusal.notRecognised }
            try HardshipStore.revoke(db, seekerID: seeker.id, id: recognition.id, by: context.principal.id, reason: revocation.reason, at: now())
            logger.info("hardship recognition revoked", metadata: ["seeker": "\(revocation.seeker)", "principal": "\(context.principal.id)"])
            return seeker.id
        } render: { db, id in
            try rendered(db, id, full, for: context)
        }
    }
}
