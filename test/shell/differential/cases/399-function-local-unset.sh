x=1
f() { local x; echo "[${x-unset}]"; }
f
