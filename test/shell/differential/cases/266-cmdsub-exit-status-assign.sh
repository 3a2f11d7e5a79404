x=$(false) && echo yes || echo no
