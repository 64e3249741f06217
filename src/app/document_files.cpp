// The file side of app/documents.hpp: content sniffing, file-name sanitising and the
// content-addressed file store.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fcntl.h>
#include <unistd.h>

#include "app/crypto.hpp"
#include "app/documents.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

constexpr std::string_view kPdf = "application/pdf";
constexpr std::string_view kPng = "image/png";
constexpr std::string_view kJpeg = "image/jpeg";
constexpr std::string_view kDocx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kXlsx =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr std::string_view kXml = "application/xml";
// How many ZIP entries are looked at for [Content_Types].xml and the part folders.
constexpr int kZipEntriesToScan = 64;

std::uint32_t Le(std::string_view bytes, size_t at, size_t width) {
    std::uint32_t v = 0;
    for (size_t i = 0; i < width; ++i) {
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    }
    return v;
}

// DOCX or XLSX from the local file headers of a ZIP archive; "" if neither.
std::string_view SniffOfficeZip(std::string_view bytes) {
    bool content_types = false;
    bool word = false;
    bool xl = false;
    size_t at = 0;
    for (int entry = 0; entry < kZipEntriesToScan; ++entry) {
        constexpr size_t kHeader = 30;
        if (bytes.size() < at + kHeader ||
            bytes.substr(at, 4) != std::string_view("PK\x03\x04", 4)) {
            break;
        }
        const std::uint32_t flags = Le(bytes, at + 6, 2);
        const std::uint32_t compressed = Le(bytes, at + 18, 4);
        const std::uint32_t name_length = Le(bytes, at + 26, 2);
        const std::uint32_t extra_length = Le(bytes, at + 28, 2);
        if (bytes.size() < at + kHeader + name_length) {
            break;
        }
        const std::string_view name = bytes.substr(at + kHeader, name_length);
        content_types = content_types || name == "[Content_Types].xml";
        word = word || name.starts_with("word/");
        xl = xl || name.starts_with("xl/");
        if ((flags & 0x08U) != 0) {
            break;  // sizes follow the data (data descriptor): cannot skip to the next entry
        }
        at += kHeader + name_length + extra_length + compressed;
    }
    if (!content_types || word == xl) {
        return "";
    }
    return word ? kDocx : kXlsx;
}

std::string_view Sniff(std::string_view bytes) {
    if (bytes.starts_with("%PDF-")) {
        return kPdf;
    }
    if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) {
        return kPng;
    }
    if (bytes.starts_with(std::string_view("\xff\xd8\xff", 3))) {
        return kJpeg;
    }
    if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) {
        return SniffOfficeZip(bytes);
    }
    std::string_view xml = bytes;
    if (xml.starts_with("\xef\xbb\xbf")) {
        xml.remove_prefix(3);
    }
    if (xml.starts_with("<?xml") && text::IsValidUtf8(bytes)) {
        return kXml;
    }
    return "";
}

std::string NormaliseType(std::string_view declared) {
    std::string type(declared.substr(0, declared.find(';')));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) {
        type.pop_back();
    }
    std::transform(type.begin(), type.end(), type.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    if (type == "image/jpg" || type == "image/pjpeg") {
        return std::string(kJpeg);
    }
    if (type == "text/xml") {
        return std::string(kXml);
    }
    return type;
}

std::string_view KindLabel(std::string_view media_type) {
    if (media_type == kPdf) {
        return "PDF";
    }
    if (media_type == kPng) {
        return "ảnh PNG";
    }
    if (media_type == kJpeg) {
        return "ảnh JPEG";
    }
    if (media_type == kDocx) {
        return "văn bản Word (DOCX)";
    }
    if (media_type == kXlsx) {
        return "bảng tính Excel (XLSX)";
    }
    return "XML";
}

bool IsSha256Hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

base::Error IoError(std::string_view what, const std::filesystem::path& path) {
    return base::Internal("file store: " + std::string(what) + " " + path.string() + ": " +
                          std::strerror(errno));
}

base::Status FsyncPath(const std::filesystem::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) {
        return IoError("open", path);
    }
    const int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0) {
        return IoError("fsync", path);
    }
    return {};
}

}  // namespace

