/// The notice as Markdown and as a printable, self-contained HTML page.
extension DisposalNotice {
    /// The paragraphs of the notice's body, shared by both renderings (plain text, unescaped).
    var paragraphs: [String] {
        let agreementList = agreements.map {
            "\($0.id) (version \($0.versions.map(String.init).joined(separator: ", ")))"
        }
        .joined(separator: "; ")
        let basis = Set(agreements.flatMap(\.legalBasis)).sorted().joined(separator: "; ")
        var out = [
            "This notice concerns information \(holder) disclosed to \(recipient) under the data-sharing agreement \(agreementList). A retroactive review (\(reviewID)) of every past disclosure, replayed under the rules, agreements and court orders in force on \(draftedOn), found that \(requestCount) of the disclosures listed below no longer stand.",
            "Legal basis. The disclosures were made under \(basis.isEmpty ? "the agreement" : basis). That authority permits disclosure only for a request that meets the agreement's conditions, and the information may be used solely for the purpose the agreement states. A disclosure that did not meet those conditions, or whose use a court order now bars, was not authorized, and the information it carried may not be kept or used.",
        ]
        if !orders.isEmpty {
            let list = orders.map { "\($0.id) (\($0.court), case \($0.caseNumber))" }.joined(separator: "; ")
            out.append("Court orders. Some findings rest on \(list), in force on \(draftedOn).")
        }
        out.append(
            "Request. Please destroy every copy of the fields listed below for each request id listed, in every system and file they reached (including derived records and backups as your policy allows), stop any use of them, and certify the destruction in writing by \(deadline), citing notice \(noticeID). This notice repeats no protected data: the request ids are your own."
        )
        return out
    }

