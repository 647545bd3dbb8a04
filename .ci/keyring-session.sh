#!/usr/bin/env bash
# Runs inside `dbus-run-session`: starts one unlocked GNOME Keyring (Secret Service) with a
# throwaway login password, waits until its default collection is ready and unlocked, then runs
# the tests that need the real OS keyring.
#
# One daemon only: a second `gnome-keyring-daemon --start` that cannot yet reach the first
# (a busy machine) starts a daemon of its own whose login collection is locked, and the
# tests then fail with KeyringLocked.
set -euo pipefail
export XDG_DATA_HOME="$(mktemp -d)"   # a fresh keyring directory for this run only
eval "$(printf 'ci-keyring-password' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL 2>/dev/null || true

secrets() {
  dbus-send --session --print-reply=literal --dest=org.freedesktop.secrets "$@" 2>/dev/null
}
for _ in $(seq 1 100); do  # up to 10 s
  collection="$(secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias \
    string:default | tr -d '[:space:]')" || collection=""
  if [ -n "$collection" ] && [ "$collection" != "/" ] &&
     secrets "$collection" org.freedesktop.DBus.Properties.Get \
       string:org.freedesktop.Secret.Collection string:Locked | grep -q "boolean false"; then
    exec "$@"
  fi
  sleep 0.1
done
echo "GNOME Keyring did not offer an unlocked default collection within 10 s" >&2
exit 1
