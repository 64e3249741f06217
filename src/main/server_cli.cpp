#include "main/server_cli.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include "api/routes.hpp"
#include "app/context.hpp"
#include "app/crypto.hpp"
#include "app/dossiers.hpp"
#include "app/event_export.hpp"
#include "app/feedback.hpp"  // issue #9: escalations, deadline rules
#include "app/indicator_index.hpp"
#include "app/indicators.hpp"
#include "app/inspections.hpp"  // issue #7: inspection reminders
#include "app/notify.hpp"
#include "app/payments.hpp"
#include "app/plans.hpp"  // issue #7: plan reminders
#include "app/seed.hpp"
#include "base/clock.hpp"
#include "http/builtin.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "store/database.hpp"
#include "store/instrumented.hpp"
#include "web/routes.hpp"

namespace motcua::main {

namespace {

constexpr std::string_view kDefaultDb = "sqlite:var/motcua.db";

struct ServerSettings {
    std::string config_file;
    std::string db;
    std::string listen;
    int worker_threads = 0;
    int io_threads = 0;
    std::string payment_url;     // the payment gateway (sandbox) address (issue #5)
    std::string payment_secret;  // its shared HMAC secret
    std::string notify;          // notification sender: "log" (default) or "file:PATH" (issue #5)
    std::string files_dir;  // uploaded files (issue #5); default: var/files beside the database
    // The public origin printed in QR codes and links (http::Request::PublicOrigin); default:
    // each request's own scheme and Host.
    std::string public_url;
};

// `key = value` lines; `#` comments. Keys: db, listen, worker_threads.
base::Result<std::map<std::string, std::string>> ReadConfig(const std::string& path) {
    std::map<std::string, std::string> values;
    if (path.empty()) {
        return values;
    }
    std::ifstream in(path);
    if (!in) {
        return base::InvalidArgument("cannot read config file " + path);
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const auto hash = line.find('#');
        line = line.substr(0, hash);
        const auto eq = line.find('=');
        auto trim = [](const std::string& s) {
            const auto b = s.find_first_not_of(" \t\r");
            const auto e = s.find_last_not_of(" \t\r");
            return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
        };
        if (trim(line).empty()) {
            continue;
        }
        if (eq == std::string::npos) {
            return base::InvalidArgument(path + ":" + std::to_string(number) +
                                         ": expected key = value");
        }
        const std::string key = trim(line.substr(0, eq));
        if (key != "db" && key != "listen" && key != "worker_threads") {
            std::string message = path;
            message += ":" + std::to_string(number) + ": unknown key '" + key + "'";
            return base::InvalidArgument(std::move(message));
        }
        values[key] = trim(line.substr(eq + 1));
    }
    return values;
}

// Resolves the settings: command line, then environment, then config file, then defaults.
base::Result<ServerSettings> Resolve(const ServerSettings& given) {
    ServerSettings s = given;
    std::string config = s.config_file;
    if (config.empty()) {
        if (const char* env = std::getenv("MOTCUA_CONFIG")) {
            config = env;
        }
    }
    auto file = ReadConfig(config);
    if (!file) {
        return std::move(file).error();
    }
    if (s.db.empty()) {
        if (const char* env = std::getenv("MOTCUA_DB")) {
            s.db = env;
        } else if (file->count("db") != 0) {
            s.db = file->at("db");
        } else {
            s.db = std::string(kDefaultDb);
        }
    }
    if (s.listen.empty()) {
        if (const char* env = std::getenv("MOTCUA_LISTEN")) {
            s.listen = env;
        } else if (file->count("listen") != 0) {
            s.listen = file->at("listen");
        } else {
            s.listen = "127.0.0.1:8080";
        }
    }
    if (s.notify.empty()) {
        if (const char* env = std::getenv("MOTCUA_NOTIFY")) {
            s.notify = env;
        } else if (file->count("notify") != 0) {
            s.notify = file->at("notify");
        } else {
            s.notify = "log";
        }
    }
    // The payment gateway (issue #5): command line, then environment, then the local sandbox.
    if (s.payment_url.empty()) {
        const char* env = std::getenv("MOTCUA_PAYMENT_URL");
        s.payment_url = env != nullptr && *env != 0 ? env : "http://127.0.0.1:8091";
    }
    if (s.public_url.empty()) {
        if (const char* env = std::getenv("MOTCUA_PUBLIC_URL"); env != nullptr && *env != 0) {
            s.public_url = env;
        }
    }
    if (!s.public_url.empty() && s.public_url.rfind("http://", 0) != 0 &&
        s.public_url.rfind("https://", 0) != 0) {
        return base::InvalidArgument("--public-url must start with http:// or https://: " +
                                     s.public_url);
    }
    if (s.payment_secret.empty()) {
        if (const char* env = std::getenv("MOTCUA_PAYMENT_SECRET"); env != nullptr && *env != 0) {
            s.payment_secret = env;
        }
    }
    if (s.worker_threads == 0 && file->count("worker_threads") != 0) {
        s.worker_threads = std::atoi(file->at("worker_threads").c_str());
    }
    if (s.worker_threads <= 0) {
        s.worker_threads = 8;
    }
    if (s.io_threads <= 0) {
        // One io thread per core: on 2 cores this doubles throughput of cached public reads
        // over a single io thread (docs/http.md, bench/http).
        s.io_threads = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1U, 8U));
    }
    return s;
}

