cat <<"E"OF
$x
EOF
