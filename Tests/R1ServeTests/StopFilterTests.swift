// Stop strings cut streamed text exactly where a whole-text search would,
// however the text is split into pieces.

import Testing
@testable import R1Engine

@Suite struct StopFilterTests {
    static func run(_ pieces: [String], stops: [String]) -> (String, Bool) {
        var f = StopFilter(stops: stops)
        var out = ""
        for p in pieces { out += f.push(p) }
        out += f.finish()
        return (out, f.stopped)
    }

    @Test func matchesWholeTextSearchForEverySplit() {
        let text = "The answer is <<<42>>> and then ``` more"
        let cases: [([String], String, Bool)] = [
            (["```"], "The answer is <<<42>>> and then ", true),
            ([">>>", "<<<"], "The answer is ", true),
            (["absent"], text, false),
            (["e a", "then"], "Th", true),
            ([], text, false),
        ]
        for (stops, expected, stopped) in cases {
            for cut in 0...text.count {
                let i = text.index(text.startIndex, offsetBy: cut)
                let got = Self.run([String(text[..<i]), String(text[i...])], stops: stops)
                #expect(got.0 == expected && got.1 == stopped, "stops \(stops), cut \(cut)")
            }
            #expect(Self.run(text.map { String($0) }, stops: stops) == (expected, stopped))
        }
    }

    @Test func nothingOfAStopStringLeaksBeforeItCompletes() {
        var f = StopFilter(stops: ["STOP"])
        #expect(f.push("abc ST") == "abc ")
        #expect(f.push("O") == "")
        #expect(f.push("x") == "STOx")
        #expect(f.push("STOP tail") == "")
        #expect(f.stopped && f.text == "abc STOx")
    }
}
