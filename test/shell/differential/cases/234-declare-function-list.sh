f() { echo hi; }
declare -F