base::Result<std::unique_ptr<store::Database>> OpenAndMigrate(const std::string& url) {
    auto db = store::Open(url);
    if (!db) {
        return std::move(db).error();
    }
    auto applied = store::Migrate(**db);
    if (!applied) {
        return std::move(applied).error();
    }
    if (*applied > 0) {
        spdlog::info("applied {} migration(s) to {}", *applied, (*db)->Describe());
    }
    return db;
}

template <typename Body>
void Run(int& exit_code, Body body) {
    const base::Status status = body();
    if (!status) {
        fmt::print(stderr, "motcua: error: {}\n", status.error().message);
        exit_code = 2;
    } else {
        exit_code = 0;
    }
}

base::Status Serve(const ServerSettings& settings) {
    if (const base::Status s = app::InitCrypto(); !s) {
        return s;
    }
    auto opened = OpenAndMigrate(settings.db);
    if (!opened) {
        return opened.error();
    }
    http::Metrics metrics;
    // Every database operation is timed into motcua_db_duration_seconds{query=<operation>}.
    auto db = base::Result<std::unique_ptr<store::Database>>(store::Instrument(
        std::move(*opened), [&metrics](std::string_view operation, double seconds) {
            metrics.ObserveDb(operation, seconds);
        }));
    const base::SystemClock clock;
    app::LoginThrottle throttle(app::SecurityPolicy{}.max_failures_per_ip,
                                app::SecurityPolicy{}.ip_window);
    app::AppContext ctx;
    ctx.db = db->get();
    ctx.clock = &clock;
    ctx.throttle = &throttle;
    auto dummy = app::HashPassword(app::RandomToken());
    if (!dummy) {
        return dummy.error();
    }
    ctx.dummy_password_hash = std::move(*dummy);
    // Issue #6: a database migrated from before the aggregates gets them built once, here; the
    // unit-level aggregates are then served from memory (app/indicator_index.hpp).
    if (const base::Status s = app::EnsureAggregates(ctx); !s) {
        return s;
    }
    app::IndicatorIndex indicator_index(&clock);
    ctx.indicator_index = &indicator_index;
    // Uploaded documents (issue #5): --files-dir, else `files` beside a SQLite database, else
    // var/files.
    ctx.files_dir = settings.files_dir;
    if (ctx.files_dir.empty()) {
        const std::string_view sqlite = "sqlite:";
        std::filesystem::path beside = "var";
        if (settings.db.rfind(sqlite, 0) == 0) {
            const std::string file =
                settings.db.substr(sqlite.size(), settings.db.find('?') - sqlite.size());
            beside = std::filesystem::path(file).parent_path();
        }
        ctx.files_dir = beside / "files";
    }
    {
        std::error_code ec;
        std::filesystem::create_directories(ctx.files_dir / "tmp", ec);
        if (ec) {
            return base::InvalidArgument("cannot create the files directory " +
                                         ctx.files_dir.string() + ": " + ec.message());
        }
    }
    // Online payment of fees through the sandbox gateway (issue #5, docs/citizen.md).
    std::string payment_secret = settings.payment_secret;
    if (payment_secret.empty()) {
        spdlog::warn(
            "no --payment-secret or MOTCUA_PAYMENT_SECRET: using the development "
            "payment secret (never in production)");
        payment_secret = std::string(app::kDevelopmentPaymentSecret);
    }
    const app::SandboxGateway payment_gateway(settings.payment_url,
                                              std::string(app::kSandboxMerchant), payment_secret);
    ctx.payment_gateway = &payment_gateway;
    ctx.public_base_url = settings.public_url;

    auto sender = app::MakeSender(settings.notify);
    if (!sender) {
        return sender.error();
    }

    http::Router router;
    store::Database* database = db->get();
    http::RegisterBuiltinRoutes(router, metrics, [database]() -> base::Status {
        auto tx = database->Begin(store::TxMode::kRead);
        if (!tx) {
            return tx.error();
        }
        auto rows = (*tx)->Query("SELECT 1", {});
        if (!rows) {
            return rows.error();
        }
        return {};
    });
    api::RegisterApiRoutes(router, ctx);
    web::RegisterWebRoutes(router, ctx, web::WebOptions{});
    if (const base::Status valid = router.Validate(); !valid) {
        return valid;
    }
    http::ServerOptions options;
    options.listen = settings.listen;
    options.worker_threads = settings.worker_threads;
    options.io_threads = settings.io_threads;
    http::Server server(options, router, metrics);
    auto port = server.Start();
    if (!port) {
        return port.error();
    }
    spdlog::info("motcua serving on {} (port {}), database {}", settings.listen, *port,
                 database->Describe());
    // The bound port, which differs from the configured one for ":0" (tests, benchmarks).
    const std::string host = settings.listen.substr(0, settings.listen.rfind(':'));
    fmt::print("motcua: listening on http://{}:{}\n", host, *port);
    std::fflush(stdout);
    // The deadline sweep (issue #4): every minute, warn the officers of dossiers due within
    // half a working day and mark those past their deadline late.
    std::mutex sweep_mutex;
    std::condition_variable sweep_wake;
    bool stopping = false;
    // The notification outbox (issue #5): every 2 s, hand the due messages to the sender.
    std::thread notifier([&] {
        std::unique_lock<std::mutex> lock(sweep_mutex);
        while (!sweep_wake.wait_for(lock, std::chrono::seconds(2), [&] { return stopping; })) {
            lock.unlock();
            auto sent = app::DeliverNotifications(ctx, **sender);
            if (!sent) {
                spdlog::warn("notifications: {}", sent.error().message);
            }
            lock.lock();
        }
    });
    std::thread sweeper([&] {
        std::unique_lock<std::mutex> lock(sweep_mutex);
        while (!sweep_wake.wait_for(lock, std::chrono::seconds(60), [&] { return stopping; })) {
            lock.unlock();
            auto swept = app::SweepDeadlines(ctx, std::chrono::hours(4));
            if (auto pruned = app::PruneIndicatorChanges(ctx); !pruned) {
                spdlog::warn("indicator change log: {}", pruned.error().message);
            }
            if (!swept) {
                spdlog::warn("deadline sweep: {}", swept.error().message);
            } else if (*swept > 0) {
                spdlog::info("deadline sweep: {} dossiers warned or marked late", *swept);
            }
            // Issue #7: reminders 5 working days before the due dates of TTHC-control plans.
            if (auto reminded = app::SweepPlanReminders(ctx, 5); !reminded) {
                spdlog::warn("plan reminders: {}", reminded.error().message);
            } else if (*reminded > 0) {
                spdlog::info("plan reminders: {} notifications queued", *reminded);
            }
            // Issue #9: overdue feedback steps escalated to the handling unit's leaders, once.
            if (auto escalated = app::SweepFeedbackEscalations(ctx); !escalated) {
                spdlog::warn("feedback escalations: {}", escalated.error().message);
            } else if (*escalated > 0) {
                spdlog::info("feedback escalations: {} notifications queued", *escalated);
            }
            // Issue #7 (engineer P): inspection notice, report and remediation deadlines.
            if (auto reminded = app::SweepInspectionReminders(ctx, 5); !reminded) {
                spdlog::warn("inspection reminders: {}", reminded.error().message);
            } else if (*reminded > 0) {
                spdlog::info("inspection reminders: {} notifications queued", *reminded);
            }
            lock.lock();
        }
    });
    const base::Status ran = server.Run();
    {
        const std::lock_guard<std::mutex> lock(sweep_mutex);
        stopping = true;
    }
    sweep_wake.notify_all();
    sweeper.join();
    notifier.join();
    return ran;
}

}  // namespace

