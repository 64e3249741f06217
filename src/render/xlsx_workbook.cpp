#include "render/xlsx_workbook.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include <unistd.h>

namespace motcua::render::detail {

namespace {

// A temporary file removed when this goes out of scope.
class TempFile final {
public:
    TempFile() {
        std::error_code ec;
        std::string pattern =
            (std::filesystem::temp_directory_path(ec) / "motcua-xlsx-XXXXXX.xlsx").string();
        if (ec) pattern = "/tmp/motcua-xlsx-XXXXXX.xlsx";
        const int fd = mkstemps(pattern.data(), 5);
        if (fd >= 0) {
            close(fd);
            path_ = pattern;
        }
    }
    ~TempFile() {
        if (!path_.empty()) std::remove(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    [[nodiscard]] const std::string& Path() const { return path_; }

private:
    std::string path_;
};

}  // namespace

base::Result<std::string> RenderWorkbook(
    const std::string& sheet_name, const std::string& too_long,
    const std::function<lxw_error(lxw_workbook*, lxw_worksheet*)>& write) {
    const TempFile file;
    if (file.Path().empty()) return base::Internal("cannot create a temporary file for the XLSX");
    lxw_workbook* wb = workbook_new(file.Path().c_str());
    if (wb == nullptr) return base::Internal("libxlsxwriter: cannot create the workbook");
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
    const lxw_error written = ws == nullptr ? LXW_ERROR_MEMORY_MALLOC_FAILED : write(wb, ws);
    const lxw_error closed = workbook_close(wb);  // frees the workbook in every case
    if (written == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
        return base::InvalidArgument(too_long);
    }
    if (written != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
        const lxw_error e = written != LXW_NO_ERROR ? written : closed;
        return base::Internal(std::string("libxlsxwriter: ") + lxw_strerror(e));
    }
    std::ifstream in(file.Path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return base::Internal("cannot read the XLSX back");
    return bytes;
}

}  // namespace motcua::render::detail