    /// The notice as Markdown.
    public func markdown() -> String {
        var lines = [
            "# Disposal notice \(noticeID)", "",
            "| | |", "| --- | --- |",
            "| To | \(markdownEscaped(recipient)) |",
            "| Attention | \(markdownEscaped(recipientContact.isEmpty ? "—" : recipientContact)) |",
            "| Address | \(markdownEscaped(recipientAddress.isEmpty ? "—" : recipientAddress)) |",
            "| From | \(markdownEscaped(holder)) |",
            "| Date | \(draftedOn) |",
            "| Review | \(markdownEscaped(reviewID)) |",
            "| Certified destruction due by | **\(deadline)** |",
            "| Requests affected | \(requestCount) |",
            "| Fields to destroy | \(fields.map(\.rawValue).joined(separator: ", ")) |", "",
        ]
        for paragraph in paragraphs { lines += [markdownEscaped(paragraph), ""] }
        lines += ["## Why, by reason code", "", "| code | requests | meaning |", "| --- | ---: | --- |"]
        for (code, count) in reasonCounts {
            lines.append("| `\(code)` | \(count) | \(markdownEscaped(ReasonCode(rawValue: code)?.explanation ?? "")) |")
        }
        lines += ["", "## Affected batches and requests", ""]
        for batch in batches {
            lines += [
                "### Batch \(markdownEscaped(batch.batchID))", "",
                "Agreement \(markdownEscaped(batch.agreementID)); released \(batch.releasedFrom)\(batch.releasedUntil == batch.releasedFrom ? "" : " to \(batch.releasedUntil)"); fields to destroy: \(batch.fields.map(\.rawValue).joined(separator: ", ")); \(batch.requestIDs.count) requests:",
                "",
                "```", batch.requestIDs.joined(separator: "\n"), "```", "",
            ]
        }
        lines += [
            "## Certification", "",
            "I certify that the information listed in notice \(markdownEscaped(noticeID)) has been destroyed and is no longer used.",
            "",
            "Name: ______________________  Title: ______________________  Date: ____________  Signature: ______________________",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// The notice as a printable HTML page: self-contained (inline CSS, no scripts, nothing
    /// fetched), every text escaped.
    public func html() -> String {
        var body = ""
        body += "<h1>Disposal notice \(htmlEscaped(noticeID))</h1>\n<table class=\"meta\">\n"
        let meta: [(String, String)] = [
            ("To", recipient), ("Attention", recipientContact.isEmpty ? "—" : recipientContact),
            ("Address", recipientAddress.isEmpty ? "—" : recipientAddress), ("From", holder), ("Date", draftedOn),
            ("Review", reviewID), ("Certified destruction due by", deadline),
            ("Requests affected", String(requestCount)),
            ("Fields to destroy", fields.map(\.rawValue).joined(separator: ", ")),
        ]
        for (label, value) in meta { body += "<tr><th>\(htmlEscaped(label))</th><td>\(htmlEscaped(value))</td></tr>\n" }
        body += "</table>\n"
        for paragraph in paragraphs { body += "<p>\(htmlEscaped(paragraph))</p>\n" }
        body +=
            "<h2>Why, by reason code</h2>\n<table class=\"grid\"><thead><tr><th>code</th><th>requests</th><th>meaning</th></tr></thead><tbody>\n"
        for (code, count) in reasonCounts {
            body +=
                "<tr><td><code>\(htmlEscaped(code))</code></td><td class=\"n\">\(count)</td><td>\(htmlEscaped(ReasonCode(rawValue: code)?.explanation ?? ""))</td></tr>\n"
        }
        body += "</tbody></table>\n<h2>Affected batches and requests</h2>\n"
        for batch in batches {
            body += "<h3>Batch \(htmlEscaped(batch.batchID))</h3>\n"
            body +=
                "<p>Agreement \(htmlEscaped(batch.agreementID)); released \(htmlEscaped(batch.releasedFrom))\(batch.releasedUntil == batch.releasedFrom ? "" : " to " + htmlEscaped(batch.releasedUntil)); fields to destroy: \(htmlEscaped(batch.fields.map(\.rawValue).joined(separator: ", "))); \(batch.requestIDs.count) requests.</p>\n"
            body += "<ul class=\"ids\">" + batch.requestIDs.map { "<li>\(htmlEscaped($0))</li>" }.joined() + "</ul>\n"
        }
        body += """
            <h2>Certification</h2>
            <p>I certify that the information listed in notice \(htmlEscaped(noticeID)) has been destroyed and is no longer used.</p>
            <table class="sign"><tr><td>Name</td><td>Title</td><td>Date</td><td>Signature</td></tr><tr><td></td><td></td><td></td><td></td></tr></table>

            """
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Disposal notice \(htmlEscaped(noticeID))</title>
            <style>
            body { font: 11pt/1.45 Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto; color: #111; padding: 0 1em; }
            h1 { font-size: 1.6em; border-bottom: 2px solid #111; padding-bottom: .2em; }
            h2 { font-size: 1.2em; margin-top: 1.6em; }
            h3 { font-size: 1.05em; }
            table { border-collapse: collapse; margin: .6em 0; }
            table.meta th { text-align: left; padding: .15em 1em .15em 0; font-weight: normal; color: #444; }
            table.grid th, table.grid td { border: 1px solid #999; padding: .2em .5em; vertical-align: top; }
            td.n { text-align: right; }
            ul.ids { columns: 4; font-family: Menlo, Consolas, monospace; font-size: 9pt; list-style: none; padding: 0; }
            table.sign { width: 100%; } table.sign td { border-bottom: 1px solid #111; height: 2.2em; width: 25%; color: #444; vertical-align: top; }
            @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }
}

/// Escapes text for HTML element content and attribute values.
func htmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(character)
        }
    }
    return out
}

/// Escapes the characters Markdown would read as table cells or markup in running text.
func markdownEscaped(_ text: String) -> String {
    var out = ""
    for character in text.unicodeScalars {
        switch character {
        case "|", "\\", "*", "_", "`", "<", ">", "[", "]": out += "\\"; out.unicodeScalars.append(character)
        case "\n", "\r": out += " "
        default: out.unicodeScalars.append(character)
        }
    }
    return out
}
