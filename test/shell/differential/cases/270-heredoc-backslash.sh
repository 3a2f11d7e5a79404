cat <<EOF
a \\ b \$ c \` d \x
line\
continued
EOF
