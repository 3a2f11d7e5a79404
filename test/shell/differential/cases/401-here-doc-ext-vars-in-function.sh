mk() {
  cat <<EOF > $1.conf
name=$1
EOF
}
mk alpha
cat alpha.conf
