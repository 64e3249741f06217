#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace motcua::render {

// A zip archive of `files` (entry name, bytes), deflated, every entry dated 1/1/2026 so that equal
// input gives equal bytes (DOCX and other Office containers). kInternal if libzip fails.
[[nodiscard]] base::Result<std::string> ZipInMemory(
    const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace motcua::render
