#!/usr/bin/env bash
# `make front`: nginx's front cache on FRONT_PORT (default 8080) in front of `make serve` on
# PORT (default 8000), both in the foreground of this terminal; Ctrl-C stops both.
# Settings come from the environment or .env, as for `make serve`; TRUSTED_PROXIES defaults
# to 127.0.0.1 here so that Django believes nginx's X-Forwarded-For (per-reader rate limits).
set -euo pipefail
cd "$(dirname "$0")/.."

FRONT_PORT=${FRONT_PORT:-8080}
PORT=${PORT:-8000}
RUN_DIR=${FRONT_DIR:-.front}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if port_open "$FRONT_PORT"; then
  echo "front: port $FRONT_PORT is taken (FRONT_PORT=… to choose another)" >&2
  exit 1
fi
conf=$(python3 deploy/nginx/render.py --port "$FRONT_PORT" --upstream "127.0.0.1:$PORT" --run-dir "$RUN_DIR")

serve=""
if port_open "$PORT"; then
  echo "front: using the server already listening on port $PORT"
else
  # make serve in a session of its own, ended (with its workers) when we end.
  TRUSTED_PROXIES=${TRUSTED_PROXIES:-127.0.0.1} setsid make --no-print-directory serve PORT="$PORT" &
  serve=$!
  trap 'kill -TERM -- "-$serve" 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  for _ in $(seq 1 240); do
    port_open "$PORT" && break
    kill -0 "$serve" 2>/dev/null || { echo "front: make serve stopped" >&2; exit 1; }
    sleep 0.5
  done
fi
echo "front: http://127.0.0.1:$FRONT_PORT/ (nginx, 5 s front cache) → http://127.0.0.1:$PORT/ (gunicorn)"
"${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}" -p "$(dirname "$conf")/" -c "$conf" -e "$(dirname "$conf")/error.log" -g 'daemon off;'
