extension Duration {
    /// The duration in milliseconds (毫秒), as timings are recorded.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
