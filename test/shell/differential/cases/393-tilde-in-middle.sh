echo a~b ~/x | sed "s#$HOME#H#"
