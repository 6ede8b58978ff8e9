#!/usr/bin/env bash
# The fresh-install test (issue 13: "`make deb` builds a package that installs on a fresh Debian 12"): a Debian 12
# (bookworm) root made with debootstrap from the Debian mirror this machine's apt sources name, and in it, through
# chroot:
#   - the package installed with apt, so that its Depends are resolved from Debian alone (nothing of this machine);
#   - its maintainer scripts' work checked: the boxoffice group, /var/lib/boxoffice 2770 root:boxoffice, the database;
#   - `boxoffice --version`; `boxoffice theaters` and a booking as a clerk in the group, against the package's own
#     Redis started by hand with its unit's ExecStart (systemd is not PID 1 in a chroot); a user outside the group
#     gets the plain sentence (exit 3);
#   - the package removed, then purged: the bookings are left;
#   - `make install DESTDIR=<root>` copies files only and prints what is left to do; the setup it names, run in the
#     chroot, leaves a working install again.
# It prints how long apt took to install the package with its dependencies, and the installed sizes.
# Run as root: `make test-fresh-install` (or `bash Tests/Install/fresh-debian.sh` after `make deb`; FRESH_DEBIAN_DEB
# names another package, DEBIAN_MIRROR another mirror). Everything it mounts or starts is undone on the way out.
# Exit 0 when every step passed, 1 on a failure, 77 when it cannot run here (said on the way out).
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
export PATH=$PATH:/usr/sbin:/sbin

skip() { echo "SKIP: fresh Debian install: $*"; exit 77; }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" = 0 ] || skip "it runs debootstrap and chroot: run it as root (CI does)."
command -v debootstrap >/dev/null || fail "debootstrap is not installed (make test-fresh-install installs it)"

# The mirror: the first one this machine's apt sources use for bookworm (deb822 .sources files or sources.list).
debian_mirror() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk 'BEGIN { RS = "" } /(^|\n)Types:[^\n]*deb([ \t]|\n|$)/ && /(^|\n)Suites:[^\n]*[ \t]bookworm([ \t]|\n|$)/ {
           if (match($0, /(^|\n)URIs:[ \t]*[^ \t\n]+/)) { s = substr($0, RSTART, RLENGTH); sub(/^\n?URIs:[ \t]*/, "", s); print s; exit } }' "$file"
  done
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | sed -E 's/\[[^]]*\]//' | awk '$1 == "deb" && $3 == "bookworm" { print $2 }'
}
MIRROR=${DEBIAN_MIRROR:-$(debian_mirror | head -1)}
[ -n "$MIRROR" ] || skip "no bookworm mirror in this machine's apt sources (set DEBIAN_MIRROR)."

if [ -n "${FRESH_DEBIAN_DEB:-}" ]; then
  DEB=$FRESH_DEBIAN_DEB
else
  echo "== make deb"
  LOG=$(mktemp /tmp/boxoffice-fresh-deb.XXXXXX)
  make --no-print-directory deb >"$LOG" 2>&1 || { tail -40 "$LOG"; rm -f "$LOG"; fail "make deb"; }
  rm -f "$LOG"
  DEB=$(ls -t dist/boxoffice_*_amd64.deb | head -1)
fi
[ -f "$DEB" ] || fail "no package at $DEB"
VERSION=$(dpkg-deb --field "$DEB" Version)

