( trap 'echo trap-exit' EXIT; echo body )
