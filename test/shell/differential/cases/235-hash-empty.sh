hash
