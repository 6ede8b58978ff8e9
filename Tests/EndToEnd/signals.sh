#!/usr/bin/env bash
# The seat picker gives the terminal back however it ends: run from a shell in a tmux pane, it is sent SIGHUP (SSH
# dropped), SIGTERM, SIGINT (Ctrl-C), SIGTRAP and SIGILL (what a Swift runtime trap raises); each time the shell
# prompt returns, the alternate screen is gone and the tty echoes again. SIGHUP, SIGTERM and SIGINT also release the
# seat this session held (the CLI shows it free). Ctrl-Z stops it with the prompt back, and `fg` redraws the map.
# Last, a pane closed under a running picker (SSH gone for real): the picker exits and its hold is released.
# Usage: signals.sh <work folder> (unused); needs BOXOFFICE_BIN, BOXOFFICE_DB, REDIS_URL.
source "$(dirname "$0")/lib.bash"

MAP_LIVE="holds live \| Free [0-9]+"

# open_map: start the picker in alice's shell and wait until the map is drawn with holds live.
open_map() {
  run_picker alice
  wait_for alice "$MAP_LIVE" "alice's map is drawn, holds live"
}

# hold_cursor_seat: Space on the seat under the cursor; prints the label once the CLI shows it held by alice.
hold_cursor_seat() {
  tmx send-keys -t alice: Space
  wait_held alice >&2
  wait_seat "$HELD" '.held_by == "alice" and .state == "held"' "the CLI shows $HELD held by alice" >&2
  echo "$HELD"
}

# terminal_restored <how it ended> <exit status>
terminal_restored() {
  wait_for alice "exited rc=$2\$" "$1: the picker exited with status $2"
  wait_for_prompt alice "$1: shell prompt back, no alternate screen"
  tty_sane alice "$1: the tty echoes and reads lines again"
}

start_clerk alice
wait_for alice "$MAP_LIVE" "alice's map is drawn, holds live"

# Leaving signals: the terminal comes back and the seat this session held is released.
for signal in HUP TERM INT; do
  [ "$signal" = HUP ] || open_map
  seat=$(hold_cursor_seat) || exit 1
  pid=$(picker_pid alice)
  [ -n "$pid" ] || fail "the picker's process id"
  if [ "$signal" = INT ]; then
    tmx send-keys -t alice: C-c   # through the tty, as a clerk's Ctrl-C
  else
    kill -s "$signal" "$pid"
  fi
  terminal_restored "SIG$signal" $((128 + $(kill -l "$signal")))
  wait_seat "$seat" '.state == "free" and .held_by == null' "SIG$signal: $seat is released (the CLI shows it free)"
done

# Crashes: what a Swift runtime trap raises. The handler restores the terminal, then dies of the signal.
for signal in TRAP ILL; do
  open_map
  pid=$(picker_pid alice)
  [ -n "$pid" ] || fail "the picker's process id"
  kill -s "$signal" "$pid"
  terminal_restored "SIG$signal" $((128 + $(kill -l "$signal")))
done

# Ctrl-Z: stopped with the prompt back; `fg` takes the terminal again and redraws the whole map.
open_map
seat=$(hold_cursor_seat) || exit 1
tmx send-keys -t alice: C-z
wait_for alice "Stopped" "Ctrl-Z: the shell reports the picker stopped"
wait_for_prompt alice "Ctrl-Z: shell prompt back, no alternate screen"
tty_sane alice "Ctrl-Z: the tty echoes and reads lines again while stopped"
tmx send-keys -t alice: "clear; fg; echo \"resumed rc=\$?\"" Enter
wait_for alice "^ $THEATER \| " "fg: the map's header is drawn again"
wait_for alice "$MAP_LIVE" "fg: the status bar is drawn again"
wait_for alice "^ +A +[o#hxw -]+ A\$" "fg: the map's first row is drawn again"
[ "$(tmx display -p -t alice: '#{alternate_on}')" = 1 ] && pass "fg: back on the alternate screen" \
  || fail "fg: back on the alternate screen"
[ "$(seat_glyph alice "$seat")" = "#" ] && pass "fg: $seat is still drawn as mine" || fail "fg: $seat is still drawn as mine"
# Quitting with a held seat asks first; y releases it.
tmx send-keys -t alice: q
wait_for alice "Leave this performance\?" "q asks before releasing the held seat"
tmx send-keys -t alice: y
wait_for alice "resumed rc=0\$" "the resumed picker quit cleanly"
wait_for_prompt alice
wait_seat "$seat" '.state == "free"' "after quitting, $seat is free"

# The SSH connection drops for real: the pane (the pty) goes away under a running picker. Its shell passes the
# SIGHUP on and the tty answers with errors from then on; the picker must still release the seat it held.
start_clerk carol
wait_for carol "$MAP_LIVE" "carol's map is drawn, holds live"
tmx send-keys -t carol: Space
wait_held carol
seat=$HELD
wait_seat "$seat" '.held_by == "carol"' "the CLI shows $seat held by carol"
pid=$(picker_pid carol)
[ -n "$pid" ] || fail "carol's picker's process id"
CLERKS=(alice)
tmx kill-session -t carol
wait_seat "$seat" '.state == "free" and .held_by == null' "pty closed: carol's hold on $seat is released"
deadline=$(( $(now_ns) + 10 * 1000000000 ))
while kill -0 "$pid" 2>/dev/null && (( $(now_ns) < deadline )); do sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "pty closed: carol's picker has exited" || pass "pty closed: carol's picker has exited"
echo "PASS: signals"
