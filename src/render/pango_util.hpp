#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <pango/pangocairo.h>

#include "base/result.hpp"
#include "render/document.hpp"

// Pango helpers for the PDF writer: owned GObjects, layouts of styled runs, the font check.
// Internal to render/.
namespace motcua::render::detail {

// The one family every form is set in (fonts-noto-core: Regular, Bold, Italic, Bold Italic).
inline constexpr std::string_view kFontFamily = "Noto Serif";

struct GObjectDeleter {
    void operator()(void* object) const {
        if (object != nullptr) g_object_unref(object);
    }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;

// Text style of a layout.
struct TextStyle {
    double size = 10;  // pt (absolute: one unit of a PDF surface is one pt)
    Align align = Align::kLeft;
    bool bold = false;    // applied under the runs' own styles
    bool italic = false;  // idem
};

// A layout of `runs` in `context`: Noto Serif at style.size pt, wrapped at `width` pt (at word
// boundaries, inside a word only when it alone is too long), aligned as asked. Never null.
[[nodiscard]] LayoutPtr MakeLayout(PangoContext* context, const std::vector<Run>& runs,
                                   double width, const TextStyle& style);

// Logical height and width of a layout, in pt.
[[nodiscard]] double LayoutHeight(PangoLayout* layout);
[[nodiscard]] double LayoutWidth(PangoLayout* layout);

// Ok when fontconfig resolves `family` in Regular, Bold and Italic to faces of that very family
// (pango silently substitutes another font otherwise). kInternal naming the face it would use.
// Thread-safe (pango's default font map is per thread).
[[nodiscard]] base::Status CheckFontFamily(std::string_view family);

}  // namespace motcua::render::detail
