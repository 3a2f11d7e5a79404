cat <<EOF > out
line
EOF
cat out
cat < out <<EOF
heredoc wins
EOF
