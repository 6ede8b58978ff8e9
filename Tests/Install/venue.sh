#!/usr/bin/env bash
# The venue test (issue 13): boxoffice installed and run the way a venue runs it, on this machine (CI runs as root).
#   - `make deb`, the package installed with dpkg; its files at Debian's places, its units checked by systemd-analyze;
#   - the box office's Redis started by hand with the unit's own command line (systemd is not PID 1 here), as the
#     unit would run it: user redis, group boxoffice, /run/boxoffice, umask 007;
#   - OpenSSH on a loopback port with a generated host key and its own sshd_config (the package's `--only` drop-in
#     included); two clerk accounts in the group (one `--only`) and one outside it; key-based logins;
#   - through `ssh -t` in tmux: the two clerks sell the same performance (each sees the other's hold live, each
#     books); the outsider gets the plain sentence (exit 3); a connection killed mid-hold frees its hold within 2 s;
#     one clerk signed in twice sees each window's hold as the clerk's own, and a dropped window frees only its own;
#     a command run from a clerk's home directory; TERM xterm-256color, screen-256color, tmux-256color, linux, vt220
#     each draw (glyphs always, colour where the terminal has it); LANG=C from the client gives ASCII;
#   - the package removed (the bookings remain), then purged (the configuration goes, the bookings still remain).
# Everything it creates (users, groups, sshd, Redis, files, the package) is removed at the end, even on failure.
# Exit 0 when every step passed, 1 on a failure, 77 when it cannot run here (said on the way out).
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD

skip() { echo "SKIP: venue test: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "it installs a package and creates users: run it as root (CI does)."
for tool in dpkg-deb sshd ssh ssh-keygen tmux jq systemd-analyze setpriv redis-server; do
  command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null \
    || { echo "FAIL: $tool is not installed (make deps installs it)"; exit 1; }
done
export PATH=$PATH:/usr/sbin:/sbin

ALICE=venue-alice BOB=venue-bob EVE=venue-eve   # alice: --only (sshd runs nothing but boxoffice); eve: not a clerk
TMP=$(mktemp -d /tmp/boxoffice-venue.XXXXXX)
chmod 755 "$TMP"
SSHD_PID="" REDIS_PID="" MADE_RUN_SSHD=0
HAD_GROUP=1 HAD_ONLY_GROUP=1   # until checked under the lock: never delete a group this run did not create

# Undo everything, in reverse order of creation; each step may find nothing to undo.
venue_cleanup() {
  [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null
  # --force-remove-reinstreq: an install interrupted half-way must still go.
  dpkg -s boxoffice >/dev/null 2>&1 && dpkg --purge --force-remove-reinstreq boxoffice >/dev/null 2>&1
  rm -rf /usr/lib/boxoffice; rm -f /lib/systemd/system/boxoffice-*.dpkg-new
  for user in "$ALICE" "$BOB" "$EVE"; do
    getent passwd "$user" >/dev/null && { ps -o pid= -u "$user" | xargs -r kill -KILL 2>/dev/null; userdel -r "$user" 2>/dev/null; }
  done
  [ "$HAD_ONLY_GROUP" = 0 ] && getent group boxoffice-only >/dev/null && groupdel boxoffice-only
  [ "$HAD_GROUP" = 0 ] && getent group boxoffice >/dev/null && groupdel boxoffice
  rm -f /etc/ssh/sshd_config.d/boxoffice.conf
  rm -rf /var/lib/boxoffice /run/boxoffice /etc/boxoffice
  [ "$MADE_RUN_SSHD" = 1 ] && rmdir /run/sshd 2>/dev/null
  rm -rf "$TMP"
  flock -u 9 2>/dev/null
  return 0
}
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; exit 1; }
# grep that reads all its input: `producer | grep -q` can kill the producer with SIGPIPE, which pipefail reports.
has() { grep "$@" >/dev/null; }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }

