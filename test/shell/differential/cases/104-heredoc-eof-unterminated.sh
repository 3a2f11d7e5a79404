cat <<EOF
no terminator
