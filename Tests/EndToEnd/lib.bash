# Helpers shared by the end-to-end scripts; source it, do not run it. (Named .bash, not .sh, so that
# scripts/test.sh, which runs every Tests/EndToEnd/*.sh, does not take it for a test.)
#
# Clerks run the seat picker from a shell in a tmux pane on a private server (-L), in ASCII with NO_COLOR so
# capture-pane text is the glyphs alone: o free, # mine, h held by another, x sold, - blocked, w wheelchair.
# Every wait polls with a deadline; a sleep is only ever the polling interval, never the synchronisation.
# Needs BOXOFFICE_BIN, BOXOFFICE_DB and REDIS_URL (BOXOFFICE_REDIS_PREFIX and REDIS_PASSWORD_FILE if set).
set -uo pipefail
: "${BOXOFFICE_BIN:?set BOXOFFICE_BIN to the boxoffice binary}"
: "${BOXOFFICE_DB:?set BOXOFFICE_DB to a database path}"
: "${REDIS_URL:?set REDIS_URL to a running Redis}"
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed"; exit 1; }
command -v jq >/dev/null || { echo "FAIL: jq is not installed"; exit 1; }

SOCKET="boxoffice-e2e-$$"
CLERKS=()                    # sessions started, whose screens a failure prints
THEATER="Grand Theatre"
WIDTH=160 HEIGHT=50          # wide enough for every seat of the demo theatre, so no row is clipped
PLAIN=1                      # ASCII glyphs, no colour: screens read the same everywhere (0: a clerk's usual terminal)
tmx() { tmux -L "$SOCKET" "$@"; }

