#!/usr/bin/env bash
# Runs inside `dbus-run-session`: starts an unlocked GNOME Keyring (Secret Service) with a
# throwaway login password, then runs the tests that need the real OS keyring.
set -euo pipefail
export XDG_DATA_HOME="$(mktemp -d)"   # a fresh keyring directory for this run only
eval "$(printf 'ci-keyring-password' | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
exec "$@"
