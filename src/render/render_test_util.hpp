#pragma once

// Helpers of the render tests: sample forms, temporary files, and running the tools that read
// the output back (pdftotext, pdfinfo, pdffonts, pdftoppm, zbarimg, unzip).

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <unistd.h>

#include "render/forms.hpp"

namespace motcua::render::testing {

// What a shell command printed on stdout, and its exit status.
struct CommandOutput {
    int status = -1;
    std::string out;
};

inline CommandOutput RunCommand(const std::string& command) {
    CommandOutput result;
    FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.out.append(buffer.data(), n);
    result.status = pclose(pipe);
    return result;
}

inline bool HaveTool(const std::string& name) {
    return RunCommand("command -v " + name).status == 0;
}

// `path` in single quotes for the shell.
inline std::string Quote(const std::string& path) {
    std::string q = "'";
    for (const char c : path) {
        if (c == '\'') {
            q += "'\\''";
        } else {
            q.push_back(c);
        }
    }
    return q + "'";
}

// A file under the test temporary directory, removed at the end of the test unless
// MOTCUA_RENDER_KEEP is set (to look at the output: MOTCUA_RENDER_KEEP=1 render_test).
class TempOutput final {
public:
    explicit TempOutput(std::string_view suffix) {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = ::testing::TempDir() + "motcua_render_" + std::to_string(getpid()) + "_" +
                (info != nullptr ? std::string(info->name()) : std::string("x")) +
                std::string(suffix);
    }
    ~TempOutput() {
        if (std::getenv("MOTCUA_RENDER_KEEP") != nullptr) return;
        std::remove(path_.c_str());
        std::remove((path_ + ".png").c_str());
    }
    TempOutput(const TempOutput&) = delete;
    TempOutput& operator=(const TempOutput&) = delete;

    [[nodiscard]] const std::string& Path() const { return path_; }

    void Write(const std::string& bytes) const {
        std::ofstream out(path_, std::ios::binary);
        out << bytes;
        ASSERT_TRUE(out.good()) << "cannot write " << path_;
    }

private:
    std::string path_;
};

// Runs of spaces collapsed to one (pdftotext -layout pads justified lines and columns).
inline std::string CollapseSpaces(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out.push_back(c);
    }
    return out;
}

// A receipt as the Huế centre would print it.
inline FormData SampleReceipt() {
    FormData f;
    f.kind = FormKind::kReceipt;
    f.number = "01";
    f.title = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ";
    f.legal_note = "(Ban hành kèm theo Thông tư số 01/2018/TT-VPCP)";
    f.paper = Paper::kA5Portrait;
    f.parent_unit = "UBND TỈNH THỪA THIÊN HUẾ";
    f.issuing_unit = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG";
    f.receiving_unit = "Trung tâm Phục vụ hành chính công tỉnh";
    f.place_date = "Huế, ngày 12 tháng 3 năm 2026";
    f.dossier_code = "H46.10-260312-0001";
    f.qr_payload = "https://dichvucong.gov.vn/tra-cuu?ma=H46.10-260312-0001";
    f.applicant_name = "Nguyễn Thị Hướng";
    f.applicant_address = "12 Lê Lợi, phường Thuận Hóa";
    f.applicant_phone = "0905 123 456";
    f.applicant_email = "huong@example.vn";
    f.applicant_id_number = "046190001234";
    f.procedure_name = "Đăng ký khai sinh";
    f.channel_label = "Trực tiếp";
    f.components = {{.name = "Tờ khai đăng ký khai sinh", .originals = 1},
                    {.name = "Giấy chứng sinh", .originals = 1, .note = "do bệnh viện cấp"},
                    {.name = "Căn cước của cha hoặc mẹ", .certified_copies = 1, .copies = 2}};
    f.processing_time = "01 ngày làm việc";
    f.received_at = "08 giờ 30 phút, ngày 12/3/2026";
    f.appointment_at = "08 giờ 30 phút, ngày 13/3/2026";
    f.return_place = "Quầy số 5, Trung tâm Phục vụ hành chính công";
    f.lookup_note = "Tra cứu tại dichvucong.gov.vn bằng mã hồ sơ.";
    f.officer_name = "Trần Văn Đức";
    return f;
}

}  // namespace motcua::render::testing
