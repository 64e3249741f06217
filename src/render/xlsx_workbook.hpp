#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <xlsxwriter.h>

#include "base/result.hpp"

// One workbook with one worksheet, written by libxlsxwriter (which writes files only) through a
// temporary file and returned as bytes; shared by the register and the report forms.
namespace motcua::render::detail {

// `write` fills the worksheet `sheet_name`. A cell over Excel's 32,767 characters is the caller's
// kInvalidArgument `too_long`; other libxlsxwriter failures are kInternal.
[[nodiscard]] base::Result<std::string> RenderWorkbook(
    const std::string& sheet_name, const std::string& too_long,
    const std::function<lxw_error(lxw_workbook*, lxw_worksheet*)>& write);

}  // namespace motcua::render::detail
