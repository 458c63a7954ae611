# Sourced by the repository's scripts that need a display: when DISPLAY is unset, starts an Xvfb on
# the first free display from :120 and exports DISPLAY; the Xvfb is stopped when the script exits.
# (A script that sets its own EXIT trap afterwards must call tradebench_stop_xvfb from it.)
tradebench_xvfb_pid=
tradebench_stop_xvfb() { [ -n "$tradebench_xvfb_pid" ] && kill "$tradebench_xvfb_pid" 2>/dev/null || true; }
trap tradebench_stop_xvfb EXIT
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 120 160); do
    [ -e "/tmp/.X11-unix/X$n" ] && continue
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & tradebench_xvfb_pid=$!
    sleep 1; [ -e "/tmp/.X11-unix/X$n" ] && { export DISPLAY=":$n"; break; }
  done
fi
