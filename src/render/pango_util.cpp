#include "render/pango_util.hpp"

#include <cmath>
#include <string>

namespace motcua::render::detail {
namespace {

struct FontDescriptionDeleter {
    void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionDeleter>;

struct AttrListDeleter {
    void operator()(PangoAttrList* list) const { pango_attr_list_unref(list); }
};

int ToPango(double pt) {
    return static_cast<int>(std::lround(pt * PANGO_SCALE));
}

FontDescriptionPtr Describe(std::string_view family, double size, PangoWeight weight,
                            PangoStyle style) {
    FontDescriptionPtr d(pango_font_description_new());
    const std::string name(family);
    pango_font_description_set_family(d.get(), name.c_str());
    pango_font_description_set_absolute_size(d.get(), size * PANGO_SCALE);
    pango_font_description_set_weight(d.get(), weight);
    pango_font_description_set_style(d.get(), style);
    return d;
}

// Adds `attribute` to `list` over bytes [start, end) (takes ownership of the attribute).
void Insert(PangoAttrList* list, PangoAttribute* attribute, std::size_t start, std::size_t end) {
    attribute->start_index = static_cast<guint>(start);
    attribute->end_index = static_cast<guint>(end);
    pango_attr_list_insert(list, attribute);
}

}  // namespace

LayoutPtr MakeLayout(PangoContext* context, const std::vector<Run>& runs, double width,
                     const TextStyle& style) {
    LayoutPtr layout(pango_layout_new(context));
    const FontDescriptionPtr font =
        Describe(kFontFamily, style.size, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                 style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), ToPango(width));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    switch (style.align) {
        case Align::kLeft:
            pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
            break;
        case Align::kCenter:
            pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
            break;
        case Align::kRight:
            pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
            break;
        case Align::kJustify:
            pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT);
            pango_layout_set_justify(layout.get(), TRUE);
            break;
    }
    std::string text;
    const std::unique_ptr<PangoAttrList, AttrListDeleter> attributes(pango_attr_list_new());
    for (const Run& run : runs) {
        const std::size_t start = text.size();
        text += run.text;
        if (run.bold) {
            Insert(attributes.get(), pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, text.size());
        }
        if (run.italic) {
            Insert(attributes.get(), pango_attr_style_new(PANGO_STYLE_ITALIC), start, text.size());
        }
    }
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    pango_layout_set_attributes(layout.get(), attributes.get());
    return layout;
}

double LayoutHeight(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.height) / PANGO_SCALE;
}

double LayoutWidth(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
}

base::Status CheckFontFamily(std::string_view family) {
    PangoFontMap* map = pango_cairo_font_map_get_default();  // owned by pango, per thread
    const ContextPtr context(pango_font_map_create_context(map));
    struct Face {
        PangoWeight weight;
        PangoStyle style;
        const char* name;
    };
    for (const Face& face : {Face{PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, "Regular"},
                             Face{PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, "Bold"},
                             Face{PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC, "Italic"}}) {
        const FontDescriptionPtr wanted = Describe(family, 10, face.weight, face.style);
        const std::unique_ptr<PangoFont, GObjectDeleter> font(
            pango_font_map_load_font(map, context.get(), wanted.get()));
        const std::string requested = std::string(family) + " " + face.name;
        if (font == nullptr) {
            return base::Internal("font \"" + requested + "\" not found; install fonts-noto-core");
        }
        const FontDescriptionPtr got(pango_font_describe(font.get()));
        const char* got_family = pango_font_description_get_family(got.get());
        const bool same = got_family != nullptr && family == got_family &&
                          pango_font_description_get_weight(got.get()) == face.weight &&
                          pango_font_description_get_style(got.get()) == face.style;
        if (!same) {
            const std::unique_ptr<char, decltype(&g_free)> described(
                pango_font_description_to_string(got.get()), &g_free);
            return base::Internal("font \"" + requested + "\" resolves to \"" + described.get() +
                                  "\"; install fonts-noto-core");
        }
    }
    return {};
}

}  // namespace motcua::render::detail
