import Testing

@testable import Entitlements
