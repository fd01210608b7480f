#!/usr/bin/env bash
# serve.sh - end-to-end test of `dyad serve` (docs/API.md): codes the VOA stories
# (../shared/data/voa, or data/sample/sample.jsonl when ../shared is absent) into a store,
# starts the server on a free loopback port and checks each endpoint against the store as
# the CLI reads it (/health vs `dyad info`, /series vs `dyad series`, /top and /network vs
# `dyad top`, /events vs `dyad code --output jsonl` and the series totals, POST /code vs
# `dyad code`); runs 8 concurrent clients (curl) doing a few thousand requests, every
# answer compared with the expected one; sends malformed requests (bad JSON, wrong types,
# huge bodies, bad parameters, unknown routes, wrong methods, garbage) and checks the 4xx
# codes and that the server keeps serving; checks 503 over --max-clients, static files and
# path traversal; then SIGTERM during a request: the answer is whole and the exit clean.
# Ends with "N passed, M failed".
#
# Usage: bash tests/serve.sh [BUILD-DIR or path of a dyad binary]   (default: build)
# Needs curl.  Exit status: 0 all passed, 1 a check failed, 2 the binary is missing.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

. tests/lib.sh serve "$@"
CLIENTS=8
PER_CLIENT=${DYAD_SERVE_REQUESTS:-400}

if ! command -v curl >/dev/null 2>&1; then
    echo "serve: curl is not installed (apt-get install curl): cannot test the server"
    echo "0 passed, 1 failed"
    exit 1
fi

SPID=
cleanup() {
    if [ -n "$SPID" ] && kill -0 "$SPID" 2>/dev/null; then kill -9 "$SPID" 2>/dev/null; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ -f "$SHARED/voa/voa_stories.jsonl" ]; then
    STORIES=$SHARED/voa/voa_stories.jsonl
else
    echo "note: ../shared/data absent: using data/sample/sample.jsonl"
    STORIES=data/sample/sample.jsonl
fi

# ------------------------------------------------------------------ the store
DB=$WORK/events.sqlite
EVENTS=$WORK/events.jsonl
"$DYAD" code --quiet --db "$DB" "$STORIES" >/dev/null 2>"$WORK/code.err"
same "dyad code --db exit status" 0 "$?"
"$DYAD" code --quiet --output jsonl "$STORIES" >"$EVENTS" 2>>"$WORK/code.err"
show_sanitizer "$WORK/code.err"
nevents=$(wc -l <"$EVENTS" | tr -d ' ')
if [ "$nevents" -gt 0 ]; then pass; else fail "no events coded from $STORIES"; fi

# start_server LOG ARGS...: start dyad serve on a free port; sets SPID and BASE.
start_server() {
    local log=$1
    shift
    "$DYAD" serve --db "$DB" --listen 127.0.0.1:0 "$@" 2>"$log" &
    SPID=$!
    local port="" i
    for i in $(seq 1 100); do
        port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$log")
        [ -n "$port" ] && break
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1
    done
    if [ -z "$port" ]; then
        fail "dyad serve did not start: $(tail -n 5 "$log")"
        echo "$passed passed, $failed failed"
        exit 1
    fi
    BASE=http://127.0.0.1:$port
}

# stop_server WHAT: SIGTERM, wait (10 s at most), check exit status 0.
stop_server() {
    kill -TERM "$SPID" 2>/dev/null
    local i rc
    for i in $(seq 1 100); do
        kill -0 "$SPID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$SPID" 2>/dev/null; then
        fail "$1: server still running 10 s after SIGTERM"
        kill -9 "$SPID"
    fi
    wait "$SPID"
    rc=$?
    SPID=
    same "$1: exit status after SIGTERM" 0 "$rc"
}

mkdir -p "$WORK/web/sub"
printf '<!doctype html><title>dyad test page %s</title>\n' "$$" >"$WORK/web/index.html"
printf 'body { color: black }\n' >"$WORK/web/sub/app.css"
start_server "$WORK/serve.log" --max-body 65536 --threads 4 --web "$WORK/web"

