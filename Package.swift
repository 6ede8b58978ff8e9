// swift-tools-version: 6.1
import PackageDescription

// The release `boxoffice` starts in a fraction of the time of a default link (issue 9, "A snappy command line";
// measured in bench/README.md): every command pays the dynamic loader before `main`.
// - non-PIE: a PIE executable of this size carries ~88,000 relative relocations, and applying them copies ~200
//   pages of `.data.rel.ro` at every start; a fixed address needs none (the libraries keep their ASLR).
// - no exported symbols: Swift's static-stdlib link passes -export-dynamic, putting ~11,000 of our symbols in the
//   dynamic table that the loader's lookups and the backtracer's `dladdr` walk at start.
// - SQLite, hiredis and ncurses linked in from their Debian `.a` files when `make release`/`make bench` has linked
//   them into .build/static-libs (`-L` searched before the system folders): Debian builds them with BIND_NOW,
//   so as shared libraries ~2,000 symbols were looked up at every start, picker or not. Without that folder the
//   link falls back to the shared libraries.
let releaseStartUp: [LinkerSetting] = [
    .unsafeFlags(["-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic",
                  "-L", Context.packageDirectory + "/.build/static-libs"],
                 .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "boxoffice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "boxoffice", targets: ["boxoffice"]),
        .executable(name: "boxoffice-stress", targets: ["boxoffice-stress"]),
        .executable(name: "boxoffice-bench", targets: ["boxoffice-bench"]),
        .executable(name: "boxoffice-server", targets: ["boxoffice-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // Thin system-library targets: one Swift wrapper each lives in Booking (hiredis) and TUI (ncursesw).
        .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CLibcrypto", providers: [.apt(["libssl-dev"])]),
        // sqlite3_db_config, which is variadic (Swift cannot call it): one setting GRDB does not offer.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .target(
            name: "Booking",
            dependencies: [
                "CHiredis", "CLibcrypto", "CSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Seed")]
        ),
        .target(
            name: "TUI",
            dependencies: ["Booking", "CNcursesw", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "boxoffice",
            dependencies: [
                "Booking", "TUI", "Tickets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: releaseStartUp
        ),
        // Many clerk processes racing under injected faults (`make stress`; a short run in `make test`).
        .executableTarget(
            name: "boxoffice-stress",
            dependencies: [
                "Booking",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The hot paths measured against this machine's own Redis round trip and fsync rate (`make bench`).
        .executableTarget(
            name: "boxoffice-bench",
            dependencies: [
                "Booking", "TUI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The old web service's API and /v1 over HTTP, on the same façade (`make serve`). Routes only: rules stay in Booking.
        .executableTarget(
            name: "boxoffice-server",
            dependencies: [
                "Booking",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // HTTPRequestPart, which the server's own channel handler (BodyDeadline) reads.
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("Resources")]
        ),
        // Printed tickets (text with a half-block QR code, PDF): libqrencode linked, cairo loaded only to print a PDF.
        .systemLibrary(name: "CQRencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CCairo", providers: [.apt(["libcairo2-dev"])]),
        .target(name: "Tickets", dependencies: ["Booking", "CQRencode", "CCairo"]),
        .testTarget(name: "TicketTests", dependencies: ["Tickets", "Booking"]),
        // Spawning processes and starting a private Redis, for every test target (one copy, test-only).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "BookingTests", dependencies: ["Booking", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        // Snapshots and the fuzz corpus are read from the source tree (#filePath), not bundled.
        .testTarget(name: "TUITests", dependencies: ["TUI", "Booking"], exclude: ["Snapshots"]),
        .testTarget(name: "FaultTests", dependencies: ["Booking", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
                    exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