BEGAN=$(date +%s%N)
WORK=$(mktemp -d /tmp/boxoffice-fresh.XXXXXX)
ROOT=$WORK/root
MOUNTS=() REDIS_PID=""
mount_in() { mkdir -p "$2" && mount "${@:3}" "$1" "$2" && MOUNTS+=("$2"); }
cleanup() {
  local i
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null
  # Anything still running inside the root (a daemon a maintainer script started despite policy-rc.d) goes first.
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$ROOT" ] && kill -KILL "$pid" 2>/dev/null
  done
  for (( i=${#MOUNTS[@]}-1; i>=0; i-- )); do umount "${MOUNTS[$i]}" 2>/dev/null || umount -l "${MOUNTS[$i]}"; done
  # Never delete through a mount that is somehow still there (a bound /dev, say): check, and stay on this filesystem.
  if grep -q " $WORK/" /proc/mounts; then
    echo "FAIL: mounts left under $WORK; not deleting it:"; grep " $WORK/" /proc/mounts
    exit 1
  fi
  rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
# as_user <user> <command...>: a login's environment (its groups from the root's /etc/group), no configuration from us.
as_user() { local user=$1; shift; in_root runuser -u "$user" -- env HOME="/home/$user" USER="$user" LOGNAME="$user" "$@"; }
seconds_since() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }

# ---- A fresh Debian 12 ------------------------------------------------------------------------------------------------
echo "== debootstrap bookworm (minbase)"
START=$(date +%s%N)
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
  || { tail -30 "$WORK/debootstrap.log"; fail "debootstrap bookworm"; }
pass "debootstrap made a Debian 12 root in $(seconds_since "$START") s ($(du -sh --exclude=var/cache "$ROOT" | cut -f1))"
grep -q '^12\.' "$ROOT/etc/debian_version" && pass "it is Debian $(cat "$ROOT/etc/debian_version")" || fail "Debian 12 ($(cat "$ROOT/etc/debian_version"))"
mount_in proc "$ROOT/proc" -t proc
mount_in sysfs "$ROOT/sys" -t sysfs
mount_in /dev "$ROOT/dev" --bind
mount_in /dev/pts "$ROOT/dev/pts" --bind
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
# No daemon starts from a maintainer script in here (Debian's own convention for chroots): redis-server's would.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d" && chmod 755 "$ROOT/usr/sbin/policy-rc.d"
in_root apt-get update -qq >"$WORK/update.log" 2>&1 || { cat "$WORK/update.log"; fail "apt-get update in the root"; }

# ---- The package, with apt ------------------------------------------------------------------------------------------
echo "== apt-get install ./$(basename "$DEB")"
install -m 644 "$DEB" "$ROOT/tmp/$(basename "$DEB")"
START=$(date +%s%N)
in_root apt-get install -y --no-install-recommends "/tmp/$(basename "$DEB")" >"$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log"; fail "apt-get install of the package on a fresh Debian 12"; }
INSTALL_S=$(seconds_since "$START")
pass "apt installed $(basename "$DEB") with its dependencies in $INSTALL_S s"
grep -E "^(Need to get|After this operation)" "$WORK/install.log" | sed 's/^/  apt: /'
grep -E "^The following NEW packages" -A30 "$WORK/install.log" | sed -n '2,/^[^ ]/p' | grep '^ ' | tr -s ' ' | sed 's/^/  new packages:/'
PACKAGE_KB=$(in_root dpkg-query -W -f='${Installed-Size}' boxoffice)
pass "installed: boxoffice $(in_root dpkg-query -W -f='${Version}' boxoffice), $((PACKAGE_KB / 1024)) MB (dpkg's Installed-Size); the .deb is $(du -h "$DEB" | cut -f1)"
grep -E "^boxoffice: " "$WORK/install.log" | sed 's/^/  postinst said: /'

# What postinst did.
check_setup() {
  local when=$1
  in_root getent group boxoffice >/dev/null && pass "$when: the group boxoffice exists" || fail "$when: the group boxoffice"
  [ "$(in_root stat -c '%a %U %G' /var/lib/boxoffice)" = "2770 root boxoffice" ] && pass "$when: /var/lib/boxoffice is 2770 root:boxoffice" \
    || fail "$when: /var/lib/boxoffice is $(in_root stat -c '%a %U %G' /var/lib/boxoffice)"
  [ -f "$ROOT/var/lib/boxoffice/boxoffice.sqlite" ] && pass "$when: the database was created" || fail "$when: no database in /var/lib/boxoffice"
  [ "$(in_root boxoffice --version)" = "boxoffice $VERSION" ] && pass "$when: boxoffice --version says boxoffice $VERSION" \
    || fail "$when: boxoffice --version ($(in_root boxoffice --version 2>&1))"
}
check_setup "postinst"
[ -L "$ROOT/lib/systemd/system/multi-user.target.wants/boxoffice-redis.service" ] || [ -L "$ROOT/etc/systemd/system/multi-user.target.wants/boxoffice-redis.service" ] \
  && pass "postinst enabled boxoffice-redis.service" || fail "postinst enabled boxoffice-redis.service"

# ---- The box office's Redis, as its unit starts it; a clerk sells -------------------------------------------------
start_redis() {
  local unit=$ROOT/lib/systemd/system/boxoffice-redis.service command user group
  command=$(sed -n 's/^ExecStart=//p' "$unit"); user=$(sed -n 's/^User=//p' "$unit"); group=$(sed -n 's/^Group=//p' "$unit")
  in_root install -d -m "$(sed -n 's/^RuntimeDirectoryMode=//p' "$unit")" -o "$user" -g "$group" /run/boxoffice   # RuntimeDirectory=
  eval "set -- $command"   # systemd's quoting of ExecStart is the shell's for this line
  in_root setpriv --reuid="$user" --regid="$group" --clear-groups sh -c 'umask 007; exec "$@"' sh "$@" >"$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 100); do [ -S "$ROOT/run/boxoffice/redis.sock" ] && break; sleep 0.05; done   # polling interval only
  [ -S "$ROOT/run/boxoffice/redis.sock" ] && pass "the package's Redis runs as $user:$group on /run/boxoffice/redis.sock" \
    || { cat "$WORK/redis.log"; fail "the package's Redis made its socket"; }
}
stop_redis() { kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null; REDIS_PID=""; }
start_redis

CLERK=fresh-clerk OUTSIDER=fresh-outsider
in_root useradd -m -s /bin/bash "$CLERK" && in_root useradd -m -s /bin/bash "$OUTSIDER" || fail "useradd in the root"
OUT=$(in_root boxoffice clerk add "$CLERK" 2>&1) && pass "clerk add: $OUT" || fail "clerk add $CLERK ($OUT)"
as_user "$CLERK" boxoffice init --demo >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log"; fail "$CLERK: boxoffice init --demo"; }
OUT=$(as_user "$CLERK" boxoffice theaters 2>&1) && grep -q "Grand Theatre" <<<"$OUT" \
  && pass "$CLERK: boxoffice theaters lists the Grand Theatre" || fail "$CLERK: boxoffice theaters ($OUT)"
PERFORMANCE=$(as_user "$CLERK" boxoffice performances | awk 'index($0, "Grand Theatre") && $1 ~ /^[0-9]+$/ { print $1; exit }')
OUT=$(as_user "$CLERK" boxoffice book "Grand Theatre" --performance "$PERFORMANCE" A1 --name "Fresh Debian" --json 2>&1) \
  || fail "$CLERK books A1 ($OUT)"
REF=$(jq -r '.reference // empty' <<<"$OUT")
[ -n "$REF" ] && pass "$CLERK booked A1: $REF" || fail "a booking reference in: $OUT"
OUT=$(as_user "$OUTSIDER" boxoffice theaters 2>&1); STATUS=$?
[ "$STATUS" = 3 ] && grep -q "not in the boxoffice group" <<<"$OUT" && pass "$OUTSIDER (not a clerk) reads: $OUT" \
  || fail "$OUTSIDER gets the plain sentence and exit 3 (exit $STATUS: $OUT)"
stop_redis

# ---- Remove, purge: the bookings are left ---------------------------------------------------------------------------
found() { BOXOFFICE_CONFIG=none BOXOFFICE_DB="$ROOT/var/lib/boxoffice/boxoffice.sqlite" REDIS_URL= "$REPO/.build/release/boxoffice" find "Fresh Debian" 2>&1; }
in_root apt-get remove -y boxoffice >"$WORK/remove.log" 2>&1 || { cat "$WORK/remove.log"; fail "apt-get remove boxoffice"; }
[ ! -e "$ROOT/usr/bin/boxoffice" ] && [ ! -e "$ROOT/usr/lib/boxoffice" ] && pass "remove took the program away" || fail "remove left the program"
[ -f "$ROOT/etc/boxoffice/boxoffice.conf" ] && pass "remove kept the configuration" || fail "remove kept /etc/boxoffice/boxoffice.conf"
grep -q "$REF" <<<"$(found)" && pass "booking $REF is still there after remove" || fail "booking $REF after remove ($(found))"
in_root apt-get purge -y boxoffice >"$WORK/purge.log" 2>&1 || { cat "$WORK/purge.log"; fail "apt-get purge boxoffice"; }
[ ! -e "$ROOT/etc/boxoffice" ] && pass "purge removed /etc/boxoffice" || fail "purge removed /etc/boxoffice"
grep -q "database was left in /var/lib/boxoffice" "$WORK/purge.log" && pass "purge says where the database was left" || fail "purge names the database's folder"
grep -q "$REF" <<<"$(found)" && pass "booking $REF is still there after purge" || fail "booking $REF after purge ($(found))"
echo "PASS: fresh Debian install ($(seconds_since "$BEGAN") s in all after the package was built; apt install ${INSTALL_S} s; boxoffice ${PACKAGE_KB} kB installed)"