# get PATH: the body; code PATH [curl args]: the status
get() { curl -sS --max-time 30 "$BASE$1"; }
code_of() {
    local p=$1
    shift
    curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$@" "$BASE$p"
}
# the CLI's JSON without its white space (the API writes none)
squash() { tr -d ' \n'; }
# a number field of a JSON object
num() { sed -n "s/.*\"$1\":\([-0-9.]*\).*/\1/p"; }

# ------------------------------------------------------------------ /health vs dyad info
info() { "$DYAD" info --db "$DB" | awk -F'\t' -v k="$1" '$1 == k { print $2 }'; }
health=$(get /health)
same "/health status" '"status":"ok"' "$(printf '%s' "$health" | grep -o '"status":"ok"')"
same "/health version" "$("$DYAD" version | awk '{ print $2 }')" \
    "$(printf '%s' "$health" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')"
same "/health events" "$(info events)" "$(printf '%s' "$health" | num events)"
same "/health stories" "$(info stories)" "$(printf '%s' "$health" | num stories)"

# ------------------------------------------------------------------ /series vs dyad series
top_line=$("$DYAD" top --db "$DB" --n 1 | tail -n 1)
IFS=, read -r top_src top_tgt top_n _ <<<"$top_line"
first_date=$(sed -n 's/.*"date":"\([0-9-]*\)".*/\1/p' "$EVENTS" | sort | head -n 1)
last_date=$(sed -n 's/.*"date":"\([0-9-]*\)".*/\1/p' "$EVENTS" | sort | tail -n 1)
series_cases=(
    "by=month|--by month"
    "by=week&source=${top_src:0:3}*|--by week --source ${top_src:0:3}*"
    "by=day&source=$top_src&target=$top_tgt|--by day --source $top_src --target $top_tgt"
    "by=month&dedup=daily|--by month --dedup daily"
    "by=month&dedup=story&quad=1|--by month --dedup story --quad 1"
    "by=day&from=$first_date&to=$first_date&root=4|--by day --from $first_date --to $first_date --root 4"
    "by=week&source=${top_src,,}|--by week --source $top_src"
)
for c in "${series_cases[@]}"; do
    q=${c%%|*}
    read -r -a opts <<<"${c#*|}"
    want="{\"periods\":$("$DYAD" series --db "$DB" --format json "${opts[@]}" | squash)}"
    same "/series?$q" "$want" "$(get "/series?$q")"
done

# ------------------------------------------------------------------ /top and /network vs dyad top
want="{\"dyads\":$("$DYAD" top --db "$DB" --n 7 --format json | squash)}"
same "/top?n=7" "$want" "$(get "/top?n=7")"
mid_date=$(sed -n 's/.*"date":"\([0-9-]*\)".*/\1/p' "$EVENTS" | sort | awk '{ d[NR] = $1 } END { print d[int((NR + 1) / 2)] }')
want="{\"dyads\":$("$DYAD" top --db "$DB" --n 5 --from "$mid_date" --to "$last_date" \
    --vs-from "$first_date" --vs-to "$mid_date" --dedup daily --format json | squash)}"
same "/top with a comparison period" "$want" \
    "$(get "/top?n=5&from=$mid_date&to=$last_date&vs_from=$first_date&vs_to=$mid_date&dedup=daily")"

net=$(get "/network?n=6&dedup=story")
"$DYAD" top --db "$DB" --n 6 --dedup story | tail -n +2 >"$WORK/top6"
want_edges=$(awk -F, '{ printf "%s{\"source\":\"%s\",\"target\":\"%s\",\"events\":%s,\"goldstein_mean\":%s}", (NR > 1 ? "," : ""), $1, $2, $3, $4 }' "$WORK/top6")
same "/network edges" "\"edges\":[$want_edges]" "$(printf '%s' "$net" | grep -o '"edges":\[.*\]')"
want_nodes=$(awk -F, '{ n[$1] += $3; if ($2 != $1) n[$2] += $3 } END { for (a in n) print n[a], a }' "$WORK/top6" |
    sort -k1,1nr -k2,2 | awk '{ printf "%s{\"id\":\"%s\",\"events\":%s}", (NR > 1 ? "," : ""), $2, $1 }')
