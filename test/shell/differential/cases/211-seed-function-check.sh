check() {
  if [ "$1" = "ok" ]; then echo "PASS $2"; return 0; else echo "FAIL $2"; return 1; fi
}
check ok one
check bad two || echo "handled"