# Cleanup steps run in reverse order on exit; the tmux server always goes.
CLEANUPS=()
on_exit() { CLEANUPS+=("$1"); }
run_cleanups() {
  local i
  for (( i=${#CLEANUPS[@]}-1; i>=0; i-- )); do eval "${CLEANUPS[$i]}" 2>/dev/null || true; done
  tmx kill-server 2>/dev/null || true
}
trap run_cleanups EXIT

screen() { tmx capture-pane -p -t "$1:" 2>/dev/null; }
now_ns() { date +%s%N; }
# deadline_in <seconds, fractions allowed>: now plus that, in nanoseconds.
# (awk prints whole milliseconds: Debian's mawk caps %d at 2^31, which in nanoseconds is only 2.1 s.)
deadline_in() { echo $(( $(now_ns) + $(awk -v s="$1" 'BEGIN { printf "%d", s * 1000 }') * 1000000 )); }
pass() { echo "PASS: $*"; }
fail() {
  echo "FAIL: $*"
  local who
  for who in "${CLERKS[@]}"; do echo "----- $who's screen -----"; screen "$who"; done
  exit 1
}

# wait_for <clerk> <extended regex> <what it shows> [seconds]: poll the screen until the text appears.
wait_for() {
  local who=$1 pattern=$2 what=$3 limit=${4:-10}
  local deadline=$(deadline_in "$limit")
  while (( $(now_ns) < deadline )); do
    if screen "$who" | grep -qE -- "$pattern"; then pass "$what"; return 0; fi
    sleep 0.05  # polling interval only: the deadline decides
  done
  fail "$what (no /$pattern/ on $who's screen within ${limit}s)"
}

# wait_gone <clerk> <extended regex> <what> [seconds]: poll until the text is no longer on screen.
wait_gone() {
  local who=$1 pattern=$2 what=$3 limit=${4:-10}
  local deadline=$(deadline_in "$limit")
  while (( $(now_ns) < deadline )); do
    if ! screen "$who" | grep -qE -- "$pattern"; then pass "$what"; return 0; fi
    sleep 0.05
  done
  fail "$what (/$pattern/ still on $who's screen after ${limit}s)"
}

# wait_for_prompt <clerk>: the last line on screen is a shell prompt again and the alternate screen is gone.
wait_for_prompt() {
  local who=$1 what=${2:-"$1's shell prompt is back"} deadline=$(( $(now_ns) + 10 * 1000000000 ))
  while (( $(now_ns) < deadline )); do
    if screen "$who" | grep -v '^ *$' | tail -1 | grep -qE '[$#] ?$' \
       && [ "$(tmx display -p -t "$who:" '#{alternate_on}')" = 0 ]; then
      pass "$what"; return 0
    fi
    sleep 0.05
  done
  fail "$what (alternate screen: $(tmx display -p -t "$who:" '#{alternate_on}'))"
}

# tty_sane <clerk> <what>: the pane's tty echoes and reads whole lines again (curses turns both off). Asked by a
# command typed at the prompt, because bash's own line editor also turns them off while it waits at the prompt.
tty_sane() {
  local who=$1 what=$2
  tmx send-keys -t "$who:" "stty -a | grep -qwE -- '-echo|-icanon' && echo TTY-BROKEN || echo TTY-SANE" Enter
  wait_for "$who" "^TTY-(SANE|BROKEN)\$" "$what: the shell ran a command" >/dev/null
  screen "$who" | grep -qx "TTY-SANE" && pass "$what" || fail "$what (stty: $(screen "$who" | grep -x 'TTY-.*'))"
}

# The first match of a regex on a clerk's screen.
grab() { screen "$1" | grep -oE -- "$2" | head -1; }

# wait_held <clerk>: waits until the clerk's message line says "Holding <seat>" and sets HELD to that seat.
wait_held() {
  wait_for "$1" "Holding [A-Z]+[0-9]+" "$1 holds the seat under the cursor"
  HELD=$(grab "$1" "Holding [A-Z]+[0-9]+" | cut -d' ' -f2)
}

# performance_of <theater>: the first performance of the demo theater.
performance_of() {
  "$BOXOFFICE_BIN" performances | awk -v t="$1" 'index($0, t) && $1 ~ /^[0-9]+$/ { print $1; exit }'
}
PERFORMANCE=$(performance_of "$THEATER")
[ -n "$PERFORMANCE" ] || fail "the demo has a performance of $THEATER"

# More environment for the next clerk started, as tmux -e options, e.g. CLERK_ENV=(-e RESERVATION_TIMEOUT=2).
CLERK_ENV=()

# start_clerk <name> [extra arguments for tui]: a shell in its own tmux session, running the picker on the performance
# and then printing its exit status (so "exited rc=N" shows how it ended, and the prompt follows).
start_clerk() {
  local who=$1; shift
  local env=(-e "LANG=C.UTF-8" -e "TERM=xterm-256color" -e "BOXOFFICE_DB=$BOXOFFICE_DB"
             -e "REDIS_URL=$REDIS_URL" -e "BOXOFFICE_CLERK=$who" -e "PS1=\$ ")
  [ "$PLAIN" = 1 ] && env+=(-e "NO_COLOR=1")
  [ -n "${BOXOFFICE_REDIS_PREFIX:-}" ] && env+=(-e "BOXOFFICE_REDIS_PREFIX=$BOXOFFICE_REDIS_PREFIX")
  [ -n "${REDIS_PASSWORD_FILE:-}" ] && env+=(-e "REDIS_PASSWORD_FILE=$REDIS_PASSWORD_FILE")
  env+=("${CLERK_ENV[@]}")
  # No core files from the crash tests.
  tmx new-session -d -s "$who" -x "$WIDTH" -y "$HEIGHT" "${env[@]}" "ulimit -c 0; exec bash --norc --noprofile" \
    || fail "tmux session for $who"
  CLERKS+=("$who")
  run_picker "$who" "$@"
}

# run_picker <clerk> [extra arguments]: type the picker's command line into the clerk's shell, on a cleared screen
# (so an "exited rc=" line is always this run's).
run_picker() {
  local who=$1; shift
  local ascii=""
  [ "$PLAIN" = 1 ] && ascii=--ascii
  tmx send-keys -t "$who:" "clear; \"$BOXOFFICE_BIN\" tui \"$THEATER\" --performance $PERFORMANCE $ascii $*; echo \"exited rc=\$?\"" Enter
}

# picker_pid <clerk>: the process id of the seat picker running in the clerk's shell (empty when none).
picker_pid() {
  local shell
  shell=$(tmx display -p -t "$1:" '#{pane_pid}') || return 0
  pgrep -P "$shell" -f "$BOXOFFICE_BIN" | head -1
}

# The CLI as another clerk: cli <clerk> <command> [arguments...], on this run's performance.
cli() {
  local who=$1 command=$2; shift 2
  BOXOFFICE_CLERK=$who "$BOXOFFICE_BIN" "$command" "$THEATER" --performance "$PERFORMANCE" "$@"
}

# seat_json <label>: the seat's line of `seats --json` (state, held_by, booking_ref ...), compact.
seat_json() {
  "$BOXOFFICE_BIN" seats "$THEATER" --performance "$PERFORMANCE" --json 2>/dev/null \
    | jq -c --arg l "$1" '.[] | select(.seat_number == $l)'
}

# wait_seat <label> <jq condition on the seat> <what> [seconds]: poll the CLI's view until the condition holds.
wait_seat() {
  local label=$1 condition=$2 what=$3 limit=${4:-10} line=""
  local deadline=$(deadline_in "$limit")
  while (( $(now_ns) < deadline )); do
    line=$(seat_json "$label")
    if [ -n "$line" ] && jq -e "$condition" >/dev/null <<<"$line"; then pass "$what"; return 0; fi
    sleep 0.1
  done
  fail "$what (the CLI shows $label as: ${line:-nothing})"
}

# seat_ordinal <label>: the seat's place (1-based) in its row, left to right. The demo numbers seats from the left,
# so the order of seat numbers is the order of glyphs on screen.
declare -A ORDINALS=()
seat_ordinal() {
  local label=$1
  if [ -z "${ORDINALS[$label]:-}" ]; then
    local row=${label%%[0-9]*}
    ORDINALS[$label]=$("$BOXOFFICE_BIN" seats "$THEATER" --performance "$PERFORMANCE" --json 2>/dev/null \
      | jq -r --arg r "$row" --arg l "$label" \
          '[.[] | select(.row == $r)] | sort_by(.number) | map(.seat_number == $l) | index(true) + 1')
  fi
  echo "${ORDINALS[$label]}"
}

# seat_glyph <clerk> <label>: the glyph drawn for a seat on the clerk's map. A row line reads
# "<label> <glyph> <glyph> ... <label>", so the n-th glyph between the two labels is the n-th seat.
seat_glyph() {
  local who=$1 label=$2 row=${2%%[0-9]*} n
  n=$(seat_ordinal "$label")
  screen "$who" | awk -v row="$row" -v n="$n" '$1 == row && $NF == row { print $(n + 1); exit }'
}

# wait_glyph <clerk> <label> <glyph regex> <what> [seconds]: poll until the seat is drawn with that glyph.
wait_glyph() {
  local who=$1 label=$2 glyph=$3 what=$4 limit=${5:-10} seen=""
  local deadline=$(deadline_in "$limit")
  while (( $(now_ns) < deadline )); do
    seen=$(seat_glyph "$who" "$label")
    if [[ "$seen" =~ ^($glyph)$ ]]; then pass "$what"; return 0; fi
    sleep 0.05
  done
  fail "$what ($label is drawn as '${seen}' on $who's map, expected /$glyph/; the CLI says: $(seat_json "$label" | jq -c "{state, held_by, expires_in_ms}"))"
}

# The seat under a clerk's cursor, from the legend line ("P17 | Stalls | £38.00 ...").
cursor_seat() { screen "$1" | grep -oE '[A-Z]+[0-9]+ \| [A-Za-z ]+ \| £' | head -1 | cut -d' ' -f1; }

# Books what the clerk holds, as a clerk at the window: Enter, the customer's name, the types as they are (Adult),
# the card for the whole; waits for the booking reference.
sell_by_card() {
  local clerk="$1" customer="$2"
  tmx send-keys -t "$clerk": Enter
  wait_for "$clerk" "Customer name" "Enter opens the booking form"
  tmx send-keys -t "$clerk": -l "$customer"
  tmx send-keys -t "$clerk": Enter
  wait_for "$clerk" "Tab type" "then the types"
  tmx send-keys -t "$clerk": Enter
  wait_for "$clerk" "c cash" "then the payment"
  tmx send-keys -t "$clerk": d
  wait_for "$clerk" "Enter books" "the card takes it all"
  tmx send-keys -t "$clerk": Enter
  wait_for "$clerk" "Booking reference: [A-Z0-9]+" "$clerk sees the booking reference"
}
