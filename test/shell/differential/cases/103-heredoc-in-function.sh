f() {
  cat <<EOF
in function $1
EOF
}
f arg
