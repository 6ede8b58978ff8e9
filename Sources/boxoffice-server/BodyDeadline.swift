import NIOCore
import NIOHTTPTypes

/// How long a request body may take to arrive (--request-timeout), timed on the connection's event loop: from its
/// head, a request must deliver its whole body within the limit, however steadily it trickles (the connection's idle
/// timeout only catches silence). When the limit passes, the request's body stream fails with `Expired`, which the
/// route answers 408 (`Body.read`); the connection then closes.
///
/// A timer is set only when a read ends with a body still incomplete. A body that arrives with its head — every
/// ordinary client's small JSON — costs no timer, no task and no clock read beyond the head's; the task group with a
/// sleeping child that `Body.read` used before cost two child tasks, a timer and their cancellation per request.
final class BodyDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// The body did not arrive within the limit.
    struct Expired: Error {}

    private let limit: TimeAmount
    /// When the body being read must be complete: set at a head, cleared at its end.
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?

    init(seconds: Int) {
        limit = .seconds(Int64(seconds))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: deadline = .now() + limit
        case .body: break
        case .end:
            deadline = nil
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if let deadline, timer == nil {
            timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
                timer = nil
                guard self.deadline != nil else { return }
                self.deadline = nil
                context.fireErrorCaught(Expired())
            }
        }
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }
}