UploadCheck CheckUpload(std::string_view bytes, std::string_view declared_type) {
    UploadCheck check;
    if (bytes.empty()) {
        check.problem = UploadProblem::kEmpty;
        check.message = "Tệp tải lên rỗng (0 byte).";
        return check;
    }
    if (bytes.size() > kMaxUploadBytes) {
        check.problem = UploadProblem::kTooLarge;
        check.message =
            "Tệp vượt quá dung lượng cho phép (" + std::to_string(kMaxUploadBytes >> 20) + " MB).";
        return check;
    }
    const std::string_view actual = Sniff(bytes);
    if (actual.empty()) {
        check.problem = UploadProblem::kUnsupported;
        check.message =
            "Định dạng tệp không được chấp nhận; chỉ nhận PDF, ảnh PNG/JPEG, văn bản Word (DOCX), "
            "bảng tính Excel (XLSX) hoặc tệp XML kết quả điện tử.";
        return check;
    }
    if (NormaliseType(declared_type) != actual) {
        check.problem = UploadProblem::kMislabelled;
        check.message = "Kiểu tệp khai báo (" + std::string(declared_type.substr(0, 100)) +
                        ") không khớp với nội dung tệp (" + std::string(KindLabel(actual)) + ").";
        return check;
    }
    check.media_type = std::string(actual);
    return check;
}

std::string SanitiseFileName(std::string_view name) {
    const size_t slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) {
        name.remove_prefix(slash + 1);
    }
    auto nfc = text::Nfc(name);
    std::string clean;
    if (nfc) {
        for (const char c : *nfc) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7f || c == '"' || c == '\'' || c == '<' || c == '>') {
                continue;
            }
            clean.push_back(c);
        }
    }
    clean = text::TrimAndCollapseSpaces(clean);
    // Cut at a code-point boundary.
    size_t points = 0;
    size_t i = 0;
    while (i < clean.size() && points < kMaxFileNameChars) {
        ++i;
        while (i < clean.size() && (static_cast<unsigned char>(clean[i]) & 0xC0U) == 0x80U) {
            ++i;
        }
        ++points;
    }
    clean.resize(i);
    if (clean.empty() || clean == "." || clean == "..") {
        return "tai-lieu";
    }
    return clean;
}

std::filesystem::path StoredFilePath(const std::filesystem::path& dir, std::string_view sha256) {
    return dir / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

base::Result<std::string> StoreFile(const std::filesystem::path& dir, std::string_view bytes) {
    if (dir.empty()) {
        return base::Error{base::ErrorCode::kFailedPrecondition,
                           "Hệ thống chưa được cấu hình nơi lưu tệp; chưa thể tải tệp lên."};
    }
    std::string sha = Sha256Hex(bytes);
    const std::filesystem::path target = StoredFilePath(dir, sha);
    std::error_code ec;
    if (std::filesystem::exists(target, ec)) {
        return sha;  // the same bytes are already stored
    }
    const std::filesystem::path tmp_dir = dir / "tmp";
    std::filesystem::create_directories(tmp_dir, ec);
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) {
        return base::Internal("file store: cannot create " + target.parent_path().string() + ": " +
                              ec.message());
    }
    const std::filesystem::path tmp = tmp_dir / (sha + "." + RandomToken(9));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) {
        return IoError("create", tmp);
    }
    size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const base::Error error = IoError("write", tmp);
            ::close(fd);
            std::filesystem::remove(tmp, ec);
            return error;
        }
        written += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const base::Error error = IoError("fsync", tmp);
        ::close(fd);
        std::filesystem::remove(tmp, ec);
        return error;
    }
    ::close(fd);
    // rename() is atomic: a reader sees the whole file or none; a concurrent upload of the same
    // bytes renames identical content over it.
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        const base::Error error = IoError("rename", tmp);
        std::filesystem::remove(tmp, ec);
        return error;
    }
    if (const base::Status synced = FsyncPath(target.parent_path(), O_RDONLY | O_DIRECTORY);
        !synced) {
        return synced.error();
    }
    return sha;
}

base::Result<std::string> ReadStoredFile(const std::filesystem::path& dir,
                                         std::string_view sha256) {
    if (!IsSha256Hex(sha256)) {
        return base::InvalidArgument("mã SHA-256 của tệp không hợp lệ");
    }
    const std::filesystem::path path = StoredFilePath(dir, sha256);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return base::NotFound("không tìm thấy nội dung tệp");
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        return base::Internal("file store: cannot read " + path.string());
    }
    return bytes;
}

}  // namespace motcua::app
