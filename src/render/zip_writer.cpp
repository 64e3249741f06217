// render::ZipInMemory: a deflated zip archive built in memory with libzip (the DOCX and XLSX
// containers of letters, plans and reports; fixed timestamps so equal input gives equal bytes).

#include "render/zip_writer.hpp"

#include <ctime>
#include <memory>
#include <string_view>

#include <zip.h>

namespace motcua::render {
namespace {

struct ArchiveDiscard {
    void operator()(zip_t* za) const { zip_discard(za); }
};
struct SourceFree {
    void operator()(zip_source_t* src) const { zip_source_free(src); }
};
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscard>;
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;

base::Error ZipError(std::string_view what, zip_error_t* error) {
    return base::Internal("libzip: " + std::string(what) + ": " + zip_error_strerror(error));
}

// 2026-01-01 00:00 local time: libzip stores local DOS time, so every entry reads 1/1/2026.
std::time_t FixedMtime() {
    std::tm tm{};
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = 0;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
}

// A zip archive of `files` (name, bytes), deflated, with fixed timestamps so equal input gives
// equal bytes. Built in an in-memory libzip source that outlives the archive (zip_source_keep)
// and is read back after zip_close.
}  // namespace

base::Result<std::string> ZipInMemory(
    const std::vector<std::pair<std::string, std::string>>& files) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* raw = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (raw == nullptr) {
        base::Error e = ZipError("cannot create the buffer", &error);
        zip_error_fini(&error);
        return e;
    }
    zip_source_keep(raw);  // one reference for the archive, one for reading back
    const SourcePtr source(raw);
    ArchivePtr archive(zip_open_from_source(raw, ZIP_TRUNCATE, &error));
    if (archive == nullptr) {
        zip_source_free(raw);  // the archive's reference was not taken
        base::Error e = ZipError("cannot open the archive", &error);
        zip_error_fini(&error);
        return e;
    }
    zip_error_fini(&error);
    auto archive_error = [&](std::string_view what) {
        return base::Internal("libzip: " + std::string(what) + ": " + zip_strerror(archive.get()));
    };
    const std::time_t mtime = FixedMtime();
    for (const auto& [name, bytes] : files) {
        zip_source_t* entry = zip_source_buffer(archive.get(), bytes.data(), bytes.size(), 0);
        if (entry == nullptr) return archive_error("cannot wrap " + name);
        const zip_int64_t index =
            zip_file_add(archive.get(), name.c_str(), entry, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(entry);  // not taken by the archive on failure
            return archive_error("cannot add " + name);
        }
        const auto idx = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(archive.get(), idx, ZIP_CM_DEFLATE, 9) != 0) {
            return archive_error("cannot deflate " + name);
        }
        if (zip_file_set_mtime(archive.get(), idx, mtime, 0) != 0) {
            return archive_error("cannot date " + name);
        }
    }
    if (zip_close(archive.get()) != 0) return archive_error("cannot write the archive");
    (void)archive.release();  // zip_close freed it

    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(raw, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
        return base::Internal(std::string("libzip: cannot size the archive: ") +
                              zip_error_strerror(zip_source_error(raw)));
    }
    if (zip_source_open(raw) != 0) {
        return base::Internal(std::string("libzip: cannot reopen the archive: ") +
                              zip_error_strerror(zip_source_error(raw)));
    }
    std::string out(static_cast<std::size_t>(st.size), '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const zip_int64_t n = zip_source_read(raw, out.data() + done, out.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    const bool read_ok = done == out.size();
    std::string read_error = read_ok ? "" : zip_error_strerror(zip_source_error(raw));
    zip_source_close(raw);
    if (!read_ok) return base::Internal("libzip: cannot read the archive back: " + read_error);
    return out;
}

}  // namespace motcua::render
