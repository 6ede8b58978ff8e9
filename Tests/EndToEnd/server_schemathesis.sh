#!/usr/bin/env bash
# /openapi.json is kept true: schemathesis (from PyPI, installed here into .build/venv) generates requests for every
# operation from the document and checks every answer against it — no 5xx, only documented statuses, content types,
# headers and bodies — against the live server, a bounded number of examples (and a fixed seed) per operation.
# The event stream is left out: it never ends, which a request-response fuzzer cannot wait for (server_events.sh).
source "$(dirname "$0")/server.bash"
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$root/.build/venv
version=4.32.5
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
  echo "installing schemathesis $version into $venv"
  python3 -m venv "$venv" || fail "python3 -m venv failed (the python3-venv package is in make deps)"
  "$venv/bin/pip" install -q "schemathesis==$version" || fail "pip could not install schemathesis $version"
fi

key=$("$BOXOFFICE_BIN" apikey add fuzz | tail -1)
start_server --request-timeout 5
# Run from the work folder: schemathesis keeps a cache (.schemathesis/) in its working directory.
(cd "$WORK" && "$venv/bin/schemathesis" run "$BASE/openapi.json" -H "Authorization: Bearer $key" --exclude-path-regex '/events$' \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-20}" --seed 1 --no-color --request-timeout 20 \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  >"$WORK/schemathesis.log" 2>&1)
status=$?
tail -25 "$WORK/schemathesis.log"
[ "$status" -eq 0 ] || fail "schemathesis found failures (exit $status)"
pass "schemathesis: every answer matches /openapi.json"
call GET /healthz
expect 200 "the server is healthy after the fuzzing" '.status == "ok"'
stop_server
