import Foundation
import XCTest

/// The real decoders the tickets must satisfy: poppler's `pdftoppm` renders a PDF's pages to images and zbar's
/// `zbarimg` reads the QR codes in them (both installed by `make deps`).
enum Decoders {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func tool(_ name: String) throws -> URL {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw Failure(description: "\(name) is not installed; `make deps` installs it (zbar-tools, poppler-utils)")
    }

    /// Runs a tool to the end; its standard output, or an error with its standard error.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = try tool(name)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(name) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The QR codes zbarimg finds in one image, as text.
    static func qrCodes(inImage path: String) throws -> [String] {
        try run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", path])
            .split(separator: "\n").map(String.init)
    }

    /// Each page of a PDF rendered at 150 dpi and scanned: the codes per page, in page order.
    static func qrCodes(inPDF pdf: [UInt8], in folder: URL) throws -> [[String]] {
        let file = folder.appendingPathComponent("tickets.pdf")
        try Data(pdf).write(to: file)
        try run("pdftoppm", ["-r", "150", "-gray", "-png", file.path, folder.appendingPathComponent("page").path])
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }.sorted()
        return try pages.map { try qrCodes(inImage: folder.appendingPathComponent($0).path) }
    }

    static func pageCount(ofPDF pdf: [UInt8], in folder: URL) throws -> Int {
        let file = folder.appendingPathComponent("count.pdf")
        try Data(pdf).write(to: file)
        let info = try run("pdfinfo", [file.path])
        guard let line = info.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
              let n = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces))
        else { throw Failure(description: "pdfinfo gave no page count: \(info)") }
        return n
    }

    /// Text drawn with half blocks turned back into a picture: each character cell is one module wide and two
    /// tall (▀ top dark, ▄ bottom dark, █ both), each module `scale` pixels, written as a binary PGM.
    static func image(ofHalfBlocks lines: [String], scale: Int, to file: URL) throws {
        let columns = lines.map(\.count).max() ?? 0
        let width = columns * scale, height = lines.count * 2 * scale
        var pixels = [UInt8](repeating: 255, count: width * height)
        for (row, line) in lines.enumerated() {
            for (column, ch) in line.enumerated() {
                let (top, bottom): (Bool, Bool) = switch ch {
                case "█": (true, true)
                case "▀": (true, false)
                case "▄": (false, true)
                default: (false, false)
                }
                for (half, dark) in [(0, top), (1, bottom)] where dark {
                    for y in 0..<scale {
                        let py = (row * 2 + half) * scale + y
                        for x in 0..<scale { pixels[py * width + column * scale + x] = 0 }
                    }
                }
            }
        }
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: pixels)
        try data.write(to: file)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("boxoffice-tickets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
