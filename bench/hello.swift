// The baseline of the bench's cli_* figures: the least a Swift command line that imports Foundation can cost to
// start and print, built static (`swiftc -O -static-stdlib`) like the release boxoffice.
import Foundation

FileHandle.standardOutput.write(Data("hello, world\n".utf8))