# ---- The package ---------------------------------------------------------------------------------------------------
echo "== make deb"
make --no-print-directory deb >"$TMP/deb.log" 2>&1 || { tail -40 "$TMP/deb.log"; fail "make deb"; }
DEB=$(ls -t dist/boxoffice_*_amd64.deb | head -1)
pass "make deb built $DEB ($(du -h "$DEB" | cut -f1))"
DEPENDS=$(dpkg-deb --field "$DEB" Depends)
grep -q "redis-server" <<<"$DEPENDS" && pass "the package depends on redis-server" || fail "Depends names redis-server ($DEPENDS)"
grep -qi swift <<<"$DEPENDS" && fail "the package depends on a Swift runtime package ($DEPENDS)" || pass "no Swift runtime in Depends"
dpkg-deb --contents "$DEB" >"$TMP/contents"
for path in ./usr/bin/boxoffice ./usr/share/man/man1/boxoffice.1.gz ./usr/share/bash-completion/completions/boxoffice \
            ./usr/share/zsh/vendor-completions/_boxoffice ./usr/share/fish/vendor_completions.d/boxoffice.fish \
            ./etc/boxoffice/boxoffice.conf ./lib/systemd/system/boxoffice-redis.service ./usr/lib/boxoffice/setup \
            ./lib/systemd/system/boxoffice-backup.service ./lib/systemd/system/boxoffice-backup.timer ./usr/lib/boxoffice/nightly-backup; do
  grep -q " $path\( \|$\)" "$TMP/contents" && pass "the package holds $path" || fail "the package holds $path"
done

# One venue test at a time on a machine (it installs the package and creates fixed users): wait for the lock, then
# make sure nothing of a real installation is here, and only then arrange to undo what this run creates.
exec 9>/run/lock/boxoffice-venue-test.lock
flock -w 1500 9 || skip "another venue test held the machine for 25 minutes."
dpkg -s boxoffice >/dev/null 2>&1 && skip "boxoffice is installed on this machine; the test would replace it and its data."
[ -e /var/lib/boxoffice ] && skip "/var/lib/boxoffice exists (a venue's data?); the test will not touch it."
[ -e /etc/boxoffice ] && skip "/etc/boxoffice exists; the test will not touch it."
[ -e /etc/ssh/sshd_config.d/boxoffice.conf ] && skip "/etc/ssh/sshd_config.d/boxoffice.conf exists; the test will not touch it."
for user in "$ALICE" "$BOB" "$EVE"; do getent passwd "$user" >/dev/null && skip "the user $user exists already."; done
getent group boxoffice >/dev/null && HAD_GROUP=1 || HAD_GROUP=0
getent group boxoffice-only >/dev/null && HAD_ONLY_GROUP=1 || HAD_ONLY_GROUP=0
trap venue_cleanup EXIT

echo "== install"
DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; fail "dpkg -i $DEB"; }
pass "dpkg -i installed it"
check "/usr/bin/boxoffice runs" /usr/bin/boxoffice --help
check "the group boxoffice exists" getent group boxoffice
[ "$(stat -c '%a %U %G' /var/lib/boxoffice)" = "2770 root boxoffice" ] && pass "/var/lib/boxoffice is 2770 root:boxoffice" \
  || fail "/var/lib/boxoffice is $(stat -c '%a %U %G' /var/lib/boxoffice), not 2770 root boxoffice"
