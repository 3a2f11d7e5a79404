bash -c 'trap "echo cleanup" EXIT; echo body'