void RegisterServerCommands(CLI::App& app, int& exit_code) {
    auto settings = std::make_shared<ServerSettings>();
    auto add_common = [&](CLI::App* command) {
        command->add_option("--db", settings->db,
                            "Database URL: sqlite:PATH or postgresql://... (env MOTCUA_DB)");
        command->add_option("--config", settings->config_file,
                            "Config file with key = value lines (env MOTCUA_CONFIG)");
    };

    CLI::App* migrate = app.add_subcommand("migrate", "Apply database migrations");
    add_common(migrate);
    migrate->callback([settings, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            auto s = Resolve(*settings);
            if (!s) {
                return s.error();
            }
            auto db = store::Open(s->db);
            if (!db) {
                return db.error();
            }
            auto applied = store::Migrate(**db);
            if (!applied) {
                return applied.error();
            }
            fmt::print("{}: {} migration(s) applied, schema version {}\n", (*db)->Describe(),
                       *applied, store::LatestSchemaVersion());
            return {};
        });
    });

    // `motcua export events` (issue #6): the event log as CSV for independent recomputation.
    CLI::App* exporter = app.add_subcommand("export", "Export data");
    exporter->require_subcommand(1);
    CLI::App* events = exporter->add_subcommand(
        "events", "The whole dossier event log as CSV (columns: docs/indicators.md)");
    add_common(events);
    auto format = std::make_shared<std::string>("csv");
    auto output = std::make_shared<std::string>();
    events->add_option("--format", *format, "csv (the only format)");
    events->add_option("--output", *output, "File to write (default: standard output)");
    events->callback([settings, format, output, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            if (*format != "csv") {
                return base::InvalidArgument("--format must be csv");
            }
            auto s = Resolve(*settings);
            if (!s) {
                return s.error();
            }
            auto db = OpenAndMigrate(s->db);
            if (!db) {
                return db.error();
            }
            std::ofstream file;
            if (!output->empty()) {
                file.open(*output, std::ios::binary | std::ios::trunc);
                if (!file) {
                    return base::InvalidArgument("cannot write " + *output);
                }
            }
            std::ostream& out = output->empty() ? std::cout : file;
            auto written = app::WriteEventsCsv(**db, out);
            if (!written) {
                return written.error();
            }
            spdlog::info("exported {} event(s)", *written);
            return {};
        });
    });

    CLI::App* seed = app.add_subcommand("seed-demo", "Load the demo data (idempotent)");
    add_common(seed);
    seed->callback([settings, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            auto s = Resolve(*settings);
            if (!s) {
                return s.error();
            }
            if (const base::Status init = app::InitCrypto(); !init) {
                return init;
            }
            auto db = OpenAndMigrate(s->db);
            if (!db) {
                return db.error();
            }
            const base::SystemClock clock;
            app::LoginThrottle throttle(1, std::chrono::seconds{1});
            app::AppContext ctx;
            ctx.db = db->get();
            ctx.clock = &clock;
            ctx.throttle = &throttle;
            auto report = app::SeedDemo(ctx);
            if (!report) {
                return report.error();
            }
            auto dossiers = app::SeedDemoDossiers(ctx);
            if (!dossiers) {
                return dossiers.error();
            }
            fmt::print(
                "{}: demo data: {} unit(s), {} procedure(s), {} user(s), {} dossier(s) added\n",
                (*db)->Describe(), report->units_added, report->procedures_added,
                report->users_added, *dossiers);
            return {};
        });
    });

    CLI::App* serve = app.add_subcommand("serve", "Run the HTTP server");
    add_common(serve);
    serve->add_option("--listen", settings->listen, "Address:port (env MOTCUA_LISTEN)");
    serve->add_option("--workers", settings->worker_threads, "Handler threads (default 8)");
    serve->add_option("--io-threads", settings->io_threads, "Network threads (default: cores)");
    serve->add_option("--files-dir", settings->files_dir,
                      "Uploaded documents (default: 'files' beside a SQLite database, else "
                      "var/files)");
    serve->add_option(
        "--public-url", settings->public_url,
        "Public origin printed in QR codes and links, e.g. https://dichvucong.example "
        "(env MOTCUA_PUBLIC_URL; default: each request's Host)");
    serve->add_option("--payment-url", settings->payment_url,
                      "Payment gateway address (env MOTCUA_PAYMENT_URL; default "
                      "http://127.0.0.1:8091, the sandbox)");
    serve->add_option("--payment-secret", settings->payment_secret,
                      "Payment gateway HMAC secret (env MOTCUA_PAYMENT_SECRET)");
    serve->add_option("--notify", settings->notify,
                      "Notification sender: log (default) or file:PATH (env MOTCUA_NOTIFY)");
    auto feedback_rules = std::make_shared<std::string>();  // issue #9
    serve->add_option("--feedback-rules", *feedback_rules,
                      "Feedback step deadlines, a versioned file like data/rules/feedback.json "
                      "(default: the embedded one)");
    serve->callback([settings, feedback_rules, &exit_code] {
        Run(exit_code, [&]() -> base::Status {
            auto s = Resolve(*settings);
            if (!s) {
                return s.error();
            }
            if (!feedback_rules->empty()) {
                if (base::Status loaded = app::LoadFeedbackRules(*feedback_rules); !loaded) {
                    return loaded.error();
                }
            }
            return Serve(*s);
        });
    });
}

}  // namespace motcua::main
