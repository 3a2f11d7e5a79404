printf '%b' 'x\ny\n'