same "/network nodes" "\"nodes\":[$want_nodes]" "$(printf '%s' "$net" | grep -o '"nodes":\[[^]]*\]')"

# ------------------------------------------------------------------ /events
# one event object per line, without the "id" (and "count") the API adds
events_lines() {
    sed -e 's/^{"events":\[//' -e 's/\],"total":[0-9]*}$//' -e 's/,{"id":/\n{"id":/g' |
        sed -e 's/^{"id":[0-9]*,\("count":[0-9]*,\)\{0,1\}/{/' | grep -v '^$'
}
all=$(get "/events?limit=10000")
same "/events total" "$nevents" "$(printf '%s' "$all" | sed -n 's/.*"total":\([0-9]*\)}$/\1/p')"
# the store keeps no PLOVER fields (docs/STORE.md): /events has every other field
same "/events = dyad code --output jsonl, less the plover fields" \
    "$(sed 's/,"plover":"[^"]*","plover_mode":"[^"]*","plover_context":\[[^]]*\]//' "$EVENTS" | sort | md5sum)" \
    "$(printf '%s' "$all" | events_lines | sort | md5sum)"
if printf '%s' "$all" | grep -q '"plover'; then fail "/events has plover fields"; else pass; fi
if grep -q '"plover":"[A-Z]' "$EVENTS"; then pass; else fail "dyad code --output jsonl has no PLOVER types"; fi
printf '%s' "$all" | events_lines >"$WORK/all-events"
same "/events page (limit 10, offset 20)" "$(sed -n '21,30p' "$WORK/all-events")" \
    "$(get "/events?limit=10&offset=20" | events_lines)"
dates_sorted=$(sed -n 's/.*"date":"\([0-9-]*\)".*/\1/p' "$WORK/all-events")
same "/events in date order" "$(printf '%s\n' "$dates_sorted" | sort)" "$dates_sorted"
for q in "dedup=daily" "dedup=story" "source=${top_src:0:3}*&dedup=daily" \
    "from=$mid_date&quad=4" "target=$top_tgt&dedup=story&root=4"; do
    want=$(get "/series?by=month&$q" | grep -o '"events":[0-9]*' | awk -F: '{ n += $2 } END { print n + 0 }')
    same "/events?$q total = series total" "$want" "$(get "/events?limit=0&$q" | num total)"
done

# ------------------------------------------------------------------ POST /code vs dyad code
story=$(grep -m 1 '"text"' "$STORIES")
sid=$(printf '%s' "$story" | sed -E 's/.*"id": ?"([^"]*)".*/\1/')
sdate=$(printf '%s' "$story" | sed -E 's/.*"(date|published)": ?"([0-9]{4}-[0-9]{2}-[0-9]{2}).*/\2/')
stext=$(printf '%s' "$story" | sed -E 's/.*"text": ?("([^"\\]|\\.)*").*/\1/')
printf '{"id":"%s","date":"%s","text":%s}\n' "$sid" "$sdate" "$stext" >"$WORK/story.json"
"$DYAD" code --quiet --output jsonl "$WORK/story.json" >"$WORK/story-events.jsonl"
want_events=$(paste -sd, "$WORK/story-events.jsonl")
curl -sS -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/story.json" \
    "$BASE/code" >"$WORK/code-answer"
same "POST /code events = dyad code" "{\"events\":[$want_events]," \
    "$(grep -o '^{"events":\[.*\],"sentences"' "$WORK/code-answer" | sed 's/"sentences"$//')"
