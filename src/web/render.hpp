#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <kainjow/mustache.hpp>

#include "base/result.hpp"

namespace motcua::web {

// The view model handed to a template: objects, lists, strings and booleans only (templates
// are logic-free; numbers are formatted as text before they get here).
using Data = kainjow::mustache::data;
using DataList = kainjow::mustache::list;

// Renders the Mustache templates of web/templates. {{x}} escapes & < > " ' (HTML); templates
// never use {{{x}}}. Every template is available to the others as a partial by its name
// ({{> part_error_summary}}). Thread-safe: each call parses what it renders.
class Renderer final {
public:
    // Uses the templates compiled into the binary; with a non-empty `template_dir`, reads
    // `<dir>/<name>.mustache` on every render instead (for editing templates without a rebuild),
    // falling back to the compiled-in copy for files not there.
    explicit Renderer(std::string template_dir = {});

    // Template `name` rendered with `data`, in Unicode NFC. When `body` is given, the partial
    // {{> page_body}} is that template (the layout includes the page this way). kInternal for an
    // unknown template or one that does not parse.
    [[nodiscard]] base::Result<std::string> Render(std::string_view name, const Data& data,
                                                   std::string_view body = {}) const;

    // Parses every template; kInternal naming the first one that does not parse.
    [[nodiscard]] base::Status CheckAll() const;

private:
    [[nodiscard]] std::optional<std::string> Source(std::string_view name) const;

    std::string template_dir_;
};

}  // namespace motcua::web
