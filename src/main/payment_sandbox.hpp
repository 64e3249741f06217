#pragma once

#include <CLI/CLI.hpp>

namespace motcua::main {

// Registers `motcua payment-sandbox`: a small stand-in for a payment gateway (test and demo
// tool, docs/citizen.md "Payments"). GET /pay shows the signed order, POST /pay/confirm and
// /pay/cancel send the signed callback (IPN) to --notify-url and redirect the browser to the
// order's return address with the signed result.
void RegisterPaymentSandboxCommand(CLI::App& app, int& exit_code);

}  // namespace motcua::main
