#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

// One writer for every Word output (letters, the inspection report outline, plan and
// simplification tables, the publication violation list): minimal WordprocessingML with direct
// formatting (Times New Roman, no styles part), zipped in memory by render/zip_writer (deflated,
// fixed timestamps, so equal input gives equal bytes). Plain text in, bytes out; the callers
// check that their texts are UTF-8 (detail::IsUtf8) before writing. Not thread-safe per object.
namespace motcua::render::docx {

struct Style {
    bool bold = false;
    bool italic = false;
    std::string_view align = "left";  // left, center, right, both
    int size = 24;                    // half-points
    int spacing = 40;                 // twips before and after the paragraph
};

// A table cell: the text ("\n", U+2028 = line break, "\t" = tab) as one paragraph; `span` grid
// columns wide (gridSpan); `merge` "restart" or "continue" for a vertical merge.
struct Cell {
    std::string text{};
    Style style{};
    int span = 1;
    std::string_view merge{};
};

// A bordered table with fixed layout: column widths in twips (dxa), the header row repeated on
// every page and never split, then the rows. `width` is the table width (0: the sum of columns).
struct Table {
    std::vector<int> columns{};
    std::vector<Cell> header{};
    std::vector<std::vector<Cell>> rows{};
    int width = 0;
};

struct Para {
    std::string text{};
    Style style{};
};

// A4 page; margins in twips.
struct Page {
    bool landscape = false;
    int top = 1134;
    int right = 1134;
    int bottom = 1134;
    int left = 1134;
};

class Document {
public:
    // One paragraph; "\n" and U+2028 become line breaks, "\t" a tab.
    void Paragraph(std::string_view text, const Style& style = {});
    void AddTable(const Table& table);
    // The two-column heading of an administrative document as a borderless table: the issuing
    // unit (left) and the national motto (right), each column `column_width` twips.
    void HeadingBlock(const std::vector<Para>& left, const std::vector<Para>& right,
                      int column_width);
    // The package: [Content_Types].xml, _rels/.rels and word/document.xml. kInternal when
    // libzip fails.
    [[nodiscard]] base::Result<std::string> Finish(const Page& page) const;

private:
    std::string body_;
};

}  // namespace motcua::render::docx