if [ -s "$WORK/story-events.jsonl" ]; then pass; else fail "the story for POST /code has no events"; fi
curl -sS -X POST --data-binary @"$WORK/story.json" "$BASE/code?explain=1" >"$WORK/explain-answer"
same "POST /code?explain=1 events" "{\"events\":[$want_events]," \
    "$(grep -o '^{"events":\[.*\],"sentences"' "$WORK/explain-answer" | sed 's/"sentences"$//')"
ntrace=$(grep -o '"trace":\[.*\]}$' "$WORK/explain-answer" | grep -o '","' | wc -l)
if [ "$ntrace" -gt 2 ]; then pass; else fail "POST /code?explain=1: no trace lines"; fi
if grep -q '"trace"' "$WORK/code-answer"; then fail "POST /code without explain has a trace"; else pass; fi
# ?ontology=plover: the events with a PLOVER type, and how many were left out
want_plover=$(grep -v '"plover":""' "$WORK/story-events.jsonl" | paste -sd, -)
want_left=$(grep -c '"plover":""' "$WORK/story-events.jsonl")
curl -sS -X POST --data-binary @"$WORK/story.json" "$BASE/code?ontology=plover" >"$WORK/plover-answer"
same "POST /code?ontology=plover events" "{\"events\":[$want_plover]," \
    "$(grep -o '^{"events":\[.*\],"sentences"' "$WORK/plover-answer" | sed 's/"sentences"$//')"
same "POST /code?ontology=plover left_out" "$want_left" \
    "$(sed -n 's/.*,"left_out":\([0-9]*\)}$/\1/p' "$WORK/plover-answer")"
if grep -q '"left_out"' "$WORK/code-answer"; then fail "POST /code (cameo) has left_out"; else pass; fi

# ------------------------------------------------------------------ concurrent clients
# Requests with known answers (each checked above against the CLI), fetched once.
urls=("/health" "/series?by=month" "/series?by=week&source=${top_src:0:3}*" "/top?n=7"
    "/network?n=6&dedup=story" "/events?limit=10&offset=20" "/events?limit=50&dedup=daily"
    "/events?limit=5&source=$top_src" "/series?by=day&source=$top_src&target=$top_tgt"
    "/nope" "/series?by=year")