check "postinst created the database" test -f /var/lib/boxoffice/boxoffice.sqlite
grep -q "^/etc/boxoffice/boxoffice.conf$" /var/lib/dpkg/info/boxoffice.conffiles && pass "boxoffice.conf is a conffile" || fail "boxoffice.conf is a conffile"
if grep -qs "^path-exclude.*/usr/share/man" /etc/dpkg/dpkg.cfg.d/*; then
  echo "NOTE: dpkg on this machine excludes /usr/share/man (a slim image): the man pages are in the package, not installed"
else
  check "the man page is installed" test -f /usr/share/man/man1/boxoffice.clerk.add.1.gz
  command -v man >/dev/null && check "man finds the page" man -w boxoffice
fi
for unit in /lib/systemd/system/boxoffice-*.service /lib/systemd/system/boxoffice-*.timer; do
  systemd-analyze verify "$unit" >"$TMP/verify.log" 2>&1 && pass "systemd-analyze verify $(basename "$unit")" \
    || { cat "$TMP/verify.log"; fail "systemd-analyze verify $unit"; }
done

# ---- The box office's Redis, as its unit starts it ---------------------------------------------------------------
UNIT=/lib/systemd/system/boxoffice-redis.service
COMMAND=$(sed -n 's/^ExecStart=//p' "$UNIT")
USER_=$(sed -n 's/^User=//p' "$UNIT") GROUP_=$(sed -n 's/^Group=//p' "$UNIT")
install -d -m "$(sed -n 's/^RuntimeDirectoryMode=//p' "$UNIT")" -o "$USER_" -g "$GROUP_" /run/boxoffice  # RuntimeDirectory=
eval "set -- $COMMAND"   # systemd's quoting of ExecStart is the shell's for this line
( umask 007; exec setpriv --reuid="$USER_" --regid="$GROUP_" --clear-groups "$@" ) >"$TMP/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 100); do [ -S /run/boxoffice/redis.sock ] && break; sleep 0.05; done   # polling interval only
[ -S /run/boxoffice/redis.sock ] || { cat "$TMP/redis.log"; fail "the box office's Redis made its socket"; }
[ "$(stat -c '%a %G' /run/boxoffice/redis.sock)" = "770 boxoffice" ] && pass "the Redis socket is 770, group boxoffice" \
  || fail "the Redis socket is $(stat -c '%a %G' /run/boxoffice/redis.sock)"
ss -ltnp 2>/dev/null | has "pid=$REDIS_PID," && fail "the box office's Redis listens on TCP" || pass "no TCP port"

# Root reads the package's configuration like everyone else (the Makefile's BOXOFFICE_CONFIG=none is for checkouts).
venue() { env -u BOXOFFICE_CONFIG -u BOXOFFICE_DB -u REDIS_URL -u BOXOFFICE_REDIS_PREFIX /usr/bin/boxoffice "$@"; }
venue config --json >"$TMP/config.json" || fail "boxoffice config"
LINE=$(grep -n '^BOXOFFICE_DB=' /etc/boxoffice/boxoffice.conf | cut -d: -f1)
jq -e --arg s "/etc/boxoffice/boxoffice.conf:$LINE" '.settings[] | select(.name == "BOXOFFICE_DB") | .source == $s' "$TMP/config.json" >/dev/null \
  && pass "boxoffice config: BOXOFFICE_DB comes from /etc/boxoffice/boxoffice.conf" || { cat "$TMP/config.json"; fail "boxoffice config names the conffile"; }
venue init --demo >/dev/null || fail "boxoffice init --demo on the installed package"
venue doctor >"$TMP/doctor.log" && pass "boxoffice doctor finds nothing to fix" || { cat "$TMP/doctor.log"; fail "boxoffice doctor"; }
INIT_AGAIN=$(venue init) && pass "init again (as an upgrade runs it): $INIT_AGAIN" || fail "init again"

# ---- Clerks and OpenSSH ----------------------------------------------------------------------------------------------
[ -d /run/sshd ] || { mkdir -p /run/sshd && chmod 755 /run/sshd && MADE_RUN_SSHD=1; }
ssh-keygen -q -t ed25519 -N '' -f "$TMP/ssh_host_ed25519_key" -C venue-host
ssh-keygen -q -t ed25519 -N '' -f "$TMP/id_ed25519" -C venue-clerks
for user in "$ALICE" "$BOB" "$EVE"; do
  useradd -m -s /bin/bash -p '*' "$user" || fail "useradd $user"   # '*': no password, not locked (key logins only)
  install -d -m 700 -o "$user" -g "$user" "/home/$user/.ssh"
  install -m 600 -o "$user" -g "$user" "$TMP/id_ed25519.pub" "/home/$user/.ssh/authorized_keys"
done
venue clerk add "$ALICE" --only >"$TMP/clerk.log" 2>&1 || { cat "$TMP/clerk.log"; fail "clerk add $ALICE --only"; }
venue clerk add "$BOB" >>"$TMP/clerk.log" 2>&1 || { cat "$TMP/clerk.log"; fail "clerk add $BOB"; }
pass "clerk add: $(tr '\n' ' ' <"$TMP/clerk.log")"
venue clerk add nobody-here-$$ >/dev/null 2>&1; [ $? = 1 ] && pass "clerk add of an unknown user: exit 1" || fail "clerk add of an unknown user is exit 1"
venue clerk list --json | jq -e --arg a "$ALICE" --arg b "$BOB" \
  '(map(.user) | index($a) and index($b)) and (map(select(.only)) | map(.user) == [$a])' >/dev/null \
  && pass "clerk list: $ALICE (boxoffice only) and $BOB" || fail "clerk list names the two clerks ($(venue clerk list --json | jq -c .))"
grep -q "ForceCommand /usr/bin/boxoffice" /etc/ssh/sshd_config.d/boxoffice.conf && pass "the sshd drop-in forces boxoffice" || fail "sshd drop-in"

PORT=$(( 20000 + RANDOM % 20000 ))
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$(( 20000 + RANDOM % 20000 )); done
cat >"$TMP/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $TMP/ssh_host_ed25519_key
PidFile $TMP/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
PermitRootLogin no
AcceptEnv LANG LC_*
PrintMotd no
PrintLastLog no
Include /etc/ssh/sshd_config.d/boxoffice.conf
EOF
/usr/sbin/sshd -t -f "$TMP/sshd_config" || fail "sshd accepts its configuration with the package's drop-in"
/usr/sbin/sshd -T -f "$TMP/sshd_config" -C "user=$ALICE,host=localhost,addr=127.0.0.1" | has -x "forcecommand /usr/bin/boxoffice" \
  && pass "sshd forces /usr/bin/boxoffice for $ALICE" || fail "sshd forces boxoffice for $ALICE"
/usr/sbin/sshd -T -f "$TMP/sshd_config" -C "user=$BOB,host=localhost,addr=127.0.0.1" | has -x "forcecommand none" \
  && pass "$BOB keeps a shell" || fail "$BOB keeps a shell"
/usr/sbin/sshd -f "$TMP/sshd_config" -E "$TMP/sshd.log" || fail "sshd starts"
for _ in $(seq 100); do [ -s "$TMP/sshd.pid" ] && break; sleep 0.05; done
SSHD_PID=$(cat "$TMP/sshd.pid" 2>/dev/null)
[ -n "$SSHD_PID" ] || fail "sshd wrote its pid"
echo "[127.0.0.1]:$PORT $(cat "$TMP/ssh_host_ed25519_key.pub")" >"$TMP/known_hosts"
cat >"$TMP/ssh_config" <<EOF
Host venue
  HostName 127.0.0.1
  Port $PORT
  IdentityFile $TMP/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $TMP/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
  LogLevel ERROR
  SendEnv LANG
EOF
SSH=(ssh -F "$TMP/ssh_config")

# A command from a clerk's home directory: the configuration, not the folder, says where the data is.
OUT=$(LANG=C.UTF-8 "${SSH[@]}" -T "$BOB@venue" 'cd ~ && pwd && boxoffice theaters' 2>&1) || fail "$BOB runs boxoffice theaters from home ($OUT)"
grep -q "^/home/$BOB$" <<<"$OUT" && grep -q "Grand Theatre" <<<"$OUT" && pass "$BOB lists the theaters from /home/$BOB" \
  || fail "$BOB lists the theaters from his home directory: $OUT"

# Measured only when asked (VENUE_HYPERFINE=1), never asserted: how long a clerk waits for boxoffice over SSH.
if [ -n "${VENUE_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 "ssh -F $TMP/ssh_config -T $BOB@venue true" \
    "ssh -F $TMP/ssh_config -T $BOB@venue boxoffice theaters" "ssh -F $TMP/ssh_config -T $BOB@venue boxoffice --version" || true
fi

# The outsider: one plain sentence, exit 3.
OUT=$("${SSH[@]}" -T "$EVE@venue" boxoffice theaters 2>&1); STATUS=$?
[ "$STATUS" = 3 ] && pass "$EVE is refused with exit 3" || fail "$EVE is refused with exit 3 (got $STATUS: $OUT)"
grep -q "You ($EVE) are not in the boxoffice group" <<<"$OUT" && grep -q "sudo boxoffice clerk add $EVE" <<<"$OUT" \
  && ! grep -qiE "sqlite error|unable to open|SQLITE_" <<<"$OUT" && pass "$EVE reads: $OUT" || fail "$EVE gets the plain sentence, not: $OUT"

# ---- Selling over ssh -t in tmux -----------------------------------------------------------------------------------
export BOXOFFICE_BIN=/usr/bin/boxoffice BOXOFFICE_DB=/var/lib/boxoffice/boxoffice.sqlite REDIS_URL=unix:///run/boxoffice/redis.sock
export BOXOFFICE_CONFIG=none
unset BOXOFFICE_REDIS_PREFIX
source "$REPO/Tests/EndToEnd/lib.bash"
trap 'run_cleanups; venue_cleanup' EXIT
PLAIN=0

# ssh_clerk <session> <user> <TERM> <LANG> [remote command...]: an ssh -t session in its own tmux session.
ssh_clerk() {
  local session=$1 user=$2 term=$3 lang=$4; shift 4
  local remote=""
  # Quoted twice: once for the shell tmux runs the command with, once for the clerk's login shell that ssh hands it to.
  [ $# -gt 0 ] && remote=$(printf '%q' "$(printf '%q ' "$@")")
  tmx new-session -d -s "$session" -x "$WIDTH" -y "$HEIGHT" \
    "env TERM=$term LANG=$lang ssh -F $TMP/ssh_config -t $user@venue $remote; echo \"exited rc=\$?\"; sleep 600" \
    || fail "tmux session $session"
  CLERKS+=("$session")
}
# Alice's login runs the picker by itself (ForceCommand): the performance chooser; she types the show and opens it.
ssh_clerk alice "$ALICE" xterm-256color C.UTF-8
wait_for alice "Filter:" "$ALICE's login opens the performance chooser"
tmx send-keys -t alice: -l "Grand"
# The list is read after the chooser is drawn: Enter before it is there opens nothing ("No performance matches").
wait_for alice "^> Grand Theatre" "$ALICE's chooser lists the Grand Theatre's performances"
tmx send-keys -t alice: Enter
wait_for alice "holds live · Free [0-9]+" "$ALICE's map is drawn over SSH, holds live"
ssh_clerk bob "$BOB" xterm-256color C.UTF-8 boxoffice tui "$THEATER" --performance "$PERFORMANCE"
wait_for bob "holds live · Free [0-9]+" "$BOB's map is drawn over SSH, holds live"
grep -q "performance $PERFORMANCE" <(screen alice) && pass "both sell performance $PERFORMANCE" \
  || fail "alice opened performance $PERFORMANCE"

# Both cursors start on the same seat: alice holds it, bob sees it held; alice books it, bob sees it sold.
tmx send-keys -t alice: Space
wait_held alice; SEAT_A=$HELD
wait_for bob "$SEAT_A · .*held by $ALICE" "$BOB sees $SEAT_A held by $ALICE, live"
tmx send-keys -t alice: Enter
wait_for alice "Customer name" "$ALICE's booking form"
tmx send-keys -t alice: -l "Venue Alice Customer"; tmx send-keys -t alice: Enter Enter u   # name, types, unpaid
wait_for alice "Booking reference: [A-Z0-9]+" "$ALICE booked $SEAT_A"
REF_A=$(grab alice "Booking reference: [A-Z0-9]+" | awk '{print $3}')
wait_for bob "$SEAT_A · .*sold $REF_A" "$BOB sees $SEAT_A sold ($REF_A)"
# Bob takes the next seat; alice, moving there, sees his hold; bob books it.
tmx send-keys -t alice: Escape; tmx send-keys -t bob: Right Space
wait_held bob; SEAT_B=$HELD
tmx send-keys -t alice: Right
wait_for alice "$SEAT_B · .*held by $BOB" "$ALICE sees $SEAT_B held by $BOB, live"
tmx send-keys -t bob: Enter
wait_for bob "Customer name" "$BOB's booking form"
tmx send-keys -t bob: -l "Venue Bob Customer"; tmx send-keys -t bob: Enter Enter u
wait_for bob "Booking reference: [A-Z0-9]+" "$BOB booked $SEAT_B"
REF_B=$(grab bob "Booking reference: [A-Z0-9]+" | awk '{print $3}')
wait_for alice "$SEAT_B · .*sold $REF_B" "$ALICE sees $SEAT_B sold ($REF_B)"

# Bob holds a third seat, and his connection dies (the ssh client killed): the hold is gone within two seconds.
tmx send-keys -t bob: Escape Right Space
wait_held bob; SEAT_C=$HELD
wait_seat "$SEAT_C" '.state == "held"' "the CLI sees $SEAT_C held by $BOB"
CLIENT=$(pgrep -f "ssh -F $TMP/ssh_config -t $BOB@venue" | head -1)
[ -n "$CLIENT" ] || fail "found bob's ssh client"
kill -KILL "$CLIENT"
wait_seat "$SEAT_C" '.state == "free"' "$SEAT_C is free within 2 s of $BOB's connection dying" 2
wait_for alice "holds live" "$ALICE's picker carries on"

# ---- One clerk, two windows ------------------------------------------------------------------------------------------
# Bob signs in twice (two ssh -t sessions): each window sees the other's hold as his own (his glyph, "yours, another
# window"), not as another clerk's; when one connection dies only that window's holds go, the other's stay.
ssh_pid() { pgrep -P "$(tmx display -p -t "$1:" '#{pane_pid}')" -x ssh | head -1; }   # the ssh client in a pane
ssh_clerk win1 "$BOB" xterm-256color C.UTF-8 boxoffice tui "$THEATER" --performance "$PERFORMANCE"
ssh_clerk win2 "$BOB" xterm-256color C.UTF-8 boxoffice tui "$THEATER" --performance "$PERFORMANCE"
wait_for win1 "holds live · Free [0-9]+" "$BOB's first window: the map, holds live"
wait_for win2 "holds live · Free [0-9]+" "$BOB's second window: the map, holds live"
# Both cursors start where every map's does ($SEAT_A, sold, as is $SEAT_B right of it); two to the right is $SEAT_C,
# freed when bob's first connection died. The second window's cursor line then describes the first window's hold.
tmx send-keys -t win1: Right Right; tmx send-keys -t win2: Right Right
wait_for win1 "$SEAT_C · " "the first window's cursor is on $SEAT_C"
tmx send-keys -t win1: Space
wait_held win1; SEAT_W1=$HELD
wait_for win2 "$SEAT_W1 · .*yours, another window" "$BOB's second window shows $SEAT_W1 as his own, from another window"
wait_glyph win2 "$SEAT_W1" "◆" "$BOB's second window draws $SEAT_W1 with his own glyph"
tmx send-keys -t win2: Right Space
wait_held win2; SEAT_W2=$HELD
[ "$SEAT_W2" != "$SEAT_W1" ] || fail "the two windows hold different seats ($SEAT_W1)"
tmx send-keys -t win1: Right
wait_for win1 "$SEAT_W2 · .*yours, another window" "$BOB's first window shows $SEAT_W2 as his own, from another window"
wait_glyph win1 "$SEAT_W2" "◆" "$BOB's first window draws $SEAT_W2 with his own glyph"
tmx send-keys -t win1: Space   # Space on the other window's seat: neither taken nor released here
wait_for win1 "$SEAT_W2 is held by you in another window" "Space on the other window's seat says where it is held"
CLIENT=$(ssh_pid win1)
[ -n "$CLIENT" ] || fail "found the first window's ssh client"
kill -KILL "$CLIENT"
wait_seat "$SEAT_W1" '.state == "free"' "$SEAT_W1 (first window) is free within 2 s of its connection dying" 2
wait_seat "$SEAT_W2" '.state == "held"' "$SEAT_W2 (second window) is still held"
wait_glyph win2 "$SEAT_W1" "○|w|◌" "$BOB's second window sees $SEAT_W1 free again"
wait_for win2 "Held [0-9]+ \(mine 1," "$BOB's second window still holds its one seat"
tmx send-keys -t win2: q
wait_for win2 "Leave this performance" "$BOB's second window asks before letting its hold go"
tmx send-keys -t win2: y
wait_for win2 "exited rc=0" "$BOB's second window quits cleanly"
wait_seat "$SEAT_W2" '.state == "free"' "quitting released $SEAT_W2"

# ---- Terminals: TERM values seen over SSH, and LANG=C -------------------------------------------------------------
esc=$'\e'
for term in xterm-256color screen-256color tmux-256color linux vt220; do
  session=term-${term//[^a-z0-9]/}
  ssh_clerk "$session" "$BOB" "$term" C.UTF-8 boxoffice tui "$THEATER" --performance "$PERFORMANCE"
  wait_for "$session" "holds live · Free [0-9]+" "TERM=$term: the map is drawn"
  screen "$session" | has "○ ○ ○" && pass "TERM=$term: UTF-8 seat glyphs" || fail "TERM=$term: UTF-8 seat glyphs"
  colours=$(tmx capture-pane -p -e -t "$session:" | grep -oE "$esc\[[0-9;]*m" | grep -cE '(\[|;)(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;|m)' || true)
  case $term in
    vt220) [ "$colours" = 0 ] && pass "TERM=vt220: no colour codes (the terminal has none)" || fail "TERM=vt220 got $colours colour codes" ;;
    linux) [ "$colours" -gt 0 ] && ! tmx capture-pane -p -e -t "$session:" | has "38;5;" \
             && pass "TERM=linux: the 8 basic colours" || fail "TERM=linux: 8 colours, no 256-colour codes ($colours)" ;;
    *)     tmx capture-pane -p -e -t "$session:" | has "38;5;" && pass "TERM=$term: 256 colours" || fail "TERM=$term: 256 colours" ;;
  esac
  tmx send-keys -t "$session:" q
  wait_for "$session" "exited rc=0" "TERM=$term: the picker quits cleanly"
done
ssh_clerk lang-c "$BOB" xterm-256color C boxoffice tui "$THEATER" --performance "$PERFORMANCE"
wait_for lang-c "holds live . Free [0-9]+" "LANG=C: the map is drawn"
screen lang-c | has -E "^ +[A-Z]+ .* o o o" && ! screen lang-c | has "○" && pass "LANG=C from the client: ASCII glyphs" \
  || fail "LANG=C from the client: ASCII glyphs"
tmx send-keys -t lang-c: q
wait_for lang-c "exited rc=0" "LANG=C: the picker quits cleanly"
tmx send-keys -t alice: Escape q
wait_for alice "choose a performance" "$ALICE goes back to the performances"
tmx send-keys -t alice: Escape   # clears the filter she typed, so that q quits rather than filters
wait_for alice "type part of a theater or title" "$ALICE's filter is cleared"
tmx send-keys -t alice: q
wait_for alice "exited rc=0" "$ALICE's picker (her whole login) ends cleanly"

# ---- Remove, then purge: the bookings stay ---------------------------------------------------------------------------
kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null; REDIS_PID=""
dpkg -r boxoffice >"$TMP/remove.log" 2>&1 || { cat "$TMP/remove.log"; fail "dpkg -r boxoffice"; }
[ ! -e /usr/bin/boxoffice ] && pass "dpkg -r removed the program" || fail "dpkg -r removed /usr/bin/boxoffice"
check "the configuration stays after remove" test -f /etc/boxoffice/boxoffice.conf
# The bookings, read with the checkout's own build (the package is gone): both references are there.
FOUND=$(BOXOFFICE_DB=/var/lib/boxoffice/boxoffice.sqlite BOXOFFICE_CONFIG=none "$REPO/.build/debug/boxoffice" find "Venue" --json 2>&1)
for ref in "$REF_A" "$REF_B"; do
  grep -q "$ref" <<<"$FOUND" && pass "booking $ref is still in /var/lib/boxoffice after remove" || fail "booking $ref survives remove ($FOUND)"
done
dpkg -P boxoffice >"$TMP/purge.log" 2>&1 || { cat "$TMP/purge.log"; fail "dpkg -P boxoffice"; }
[ ! -e /etc/boxoffice/boxoffice.conf ] && pass "purge removed the configuration" || fail "purge removed /etc/boxoffice/boxoffice.conf"
[ ! -e /etc/ssh/sshd_config.d/boxoffice.conf ] && pass "purge removed the sshd drop-in" || fail "purge removed the sshd drop-in"
grep -q "/var/lib/boxoffice" "$TMP/purge.log" && pass "purge says where the database was left" || fail "purge names /var/lib/boxoffice"
check "the database survives purge" test -f /var/lib/boxoffice/boxoffice.sqlite
FOUND=$(BOXOFFICE_DB=/var/lib/boxoffice/boxoffice.sqlite BOXOFFICE_CONFIG=none "$REPO/.build/debug/boxoffice" find "Venue" 2>&1)
grep -q "$REF_A" <<<"$FOUND" && grep -q "$REF_B" <<<"$FOUND" && pass "both bookings are still there after purge" || fail "bookings survive purge"
echo "PASS: venue"
