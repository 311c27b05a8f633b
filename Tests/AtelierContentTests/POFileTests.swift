import Testing
@testable import AtelierContent

@Suite("PO files")
struct POFileTests {
    /// Every feature of the format, written the way POWriter writes it.
    static let canonical = #"""
    msgid ""
    msgstr ""
    "Project-Id-Version: atelier demo 1\n"
    "Language: ar\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\n"

    # A translator's note
    #
    #. Keep in French: CAF
    #: Lessons/demo/module.yaml:12
    #, fuzzy, c-format
    #| msgctxt "intro/body"
    #| msgid "La CAF paie."
    msgctxt "intro/body"
    msgid "La CAF verse des aides."
    msgstr "تدفع CAF المساعدات."

    msgctxt "multi/line"
    msgid ""
    "Première ligne.\n"
    "Deuxième ligne avec \"guillemets\", \\ et\ttab.\n"
    "Fin"
    msgstr ""
    "السطر الأول.\n"
    "السطر الثاني.\n"
    "النهاية"

    msgid "one file"
    msgid_plural "{n} files"
    msgstr[0] "لا ملفات"
    msgstr[1] "ملف واحد"
    msgstr[2] "ملفان"
    msgstr[3] "ملفات"
    msgstr[4] "ملفًا"
    msgstr[5] "ملف"

    #~ msgctxt "gone"
    #~ msgid "Ancien texte"
    #~ msgstr "نص قديم"

    #, fuzzy
    #~| msgid "Très ancien"
    #~ msgctxt "gone/too"
    #~ msgid "Ancien"
    #~ msgstr "قديم"

    """#

    @Test func aCanonicalFileIsWrittenBackByteForByte() {
        let (file, diagnostics) = POReader.read(Self.canonical, path: "ar.po")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(POWriter.write(file) == Self.canonical)
    }

    @Test func everyPartIsReadWithoutLoss() throws {
        let (file, _) = POReader.read(Self.canonical, path: "ar.po")
        #expect(file.headerFields.first { $0.0 == "Language" }?.1 == "ar")
        #expect(file.entries.count == 5)
        let first = try #require(file.entry(context: "intro/body"))
        #expect(first.translatorComments == ["A translator's note", ""])
        #expect(first.extractedComments == ["Keep in French: CAF"])
        #expect(first.references == ["Lessons/demo/module.yaml:12"])
        #expect(first.flags == ["fuzzy", "c-format"])
        #expect(first.previousContext == "intro/body")
        #expect(first.previousID == "La CAF paie.")
        #expect(first.line == 15)
        let multi = try #require(file.entry(context: "multi/line"))
        #expect(multi.id == "Première ligne.\nDeuxième ligne avec \"guillemets\", \\ et\ttab.\nFin")
        #expect(multi.string == "السطر الأول.\nالسطر الثاني.\nالنهاية")
        let plural = file.entries[2]
        #expect(plural.idPlural == "{n} files")
        #expect(plural.strings.count == 6)
        #expect(plural.strings[2] == "ملفان")
        #expect(file.entries[3].isObsolete && file.entries[3].context == "gone")
        #expect(file.entries[4].isObsolete && file.entries[4].previousID == "Très ancien" && file.entries[4].isFuzzy)
    }

    @Test func otherToolsLayoutIsReadAndWrittenCanonically() throws {
        // Wrapped the way msgmerge wraps at 79 columns, with CR LF line ends and no blank line between entries.
        let wrapped = "msgid \"\"\r\nmsgstr \"Language: fr\\n\"\r\nmsgctxt \"a\"\r\nmsgid \"\"\r\n\"Un texte \"\r\n\"coupé\"\r\nmsgstr \"Ein \"\r\n\"Text\"\r\n"
        let (file, diagnostics) = POReader.read(wrapped, path: "x.po")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(file.entry(context: "a")?.id == "Un texte coupé")
        #expect(file.entry(context: "a")?.string == "Ein Text")
        let written = POWriter.write(file)
        #expect(written == "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\nmsgctxt \"a\"\nmsgid \"Un texte coupé\"\nmsgstr \"Ein Text\"\n")
        #expect(POWriter.write(POReader.read(written, path: "x.po").0) == written)
    }

    @Test(arguments: [
        ("msgctxt \"a\"\nmsgid \"x\nmsgstr \"y\"\n", ["x.po:2:7: error: unterminated string"]),
        ("msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\\q\"\n", ["x.po:3:10: error: unknown escape '\\q'"]),
        ("msgctxt \"a\"\nmsgid \"x\"\n", ["x.po:1:1: error: entry 'a' has no msgstr"]),
        ("msgid \"x\"\nmsgstr \"y\"\n\nmsgid \"x\"\nmsgstr \"z\"\n", ["x.po:4:1: error: duplicate entry for msgid 'x'"]),
        ("msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\" trailing\n", ["x.po:3:11: error: text after the closing quote"]),
        ("\"orphan\"\n", ["x.po:1:1: error: a string line with no keyword before it"]),
        ("msgid \"x\"\nmsgfoo \"y\"\n", ["x.po:2:1: error: unknown keyword 'msgfoo'"]),
    ])
    func syntaxErrorsComeWithTheirPosition(text: String, expected: [String]) {
        let (_, diagnostics) = POReader.read(text, path: "x.po")
        #expect(diagnostics.map(\.description) == expected)
    }
}
