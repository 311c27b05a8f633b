extension Screen {
    /// A screen taller than its terminal, cut into pages: each page is a run of the screen's rows followed by
    /// a "more" line that says where the participant is and which keys turn the page. No sentence is lost off
    /// the top of the terminal, and the answers stay reachable (numbers work on every page). The paging is
    /// the screen's: the renderers draw whole screens and never know the terminal's height.
    public struct Pages {
        public let screen: Screen
        public let height: Int
        /// Rows of the screen on each page.
        public let perPage: Int
        public let count: Int
        let more: (_ page: Int, _ pages: Int) -> [String]

        /// Page `index` (clamped to the pages there are). A screen that fits is itself.
        public func page(_ index: Int) -> Screen {
            guard count > 1 else { return screen }
            let page = clamp(index)
            let start = page * perPage
            let shown = Array(screen.rows[start..<min(screen.rows.count, start + perPage)])
            return Screen(rows: shown + more(page + 1, count), prompt: screen.prompt)
        }

        public func clamp(_ index: Int) -> Int { min(max(0, index), count - 1) }

        /// The screen's row at the top of page `index` (clamped).
        public func firstRow(ofPage index: Int) -> Int { count > 1 ? clamp(index) * perPage : 0 }

        /// The page that shows row `row` of the screen.
        public func page(containing row: Int) -> Int { count > 1 ? clamp(row / perPage) : 0 }

        /// The screen's rows as the pages show them, in order, without the "more" lines.
        public var rowsShown: [String] {
            guard count > 1 else { return screen.rows }
            return (0..<count).flatMap { index -> [String] in
                let start = index * perPage
                return Array(screen.rows[start..<min(screen.rows.count, start + perPage)])
            }
        }
    }

    /// The pages of this screen on a terminal `height` rows tall (one row is the prompt's). `more` lays out
    /// the "more" line for a page number and count; it may take more than one row in a narrow terminal.
    public func pages(height: Int, more: @escaping (_ page: Int, _ pages: Int) -> [String]) -> Pages {
        let fits = max(1, height - 1)
        guard rows.count > fits else {
            return Pages(screen: self, height: height, perPage: max(1, rows.count), count: 1, more: more)
        }
        // The "more" line's height depends a little on the page count (its digits): settle it in two passes.
        var count = 2
        var perPage = 1
        for _ in 0..<3 {
            let moreHeight = more(count, count).count
            perPage = max(1, height - 1 - moreHeight)
            count = (rows.count + perPage - 1) / perPage
        }
        return Pages(screen: self, height: height, perPage: perPage, count: count, more: more)
    }
}

extension Screen {
    /// The first row where `new` differs from `old` (the feedback after an answer, a notice): the page to show
    /// after a line typed on the same screen is the one that holds it, so that what the kiosk just said is
    /// on screen, not only the "press Enter" under it.
    public static func firstChange(from old: Screen, to new: Screen) -> Int {
        let common = min(old.rows.count, new.rows.count)
        return (0..<common).first { old.rows[$0] != new.rows[$0] } ?? common
    }
}
