import Crypto
import Foundation
import NIOCore
import NIOSSL

/// The client certificate of a TLS connection, for keys bound to one (`--client-ca`).
enum ClientCertificate {
    /// SHA-256 (hex) of the DER of the certificate the client presented, or nil (no TLS, no certificate).
    static func sha256(of context: GatehouseRequestContext) async -> String? {
        let channel = context.channel
        let der = try? await channel.eventLoop.submit { () -> [UInt8]? in
            let handler = try channel.pipeline.syncOperations.handler(type: NIOSSLHandler.self)
            return try handler.peerCertificate.map { try $0.toDERBytes() }
        }.get()
        guard let der else { return nil }
        return SHA256.hash(data: der).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}

/// The fingerprint a key is bound to: SHA-256 (hex) of a certificate's DER.
public enum CertificateFingerprint {
    /// Reads a PEM or DER certificate file.
    /// - Throws: `Problem` when the file is not a certificate.
    public static func sha256(ofFile path: String) throws -> String {
        let certificate: NIOSSLCertificate
        if let pem = try? NIOSSLCertificate.fromPEMFile(path).first {
            certificate = pem
        } else if let der = try? NIOSSLCertificate(file: path, format: .der) {
            certificate = der
        } else {
            throw Problem(.badRequest, .badRequest, "\(path) is not a PEM or DER certificate")
        }
        let der = (try? certificate.toDERBytes()) ?? []
        return SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
    }
}
