import Booking
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reading a request's JSON body: at most 64 KB (413 beyond), within a time limit (408), into a Decodable whose
/// unknown fields are ignored. A body that is not the expected object is 422.
enum Body {
    /// The whole body. Its time limit is kept by the connection (`BodyDeadline`), which fails the body's stream when
    /// it passes: here that is the 408.
    static func read(_ request: Request, within seconds: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: Limits.bodyBytes)
        } catch is BodyDeadline.Expired {
            throw HTTPError(.requestTimeout, message: "The request body did not arrive within \(seconds) seconds.")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request, services: Services, style: APIFailure.Style,
                                     expected: String) async throws -> T {
        // A body declared larger than the limit is refused at once, before any of it is waited for; one that turns out
        // larger (chunked, or longer than declared) when the limit is passed. Both in the route's error shape, as
        // /openapi.json documents (Hummingbird's own 413 had no body).
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > Limits.bodyBytes {
            throw APIFailure.tooLarge(style: style)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await read(request, within: services.requestTimeout)
        } catch is NIOTooManyBytesError {
            throw APIFailure.tooLarge(style: style)
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIFailure.badBody("The body must be a JSON object \(expected).", style: style)
        }
    }
}

/// JSON responses in the CLI's `--json` style.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try JSONStyle.encoder(pretty: false).encode(value)
        return bytes(data, status: status, headers: headers)
    }

    static func text(_ value: JSONText, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(value.bytes(), status: status, headers: headers)
    }

    static func bytes(_ data: some Sequence<UInt8>, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
