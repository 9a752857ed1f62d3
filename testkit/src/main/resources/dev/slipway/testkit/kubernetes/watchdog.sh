#!/usr/bin/env bash
# Runs "$@" and stops it when its parent JVM goes away, however it goes (even kill -9): the JVM holds
# the write end of our stdin, so EOF on stdin means nobody is left to stop the child.
"$@" </dev/null &
child=$!
echo "$child" >"$WATCHDOG_PIDFILE"
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
# Explicit <&0: without it bash gives a background command /dev/null as stdin.
cat <&0 >/dev/null &
reader=$!
wait -n "$child" "$reader"
if kill -0 "$child" 2>/dev/null; then
  kill -TERM "$child" 2>/dev/null
  # etcd and the API server stop within a second or two; never leave one behind.
  (sleep 15 && kill -KILL "$child" 2>/dev/null) &
  killer=$!
  wait "$child"
  kill "$killer" 2>/dev/null
fi
kill "$reader" 2>/dev/null
wait "$child" 2>/dev/null
