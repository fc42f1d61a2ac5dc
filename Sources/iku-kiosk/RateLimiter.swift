/// Admits at most `limit` submissions per client in any minute (a sliding window); a limit of 0
/// admits everything. Clients are told apart by their network address; nothing else is kept.
actor RateLimiter {
    static let window: Duration = .seconds(60)

    let limit: Int
    private var recent: [String: [ContinuousClock.Instant]] = [:]
    private var admittedSinceSweep = 0

    init(perMinute limit: Int) {
        self.limit = limit
    }

    /// Whether `client` may submit now; counts the attempt when it may.
    func admit(_ client: String, now: ContinuousClock.Instant = .now) -> Bool {
        guard limit > 0 else { return true }
        let since = now - Self.window
        var times = recent[client, default: []].filter { $0 > since }
        guard times.count < limit else {
            recent[client] = times
            return false
        }
        times.append(now)
        recent[client] = times
        sweep(now: now, since: since)
        return true
    }

    /// Forgets clients with no attempt in the window, now and then, so memory stays bounded.
    private func sweep(now: ContinuousClock.Instant, since: ContinuousClock.Instant) {
        admittedSinceSweep += 1
        guard admittedSinceSweep >= 1000 else { return }
        admittedSinceSweep = 0
        recent = recent.filter { $0.value.last.map { $0 > since } ?? false }
    }
}
