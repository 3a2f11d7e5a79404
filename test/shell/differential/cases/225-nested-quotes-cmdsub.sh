echo "$(echo "a \"quoted\" b")"
