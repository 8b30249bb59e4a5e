import Foundation
import JourneyBenchKit
import Testing

/// Headless Chromium, when installed (`.ci/run` installs it from Debian's packages).
enum Chromium {
  static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  static func run(_ arguments: [String]) throws -> String {
    let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage"]
    return try PipedProcess(path!, flags + arguments).finish().stdout
  }
}

@Suite(
  "The HTML scrutiny report, rendered by a real browser", .serialized,
  .enabled(if: Chromium.path != nil, "headless Chromium is not installed"))
struct ReportBrowserTests {
  /// Counts occurrences of `needle` in `text`.
  func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test("the Trafford report renders: every chart with its data points, no scripts, no external requests, a screenshot")
  func trafford() throws {
    let dir = TemporaryDirectory()
    let html = dir.path + "/trafford.html"
    let result = try JourneyProcess.run(["report", "--authority", "Trafford", "--as-of", "2023-06-30", "--out", html])
    #expect(result.status == 0, "\(result.stderr)")
    let dom = try Chromium.run(["--dump-dom", "file://" + html])
    #expect(dom.contains("<h1>Trafford: children's services improvement journey</h1>"))
    for id in ["timeline-chart", "chart-turnover", "chart-agency", "chart-caseload", "chart-audits"] {
      #expect(dom.contains("id=\"\(id)\""), "chart \(id) missing")
      #expect(dom.contains("id=\"\(id)-title\""), "chart \(id) has no title")
    }
    // Data points: the timeline has one marker per journey event; each chart series says how many points it draws.
    let timeline = try JourneyProcess.run(["timeline", "--authority", "Trafford", "--as-of", "2023-06-30", "--json"])
    let entries = try #require(
      (try JSONSerialization.jsonObject(with: Data(timeline.stdout.utf8)) as? [String: Any])?["entries"] as? [Any])
    let timelineSVG = try #require(
      dom.components(separatedBy: "id=\"timeline-chart\"").last?.components(separatedBy: "</svg>").first)
    #expect(count("class=\"point\"", in: timelineSVG) == entries.count)
    let auditSVG = try #require(
      dom.components(separatedBy: "id=\"chart-audits\"").last?.components(separatedBy: "</svg>").first)
    let export = try JourneyProcess.run([
      "export", "--format", "jsonl", "--authority", "Trafford", "--as-of", "2023-06-30",
    ])
    let audits = export.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    .filter { row in
      let measure = row["measure"] as? String ?? ""
      return measure.hasPrefix("audit ")
        && ["percent inadequate", "percent good or better", "percent requires improvement or better"].contains {
          measure.hasSuffix($0)
        }
        && row["value"] is Double && (row["valid_to"] as? String ?? "9999") <= "2023-06-30"
    }
    #expect(audits.count >= 5)
    // Series of 3 or more figures are drawn; shorter ones are listed as figures under the chart.
    let auditFigure = try #require(
      dom.components(separatedBy: "id=\"chart-audits-figure\"").last?.components(separatedBy: "</figure>").first)
    #expect(count("class=\"point\"", in: auditSVG) + count("class=\"figure\"", in: auditFigure) == audits.count)
    let series = dom.components(separatedBy: "data-points=\"").dropFirst().map { Int($0.prefix { $0.isNumber })! }
    #expect(count("class=\"point\"", in: dom) == series.reduce(0, +))
    // Self-contained: no scripts, no external resources.
    for forbidden in ["<script", "<link", "<img", "<iframe", "src=\"http", "href=\"http", "url(", "@import"] {
      #expect(!dom.contains(forbidden), "found \(forbidden)")
    }
    let png = dir.path + "/trafford.png"
    _ = try Chromium.run(["--window-size=1000,3000", "--screenshot=" + png, "file://" + html])
    let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
    #expect(size > 50_000, "screenshot too small: \(size) bytes")
  }

  /// How many A4 pages Chromium prints `html` to, with the elements matching `hidden` not displayed.
  func printedPages(_ html: String, hiding hidden: String?, dir: TemporaryDirectory) throws -> Int {
    var page = try String(contentsOfFile: html, encoding: .utf8)
    if let hidden {
      page = page.replacingOccurrences(of: "</head>", with: "<style>\(hidden) { display: none; }</style></head>")
    }
    let copy = dir.path + "/print-\(hidden?.count ?? 0)-\(UUID().uuidString).html"
    try page.write(toFile: copy, atomically: true, encoding: .utf8)
    let pdf = copy + ".pdf"
    _ = try Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + copy])
    let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
    // Each page object is `/Type /Page` (the page tree is `/Type /Pages`).
    return bytes.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }.count
  }

  @Test(
    "printed on A4, the committee summary takes at most 4 pages and the appendices start on a page of their own",
    arguments: ["Trafford", "Bury", "hostile"])
  func summaryPages(_ which: String) throws {
    let dir = TemporaryDirectory()
    let html = try report(which, in: dir)
    let whole = try printedPages(html, hiding: nil, dir: dir)
    let summary = try printedPages(html, hiding: "#appendices", dir: dir)
    let appendices = try printedPages(html, hiding: "#summary, header", dir: dir)
    #expect(summary >= 1 && summary <= 4, "\(which): the summary prints to \(summary) pages")
    #expect(summary + appendices == whole, "\(which): \(summary) + \(appendices) pages, \(whole) in all")
    let source = try String(contentsOfFile: html, encoding: .utf8)
    #expect(source.contains(".appendices { break-before: page; }"))
  }

  @Test("hostile ledger text renders as inert text")
  func hostile() throws {
    let dir = TemporaryDirectory()
    let ledger = dir.path + "/l"
    let long = String(repeating: "verylongwordwithoutspaces", count: 60)
    let evil =
      #"<script>alert(1)</script> "quoted" 'single' \u202Eright-to-left\u202C <img src=x onerror=alert(2)> "# + long
    let line =
      #"{"id":"evil-1","type":"monitoring_visit","authority":"Trafford","reported":"2022-05-09","source":{"file":"x.txt","lines":"1","quote":"\#(evil.replacingOccurrences(of: "\"", with: "\\\""))"},"data":{"fieldwork_start":"2022-03-10","fieldwork_end":"2022-03-11","focus":["<b>bold</b> \" onmouseover=\"x"],"findings":["</td></tr></table><script>alert(3)</script>"]}}"#
    let imported = try JourneyProcess.run(["import", "events", "-", "--ledger", ledger], stdin: line)
    #expect(imported.status == 0, "\(imported.stderr)")
    let html = dir.path + "/evil.html"
    #expect(
      try JourneyProcess.run(["report", "--authority", "Trafford", "--ledger", ledger, "--out", html]).status == 0)
    let source = try String(contentsOfFile: html, encoding: .utf8)
    #expect(!source.contains("<script"))
    #expect(!source.contains("<img"))
    #expect(!source.contains("<b>bold"))
    #expect(source.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(source.contains("&quot; onmouseover=&quot;x"))
    let dom = try Chromium.run(["--dump-dom", "file://" + html])
    #expect(!dom.contains("<script"))
    #expect(!dom.contains("<img"))
    #expect(dom.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
  }

  /// The report of `which` (Trafford, Bury, or a ledger with a 1,500-character unbroken word).
  func report(_ which: String, in dir: TemporaryDirectory) throws -> String {
    let html = dir.path + "/\(which).html"
    var arguments = ["report", "--authority", which == "hostile" ? "Trafford" : which, "--out", html]
    if which == "hostile" {
      let ledger = dir.path + "/l"
      let long = String(repeating: "verylongwordwithoutspaces", count: 60)
      let line =
        #"{"id":"long-1","type":"monitoring_visit","authority":"Trafford","reported":"2022-05-09","source":{"file":"x.txt","lines":"1","quote":"\#(long)"},"data":{"fieldwork_start":"2022-03-10","fieldwork_end":"2022-03-11","focus":["\#(long)"]}}"#
      #expect(try JourneyProcess.run(["import", "events", "-", "--ledger", ledger], stdin: line).status == 0)
      arguments += ["--ledger", ledger]
    }
    let result = try JourneyProcess.run(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    return html
  }

  /// The widest element's right edge, or the right edge of content overflowing it (a long word in
  /// a heading), and the page width, measured by Chromium at `width` pixels; `print` applies the
  /// report's print rules as on paper.
  func measure(_ html: String, width: Int, print: Bool, dir: TemporaryDirectory) throws -> (
    widest: Int, page: Int, what: String
  ) {
    var page = try String(contentsOfFile: html, encoding: .utf8)
    if print { page = page.replacingOccurrences(of: "@media print {", with: "@media all {") }
    let script =
      "<script>let w=0,t='';for(const e of document.body.querySelectorAll('*')){const r=e.getBoundingClientRect();const right=e instanceof HTMLElement?Math.max(r.right,r.left+e.scrollWidth):r.right;if(r.width>0&&right>w){w=right;t=e.tagName+'#'+e.id+'.'+e.className;}}document.body.setAttribute('data-widest',Math.ceil(w));document.body.setAttribute('data-page',document.documentElement.clientWidth);document.body.setAttribute('data-what',t);</script>"
    // The probe copy lets this one measuring script run (the report itself forbids scripts).
    page = page.replacingOccurrences(of: "default-src 'none';", with: "default-src 'none'; script-src 'unsafe-inline';")
    page = page.replacingOccurrences(of: "</body>", with: script + "</body>")
    let probe = dir.path + "/probe-\(width)-\(print).html"
    try page.write(toFile: probe, atomically: true, encoding: .utf8)
    let dom = try Chromium.run(["--window-size=\(width),1200", "--dump-dom", "file://" + probe])
    func attribute(_ name: String) -> Int? {
      dom.components(separatedBy: "\(name)=\"").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
    }
    let what = dom.components(separatedBy: "data-what=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
    return (try #require(attribute("data-widest")), try #require(attribute("data-page")), String(what))
  }

  @Test(
    "no element wider than the page on screen or on A4 (180 mm printable, 680 px); every chart has a visible title and axis labels; pages are numbered",
    arguments: [
      "Trafford", "Bury", "hostile",
    ])
  func geometry(_ which: String) throws {
    let dir = TemporaryDirectory()
    let html = try report(which, in: dir)
    for (width, print) in [(1000, false), (680, true)] {
      let size = try measure(html, width: width, print: print, dir: dir)
      #expect(
        size.widest <= size.page,
        "\(which) \(print ? "print" : "screen"): widest element (\(size.what)) ends at \(size.widest) px, page is \(size.page) px"
      )
    }
    let source = try String(contentsOfFile: html, encoding: .utf8)
    let charts = source.components(separatedBy: "<svg id=\"").dropFirst().map {
      $0.components(separatedBy: "</svg>")[0]
    }
    for chart in charts where chart.contains("class=\"chart\"") {
      #expect(chart.contains("class=\"chart-title\""), "chart without a visible title")
      #expect(chart.contains("class=\"axis-label\""), "chart without an axis label")
    }
    #expect(source.contains("counter(page)"))
    #expect(!source.contains("overflow-wrap: anywhere; word-break"))
  }
}
