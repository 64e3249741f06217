// The sandbox gateway and the server as real processes on loopback (issue #5): a citizen starts
// a payment, the browser's steps at the sandbox (GET /pay, POST /pay/confirm) are replayed over
// HTTP, and the server's payment becomes paid through the sandbox's signed callback.
// Argument: the path of the motcua binary.
#include <array>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/payments.hpp"
#include "http/client.hpp"
#include "store/database.hpp"

namespace {

namespace json = boost::json;
using motcua::http::Fetch;
using motcua::http::Method;

std::string g_motcua;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

constexpr std::string_view kSecret = "bi-mat-kiem-thu-sandbox";

// A child process whose stdout we read up to its "listening on http://HOST:PORT" line.
class Child {
public:
    explicit Child(const std::vector<std::string>& args) {
        int out[2];
        EXPECT_EQ(pipe(out), 0);
        pid_ = fork();
        if (pid_ == 0) {
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            std::vector<char*> argv;
            for (const std::string& a : args) {
                argv.push_back(const_cast<char*>(a.c_str()));  // NOLINT
            }
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        stdout_ = fdopen(out[0], "r");
    }
    ~Child() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            int status = 0;
            waitpid(pid_, &status, 0);
        }
        if (stdout_ != nullptr) {
            fclose(stdout_);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // The port of the first "listening on http://…:PORT" line; 0 if the process ended first.
    int Port() {
        std::array<char, 512> line{};
        while (fgets(line.data(), line.size(), stdout_) != nullptr) {
            const std::string text(line.data());
            const auto at = text.find("listening on http://");
            if (at != std::string::npos) {
                return std::stoi(text.substr(text.rfind(':') + 1));
            }
        }
        return 0;
    }

private:
    pid_t pid_ = -1;
    FILE* stdout_ = nullptr;
};

int RunToEnd(const std::vector<std::string>& args) {
    const pid_t pid = fork();
    if (pid == 0) {
        std::vector<char*> argv;
        for (const std::string& a : args) {
            argv.push_back(const_cast<char*>(a.c_str()));  // NOLINT
        }
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A port free now (bound then released: the server binds it right after).
int FreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);  // NOLINT
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);  // NOLINT
    const int port = ntohs(addr.sin_port);
    close(fd);
    return port;
}

json::value Parse(const std::string& body) {
    std::error_code ec;
    json::value v = json::parse(body, ec);
    EXPECT_FALSE(ec) << body;
    return v;
}

struct Session {
    std::string cookie;
    std::string csrf;
    std::int64_t user_id = 0;
};

class SandboxProcessTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device random;
        dir_ = std::filesystem::temp_directory_path() /
               ("motcua-pay-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(dir_);
        db_url_ = "sqlite:" + (dir_ / "motcua.db").string();
        ASSERT_EQ(RunToEnd({g_motcua, "seed-demo", "--db", db_url_}), 0);
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    Session SignIn(const std::string& base, std::string_view user) {
        const auto r =
            Fetch(Method::kPost, base + "/api/v1/session",
                  R"({"username":")" + std::string(user) + R"(","password":"MotCua@2026"})",
                  "application/json");
        EXPECT_TRUE(r) << (r ? "" : r.error().message);
        EXPECT_EQ(r->status, 201) << r->body;
        Session s;
        const std::string set_cookie = r->Header("set-cookie");
        s.cookie = set_cookie.substr(0, set_cookie.find(';'));
        const json::value body = Parse(r->body);
        s.csrf = std::string(body.at("csrf_token").as_string());
        s.user_id = body.at("user").at("id").as_int64();
        return s;
    }

    static std::vector<std::pair<std::string, std::string>> As(const Session& s) {
        return {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
    }

    std::filesystem::path dir_;
    std::string db_url_;
};

TEST_F(SandboxProcessTest, ConfirmAtTheSandboxMarksTheServersPaymentPaid) {
    const int server_port = FreePort();
    const std::string base = "http://127.0.0.1:" + std::to_string(server_port);
    Child sandbox({g_motcua, "payment-sandbox", "--listen", "127.0.0.1:0", "--secret",
                   std::string(kSecret), "--notify-url", base + "/api/v1/payments/callback"});
    const int sandbox_port = sandbox.Port();
    ASSERT_GT(sandbox_port, 0);
    const std::string sandbox_base = "http://127.0.0.1:" + std::to_string(sandbox_port);
    Child server({g_motcua, "serve", "--db", db_url_, "--listen",
                  "127.0.0.1:" + std::to_string(server_port), "--payment-url", sandbox_base,
                  "--payment-secret", std::string(kSecret), "--workers", "2", "--io-threads", "1"});
    ASSERT_EQ(server.Port(), server_port);

    // The desk receives a dossier with a fee; it is made congdan's online dossier in the
    // database (online submission is tested elsewhere).
    const Session desk = SignIn(base, "motcua");
    const auto received = Fetch(
        Method::kPost, base + "/api/v1/dossiers",
        R"({"procedure_code":"1.002010","settling_unit":"46.SOTP","applicant":{"name":"Võ Thị Lan"}})",
        "application/json", std::chrono::milliseconds{10'000}, As(desk));
    ASSERT_TRUE(received);
    ASSERT_EQ(received->status, 201) << received->body;
    const std::string code(Parse(received->body).at("code").as_string());
    const Session citizen = SignIn(base, "congdan");
    {
        auto db = motcua::store::Open(db_url_);
        ASSERT_TRUE(db);
        auto tx = (*db)->Begin(motcua::store::TxMode::kWrite);
        ASSERT_TRUE(tx);
        auto rows = (*tx)->Query("SELECT body_json FROM dossiers WHERE code = $1",
                                 std::vector<motcua::store::Value>{code});
        ASSERT_TRUE(rows && rows->size() == 1);
        json::value body = Parse(rows->front().Text(0));
        body.as_object()["citizen_user_id"] = citizen.user_id;
        ASSERT_TRUE((*tx)->Execute(
            "UPDATE dossiers SET body_json = $1, citizen_user_id = $2 WHERE code = $3",
            std::vector<motcua::store::Value>{json::serialize(body), citizen.user_id, code}));
        ASSERT_TRUE((*tx)->Commit());
    }

    const std::string payments = base + "/api/v1/dossiers/" + code + "/payments";
    // The applicant's payment page offers online payment; its form sends the browser to the
    // sandbox.
    const std::string page_url = base + "/cong-dan/ho-so/" + code + "/thanh-toan";
    const auto before =
        Fetch(Method::kGet, page_url, "", "", std::chrono::milliseconds{10'000}, As(citizen));
    ASSERT_TRUE(before);
    ASSERT_EQ(before->status, 200) << before->body;
    EXPECT_NE(before->body.find("Thanh toán trực tuyến"), std::string::npos);
    EXPECT_NE(before->body.find("Chưa thanh toán"), std::string::npos);
    EXPECT_NE(before->body.find(R"(name="_csrf" value=")" + citizen.csrf + "\""),
              std::string::npos);
    // Another signed-in person sees nothing of it.
    const Session stranger = SignIn(base, "chuyenvienxa");
    const auto hidden =
        Fetch(Method::kGet, page_url, "", "", std::chrono::milliseconds{10'000}, As(stranger));
    ASSERT_TRUE(hidden);
    EXPECT_GE(hidden->status, 403);
    EXPECT_EQ(hidden->body.find("Võ Thị Lan"), std::string::npos);
    // Without the CSRF token the form is refused.
    const auto no_csrf = Fetch(Method::kPost, page_url, "x=1", "application/x-www-form-urlencoded",
                               std::chrono::milliseconds{10'000}, {{"Cookie", citizen.cookie}});
    ASSERT_TRUE(no_csrf);
    EXPECT_EQ(no_csrf->status, 403);
    const auto started =
        Fetch(Method::kPost, page_url, "_csrf=" + citizen.csrf, "application/x-www-form-urlencoded",
              std::chrono::milliseconds{10'000}, As(citizen));
    ASSERT_TRUE(started);
    ASSERT_EQ(started->status, 303) << started->body;
    const std::string checkout = started->Header("location");
    ASSERT_EQ(checkout.rfind(sandbox_base + "/pay?", 0), 0U) << checkout;
    const auto params = motcua::app::DecodePaymentParams(checkout.substr(checkout.find('?') + 1));
    ASSERT_TRUE(params);
    const std::string order_ref = params->at("order_ref");

    // The browser at the sandbox: the order page, then "Thanh toán" (the form posts the signed
    // order back).
    const auto page = Fetch(Method::kGet, checkout);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body;
    EXPECT_NE(page->body.find("Thanh toán"), std::string::npos);
    EXPECT_NE(page->body.find("Hủy giao dịch"), std::string::npos);
    EXPECT_NE(page->body.find(order_ref), std::string::npos);
    EXPECT_NE(page->body.find("50 đ"), std::string::npos);
    const std::string order = checkout.substr(checkout.find('?') + 1);

    // A tampered order is refused by the sandbox and changes nothing.
    std::string tampered = order;
    tampered.replace(tampered.find("amount=50"), 9, "amount=5");
    const auto forged = Fetch(Method::kPost, sandbox_base + "/pay/confirm", tampered);
    ASSERT_TRUE(forged);
    EXPECT_EQ(forged->status, 401) << forged->body;

    const auto confirmed = Fetch(Method::kPost, sandbox_base + "/pay/confirm", order);
    ASSERT_TRUE(confirmed);
    ASSERT_EQ(confirmed->status, 303) << confirmed->body;
    const std::string location = confirmed->Header("location");
    ASSERT_EQ(location.rfind(base + "/cong-dan/thanh-toan/ket-qua?", 0), 0U) << location;

    // The IPN arrived before the redirect: the payment is paid.
    const auto listed =
        Fetch(Method::kGet, payments, "", "", std::chrono::milliseconds{10'000}, As(citizen));
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->status, 200) << listed->body;
    const json::value list = Parse(listed->body);
    EXPECT_TRUE(list.at("paid").as_bool());
    ASSERT_EQ(list.at("items").as_array().size(), 1U);
    EXPECT_EQ(list.at("items").at(0).at("status"), "paid");
    EXPECT_EQ(list.at("items").at(0).at("provider_txn").as_string().subview().substr(0, 3), "SBX");

    // The return page verifies the signed result and shows the stored state to the applicant.
    const auto result =
        Fetch(Method::kGet, location, "", "", std::chrono::milliseconds{10'000}, As(citizen));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200) << result->body;
    EXPECT_NE(result->body.find("Thanh toán thành công"), std::string::npos);
    EXPECT_NE(result->body.find("Đã thanh toán"), std::string::npos);
    // Tampered return parameters are refused.
    std::string bad = location;
    bad.replace(bad.find("result=paid"), 11, "result=fail");
    const auto refused = Fetch(Method::kGet, bad);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);

    const auto after =
        Fetch(Method::kGet, page_url, "", "", std::chrono::milliseconds{10'000}, As(citizen));
    ASSERT_TRUE(after);
    EXPECT_NE(after->body.find("Đã thanh toán"), std::string::npos);
    EXPECT_EQ(after->body.find("Thanh toán trực tuyến"), std::string::npos);
    EXPECT_NE(after->body.find(order_ref), std::string::npos);

    // Confirming the same order again at the sandbox (a new transaction) is refused by the
    // server: still one paid payment.
    const auto again = Fetch(Method::kPost, sandbox_base + "/pay/confirm", order);
    ASSERT_TRUE(again);
    const auto relisted =
        Fetch(Method::kGet, payments, "", "", std::chrono::milliseconds{10'000}, As(citizen));
    ASSERT_TRUE(relisted);
    EXPECT_EQ(Parse(relisted->body).at("items").as_array().size(), 1U);
}

}  // namespace

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s PATH_TO_MOTCUA\n", argv[0]);
        return 2;
    }
    g_motcua = argv[1];
    signal(SIGPIPE, SIG_IGN);
    return RUN_ALL_TESTS();
}