nurls=${#urls[@]}
for i in "${!urls[@]}"; do
    curl -sS "$BASE${urls[$i]}" >"$WORK/want-$i"
done
cp "$WORK/code-answer" "$WORK/want-$nurls" # POST /code of the story
nkinds=$((nurls + 1))
for c in $(seq 1 $CLIENTS); do
    cfg=$WORK/client-$c.cfg
    : >"$cfg"
    mkdir -p "$WORK/got-$c"
    for r in $(seq 1 "$PER_CLIENT"); do
        k=$(((r * 7 + c * 3) % nkinds))
        {
            [ "$r" -gt 1 ] && echo "next"
            if [ "$k" -eq "$nurls" ]; then
                echo "url = \"$BASE/code\""
                echo "data-binary = \"@$WORK/story.json\""
            else
                echo "url = \"$BASE${urls[$k]}\""
            fi
            echo "output = \"$WORK/got-$c/$r-$k\""
            echo 'write-out = "%{http_code}\n"'
            echo "max-time = 30"
        } >>"$cfg"
    done
done
start=$(date +%s)
for c in $(seq 1 $CLIENTS); do
    timeout 300 curl -s -K "$WORK/client-$c.cfg" \
        >"$WORK/codes-$c" 2>"$WORK/curl-$c.err" &
done
wait_rc=0
for job in $(jobs -p); do
    [ "$job" = "$SPID" ] && continue
    wait "$job" || wait_rc=$?
done
elapsed=$(($(date +%s) - start))
echo "note: $((CLIENTS * PER_CLIENT)) requests from $CLIENTS concurrent clients in ${elapsed}s"
same "concurrent clients: curl exit status" 0 "$wait_rc"
total=$((CLIENTS * PER_CLIENT))
answers=$(cat "$WORK"/codes-* | wc -l | tr -d ' ')
same "concurrent clients: answers" "$total" "$answers"
bad_codes=$(cat "$WORK"/codes-* | grep -v -c -E '^(200|404|400)$')
same "concurrent clients: answers with an unexpected status" 0 "$bad_codes"
wrong=0
for c in $(seq 1 $CLIENTS); do
    for f in "$WORK/got-$c"/*; do
        k=${f##*-}
        cmp -s "$f" "$WORK/want-$k" || wrong=$((wrong + 1))
    done
done
same "concurrent clients: wrong answers (of $total, ${elapsed}s)" 0 "$wrong"
kill -0 "$SPID" 2>/dev/null && pass || fail "the server died under concurrent clients"

# ------------------------------------------------------------------ malformed requests
post() { code_of /code -X POST -H 'Content-Type: application/json' --data-binary "$1"; }
same "bad JSON" 400 "$(post '{"text": "unterminated')"
same "trailing garbage after JSON" 400 "$(post '{"text":"a"} x')"
same "body not an object" 400 "$(post '["text"]')"
same "empty body" 400 "$(code_of /code -X POST)"
same "text of the wrong type" 400 "$(post '{"text":5}')"
same "id of the wrong type" 400 "$(post '{"id":7,"text":"Iran met Iraq."}')"
same "date of the wrong type" 400 "$(post '{"date":20240101,"text":"Iran met Iraq."}')"
same "bad date" 400 "$(post '{"date":"2024-13-45","text":"Iran met Iraq."}')"
same "text missing" 400 "$(post '{"id":"x"}')"
deep_open=$(printf '[%.0s' $(seq 300))
deep_close=$(printf ']%.0s' $(seq 300))
same "body nested 301 deep (over the default --max-nesting 256)" 400 \
    "$(post "{\"text\":\"Iran met Iraq.\",\"m\":$deep_open$deep_close}")"
same "body nested 3 deep" 200 "$(post '{"text":"Iran met Iraq.","m":[[1]]}')"
same "bad explain value" 400 "$(code_of '/code?explain=maybe' -X POST --data-binary '{"text":"a"}')"
same "bad ontology value" 400 "$(code_of '/code?ontology=weis' -X POST --data-binary '{"text":"a"}')"
head -c 70000 /dev/zero | tr '\0' a >"$WORK/big"
same "body over --max-body" 413 "$(code_of /code -X POST --data-binary @"$WORK/big")"
same "chunked body over --max-body" 413 \
    "$(code_of /code -X POST -H 'Transfer-Encoding: chunked' --data-binary @"$WORK/big")"
same "huge Content-Length" 413 \
    "$(code_of /code -X POST -H 'Content-Length: 99999999999' --data-binary 'x' 2>/dev/null)"
same "unknown route" 404 "$(code_of /no/such/route)"
same "unknown route, POST" 404 "$(code_of /nothing -X POST --data-binary x)"
same "GET /code" 405 "$(code_of /code)"
same "DELETE /health" 405 "$(code_of /health -X DELETE)"
same "PUT /events" 405 "$(code_of /events -X PUT --data-binary x)"
same "POST /series" 405 "$(code_of /series -X POST --data-binary x)"
same "405 names the allowed methods" "Allow: GET, HEAD" \
    "$(curl -s -D - -o /dev/null -X DELETE "$BASE/health" | grep -i '^allow:' | tr -d '\r')"
for q in "by=year" "limit=-1" "limit=abc" "limit=100000" "offset=-5" "from=2020-13-45" \
    "to=tomorrow" "root=21" "root=0" "quad=5" "dedup=weekly" "n=0" "vs_from=2020-01-01"; do
    same "/events or /series with $q" 400 "$(code_of "/series?$q")"
done
same "/events with a bad limit" 400 "$(code_of "/events?limit=x")"
same "/network with a bad n" 400 "$(code_of "/network?n=-1")"
long=$(head -c 300 /dev/zero | tr '\0' A)
same "an over-long actor pattern" 400 "$(code_of "/events?source=$long")"
err=$(curl -s "$BASE/series?by=year")
same "error body" '{"error":"parameter '"'"'by'"'"' wants day, week or month, not '"'"'year'"'"'","status":400}' "$err"
# not HTTP at all
exec 3<>"/dev/tcp/127.0.0.1/${BASE##*:}" && printf 'GARBAGE\r\n\r\n' >&3 && timeout 5 cat <&3 >"$WORK/garbage" 2>/dev/null
exec 3<&- 3>&-
if grep -q '^HTTP/1.[01] 4' "$WORK/garbage" || [ ! -s "$WORK/garbage" ]; then pass; else
    fail "garbage request: $(head -c 200 "$WORK/garbage")"
fi
same "still serving after the malformed requests" "$health" "$(get /health)"

# ------------------------------------------------------------------ static files
same "GET / serves index.html" "$(cat "$WORK/web/index.html")" "$(get /)"
same "a file in a sub-folder" "$(cat "$WORK/web/sub/app.css")" "$(get /sub/app.css)"
same "its content type" "text/css; charset=utf-8" \
    "$(curl -s -D - -o /dev/null "$BASE/sub/app.css" | sed -n 's/^[Cc]ontent-[Tt]ype: //p' | tr -d '\r')"
same "path traversal" 404 "$(code_of /../../../../etc/passwd --path-as-is)"
same "encoded path traversal" 404 "$(code_of /%2e%2e/%2e%2e/etc/passwd --path-as-is)"
same "POST to a static file" 405 "$(code_of /sub/app.css -X POST --data-binary x)"

# ------------------------------------------------------------------ SIGTERM with a request in flight
# A story of some 20-60 KB uploaded at 10 KB/s: its request is in flight for seconds when
# SIGTERM comes; the server must finish it and answer in full before stopping.
inner=${stext#\"}
inner=${inner%\"}
slow_text=$inner
while [ ${#slow_text} -lt 20000 ]; do slow_text="$slow_text $inner"; done
printf '{"id":"slow","date":"%s","text":"%s"}' "$sdate" "${slow_text:0:60000}" >"$WORK/slow.json"
curl -sS -X POST --data-binary @"$WORK/slow.json" "$BASE/code" >"$WORK/slow-want"
if grep -q '^{"events":\[{' "$WORK/slow-want"; then pass; else fail "the slow story: $(head -c 200 "$WORK/slow-want")"; fi
curl -sS --max-time 60 --limit-rate 10K -X POST --data-binary @"$WORK/slow.json" "$BASE/code" \
    >"$WORK/inflight" 2>"$WORK/inflight.err" &
CPID=$!
sleep 0.5
stop_server "server"
wait "$CPID"
same "the request in flight during SIGTERM: curl exit status" 0 "$?"
same "the request in flight during SIGTERM: complete answer" "$(cat "$WORK/slow-want")" "$(cat "$WORK/inflight")"
grep -q 'stopped$' "$WORK/serve.log" && pass || fail "no 'stopped' line: $(tail -n 3 "$WORK/serve.log")"
show_sanitizer "$WORK/serve.log"
if grep -q -E 'Sanitizer|runtime error:' "$WORK/serve.log"; then fail "sanitizer report"; else pass; fi
same "nothing listens after the stop" 000 "$(code_of /health)"

# ------------------------------------------------------------------ 503 over --max-clients
start_server "$WORK/serve2.log" --max-clients 1 --threads 1
exec 3<>"/dev/tcp/127.0.0.1/${BASE##*:}" # an idle client holds the one place
sleep 0.2
same "a second client over --max-clients" 503 "$(code_of /health)"
exec 3<&- 3>&-
ok=
for i in $(seq 1 50); do
    [ "$(code_of /health)" = 200 ] && { ok=1; break; }
    sleep 0.1
done
same "served again once the idle client left" 1 "${ok:-0}"
stop_server "second server"
show_sanitizer "$WORK/serve2.log"

finish
